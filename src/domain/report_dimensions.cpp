#include "domain/report_dimensions.hpp"

#include <algorithm>

#include "domain/calendar_date.hpp"
#include "rma/error.hpp"

namespace rma::domain {
namespace {

using D = ReportDimension;

bool line_dimension(D d) {
  switch (d) {
    case D::sku:
    case D::product_category:
    case D::brand:
    case D::supplier:
    case D::lot:
    case D::reason_code: return true;
    default: return false;
  }
}

std::uint64_t enum_count(D d) {
  switch (d) {
    case D::kind: return 4;
    case D::channel: return 4;
    case D::complaint_category: return 4;
    case D::resolution: return 7;
    default: return 0;
  }
}

const char* enum_name(D d, std::uint32_t code) {
  switch (d) {
    case D::kind: return case_kind_name(static_cast<CaseKind>(code));
    case D::channel: return channel_name(static_cast<Channel>(code));
    case D::complaint_category: return complaint_category_name(static_cast<ComplaintCategory>(code));
    case D::resolution: return resolution_name(static_cast<Resolution>(code));
    default: return "";
  }
}

std::uint32_t at_or_none(const std::vector<std::uint32_t>& by_sku, std::uint32_t sku) {
  return sku < by_sku.size() ? by_sku[sku] : 0;
}

}  // namespace

const TextCodes* ReportDimensions::texts_of(D d) const {
  switch (d) {
    case D::customer: return &f_.customers;
    case D::sku: return &f_.skus;
    case D::product_category: return &f_.categories;
    case D::brand: return &f_.brands;
    case D::supplier: return &f_.suppliers;
    case D::lot: return &f_.lots;
    case D::reason_code: return &f_.reasons;
    case D::root_cause: return &f_.root_causes;
    case D::status: return &f_.statuses;
    case D::assignee: return &f_.assignees;
    case D::team: return &f_.teams;
    default: return nullptr;
  }
}

ReportDimensions::ReportDimensions(const ReportRequest& request, const ReportFacts& facts, const TimeZone* zone)
    : f_(facts), period_(request.period), sold_(request.subject == ReportSubject::return_rate) {
  for (D d : request.dimensions) {
    Dim dim;
    dim.dimension = d;
    dim.line = !sold_ && line_dimension(d);
    has_line_ = has_line_ || dim.line;
    if (const TextCodes* texts = texts_of(d)) {
      dim.count = texts->size();
      dim.rank = &texts->ranks();
    } else if (d != D::period) {
      dim.count = enum_count(d);
    }
    dims_.push_back(std::move(dim));
  }
  for (const Dim& d : dims_) {
    if (d.dimension != D::period) continue;
    if (sold_) {
      std::int64_t lo = 0;
      std::int64_t hi = -1;
      for (std::int32_t day : facts.sold_day) {
        if (day == kNoDay) continue;
        if (hi < lo) lo = hi = day;
        lo = std::min<std::int64_t>(lo, day);
        hi = std::max<std::int64_t>(hi, day);
      }
      set_period_span(lo, std::max(lo, hi));
    } else {
      std::int64_t lo = 0;
      std::int64_t hi = 0;
      bool any = false;
      for (std::size_t r = 0; r < facts.cases(); ++r) {
        if (!facts.live[r]) continue;
        const std::int64_t t = facts.created_at[r];
        lo = any ? std::min(lo, t) : t;
        hi = any ? std::max(hi, t) : t;
        any = true;
      }
      days_ = std::make_unique<LocalDays>(*zone, Timestamp{lo}, Timestamp{hi});
      // A day either side: a zone's offset may move a local day across midnight.
      set_period_span(days_->day_of(lo) - 1, days_->day_of(hi) + 1);
    }
  }
  for (Dim& d : dims_) {
    d.stride = key_space_;
    if (d.count != 0 && key_space_ > UINT64_MAX / d.count) {
      throw Error(Status::too_large, "dimensions", "these dimensions have too many values together",
                  "report_too_large");
    }
    key_space_ *= std::max<std::uint64_t>(d.count, 1);
  }
}

void ReportDimensions::set_period_span(std::int64_t first_day, std::int64_t last_day) {
  first_day_ = first_day;
  first_ordinal_ = period_ordinal(first_day, period_);
  period_of_day_.resize(static_cast<std::size_t>(last_day - first_day + 1));
  for (std::size_t i = 0; i < period_of_day_.size(); ++i) {
    period_of_day_[i] =
        static_cast<std::uint32_t>(period_ordinal(first_day + static_cast<std::int64_t>(i), period_) - first_ordinal_);
  }
  for (Dim& d : dims_) {
    if (d.dimension == D::period) d.count = period_of_day_.empty() ? 1 : period_of_day_.back() + 1;
  }
}

std::uint32_t ReportDimensions::period_code(std::int64_t day) const {
  const std::int64_t i = day - first_day_;
  if (i < 0 || i >= static_cast<std::int64_t>(period_of_day_.size())) return 0;
  return period_of_day_[static_cast<std::size_t>(i)];
}

std::uint32_t ReportDimensions::code_of_case(const Dim& d, std::size_t r) const {
  switch (d.dimension) {
    case D::customer: return f_.customer[r];
    case D::root_cause: return f_.root_cause[r];
    case D::kind: return f_.kind[r];
    case D::channel: return f_.channel[r];
    case D::complaint_category: return f_.category[r];
    case D::status: return f_.status[r];
    case D::resolution: return f_.resolution[r];
    case D::assignee: return f_.assignee[r];
    case D::team: return f_.team[r];
    case D::period: return period_code(days_->day_of(f_.created_at[r]));
    default: return 0;
  }
}

std::uint32_t ReportDimensions::code_of_line(const Dim& d, std::size_t r, std::size_t l) const {
  const std::uint32_t sku = f_.line_sku[l];
  switch (d.dimension) {
    case D::sku: return sku;
    case D::lot: return f_.line_lot[l];
    case D::reason_code: return f_.line_reason[l];
    case D::product_category: return at_or_none(f_.sku_category, sku);
    case D::brand: return at_or_none(f_.sku_brand, sku);
    case D::supplier: {
      const std::uint32_t s = at_or_none(f_.sku_supplier, sku);
      return s != 0 ? s : f_.supplier[r];
    }
    default: return 0;
  }
}

std::uint32_t ReportDimensions::code_of_sold(const Dim& d, std::size_t s) const {
  const std::uint32_t sku = f_.sold_sku[s];
  switch (d.dimension) {
    case D::sku: return sku;
    case D::lot: return f_.sold_lot[s];
    case D::product_category: return at_or_none(f_.sku_category, sku);
    case D::brand: return at_or_none(f_.sku_brand, sku);
    case D::supplier: return at_or_none(f_.sku_supplier, sku);
    case D::period: return period_code(f_.sold_day[s]);
    default: return 0;
  }
}

std::uint64_t ReportDimensions::case_key(std::size_t r) const {
  std::uint64_t key = 0;
  for (const Dim& d : dims_) {
    if (!d.line) key += code_of_case(d, r) * d.stride;
  }
  return key;
}

void ReportDimensions::case_keys(std::vector<std::uint64_t>& keys) const {
  const std::size_t n = f_.cases();
  keys.resize(n);  // kept from an earlier report: no fresh pages
  std::fill(keys.begin(), keys.end(), 0);
  auto add = [&](const auto& column, std::uint64_t stride) {
    for (std::size_t r = 0; r < n; ++r) keys[r] += column[r] * stride;
  };
  for (const Dim& d : dims_) {
    if (d.line) continue;
    switch (d.dimension) {
      case D::customer: add(f_.customer, d.stride); break;
      case D::root_cause: add(f_.root_cause, d.stride); break;
      case D::kind: add(f_.kind, d.stride); break;
      case D::channel: add(f_.channel, d.stride); break;
      case D::complaint_category: add(f_.category, d.stride); break;
      case D::status: add(f_.status, d.stride); break;
      case D::resolution: add(f_.resolution, d.stride); break;
      case D::assignee: add(f_.assignee, d.stride); break;
      case D::team: add(f_.team, d.stride); break;
      default:
        for (std::size_t r = 0; r < n; ++r) keys[r] += code_of_case(d, r) * d.stride;
    }
  }
}

std::uint64_t ReportDimensions::line_key(std::size_t r, std::size_t l) const {
  std::uint64_t key = 0;
  for (const Dim& d : dims_) {
    if (d.line) key += code_of_line(d, r, l) * d.stride;
  }
  return key;
}

std::uint64_t ReportDimensions::sold_key(std::size_t s) const {
  std::uint64_t key = 0;
  for (const Dim& d : dims_) key += code_of_sold(d, s) * d.stride;
  return key;
}

std::vector<ReportColumn> ReportDimensions::columns() const {
  std::vector<ReportColumn> out;
  for (const Dim& d : dims_) {
    out.push_back(ReportColumn{report_dimension_name(d.dimension),
                               d.dimension == D::period ? ReportColumnType::period : ReportColumnType::text,
                               std::string(), true});
  }
  return out;
}

void ReportDimensions::cells(std::uint64_t key, std::vector<ReportCell>& out) const {
  for (const Dim& d : dims_) {
    const auto code = static_cast<std::uint32_t>((key / d.stride) % d.count);
    if (d.dimension == D::period) {
      out.emplace_back(date_from_days(period_first_day(first_ordinal_ + code, period_)));
    } else if (const TextCodes* texts = texts_of(d.dimension)) {
      if (code == 0) {
        out.emplace_back(std::monostate());
      } else {
        out.emplace_back(texts->text(code));
      }
    } else {
      out.emplace_back(std::string(enum_name(d.dimension, code)));
    }
  }
}

std::uint64_t ReportDimensions::order_of(std::uint64_t key) const {
  // The same digits as the key, but the first dimension most significant and each code replaced
  // by its rank: the key space bounds the product, so it fits as the key does.
  std::uint64_t order = 0;
  for (const Dim& d : dims_) {
    const auto code = static_cast<std::uint32_t>((key / d.stride) % d.count);
    order = order * d.count + (d.rank != nullptr ? (*d.rank)[code] : code);
  }
  return order;
}

}  // namespace rma::domain
