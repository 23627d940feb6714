#include "domain/quality_names.hpp"

#include <optional>
#include <string_view>

#include "domain/name_table.hpp"
#include "rma/quality.hpp"

namespace rma {

using domain::lookup;
using domain::name_of;

const char* quality_subject_name(QualitySubject v) noexcept { return name_of(v, domain::kQualitySubjectNames); }
std::optional<QualitySubject> quality_subject_from_name(std::string_view name) noexcept {
  return lookup<QualitySubject>(name, domain::kQualitySubjectNames);
}
const char* quality_signal_name(QualitySignal v) noexcept { return name_of(v, domain::kQualitySignalNames); }
std::optional<QualitySignal> quality_signal_from_name(std::string_view name) noexcept {
  return lookup<QualitySignal>(name, domain::kQualitySignalNames);
}
const char* quality_baseline_name(QualityBaseline v) noexcept { return name_of(v, domain::kQualityBaselineNames); }
std::optional<QualityBaseline> quality_baseline_from_name(std::string_view name) noexcept {
  return lookup<QualityBaseline>(name, domain::kQualityBaselineNames);
}

}  // namespace rma
