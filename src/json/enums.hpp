// json/enums.hpp — the JSON names of librma's enums, as error messages list them.
// Same order as the enums; decoding itself goes through the *_from_name functions.
#pragma once

#include <array>

namespace rma::codec {

inline constexpr std::array<const char*, 4> kCaseKindNames = {"return", "repair", "complaint", "customization"};
inline constexpr std::array<const char*, 4> kCategoryNames = {"none", "quality", "quantity", "transport"};
inline constexpr std::array<const char*, 4> kChannelNames = {"b2b", "b2c", "retail_chain", "supplier"};
inline constexpr std::array<const char*, 4> kPriorityNames = {"low", "normal", "high", "urgent"};
inline constexpr std::array<const char*, 7> kResolutionNames = {"none",        "refund", "replace", "repair",
                                                                "credit_note", "reject", "goodwill"};
inline constexpr std::array<const char*, 2> kVisibilityNames = {"internal", "external"};
inline constexpr std::array<const char*, 5> kRoleNames = {"admin", "operator", "customer", "supplier", "system"};
inline constexpr std::array<const char*, 3> kIndexModeNames = {"lazy", "eager", "store_only"};
inline constexpr std::array<const char*, 15> kSortNames = {
    "created_at", "updated_at", "number",   "priority",    "status",     "kind",       "channel", "category",
    "customer_id", "assignee", "team",     "supplier_id", "resolution", "root_cause", "id"};
// Inspection findings that void a warranty (CaseLine::void_conditions); not a C++ enum.
inline constexpr std::array<const char*, 4> kVoidConditionNames = {"physical_damage", "liquid", "tampering",
                                                                   "serial_missing_or_altered"};
inline constexpr std::array<const char*, 5> kImportKindNames = {"customers", "products", "suppliers",
                                                                "sales_documents", "purchase_documents"};
inline constexpr std::array<const char*, 4> kRepairStatusNames = {"planned", "in_progress", "done", "cancelled"};
inline constexpr std::array<const char*, 2> kImportFormatNames = {"jsonl", "csv"};

}  // namespace rma::codec
