// A fresh engine with a customer, a product and a fixed clock, shared by the engine tests.
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <unistd.h>

#include "rma/rma.hpp"

namespace rma_test {

inline rma::Timestamp at(const char* iso) { return rma::Timestamp::from_iso(iso); }

// The options engines of the warranty tests open with: the defaults, in the index mode that the
// environment variable RMA_TEST_INDEX_MODE names (lazy, eager or store_only; unset: the default).
// tests/unit/CMakeLists.txt runs those tests once more in each mode other than the default
// (test_registry_modes.cpp).
inline rma::Options test_options() {
  rma::Options options;
  const char* mode = std::getenv("RMA_TEST_INDEX_MODE");
  const std::string name = mode ? mode : "";
  if (name == "lazy") {
    options.index_mode = rma::IndexMode::lazy;
  } else if (name == "eager") {
    options.index_mode = rma::IndexMode::eager;
  } else if (name == "store_only") {
    options.index_mode = rma::IndexMode::store_only;
  } else if (!name.empty()) {
    FAIL("RMA_TEST_INDEX_MODE is '" << name << "', not lazy, eager or store_only");
  }
  return options;
}

// The status `f` fails with, or ok.
inline rma::Status status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const rma::Error& e) {
    return e.status();
  }
  return rma::Status::ok;
}

// The reason code `f` is refused with ("decision_locked"), or "" when it does not fail.
inline std::string reason_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const rma::Error& e) {
    return e.reason();
  }
  return std::string();
}

// A database file in /tmp, removed (with its WAL files) when the fixture ends.
struct TempDb {
  std::string path;
  TempDb() {
    static int counter = 0;
    path = "/tmp/rma-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".db";
    remove_files();
  }
  ~TempDb() { remove_files(); }
  void remove_files() const {
    std::remove(path.c_str());
    std::remove((path + "-wal").c_str());
    std::remove((path + "-shm").c_str());
  }
};

struct EngineFixture {
  rma::Timestamp now = at("2026-03-10T09:00:00Z");
  rma::Actor op{rma::Role::operator_, "anna"};
  rma::Actor admin{rma::Role::admin, "root"};
  rma::Actor customer{rma::Role::customer, "C1"};
  rma::Engine engine;

  explicit EngineFixture(const std::string& path = ":memory:", rma::Options options = test_options())
      : engine(rma::Engine::open(path, options)) {
    engine.set_clock([this] { return now; });
    // admin: actors must be registered operators with the admin role; the host registers the
    // first one as itself (a system: actor).
    rma::Operator root;
    root.id = "root";
    root.name = "Root";
    root.role = rma::Role::admin;
    engine.upsert_operator(rma::Actor{rma::Role::system, "setup"}, root);
    rma::Customer c;
    c.id = "C1";
    c.name = "Rossi S.r.l.";
    c.tier = "gold";
    engine.upsert_customer(op, c);
    rma::Customer other;
    other.id = "C2";
    other.name = "Kowalski Sp. z o.o.";
    engine.upsert_customer(op, other);
    rma::Product p;
    p.sku = "PHONE-1";
    p.name = "Phone";
    p.serialized = true;
    engine.upsert_product(op, p);
  }

  // Suppliers S1 and S2, for the cases sent to a supplier.
  void add_suppliers() {
    for (const char* id : {"S1", "S2"}) {
      rma::Supplier s;
      s.id = id;
      s.name = std::string("Supplier ") + id;
      engine.upsert_supplier(admin, s);
    }
  }

  static rma::CaseDraft two_line_draft(const std::string& customer_id = "C1") {
    rma::CaseDraft d;
    d.kind = rma::CaseKind::return_;
    d.channel = rma::Channel::b2c;
    d.customer_id = customer_id;
    rma::LineDraft phone;
    phone.sku = "PHONE-1";
    phone.serial = "SN-001";
    phone.reason_code = "defective";
    phone.sales_document = {"INV-2026-17", 1};
    rma::LineDraft cable;
    cable.sku = "CABLE-2";
    cable.quantity = 5;
    cable.reason_code = "wrong_order";
    d.lines = {phone, cable};
    return d;
  }

  std::int64_t event_count() { return engine.stats().last_event_seq; }
};

}  // namespace rma_test
