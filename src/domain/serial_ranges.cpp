#include "domain/serial_ranges.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

namespace rma::domain {
namespace {

struct Parsed {
  std::string text;
  std::string prefix;
  std::size_t digits = 0;  // 0: no usable numeric suffix, the serial stands alone
  std::int64_t number = 0;
};

Parsed parse(std::string text) {
  Parsed p;
  std::size_t start = text.size();
  while (start > 0 && text[start - 1] >= '0' && text[start - 1] <= '9') --start;
  const std::size_t digits = text.size() - start;
  if (digits > 0 && digits <= kMaxSuffixDigits) {
    p.digits = digits;
    for (std::size_t i = start; i < text.size(); ++i) p.number = p.number * 10 + (text[i] - '0');
    p.prefix = text.substr(0, start);
  } else {
    p.prefix = text;
  }
  p.text = std::move(text);
  return p;
}

bool leading_zero(const Parsed& p) { return p.digits > 1 && p.text[p.text.size() - p.digits] == '0'; }

bool consecutive(const Parsed& a, const Parsed& b) {
  if (a.digits == 0 || b.digits == 0 || a.prefix != b.prefix || b.number != a.number + 1) return false;
  return a.digits == b.digits || (!leading_zero(a) && !leading_zero(b));
}

}  // namespace

SerialRanges serial_ranges(std::vector<std::string> serials, std::size_t max_ranges) {
  std::sort(serials.begin(), serials.end());
  serials.erase(std::unique(serials.begin(), serials.end()), serials.end());
  std::vector<Parsed> parsed;
  parsed.reserve(serials.size());
  for (std::string& s : serials) parsed.push_back(parse(std::move(s)));
  // By prefix, then number (serials without one by text), then text: consecutive ones adjoin.
  std::sort(parsed.begin(), parsed.end(), [](const Parsed& a, const Parsed& b) {
    const bool a_alone = a.digits == 0, b_alone = b.digits == 0;
    return std::tie(a.prefix, a_alone, a.number, a.text) < std::tie(b.prefix, b_alone, b.number, b.text);
  });

  SerialRanges out;
  out.serials = static_cast<std::int64_t>(parsed.size());
  std::vector<QualitySerialRange> all;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (!all.empty() && consecutive(parsed[i - 1], parsed[i])) {
      all.back().last = parsed[i].text;
      all.back().count += 1;
      continue;
    }
    all.push_back(QualitySerialRange{parsed[i].text, parsed[i].text, 1});
  }
  out.range_count = static_cast<std::int64_t>(all.size());
  if (all.size() > max_ranges) {
    // Keep the largest; stable, so ties keep the first by prefix and number, and the kept stay in order.
    std::vector<std::size_t> order(all.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return all[a].count > all[b].count; });
    order.resize(max_ranges);
    std::sort(order.begin(), order.end());
    std::vector<QualitySerialRange> kept;
    kept.reserve(max_ranges);
    for (std::size_t i : order) kept.push_back(std::move(all[i]));
    all = std::move(kept);
  }
  out.ranges = std::move(all);
  return out;
}

bool line_of_alert(const QualityAlert& alert, const CaseLine& line, const std::string& sku_supplier) noexcept {
  switch (alert.subject) {
    case QualitySubject::sku:
      return line.sku == alert.sku;
    case QualitySubject::lot:
      return line.sku == alert.sku && line.lot == alert.lot;
    case QualitySubject::supplier:
      return !alert.supplier_id.empty() && sku_supplier == alert.supplier_id;
  }
  return false;
}

}  // namespace rma::domain
