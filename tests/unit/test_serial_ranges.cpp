// Serial ranges of a quality alert's evidence (domain/serial_ranges.hpp): what counts as
// consecutive, at every boundary of the rule (the suffix's digits, the leading zero, the listed
// ranges).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "domain/serial_ranges.hpp"

using namespace rma;
using rma::domain::serial_ranges;

namespace {

// "first-last/count" of each range, for short checks.
std::vector<std::string> shown(const domain::SerialRanges& r) {
  std::vector<std::string> out;
  for (const QualitySerialRange& x : r.ranges) out.push_back(x.first + "-" + x.last + "/" + std::to_string(x.count));
  return out;
}

}  // namespace

TEST_CASE("serial ranges: consecutive numbers of one prefix collapse; a gap of one number splits") {
  std::vector<std::string> serials;
  for (int n = 1000; n <= 1042; ++n) serials.push_back("SN" + std::to_string(n));
  serials.push_back("SN1044");  // 1043 missing
  serials.push_back("SN1020");  // given twice: counts once
  const domain::SerialRanges r = serial_ranges(serials);
  CHECK(shown(r) == std::vector<std::string>{"SN1000-SN1042/43", "SN1044-SN1044/1"});
  CHECK(r.serials == 44);
  CHECK(r.range_count == 2);
}

TEST_CASE("serial ranges: another prefix, no numeric suffix, or letters after the digits stand apart") {
  const domain::SerialRanges r = serial_ranges({"AB7", "AC8", "SN-X", "SN-Y", "7A", "8A"});
  CHECK(shown(r) == std::vector<std::string>{"7A-7A/1", "8A-8A/1", "AB7-AB7/1", "AC8-AC8/1", "SN-X-SN-X/1",
                                             "SN-Y-SN-Y/1"});
}

TEST_CASE("serial ranges: the suffix is read as a number up to 18 digits, not from 19") {
  const std::string d17(17, '1');
  // 18 digits: 111...1 and 111...2 are consecutive.
  CHECK(shown(serial_ranges({"S" + d17 + "1", "S" + d17 + "2"})) ==
        std::vector<std::string>{"S" + d17 + "1-S" + d17 + "2/2"});
  // 19 digits: each stands alone.
  CHECK(serial_ranges({"S1" + d17 + "1", "S1" + d17 + "2"}).range_count == 2);
}

TEST_CASE("serial ranges: the same width, or no leading zero, on both sides of a carry") {
  CHECK(serial_ranges({"SN099", "SN100"}).range_count == 1);  // same width
  CHECK(serial_ranges({"SN99", "SN100"}).range_count == 1);   // neither padded
  CHECK(serial_ranges({"SN09", "SN10"}).range_count == 1);    // same width, padded
  CHECK(serial_ranges({"SN009", "SN10"}).range_count == 2);   // padded, then another width
  CHECK(serial_ranges({"SN1", "SN02"}).range_count == 2);
  CHECK(serial_ranges({"SN0", "SN1"}).range_count == 1);      // a lone zero is no padding
}

TEST_CASE("serial ranges: 20 ranges are listed, from 21 the largest 20 in order; the counts stay whole") {
  std::vector<std::string> twenty;
  for (int n = 0; n < 20; ++n) twenty.push_back("SN" + std::to_string(n * 10));  // 20 lone serials
  const domain::SerialRanges at = serial_ranges(twenty);
  CHECK(at.ranges.size() == 20);
  CHECK(at.range_count == 20);

  std::vector<std::string> more = twenty;
  more.push_back("SN1000");
  more.push_back("SN1001");  // a 21st range, of two: the largest, listed last by number
  const domain::SerialRanges over = serial_ranges(more);
  REQUIRE(over.ranges.size() == domain::kMaxSerialRanges);
  CHECK(over.range_count == 21);
  CHECK(over.serials == 22);
  CHECK(over.ranges.front().first == "SN0");
  CHECK(over.ranges[18].first == "SN180");  // SN190, the last lone one by number, is left out
  CHECK(over.ranges.back().first == "SN1000");
  CHECK(over.ranges.back().count == 2);
  CHECK(serial_ranges({}).ranges.empty());
}

TEST_CASE("serial ranges: a line belongs to an alert by SKU, by SKU and lot, or by the SKU's supplier") {
  QualityAlert a;
  a.subject = QualitySubject::sku;
  a.sku = "PHONE-1";
  CaseLine l;
  l.sku = "PHONE-1";
  l.lot = "L7";
  CHECK(domain::line_of_alert(a, l, ""));
  a.subject = QualitySubject::lot;
  a.lot = "L8";
  CHECK_FALSE(domain::line_of_alert(a, l, ""));
  a.lot = "L7";
  CHECK(domain::line_of_alert(a, l, ""));
  a.subject = QualitySubject::supplier;
  a.supplier_id = "S1";
  CHECK(domain::line_of_alert(a, l, "S1"));
  CHECK_FALSE(domain::line_of_alert(a, l, "S2"));
}
