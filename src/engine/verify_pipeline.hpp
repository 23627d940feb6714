// engine/verify_pipeline.hpp — audit.verify on two threads: the calling thread reads the chain
// from the store (SQLite steps, zstd frames decoded) and a worker hashes each link and keeps the
// verifier's state, batch after batch. The two halves cost about the same, so a walk goes nearly
// twice as fast where a second core is free (docs/audit.md, "Performance").
//
// Memory stays bounded: at most kBatchesInFlight batches of `batch_rows` rows (their bytes copied
// out of the store's buffers) exist at once. The worker sees the rows in seq order, so the
// verifier's sequential rules (a failed link judged by the next) hold as on one thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
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

  // On the calling thread, with a row the store hands out (its views are copied).
  void add(const events::ChainRow& row);
  // Hands over the last rows and waits until every row was checked; rethrows what the worker
  // threw.
  void finish();

  static constexpr std::size_t kBatchesInFlight = 3;

 private:
  struct Row {
    std::int64_t seq, case_id, at_micros;
    std::size_t offset;  // case_number, actor, type, data, hash, one after the other in bytes
    std::uint32_t sizes[5];
  };
  struct Batch {
    std::string bytes;
    std::vector<Row> rows;
  };

  void hand_over();
  void work();
  void stop() noexcept;

  events::ChainVerifier& verifier_;
  std::size_t batch_rows_;
  Batch filling_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Batch> ready_;   // for the worker, in seq order
  std::vector<Batch> spare_;  // checked batches, their memory reused
  std::size_t in_flight_ = 0; // batches handed over and not yet checked
  bool closing_ = false;
  std::exception_ptr failure_;
  std::thread worker_;
};

}  // namespace rma
