// Opening a store by location, and the store's own failures as librma errors.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <cstdio>
#include <fstream>

#include "engine_fixture.hpp"

using namespace rma_test;

TEST_CASE("a plain path opens an SQLite file, a server location goes to PostgreSQL or is refused naming it") {
  TempDb db;
  CHECK_NOTHROW(rma::Engine::open(db.path));
  // No server listens at these locations: a build with the PostgreSQL backend tries to connect
  // and reports a storage error naming the path, with reason connection; a build without it
  // refuses the location.
  for (const char* location : {"postgresql://rma@localhost:1/rma", "postgres://localhost:1/rma",
                               "host=/nonexistent dbname=rma"}) {
    try {
      rma::Engine::open(location);
      FAIL("opened ", location);
    } catch (const rma::Error& e) {
#ifdef RMA_WITH_POSTGRESQL
      CHECK(e.status() == rma::Status::storage);
      CHECK(e.field() == "path");
      CHECK(e.reason() == "connection");
#else
      CHECK(e.status() == rma::Status::unknown_value);
      CHECK(e.field() == "location");
#endif
    }
  }
}

TEST_CASE("a path that merely contains a libpq keyword is still an SQLite file") {
  const std::string path = "/tmp/rma-test-host=a-dbname=b-" + std::to_string(::getpid()) + ".db";
  CHECK_NOTHROW(rma::Engine::open(path));
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

TEST_CASE("a file that is not a database is a storage error naming the path") {
  TempDb db;
  std::ofstream(db.path) << std::string(4096, 'x');
  try {
    rma::Engine::open(db.path);
    FAIL("opened a file that is not a database");
  } catch (const rma::Error& e) {
    CHECK(e.status() == rma::Status::storage);
    CHECK(e.field() == "path");
    CHECK(e.reason() == "");
  }
}

TEST_CASE("a database locked past the busy timeout is storage with reason busy, and nothing is written") {
  TempDb db;
  rma::Options options;
  options.busy_timeout_ms = 0;
  EngineFixture f(db.path, options);

  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(db.path.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);

  rma::Customer c;
  c.id = "C9";
  c.name = "Locked out";
  try {
    f.engine.upsert_customer(f.op, c);
    FAIL("wrote while another connection held the write lock");
  } catch (const rma::Error& e) {
    CHECK(e.status() == rma::Status::storage);
    CHECK(e.reason() == "busy");
  }

  REQUIRE(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(other);
  // The lock gone, the same command succeeds: a busy failure is one a caller may retry.
  CHECK(f.engine.upsert_customer(f.op, c).id == "C9");
}
