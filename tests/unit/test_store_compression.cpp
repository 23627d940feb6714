// The SQLite store's compressed columns (store/column_codec, bound and read in store/sqlite):
// events.data and cases.valuation are stored as zstd BLOBs from kCompressFromBytes up and as text
// below (a valued case's row points at its case.valued event instead, store/valued_event.hpp); a
// database whose rows are partly plain text (every database written before compression) reads
// exactly as one written all compressed, and its cases replay from their events; a damaged value
// is a storage error naming its table and column.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "api/codec.hpp"
#include "store/column_codec.hpp"
#include "store/valued_event.hpp"
#include "valuation_fixture.hpp"

using namespace rma;
using rma_test::TempDb;

namespace {

struct StoredValue {
  std::int64_t key;
  std::string bytes;  // as stored: a zstd frame or plain text
  std::string type;   // SQLite's storage class
};

std::vector<StoredValue> stored(const std::string& path, const char* sql) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement s(db, sql);
  std::vector<StoredValue> out;
  while (s.executeStep()) {
    const SQLite::Column v = s.getColumn(1);
    out.push_back({s.getColumn(0).getInt64(),
                   std::string(static_cast<const char*>(v.getBlob()), static_cast<std::size_t>(v.getBytes())),
                   s.getColumn(2).getString()});
  }
  return out;
}

std::vector<StoredValue> event_data(const std::string& path) {
  return stored(path, "SELECT seq, data, typeof(data) FROM events ORDER BY seq");
}
std::vector<StoredValue> valuations(const std::string& path) {
  return stored(path, "SELECT id, valuation, typeof(valuation) FROM cases ORDER BY id");
}
// The case.valued event each valued case's row points at, by case id.
std::vector<StoredValue> pointed_events(const std::string& path) {
  return stored(path,
                "SELECT c.id, e.data, typeof(e.data) FROM cases c JOIN events e ON e.seq = c.valuation_seq ORDER BY c.id");
}

// What a fresh engine reads of every case: the case, its history and its replay.
struct Reading {
  std::vector<nlohmann::json> cases;
  std::vector<nlohmann::json> replays;
  std::vector<std::vector<std::string>> histories;
};

Reading read_all(const std::string& path, const std::vector<std::int64_t>& ids) {
  Engine engine = Engine::open(path);
  const Actor admin{Role::admin, "root"};
  Reading r;
  for (std::int64_t id : ids) {
    r.cases.push_back(api::to_json_value(engine.get_case(admin, id)));
    r.replays.push_back(api::to_json_value(engine.replay_case(admin, id)));
    std::vector<std::string> history;
    for (const Event& e : engine.history(admin, id)) history.push_back(e.type + " " + e.data);
    r.histories.push_back(history);
  }
  return r;
}

// Cases with valuations, notes, patches and a transition: long and short values of both columns.
std::vector<std::int64_t> write_cases(const std::string& path) {
  rma_test::ValuationFixture f(path);
  std::vector<std::int64_t> ids;
  // The phone and three cables, and the other three cables.
  CaseDraft cables;
  cables.customer_id = "C1";
  LineDraft line;
  line.sales_document = {"INV-10", 3};
  line.quantity = 3;
  line.reason_code = "wrong_order";
  cables.lines = {line};
  for (const Case& c : {f.open_case(), f.engine.create_case(f.op, cables)}) {
    CasePatch patch;
    patch.priority = Priority::high;  // a short event: {"changes":{"priority":…}}
    f.engine.update_case(f.op, c.id, patch);
    f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "called the customer"});
    ids.push_back(c.id);
  }
  return ids;
}

void set_value(const std::string& path, const char* sql, std::int64_t key, const std::string& bytes, bool blob) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  SQLite::Statement s(db, sql);
  if (blob) s.bind(1, bytes.data(), static_cast<int>(bytes.size())); else s.bind(1, bytes);
  s.bind(2, key);
  REQUIRE(s.exec() == 1);
}

Error error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error");
  return Error(Status::ok, "");
}

}  // namespace

TEST_CASE("store compression: values from the threshold up are stored as zstd BLOBs, shorter ones as text") {
  TempDb db;
  write_cases(db.path);
  int compressed = 0;
  int plain = 0;
  for (const auto& rows : {event_data(db.path), valuations(db.path)}) {
    for (const StoredValue& v : rows) {
      CAPTURE(v.key);
      const std::string text = store::decode_column(v.bytes, {"events", "data"});
      if (text.size() >= store::kCompressFromBytes) {
        CHECK(store::is_compressed(v.bytes));
        CHECK(v.type == "blob");
        CHECK(v.bytes.size() < text.size());
        ++compressed;
      } else {
        CHECK(v.bytes == text);
        CHECK(v.type == "text");
        ++plain;
      }
    }
  }
  CHECK(compressed >= 4);  // the valued cases' case.created and case.valued
  CHECK(plain >= 2);       // each case's priority patch
  // A case's valuation (about 1.6 KB of JSON) is kept once, in the event that set it, and takes a
  // small fraction of that on disk.
  for (const StoredValue& v : valuations(db.path)) CHECK(v.bytes.empty());
  int valued = 0;
  for (const StoredValue& v : pointed_events(db.path)) {
    const std::string text = store::decode_column(v.bytes, {"events", "data"});
    if (store::valuation_from_valued_event(text, v.key).size() < 1000) continue;
    CHECK(v.bytes.size() * 4 < text.size());
    ++valued;
  }
  CHECK(valued >= 2);
}

TEST_CASE("store compression: a database with plain and compressed rows reads as one written all compressed") {
  TempDb db;
  const std::vector<std::int64_t> ids = write_cases(db.path);
  const Reading before = read_all(db.path, ids);
  // Every other compressed value written back as the plain text an older librma wrote.
  int rewritten = 0;
  for (const StoredValue& v : event_data(db.path)) {
    if (!store::is_compressed(v.bytes) || v.key % 2 == 0) continue;
    set_value(db.path, "UPDATE events SET data = ? WHERE seq = ?", v.key, store::decode_column(v.bytes, {"e", "d"}), false);
    ++rewritten;
  }
  // And every other case's valuation back in its row as text, as before version 13.
  for (const StoredValue& v : pointed_events(db.path)) {
    if (v.key % 2 == 0) continue;
    const std::string valuation = store::valuation_from_valued_event(store::decode_column(v.bytes, {"e", "d"}), 0);
    set_value(db.path, "UPDATE cases SET valuation = ?, valuation_seq = NULL WHERE id = ?", v.key, valuation, false);
    ++rewritten;
  }
  REQUIRE(rewritten >= 3);
  const Reading mixed = read_all(db.path, ids);
  CHECK(mixed.cases == before.cases);
  CHECK(mixed.histories == before.histories);
  CHECK(mixed.replays == before.replays);
  // And events replay to the stored case in both forms.
  CHECK(mixed.replays == mixed.cases);
}

TEST_CASE("store compression: a damaged value is a storage error naming its table and column") {
  TempDb db;
  const std::vector<std::int64_t> ids = write_cases(db.path);
  const std::int64_t id = ids.front();
  const Actor admin{Role::admin, "root"};

  // A valuation whose frame lost its last bytes: the case does not load.
  const StoredValue valuation = valuations(db.path).front();
  REQUIRE(valuation.key == id);
  const StoredValue valued = pointed_events(db.path).front();
  REQUIRE(valued.key == id);
  REQUIRE(store::is_compressed(valued.bytes));
  const std::string text = store::decode_column(valued.bytes, {"e", "d"});
  const std::string row_frame = store::encode_column(store::valuation_from_valued_event(text, 0));
  REQUIRE(store::is_compressed(row_frame));
  set_value(db.path, "UPDATE cases SET valuation = ?, valuation_seq = NULL WHERE id = ?", id,
            row_frame.substr(0, row_frame.size() - 6), true);
  {
    Engine engine = Engine::open(db.path);
    const Error e = error_of([&] { engine.get_case(admin, id); });
    CHECK(e.status() == Status::storage);
    CHECK(std::string(e.what()).find("cases.valuation") != std::string::npos);
  }
  // The same for the case.valued event a case's row points at: the error names events.data.
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE cases SET valuation = '' WHERE id = " + std::to_string(id));
    SQLite::Statement s(raw, "SELECT seq FROM events WHERE case_id = ? AND type = 'case.valued' ORDER BY seq DESC");
    s.bind(1, id);
    REQUIRE(s.executeStep());
    const std::int64_t seq = s.getColumn(0).getInt64();
    s.reset();
    raw.exec("UPDATE cases SET valuation_seq = " + std::to_string(seq) + " WHERE id = " + std::to_string(id));
  }
  set_value(db.path, "UPDATE events SET data = ? WHERE seq = (SELECT valuation_seq FROM cases WHERE id = ?)", id,
            valued.bytes.substr(0, valued.bytes.size() - 6), true);
  {
    Engine engine = Engine::open(db.path);
    const Error e = error_of([&] { engine.get_case(admin, id); });
    CHECK(e.status() == Status::storage);
    CHECK(std::string(e.what()).find("events.data") != std::string::npos);
  }

  // An event naming a dictionary librma does not have: the history does not read.
  std::optional<StoredValue> event;
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
    SQLite::Statement s(raw, "SELECT seq FROM events WHERE case_id = ? AND typeof(data) = 'blob' ORDER BY seq");
    s.bind(1, ids.back());
    REQUIRE(s.executeStep());
    const std::int64_t seq = s.getColumn(0).getInt64();
    for (const StoredValue& v : event_data(db.path)) {
      if (v.key == seq) event = v;
    }
  }
  REQUIRE(event);
  std::string frame = event->bytes;
  const bool single_segment = (static_cast<unsigned char>(frame[4]) >> 5) & 1;
  frame[5 + (single_segment ? 0 : 1) + 1] = static_cast<char>(0xF0);
  set_value(db.path, "UPDATE events SET data = ? WHERE seq = ?", event->key, frame, true);
  Engine engine = Engine::open(db.path);
  const Error e = error_of([&] { engine.history(admin, ids.back()); });
  CHECK(e.status() == Status::storage);
  CHECK(std::string(e.what()).find("events.data") != std::string::npos);
  CHECK(std::string(e.what()).find("dictionary") != std::string::npos);
  // The case itself, whose row is intact, still reads.
  CHECK(engine.get_case(admin, ids.back()).id == ids.back());
}

TEST_CASE("store compression: an old database keeps its plain rows, adds compressed ones, and replays") {
  TempDb db;
  std::filesystem::copy_file(std::string(RMA_TEST_DATA_DIR) + "/events/v1.db", db.path,
                             std::filesystem::copy_options::overwrite_existing);
  const std::vector<StoredValue> old_events = event_data(db.path);
  for (const StoredValue& v : old_events) CHECK(v.type == "text");
  std::vector<std::int64_t> ids;
  {
    Engine engine = Engine::open(db.path);
    const Actor admin{Role::admin, "root"};
    const Actor op{Role::operator_, "anna"};
    CaseQuery all;
    all.limit = 100;
    for (const CaseSummary& s : engine.query_cases(admin, all).items) ids.push_back(s.id);
    REQUIRE(ids.size() >= 3);
    for (std::int64_t id : ids) {
      NoteDraft note{Visibility::internal, std::string(300, 'n')};  // a note event well past the threshold
      engine.add_note(op, id, note);
    }
  }
  // The old rows are left as they were; the new ones are compressed.
  const std::vector<StoredValue> events = event_data(db.path);
  REQUIRE(events.size() == old_events.size() + ids.size());
  for (std::size_t i = 0; i < old_events.size(); ++i) CHECK(events[i].bytes == old_events[i].bytes);
  for (std::size_t i = old_events.size(); i < events.size(); ++i) CHECK(events[i].type == "blob");
  const Reading r = read_all(db.path, ids);
  CHECK(r.replays == r.cases);
  for (const auto& history : r.histories) CHECK(history.back().find(std::string(300, 'n')) != std::string::npos);
}
