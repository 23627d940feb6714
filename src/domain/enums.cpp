// Stable text names of the case enums. These names are part of the JSON API, the SQLite tables
// and the Python API: never rename one.
#include <string_view>

#include "rma/case.hpp"
#include "rma/label.hpp"
#include "rma/note.hpp"
#include "rma/options.hpp"
#include "rma/query.hpp"
#include "rma/repair.hpp"

namespace rma {

namespace {

// Looks a name up among all values of an enum, using the enum's own *_name function so the two
// directions cannot drift apart.
template <typename Enum, std::size_t N>
std::optional<Enum> from_name(std::string_view name, const Enum (&values)[N],
                              const char* (*to_name)(Enum) noexcept) noexcept {
  for (Enum value : values)
    if (name == to_name(value)) return value;
  return std::nullopt;
}

constexpr CaseKind all_case_kinds[] = {CaseKind::return_, CaseKind::repair, CaseKind::complaint,
                                       CaseKind::customization};
constexpr ComplaintCategory all_categories[] = {ComplaintCategory::none, ComplaintCategory::quality,
                                                ComplaintCategory::quantity, ComplaintCategory::transport};
constexpr Channel all_channels[] = {Channel::b2b, Channel::b2c, Channel::retail_chain, Channel::supplier};
constexpr Priority all_priorities[] = {Priority::low, Priority::normal, Priority::high, Priority::urgent};
constexpr Resolution all_resolutions[] = {Resolution::none,    Resolution::refund,      Resolution::replace,
                                          Resolution::repair,  Resolution::credit_note, Resolution::reject,
                                          Resolution::goodwill};
constexpr RepairStatus all_repair_statuses[] = {RepairStatus::planned, RepairStatus::in_progress, RepairStatus::done,
                                                RepairStatus::cancelled};
constexpr Visibility all_visibilities[] = {Visibility::internal, Visibility::external};
constexpr IndexMode all_index_modes[] = {IndexMode::lazy, IndexMode::eager, IndexMode::store_only};
constexpr CaseSort all_sorts[] = {CaseSort::created_at, CaseSort::updated_at,  CaseSort::number,   CaseSort::priority,
                                  CaseSort::status,     CaseSort::kind,        CaseSort::channel,  CaseSort::category,
                                  CaseSort::customer_id, CaseSort::assignee,   CaseSort::team,     CaseSort::supplier_id,
                                  CaseSort::resolution, CaseSort::root_cause,  CaseSort::id};

// The label enums (rma/label.hpp).
constexpr LabelFormat all_label_formats[] = {LabelFormat::svg, LabelFormat::png, LabelFormat::pdf, LabelFormat::zpl};
constexpr LabelSymbology all_label_symbologies[] = {LabelSymbology::qr, LabelSymbology::datamatrix};
constexpr LabelPage all_label_pages[] = {LabelPage::label, LabelPage::a4};

}  // namespace

const char* case_kind_name(CaseKind v) noexcept {
  switch (v) {
    case CaseKind::return_: return "return";
    case CaseKind::repair: return "repair";
    case CaseKind::complaint: return "complaint";
    case CaseKind::customization: return "customization";
  }
  return "unknown";
}

std::optional<CaseKind> case_kind_from_name(std::string_view name) noexcept {
  return from_name(name, all_case_kinds, case_kind_name);
}

const char* complaint_category_name(ComplaintCategory v) noexcept {
  switch (v) {
    case ComplaintCategory::none: return "none";
    case ComplaintCategory::quality: return "quality";
    case ComplaintCategory::quantity: return "quantity";
    case ComplaintCategory::transport: return "transport";
  }
  return "unknown";
}

std::optional<ComplaintCategory> complaint_category_from_name(std::string_view name) noexcept {
  return from_name(name, all_categories, complaint_category_name);
}

const char* channel_name(Channel v) noexcept {
  switch (v) {
    case Channel::b2b: return "b2b";
    case Channel::b2c: return "b2c";
    case Channel::retail_chain: return "retail_chain";
    case Channel::supplier: return "supplier";
  }
  return "unknown";
}

std::optional<Channel> channel_from_name(std::string_view name) noexcept {
  return from_name(name, all_channels, channel_name);
}

const char* priority_name(Priority v) noexcept {
  switch (v) {
    case Priority::low: return "low";
    case Priority::normal: return "normal";
    case Priority::high: return "high";
    case Priority::urgent: return "urgent";
  }
  return "unknown";
}

std::optional<Priority> priority_from_name(std::string_view name) noexcept {
  return from_name(name, all_priorities, priority_name);
}

const char* resolution_name(Resolution v) noexcept {
  switch (v) {
    case Resolution::none: return "none";
    case Resolution::refund: return "refund";
    case Resolution::replace: return "replace";
    case Resolution::repair: return "repair";
    case Resolution::credit_note: return "credit_note";
    case Resolution::reject: return "reject";
    case Resolution::goodwill: return "goodwill";
  }
  return "unknown";
}

std::optional<Resolution> resolution_from_name(std::string_view name) noexcept {
  return from_name(name, all_resolutions, resolution_name);
}

const char* visibility_name(Visibility v) noexcept {
  switch (v) {
    case Visibility::internal: return "internal";
    case Visibility::external: return "external";
  }
  return "unknown";
}

std::optional<Visibility> visibility_from_name(std::string_view name) noexcept {
  return from_name(name, all_visibilities, visibility_name);
}

const char* index_mode_name(IndexMode v) noexcept {
  switch (v) {
    case IndexMode::lazy: return "lazy";
    case IndexMode::eager: return "eager";
    case IndexMode::store_only: return "store_only";
  }
  return "unknown";
}

std::optional<IndexMode> index_mode_from_name(std::string_view name) noexcept {
  return from_name(name, all_index_modes, index_mode_name);
}

const char* case_sort_name(CaseSort v) noexcept {
  switch (v) {
    case CaseSort::created_at: return "created_at";
    case CaseSort::updated_at: return "updated_at";
    case CaseSort::number: return "number";
    case CaseSort::priority: return "priority";
    case CaseSort::status: return "status";
    case CaseSort::kind: return "kind";
    case CaseSort::channel: return "channel";
    case CaseSort::category: return "category";
    case CaseSort::customer_id: return "customer_id";
    case CaseSort::assignee: return "assignee";
    case CaseSort::team: return "team";
    case CaseSort::supplier_id: return "supplier_id";
    case CaseSort::resolution: return "resolution";
    case CaseSort::root_cause: return "root_cause";
    case CaseSort::id: return "id";
  }
  return "unknown";
}

std::optional<CaseSort> case_sort_from_name(std::string_view name) noexcept {
  return from_name(name, all_sorts, case_sort_name);
}

const char* repair_status_name(RepairStatus v) noexcept {
  switch (v) {
    case RepairStatus::planned: return "planned";
    case RepairStatus::in_progress: return "in_progress";
    case RepairStatus::done: return "done";
    case RepairStatus::cancelled: return "cancelled";
  }
  return "unknown";
}

std::optional<RepairStatus> repair_status_from_name(std::string_view name) noexcept {
  return from_name(name, all_repair_statuses, repair_status_name);
}

const char* label_format_name(LabelFormat v) noexcept {
  switch (v) {
    case LabelFormat::svg: return "svg";
    case LabelFormat::png: return "png";
    case LabelFormat::pdf: return "pdf";
    case LabelFormat::zpl: return "zpl";
  }
  return "unknown";
}

std::optional<LabelFormat> label_format_from_name(std::string_view name) noexcept {
  return from_name(name, all_label_formats, label_format_name);
}

const char* label_media_type(LabelFormat v) noexcept {
  switch (v) {
    case LabelFormat::svg: return "image/svg+xml";
    case LabelFormat::png: return "image/png";
    case LabelFormat::pdf: return "application/pdf";
    case LabelFormat::zpl: return "application/vnd.zebra.zpl";
  }
  return "application/octet-stream";
}

const char* label_symbology_name(LabelSymbology v) noexcept {
  switch (v) {
    case LabelSymbology::qr: return "qr";
    case LabelSymbology::datamatrix: return "datamatrix";
  }
  return "unknown";
}

std::optional<LabelSymbology> label_symbology_from_name(std::string_view name) noexcept {
  return from_name(name, all_label_symbologies, label_symbology_name);
}

const char* label_page_name(LabelPage v) noexcept {
  switch (v) {
    case LabelPage::label: return "label";
    case LabelPage::a4: return "a4";
  }
  return "unknown";
}

std::optional<LabelPage> label_page_from_name(std::string_view name) noexcept {
  return from_name(name, all_label_pages, label_page_name);
}

}  // namespace rma
