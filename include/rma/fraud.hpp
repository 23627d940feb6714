// rma/fraud.hpp — fraud signals per customer (docs/reports.md "Fraud signals"): what a customer's
// own returns say about it, for staff to weigh. Built on the first one, a line naming a unit sold
// to another customer (CaseLine::flags, "unit_sold_to_other_customer").
//
// Four signals, each with a threshold and a minimum count in the warranty configuration
// (WarrantyConfig::fraud); the domain computes them (domain/fraud_signals.hpp) from the
// customer's live cases and the units the ERP feed says it bought. Staff see them on
// customer.get and on the lines of the customer's undecided cases (case.get); customers and
// suppliers never do (domain/views.cpp). Values only; thread-safe as values are.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rma {

// Stable codes, also the configuration's member names.
inline constexpr const char* kReturnsOverPurchases = "returns_over_purchases";
inline constexpr const char* kUnitsOfOtherBuyers = "units_of_other_buyers";
inline constexpr const char* kRepeatSerialReturns = "repeat_serial_returns";
inline constexpr const char* kReturnsAfterHeavyUse = "returns_after_heavy_use";

// One signal's rule: raised when its count is at least min_count and its value at least threshold.
struct FraudThreshold {
  double threshold = 0;
  std::int64_t min_count = 0;
};

struct FraudRules {
  bool enabled = true;
  // The customer's latest live cases looked at (by creation), so a read stays bounded; 1..100000.
  std::int64_t max_cases = 200;
  // value: units requested on the customer's lines / units it bought; count: units bought.
  FraudThreshold returns_over_purchases{0.5, 10};
  // value: the share of its lines that name another customer's unit; count: those lines.
  FraudThreshold units_of_other_buyers{0.0, 2};
  // A serial returned on `threshold` or more of its cases is a repeat; value: the most returns of
  // one serial; count: the serials returned at least `threshold` times. threshold is whole, >= 2.
  FraudThreshold repeat_serial_returns{2, 1};
  // A line returned `threshold` or more days after its purchase date, for a reason that claims no
  // defect (ReturnRules::defect_reasons), came back after heavy use; value: the most days of
  // such a line; count: those lines. threshold is whole days.
  FraudThreshold returns_after_heavy_use{180, 2};
};

// One signal as computed, with its evidence.
struct FraudSignal {
  std::string code;
  bool raised = false;
  double value = 0;
  double threshold = 0;
  std::int64_t count = 0;
  std::int64_t min_count = 0;
  std::vector<std::int64_t> cases;   // the cases that count towards it, by id (at most 20)
  std::vector<std::string> serials;  // repeat_serial_returns: the repeated serials (at most 20)
};

struct FraudSignals {
  std::vector<std::string> raised;   // the codes raised, in the order below
  std::vector<FraudSignal> signals;  // all four, in the order of FraudRules
  std::int64_t lines = 0;            // the customer's lines looked at
  std::int64_t units_returned = 0;   // units requested on them
  std::int64_t units_bought = 0;     // units on its sales lines in the ERP feed
};

}  // namespace rma
