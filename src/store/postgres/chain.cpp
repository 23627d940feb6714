#include "store/postgres/chain.hpp"

#include "store/column_codec.hpp"
#include "store/postgres/rows.hpp"

namespace rma::store::pg {
namespace {

// Rows per round trip when reading the chain: what one page holds in memory.
constexpr int kEventsPerPage = 5000;
constexpr int kCheckpointsPerPage = 1000;

std::string bytes_or_empty(const Result& r, int row, int col) { return r.null(row, col) ? std::string() : r.bytes(row, col); }

std::string bytes_param(const unsigned char* bytes, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(bytes), size);
}

}  // namespace

void PgChain::load_head() {
  Result r = db_.run(
      "SELECT COALESCE((SELECT seq FROM events ORDER BY seq DESC LIMIT 1), 0),"
      " (SELECT hash FROM events ORDER BY seq DESC LIMIT 1), COALESCE((SELECT MAX(seq) FROM checkpoints), 0)");
  known_.chain.set(r.int64(0, 0), events::hash_from_bytes(bytes_or_empty(r, 0, 1)), r.int64(0, 2));
}

void PgChain::append(Event& e) {
  if (!known_.chain.known()) load_head();
  e.seq = known_.chain.seq() + 1;
  const events::ChainHash hash = known_.chain.append(e);
  Params p;
  p.add(e.seq).add(e.case_id).add(std::string(stored_case_number(e))).add(e.at.micros).add(e.actor).add(e.type);
  add_json_column(p, e.data);
  p.bytes(bytes_param(hash.data(), hash.size()));
  db_.send("INSERT INTO events (seq, case_id, case_number, at, actor, type, data, hash) VALUES (?,?,?,?,?,?,?,?)", p);
}

std::optional<std::string> PgChain::stored_seed() {
  Result r = db_.run("SELECT seed FROM audit_keys ORDER BY created_at DESC, public_key LIMIT 1");
  if (r.rows() == 0) return std::nullopt;
  return r.bytes(0, 0);
}

void PgChain::store_seed(const events::PublicKey& key, const events::Seed& seed, Timestamp now) {
  db_.send("INSERT INTO audit_keys (public_key, seed, created_at) VALUES (?,?,?)",
           Params().bytes(bytes_param(key.data(), key.size())).bytes(bytes_param(seed.data(), seed.size()))
               .add(now.micros));
}

void PgChain::insert_checkpoint(const events::Checkpoint& c) {
  db_.send("INSERT INTO checkpoints (seq, hash, at, public_key, signature) VALUES (?,?,?,?,?) ON CONFLICT (seq) DO NOTHING",
           Params().add(c.seq).bytes(bytes_param(c.hash.data(), c.hash.size())).add(c.at_micros)
               .bytes(bytes_param(c.public_key.data(), c.public_key.size()))
               .bytes(bytes_param(c.signature.data(), c.signature.size())));
}

void PgChain::pages(const char* select, std::int64_t from, std::int64_t to, int page_rows,
                    const std::function<void(const Result&, int)>& row) {
  for (std::int64_t next = from; next <= to;) {
    Result r = db_.run(select, Params().add(next).add(to).add(page_rows));
    for (int i = 0; i < r.rows(); ++i) row(r, i);
    if (r.rows() < page_rows) return;
    next = r.int64(r.rows() - 1, 0) + 1;  // each select's first column is the seq
  }
}

void PgChain::read(std::int64_t from, std::int64_t to, EventData data_as,
                  const std::function<void(const events::ChainRow&)>& visit) {
  events::ChainRow row;
  std::string case_number, actor, type, data, hash;  // their memory reused from row to row
  pages("SELECT seq, case_id, at, case_number, actor, type, data, hash FROM events WHERE seq >= ? AND seq <= ?"
        " ORDER BY seq LIMIT ?",
        from, to, kEventsPerPage, [&](const Result& r, int i) {
          row.seq = r.int64(i, 0);
          row.case_id = r.int64(i, 1);
          row.at_micros = r.int64(i, 2);
          row.case_number = case_number = r.text(i, 3);
          row.actor = actor = r.text(i, 4);
          row.type = type = r.text(i, 5);
          if (data_as == EventData::decoded) {
            decode_column_into(r.bytes(i, 6), {"events", "data"}, data);
          } else {
            data = r.bytes(i, 6);
          }
          row.data = data;
          row.hash = hash = bytes_or_empty(r, i, 7);
          visit(row);
        });
}

std::optional<std::string> PgChain::event_hash(std::int64_t seq) {
  Result r = db_.run("SELECT hash FROM events WHERE seq = ?", Params().add(seq));
  if (r.rows() == 0) return std::nullopt;
  return bytes_or_empty(r, 0, 0);
}

void PgChain::read_checkpoints(std::int64_t from, std::int64_t to,
                               const std::function<void(const events::CheckpointRow&)>& visit) {
  events::CheckpointRow row;
  pages("SELECT c.seq, c.hash, c.at, c.public_key, c.signature, e.seq IS NOT NULL, e.hash, COALESCE(e.case_id, 0),"
        " COALESCE(e.type, '') FROM checkpoints c LEFT JOIN events e ON e.seq = c.seq WHERE c.seq >= ? AND c.seq <= ?"
        " ORDER BY c.seq LIMIT ?",
        from, to, kCheckpointsPerPage, [&](const Result& r, int i) {
          row.seq = r.int64(i, 0);
          row.hash = r.bytes(i, 1);
          row.at_micros = r.int64(i, 2);
          row.public_key = r.bytes(i, 3);
          row.signature = r.bytes(i, 4);
          row.event_exists = r.text(i, 5) == "t";
          row.event_hash = bytes_or_empty(r, i, 6);
          row.event_case_id = r.int64(i, 7);
          row.event_type = r.text(i, 8);
          visit(row);
        });
}

}  // namespace rma::store::pg
