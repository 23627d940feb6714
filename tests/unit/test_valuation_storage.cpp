// A case's valuation kept once (schema 13, store/valued_event.hpp): the case row points at the
// case.valued event that set it; a fresh engine reads the same valuation back and finds nothing
// to revalue; an unchanged valuation keeps its pointer; a row that holds the text itself still
// reads; a pointer at no event is a storage error naming it. On both backends (the SQLite-file
// checks only where the file is SQLite).
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <vector>

#include "engine_fixture.hpp"
#include "rma/rma.hpp"
#include "schema_undo.hpp"
#include "valuation_fixture.hpp"

using namespace rma;
using rma_test::ValuationFixture;

namespace {

// What a fresh engine (no cache) reads of case `id`.
Case read_fresh(const std::string& path, std::int64_t id) {
  Engine engine = Engine::open(path, rma_test::test_options());
  return engine.get_case(Actor{Role::admin, "root"}, id);
}

bool is_sqlite_file(const std::string& path) { return path.find('=') == std::string::npos && path.find("://") == std::string::npos; }

}  // namespace

TEST_CASE("valuation storage: the case row points at its case.valued event and reads the same valuation") {
  rma_test::TempDb db;
  ValuationFixture f(db.path);
  Case c = f.receive(f.open_case());
  REQUIRE_FALSE(c.valuation.empty());
  CHECK(read_fresh(db.path, c.id).valuation == c.valuation);
  if (is_sqlite_file(db.path)) {
    SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
    SQLite::Statement row(raw, "SELECT valuation, valuation_seq FROM cases WHERE id = ?");
    row.bind(1, c.id);
    REQUIRE(row.executeStep());
    CHECK(row.getColumn(0).getString().empty());  // no second copy
    CHECK(row.getColumn(1).getInt64() == f.valued_events(c.id).back().seq);
  }
  // A command that changes nothing the valuation reads keeps the pointer; a fresh engine finds
  // the stored valuation equal to what it computes, so it records no change either.
  const std::size_t valued = f.valued_events(c.id).size();
  {
    ValuationFixture other(db.path);
    Case seen = other.engine.add_note(other.op, c.id, NoteDraft{Visibility::internal, "called the customer"});
    CasePatch p;
    p.priority = Priority::high;
    seen = other.engine.update_case(other.op, c.id, p);
    CHECK(seen.valuation == c.valuation);
  }
  CHECK(f.valued_events(c.id).size() == valued);
  // Inspection changes the valuation: a new event, and the row points at it.
  CasePatch inspect;
  LinePatch lp;
  lp.line_no = 1;
  lp.accessories_complete = false;
  inspect.lines.push_back(lp);
  c = f.engine.update_case(f.op, c.id, inspect);
  CHECK(f.valued_events(c.id).size() == valued + 1);
  CHECK(read_fresh(db.path, c.id).valuation == c.valuation);
}

TEST_CASE("valuation storage: a row holding its valuation as text still reads, and a pointer at no event is refused") {
  rma_test::TempDb db;
  std::int64_t id = 0;
  std::string valuation;
  {
    ValuationFixture f(db.path);
    const Case c = f.receive(f.open_case());
    id = c.id;
    valuation = c.valuation;
  }
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    rma_test::undo_schema_to(raw, 12);  // text back in the row, as version 12 kept it
  }
  CHECK(read_fresh(db.path, id).valuation == valuation);  // migrated again, the text kept
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    CHECK(raw.execAndGet("SELECT valuation_seq IS NULL FROM cases WHERE id = 1").getInt() == 1);
    raw.exec("UPDATE cases SET valuation = '', valuation_seq = 999999 WHERE id = 1");
  }
  Engine engine = Engine::open(db.path, rma_test::test_options());
  try {
    engine.get_case(Actor{Role::admin, "root"}, id);
    FAIL("a pointer at no event was read");
  } catch (const Error& e) {
    CHECK(e.status() == Status::storage);
    CHECK(e.field() == "cases.valuation_seq");
  }
}
