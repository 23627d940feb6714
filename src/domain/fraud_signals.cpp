// domain/fraud_signals.cpp — the fraud signals of a customer (docs/reports.md "Fraud signals").
#include "domain/fraud_signals.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "domain/calendar_date.hpp"
#include "domain/eligibility_rules.hpp"
#include "domain/report_period.hpp"
#include "json/reader.hpp"
#include "rma/error.hpp"

namespace rma::domain {

namespace {

constexpr std::int64_t kMicrosPerDay = 86400LL * 1000000LL;
constexpr std::size_t kMaxEvidence = 20;
constexpr std::int64_t kMaxCount = 1000000000;
constexpr std::int64_t kMaxCases = 100000;

// Case ids, unique and ascending, the first kMaxEvidence.
std::vector<std::int64_t> evidence(const std::set<std::int64_t>& ids) {
  std::vector<std::int64_t> out;
  for (std::int64_t id : ids) {
    if (out.size() == kMaxEvidence) break;
    out.push_back(id);
  }
  return out;
}

FraudSignal signal(const char* code, const FraudThreshold& rule, double value, std::int64_t count,
                   const std::set<std::int64_t>& cases) {
  FraudSignal s;
  s.code = code;
  s.value = value;
  s.threshold = rule.threshold;
  s.count = count;
  s.min_count = rule.min_count;
  s.raised = count >= rule.min_count && value >= rule.threshold;
  s.cases = evidence(cases);
  return s;
}

bool claims_defect(const std::vector<std::string>& defect_reasons, const std::string& reason) {
  return std::find(defect_reasons.begin(), defect_reasons.end(), reason) != defect_reasons.end();
}

void check_number(const std::string& field, double value, double min, double max) {
  if (!(value >= min) || !(value <= max)) {
    throw Error(Status::out_of_range, field,
                "must be at least " + std::to_string(min) + " and at most " + std::to_string(max) + ", got " +
                    std::to_string(value));
  }
}

void check_whole(const std::string& field, double value) {
  if (value != std::floor(value)) throw Error(Status::out_of_range, field, "must be a whole number, got " + std::to_string(value));
}

struct Bounds {
  const char* name;
  FraudThreshold FraudRules::*member;
  double min, max;
  bool whole;
};

// Each signal's threshold bounds: a ratio, a share, returns of one serial, days.
constexpr Bounds kBounds[] = {
    {kReturnsOverPurchases, &FraudRules::returns_over_purchases, 0, 1000, false},
    {kUnitsOfOtherBuyers, &FraudRules::units_of_other_buyers, 0, 1, false},
    {kRepeatSerialReturns, &FraudRules::repeat_serial_returns, 2, 1000, true},
    {kReturnsAfterHeavyUse, &FraudRules::returns_after_heavy_use, 0, 3650, true},
};

}  // namespace

std::int64_t days_since_sale(const Case& c, const CaseLine& line) noexcept {
  if (!line.purchase_date) return -1;
  const std::int64_t opened = floor_div(c.created_at.micros, kMicrosPerDay);
  return std::max<std::int64_t>(0, opened - days_since_epoch(*line.purchase_date));
}

FraudSignals compute_fraud_signals(const FraudRules& rules, const FraudFacts& facts) {
  FraudSignals out;
  out.units_bought = facts.units_bought;
  std::set<std::int64_t> all_cases, other_cases, heavy_cases;
  std::int64_t other_lines = 0, heavy_lines = 0, most_days = 0;
  // (sku, serial) -> the cases that returned it
  std::map<std::pair<std::string, std::string>, std::set<std::int64_t>> by_serial;
  for (const Case* c : facts.cases) {
    for (const CaseLine& line : c->lines) {
      ++out.lines;
      out.units_returned += line.qty_requested;
      all_cases.insert(c->id);
      if (has_flag(line, kUnitSoldToOtherCustomer)) {
        ++other_lines;
        other_cases.insert(c->id);
      }
      if (!line.serial.empty()) by_serial[{line.sku, line.serial}].insert(c->id);
      const std::int64_t days = days_since_sale(*c, line);
      if (days >= 0 && !claims_defect(facts.defect_reasons, line.reason_code)) {
        most_days = std::max(most_days, days);
        if (days >= static_cast<std::int64_t>(rules.returns_after_heavy_use.threshold)) {
          ++heavy_lines;
          heavy_cases.insert(c->id);
        }
      }
    }
  }

  const double ratio = facts.units_bought > 0
                           ? static_cast<double>(out.units_returned) / static_cast<double>(facts.units_bought)
                           : 0.0;
  out.signals.push_back(signal(kReturnsOverPurchases, rules.returns_over_purchases, ratio, facts.units_bought, all_cases));

  const double share = out.lines > 0 ? static_cast<double>(other_lines) / static_cast<double>(out.lines) : 0.0;
  out.signals.push_back(signal(kUnitsOfOtherBuyers, rules.units_of_other_buyers, share, other_lines, other_cases));

  const auto repeat_at = static_cast<std::size_t>(rules.repeat_serial_returns.threshold);
  std::size_t most_returns = 0;
  std::int64_t repeated = 0;
  std::set<std::int64_t> repeat_cases;
  std::vector<std::string> serials;
  for (const auto& [key, cases] : by_serial) {
    most_returns = std::max(most_returns, cases.size());
    if (cases.size() < repeat_at) continue;
    ++repeated;
    repeat_cases.insert(cases.begin(), cases.end());
    if (serials.size() < kMaxEvidence) serials.push_back(key.second);
  }
  out.signals.push_back(signal(kRepeatSerialReturns, rules.repeat_serial_returns, static_cast<double>(most_returns),
                               repeated, repeat_cases));
  out.signals.back().serials = std::move(serials);

  out.signals.push_back(signal(kReturnsAfterHeavyUse, rules.returns_after_heavy_use, static_cast<double>(most_days),
                               heavy_lines, heavy_cases));

  for (FraudSignal& s : out.signals) {
    if (!rules.enabled) s.raised = false;
    if (s.raised) out.raised.push_back(s.code);
  }
  return out;
}

void validate_fraud_rules(const FraudRules& rules) {
  if (rules.max_cases < 1 || rules.max_cases > kMaxCases) {
    throw Error(Status::out_of_range, "fraud.max_cases",
                "must be at least 1 and at most " + std::to_string(kMaxCases) + ", got " + std::to_string(rules.max_cases));
  }
  for (const Bounds& b : kBounds) {
    const FraudThreshold& t = rules.*(b.member);
    const std::string base = std::string("fraud.") + b.name;
    check_number(base + ".threshold", t.threshold, b.min, b.max);
    if (b.whole) check_whole(base + ".threshold", t.threshold);
    if (t.min_count < 1 || t.min_count > kMaxCount) {
      throw Error(Status::out_of_range, base + ".min_count",
                  "must be at least 1 and at most " + std::to_string(kMaxCount) + ", got " + std::to_string(t.min_count));
    }
  }
}

FraudRules read_fraud_rules(const nlohmann::json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  FraudRules rules;
  if (auto enabled = r.optional_boolean("enabled")) rules.enabled = *enabled;
  rules.max_cases = r.optional_integer("max_cases", std::numeric_limits<std::int64_t>::min(),
                                       std::numeric_limits<std::int64_t>::max())
                        .value_or(rules.max_cases);
  for (const Bounds& b : kBounds) {
    const nlohmann::json* member = r.find(b.name);
    if (member == nullptr) continue;
    codec::ObjectReader m(*member, r.path_of(b.name));
    FraudThreshold& t = rules.*(b.member);
    if (const nlohmann::json* threshold = m.find("threshold")) {
      if (!threshold->is_number()) codec::throw_wrong_type(m.path_of("threshold"), "number", *threshold);
      t.threshold = threshold->get<double>();
    }
    t.min_count = m.optional_integer("min_count", std::numeric_limits<std::int64_t>::min(),
                                     std::numeric_limits<std::int64_t>::max())
                      .value_or(t.min_count);
    m.finish();
  }
  r.finish();
  return rules;
}

nlohmann::json fraud_rules_value(const FraudRules& rules) {
  nlohmann::json out = {{"enabled", rules.enabled}, {"max_cases", rules.max_cases}};
  for (const Bounds& b : kBounds) {
    const FraudThreshold& t = rules.*(b.member);
    out[b.name] = {{"threshold", t.threshold}, {"min_count", t.min_count}};
  }
  return out;
}

}  // namespace rma::domain
