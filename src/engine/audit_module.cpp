#include "engine/audit_module.hpp"

#include <limits>
#include <thread>

#include "engine/engine_impl.hpp"
#include "engine/verify_pipeline.hpp"
#include "events/chain_verifier.hpp"

namespace rma {

namespace {

// A walk this long reads on the calling thread and decodes and hashes on both (verify_pipeline.hpp);
// a shorter one is done before a thread would have started.
constexpr std::int64_t kTwoThreadsFrom = 20000;
constexpr std::size_t kBatchRows = 4096;

AuditCheckpoint public_form(const events::Checkpoint& c) {
  return AuditCheckpoint{c.seq, events::to_hex(c.hash), Timestamp{c.at_micros}, events::to_hex(c.public_key)};
}

std::vector<events::PublicKey> parse_trusted_keys(const std::vector<std::string>& keys) {
  std::vector<events::PublicKey> out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    events::PublicKey key{};
    if (!events::from_hex(keys[i], key.data(), key.size())) {
      throw Error(Status::invalid_argument, "trusted_keys[" + std::to_string(i) + "]",
                  "must be an Ed25519 public key in 64 hex digits, got " + std::to_string(keys[i].size()) +
                      " characters");
    }
    out.push_back(key);
  }
  return out;
}

}  // namespace

AuditReport AuditModule::verify(const Actor& by, const AuditVerifyOptions& options) {
  e_.require_staff(by, "verify the audit history");
  const std::vector<events::PublicKey> trusted = parse_trusted_keys(options.trusted_keys);
  if (options.to_seq && *options.to_seq < options.from_seq) {
    throw Error(Status::invalid_argument, "to_seq",
                "must not be before from_seq (" + std::to_string(options.from_seq) + "), got " +
                    std::to_string(*options.to_seq));
  }
  // Events other processes commit during the walk come after `last` and are left for the next
  // verification; a checkpoint they wrote is recognised as theirs (its event exists).
  const std::int64_t last = e_.store->last_event_seq();
  const std::int64_t to = options.to_seq ? std::min(*options.to_seq, last) : last;
  const std::int64_t total = to >= options.from_seq ? to - options.from_seq + 1 : 0;

  store::AuditChain& chain = e_.store->audit_chain();
  events::ChainVerifier verifier(trusted, options.from_seq, to);
  if (options.from_seq > 1) {
    const std::optional<std::string> before = chain.event_hash(options.from_seq - 1);
    verifier.anchor(before ? events::hash_from_bytes(*before) : std::nullopt);
  }
  // Progress counts the events read (on two threads the last batches read may still be being
  // hashed); the last report comes when every event was checked.
  std::int64_t events_read = 0;
  auto report_progress = [&] {
    if (options.progress && !options.progress(events_read, total)) {
      throw Error(Status::invalid_argument, "progress", "cancelled by the host");
    }
  };
  if (total >= kTwoThreadsFrom && std::thread::hardware_concurrency() > 1) {
    VerifyPipeline pipeline(verifier, kBatchRows);
    chain.read(options.from_seq, to, store::EventData::as_stored, [&](const events::ChainRow& row) {
      pipeline.add(row);
      if (++events_read % options.progress_every == 0) report_progress();
    });
    pipeline.finish();
  } else if (total > 0) {
    chain.read(options.from_seq, to, store::EventData::decoded, [&](const events::ChainRow& row) {
      verifier.event(row);
      if (++events_read % options.progress_every == 0) report_progress();
    });
  }
  verifier.end_of_events(last);
  chain.read_checkpoints(options.from_seq, options.to_seq.value_or(std::numeric_limits<std::int64_t>::max()),
                         [&](const events::CheckpointRow& row) { verifier.checkpoint(row); });
  report_progress();

  AuditReport report = verifier.report();
  if (report.first_break && report.first_break->case_id != 0) {
    report.first_break->case_number = e_.store->case_number_of(report.first_break->case_id).value_or("");
  }
  if (const std::optional<events::PublicKey> key = e_.store->audit_chain().public_key(false, e_.now())) {
    report.public_key = events::to_hex(*key);
  }
  return report;
}

AuditCheckpoint AuditModule::checkpoint(const Actor& by) {
  e_.require_admin(by, "sign an audit checkpoint");
  const std::optional<events::Checkpoint> c = e_.store->audit_chain().checkpoint_now(e_.now());
  if (!c) throw Error(Status::not_found, "", "the audit history holds no event to sign yet");
  return public_form(*c);
}

AuditExportPage AuditModule::export_page(const Actor& by, std::int64_t from_seq, std::int32_t limit) {
  e_.require_staff(by, "export the audit history");
  const std::int64_t last = e_.store->last_event_seq();
  AuditExportPage page;
  if (from_seq > last) return page;
  const std::int64_t to = from_seq > last - limit + 1 ? last : from_seq + limit - 1;
  // The answer stays under max_response_bytes: the events' texts and a margin for the rest of
  // each one's JSON (hex hash, numbers, escapes); the first event always goes.
  constexpr std::int64_t kPerEventMargin = 256;
  std::int64_t bytes = 0;
  bool full = false;
  store::AuditChain& chain = e_.store->audit_chain();
  chain.read(from_seq, to, store::EventData::decoded, [&](const events::ChainRow& row) {
    const std::int64_t size = static_cast<std::int64_t>(row.case_number.size() + row.actor.size() + row.type.size() +
                                                        2 * row.data.size()) +
                              kPerEventMargin;
    if (full || (!page.events.empty() && bytes + size > e_.options.limits.max_response_bytes)) {
      full = true;
      return;
    }
    bytes += size;
    page.events.push_back(AuditExportEvent{
        row.seq, row.case_id, std::string(row.case_number), row.at_micros, std::string(row.actor),
        std::string(row.type), std::string(row.data),
        events::to_hex(reinterpret_cast<const unsigned char*>(row.hash.data()), row.hash.size())});
  });
  const std::int64_t covered = page.events.empty() ? to : page.events.back().seq;
  if (covered < last) page.next_seq = covered + 1;
  // The last page also holds any checkpoint past the end: the sign that events were cut off.
  const std::int64_t checkpoints_to = page.next_seq ? covered : std::numeric_limits<std::int64_t>::max();
  chain.read_checkpoints(from_seq, checkpoints_to, [&](const events::CheckpointRow& c) {
    auto hex = [](const std::string& b) { return events::to_hex(reinterpret_cast<const unsigned char*>(b.data()), b.size()); };
    page.checkpoints.push_back(
        AuditExportCheckpoint{c.seq, hex(c.hash), c.at_micros, hex(c.public_key), hex(c.signature)});
  });
  return page;
}

std::string AuditModule::public_key(const Actor& by) {
  e_.require_staff(by, "read the audit public key");
  return events::to_hex(*e_.store->audit_chain().public_key(true, e_.now()));
}

}  // namespace rma
