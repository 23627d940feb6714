#include "engine/verify_pipeline.hpp"

#include <string_view>
#include <utility>

namespace rma {

VerifyPipeline::VerifyPipeline(events::ChainVerifier& verifier, std::size_t batch_rows)
    : verifier_(verifier), batch_rows_(batch_rows) {
  filling_.rows.reserve(batch_rows_);
  worker_ = std::thread([this] { work(); });
}

VerifyPipeline::~VerifyPipeline() { stop(); }

void VerifyPipeline::stop() noexcept {
  if (!worker_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    ready_.clear();  // a walk that failed is not finished: nothing more is checked
  }
  changed_.notify_all();
  worker_.join();
}

void VerifyPipeline::add(const events::ChainRow& r) {
  Row row{r.seq, r.case_id, r.at_micros, filling_.bytes.size(), {}};
  const std::string_view parts[5] = {r.case_number, r.actor, r.type, r.data, r.hash};
  for (std::size_t i = 0; i < 5; ++i) {
    row.sizes[i] = static_cast<std::uint32_t>(parts[i].size());
    filling_.bytes.append(parts[i].data(), parts[i].size());
  }
  filling_.rows.push_back(row);
  if (filling_.rows.size() >= batch_rows_) hand_over();
}

void VerifyPipeline::hand_over() {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait(lock, [&] { return in_flight_ < kBatchesInFlight || failure_; });
  if (failure_) std::rethrow_exception(failure_);
  ready_.push_back(std::move(filling_));
  ++in_flight_;
  if (spare_.empty()) {
    filling_ = Batch();
    filling_.rows.reserve(batch_rows_);
  } else {
    filling_ = std::move(spare_.back());
    spare_.pop_back();
  }
  filling_.bytes.clear();
  filling_.rows.clear();
  lock.unlock();
  changed_.notify_all();
}

void VerifyPipeline::work() {
  for (;;) {
    Batch batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      changed_.wait(lock, [&] { return !ready_.empty() || closing_; });
      if (ready_.empty()) return;  // closing, every batch checked
      batch = std::move(ready_.front());
      ready_.pop_front();
    }
    try {
      for (const Row& row : batch.rows) {
        const char* at = batch.bytes.data() + row.offset;
        std::string_view parts[5];
        for (std::size_t i = 0; i < 5; ++i) {
          parts[i] = std::string_view(at, row.sizes[i]);
          at += row.sizes[i];
        }
        verifier_.event(events::ChainRow{row.seq, row.case_id, row.at_micros, parts[0], parts[1], parts[2], parts[3],
                                         parts[4]});
      }
    } catch (...) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        failure_ = std::current_exception();
      }
      changed_.notify_all();
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      --in_flight_;
      spare_.push_back(std::move(batch));
    }
    changed_.notify_all();
  }
}

void VerifyPipeline::finish() {
  if (!filling_.rows.empty()) hand_over();
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
  }
  changed_.notify_all();
  worker_.join();
  if (failure_) std::rethrow_exception(failure_);
}

}  // namespace rma
