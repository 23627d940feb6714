// Stable text names of the import enums, used by the JSON API, the C ABI and Python: never
// rename one.
#include <string_view>

#include "rma/import.hpp"

namespace rma {

namespace {

constexpr ImportKind all_import_kinds[] = {ImportKind::customers, ImportKind::products, ImportKind::suppliers,
                                           ImportKind::sales_documents, ImportKind::purchase_documents};
constexpr ImportFormat all_import_formats[] = {ImportFormat::jsonl, ImportFormat::csv};

}  // namespace

const char* import_kind_name(ImportKind v) noexcept {
  switch (v) {
    case ImportKind::customers: return "customers";
    case ImportKind::products: return "products";
    case ImportKind::suppliers: return "suppliers";
    case ImportKind::sales_documents: return "sales_documents";
    case ImportKind::purchase_documents: return "purchase_documents";
  }
  return "unknown";
}

std::optional<ImportKind> import_kind_from_name(std::string_view name) noexcept {
  // Each value's own name is the source, so the two directions cannot drift apart.
  for (ImportKind kind : all_import_kinds)
    if (name == import_kind_name(kind)) return kind;
  return std::nullopt;
}

const char* import_format_name(ImportFormat v) noexcept {
  switch (v) {
    case ImportFormat::jsonl: return "jsonl";
    case ImportFormat::csv: return "csv";
  }
  return "unknown";
}

std::optional<ImportFormat> import_format_from_name(std::string_view name) noexcept {
  for (ImportFormat format : all_import_formats)
    if (name == import_format_name(format)) return format;
  return std::nullopt;
}

}  // namespace rma
