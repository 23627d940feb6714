#include <doctest/doctest.h>

#include <string>

#include "domain/eligibility_rules.hpp"
#include "public_holidays_fixture.hpp"
#include "rma/warranty.hpp"

using rma::Date;
using rma::Eligibility;
using rma::Outcome;
using rma::ReturnRules;
using rma::domain::decide_eligibility;
using rma::domain::EligibilityFacts;

namespace {

Date day(const char* iso) { return Date::from_iso(iso); }

// A B2C distance sale of 2 units delivered on 1 March, returned by a consumer for a change of mind.
struct Fixture {
  rma::Case c;
  rma::CaseLine line;
  rma::SoldUnit sold;
  rma::Product product{"CH-1", "Chair", "Acme", "furniture", "S1", false};
  ReturnRules rules;

  Fixture() {
    c.kind = rma::CaseKind::return_;
    c.channel = rma::Channel::b2c;
    line.line_no = 1;
    line.sku = "CH-1";
    line.reason_code = "changed_mind";
    line.qty_requested = 1;
    sold.sku = "CH-1";
    sold.document = "INV-1";
    sold.line_no = 3;
    sold.quantity = 2;
    sold.sale_date = day("2026-02-26");
    sold.delivery_date = day("2026-03-01");
    sold.channel = rma::Channel::b2c;
    sold.distance_sale = true;
  }

  EligibilityFacts facts(const char* today) const {
    EligibilityFacts f;
    f.c = &c;
    f.line = &line;
    f.sold = &sold;
    f.product = &product;
    f.today = day(today);
    return f;
  }

  Eligibility run(const char* today) const { return decide_eligibility(rules, facts(today)); }

  // The withdrawal window's outcome for a delivery on `delivered` to a consumer in `country`, with
  // that country's holidays passed in.
  Outcome window(const char* delivered, const char* country, const char* today) {
    sold.delivery_date = day(delivered);
    sold.jurisdiction = country;
    EligibilityFacts f = facts(today);
    f.holidays = &test_holidays::holidays();
    for (const rma::ValidatorResult& r : decide_eligibility(rules, f).results)
      if (r.validator == "withdrawal_window") return r.outcome;
    FAIL("no withdrawal_window result");
    return Outcome::fail;
  }
};

const rma::ValidatorResult& result(const Eligibility& e, const std::string& validator) {
  for (const rma::ValidatorResult& r : e.results)
    if (r.validator == validator) return r;
  FAIL("no result of " << validator);
  return e.results.front();
}

}  // namespace

TEST_CASE("all validators run in order and pass") {
  const Fixture f;
  const Eligibility e = f.run("2026-03-10");
  CHECK(e.outcome == Outcome::pass);
  REQUIRE(e.results.size() == 7);
  const char* order[] = {"sold_to_claimant", "delivered",  "withdrawal_window", "not_already_returned",
                         "proof_of_purchase", "condition", "reason_allowed"};
  for (std::size_t i = 0; i < 7; ++i) {
    CHECK(e.results[i].validator == order[i]);
    CHECK(e.results[i].outcome == Outcome::pass);
    CHECK_FALSE(e.results[i].reason.code.empty());
    CHECK_FALSE(e.results[i].reason.message.empty());
  }
  CHECK(result(e, "delivered").reason.code == "delivered");
  CHECK(result(e, "withdrawal_window").reason.code == "within_window");
}

TEST_CASE("withdrawal window: 14 days from delivery, the day of delivery not counted") {
  const Fixture f;  // delivered 2026-03-01: day 14 is Sunday 2026-03-15, so the window ends Monday
  CHECK(f.run("2026-03-16").outcome == Outcome::pass);
  CHECK(result(f.run("2026-03-16"), "withdrawal_window").outcome == Outcome::pass);
  const Eligibility late = f.run("2026-03-17");
  CHECK(late.outcome == Outcome::fail);
  const rma::ValidatorResult& r = result(late, "withdrawal_window");
  CHECK(r.outcome == Outcome::fail);
  CHECK(r.reason.code == "withdrawal_window_closed");
  CHECK(r.reason.message.find("closed on 2026-03-16") != std::string::npos);
  CHECK(r.reason.message.find("ends Sunday 2026-03-15, rolled to Monday 2026-03-16 by Reg. 1182/71 art. 3(4)") !=
        std::string::npos);
}

TEST_CASE("withdrawal window: category overrides and non-returnable categories") {
  Fixture f;
  f.rules.categories.push_back({"furniture", 30, true});
  CHECK(result(f.run("2026-03-31"), "withdrawal_window").outcome == Outcome::pass);
  CHECK(result(f.run("2026-04-01"), "withdrawal_window").outcome == Outcome::fail);
  // An override without its own days keeps the default window.
  f.rules.categories[0].withdrawal_days.reset();
  CHECK(result(f.run("2026-03-16"), "withdrawal_window").outcome == Outcome::pass);
  CHECK(result(f.run("2026-03-17"), "withdrawal_window").outcome == Outcome::fail);
  f.rules.categories[0].returnable = false;
  const Eligibility closed = f.run("2026-03-02");
  const rma::ValidatorResult& r = result(closed, "withdrawal_window");
  CHECK(r.outcome == Outcome::fail);
  CHECK(r.reason.code == "category_not_returnable");
  // Another category is untouched.
  f.product.category = "lamps";
  CHECK(result(f.run("2026-03-02"), "withdrawal_window").outcome == Outcome::pass);
  // The configured default window.
  f.rules.withdrawal_days = 30;
  CHECK(result(f.run("2026-03-31"), "withdrawal_window").outcome == Outcome::pass);
  CHECK(result(f.run("2026-04-01"), "withdrawal_window").outcome == Outcome::fail);
}

TEST_CASE("withdrawal window applies only to returns of B2C distance sales") {
  Fixture f;
  f.c.kind = rma::CaseKind::repair;
  CHECK(result(f.run("2026-06-01"), "withdrawal_window").reason.code == "not_applicable");
  CHECK(result(f.run("2026-06-01"), "withdrawal_window").outcome == Outcome::pass);
  f.c.kind = rma::CaseKind::return_;
  f.sold.channel = rma::Channel::b2b;
  CHECK(result(f.run("2026-06-01"), "withdrawal_window").reason.code == "not_applicable");
  f.sold.channel = rma::Channel::b2c;
  f.sold.distance_sale = false;
  CHECK(result(f.run("2026-06-01"), "withdrawal_window").reason.code == "not_applicable");
  f.sold.distance_sale = true;
  CHECK(result(f.run("2026-06-01"), "withdrawal_window").outcome == Outcome::fail);
}

TEST_CASE("delivered: the unit really shipped") {
  Fixture f;
  f.sold.delivery_date.reset();
  const Eligibility e = f.run("2026-03-05");
  CHECK(e.outcome == Outcome::fail);
  CHECK(result(e, "delivered").reason.code == "not_delivered");
  CHECK(result(e, "withdrawal_window").reason.code == "window_not_started");
  CHECK(result(e, "withdrawal_window").outcome == Outcome::pass);
  // A delivery dated after today has not happened yet; on the day it has.
  f.sold.delivery_date = day("2026-03-06");
  CHECK(result(f.run("2026-03-05"), "delivered").outcome == Outcome::fail);
  CHECK(result(f.run("2026-03-06"), "delivered").outcome == Outcome::pass);
}

TEST_CASE("not already returned: returned plus requested never exceeds what was sold") {
  Fixture f;  // 2 sold
  EligibilityFacts facts = f.facts("2026-03-05");
  facts.already_returned = 1;  // 1 + 1 = 2: equal is fine
  CHECK(result(decide_eligibility(f.rules, facts), "not_already_returned").outcome == Outcome::pass);
  facts.already_returned = 2;  // 2 + 1 = 3: one over
  const Eligibility over = decide_eligibility(f.rules, facts);
  CHECK(over.outcome == Outcome::fail);
  const rma::ValidatorResult& r = result(over, "not_already_returned");
  CHECK(r.reason.code == "already_returned");
  CHECK(r.reason.message.find("2 already returned + 1 requested = 3") != std::string::npos);
  CHECK(r.reason.message.find("the 2 sold on INV-1 line 3") != std::string::npos);
  facts.already_returned = 0;
  f.line.qty_requested = 2;
  CHECK(result(decide_eligibility(f.rules, facts), "not_already_returned").outcome == Outcome::pass);
  f.line.qty_requested = 3;
  CHECK(result(decide_eligibility(f.rules, facts), "not_already_returned").outcome == Outcome::fail);
}

TEST_CASE("an unknown sale goes to a person unless the proof of purchase is missing") {
  Fixture f;
  EligibilityFacts facts = f.facts("2026-03-05");
  facts.sold = nullptr;
  facts.proof_of_purchase = true;
  const Eligibility e = decide_eligibility(f.rules, facts);
  CHECK(e.outcome == Outcome::manual_review);
  CHECK(result(e, "delivered").outcome == Outcome::manual_review);
  CHECK(result(e, "delivered").reason.code == "sale_unknown");
  CHECK(result(e, "not_already_returned").outcome == Outcome::manual_review);
  CHECK(result(e, "proof_of_purchase").reason.code == "proof_attached");
  facts.proof_of_purchase = false;
  const Eligibility no_proof = decide_eligibility(f.rules, facts);
  CHECK(no_proof.outcome == Outcome::fail);
  CHECK(result(no_proof, "proof_of_purchase").reason.code == "proof_of_purchase_missing");
  facts.proof_required = false;
  CHECK(result(decide_eligibility(f.rules, facts), "proof_of_purchase").reason.code == "not_required");
  CHECK(decide_eligibility(f.rules, facts).outcome == Outcome::manual_review);
  // Our own sale is the proof.
  CHECK(result(f.run("2026-03-05"), "proof_of_purchase").reason.code == "sales_document");
}

TEST_CASE("condition requirements: unknown goes to a person, no fails") {
  Fixture f;
  CHECK(result(f.run("2026-03-05"), "condition").reason.code == "not_required");
  f.rules.require_unused = true;
  const Eligibility uninspected = f.run("2026-03-05");
  CHECK(uninspected.outcome == Outcome::manual_review);
  CHECK(result(uninspected, "condition").reason.code == "not_inspected");
  f.line.unused = false;
  CHECK(result(f.run("2026-03-05"), "condition").reason.code == "used");
  CHECK(f.run("2026-03-05").outcome == Outcome::fail);
  f.line.unused = true;
  CHECK(result(f.run("2026-03-05"), "condition").reason.code == "condition_ok");
  CHECK(f.run("2026-03-05").outcome == Outcome::pass);

  f.rules.require_original_packaging = true;
  f.rules.require_accessories = true;
  f.line.original_packaging = false;  // accessories not inspected: the fail wins
  const Eligibility unpacked = f.run("2026-03-05");
  const rma::ValidatorResult& r = result(unpacked, "condition");
  CHECK(r.outcome == Outcome::fail);
  CHECK(r.reason.code == "packaging_missing");
  f.line.original_packaging = true;
  CHECK(result(f.run("2026-03-05"), "condition").outcome == Outcome::manual_review);
  f.line.accessories_complete = false;
  CHECK(result(f.run("2026-03-05"), "condition").reason.code == "accessories_missing");
  f.line.accessories_complete = true;
  CHECK(result(f.run("2026-03-05"), "condition").outcome == Outcome::pass);
}

TEST_CASE("reasons allowed per channel") {
  Fixture f;
  f.rules.reasons_by_channel = {{rma::Channel::b2c, {"defective", "changed_mind"}}, {rma::Channel::b2b, {"defective"}}};
  CHECK(result(f.run("2026-03-05"), "reason_allowed").reason.code == "reason_allowed");
  f.line.reason_code = "wrong_size";
  const Eligibility refused = f.run("2026-03-05");
  const rma::ValidatorResult& r = result(refused, "reason_allowed");
  CHECK(r.outcome == Outcome::fail);
  CHECK(r.reason.code == "reason_not_allowed");
  CHECK(r.reason.message.find("defective, changed_mind") != std::string::npos);
  // A channel without a list, or with an empty one, accepts any reason.
  f.c.channel = rma::Channel::retail_chain;
  CHECK(result(f.run("2026-03-05"), "reason_allowed").reason.code == "any_reason");
  f.rules.reasons_by_channel.push_back({rma::Channel::retail_chain, {}});
  CHECK(result(f.run("2026-03-05"), "reason_allowed").outcome == Outcome::pass);
}

TEST_CASE("overall outcome: any fail, else any manual review, else pass") {
  using rma::ValidatorResult;
  const ValidatorResult pass{"a", Outcome::pass, {}};
  const ValidatorResult review{"b", Outcome::manual_review, {}};
  const ValidatorResult fail{"c", Outcome::fail, {}};
  CHECK(rma::domain::overall_outcome({}) == Outcome::pass);
  CHECK(rma::domain::overall_outcome({pass, pass}) == Outcome::pass);
  CHECK(rma::domain::overall_outcome({pass, review}) == Outcome::manual_review);
  CHECK(rma::domain::overall_outcome({fail, review}) == Outcome::fail);
  CHECK(rma::domain::overall_outcome({review, fail, pass}) == Outcome::fail);
}

TEST_CASE("withdrawal window: a return claiming a defect is a warranty matter, not a withdrawal") {
  Fixture f;  // delivered 2026-03-01, window closes after Monday 2026-03-16
  f.line.reason_code = "defective";
  const Eligibility late = f.run("2026-09-01");
  const rma::ValidatorResult& r = result(late, "withdrawal_window");
  CHECK(r.outcome == Outcome::pass);
  CHECK(r.reason.code == "not_applicable");
  f.rules.defect_reasons = {"broken"};  // the host's own reason codes
  CHECK(result(f.run("2026-09-01"), "withdrawal_window").outcome == Outcome::fail);
  f.line.reason_code = "broken";
  CHECK(result(f.run("2026-09-01"), "withdrawal_window").outcome == Outcome::pass);
}

// Reg. 1182/71 art. 3(4) on the 14-day window (Directive 2011/83/EU art. 9), both sides of each
// kind of last day, with the holidays of the consumer's jurisdiction.
TEST_CASE("withdrawal window: the last day rolls off weekends and the jurisdiction's holidays") {
  Fixture f;
  // Last day Friday 2026-03-20: stays.
  CHECK(f.window("2026-03-06", "DE", "2026-03-20") == Outcome::pass);
  CHECK(f.window("2026-03-06", "DE", "2026-03-21") == Outcome::fail);
  // Saturday 2026-03-21: Monday.
  CHECK(f.window("2026-03-07", "DE", "2026-03-23") == Outcome::pass);
  CHECK(f.window("2026-03-07", "DE", "2026-03-24") == Outcome::fail);
  // Sunday 2026-03-22 (issue 18's example): accepted on Monday 03-23, refused on 03-24.
  CHECK(f.window("2026-03-08", "IT", "2026-03-23") == Outcome::pass);
  CHECK(f.window("2026-03-08", "IT", "2026-03-24") == Outcome::fail);
  // Easter Monday 2026-04-06: Tuesday.
  CHECK(f.window("2026-03-23", "PL", "2026-04-07") == Outcome::pass);
  CHECK(f.window("2026-03-23", "PL", "2026-04-08") == Outcome::fail);
  // A holiday (1 May, Friday) followed by the weekend (3 May a holiday too): Monday 4 May.
  CHECK(f.window("2026-04-17", "PL", "2026-05-04") == Outcome::pass);
  CHECK(f.window("2026-04-17", "PL", "2026-05-05") == Outcome::fail);
  // 31 December 2026, a Thursday: stays; 1 January 2027, a Friday holiday: Monday 4 January.
  CHECK(f.window("2026-12-17", "IT", "2026-12-31") == Outcome::pass);
  CHECK(f.window("2026-12-17", "IT", "2027-01-01") == Outcome::fail);
  CHECK(f.window("2026-12-18", "IT", "2027-01-04") == Outcome::pass);
  CHECK(f.window("2026-12-18", "IT", "2027-01-05") == Outcome::fail);
  // Sunday 2026-03-29, the day clocks go forward: Monday.
  CHECK(f.window("2026-03-15", "DE", "2026-03-30") == Outcome::pass);
  CHECK(f.window("2026-03-15", "DE", "2026-03-31") == Outcome::fail);
  // A holiday of another country does not move it: 11 November is Polish, not German.
  CHECK(f.window("2026-10-28", "PL", "2026-11-12") == Outcome::pass);
  CHECK(f.window("2026-10-28", "DE", "2026-11-12") == Outcome::fail);
  // Great Britain does not roll: Sunday is the last day.
  CHECK(f.window("2026-03-08", "GB", "2026-03-22") == Outcome::pass);
  CHECK(f.window("2026-03-08", "GB", "2026-03-23") == Outcome::fail);
}

TEST_CASE("withdrawal window: the law's days are the least a consumer gets; the seller may give more") {
  Fixture f;
  f.rules.withdrawal_days = 7;
  // A known EU jurisdiction: 14 days whatever the configuration says.
  CHECK(f.window("2026-03-06", "DE", "2026-03-20") == Outcome::pass);
  CHECK(f.window("2026-03-06", "DE", "2026-03-21") == Outcome::fail);
  // No jurisdiction on the sale: the configured days (Friday 2026-03-13).
  CHECK(f.window("2026-03-06", "", "2026-03-13") == Outcome::pass);
  CHECK(f.window("2026-03-06", "", "2026-03-16") == Outcome::fail);
  // Switzerland gives no right of withdrawal: the seller's own 7 days.
  CHECK(f.window("2026-03-06", "CH", "2026-03-13") == Outcome::pass);
  CHECK(f.window("2026-03-06", "CH", "2026-03-16") == Outcome::fail);
  // A longer window of the seller's: 30 days to Sunday 2026-04-05, Easter Monday, then Tuesday.
  f.rules.withdrawal_days = 30;
  CHECK(f.window("2026-03-06", "DE", "2026-04-07") == Outcome::pass);
  CHECK(f.window("2026-03-06", "DE", "2026-04-08") == Outcome::fail);
}

TEST_CASE("withdrawal: which lines start the seller's refund deadline") {
  Fixture f;  // delivered 2026-03-01; the window ends Monday 2026-03-16
  const auto withdrawal = [&f](const char* notice) {
    return rma::domain::is_withdrawal(f.rules, f.c, f.line, &f.sold, &f.product, day(notice));
  };
  CHECK(withdrawal("2026-03-16"));
  CHECK_FALSE(withdrawal("2026-03-17"));  // too late: no refund is owed
  CHECK_FALSE(rma::domain::is_withdrawal(f.rules, f.c, f.line, nullptr, &f.product, day("2026-03-02")));
  f.line.reason_code = "defective";
  CHECK_FALSE(withdrawal("2026-03-02"));
  f.line.reason_code = "changed_mind";
  f.rules.categories.push_back({"furniture", std::nullopt, false});
  CHECK_FALSE(withdrawal("2026-03-02"));
  f.rules.categories.clear();
  f.sold.distance_sale = false;
  CHECK_FALSE(withdrawal("2026-03-02"));
  f.sold.distance_sale = true;
  f.sold.delivery_date.reset();
  CHECK(withdrawal("2026-09-01"));  // not delivered yet: the window has not started
  f.c.kind = rma::CaseKind::repair;
  CHECK_FALSE(withdrawal("2026-03-02"));
}
