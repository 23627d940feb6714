// engine/config_kinds.hpp — the configuration kinds: for each, its settings key, the event
// recording a change, its parser and its default (engine/config_document.hpp).
//
// A new kind: a document function here (and in config_kinds.cpp), a field in Engine::Impl
// initialized from it and listed in Impl::documents(), and its configure command, which checks
// the new document and hands it to Impl::configure_document.
#pragma once

#include <string>
#include <vector>

#include "domain/time_zone.hpp"
#include "engine/config_document.hpp"
#include "rma/language.hpp"
#include "rma/privacy.hpp"
#include "rma/sla.hpp"
#include "rma/valuation.hpp"
#include "rma/warranty.hpp"
#include "rma/workflow.hpp"

namespace rma {

// The warranty rules with their time zone read: "today" is the date in that zone.
struct WarrantySettings {
  WarrantyConfig config;
  domain::TimeZone zone;
};

ConfigDocument<WarrantySettings> warranty_document();
ConfigDocument<SlaConfig> sla_document();
ConfigDocument<ValuationRules> valuation_document();
ConfigDocument<PrivacyConfig> privacy_document();
// The built-in catalogs with the host's document (rma/language.hpp) added.
ConfigDocument<Catalogs> languages_document();
// Workflows stored name host guards this engine may not have registered (yet): they were
// checked when stored. Without a stored configuration, the defaults, each at version 1.
ConfigDocument<WorkflowConfig> workflows_document();

// Every guard name a stored workflow configuration (JSON text) uses.
std::vector<std::string> guard_names_in(const std::string& text);

}  // namespace rma
