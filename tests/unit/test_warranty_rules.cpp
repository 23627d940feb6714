#include <doctest/doctest.h>

#include <string>

#include "domain/calendar_date.hpp"
#include "domain/time_zone.hpp"
#include "domain/warranty_rules.hpp"
#include "public_holidays_fixture.hpp"
#include "rma/warranty.hpp"

using rma::CoverageKind;
using rma::Date;
using rma::WarrantyConfig;
using rma::WarrantyVerdict;
using rma::domain::decide_warranty;
using rma::domain::UnitFacts;

namespace {

Date day(const char* iso) { return Date::from_iso(iso); }

rma::SoldUnit sold_unit() {
  rma::SoldUnit u;
  u.serial = "SN-1";
  u.sku = "PH-100";
  u.customer_id = "C1";
  u.document = "INV-1";
  u.line_no = 1;
  u.sale_date = day("2024-01-15");
  u.delivery_date = day("2024-01-20");
  u.channel = rma::Channel::b2c;
  u.jurisdiction = "IT";
  return u;
}

// Only the manufacturer warranty, `months` from `start`.
WarrantyConfig manufacturer_only(std::int32_t months, rma::WarrantyStart start = rma::WarrantyStart::sale) {
  WarrantyConfig c = rma::default_warranty_config();
  c.policies[0].manufacturer_months = months;
  c.policies[0].start = start;
  c.legal[0].b2c_months = 0;
  c.legal[0].b2b_months = 0;
  return c;
}

WarrantyVerdict check(const WarrantyConfig& c, const rma::SoldUnit& u, const char* today) {
  UnitFacts f;
  f.serial = u.serial;
  f.sold = &u;
  return decide_warranty(c, f, day(today));
}

bool has_reason(const WarrantyVerdict& v, const std::string& code) {
  for (const rma::Reason& r : v.reasons)
    if (r.code == code) return !r.message.empty();
  return false;
}

}  // namespace

TEST_CASE("the last covered day and the first uncovered one") {
  const WarrantyConfig c = manufacturer_only(24);
  const rma::SoldUnit u = sold_unit();  // sold 2024-01-15
  const WarrantyVerdict last = check(c, u, "2026-01-15");
  CHECK(last.covered);
  CHECK(last.coverage == CoverageKind::manufacturer);
  CHECK(last.expires == day("2026-01-15"));
  CHECK(last.days_remaining == 0);
  CHECK(has_reason(last, "covered.manufacturer"));
  const WarrantyVerdict after = check(c, u, "2026-01-16");
  CHECK_FALSE(after.covered);
  CHECK(after.coverage == CoverageKind::none);
  CHECK(after.expires == day("2026-01-15"));
  CHECK(after.days_remaining == -1);
  CHECK(has_reason(after, "expired"));
  // The day of sale is covered, the day before is not yet.
  CHECK(check(c, u, "2024-01-15").covered);
  const WarrantyVerdict before = check(c, u, "2024-01-14");
  CHECK_FALSE(before.covered);
  CHECK(has_reason(before, "not_started"));
  CHECK(before.days_remaining == 732);
}

TEST_CASE("a sale on 31 January plus one month") {
  const WarrantyConfig c = manufacturer_only(1);
  rma::SoldUnit u = sold_unit();
  u.sale_date = day("2024-01-31");
  CHECK(check(c, u, "2024-02-29").covered);
  CHECK(check(c, u, "2024-02-29").expires == day("2024-02-29"));
  CHECK_FALSE(check(c, u, "2024-03-01").covered);
  u.sale_date = day("2023-01-31");
  CHECK(check(c, u, "2023-02-28").covered);
  CHECK_FALSE(check(c, u, "2023-03-01").covered);
}

TEST_CASE("a sale on 29 February") {
  rma::SoldUnit u = sold_unit();
  u.sale_date = day("2024-02-29");
  const WarrantyConfig year = manufacturer_only(12);
  CHECK(check(year, u, "2025-02-28").covered);
  CHECK(check(year, u, "2025-02-28").expires == day("2025-02-28"));
  CHECK_FALSE(check(year, u, "2025-03-01").covered);
  const WarrantyConfig four_years = manufacturer_only(48);
  CHECK(check(four_years, u, "2028-02-29").covered);
  CHECK_FALSE(check(four_years, u, "2028-03-01").covered);
}

TEST_CASE("a sale at 23:30 local time: the document's date counts, today is local") {
  // The ERP dates the sale 2026-01-31 (23:30 in Rome, 22:30Z). One month: last day 2026-02-28.
  const WarrantyConfig c = manufacturer_only(1);
  rma::SoldUnit u = sold_unit();
  u.sale_date = day("2026-01-31");
  const auto rome = rma::domain::TimeZone::parse(c.time_zone, "time_zone");
  // 23:59:59 on 28 February in Rome is still covered; midnight (23:00Z) is 1 March.
  CHECK(check(c, u, rome.local_date(rma::Timestamp::from_iso("2026-02-28T22:59:59Z")).to_iso().c_str()).covered);
  CHECK_FALSE(check(c, u, rome.local_date(rma::Timestamp::from_iso("2026-02-28T23:00:00Z")).to_iso().c_str()).covered);
  // In New York a sale at 23:30 on 30 June is 03:30Z on 1 July, and dated 30 June.
  const auto ny = rma::domain::TimeZone::parse("EST5EDT,M3.2.0,M11.1.0", "time_zone");
  CHECK(ny.local_date(rma::Timestamp::from_iso("2026-07-01T03:30:00Z")) == day("2026-06-30"));
}

TEST_CASE("delivery later than sale") {
  rma::SoldUnit u = sold_unit();
  u.delivery_date = day("2024-02-10");
  const WarrantyConfig c = manufacturer_only(24, rma::WarrantyStart::delivery);
  const WarrantyVerdict last = check(c, u, "2026-02-10");
  CHECK(last.covered);
  CHECK(last.start_date == day("2024-02-10"));
  CHECK(last.sale_date == day("2024-01-15"));
  CHECK(last.delivery_date == day("2024-02-10"));
  CHECK_FALSE(check(c, u, "2026-02-11").covered);
  // Not delivered: counts from the sale.
  u.delivery_date.reset();
  CHECK(check(c, u, "2026-01-15").covered);
  CHECK(check(c, u, "2026-01-15").start_date == day("2024-01-15"));
  CHECK_FALSE(check(c, u, "2026-01-16").covered);
}

TEST_CASE("registration start falls back to the sale") {
  const WarrantyConfig c = manufacturer_only(24, rma::WarrantyStart::registration);
  const rma::SoldUnit u = sold_unit();
  UnitFacts f;
  f.serial = u.serial;
  f.sold = &u;
  f.registration_date = day("2024-03-01");
  CHECK(decide_warranty(c, f, day("2026-03-01")).covered);
  CHECK_FALSE(decide_warranty(c, f, day("2026-03-02")).covered);
  f.registration_date.reset();
  CHECK(decide_warranty(c, f, day("2026-01-15")).covered);
  CHECK_FALSE(decide_warranty(c, f, day("2026-01-16")).covered);
}

TEST_CASE("the legal guarantee by channel and jurisdiction, after the manufacturer warranty") {
  WarrantyConfig c = rma::default_warranty_config();
  c.policies[0].manufacturer_months = 12;  // to 2025-01-15; legal B2C 24 months from delivery to 2026-01-20
  rma::SoldUnit u = sold_unit();
  CHECK(check(c, u, "2025-01-15").coverage == CoverageKind::manufacturer);
  const WarrantyVerdict legal = check(c, u, "2025-01-16");
  CHECK(legal.covered);
  CHECK(legal.coverage == CoverageKind::legal_guarantee);
  CHECK(legal.expires == day("2026-01-20"));
  CHECK(legal.start_date == day("2024-01-20"));
  CHECK(legal.manufacturer_expires == day("2025-01-15"));
  CHECK(legal.legal_expires == day("2026-01-20"));
  CHECK(has_reason(legal, "covered.legal_guarantee"));
  CHECK(check(c, u, "2026-01-20").covered);
  const WarrantyVerdict over = check(c, u, "2026-01-21");
  CHECK_FALSE(over.covered);
  CHECK(over.expires == day("2026-01-20"));  // the latest end

  // B2B and retail chains: 12 months from delivery.
  c.policies[0].manufacturer_months = 0;
  for (rma::Channel channel : {rma::Channel::b2b, rma::Channel::retail_chain}) {
    u.channel = channel;
    CHECK(check(c, u, "2025-01-20").covered);
    CHECK_FALSE(check(c, u, "2025-01-21").covered);
  }
  // A jurisdiction's own entry beats the default; others use the default.
  u.channel = rma::Channel::b2c;
  rma::LegalGuarantee italy;
  italy.jurisdiction = "IT";
  italy.b2c_months = 30;
  italy.start = rma::WarrantyStart::sale;
  c.legal.push_back(italy);
  CHECK(check(c, u, "2026-07-15").covered);
  CHECK_FALSE(check(c, u, "2026-07-16").covered);
  u.jurisdiction = "DE";
  CHECK(check(c, u, "2026-01-20").covered);
  CHECK_FALSE(check(c, u, "2026-01-21").covered);
  // Without a default entry the built-in one (24/12 from delivery) applies.
  c.legal = {italy};
  CHECK(check(c, u, "2026-01-20").covered);
  CHECK_FALSE(check(c, u, "2026-01-21").covered);
}

TEST_CASE("policies: the most specific match wins, the first among equals") {
  WarrantyConfig c;
  auto add = [&c](const char* name, rma::PolicyMatch match) {
    rma::WarrantyPolicy p;
    p.name = name;
    p.match = match;
    p.manufacturer_months = 12;
    c.policies.push_back(p);
  };
  add("default", {});
  add("supplier", {"", "", "", "S1"});
  add("brand", {"", "", "Acme", ""});
  add("category", {"", "phones", "", ""});
  add("category and brand", {"", "phones", "Acme", ""});
  add("sku", {"PH-100", "", "", ""});
  add("other brand", {"", "", "Other", ""});
  rma::Product product{"PH-100", "Phone", "Acme", "phones", "S1", true};
  std::string by;
  CHECK(rma::domain::match_policy(c, &product, "PH-100", by)->name == "sku");
  CHECK(by == "sku");
  CHECK(rma::domain::match_policy(c, &product, "PH-200", by)->name == "category");
  CHECK(by == "category");
  product.category = "tablets";
  CHECK(rma::domain::match_policy(c, &product, "PH-200", by)->name == "brand");
  CHECK(by == "brand");
  product.brand = "Nobody";
  CHECK(rma::domain::match_policy(c, &product, "PH-200", by)->name == "supplier");
  CHECK(by == "supplier");
  product.supplier_id = "S2";
  CHECK(rma::domain::match_policy(c, &product, "PH-200", by)->name == "default");
  CHECK(by == "default");
  // Unknown product: only SKU and default policies can match.
  CHECK(rma::domain::match_policy(c, nullptr, "PH-100", by)->name == "sku");
  CHECK(rma::domain::match_policy(c, nullptr, "X", by)->name == "default");
  c.policies.erase(c.policies.begin());
  CHECK(rma::domain::match_policy(c, nullptr, "X", by) == nullptr);
  CHECK(by.empty());

  // The verdict names the policy and how it matched.
  const rma::SoldUnit u = sold_unit();
  product = rma::Product{"PH-100", "Phone", "Acme", "phones", "S1", true};
  UnitFacts f;
  f.serial = u.serial;
  f.sold = &u;
  f.product = &product;
  const WarrantyVerdict v = decide_warranty(c, f, day("2024-06-01"));
  CHECK(v.policy == "sku");
  CHECK(v.policy_match == "sku");
  // No policy: no manufacturer warranty, the legal guarantee still counts.
  c.policies.clear();
  const WarrantyVerdict none = decide_warranty(c, f, day("2024-06-01"));
  CHECK(none.policy.empty());
  CHECK(none.policy_match.empty());
  CHECK(none.coverage == CoverageKind::legal_guarantee);
  CHECK_FALSE(none.manufacturer_expires.has_value());
}

TEST_CASE("void conditions recorded at inspection") {
  WarrantyConfig c = manufacturer_only(24);
  const rma::SoldUnit u = sold_unit();
  UnitFacts f;
  f.serial = u.serial;
  f.sold = &u;
  f.void_findings = {"liquid", "liquid"};
  const WarrantyVerdict v = decide_warranty(c, f, day("2025-01-01"));
  CHECK_FALSE(v.covered);
  CHECK(v.coverage == CoverageKind::none);
  CHECK(v.expires == day("2026-01-15"));  // dates are still reported
  CHECK(v.manufacturer_expires == day("2026-01-15"));
  REQUIRE(v.reasons.size() == 1);
  CHECK(v.reasons[0].code == "void_condition.liquid");
  // A finding the policy does not list does not void it.
  c.policies[0].void_conditions = {"tampering"};
  CHECK(decide_warranty(c, f, day("2025-01-01")).covered);
  f.void_findings = {"liquid", "tampering"};
  const WarrantyVerdict tampered = decide_warranty(c, f, day("2025-01-01"));
  CHECK_FALSE(tampered.covered);
  CHECK(has_reason(tampered, "void_condition.tampering"));
  CHECK_FALSE(has_reason(tampered, "void_condition.liquid"));
}

TEST_CASE("units we did not sell: proof of purchase and registration") {
  WarrantyConfig c = manufacturer_only(24, rma::WarrantyStart::registration);
  UnitFacts f;
  f.serial = "SN-X";
  const WarrantyVerdict unknown = decide_warranty(c, f, day("2025-01-01"));
  CHECK_FALSE(unknown.covered);
  CHECK(has_reason(unknown, "not_sold_by_us"));
  CHECK_FALSE(unknown.expires.has_value());
  CHECK(unknown.days_remaining == 0);

  f.registration_date = day("2024-05-10");
  const WarrantyVerdict no_proof = decide_warranty(c, f, day("2025-01-01"));
  CHECK_FALSE(no_proof.covered);
  CHECK(has_reason(no_proof, "proof_of_purchase_missing"));
  CHECK(no_proof.expires == day("2026-05-10"));
  f.proof_of_purchase = true;
  CHECK(decide_warranty(c, f, day("2026-05-10")).covered);
  CHECK_FALSE(decide_warranty(c, f, day("2026-05-11")).covered);
  f.proof_of_purchase = false;
  c.policies[0].proof_of_purchase_required = false;
  CHECK(decide_warranty(c, f, day("2025-01-01")).covered);
  // Starting from the sale, a unit we did not sell has no date to count from.
  c.policies[0].start = rma::WarrantyStart::sale;
  CHECK(has_reason(decide_warranty(c, f, day("2025-01-01")), "not_sold_by_us"));
}

TEST_CASE("extended warranty contracts: start and end both inclusive") {
  const WarrantyConfig c = manufacturer_only(24);
  const rma::SoldUnit u = sold_unit();
  UnitFacts f;
  f.serial = u.serial;
  f.sold = &u;
  f.contracts.push_back(rma::ExtendedWarranty{"SN-1", "EXT-9", day("2026-01-16"), day("2027-01-15"), "full"});
  const WarrantyVerdict manufacturer = decide_warranty(c, f, day("2026-01-15"));
  CHECK(manufacturer.coverage == CoverageKind::manufacturer);  // first in order while both run
  CHECK(manufacturer.extended_expires == day("2027-01-15"));
  const WarrantyVerdict first = decide_warranty(c, f, day("2026-01-16"));
  CHECK(first.coverage == CoverageKind::extended);
  CHECK(first.expires == day("2027-01-15"));
  CHECK(first.start_date == day("2026-01-16"));
  CHECK(has_reason(first, "covered.extended"));
  CHECK(decide_warranty(c, f, day("2027-01-15")).covered);
  CHECK_FALSE(decide_warranty(c, f, day("2027-01-16")).covered);

  // A gap before a contract starts: not started yet, counting towards its end.
  f.contracts[0].start = day("2026-03-01");
  const WarrantyVerdict gap = decide_warranty(c, f, day("2026-02-01"));
  CHECK_FALSE(gap.covered);
  CHECK(has_reason(gap, "not_started"));
  CHECK(gap.expires == day("2027-01-15"));
  CHECK(decide_warranty(c, f, day("2026-03-01")).covered);
  CHECK_FALSE(decide_warranty(c, f, day("2026-02-28")).covered);

  // The running one of several contracts is chosen, even if another ends later.
  f.contracts = {rma::ExtendedWarranty{"SN-1", "LATER", day("2028-01-01"), day("2029-12-31"), "full"},
                 rma::ExtendedWarranty{"SN-1", "NOW", day("2026-01-01"), day("2026-12-31"), "parts"}};
  const WarrantyVerdict running = decide_warranty(c, f, day("2026-06-01"));
  CHECK(running.coverage == CoverageKind::extended);
  CHECK(running.expires == day("2026-12-31"));

  // A contract is a document of purchase for a unit we did not sell.
  UnitFacts elsewhere;
  elsewhere.serial = "SN-2";
  elsewhere.contracts = {rma::ExtendedWarranty{"SN-2", "EXT-1", day("2025-01-01"), day("2025-12-31"), "full"}};
  CHECK(decide_warranty(c, elsewhere, day("2025-06-01")).coverage == CoverageKind::extended);
}

TEST_CASE("a unit replaced twice inherits through the first replacement to the original") {
  const WarrantyConfig c = rma::default_warranty_config();  // 24 months from sale, inherit
  const rma::SoldUnit a = sold_unit();                      // sold 2024-01-15, delivered 2024-01-20
  UnitFacts original;
  original.serial = "A";
  original.sold = &a;
  const WarrantyVerdict va = decide_warranty(c, original, day("2024-06-01"));
  CHECK(va.manufacturer_expires == day("2026-01-15"));
  CHECK(va.legal_expires == day("2026-01-20"));
  CHECK(rma::domain::inheritable_expiry(va) == day("2026-01-20"));

  UnitFacts b;
  b.serial = "B";
  b.replaced_serial = "A";
  b.replaced_on = day("2024-06-01");
  b.inherited_expires = rma::domain::inheritable_expiry(va);
  const WarrantyVerdict vb = decide_warranty(c, b, day("2025-03-01"));
  CHECK(vb.covered);
  CHECK(vb.expires == day("2026-01-20"));
  CHECK(vb.start_date == day("2024-06-01"));
  CHECK(vb.replaced_serial == "A");

  UnitFacts cc;
  cc.serial = "C";
  cc.replaced_serial = "B";
  cc.replaced_on = day("2025-03-01");
  cc.inherited_expires = rma::domain::inheritable_expiry(vb);
  CHECK(decide_warranty(c, cc, day("2026-01-20")).covered);
  CHECK(decide_warranty(c, cc, day("2026-01-20")).expires == day("2026-01-20"));
  CHECK_FALSE(decide_warranty(c, cc, day("2026-01-21")).covered);
  CHECK(has_reason(decide_warranty(c, cc, day("2026-01-21")), "expired"));
}

TEST_CASE("replacement rules: inherit, minimum days, greater of") {
  WarrantyConfig c = rma::default_warranty_config();
  UnitFacts r;
  r.serial = "R";
  r.replaced_serial = "A";
  r.replaced_on = day("2025-12-01");
  r.inherited_expires = day("2026-01-20");

  c.policies[0].replacement = rma::ReplacementRule::minimum_days;  // 90 days: to 2026-03-01
  CHECK(decide_warranty(c, r, day("2026-03-01")).covered);
  CHECK(decide_warranty(c, r, day("2026-03-01")).expires == day("2026-03-01"));
  CHECK_FALSE(decide_warranty(c, r, day("2026-03-02")).covered);

  c.policies[0].replacement = rma::ReplacementRule::greater_of;
  CHECK(decide_warranty(c, r, day("2026-03-01")).covered);
  CHECK_FALSE(decide_warranty(c, r, day("2026-03-02")).covered);
  r.replaced_on = day("2025-06-01");  // 90 days end 2025-08-30; the inherited end is later
  CHECK(decide_warranty(c, r, day("2026-01-20")).covered);
  CHECK_FALSE(decide_warranty(c, r, day("2026-01-21")).covered);

  c.policies[0].replacement = rma::ReplacementRule::inherit;
  CHECK(decide_warranty(c, r, day("2026-01-20")).covered);
  CHECK_FALSE(decide_warranty(c, r, day("2026-01-21")).covered);
  // Nothing to inherit: no coverage.
  r.inherited_expires.reset();
  CHECK_FALSE(decide_warranty(c, r, day("2025-07-01")).covered);
  c.policies[0].replacement = rma::ReplacementRule::greater_of;
  CHECK(decide_warranty(c, r, day("2025-08-30")).covered);
  CHECK_FALSE(decide_warranty(c, r, day("2025-08-31")).covered);
}

TEST_CASE("supplier recovery from the purchase document and the supplier's terms") {
  WarrantyConfig c = rma::default_warranty_config();  // suppliers: 12 months
  const rma::SoldUnit u = sold_unit();
  rma::PurchasedUnit p;
  p.serial = "SN-1";
  p.supplier_id = "S1";
  p.document = "PO-7";
  p.purchase_date = day("2024-01-05");
  UnitFacts f;
  f.serial = u.serial;
  f.sold = &u;
  f.purchased = &p;
  const WarrantyVerdict last = decide_warranty(c, f, day("2025-01-05"));
  CHECK(last.supplier_recoverable);
  CHECK(last.supplier_until == day("2025-01-05"));
  CHECK(last.purchase_document == "PO-7");
  CHECK(has_reason(last, "supplier.recoverable"));
  const WarrantyVerdict over = decide_warranty(c, f, day("2025-01-06"));
  CHECK_FALSE(over.supplier_recoverable);
  CHECK(over.supplier_until == day("2025-01-05"));
  CHECK(has_reason(over, "supplier.expired"));
  // The supplier's own terms beat the default.
  c.suppliers.push_back(rma::SupplierTerms{"S1", 24});
  CHECK(decide_warranty(c, f, day("2026-01-05")).supplier_recoverable);
  CHECK_FALSE(decide_warranty(c, f, day("2026-01-06")).supplier_recoverable);
  // Void findings end recovery too.
  f.void_findings = {"physical_damage"};
  const WarrantyVerdict damaged = decide_warranty(c, f, day("2025-01-01"));
  CHECK_FALSE(damaged.supplier_recoverable);
  CHECK(has_reason(damaged, "supplier.void_condition"));
  // Without a purchase nothing is said about the supplier.
  f.purchased = nullptr;
  f.void_findings.clear();
  const WarrantyVerdict unbought = decide_warranty(c, f, day("2025-01-01"));
  CHECK_FALSE(unbought.supplier_recoverable);
  CHECK_FALSE(unbought.supplier_until.has_value());
  CHECK(unbought.purchase_document.empty());
}

TEST_CASE("the verdict carries its evidence") {
  const WarrantyConfig c = rma::default_warranty_config();
  const rma::SoldUnit u = sold_unit();
  const WarrantyVerdict v = check(c, u, "2025-05-05");
  CHECK(v.today == day("2025-05-05"));
  CHECK(v.policy == "default");
  CHECK(v.policy_match == "default");
  CHECK(v.document == "INV-1");
  CHECK(v.sale_date == day("2024-01-15"));
  CHECK(v.delivery_date == day("2024-01-20"));
  CHECK(v.start_date == day("2024-01-15"));
  CHECK(v.manufacturer_expires == day("2026-01-15"));
  CHECK(v.legal_expires == day("2026-01-20"));
  CHECK_FALSE(v.extended_expires.has_value());
  CHECK(v.days_remaining == rma::domain::days_between(day("2025-05-05"), day("2026-01-15")));
  REQUIRE(v.reasons.size() == 1);
  CHECK(v.reasons[0].code == "covered.manufacturer");
  CHECK(v.reasons[0].message.find("2026-01-15") != std::string::npos);
}

namespace {

// The verdict on a B2C unit delivered on `delivered` to a consumer in `country`, with that
// country's holidays passed in.
WarrantyVerdict consumer_verdict(const char* delivered, const char* country, const char* today = "2026-06-01") {
  rma::SoldUnit u = sold_unit();
  u.sale_date = day(delivered);
  u.delivery_date = day(delivered);
  u.jurisdiction = country;
  UnitFacts f;
  f.serial = u.serial;
  f.sold = &u;
  f.holidays = &test_holidays::holidays();
  return decide_warranty(rma::default_warranty_config(), f, day(today));
}

}  // namespace

// Directive (EU) 2019/771 art. 11: 1 year, 2 where the member state chose so; the last day moved
// off weekends and the jurisdiction's holidays (Reg. 1182/71 art. 3(4)).
TEST_CASE("presumption of non-conformity: the jurisdiction's months from delivery, rolled") {
  // Germany, 12 months: Monday 2027-03-08 stays.
  const WarrantyVerdict de = consumer_verdict("2026-03-08", "DE");
  CHECK(de.presumption_until == day("2027-03-08"));
  REQUIRE(de.periods.size() == 1);
  CHECK(de.periods[0].period == "presumption");
  CHECK(de.periods[0].start == day("2026-03-08"));
  CHECK(de.periods[0].nominal_end == day("2027-03-08"));
  CHECK(de.periods[0].rule.rfind("Directive (EU) 2019/771 art. 11; DE: ", 0) == 0);
  CHECK(de.periods[0].text == "presumption of non-conformity: 12 months from 2026-03-08 ends Monday 2027-03-08");
  // One day later the period ends one day later: the boundary moves with delivery.
  CHECK(consumer_verdict("2026-03-09", "DE").presumption_until == day("2027-03-09"));
  // France, 24 months for new goods: Tuesday 2028-03-07.
  CHECK(consumer_verdict("2026-03-07", "FR").presumption_until == day("2028-03-07"));
  // Poland, 24 months ending on Sunday 3 May 2026, a holiday: Monday 4 May.
  const WarrantyVerdict pl = consumer_verdict("2024-05-03", "PL");
  CHECK(pl.presumption_until == day("2026-05-04"));
  CHECK(pl.periods[0].nominal_end == day("2026-05-03"));
  CHECK(pl.periods[0].text.find("ends Sunday 2026-05-03, rolled to Monday 2026-05-04 by Reg. 1182/71 art. 3(4)") !=
        std::string::npos);
  // Italy, 12 months ending on 1 January 2027 (Friday, a holiday): Monday 4 January.
  CHECK(consumer_verdict("2026-01-01", "IT").presumption_until == day("2027-01-04"));
  // Portugal, 24 months; Great Britain, 6 months without rolling (Sunday 2026-03-22 stays).
  CHECK(consumer_verdict("2024-06-03", "PT").presumption_until == day("2026-06-03"));
  CHECK(consumer_verdict("2025-09-22", "GB").presumption_until == day("2026-03-22"));
  // No jurisdiction on the sale: the directive's year; weekends roll (Sunday 2027-03-07 -> Monday).
  CHECK(consumer_verdict("2026-03-07", "").presumption_until == day("2027-03-08"));
}

TEST_CASE("presumption of non-conformity: only consumers, only delivered units, only where the law has one") {
  CHECK_FALSE(consumer_verdict("2026-03-08", "US").presumption_until.has_value());
  CHECK(consumer_verdict("2026-03-08", "US").periods.empty());
  CHECK_FALSE(consumer_verdict("2026-03-08", "CH").presumption_until.has_value());
  rma::SoldUnit u = sold_unit();
  UnitFacts f;
  f.serial = u.serial;
  f.sold = &u;
  CHECK(decide_warranty(rma::default_warranty_config(), f, day("2025-01-01")).presumption_until == day("2025-01-20"));
  u.channel = rma::Channel::b2b;
  CHECK_FALSE(decide_warranty(rma::default_warranty_config(), f, day("2025-01-01")).presumption_until.has_value());
  u.channel = rma::Channel::b2c;
  u.delivery_date.reset();
  CHECK_FALSE(decide_warranty(rma::default_warranty_config(), f, day("2025-01-01")).presumption_until.has_value());
  // A unit we did not sell has no presumption from us.
  UnitFacts unsold;
  unsold.serial = "X";
  CHECK_FALSE(decide_warranty(rma::default_warranty_config(), unsold, day("2025-01-01")).presumption_until.has_value());
}

TEST_CASE("legal guarantee: without a configured default entry, each country's statutory period") {
  WarrantyConfig c = rma::default_warranty_config();
  c.policies.clear();
  c.legal.clear();
  rma::SoldUnit u = sold_unit();  // delivered 2024-01-20
  u.jurisdiction = "ES";         // 3 years (TRLGDCU art. 120)
  CHECK(check(c, u, "2027-01-20").covered);
  CHECK_FALSE(check(c, u, "2027-01-21").covered);
  u.jurisdiction = "DE";  // 2 years
  CHECK(check(c, u, "2026-01-20").covered);
  CHECK_FALSE(check(c, u, "2026-01-21").covered);
  u.jurisdiction = "US";  // no statutory period to count
  CHECK_FALSE(check(c, u, "2024-02-01").covered);
  // A configured default entry decides for every jurisdiction without its own.
  c.legal.push_back(rma::LegalGuarantee{});
  u.jurisdiction = "ES";
  CHECK(check(c, u, "2026-01-20").covered);
  CHECK_FALSE(check(c, u, "2026-01-21").covered);
}
