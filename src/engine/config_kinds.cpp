#include "engine/config_kinds.hpp"

#include <nlohmann/json.hpp>

namespace rma {
namespace {

using nlohmann::json;

WarrantySettings warranty_settings(WarrantyConfig config) {
  domain::TimeZone zone = domain::TimeZone::parse(config.time_zone, "time_zone");
  return WarrantySettings{std::move(config), std::move(zone)};
}

}  // namespace

std::vector<std::string> guard_names_in(const std::string& text) {
  std::vector<std::string> names;
  const json doc = json::parse(text);
  auto collect = [&](const json& guards) {
    for (const json& g : guards) names.push_back(g.value("guard", ""));
  };
  for (const json& w : doc.value("workflows", json::array())) {
    for (const json& t : w.value("transitions", json::array())) collect(t.value("guards", json::array()));
  }
  for (const json& a : doc.value("automatic_actions", json::array())) collect(a.value("guards", json::array()));
  return names;
}

ConfigDocument<WarrantySettings> warranty_document() {
  return {"warranty", events::EventType::warranty_configured,
          [](const std::string& text) { return warranty_settings(warranty_config_from_json(text)); },
          [] { return warranty_settings(default_warranty_config()); }};
}

ConfigDocument<SlaConfig> sla_document() {
  return {"sla", events::EventType::sla_configured,
          [](const std::string& text) { return sla_config_from_json(text); }, [] { return default_sla_config(); }};
}

ConfigDocument<ValuationRules> valuation_document() {
  return {"valuation", events::EventType::valuation_configured,
          [](const std::string& text) { return valuation_rules_from_json(text); }, [] { return ValuationRules(); }};
}

ConfigDocument<PrivacyConfig> privacy_document() {
  return {"privacy", events::EventType::privacy_configured,
          [](const std::string& text) { return privacy_config_from_json(text); },
          [] { return default_privacy_config(); }};
}

ConfigDocument<Catalogs> languages_document() {
  return {"languages", events::EventType::languages_configured,
          [](const std::string& text) {
            // Stored text was checked when configured: read with generous bounds.
            Catalogs catalogs = Catalogs::built_in();
            catalogs.add(text, std::int64_t{1} << 20, kMaxJsonDepth);
            return catalogs;
          },
          [] { return Catalogs::built_in(); }};
}

ConfigDocument<WorkflowConfig> workflows_document() {
  return {"workflows", events::EventType::workflows_configured,
          [](const std::string& text) { return workflow_config_from_json(text, guard_names_in(text)); },
          [] {
            WorkflowConfig config = default_workflow_config();
            for (Workflow& w : config.workflows) w.version = 1;
            return config;
          }};
}

}  // namespace rma
