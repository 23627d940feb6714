// Workflow labels in the reader's language. The definition's `label` is the English one and wins
// for English readers, so a host that renames a default state in its own configuration sees its
// name, not the catalog's; other languages take the workflow's own `labels`, then the catalogs.
#include "rma/language.hpp"
#include "rma/workflow.hpp"

namespace rma {

namespace {

std::string localized(const Catalogs& catalogs, const LanguageLabels& own, const std::string& key,
                      const std::string& base, std::string_view tag) {
  for (const std::string& language : language_fallback_chain(tag)) {
    if (language == kBaseLanguage) break;
    auto found = own.find(language);
    if (found != own.end()) return found->second;
    if (std::optional<std::string> text = catalogs.find_in(language, key)) return label_text(tag, *text);
  }
  return base;
}

}  // namespace

std::string state_label(const Catalogs& catalogs, const Workflow& workflow, const WorkflowState& state,
                        std::string_view tag) {
  return localized(catalogs, state.labels, "workflow." + workflow.id + ".state." + state.name, state.label, tag);
}

std::string transition_label(const Catalogs& catalogs, const Workflow& workflow,
                             const WorkflowTransition& transition, std::string_view tag) {
  return localized(catalogs, transition.labels, "workflow." + workflow.id + ".transition." + transition.name,
                   transition.label, tag);
}

}  // namespace rma
