// domain/service_history.hpp — the kinds of record in a serial's service history
// (rma::ServiceRecord::type). They are answer names, not audit event types: "case.opened" is
// read from the case index, the others from the case events line.checked and unit.replaced.
#pragma once

namespace rma::domain {

inline constexpr const char* kServiceCaseOpened = "case.opened";
inline constexpr const char* kServiceWarrantyChecked = "warranty.checked";
inline constexpr const char* kServiceReplacedBy = "replaced_by";  // the unit was replaced by `serial`
inline constexpr const char* kServiceReplaces = "replaces";       // the unit replaces `replaced_serial`

}  // namespace rma::domain
