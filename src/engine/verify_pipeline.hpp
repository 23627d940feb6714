// engine/verify_pipeline.hpp — audit.verify on two threads. The calling thread reads the chain
// from the store (SQLite's steps, the columns copied out as stored); batches of rows are then
// decoded and hashed by whichever thread is free — a worker, or the reading thread when it is
// ahead — and the verifier's rules run on the calling thread, batch after batch in seq order.
//
// Hashing a batch needs nothing from the batches before it: each link is the hash of the stored
// hash before it and the event's content (events/chain_verifier.hpp), and the stored hash before
// a batch's first row is the last one the reader copied. The rare link whose predecessor has no
// well-formed stored hash is computed again in order by the verifier, so the verdicts are the
// ones a single thread gives. Reading costs about a third of a walk and decoding and hashing the
// rest; sharing the latter keeps both cores busy (docs/audit.md, "Performance").
//
// Memory stays bounded: at most kBatchesInFlight batches of `batch_rows` rows exist at once, plus
// the one being filled.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "events/chain_verifier.hpp"

namespace rma {

class VerifyPipeline {
 public:
  VerifyPipeline(events::ChainVerifier& verifier, std::size_t batch_rows);
  // Stops the worker and waits for it (a walk ended by an exception).
  ~VerifyPipeline();
  VerifyPipeline(const VerifyPipeline&) = delete;
  VerifyPipeline& operator=(const VerifyPipeline&) = delete;

  // On the calling thread, with a row the store hands out, its data as stored
  // (store::EventData::as_stored); its views are copied.
  void add(const events::ChainRow& row);
  // Hands over the last rows and returns once every row went through the verifier; rethrows
  // what hashing threw (a corrupt compressed payload).
  void finish();

  static constexpr std::size_t kBatchesInFlight = 4;

 private:
  struct Row {
    std::int64_t seq, case_id, at_micros;
    std::size_t offset;  // case_number, actor, type, data as stored, hash, one after the other
    std::uint32_t sizes[5];
  };
  // A row's hash as the hashing thread computed it, and the hash it chained it to.
  struct Link {
    bool previous_known;
    events::ChainHash previous;
    events::ChainHash computed;
  };
  enum class State { queued, hashing, hashed };
  struct Batch {
    std::string bytes;
    std::vector<Row> rows;
    std::optional<events::ChainHash> previous;  // the stored hash before the first row, if well-formed
    std::vector<Link> links;
    std::string decoded;  // scratch for a row's decoded data
    State state = State::queued;
  };

  void hand_over();
  // Until no more than `at_most` batches wait to be checked: hashes queued batches on this
  // thread, checks hashed ones in order, waits for the worker otherwise.
  void drain(std::size_t at_most);
  void check(Batch& batch);
  void work();
  void stop() noexcept;

  static events::ChainRow view(const Batch& batch, const Row& row);
  static void hash(Batch& batch);
  // The first queued batch, marked as being hashed; none when every batch is taken. Under mu_.
  Batch* take_queued();

  events::ChainVerifier& verifier_;
  std::size_t batch_rows_;
  std::unique_ptr<Batch> filling_;
  std::optional<events::ChainHash> last_stored_;  // the last stored hash add() copied
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Batch>> in_order_;  // handed over and not yet checked, in seq order
  std::vector<std::unique_ptr<Batch>> spare_;    // checked batches, their memory reused
  bool closing_ = false;
  std::exception_ptr failure_;
  std::thread worker_;
};

}  // namespace rma
