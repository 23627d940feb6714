// The pure workflow rules: each built-in guard and effect on hand-made cases, at its boundaries.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "domain/workflow_rules.hpp"
#include "rma/error.hpp"

using namespace rma;
using nlohmann::json;

namespace {

domain::CompiledRule rule(const char* name, json params = json::object()) { return {name, std::move(params)}; }

bool passes(const char* guard, const Case& c, json params = json::object()) {
  return domain::evaluate_builtin_guard(rule(guard, std::move(params)), c).passed;
}

CaseLine priced_line(std::int32_t no, std::int64_t unit_price, std::int64_t qty, const char* currency = "EUR") {
  CaseLine l;
  l.line_no = no;
  l.sku = "SKU-" + std::to_string(no);
  l.unit_price = unit_price;
  l.qty_requested = qty;
  l.currency = currency;
  l.vat_rate_bp = 2200;
  return l;
}

Case two_lines() {
  Case c;
  c.id = 7;
  c.number = "RMA-2026-000007-X";
  c.customer_id = "C1";
  c.lines = {priced_line(1, 1999, 2), priced_line(2, 501, 1)};  // 39.98 + 5.01 = 44.99 EUR
  return c;
}

}  // namespace

TEST_CASE("guard value_below / value_above: strictly below / above, on both sides of the threshold") {
  const Case c = two_lines();
  REQUIRE(domain::goods_value(c) == Money{4499, "EUR"});
  CHECK(passes("value_below", c, {{"amount", "45.00 EUR"}}));
  CHECK_FALSE(passes("value_below", c, {{"amount", "44.99 EUR"}}));  // equal is not below
  CHECK_FALSE(passes("value_below", c, {{"amount", "44.98 EUR"}}));
  CHECK(passes("value_above", c, {{"amount", "44.98 EUR"}}));
  CHECK_FALSE(passes("value_above", c, {{"amount", "44.99 EUR"}}));  // equal is not above
  CHECK_FALSE(passes("value_above", c, {{"amount", "45.00 EUR"}}));

  // Another currency, mixed currencies and an unpriced case never pass, and say why.
  GuardResult other = domain::evaluate_builtin_guard(rule("value_below", {{"amount", "100 JPY"}}), c);
  CHECK_FALSE(other.passed);
  CHECK(other.message.find("JPY") != std::string::npos);
  Case mixed = c;
  mixed.lines[1].currency = "PLN";
  CHECK_THROWS_AS(domain::goods_value(mixed), Error);
  CHECK_FALSE(passes("value_below", mixed, {{"amount", "1000.00 EUR"}}));
  Case unpriced;
  unpriced.lines = {CaseLine{}};
  CHECK_FALSE(domain::goods_value(unpriced).has_value());
  CHECK_FALSE(passes("value_below", unpriced, {{"amount", "1.00 EUR"}}));
  CHECK_FALSE(passes("value_above", unpriced, {{"amount", "0.00 EUR"}}));

  Case yen;
  yen.lines = {priced_line(1, 1000, 3, "JPY")};
  CHECK(passes("value_below", yen, {{"amount", "3001 JPY"}}));
  CHECK_FALSE(passes("value_below", yen, {{"amount", "3000 JPY"}}));
}

TEST_CASE("guard required_fields: case fields, every line's fields, custom fields") {
  Case c = two_lines();
  const json fields = {{"fields", {"assignee", "lines.condition", "custom_fields.rma_label", "priority"}}};
  GuardResult r = domain::evaluate_builtin_guard(rule("required_fields", fields), c);
  CHECK_FALSE(r.passed);
  CHECK(r.message == "missing: assignee, lines[1].condition, lines[2].condition, custom_fields.rma_label");
  c.assignee = "anna";
  c.lines[0].condition = "ok";
  c.lines[1].condition = "ok";
  c.custom_fields = R"({"rma_label": ""})";  // empty counts as missing
  CHECK_FALSE(passes("required_fields", c, fields));
  c.custom_fields = R"({"rma_label": "L-1"})";
  CHECK(passes("required_fields", c, fields));
  CHECK_FALSE(passes("required_fields", c, {{"fields", {"resolution"}}}));
  c.resolution = Resolution::refund;
  CHECK(passes("required_fields", c, {{"fields", {"resolution"}}}));
  CHECK_FALSE(passes("required_fields", c, {{"fields", {"lines.qty_received"}}}));
  c.lines[0].qty_received = 1;
  CHECK_FALSE(passes("required_fields", c, {{"fields", {"lines.qty_received"}}}));  // line 2 still 0
  c.lines[1].qty_received = 1;
  CHECK(passes("required_fields", c, {{"fields", {"lines.qty_received"}}}));
}

TEST_CASE("guards on lines, actions, repairs, resolution and attachments") {
  Case c = two_lines();
  CHECK_FALSE(passes("warranty_checked", c));
  c.lines[0].warranty = "{}";
  CHECK_FALSE(passes("warranty_checked", c));
  c.lines[1].warranty = "{}";
  CHECK(passes("warranty_checked", c));

  CHECK_FALSE(passes("all_lines_inspected", c));
  c.lines[0].condition = c.lines[1].condition = "used";
  CHECK(passes("all_lines_inspected", c));
  CHECK_FALSE(passes("all_lines_received", c));
  c.lines[0].qty_received = c.lines[1].qty_received = 1;
  CHECK(passes("all_lines_received", c));

  CHECK(passes("all_actions_done", c));  // no actions: nothing open
  Action a;
  a.title = "inspect";
  c.actions.push_back(a);
  CHECK_FALSE(passes("all_actions_done", c));
  c.actions[0].done_at = Timestamp{1};
  CHECK(passes("all_actions_done", c));

  CHECK_FALSE(passes("all_repairs_done", c));  // nothing repaired yet
  RepairOperation op;
  op.code = "FIX";
  c.repairs.push_back(op);
  CHECK_FALSE(passes("all_repairs_done", c));
  c.repairs[0].status = RepairStatus::cancelled;
  CHECK_FALSE(passes("all_repairs_done", c));  // cancelled only: no repair done
  c.repairs.push_back(op);
  c.repairs[1].status = RepairStatus::done;
  CHECK(passes("all_repairs_done", c));

  CHECK_FALSE(passes("resolution_chosen", c));
  c.resolution = Resolution::replace;
  CHECK(passes("resolution_chosen", c));
  CHECK_FALSE(passes("resolution_chosen", c, {{"allowed", {"refund", "credit_note"}}}));
  CHECK(passes("resolution_chosen", c, {{"allowed", {"refund", "replace"}}}));

  CHECK_FALSE(passes("attachment_present", c));
  Attachment pdf;
  pdf.media_type = "application/pdf";
  c.attachments.push_back(pdf);
  CHECK(passes("attachment_present", c));
  CHECK_FALSE(passes("attachment_present", c, {{"media_type_prefix", "image/"}}));
  Attachment photo;
  photo.media_type = "image/jpeg";
  c.attachments.push_back(photo);
  CHECK(passes("attachment_present", c, {{"media_type_prefix", "image/"}}));
}

TEST_CASE("effect set_expected_completion counts Monday to Friday, or calendar days") {
  const Date thursday = Date::from_iso("2026-03-12");
  const Date friday = Date::from_iso("2026-03-13");
  const Date saturday = Date::from_iso("2026-03-14");
  CHECK(domain::completion_date(thursday, 1, true) == friday);
  CHECK(domain::completion_date(friday, 1, true) == Date::from_iso("2026-03-16"));  // over the weekend
  CHECK(domain::completion_date(saturday, 1, true) == Date::from_iso("2026-03-16"));
  CHECK(domain::completion_date(friday, 0, true) == friday);
  CHECK(domain::completion_date(friday, 5, true) == Date::from_iso("2026-03-20"));
  CHECK(domain::completion_date(friday, 1, false) == saturday);
  CHECK(domain::completion_date(Date::from_iso("2026-12-31"), 1, false) == Date::from_iso("2027-01-01"));

  Case c = two_lines();
  json changes = json::object();
  domain::apply_case_effect(rule("set_expected_completion", {{"days", 1}}), c, friday, Limits(), changes);
  CHECK(c.expected_completion == Date::from_iso("2026-03-16"));
  CHECK(changes["expected_completion"]["after"] == "2026-03-16");
}

TEST_CASE("effects assign and set_field change the case and report before and after") {
  Case c = two_lines();
  json changes = json::object();
  domain::apply_case_effect(rule("assign", {{"team", "logistics"}}), c, Date{}, Limits(), changes);
  CHECK(c.team == "logistics");
  CHECK(c.assignee.empty());
  domain::apply_case_effect(rule("set_field", {{"field", "resolution"}, {"value", "reject"}}), c, Date{}, Limits(),
                            changes);
  CHECK(c.resolution == Resolution::reject);
  domain::apply_case_effect(rule("set_field", {{"field", "custom_fields.carrier"}, {"value", {{"name", "DHL"}}}}), c,
                            Date{}, Limits(), changes);
  CHECK(json::parse(c.custom_fields)["carrier"]["name"] == "DHL");
  CHECK(changes["team"]["before"] == "");
  CHECK(changes["resolution"]["after"] == "reject");
  CHECK(changes.contains("custom_fields"));
  // Effects that do not change the case leave it and the changes alone.
  const json before = changes;
  domain::apply_case_effect(rule("notify", {{"template", "x"}}), c, Date{}, Limits(), changes);
  CHECK(changes == before);
}

TEST_CASE("effect outbox: lines with net, VAT and gross, and totals; notify: recipients") {
  Case c = two_lines();
  c.lines[0].qty_accepted = 1;  // accepted wins over requested
  const json payload = domain::outbox_payload("credit_note_request", c);
  CHECK(payload["topic"] == "credit_note_request");
  CHECK(payload["lines"][0]["quantity"] == 1);
  CHECK(payload["lines"][0]["net"] == 1999);
  CHECK(payload["lines"][0]["vat"] == 440);  // 19.99 × 22 % = 4.3978 → 4.40
  CHECK(payload["lines"][0]["gross"] == 2439);
  CHECK(payload["lines"][1]["net"] == 501);
  CHECK(payload["totals"]["net"] == 2500);
  CHECK(payload["totals"]["vat"] == 440 + 110);  // 5.01 × 22 % = 1.1022 → 1.10
  CHECK(payload["totals"]["gross"] == 2500 + 550);

  c.assignee = "anna";
  c.team = "returns";
  const auto to = domain::notification_recipients(json{"customer", "assignee", "team", "supplier"}, c);
  CHECK(to == std::vector<std::string>{"customer:C1", "operator:anna", "team:returns"});  // no supplier
}

TEST_CASE("workflow selection and assignment: the first match in order") {
  WorkflowConfig config = default_workflow_config();
  Case c;
  c.kind = CaseKind::complaint;
  c.category = ComplaintCategory::transport;
  c.channel = Channel::b2b;
  REQUIRE(domain::select_workflow(config, c) != nullptr);
  CHECK(domain::select_workflow(config, c)->id == "complaint");
  CHECK(domain::select_assignment(config, c, "")->team == "logistics");
  c.kind = CaseKind::repair;
  c.category = ComplaintCategory::none;
  CHECK(domain::select_workflow(config, c)->id == "warranty_repair");
  AssignmentRule gold;
  gold.when.customer_tiers = {"gold"};
  gold.assignee = "vip-desk";
  config.assignment.insert(config.assignment.begin(), gold);
  CHECK(domain::select_assignment(config, c, "gold")->assignee == "vip-desk");
  CHECK(domain::select_assignment(config, c, "silver")->team == "service");
}

TEST_CASE("effect set_expected_completion on a calendar skips its holidays and closed days") {
  const BusinessCalendar office = BusinessCalendar::from_json(R"({
    "time_zone": "CET-1CEST,M3.5.0,M10.5.0/3",
    "week": {"monday": ["08:00-12:00", "13:00-17:00"], "tuesday": ["08:00-17:00"], "wednesday": ["08:00-17:00"],
             "thursday": ["08:00-17:00"], "friday": ["08:00-17:00"], "saturday": ["09:00-12:00"]},
    "holidays": [{"date": "2026-03-16", "name": "closed Monday"}]})");
  const Date friday = Date::from_iso("2026-03-13");
  CHECK(domain::completion_date(friday, 1, true, &office) == Date::from_iso("2026-03-14"));  // Saturday opens
  CHECK(domain::completion_date(friday, 2, true, &office) == Date::from_iso("2026-03-17"));  // not the holiday
  CHECK(domain::completion_date(friday, 2, true) == Date::from_iso("2026-03-17"));           // Mon–Fri: Tuesday too
  CHECK(domain::completion_date(friday, 1, true) == Date::from_iso("2026-03-16"));
}
