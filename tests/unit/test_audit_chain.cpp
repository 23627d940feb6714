// The tamper-evident history (docs/audit.md): every event hash-chained to the one before it, signed
// checkpoints, and audit.verify naming the first place where the stored history is not what was
// chained and signed. The tampering is done in the store itself, behind librma's back, and the
// suite runs on SQLite (unit) and on PostgreSQL (unit_postgres), so each case is tried on both.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#ifdef RMA_WITH_POSTGRESQL
#include <libpq-fe.h>
#endif

#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/verify_pipeline.hpp"
#include "engine_fixture.hpp"
#include "events/chain.hpp"
#include "events/checkpoint.hpp"
#include "rma/json_api.hpp"
#include "schema_undo.hpp"
#include "store/column_codec.hpp"
#include "store/open.hpp"
#include "store/sqlite/schema.hpp"

using namespace rma;
using rma_test::EngineFixture;
using rma_test::TempDb;

namespace {

// The store's tables as a program other than librma sees them: the SQLite file, or the
// PostgreSQL schema of the test.
class RawStore {
 public:
  explicit RawStore(const TempDb& db) : db_(db) {}
  bool postgres() const { return !db_.schema.empty(); }

  void exec(const std::string& sql) const {
    if (!postgres()) {
      SQLite::Database raw(db_.path, SQLite::OPEN_READWRITE);
      raw.exec(sql);
      return;
    }
#ifdef RMA_WITH_POSTGRESQL
    std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(db_.path.c_str()), PQfinish);
    REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn.get(), sql.c_str()), PQclear);
    const ExecStatusType status = PQresultStatus(r.get());
    REQUIRE_MESSAGE((status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK), PQerrorMessage(conn.get()));
#endif
  }

  std::int64_t integer(const std::string& sql) const {
    if (!postgres()) {
      SQLite::Database raw(db_.path, SQLite::OPEN_READONLY);
      return raw.execAndGet(sql).getInt64();
    }
#ifdef RMA_WITH_POSTGRESQL
    std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(db_.path.c_str()), PQfinish);
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn.get(), sql.c_str()), PQclear);
    REQUIRE(PQresultStatus(r.get()) == PGRES_TUPLES_OK);
    return std::stoll(PQgetvalue(r.get(), 0, 0));
#else
    return 0;
#endif
  }

  // A literal of these bytes in this backend's SQL (BLOB or BYTEA).
  std::string bytes(std::string_view b) const {
    const std::string hex = events::to_hex(reinterpret_cast<const unsigned char*>(b.data()), b.size());
    return postgres() ? "'\\x" + hex + "'::bytea" : "X'" + hex + "'";
  }
  template <std::size_t N>
  std::string bytes(const std::array<unsigned char, N>& b) const {
    return bytes(std::string_view(reinterpret_cast<const char*>(b.data()), N));
  }

 private:
  const TempDb& db_;
};

std::string seq_sql(std::int64_t seq) { return std::to_string(seq); }

Options every(std::int64_t n) {
  Options o = rma_test::test_options();
  o.audit.checkpoint_every = n;
  return o;
}

// A history with something of every size: cases with lines, notes (short, plain text) and a
// transition's long (compressed) payload, then one more event so that none of these is the last.
struct History {
  Case first;
  Case second;
  std::int64_t note_seq = 0;  // an event in the middle of the chain
};

History write_history(EngineFixture& f) {
  History h;
  h.first = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  h.second = f.engine.create_case(f.op, EngineFixture::one_line_draft());
  f.engine.add_note(f.op, h.first.id, NoteDraft{Visibility::internal, "unit inspected"});
  h.note_seq = f.event_count();
  CasePatch patch;
  patch.priority = Priority::high;
  f.engine.update_case(f.op, h.second.id, patch);
  f.engine.transition_case(f.op, h.first.id, "authorize");
  f.engine.add_note(f.op, h.second.id, NoteDraft{Visibility::external, "we are on it"});
  return h;
}

AuditReport verify(EngineFixture& f, std::vector<std::string> trusted = {}) {
  AuditVerifyOptions o;
  o.trusted_keys = std::move(trusted);
  return f.engine.verify_audit(f.admin, o);
}

}  // namespace

TEST_CASE("audit chain: the byte layout hashes as docs/audit.md says, checked against Python's hashlib") {
  // The vectors were computed with hashlib.blake2b(digest_size=32) over the documented layout, a
  // second implementation of it (docs/audit.md has the script).
  const events::ChainHash first = events::chain_hash(
      events::kFirstPrevious,
      events::ChainedContent{1, 0, 1773133200000000, "", "system:setup", "customer.upserted", R"({"id":"C1"})"});
  CHECK(events::to_hex(first) == "a4e94427deae86af8805c20988adb8154d9ecb9d5dfb09e9ad5344b12588f690");
  const events::ChainHash second = events::chain_hash(
      first, events::ChainedContent{2, 7, 1773133200000001, "", "operator:anna", "note.added",
                                    R"({"note":{"body":"zażółć"},"version":2})"});
  CHECK(events::to_hex(second) == "e9fa526640ce26aaeed72a2d5d22fa1796c1bf00b9f49966ed2fc8c11cbf7300");
  // One field more or less, or a field's bytes moved to its neighbour, is another hash.
  CHECK(events::chain_hash(first, events::ChainedContent{2, 7, 1773133200000001, "", "operator:ann",
                                                         "anote.added", R"({"note":{"body":"zażółć"},"version":2})"}) !=
        second);
}

TEST_CASE("audit chain: a checkpoint signs the documented 68-byte message with Ed25519") {
  events::Seed seed{};
  seed.fill(7);
  const events::SigningKey key = events::signing_key_from_seed(seed);
  const events::ChainHash hash = events::chain_hash(events::kFirstPrevious, events::ChainedContent{});
  const events::Checkpoint c = events::sign_checkpoint(key, 42, hash, 1773133200000000);
  CHECK(events::checkpoint_signature_valid(c));
  // The message, built here by hand: tag, seq, hash, at (little-endian).
  std::string message = "librma-checkpoint-v1";
  for (std::int64_t v : {std::int64_t{42}}) {
    for (int i = 0; i < 8; ++i) message += static_cast<char>((v >> (8 * i)) & 0xff);
  }
  message.append(reinterpret_cast<const char*>(hash.data()), hash.size());
  for (int i = 0; i < 8; ++i) message += static_cast<char>((std::int64_t{1773133200000000} >> (8 * i)) & 0xff);
  REQUIRE(message.size() == 68);
  CHECK(crypto_sign_verify_detached(c.signature.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                    message.size(), c.public_key.data()) == 0);
  events::Checkpoint moved = c;
  moved.at_micros += 1;
  CHECK_FALSE(events::checkpoint_signature_valid(moved));
  moved = c;
  moved.seq = 43;
  CHECK_FALSE(events::checkpoint_signature_valid(moved));
}

TEST_CASE("audit chain: an untouched history verifies, every event and checkpoint checked") {
  TempDb db;
  EngineFixture f(db.path, every(5));
  write_history(f);
  const AuditReport r = verify(f);
  CHECK(r.ok);
  CHECK_FALSE(r.first_break.has_value());
  CHECK(r.from_seq == 1);
  CHECK(r.to_seq == f.event_count());
  CHECK(r.events_checked == f.event_count());
  CHECK(r.broken_links == 0);
  CHECK(r.checkpoints_checked >= 2);
  REQUIRE(r.last_checkpoint.has_value());
  CHECK(r.unsigned_events == f.event_count() - r.last_checkpoint->seq);
  CHECK(r.unsigned_events < 5);
  CHECK(r.public_key.size() == 64);
  CHECK(r.public_key == f.engine.audit_public_key(f.admin));
  CHECK(r.last_checkpoint->public_key == r.public_key);
  // Every event has its 32-byte hash in the store.
  RawStore raw(db);
  CHECK(raw.integer("SELECT count(*) FROM events WHERE hash IS NULL") == 0);
  CHECK(raw.integer("SELECT count(*) FROM events WHERE length(hash) = 32") == f.event_count());
}

TEST_CASE("audit chain: a checkpoint is signed when checkpoint_every events follow the last one, not before") {
  TempDb db;
  EngineFixture f(db.path, every(10));
  // One event per customer upsert.
  int n = 0;
  auto one_event = [&] {
    Customer c;
    c.id = "K" + std::to_string(++n);
    c.name = "Customer " + c.id;
    f.engine.upsert_customer(f.op, c);
  };
  while (f.event_count() < 9) one_event();
  REQUIRE(f.event_count() == 9);
  AuditReport r = verify(f);
  CHECK(r.ok);
  CHECK(r.checkpoints_checked == 0);
  CHECK_FALSE(r.last_checkpoint.has_value());
  CHECK(r.unsigned_events == 9);
  one_event();  // the 10th event since the start
  REQUIRE(f.event_count() == 10);
  r = verify(f);
  CHECK(r.checkpoints_checked == 1);
  REQUIRE(r.last_checkpoint.has_value());
  CHECK(r.last_checkpoint->seq == 10);
  CHECK(r.unsigned_events == 0);
  // A transaction that passes the mark signs its own last event.
  f.engine.batch(f.op, [&](Batch& b) {
    for (int i = 0; i < 13; ++i) {
      Customer c;
      c.id = "B" + std::to_string(i);
      c.name = "Batch " + c.id;
      b.upsert_customer(c);
    }
  });
  REQUIRE(f.event_count() == 23);
  r = verify(f);
  REQUIRE(r.last_checkpoint.has_value());
  CHECK(r.last_checkpoint->seq == 23);
  while (f.event_count() < 32) one_event();
  r = verify(f);
  CHECK(r.last_checkpoint->seq == 23);  // 9 events after it: not yet
  CHECK(r.unsigned_events == 9);
  one_event();
  r = verify(f);
  CHECK(r.last_checkpoint->seq == 33);  // 10 after it
  CHECK(r.checkpoints_checked == 3);
  CHECK(r.ok);
}

TEST_CASE("audit chain: an event edited in the store is named with its seq, case number and type") {
  TempDb db;
  EngineFixture f(db.path);
  const History h = write_history(f);
  RawStore raw(db);
  SUBCASE("its data") {
    raw.exec("UPDATE events SET data = " + raw.bytes(R"({"note":{"body":"nothing to see"},"version":2})") +
             " WHERE seq = " + seq_sql(h.note_seq));
  }
  SUBCASE("its actor") {
    raw.exec("UPDATE events SET actor = 'operator:mallory' WHERE seq = " + seq_sql(h.note_seq));
  }
  SUBCASE("its time") {
    raw.exec("UPDATE events SET at = at - 86400000000 WHERE seq = " + seq_sql(h.note_seq));
  }
  SUBCASE("its type") {
    raw.exec("UPDATE events SET type = 'case.updated' WHERE seq = " + seq_sql(h.note_seq));
  }
  const AuditReport r = verify(f);
  CHECK_FALSE(r.ok);
  REQUIRE(r.first_break.has_value());
  CHECK(r.first_break->seq == h.note_seq);
  CHECK(r.first_break->problem == "changed");
  CHECK(r.first_break->case_id == h.first.id);
  CHECK(r.first_break->case_number == h.first.number);
  CHECK(r.broken_links == 1);  // the chain goes on from the stored hash
  CHECK(r.events_checked == f.event_count());
}

TEST_CASE("audit chain: a deleted event is missing before the next one") {
  TempDb db;
  EngineFixture f(db.path);
  const History h = write_history(f);
  RawStore(db).exec("DELETE FROM events WHERE seq = " + seq_sql(h.note_seq));
  const AuditReport r = verify(f);
  CHECK_FALSE(r.ok);
  REQUIRE(r.first_break.has_value());
  CHECK(r.first_break->seq == h.note_seq + 1);
  CHECK(r.first_break->problem == "missing");
  CHECK(r.first_break->message.find("seq " + std::to_string(h.note_seq)) != std::string::npos);
  CHECK(r.first_break->case_number == h.second.number);  // the next event: the patch of the second case
  CHECK(r.first_break->type == "case.updated");
}

TEST_CASE("audit chain: two events swapped are out of order") {
  TempDb db;
  EngineFixture f(db.path);
  const History h = write_history(f);
  const std::string a = seq_sql(h.note_seq);
  const std::string b = seq_sql(h.note_seq + 1);
  RawStore(db).exec("UPDATE events SET seq = -1 WHERE seq = " + a + "; UPDATE events SET seq = " + a +
                    " WHERE seq = " + b + "; UPDATE events SET seq = " + b + " WHERE seq = -1;");
  const AuditReport r = verify(f);
  CHECK_FALSE(r.ok);
  REQUIRE(r.first_break.has_value());
  CHECK(r.first_break->seq == h.note_seq);
  CHECK(r.first_break->problem == "out_of_order");
  CHECK(r.first_break->type == "case.updated");  // what is stored at that seq now
  CHECK(r.broken_links == 3);  // both, and the event after them (its predecessor's hash moved)
}

TEST_CASE("audit chain: an event inserted into the history is out of order") {
  TempDb db;
  EngineFixture f(db.path);
  const History h = write_history(f);
  RawStore raw(db);
  const std::int64_t last = f.event_count();
  SUBCASE("in the middle, the later events moved up") {
    const std::string at = seq_sql(h.note_seq);
    raw.exec("UPDATE events SET seq = -seq WHERE seq >= " + at + "; UPDATE events SET seq = 1 - seq WHERE seq < 0;"
             " INSERT INTO events (seq, case_id, case_number, at, actor, type, data, hash) SELECT " + at +
             ", case_id, case_number, at, 'operator:mallory', 'note.added', data, hash FROM events WHERE seq = " +
             seq_sql(h.note_seq + 1));
    const AuditReport r = verify(f);
    CHECK_FALSE(r.ok);
    REQUIRE(r.first_break.has_value());
    CHECK(r.first_break->seq == h.note_seq);
    CHECK(r.first_break->problem == "out_of_order");
    CHECK(r.events_checked == last + 1);
  }
  SUBCASE("at the end, without a hash") {
    raw.exec("INSERT INTO events (seq, case_id, case_number, at, actor, type, data) VALUES (" + seq_sql(last + 1) +
             ", 0, 'RMA-2026-999999', 0, 'operator:mallory', 'customer.upserted', " + raw.bytes("{}") + ")");
    const AuditReport r = verify(f);
    CHECK_FALSE(r.ok);
    REQUIRE(r.first_break.has_value());
    CHECK(r.first_break->seq == last + 1);
    CHECK(r.first_break->problem == "out_of_order");
    CHECK(r.first_break->message.find("no chain hash") != std::string::npos);
    CHECK(r.first_break->case_number == "RMA-2026-999999");  // an event about no case keeps its own
  }
}

TEST_CASE("audit chain: a tail cut off after a checkpoint is found by that checkpoint") {
  TempDb db;
  EngineFixture f(db.path, every(5));
  write_history(f);
  const AuditReport before = verify(f);
  REQUIRE(before.ok);
  REQUIRE(before.last_checkpoint.has_value());
  const std::int64_t signed_seq = before.last_checkpoint->seq;
  // The links that remain hold: only the signed checkpoint knows the chain went further.
  RawStore(db).exec("DELETE FROM events WHERE seq >= " + seq_sql(signed_seq - 1));
  const AuditReport r = verify(f);
  CHECK_FALSE(r.ok);
  CHECK(r.broken_links == 0);
  REQUIRE(r.first_break.has_value());
  CHECK(r.first_break->seq == signed_seq);
  CHECK(r.first_break->problem == "truncated");
  CHECK(r.first_break->message.find("ends at seq " + std::to_string(signed_seq - 2)) != std::string::npos);
}

TEST_CASE("audit chain: a rewritten history with its hashes recomputed fails its checkpoint; re-signed with a "
          "replaced key it fails against the trusted key") {
  TempDb db;
  EngineFixture f(db.path, every(5));
  const History h = write_history(f);
  const std::string trusted_key = f.engine.audit_public_key(f.admin);
  const AuditReport before = verify(f, {trusted_key});
  REQUIRE(before.ok);

  // The forger reads the chain, changes one actor and computes every later hash again.
  struct Row {
    std::int64_t seq, case_id, at_micros;
    std::string case_number, actor, type, data, hash;
  };
  std::vector<Row> rows;
  {
    auto store = store::open(db.path, Options());
    const std::int64_t all = std::numeric_limits<std::int64_t>::max();
    store->audit_chain().read(1, all, store::EventData::decoded, [&](const events::ChainRow& r) {
      rows.push_back(Row{r.seq, r.case_id, r.at_micros, std::string(r.case_number), std::string(r.actor),
                         std::string(r.type), std::string(r.data), std::string(r.hash)});
    });
  }
  REQUIRE(static_cast<std::int64_t>(rows.size()) == f.event_count());
  RawStore raw(db);
  std::map<std::int64_t, events::ChainHash> forged;
  events::ChainHash previous = *events::hash_from_bytes(rows[static_cast<std::size_t>(h.note_seq - 2)].hash);
  for (std::size_t i = static_cast<std::size_t>(h.note_seq - 1); i < rows.size(); ++i) {
    Row& row = rows[i];
    if (row.seq == h.note_seq) row.actor = "operator:mallory";
    previous = events::chain_hash(previous, events::ChainedContent{row.seq, row.case_id, row.at_micros,
                                                                   row.case_number, row.actor, row.type, row.data});
    forged[row.seq] = previous;
    raw.exec("UPDATE events SET actor = '" + row.actor + "', hash = " + raw.bytes(previous) +
             " WHERE seq = " + seq_sql(row.seq));
  }
  AuditReport r = verify(f);
  CHECK_FALSE(r.ok);
  CHECK(r.broken_links == 0);  // every link holds again
  REQUIRE(r.first_break.has_value());
  CHECK(r.first_break->problem == "checkpoint_hash");
  CHECK(r.first_break->seq >= h.note_seq);
  CHECK(r.first_break->seq < h.note_seq + 5);  // the first checkpoint after the change

  // Then replaces the stored key and signs every checkpoint again with it.
  events::Seed seed{};
  seed.fill(0x5a);
  const events::SigningKey forger = events::signing_key_from_seed(seed);
  raw.exec("DELETE FROM audit_keys; INSERT INTO audit_keys (public_key, seed, created_at) VALUES (" +
           raw.bytes(forger.public_key) + ", " + raw.bytes(seed) + ", 0)");
  std::vector<std::pair<std::int64_t, std::int64_t>> checkpoints;  // seq, at
  {
    auto store = store::open(db.path, Options());
    store->audit_chain().read_checkpoints(1, std::numeric_limits<std::int64_t>::max(), [&](const events::CheckpointRow& c) {
      checkpoints.emplace_back(c.seq, c.at_micros);
    });
  }
  REQUIRE(checkpoints.size() >= 2);
  for (const auto& [seq, at] : checkpoints) {
    const events::ChainHash hash = forged.count(seq) ? forged[seq] : *events::hash_from_bytes(rows[static_cast<std::size_t>(seq - 1)].hash);
    const events::Checkpoint c = events::sign_checkpoint(forger, seq, hash, at);
    raw.exec("UPDATE checkpoints SET hash = " + raw.bytes(c.hash) + ", public_key = " + raw.bytes(c.public_key) +
             ", signature = " + raw.bytes(c.signature) + " WHERE seq = " + seq_sql(seq));
  }
  // Without a key kept apart, nothing tells the forgery from the history (docs/audit.md, "What it
  // does not protect against") but the public key itself, which changed.
  r = verify(f);
  CHECK(r.ok);
  CHECK(r.public_key == events::to_hex(forger.public_key));
  CHECK(r.public_key != trusted_key);
  // With the key the auditor kept, the first re-signed checkpoint fails.
  r = verify(f, {trusted_key});
  CHECK_FALSE(r.ok);
  REQUIRE(r.first_break.has_value());
  CHECK(r.first_break->problem == "checkpoint_key");
  CHECK(r.first_break->seq == checkpoints.front().first);
  CHECK(r.first_break->message.find(events::to_hex(forger.public_key)) != std::string::npos);
}

TEST_CASE("audit chain: a checkpoint whose signature does not match its content is named") {
  TempDb db;
  EngineFixture f(db.path, every(5));
  write_history(f);
  const AuditReport before = verify(f);
  REQUIRE(before.last_checkpoint.has_value());
  const std::int64_t seq = before.last_checkpoint->seq;
  RawStore(db).exec("UPDATE checkpoints SET at = at + 1 WHERE seq = " + seq_sql(seq));
  const AuditReport r = verify(f);
  CHECK_FALSE(r.ok);
  REQUIRE(r.first_break.has_value());
  CHECK(r.first_break->seq == seq);
  CHECK(r.first_break->problem == "checkpoint_signature");
  CHECK(r.broken_links == 0);
  // The checkpoint before it still stands.
  REQUIRE(r.last_checkpoint.has_value());
  CHECK(r.last_checkpoint->seq < seq);
}

TEST_CASE("audit chain: a range is verified from the hash before it; progress is reported and may cancel") {
  TempDb db;
  EngineFixture f(db.path);
  const History h = write_history(f);
  RawStore(db).exec("UPDATE events SET actor = 'operator:mallory' WHERE seq = " + seq_sql(h.note_seq + 2));
  AuditVerifyOptions range;
  range.from_seq = 3;
  range.to_seq = h.note_seq + 1;
  AuditReport r = f.engine.verify_audit(f.admin, range);
  CHECK(r.ok);
  CHECK(r.from_seq == 3);
  CHECK(r.to_seq == h.note_seq + 1);
  CHECK(r.events_checked == h.note_seq - 1);
  range.to_seq = h.note_seq + 2;
  r = f.engine.verify_audit(f.admin, range);
  CHECK_FALSE(r.ok);
  CHECK(r.first_break->seq == h.note_seq + 2);
  // A range past the end stops at the last event.
  range.to_seq = 1'000'000;
  CHECK(f.engine.verify_audit(f.admin, range).to_seq == f.event_count());

  AuditVerifyOptions o;
  std::vector<std::pair<std::int64_t, std::int64_t>> calls;
  o.progress_every = 2;
  o.progress = [&](std::int64_t done, std::int64_t total) {
    calls.emplace_back(done, total);
    return true;
  };
  f.engine.verify_audit(f.admin, o);
  REQUIRE_FALSE(calls.empty());
  CHECK(calls.front() == std::make_pair(std::int64_t{2}, f.event_count()));
  CHECK(calls.back() == std::make_pair(f.event_count(), f.event_count()));  // once at the end
  CHECK(static_cast<std::int64_t>(calls.size()) == f.event_count() / 2 + 1);
  o.progress = [](std::int64_t, std::int64_t) { return false; };
  try {
    f.engine.verify_audit(f.admin, o);
    FAIL("a cancelled verification must throw");
  } catch (const Error& e) {
    CHECK(e.status() == Status::invalid_argument);
    CHECK(e.field() == "progress");
  }
  // Bounds of the request.
  AuditVerifyOptions bad;
  bad.progress_every = 0;
  CHECK(rma_test::status_of([&] { f.engine.verify_audit(f.admin, bad); }) == Status::out_of_range);
  bad.progress_every = 100'000'000;
  CHECK(rma_test::status_of([&] { f.engine.verify_audit(f.admin, bad); }) == Status::ok);
  bad.progress_every = 100'000'001;
  CHECK(rma_test::status_of([&] { f.engine.verify_audit(f.admin, bad); }) == Status::out_of_range);
  bad = AuditVerifyOptions();
  bad.from_seq = 0;
  CHECK(rma_test::status_of([&] { f.engine.verify_audit(f.admin, bad); }) == Status::out_of_range);
  bad.from_seq = 5;
  bad.to_seq = 4;
  CHECK(rma_test::status_of([&] { f.engine.verify_audit(f.admin, bad); }) == Status::invalid_argument);
  bad.to_seq = 5;
  CHECK(f.engine.verify_audit(f.admin, bad).events_checked == 1);
}

TEST_CASE("audit chain: two engines writing the same store in turn keep one chain") {
  TempDb db;
  EngineFixture a(db.path, every(4));
  EngineFixture b(db.path, every(4));
  for (int i = 0; i < 6; ++i) {
    a.engine.create_case(a.op, EngineFixture::one_line_draft());
    const Case c = b.engine.create_case(b.op, EngineFixture::one_line_draft());
    a.engine.add_note(a.op, c.id, NoteDraft{Visibility::internal, "seen"});
  }
  const AuditReport r = verify(a);
  CHECK(r.ok);
  CHECK(r.events_checked == a.event_count());
  CHECK(r.checkpoints_checked >= 3);
  CHECK(verify(b).ok);
}

TEST_CASE("audit chain: the host's signing seed signs the checkpoints and no key is stored") {
  TempDb db;
  Options o = every(3);
  o.audit.signing_seed = std::string(62, '0') + "2a";
  events::Seed seed{};
  seed[31] = 0x2a;
  const std::string expected = events::to_hex(events::signing_key_from_seed(seed).public_key);
  EngineFixture f(db.path, o);
  write_history(f);
  CHECK(f.engine.audit_public_key(f.admin) == expected);
  const AuditReport r = verify(f, {expected});
  CHECK(r.ok);
  CHECK(r.public_key == expected);
  REQUIRE(r.last_checkpoint.has_value());
  CHECK(r.last_checkpoint->public_key == expected);
  CHECK(RawStore(db).integer("SELECT count(*) FROM audit_keys") == 0);
  // Without the seed the same store generates a key of its own; the old checkpoints keep theirs.
  EngineFixture later(db.path, every(3));
  const std::string generated = later.engine.audit_public_key(later.admin);
  CHECK(generated != expected);
  CHECK(RawStore(db).integer("SELECT count(*) FROM audit_keys") == 1);
  CHECK(later.engine.audit_public_key(later.admin) == generated);
  CHECK(verify(later).ok);
  CHECK(verify(later, {expected, generated}).ok);
  CHECK(verify(later, {generated}).first_break->problem == "checkpoint_key");
}

TEST_CASE("audit chain: options checkpoint_every and signing_seed are checked at open, the seed never echoed") {
  auto open_with = [](Options o) { return rma_test::status_of([&] { EngineFixture f(":memory:", o); }); };
  CHECK(open_with(every(0)) == Status::out_of_range);
  CHECK(open_with(every(1)) == Status::ok);
  CHECK(open_with(every(10'000'000)) == Status::ok);
  CHECK(open_with(every(10'000'001)) == Status::out_of_range);
  for (const std::string& seed : {std::string(63, 'a'), std::string(65, 'a'), std::string(63, 'a') + "g"}) {
    Options o;
    o.audit.signing_seed = seed;
    try {
      EngineFixture f(":memory:", o);
      FAIL("a malformed seed must be refused");
    } catch (const Error& e) {
      CHECK(e.status() == Status::invalid_argument);
      CHECK(e.field() == "audit.signing_seed");
      CHECK(std::string(e.what()).find(seed) == std::string::npos);
    }
  }
  Options o;
  o.audit.signing_seed = std::string(64, 'A');
  CHECK(open_with(o) == Status::ok);
  // The options document: read, range-checked, and never written back with the seed.
  const Options read = options_from_json(R"({"audit": {"signing_seed": ")" + std::string(64, 'b') +
                                         R"(", "checkpoint_every": 250}})");
  CHECK(read.audit.signing_seed == std::string(64, 'b'));
  CHECK(read.audit.checkpoint_every == 250);
  CHECK(rma_test::status_of([] { options_from_json(R"({"audit": {"checkpoint_every": 0}})"); }) ==
        Status::out_of_range);
  CHECK(rma_test::status_of([] { options_from_json(R"({"audit": {"key": "x"}})"); }) == Status::unknown_value);
}

TEST_CASE("audit chain: the JSON ops: verify for staff, a checkpoint for admins, the public key stays the same") {
  TempDb db;
  EngineFixture f(db.path);
  write_history(f);
  JsonApi api(f.engine);
  const nlohmann::json report = nlohmann::json::parse(api.call("operator:anna", "audit.verify", "{}"));
  CHECK(report.at("ok") == true);
  CHECK(report.at("events_checked") == f.event_count());
  CHECK(report.at("first_break").is_null());
  for (const char* op : {"audit.verify", "audit.checkpoint", "audit.public_key"}) {
    CAPTURE(op);
    CHECK(rma_test::status_of([&] { api.call("customer:C1", op, "{}"); }) == Status::permission_denied);
  }
  CHECK(rma_test::status_of([&] { api.call("operator:anna", "audit.checkpoint", "{}"); }) ==
        Status::permission_denied);
  const nlohmann::json checkpoint = nlohmann::json::parse(api.call("admin:root", "audit.checkpoint", "{}"));
  CHECK(checkpoint.at("seq") == f.event_count());
  CHECK(checkpoint.at("hash").get<std::string>().size() == 64);
  // Asked again with no new event: the same checkpoint, not a second one.
  CHECK(nlohmann::json::parse(api.call("admin:root", "audit.checkpoint", "{}")) == checkpoint);
  const std::string key = nlohmann::json::parse(api.call("operator:anna", "audit.public_key", "{}")).at("public_key");
  CHECK(key == checkpoint.at("public_key"));
  const nlohmann::json trusted = nlohmann::json::parse(
      api.call("operator:anna", "audit.verify", R"({"trusted_keys": [")" + key + R"("], "from_seq": 2})"));
  CHECK(trusted.at("ok") == true);
  CHECK(trusted.at("unsigned_events") == 0);
  CHECK(trusted.at("last_checkpoint").at("seq") == checkpoint.at("seq"));
  try {
    api.call("operator:anna", "audit.verify", R"({"trusted_keys": ["00"]})");
    FAIL("a malformed key must be refused");
  } catch (const Error& e) {
    CHECK(e.status() == Status::invalid_argument);
    CHECK(e.field() == "trusted_keys[0]");
  }
  CHECK(rma_test::status_of([&] { api.call("operator:anna", "audit.verify", R"({"from": 1})"); }) ==
        Status::unknown_value);
  CHECK(rma_test::status_of([&] { api.call("admin:root", "audit.checkpoint", R"({"seq": 1})"); }) ==
        Status::unknown_value);
}

TEST_CASE("audit chain: a version 14 database gets every event chained when opened, with the hashes librma writes") {
  TempDb db;
  std::vector<std::string> hashes;
  {
    EngineFixture f(db.path);
    write_history(f);
  }
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    SQLite::Statement q(raw, "SELECT hash FROM events ORDER BY seq");
    while (q.executeStep()) hashes.push_back(q.getColumn(0).getString());
    rma_test::undo_schema_to(raw, 14);
    CHECK(raw.execAndGet("SELECT count(*) FROM events").getInt64() == static_cast<std::int64_t>(hashes.size()));
  }
  EngineFixture reopened(db.path);
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == store::kSchemaVersion);
    SQLite::Statement q(raw, "SELECT hash FROM events WHERE seq <= ? ORDER BY seq");
    q.bind(1, static_cast<std::int64_t>(hashes.size()));
    std::size_t i = 0;
    while (q.executeStep()) {
      REQUIRE(i < hashes.size());
      CHECK(q.getColumn(0).getString() == hashes[i++]);
    }
    CHECK(i == hashes.size());
  }
  const AuditReport r = verify(reopened);
  CHECK(r.ok);
  CHECK(r.events_checked == reopened.event_count());
  CHECK(r.checkpoints_checked == 0);  // none was signed before; the first transaction past the mark signs one
  reopened.engine.audit_checkpoint(reopened.admin);
  CHECK(verify(reopened).unsigned_events == 0);
}

namespace {

// A chain of `n` rows built in memory, every third one's data long enough to be stored as a
// compressed frame, as the store keeps case.created.
struct MemoryRow {
  std::int64_t seq;
  std::string actor, data, stored, hash;
};

std::vector<MemoryRow> memory_chain(std::int64_t n) {
  std::vector<MemoryRow> rows;
  events::ChainHash previous = events::kFirstPrevious;
  for (std::int64_t seq = 1; seq <= n; ++seq) {
    std::string data = R"({"n":)" + std::to_string(seq);
    if (seq % 3 == 0) {
      for (int line = 0; line < 8; ++line) data += R"(,"line)" + std::to_string(line) + R"(":"unit inspected, no damage found")";
    }
    data += "}";
    MemoryRow row{seq, "operator:anna", data, store::encode_column(data), std::string()};
    previous = events::chain_hash(previous, events::ChainedContent{seq, 7, seq * 1000, "", row.actor, "note.added",
                                                                   row.data});
    row.hash = std::string(events::bytes_of(previous));
    rows.push_back(row);
  }
  return rows;
}

// The row as the one-thread walk reads it (data decoded) or as the pipeline does (as stored).
events::ChainRow memory_view(const MemoryRow& r, bool as_stored) {
  return events::ChainRow{r.seq, 7, r.seq * 1000, "", r.actor, "note.added", as_stored ? r.stored : r.data, r.hash};
}

}  // namespace

TEST_CASE("audit chain: the two-thread walk finds what the one-thread walk finds, and stops cleanly") {
  std::vector<MemoryRow> rows = memory_chain(1000);
  REQUIRE(store::is_compressed(rows[2].stored));
  REQUIRE_FALSE(store::is_compressed(rows[0].stored));
  // Changed: a content edit, a gap, two rows without hash — the first of them the last row of a
  // 100-row batch, so the next batch's first link has no stored hash to start from.
  rows[310].actor = "operator:mallory";
  rows.erase(rows.begin() + 500);
  rows[699].hash.clear();
  rows[850].hash.clear();
  events::ChainVerifier one({}, 1, 1000);
  for (const MemoryRow& r : rows) one.event(memory_view(r, false));
  one.end_of_events(1000);
  CHECK(one.report().broken_links == 4);
  for (std::size_t batch : {std::size_t{1}, std::size_t{7}, std::size_t{100}, std::size_t{5000}}) {
    CAPTURE(batch);
    events::ChainVerifier two({}, 1, 1000);
    {
      VerifyPipeline pipeline(two, batch);
      for (const MemoryRow& r : rows) pipeline.add(memory_view(r, true));
      pipeline.finish();
    }
    two.end_of_events(1000);
    const AuditReport a = one.report();
    const AuditReport b = two.report();
    CHECK(b.ok == a.ok);
    CHECK(b.events_checked == a.events_checked);
    CHECK(b.broken_links == a.broken_links);
    REQUIRE(b.first_break.has_value());
    CHECK(b.first_break->seq == 311);
    CHECK(b.first_break->problem == a.first_break->problem);
  }
  // A walk that ends early (the host cancelled) stops the worker without waiting for the rest.
  events::ChainVerifier abandoned({}, 1, 1000);
  {
    VerifyPipeline pipeline(abandoned, 10);
    for (std::size_t i = 0; i < 95; ++i) pipeline.add(memory_view(rows[i], true));
  }
  CHECK(abandoned.events_checked() <= 95);
}

TEST_CASE("audit chain: an untouched chain holds on two threads at every batch size; a corrupt frame stops the walk") {
  const std::vector<MemoryRow> rows = memory_chain(600);
  for (std::size_t batch : {std::size_t{1}, std::size_t{64}, std::size_t{600}}) {
    CAPTURE(batch);
    events::ChainVerifier two({}, 1, 600);
    {
      VerifyPipeline pipeline(two, batch);
      for (const MemoryRow& r : rows) pipeline.add(memory_view(r, true));
      pipeline.finish();
    }
    two.end_of_events(600);
    CHECK(two.report().ok);
    CHECK(two.report().events_checked == 600);
  }
  std::vector<MemoryRow> broken = rows;
  broken[299].stored.resize(broken[299].stored.size() - 3);
  // A frame cut short is refused by the decoder on whichever thread hashes it, reported by add()
  // or finish(); the walk fails with the column named instead of calling the event changed.
  auto walk = [&] {
    events::ChainVerifier two({}, 1, 600);
    VerifyPipeline pipeline(two, 16);
    for (const MemoryRow& r : broken) pipeline.add(memory_view(r, true));
    pipeline.finish();
  };
  CHECK_THROWS_WITH_AS(walk(), doctest::Contains("events.data"), Error);
}

TEST_CASE("audit chain: audit.export pages hold exactly what each hash covers, and tile the chain") {
  TempDb db;
  Options o = every(4);
  o.limits.max_response_bytes = 4096;
  EngineFixture f(db.path, o);
  write_history(f);
  const std::int64_t last = f.event_count();
  std::vector<AuditExportEvent> events;
  std::vector<AuditExportCheckpoint> checkpoints;
  std::optional<std::int64_t> from = 1;
  int pages = 0;
  while (from) {
    const AuditExportPage page = f.engine.export_audit(f.op, *from, 5);
    REQUIRE_FALSE(page.events.empty());
    CHECK(page.events.size() <= 5);
    CHECK(page.events.front().seq == *from);
    events.insert(events.end(), page.events.begin(), page.events.end());
    checkpoints.insert(checkpoints.end(), page.checkpoints.begin(), page.checkpoints.end());
    from = page.next_seq;
    ++pages;
  }
  CHECK(pages > last / 5);  // a case.created's text fills the 4 KiB answer before 5 events do
  REQUIRE(static_cast<std::int64_t>(events.size()) == last);
  events::ChainHash previous = events::kFirstPrevious;
  for (const AuditExportEvent& e : events) {
    CAPTURE(e.seq);
    previous = events::chain_hash(previous, events::ChainedContent{e.seq, e.case_id, e.at_micros, e.case_number,
                                                                   e.actor, e.type, e.data});
    CHECK(events::to_hex(previous) == e.hash);
    CHECK(nlohmann::json::parse(e.data).is_object());
  }
  CHECK(checkpoints.size() == static_cast<std::size_t>(verify(f).checkpoints_checked));
  for (const AuditExportCheckpoint& c : checkpoints) CHECK(c.hash == events[static_cast<std::size_t>(c.seq - 1)].hash);
  // Past the end: an empty last page.
  const AuditExportPage beyond = f.engine.export_audit(f.op, last + 1, 10);
  CHECK(beyond.events.empty());
  CHECK_FALSE(beyond.next_seq.has_value());
  CHECK(rma_test::status_of([&] { f.engine.export_audit(f.op, 1, 0); }) == Status::out_of_range);
  CHECK(rma_test::status_of([&] { f.engine.export_audit(f.op, 1, 10'000); }) == Status::ok);
  CHECK(rma_test::status_of([&] { f.engine.export_audit(f.op, 1, 10'001); }) == Status::out_of_range);
  CHECK(rma_test::status_of([&] { f.engine.export_audit(f.customer, 1, 10); }) == Status::permission_denied);
}

TEST_CASE("audit chain: erasing a case's personal data (its key dropped) leaves the history verifying") {
  // Personal values are sealed in the events with their subject's key (docs/privacy.md) and the
  // hash covers the sealed text: erasure drops the key and rewrites no event.
  TempDb db;
  EngineFixture f(db.path, every(3));
  PrivacyConfig config;
  config.default_retention = RetentionRule{"", std::nullopt, 12, "test: one year"};
  f.engine.configure_privacy(f.admin, config);
  CaseDraft d = EngineFixture::one_line_draft();
  d.lines[0].defect_description = "call Mario Rossi on +39 333 1234567";
  const Case c = f.engine.create_case(f.op, d);
  f.engine.add_note(f.op, c.id, NoteDraft{Visibility::external, "mario.rossi@example.it"});
  f.engine.transition_case(f.op, c.id, "cancel");
  const std::string key = f.engine.audit_public_key(f.admin);
  REQUIRE(verify(f, {key}).ok);
  f.now = rma_test::at("2028-01-01T09:00:00Z");
  f.engine.erase_personal_data(f.admin, DataSubject{c.id, ""});
  f.engine.audit_checkpoint(f.admin);
  const AuditReport r = verify(f, {key});
  CHECK(r.ok);
  CHECK(r.events_checked == f.event_count());
  CHECK(r.unsigned_events == 0);
}
