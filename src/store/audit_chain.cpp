#include "store/audit_chain.hpp"

#include <atomic>
#include <cstring>

#include "rma/error.hpp"

namespace rma::store {
namespace {

std::atomic<bool> g_chain_on{true};

}  // namespace

void set_chain_for_benchmarks(bool on) { g_chain_on.store(on); }

events::Seed parse_signing_seed(const std::string& hex) {
  events::Seed seed{};
  if (!events::from_hex(hex, seed.data(), seed.size())) {
    throw Error(Status::invalid_argument, "audit.signing_seed",
                "must be 64 hex digits (a 32-byte Ed25519 seed); the value given is not (" +
                    std::to_string(hex.size()) + " characters)");
  }
  return seed;
}

AuditSettings audit_settings(const Options& options) {
  AuditSettings s;
  if (!options.audit.signing_seed.empty()) s.host_seed = parse_signing_seed(options.audit.signing_seed);
  s.checkpoint_every = options.audit.checkpoint_every;
  s.chained = g_chain_on.load();
  return s;
}

void ChainHead::set(std::int64_t seq, const std::optional<events::ChainHash>& hash, std::int64_t checkpoint_seq) {
  known_ = true;
  seq_ = seq;
  hash_ = hash ? *hash : events::kFirstPrevious;
  checkpoint_seq_ = checkpoint_seq;
}

events::ChainHash ChainHead::append(const Event& e) {
  hash_ = events::chain_hash(
      hash_, events::ChainedContent{e.seq, e.case_id, e.at.micros, stored_case_number(e), e.actor, e.type, e.data});
  seq_ = e.seq;
  last_at_ = e.at;
  return hash_;
}

std::optional<events::SigningKey> AuditChain::signing_key(bool create, Timestamp now) {
  if (settings_.host_seed) return events::signing_key_from_seed(*settings_.host_seed);
  if (const std::optional<std::string> stored = stored_seed()) {
    events::Seed seed{};
    if (stored->size() != seed.size()) {
      throw Error(Status::storage, "", "the stored audit key (audit_keys.seed) is not 32 bytes");
    }
    std::memcpy(seed.data(), stored->data(), seed.size());
    return events::signing_key_from_seed(seed);
  }
  if (!create) return std::nullopt;
  const events::Seed seed = events::new_seed();
  events::SigningKey key = events::signing_key_from_seed(seed);
  store_seed(key.public_key, seed, now);
  return key;
}

events::Checkpoint AuditChain::write_checkpoint(Timestamp at) {
  const events::Checkpoint c = events::sign_checkpoint(*signing_key(true, at), head().seq(), head().hash(), at.micros);
  insert_checkpoint(c);
  head().checkpointed(c.seq);
  return c;
}

void AuditChain::before_commit() {
  if (settings_.chained && head().checkpoint_due(settings_.checkpoint_every)) write_checkpoint(head().last_at());
}

std::optional<events::Checkpoint> AuditChain::checkpoint_now(Timestamp at) {
  if (!head().known()) load_head();
  const std::int64_t seq = head().seq();
  if (seq == 0) return std::nullopt;
  std::optional<events::Checkpoint> stored;
  read_checkpoints(seq, seq, [&](const events::CheckpointRow& row) { stored = events::checkpoint_from_row(row); });
  if (stored) return stored;
  return write_checkpoint(at);
}

std::optional<events::PublicKey> AuditChain::public_key(bool create, Timestamp now) {
  const std::optional<events::SigningKey> key = signing_key(create, now);
  if (!key) return std::nullopt;
  return key->public_key;
}

}  // namespace rma::store
