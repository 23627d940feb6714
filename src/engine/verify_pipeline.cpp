#include "engine/verify_pipeline.hpp"

#include <string_view>
#include <utility>

#include "store/column_codec.hpp"

namespace rma {
namespace {

// `data` as stored, decoded into `scratch` when it is a compressed frame.
std::string_view decoded(std::string_view data, std::string& scratch) {
  if (!store::is_compressed(data)) return data;
  store::decode_column_into(data, {"events", "data"}, scratch);
  return scratch;
}

}  // namespace

VerifyPipeline::VerifyPipeline(events::ChainVerifier& verifier, std::size_t batch_rows)
    : verifier_(verifier), batch_rows_(batch_rows), filling_(std::make_unique<Batch>()) {
  filling_->rows.reserve(batch_rows_);
  filling_->previous = verifier_.previous_hash();
  worker_ = std::thread([this] { work(); });
}

VerifyPipeline::~VerifyPipeline() { stop(); }

void VerifyPipeline::stop() noexcept {
  if (!worker_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

void VerifyPipeline::add(const events::ChainRow& r) {
  Row row{r.seq, r.case_id, r.at_micros, filling_->bytes.size(), {}};
  const std::string_view parts[5] = {r.case_number, r.actor, r.type, r.data, r.hash};
  for (std::size_t i = 0; i < 5; ++i) {
    row.sizes[i] = static_cast<std::uint32_t>(parts[i].size());
    filling_->bytes.append(parts[i].data(), parts[i].size());
  }
  filling_->rows.push_back(row);
  if (filling_->rows.size() >= batch_rows_) hand_over();
}

events::ChainRow VerifyPipeline::view(const Batch& batch, const Row& row) {
  const char* at = batch.bytes.data() + row.offset;
  std::string_view parts[5];
  for (std::size_t i = 0; i < 5; ++i) {
    parts[i] = std::string_view(at, row.sizes[i]);
    at += row.sizes[i];
  }
  return events::ChainRow{row.seq, row.case_id, row.at_micros, parts[0], parts[1], parts[2], parts[3], parts[4]};
}

void VerifyPipeline::hand_over() {
  const std::optional<events::ChainHash> last_stored = events::hash_from_bytes(view(*filling_, filling_->rows.back()).hash);
  std::unique_ptr<Batch> next;
  {
    std::lock_guard<std::mutex> lock(mu_);
    in_order_.push_back(std::move(filling_));
    if (!spare_.empty()) {
      next = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  changed_.notify_all();
  drain(kBatchesInFlight);
  if (!next) {
    next = std::make_unique<Batch>();
    next->rows.reserve(batch_rows_);
  }
  next->bytes.clear();
  next->rows.clear();
  next->previous = last_stored;
  next->state = State::queued;
  filling_ = std::move(next);
}

VerifyPipeline::Batch* VerifyPipeline::take_queued() {
  for (const std::unique_ptr<Batch>& batch : in_order_) {
    if (batch->state == State::queued) {
      batch->state = State::hashing;
      return batch.get();
    }
  }
  return nullptr;
}

void VerifyPipeline::hash(Batch& batch) {
  batch.links.resize(batch.rows.size());
  bool known = batch.previous.has_value();
  events::ChainHash previous = known ? *batch.previous : events::ChainHash{};
  for (std::size_t i = 0; i < batch.rows.size(); ++i) {
    const events::ChainRow r = view(batch, batch.rows[i]);
    Link& link = batch.links[i];
    link.previous_known = known;
    link.previous = previous;
    if (known) {
      link.computed = events::chain_hash(previous, events::ChainedContent{r.seq, r.case_id, r.at_micros, r.case_number,
                                                                          r.actor, r.type, decoded(r.data, batch.decoded)});
    }
    // The next link chains to this one's stored hash; without one, to the hash computed here.
    if (const std::optional<events::ChainHash> stored = events::hash_from_bytes(r.hash)) {
      previous = *stored;
      known = true;
    } else {
      previous = link.computed;
    }
  }
}

void VerifyPipeline::check(Batch& batch) {
  for (std::size_t i = 0; i < batch.rows.size(); ++i) {
    events::ChainRow r = view(batch, batch.rows[i]);
    const Link& link = batch.links[i];
    if (link.previous_known && link.previous == verifier_.previous_hash()) {
      verifier_.event(r, link.computed);
    } else {
      r.data = decoded(r.data, batch.decoded);
      verifier_.event(r);
    }
  }
}

void VerifyPipeline::drain(std::size_t at_most) {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (failure_) std::rethrow_exception(failure_);
    if (!in_order_.empty() && in_order_.front()->state == State::hashed) {
      std::unique_ptr<Batch> batch = std::move(in_order_.front());
      in_order_.pop_front();
      lock.unlock();
      check(*batch);
      lock.lock();
      spare_.push_back(std::move(batch));
      continue;
    }
    if (in_order_.size() <= at_most) return;
    if (Batch* batch = take_queued()) {
      // Ahead of the worker: this thread hashes too rather than wait.
      lock.unlock();
      hash(*batch);
      lock.lock();
      batch->state = State::hashed;
      continue;
    }
    changed_.wait(lock);
  }
}

void VerifyPipeline::work() {
  for (;;) {
    Batch* batch = nullptr;
    {
      std::unique_lock<std::mutex> lock(mu_);
      changed_.wait(lock, [&] { return closing_ || (batch = take_queued()) != nullptr; });
      if (!batch) return;
    }
    try {
      hash(*batch);
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
      batch->state = State::hashed;
    }
    changed_.notify_all();
  }
}

void VerifyPipeline::finish() {
  if (!filling_->rows.empty()) hand_over();
  drain(0);
  stop();
}

}  // namespace rma
