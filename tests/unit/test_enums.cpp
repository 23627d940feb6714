// Stable names of the enums that travel through JSON, SQLite and Python, plus the status names
// the C ABI reports. A rename here breaks stored data and hosts, so every name is spelled out.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "rma/case.hpp"
#include "rma/error.hpp"
#include "rma/note.hpp"
#include "rma/query.hpp"
#include "rma/version.hpp"

namespace {

template <typename Enum, typename ToName, typename FromName>
void check_names(const std::vector<std::pair<Enum, const char*>>& expected, ToName to_name, FromName from_name) {
  for (const auto& [value, name] : expected) {
    const char* const name_ = name;  // clang < 16 cannot capture a structured binding
    CAPTURE(name_);
    CHECK(std::string(to_name(value)) == name);
    REQUIRE(from_name(name).has_value());
    CHECK(*from_name(name) == value);
    // Exact and case-sensitive: no upper case, no padding, no prefixes.
    std::string upper = name;
    upper[0] = static_cast<char>(upper[0] - 'a' + 'A');
    CHECK_FALSE(from_name(upper).has_value());
    CHECK_FALSE(from_name(std::string(name) + " ").has_value());
    CHECK_FALSE(from_name(std::string(name).substr(1)).has_value());
  }
  CHECK_FALSE(from_name("").has_value());
  CHECK_FALSE(from_name("unknown").has_value());
  CHECK(std::string(to_name(static_cast<Enum>(99))) == "unknown");
}

}  // namespace

TEST_CASE("enums: case kind") {
  using rma::CaseKind;
  check_names<CaseKind>({{CaseKind::return_, "return"},
                         {CaseKind::repair, "repair"},
                         {CaseKind::complaint, "complaint"},
                         {CaseKind::customization, "customization"}},
                        rma::case_kind_name, rma::case_kind_from_name);
  CHECK_FALSE(rma::case_kind_from_name("return_").has_value());
}

TEST_CASE("enums: complaint category") {
  using rma::ComplaintCategory;
  check_names<ComplaintCategory>({{ComplaintCategory::none, "none"},
                                  {ComplaintCategory::quality, "quality"},
                                  {ComplaintCategory::quantity, "quantity"},
                                  {ComplaintCategory::transport, "transport"}},
                                 rma::complaint_category_name, rma::complaint_category_from_name);
}

TEST_CASE("enums: channel") {
  using rma::Channel;
  check_names<Channel>({{Channel::b2b, "b2b"},
                        {Channel::b2c, "b2c"},
                        {Channel::retail_chain, "retail_chain"},
                        {Channel::supplier, "supplier"}},
                       rma::channel_name, rma::channel_from_name);
  CHECK_FALSE(rma::channel_from_name("retail-chain").has_value());
}

TEST_CASE("enums: priority") {
  using rma::Priority;
  check_names<Priority>(
      {{Priority::low, "low"}, {Priority::normal, "normal"}, {Priority::high, "high"}, {Priority::urgent, "urgent"}},
      rma::priority_name, rma::priority_from_name);
}

TEST_CASE("enums: resolution") {
  using rma::Resolution;
  check_names<Resolution>({{Resolution::none, "none"},
                           {Resolution::refund, "refund"},
                           {Resolution::replace, "replace"},
                           {Resolution::repair, "repair"},
                           {Resolution::credit_note, "credit_note"},
                           {Resolution::reject, "reject"},
                           {Resolution::goodwill, "goodwill"}},
                          rma::resolution_name, rma::resolution_from_name);
}

TEST_CASE("enums: note visibility") {
  using rma::Visibility;
  check_names<Visibility>({{Visibility::internal, "internal"}, {Visibility::external, "external"}},
                          rma::visibility_name, rma::visibility_from_name);
}

TEST_CASE("enums: case sort") {
  using rma::CaseSort;
  check_names<CaseSort>({{CaseSort::created_at, "created_at"},
                         {CaseSort::updated_at, "updated_at"},
                         {CaseSort::number, "number"},
                         {CaseSort::priority, "priority"},
                         {CaseSort::status, "status"},
                         {CaseSort::kind, "kind"},
                         {CaseSort::channel, "channel"},
                         {CaseSort::category, "category"},
                         {CaseSort::customer_id, "customer_id"},
                         {CaseSort::assignee, "assignee"},
                         {CaseSort::team, "team"},
                         {CaseSort::supplier_id, "supplier_id"},
                         {CaseSort::resolution, "resolution"},
                         {CaseSort::root_cause, "root_cause"},
                         {CaseSort::id, "id"}},
                        rma::case_sort_name, rma::case_sort_from_name);
}

TEST_CASE("enums: status names match the enum members and their fixed numbers") {
  using rma::Status;
  const std::vector<std::pair<int, const char*>> expected = {
      {0, "ok"},           {1, "invalid_argument"}, {2, "not_found"},      {3, "conflict"},
      {4, "transition_denied"}, {5, "permission_denied"}, {6, "malformed_json"}, {7, "missing_field"},
      {8, "wrong_type"},   {9, "unknown_value"},    {10, "out_of_range"},  {11, "too_large"},
      {12, "invalid_utf8"}, {13, "duplicate"},      {14, "storage"},       {15, "no_memory"},
      {16, "internal"}};
  for (const auto& [code, name] : expected) {
    const auto code_ = code;  // clang < 16 cannot capture a structured binding
    CAPTURE(code_);
    CHECK(std::string(rma::status_name(static_cast<Status>(code))) == name);
  }
  CHECK(std::string(rma::status_name(static_cast<Status>(17))) == "unknown");
  CHECK(std::string(rma::status_name(static_cast<Status>(-1))) == "unknown");
}

TEST_CASE("enums: Error carries status and field, and what() puts the field first") {
  const rma::Error with_field(rma::Status::out_of_range, "lines[1].quantity", "0 is below 1");
  CHECK(with_field.status() == rma::Status::out_of_range);
  CHECK(with_field.field() == "lines[1].quantity");
  CHECK(std::string(with_field.what()) == "lines[1].quantity: 0 is below 1");

  const rma::Error without_field(rma::Status::not_found, "case 7 does not exist");
  CHECK(without_field.field().empty());
  CHECK(std::string(without_field.what()) == "case 7 does not exist");
}

TEST_CASE("enums: the runtime version agrees with the header") {
  CHECK(rma::version_number() == RMA_VERSION_NUMBER);
  CHECK(rma::version_number() == 100u);
  CHECK(std::string(rma::version_string()) == "0.1.0");
}
