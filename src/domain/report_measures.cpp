#include "domain/report_measures.hpp"

#include <algorithm>
#include <cmath>

#include "domain/report_statistics.hpp"

namespace rma::domain {
namespace {

using K = ReportMeasureKind;

constexpr std::int64_t kMicros = 1000000;

// numerator / denominator in percent, to two decimals; null when there is nothing to divide.
ReportCell percent(std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0) return std::monostate();
  const double p = 100.0 * static_cast<double>(numerator) / static_cast<double>(denominator);
  return std::round(p * 100.0) / 100.0;
}

ReportColumnType type_of(K kind) {
  switch (kind) {
    case K::claimed:
    case K::refunded:
    case K::cost:
    case K::recovered: return ReportColumnType::money;
    case K::handling_time:
    case K::first_response_time: return ReportColumnType::seconds;
    case K::sla_compliance:
    case K::reopen_rate:
    case K::return_rate: return ReportColumnType::percent;
    default: return ReportColumnType::integer;
  }
}

}  // namespace

MeasureSums::MeasureSums(const ReportMeasure& measure, const ReportFacts& facts,
                         const std::vector<std::uint8_t>& closed_status, std::vector<std::uint8_t> breached,
                         DurationBuffers* buffers)
    : m_(measure), f_(facts), closed_status_(closed_status), breached_(std::move(breached)) {
  switch (m_.kind) {
    case K::lines:
    case K::units_requested:
    case K::units_authorized:
    case K::units_received:
    case K::units_accepted: per_line_ = true; break;
    case K::handling_time:
    case K::first_response_time: collects_values_ = m_.statistic != ReportStatistic::mean; break;
    default: break;
  }
  if (collects_values_) {
    if (buffers == nullptr) {
      own_ = std::make_unique<DurationBuffers>();
      buffers = own_.get();
    }
    d_ = buffers;
    d_->values.clear();
    d_->slots.clear();
    d_->values.reserve(facts.cases());
    d_->slots.reserve(facts.cases());
  }
  if (type_of(m_.kind) == ReportColumnType::money) {
    currencies_ = facts.currencies.size();
    currency_used_.assign(currencies_, 0);
  }
}

void MeasureSums::grow(std::uint32_t slot) {
  const std::size_t n = std::max<std::size_t>(static_cast<std::size_t>(slot) + 1, a_.size() * 2);
  a_.resize(n, 0);
  b_.resize(n, 0);
  if (currencies_ > 0) money_.resize(n * currencies_, 0);
}

bool MeasureSums::duration(std::size_t r, std::int64_t& seconds) const {
  const bool business = m_.basis == ReportTimeBasis::business;
  if (m_.kind == K::first_response_time) {
    if (business) {
      seconds = f_.business_first_response[r];
      return seconds >= 0;
    }
    if (f_.first_response_at[r] == kNoTime) return false;
    seconds = (f_.first_response_at[r] - f_.created_at[r]) / kMicros;
  } else if (m_.end == ReportHandlingEnd::decision) {
    if (business) {
      seconds = f_.business_to_decision[r];
      return seconds >= 0;
    }
    if (f_.decided_at[r] == kNoTime) return false;
    seconds = (f_.decided_at[r] - f_.created_at[r]) / kMicros;
  } else {
    if (business) {
      seconds = f_.business_to_closing[r];
      return seconds >= 0;
    }
    const std::uint32_t s = f_.status[r];
    if (s >= closed_status_.size() || !closed_status_[s]) return false;
    seconds = (f_.status_since[r] - f_.created_at[r]) / kMicros;
  }
  seconds = std::max<std::int64_t>(seconds, 0);
  return true;
}

void MeasureSums::add_case(std::uint32_t slot, std::size_t r) {
  ensure(slot);
  switch (m_.kind) {
    case K::cases: ++a_[slot]; break;
    case K::claimed:
    case K::refunded:
    case K::cost:
    case K::recovered: {
      const std::uint32_t first = f_.money_first[r];
      for (std::uint32_t i = first; i < first + f_.money_count[r]; ++i) {
        const std::uint32_t c = f_.money_currency[i];
        const std::int64_t v = m_.kind == K::claimed    ? f_.money_claimed[i]
                               : m_.kind == K::refunded ? f_.money_refunded[i]
                               : m_.kind == K::cost     ? f_.money_cost[i]
                                                        : f_.money_recovered[i];
        if (c >= currencies_) continue;  // a currency first seen after this report began
        money_[static_cast<std::size_t>(slot) * currencies_ + c] += v;
        currency_used_[c] = 1;
      }
      break;
    }
    case K::handling_time:
    case K::first_response_time: {
      std::int64_t seconds = 0;
      if (!duration(r, seconds)) break;
      if (collects_values_) {
        d_->values.push_back(seconds);
        d_->slots.push_back(slot);
      } else {
        a_[slot] += seconds;
      }
      ++b_[slot];
      break;
    }
    case K::sla_breached: a_[slot] += breached_[r]; break;
    case K::sla_compliance: {
      const std::uint32_t s = f_.status[r];
      if (s < closed_status_.size() && closed_status_[s]) {
        ++b_[slot];
        a_[slot] += breached_[r] ? 0 : 1;
      }
      break;
    }
    case K::reopened: a_[slot] += f_.reopens[r] > 0 ? 1 : 0; break;
    case K::reopen_rate:
      a_[slot] += f_.reopens[r] > 0 ? 1 : 0;
      ++b_[slot];
      break;
    default: break;
  }
}

void MeasureSums::add_line(std::uint32_t slot, std::size_t l) {
  ensure(slot);
  switch (m_.kind) {
    case K::lines: ++a_[slot]; break;
    case K::units_requested: a_[slot] += f_.line_requested[l]; break;
    case K::units_authorized: a_[slot] += f_.line_authorized[l]; break;
    case K::units_received: a_[slot] += f_.line_received[l]; break;
    case K::units_accepted: a_[slot] += f_.line_accepted[l]; break;
    default: break;
  }
}

void MeasureSums::add_sold(std::uint32_t slot, std::size_t s) {
  ensure(slot);
  if (m_.kind == K::sold_units || m_.kind == K::return_rate) b_[slot] += f_.sold_quantity[s];
}

void MeasureSums::add_returned(std::uint32_t slot, std::size_t l) {
  ensure(slot);
  if (m_.kind == K::returned_units || m_.kind == K::return_rate) a_[slot] += f_.line_requested[l];
}

void MeasureSums::finish(std::uint32_t slots) {
  ensure(slots);
  for (std::uint32_t c = 0; c < currencies_; ++c) {
    if (currency_used_[c]) used_.push_back(c);
  }
  std::sort(used_.begin(), used_.end(),
            [this](std::uint32_t x, std::uint32_t y) { return f_.currencies.text(x) < f_.currencies.text(y); });
  if (!collects_values_) return;
  // Counting sort by slot: the values of each group in one run.
  slot_first_.assign(static_cast<std::size_t>(slots) + 2, 0);
  for (std::uint32_t s : d_->slots) ++slot_first_[s + 1];
  for (std::size_t s = 1; s < slot_first_.size(); ++s) slot_first_[s] += slot_first_[s - 1];
  std::vector<std::int64_t>& ordered = d_->ordered;
  ordered.resize(d_->values.size());
  std::vector<std::uint32_t> next(slot_first_.begin(), slot_first_.end() - 1);
  for (std::size_t i = 0; i < d_->values.size(); ++i) ordered[next[d_->slots[i]]++] = d_->values[i];
  d_->values.swap(ordered);
}

std::vector<ReportColumn> MeasureSums::columns() const {
  const std::string name = m_.name();
  const ReportColumnType type = type_of(m_.kind);
  if (type != ReportColumnType::money) return {ReportColumn{name, type, std::string(), false}};
  std::vector<ReportColumn> out;
  for (std::uint32_t c : used_) {
    out.push_back(ReportColumn{name + "." + f_.currencies.text(c), type, f_.currencies.text(c), false});
  }
  return out;
}

void MeasureSums::cells(std::uint32_t slot, std::vector<ReportCell>& out) {
  switch (m_.kind) {
    case K::claimed:
    case K::refunded:
    case K::cost:
    case K::recovered:
      for (std::uint32_t c : used_) out.emplace_back(money_[static_cast<std::size_t>(slot) * currencies_ + c]);
      return;
    case K::handling_time:
    case K::first_response_time: {
      if (b_[slot] == 0) {
        out.emplace_back(std::monostate());
      } else if (!collects_values_) {
        out.emplace_back(mean_half_even(a_[slot], b_[slot]));
      } else if (m_.statistic == ReportStatistic::median) {
        out.emplace_back(median_of(d_->values, slot_first_[slot], slot_first_[slot + 1]));
      } else {
        out.emplace_back(percentile_of(d_->values, slot_first_[slot], slot_first_[slot + 1], 90));
      }
      return;
    }
    case K::sla_compliance:
    case K::reopen_rate:
    case K::return_rate: out.push_back(percent(a_[slot], b_[slot])); return;
    case K::sold_units: out.emplace_back(b_[slot]); return;
    default: out.emplace_back(a_[slot]); return;
  }
}

}  // namespace rma::domain
