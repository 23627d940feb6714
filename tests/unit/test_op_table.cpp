// The op table (src/api/ops.def): one list drives dispatch, batchability and the batch's refusal;
// every command on parties, the catalogue and cases runs in a batch; sla.due reads seconds (and
// the older hours).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "api/op_table.hpp"
#include "rma/engine.hpp"
#include "rma/error.hpp"
#include "rma/json_api.hpp"

using nlohmann::json;
using namespace rma;

namespace {

struct Door {
  Engine engine = Engine::open(":memory:");
  JsonApi api{engine};

  Door() { call("operator.upsert", {{"id", "root"}, {"name", "Root"}, {"role", "admin"}}, "system:setup"); }
  json call(const std::string& op, const json& request, const char* actor = "admin:root") {
    return json::parse(api.call(actor, op, request.dump()));
  }
  Error fail(const std::string& op, const json& request, const char* actor = "admin:root") {
    try {
      api.call(actor, op, request.dump());
    } catch (const Error& e) {
      return e;
    }
    return Error(Status::ok, "", "no error");
  }
  Error fail_in_batch(const std::string& op, const json& request) {
    return fail("batch", {{"commands", {{{"op", op}, {"request", request}}}}});
  }
};

const json kDraft = json::parse(R"({"kind":"return","channel":"b2c","customer_id":"C1",
  "lines":[{"sku":"PHONE-1","serial":"SN-1","quantity":1},{"sku":"CABLE-2","quantity":5}]})");

}  // namespace

TEST_CASE("op table: every op once, in enum order, with its C function and Python method") {
  std::set<std::string> names, c_functions;
  std::size_t i = 0;
  for (const api::OpInfo& op : api::op_table()) {
    CHECK(static_cast<std::size_t>(op.op) == i++);  // kOps[op] is the entry of op
    CHECK(names.insert(std::string(op.name)).second);
    CHECK(c_functions.insert(std::string(op.c_function)).second);
    CHECK(std::string(op.c_function).rfind("rma_", 0) == 0);
    CHECK(!op.python_method.empty());
  }
}

TEST_CASE("op table: a batch takes exactly the ops marked batch, and says which") {
  Door d;
  const std::string batchable = api::batchable_op_names();
  for (const api::OpInfo& op : api::kOps) {
    CAPTURE(op.name);
    // An empty request: a batch op fails decoding it, any other op is refused as a command.
    const Error e = d.fail_in_batch(std::string(op.name), json::object());
    if (op.batch == api::Batchable::batch) {
      CHECK(batchable.find(std::string(op.name)) != std::string::npos);
      CHECK(e.status() != Status::ok);
      CHECK(e.status() != Status::internal);
      CHECK(e.field() != "commands[0].op");
    } else {
      CHECK(e.status() == Status::invalid_argument);
      CHECK(e.field() == "commands[0].op");
      CHECK(std::string(e.what()).find("write ops only: " + batchable + ")") != std::string::npos);
    }
  }
  for (const char* op : {"supplier.upsert", "operator.upsert", "case.split", "case.reopen", "case.delete"}) {
    CHECK(batchable.find(op) != std::string::npos);
  }
}

TEST_CASE("op table: supplier and operator upserts, split and delete run in a batch, all or none") {
  Door d;
  d.call("customer.upsert", {{"id", "C1"}, {"name", "Rossi"}});
  const json ok = d.call("batch", {{"answers", "full"},
                                   {"commands",
                                    {{{"op", "supplier.upsert"}, {"request", {{"id", "S1"}, {"name", "Parts"}}}},
                                     {{"op", "operator.upsert"},
                                      {"request", {{"id", "anna"}, {"name", "Anna"}, {"role", "operator"}}}},
                                     {{"op", "case.create"}, {"request", kDraft}},
                                     {{"op", "case.split"}, {"request", {{"case_id", 1}, {"lines", {{{"line_no", 2}, {"quantity", 5}}}}}}}}}});
  REQUIRE(ok["results"].size() == 4);
  CHECK(ok["results"][0]["name"] == "Parts");
  CHECK(ok["results"][1]["role"] == "operator");
  CHECK(d.call("supplier.get", {{"id", "S1"}})["name"] == "Parts");
  CHECK(d.call("operator.get", {{"id", "anna"}})["name"] == "Anna");
  CHECK(d.call("case.get", {{"case_id", 2}})["lines"].size() == 1);

  // The delete of a case that does not exist undoes the supplier upsert before it.
  const Error e = d.fail("batch", {{"commands",
                                    {{{"op", "supplier.upsert"}, {"request", {{"id", "S2"}, {"name", "Other"}}}},
                                     {{"op", "case.delete"}, {"request", {{"case_id", 999}, {"reason", "dup"}}}}}}});
  CHECK(e.status() == Status::not_found);
  CHECK(e.field().rfind("commands[1]", 0) == 0);
  CHECK(d.fail("supplier.get", {{"id", "S2"}}).status() == Status::not_found);

  const json deleted = d.call("batch", {{"commands",
                                         {{{"op", "case.delete"}, {"request", {{"case_id", 2}, {"reason", "dup"}}}}}}});
  CHECK(deleted["results"][0]["op"] == "case.delete");
  CHECK(d.fail("case.get", {{"case_id", 2}}).status() == Status::not_found);
}

TEST_CASE("sla.due: seconds like every duration, hours still read, not both") {
  Door d;
  const std::int64_t max_seconds = 24LL * 3650 * 3600;
  CHECK(d.call("sla.due", {{"seconds", max_seconds}})["items"].is_array());
  CHECK(d.call("sla.due", {{"seconds", 0}})["items"].is_array());
  CHECK(d.call("sla.due", {{"hours", 24 * 3650}})["items"].is_array());
  Error e = d.fail("sla.due", {{"seconds", max_seconds + 1}});
  CHECK(e.status() == Status::out_of_range);
  CHECK(e.field() == "seconds");
  e = d.fail("sla.due", {{"seconds", -1}});
  CHECK(e.status() == Status::out_of_range);
  CHECK(e.field() == "seconds");
  e = d.fail("sla.due", {{"seconds", 3600}, {"hours", 1}});
  CHECK(e.status() == Status::invalid_argument);
  CHECK(e.field() == "hours");
  e = d.fail("sla.due", json::object());
  CHECK(e.status() == Status::missing_field);
}
