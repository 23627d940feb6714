// A fresh engine with a customer, a product and a fixed clock, shared by the engine tests.
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <unistd.h>

#ifdef RMA_WITH_POSTGRESQL
#include <libpq-fe.h>
#endif

#include <memory>

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

// The field `f` fails naming, or "" when it does not fail.
inline std::string field_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const rma::Error& e) {
    return e.field();
  }
  return std::string();
}

// The PostgreSQL server the engine tests run against: the libpq key/value connection string in
// RMA_TEST_POSTGRES, or "" (unset) for SQLite. tests/unit/CMakeLists.txt runs the unit suite a
// second time against a throwaway cluster (scripts/pg-cluster) with it set.
inline std::string test_postgres() {
  const char* conninfo = std::getenv("RMA_TEST_POSTGRES");
  return conninfo ? conninfo : "";
}

// A fresh store location, removed when the fixture ends: on SQLite a database file in /tmp (with
// its WAL files); on PostgreSQL a schema of its own (the store creates the first schema of the
// search path), dropped with everything in it.
struct TempDb {
  std::string path;
  std::string schema;  // PostgreSQL only
  TempDb() {
    static int counter = 0;
    const std::string name = "rma-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
    const std::string server = test_postgres();
    if (server.empty()) {
      path = "/tmp/" + name + ".db";
    } else {
      schema = "rma_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter);
      path = server + " options='-csearch_path=" + schema + "'";
    }
    remove_files();
  }
  ~TempDb() { remove_files(); }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
  void remove_files() const {
    if (!schema.empty()) {
      drop_schema();
      return;
    }
    std::remove(path.c_str());
    std::remove((path + "-wal").c_str());
    std::remove((path + "-shm").c_str());
    std::remove((path + "-reports").c_str());  // the report columns kept for the next process
  }
  // Runs `sql` on the test server (PostgreSQL only); false when it failed.
  static bool run_on_server(const std::string& sql) {
#ifndef RMA_WITH_POSTGRESQL
    (void)sql;
    return false;
#else
    PGconn* conn = PQconnectdb(test_postgres().c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // DROP … CASCADE lists every table
    if (ok) {
      PGresult* r = PQexec(conn, sql.c_str());
      ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
      PQclear(r);
    }
    PQfinish(conn);
    return ok;
#endif
  }
  void drop_schema() const { run_on_server("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); }
};

struct EngineFixture {
  rma::Timestamp now = at("2026-03-10T09:00:00Z");
  rma::Actor op{rma::Role::operator_, "anna"};
  rma::Actor admin{rma::Role::admin, "root"};
  rma::Actor customer{rma::Role::customer, "C1"};
  // Where ":memory:" opens when the tests run on PostgreSQL: a schema of this fixture's own.
  std::unique_ptr<TempDb> own_db;
  rma::Engine engine;

  explicit EngineFixture(const std::string& path = ":memory:", rma::Options options = test_options())
      : engine(rma::Engine::open(location(path), options)) {
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

  // One cable returned as defective by C1: the smallest case.
  static rma::CaseDraft one_line_draft() {
    rma::CaseDraft d;
    d.kind = rma::CaseKind::return_;
    d.channel = rma::Channel::b2c;
    d.customer_id = "C1";
    rma::LineDraft line;
    line.sku = "CABLE-2";
    line.reason_code = "defective";
    d.lines = {line};
    return d;
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

 private:
  const std::string& location(const std::string& path) {
    if (path != ":memory:" || test_postgres().empty()) return path;
    own_db = std::make_unique<TempDb>();
    return own_db->path;
  }
};

}  // namespace rma_test
