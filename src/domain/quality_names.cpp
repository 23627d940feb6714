#include "domain/quality_names.hpp"

#include <optional>
#include <string_view>

#include "rma/quality.hpp"

namespace rma {
namespace {

template <class Enum, std::size_t N>
std::optional<Enum> lookup(std::string_view name, const std::array<const char*, N>& names) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

template <class Enum, std::size_t N>
const char* name_of(Enum v, const std::array<const char*, N>& names) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < N ? names[i] : "unknown";
}

}  // namespace

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
