// libFuzzer target over rma::JsonApi::call, the door every host request comes through.
//
// Input: "op\nactor\nrequest". Without two newlines the whole input is the request, sent to an op
// picked by its size as "operator:anna". The engine is opened once, on a temporary SQLite file
// holding a few customers, products and cases. Any rma::Error is a fine answer; anything else (a
// crash, a sanitizer report, another exception) stops the run.
//
// Depth: a request that is JSON nested deeper than the engine's limit must answer too_large (or
// fail earlier, on its op, actor or a key said twice before the limit is reached); and every
// input is also sent wrapped in more levels than the limit, which must always answer too_large
// (or permission_denied for a staff-only op, refused to a customer before its request is read),
// whatever the input holds after them (invalid UTF-8 included).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "rma/rma.hpp"

namespace {

constexpr const char* kTarget = "fuzz_json_api";
constexpr const char* kOps[] = {"case.create",    "case.update",        "case.get",          "number.parse",
                                "outbox.post",    "batch",              "customer.upsert",   "import.run",
                                "sla.configure",  "workflow.configure", "warranty.configure", "valuation.configure",
                                "case.transition", "case.query",        "calendar.add",      "case.add_note"};
constexpr std::size_t kOpCount = sizeof kOps / sizeof kOps[0];

std::string temporary_path() { return "/tmp/rma-fuzz-json-api-" + std::to_string(::getpid()) + ".db"; }

void remove_files(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

struct World {
  std::string path = temporary_path();
  rma::Engine engine;
  rma::JsonApi api;
  rma_fuzz::Counters counters{kTarget};

  World() : engine(open(path)), api(engine) {
    engine.set_clock([] { return rma::Timestamp::from_iso("2026-03-10T09:00:00Z"); });
    const char* seed[][3] = {
        {"operator:anna", "customer.upsert", R"({"id":"C1","name":"Rossi S.r.l.","tier":"gold"})"},
        {"operator:anna", "customer.upsert", R"({"id":"C2","name":"Kowalski"})"},
        {"operator:anna", "supplier.upsert", R"({"id":"S1","name":"Parts Ltd"})"},
        {"operator:anna", "product.upsert", R"({"sku":"PHONE-1","name":"Phone","serialized":true})"},
        {"operator:anna", "product.upsert", R"({"sku":"CABLE-2","name":"Cable"})"},
        {"operator:anna", "case.create",
         R"({"kind":"return","channel":"b2c","customer_id":"C1","lines":[{"sku":"PHONE-1","serial":"SN-1"},)"
         R"({"sku":"CABLE-2","quantity":5}],"custom_fields":{"order":"W-1"}})"},
        {"customer:C2", "case.create",
         R"({"kind":"complaint","category":"quality","channel":"b2b","customer_id":"C2",)"
         R"("lines":[{"sku":"CABLE-2","quantity":2}]})"},
    };
    for (const auto& s : seed) {
      try {
        api.call(s[0], s[1], s[2]);
      } catch (const rma::Error& e) {
        std::fprintf(stderr, "%s: seeding %s failed: %s\n", kTarget, s[1], e.what());
      }
    }
  }
  ~World() { remove_files(path); }

  static rma::Engine open(const std::string& path) {
    remove_files(path);
    return rma::Engine::open(path, rma::Options());
  }
};

World& world() {
  static World w;
  return w;
}

// Runs one call; returns the error it answered with, or nullopt-like (status ok) on success.
rma::Error call(std::string_view actor, std::string_view op, std::string_view request) {
  try {
    world().api.call(actor, op, request);
  } catch (const rma::Error& e) {
    return e;
  } catch (const std::exception& e) {
    rma_fuzz::fail(kTarget, "an exception other than rma::Error", e.what());
  }
  return rma::Error(rma::Status::ok, "", "");
}

bool is_duplicate_key(const rma::Error& e) {
  return e.status() == rma::Status::malformed_json && std::string_view(e.what()).find("duplicate key") != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  World& w = world();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const int limit = w.engine.options().limits.max_json_depth;
  ++w.counters.runs;

  std::string_view op = kOps[size % kOpCount];
  std::string_view actor = "operator:anna";
  std::string_view request = input;
  const std::size_t first = input.find('\n');
  const std::size_t second = first == std::string_view::npos ? first : input.find('\n', first + 1);
  if (second != std::string_view::npos) {
    op = input.substr(0, first);
    actor = input.substr(first + 1, second - first - 1);
    request = input.substr(second + 1);
  }

  const rma::Error answer = call(actor, op, request);
  // nlohmann's accept() stops at a NUL byte, which librma refuses as malformed_json instead.
  const bool has_nul = request.find('\0') != std::string_view::npos;
  if (has_nul && answer.status() == rma::Status::ok) {
    rma_fuzz::fail(kTarget, "a request with a NUL byte was accepted", request);
  }
  if (!has_nul && rma_fuzz::nesting_depth(request) > limit && nlohmann::json::accept(request)) {
    ++w.counters.deep_inputs;
    const bool before_parse = answer.field() == "op" || answer.field() == "actor";
    if (answer.status() != rma::Status::too_large && !before_parse && !is_duplicate_key(answer)) {
      rma_fuzz::fail(kTarget, "a request deeper than the limit was not too_large", answer.what());
    }
  }

  // The same input after more levels than the limit: refused before anything reads it — for its
  // depth, or, for a staff-only op, for the customer's role before the request is even decoded.
  std::string wrapped(static_cast<std::size_t>(limit) + 1, '[');
  wrapped += request;
  const rma::Error deep = call("customer:nobody", kOps[size % kOpCount], wrapped);
  ++w.counters.deep_wrapped;
  const bool refused_for_role = deep.status() == rma::Status::permission_denied && deep.field() == "actor";
  if (deep.status() != rma::Status::too_large && !refused_for_role) {
    rma_fuzz::fail(kTarget, "a request wrapped deeper than the limit was not too_large", deep.what());
  }
  return 0;
}
