// Bounded work for any JSON input: every JSON text librma reads refuses nesting deeper than
// limits.max_json_depth while it is parsed (too_large, naming the path where the limit was
// crossed), so a million levels are answered on a 256 KiB thread stack, in little memory and
// without writing anything; and integers past 64 bits are out_of_range, not wrong_type.
#include <doctest/doctest.h>

#include <pthread.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine_fixture.hpp"
#include "rma/rma.hpp"

using namespace rma;
using nlohmann::json;
using rma_test::EngineFixture;

TEST_SUITE_BEGIN("json limits");

namespace {

constexpr int kMillion = 1000000;
constexpr const char* kStaff = "operator:anna";

// Runs `body` on a thread with a 256 KiB stack (what a JVM or .NET host may give its threads,
// far less than a main thread's 8 MiB) and rethrows what it threw.
void on_small_stack(const std::function<void()>& body) {
  struct Job {
    const std::function<void()>* body;
    std::exception_ptr error;
  };
  Job job{&body, nullptr};
  pthread_attr_t attr;
  REQUIRE(pthread_attr_init(&attr) == 0);
  REQUIRE(pthread_attr_setstacksize(&attr, 256 * 1024) == 0);
  pthread_t thread;
  const int created = pthread_create(
      &thread, &attr,
      [](void* arg) -> void* {
        auto* j = static_cast<Job*>(arg);
        try {
          (*j->body)();
        } catch (...) {
          j->error = std::current_exception();
        }
        return nullptr;
      },
      &job);
  pthread_attr_destroy(&attr);
  REQUIRE(created == 0);
  pthread_join(thread, nullptr);
  if (job.error) std::rethrow_exception(job.error);
}

// The rma::Error `body` throws, or nullopt.
std::optional<Error> error_of(const std::function<void()>& body) {
  try {
    body();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

// The same on the small stack.
std::optional<Error> error_on_small_stack(const std::function<void()>& body) {
  std::optional<Error> error;
  on_small_stack([&] { error = error_of(body); });
  return error;
}

// `levels` nested arrays around `inner`: arrays(2, "1") is [[1]].
std::string arrays(int levels, const std::string& inner = "") {
  return std::string(static_cast<std::size_t>(levels), '[') + inner + std::string(static_cast<std::size_t>(levels), ']');
}

// `levels` nested objects, each holding the next as member "a": objects(2, "1") is {"a":{"a":1}}.
std::string objects(int levels, const std::string& inner = "1") {
  std::string out;
  out.reserve(static_cast<std::size_t>(levels) * 6 + inner.size());
  for (int i = 0; i < levels; ++i) out += "{\"a\":";
  out += inner;
  out.append(static_cast<std::size_t>(levels), '}');
  return out;
}

// `base` followed by `count` array steps ("[0]") or member steps (".a").
std::string indexes(std::string base, int count) {
  for (int i = 0; i < count; ++i) base += "[0]";
  return base;
}
std::string members(std::string base, int count) {
  for (int i = 0; i < count; ++i) base += base.empty() ? "a" : ".a";
  return base;
}

// How deeply `value` nests ({} and [] are one level).
int depth_of(const json& value) {
  int deepest = 0;
  if (value.is_structured()) {
    for (const json& item : value) deepest = std::max(deepest, depth_of(item));
    return deepest + 1;
  }
  return 0;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A case.create request whose custom_fields hold `inner` under "a".
std::string case_with_custom_fields(const std::string& inner) {
  return R"({"kind":"return","channel":"b2c","customer_id":"C1","lines":[{"sku":"CABLE-2","quantity":1}],)"
         R"("custom_fields":{"a":)" +
         inner + "}}";
}

// A process's memory figure from /proc/self/status ("VmRSS", "VmHWM"), in bytes.
std::int64_t status_bytes(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, key.size() + 1, key + ":") == 0) return std::stoll(line.substr(key.size() + 1)) * 1024;
  }
  return -1;
}

// Counts the commits other connections make to a database file: SQLite's data_version changes
// when another connection commits, so an unchanged value means nothing was written.
struct WriteWatch {
  SQLite::Database db;
  std::int64_t seen;
  explicit WriteWatch(const std::string& path) : db(path, SQLite::OPEN_READONLY), seen(version()) {}
  std::int64_t version() { return db.execAndGet("PRAGMA data_version").getInt64(); }
  bool unchanged() { return version() == seen; }
};

}  // namespace

TEST_CASE("JSON depth: a request 64 levels deep is read, 65 is too_large naming where the limit was crossed") {
  EngineFixture f;
  JsonApi api{f.engine};
  // The request is level 1, custom_fields level 2 and its "a" level 3: n arrays there nest 2 + n deep.
  const json created = json::parse(api.call(kStaff, "case.create", case_with_custom_fields(arrays(62))));
  CHECK(depth_of(created["custom_fields"]) == 63);
  const json read = json::parse(api.call(kStaff, "case.get", json{{"case_id", created["id"]}}.dump()));
  CHECK(read["custom_fields"] == created["custom_fields"]);

  const std::int64_t events = f.event_count();
  const auto refused = error_of([&] { api.call(kStaff, "case.create", case_with_custom_fields(arrays(63))); });
  REQUIRE(refused);
  CHECK(refused->status() == Status::too_large);
  CHECK(refused->field() == indexes("custom_fields.a", 62));
  CHECK(contains(refused->what(), "65 levels deep, more than the limit of 64"));
  CHECK(f.event_count() == events);

  // The same boundary in the other documents a request carries: a patch and an outbox payload.
  const std::string id = std::to_string(created["id"].get<std::int64_t>());
  const auto patch = [&](int levels) {
    return R"({"case_id":)" + id + R"(,"changes":{"custom_fields":{"a":)" + arrays(levels) + "}}}";
  };
  CHECK_NOTHROW(api.call(kStaff, "case.update", patch(61)));
  const auto post = [&](int levels) {
    return R"({"case_id":)" + id + R"(,"topic":"t","payload":{"a":)" + arrays(levels) + "}}";
  };
  CHECK(depth_of(json::parse(api.call(kStaff, "outbox.post", post(62)))["payload"]) == 63);
  const std::int64_t after_writes = f.event_count();
  struct Refused {
    const char* op;
    std::string request;
    std::string field;
  };
  for (const Refused& row : {Refused{"case.update", patch(62), indexes("changes.custom_fields.a", 61)},
                             Refused{"outbox.post", post(63), indexes("payload.a", 62)}}) {
    CAPTURE(row.op);
    const auto error = error_of([&] { api.call(kStaff, row.op, row.request); });
    REQUIRE(error);
    CHECK(error->status() == Status::too_large);
    CHECK(error->field() == row.field);
  }
  CHECK(f.event_count() == after_writes);
}

TEST_CASE("JSON depth: a configured limit applies at its boundary, and the limit itself is bounded") {
  Options options;
  options.limits.max_json_depth = 8;
  EngineFixture f(":memory:", options);
  JsonApi api{f.engine};
  CHECK_NOTHROW(api.call(kStaff, "case.create", case_with_custom_fields(arrays(6))));
  const auto request = error_of([&] { api.call(kStaff, "case.create", case_with_custom_fields(arrays(7))); });
  REQUIRE(request);
  CHECK(request->status() == Status::too_large);
  CHECK(request->field() == indexes("custom_fields.a", 6));
  CHECK(contains(request->what(), "9 levels deep, more than the limit of 8"));
  // From C++ the custom fields are their own document: level 1 is the object itself.
  CaseDraft draft = EngineFixture::two_line_draft();
  draft.lines[0].serial = "SN-8";
  draft.custom_fields = R"({"a":)" + arrays(7) + "}";
  CHECK_NOTHROW(f.engine.create_case(f.op, draft));
  draft.custom_fields = R"({"a":)" + arrays(8) + "}";
  const auto fields = error_of([&] { f.engine.create_case(f.op, draft); });
  REQUIRE(fields);
  CHECK(fields->status() == Status::too_large);
  CHECK(fields->field() == indexes("custom_fields.a", 7));

  CHECK(options_from_json(R"({"limits": {"max_json_depth": 1}})").limits.max_json_depth == 1);
  CHECK(options_from_json(R"({"limits": {"max_json_depth": 256}})").limits.max_json_depth == kMaxJsonDepth);
  for (const char* bad : {R"({"limits": {"max_json_depth": 0}})", R"({"limits": {"max_json_depth": 257}})"}) {
    CAPTURE(bad);
    const auto error = error_of([&] { options_from_json(bad); });
    REQUIRE(error);
    CHECK(error->status() == Status::out_of_range);
    CHECK(error->field() == "limits.max_json_depth");
  }
  Options too_deep;
  too_deep.limits.max_json_depth = kMaxJsonDepth + 1;
  CHECK(rma_test::status_of([&] { Engine::open(":memory:", too_deep); }) == Status::out_of_range);
}

TEST_CASE("JSON depth: a million levels through every door, on a 256 KiB stack, answer too_large and write nothing") {
  rma_test::TempDb db;
  Options options;
  options.limits.max_request_bytes = 64 * 1024 * 1024;  // so that depth, not size, is what refuses
  EngineFixture f(db.path, options);
  const Case existing = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  const std::string id = std::to_string(existing.id);
  JsonApi api{f.engine};
  WriteWatch watch(db.path);
  const std::int64_t events = f.event_count();

  const std::string deep_arrays = arrays(kMillion);
  const std::string deep_objects = objects(kMillion);
  struct Row {
    const char* actor;
    const char* op;
    std::string request;
    std::string field;
  };
  const std::vector<Row> rows = {
      {"customer:nobody", "number.parse", deep_arrays, indexes("", 64)},
      {"customer:nobody", "number.parse", deep_objects, members("", 64)},
      {"customer:nobody", "number.parse", R"({"number":)" + deep_arrays + "}", indexes("number", 63)},
      // An invalid UTF-8 byte at the bottom, in a string and outside any.
      {"customer:nobody", "number.parse", arrays(kMillion, "\"\xff\""), indexes("", 64)},
      {"customer:nobody", "number.parse", arrays(kMillion, "\xff"), indexes("", 64)},
      {"customer:nobody", "number.parse", objects(kMillion, "\"caf\xc3\""), members("", 64)},
      {"customer:C1", "case.create", case_with_custom_fields(deep_objects), members("custom_fields.a", 62)},
      {kStaff, "case.create", case_with_custom_fields(deep_arrays), indexes("custom_fields.a", 62)},
      {kStaff, "case.update", R"({"case_id":)" + id + R"(,"changes":{"custom_fields":)" + deep_objects + "}}",
       members("changes.custom_fields", 62)},
      {kStaff, "outbox.post", R"({"case_id":)" + id + R"(,"topic":"t","payload":)" + deep_arrays + "}",
       indexes("payload", 63)},
      {kStaff, "customer.upsert", R"({"id":"C9","name":"x","addresses":)" + deep_arrays + "}",
       indexes("addresses", 63)},
      {kStaff, "batch", R"({"commands":[{"op":"case.create","request":)" + deep_objects + "}]}",
       members("commands[0].request", 61)},
      {"admin:root", "workflow.configure", R"({"workflows":)" + deep_arrays + "}", indexes("workflows", 63)},
      {"admin:root", "sla.configure", R"({"policies":)" + deep_objects + "}", members("policies", 63)},
      {"admin:root", "warranty.configure", deep_objects, members("", 64)},
      {"admin:root", "valuation.configure", R"({"restocking_fees":)" + deep_arrays + "}",
       indexes("restocking_fees", 63)},
      {kStaff, "import.run", R"({"kind":"customers","format":"jsonl","content":"","x":)" + deep_arrays + "}",
       indexes("x", 63)},
  };
  for (const Row& row : rows) {
    CAPTURE(row.op);
    CAPTURE(row.field);
    const std::optional<Error> error = error_on_small_stack([&] { api.call(row.actor, row.op, row.request); });
    REQUIRE(error);
    CHECK(error->status() == Status::too_large);
    CHECK(error->field() == row.field);
    CHECK(contains(error->what(), "more than the limit of 64"));
    CHECK(watch.unchanged());
  }

  // An import row a million levels deep is a rejected row (the report names it), not a crash.
  const std::string row = R"({"id":"C9","name":"x","addresses":)" + deep_arrays + "}";
  json report;
  on_small_stack([&] {
    report = json::parse(api.call(kStaff, "import.run",
                                  json{{"kind", "customers"}, {"format", "jsonl"}, {"content", row}}.dump()));
  });
  CHECK(report["committed"] == false);
  CHECK(report["rows_rejected"] == 1);
  REQUIRE(report["errors"].size() == 1);
  CHECK(report["errors"][0]["field"] == indexes("addresses", 63));
  CHECK(contains(report["errors"][0]["reason"].get<std::string>(), "65 levels deep, more than the limit of 64"));
  // The same with an invalid UTF-8 byte at the bottom (only C++ can pass such bytes).
  ImportReport from_cpp;
  on_small_stack([&] {
    from_cpp = f.engine.import_run(f.op, ImportKind::customers, ImportFormat::jsonl,
                                    R"({"id":"C9","name":"x","addresses":)" + arrays(kMillion, "\"\xff\"") + "}",
                                    ImportOptions());
  });
  REQUIRE(from_cpp.errors.size() == 1);
  CHECK(from_cpp.errors[0].field == indexes("addresses", 63));
  CHECK(contains(from_cpp.errors[0].reason, "more than the limit of 64"));
  CHECK(watch.unchanged());

  // C++ callers: their JSON text is bounded by the engine's limit, or by the default of 64 where
  // no engine is involved.
  CaseDraft draft = EngineFixture::two_line_draft();
  draft.custom_fields = deep_objects;
  CasePatch patch;
  patch.custom_fields = deep_arrays;
  struct Call {
    const char* name;
    std::function<void()> call;
    std::string field;
  };
  const std::vector<Call> calls = {
      {"create_case", [&] { f.engine.create_case(f.op, draft); }, members("custom_fields", 64)},
      {"update_case", [&] { f.engine.update_case(f.op, existing.id, patch); }, indexes("changes.custom_fields", 64)},
      {"post_message", [&] { f.engine.outbox_post(f.op, existing.id, "t", deep_arrays); }, indexes("payload", 64)},
      {"options_from_json", [&] { options_from_json(R"({"limits":)" + deep_arrays + "}"); }, indexes("limits", 63)},
      {"workflow_config_from_json", [&] { workflow_config_from_json(deep_objects); }, members("", 64)},
      {"sla_config_from_json", [&] { sla_config_from_json(deep_arrays); }, indexes("", 64)},
      {"warranty_config_from_json", [&] { warranty_config_from_json(deep_objects); }, members("", 64)},
      {"valuation_rules_from_json", [&] { valuation_rules_from_json(deep_arrays); }, indexes("", 64)},
      {"BusinessCalendar::from_json", [&] { BusinessCalendar::from_json(deep_objects); }, members("", 64)},
  };
  for (const Call& c : calls) {
    CAPTURE(c.name);
    const std::optional<Error> error = error_on_small_stack(c.call);
    REQUIRE(error);
    CHECK(error->status() == Status::too_large);
    CHECK(error->field() == c.field);
    CHECK(watch.unchanged());
  }
  // An idempotent draft is fingerprinted before it is validated: bounded too.
  draft.idempotency_key = "k-1";
  const std::optional<Error> idempotent = error_on_small_stack([&] { f.engine.create_case(f.op, draft); });
  REQUIRE(idempotent);
  CHECK(idempotent->status() == Status::too_large);
  CHECK(watch.unchanged());
  CHECK(f.event_count() == events);
}

TEST_CASE("JSON depth: answering a million-level request takes little memory") {
  const std::vector<std::pair<const char*, std::string>> requests = {
      {"arrays", arrays(kMillion)},
      {"objects", objects(kMillion)},
      {"custom fields", case_with_custom_fields(objects(kMillion))},
  };
  Options big;
  big.limits.max_request_bytes = 64 * 1024 * 1024;
  EngineFixture roomy(":memory:", big);
  JsonApi roomy_api{roomy.engine};
  for (const auto& item : requests) {
    const std::string name = item.first;
    const std::string& request = item.second;
    CAPTURE(name);
    // Resetting the peak (Linux: "5" to clear_refs) makes VmHWM the peak of this request alone.
    const bool reset = static_cast<bool>(std::ofstream("/proc/self/clear_refs") << "5");
    const std::int64_t before = status_bytes(reset ? "VmRSS" : "VmHWM");
    REQUIRE(before > 0);
    CHECK(rma_test::status_of([&] { roomy_api.call(kStaff, "case.create", request); }) == Status::too_large);
    const std::int64_t growth = status_bytes("VmHWM") - before;
    MESSAGE(name << ": " << request.size() << " request bytes, peak memory growth " << growth / 1024 << " KiB"
                 << std::string(reset ? "" : " (peak not resettable: an upper bound only)"));
    CHECK(growth < 64 * 1024 * 1024);
  }
}

TEST_CASE("a NUL byte anywhere in JSON text is malformed_json at its byte, not the end of the text") {
  EngineFixture f;
  JsonApi api{f.engine};
  using namespace std::string_literals;
  // The parser underneath stops at a NUL byte: without the check the first would read as 5 and
  // the second as a valid request, each ignoring what follows.
  for (const std::string& request : {"5\0[[[[[["s, R"({"case_id": 1})"s + "\0"s + R"({"x":)"s, "{\0}"s}) {
    CAPTURE(request.size());
    const auto error = error_of([&] { api.call("admin:root", "case.get", request); });
    REQUIRE(error);
    CHECK(error->status() == Status::malformed_json);
    CHECK(std::string(error->what()).find("at byte " + std::to_string(request.find('\0'))) != std::string::npos);
  }
  // Escaped inside a string, U+0000 is JSON like any other character.
  const auto escaped = error_of([&] { api.call("admin:root", "case.get", R"({"case_id": 1, "x\u0000": 1})"); });
  REQUIRE(escaped);
  CHECK(escaped->status() == Status::unknown_value);
}

TEST_CASE("integers past 64 bits are out_of_range naming the field; fractions stay wrong_type") {
  EngineFixture f;
  JsonApi api{f.engine};
  struct Row {
    const char* op;
    std::string request;
    Status status;
    const char* field;
  };
  const std::vector<Row> rows = {
      // case_id is 1..2^63-1: the top of that range is read (and found missing), one past it is not.
      {"case.get", R"({"case_id": 9223372036854775807})", Status::not_found, nullptr},
      {"case.get", R"({"case_id": 9223372036854775808})", Status::out_of_range, "case_id"},
      {"case.get", R"({"case_id": 18446744073709551615})", Status::out_of_range, "case_id"},
      {"case.get", R"({"case_id": 18446744073709551616})", Status::out_of_range, "case_id"},
      {"case.get", R"({"case_id": 1e30})", Status::out_of_range, "case_id"},
      {"case.get", R"({"case_id": -9223372036854775808})", Status::out_of_range, "case_id"},
      {"case.get", R"({"case_id": -9223372036854775809})", Status::out_of_range, "case_id"},
      {"case.get", R"({"case_id": -18446744073709551616})", Status::out_of_range, "case_id"},
      {"case.get", R"({"case_id": 1.5})", Status::wrong_type, "case_id"},
      {"case.get", R"({"case_id": 2.0})", Status::wrong_type, "case_id"},
      {"case.get", R"({"case_id": 9.2e18})", Status::wrong_type, "case_id"},
      {"case.create",
       R"({"kind":"return","channel":"b2c","customer_id":"C1","lines":[{"sku":"X","quantity":18446744073709551616}]})",
       Status::out_of_range, "lines[0].quantity"},
      {"outbox.ack", R"({"seqs": [1, 18446744073709551616]})", Status::out_of_range, "seqs[1]"},
      {"sla.configure", R"({"policies": [{"name": "d", "targets": {"resolution": {"hours": 18446744073709551616}}}]})",
       Status::out_of_range, "policies[0].targets.resolution.hours"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.request);
    const auto error = error_of([&] { api.call("admin:root", row.op, row.request); });
    REQUIRE(error);
    CHECK(error->status() == row.status);
    if (row.field) CHECK(error->field() == row.field);
  }

  // The JSON Lines import reads its integers the same way.
  const auto import = [&](const std::string& quantity) {
    return f.engine.import_run(
        f.op, ImportKind::sales_documents, ImportFormat::jsonl,
        R"({"id":"INV-1","date":"2026-03-01","customer_id":"C1","channel":"b2c","currency":"EUR","lines":[)"
        R"({"line_no":1,"sku":"CABLE-2","quantity":)" +
            quantity + R"(,"unit_price":100,"vat_rate_bp":2200}]})",
        ImportOptions());
  };
  const ImportReport good = import("1");
  CHECK(good.committed);
  CHECK(good.errors.empty());
  for (const char* huge : {"18446744073709551616", "-9223372036854775809"}) {
    const ImportReport report = import(huge);
    REQUIRE(report.errors.size() == 1);
    CHECK(report.errors[0].field == "lines[0].quantity");
    CHECK(contains(report.errors[0].reason, "is outside"));
  }
}

TEST_SUITE_END();
