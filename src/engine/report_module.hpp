// engine/report_module.hpp — reports in the engine: who may run which (domain/report_rules.hpp),
// the fact columns built from the store on the first report and kept current after every commit
// and sync (index/report_index.hpp), the groups of columns a request needs loaded first, and the
// report itself (domain/report_run.hpp). Exports write the report a body computed under the
// lock, after it is released (engine.cpp).
//
// Bodies run inside the frames of engine.cpp, under the command lock, like every command.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/report_run.hpp"
#include "domain/time_zone.hpp"
#include "index/report_index.hpp"
#include "rma/engine.hpp"
#include "rma/report.hpp"

namespace rma {

class ReportModule {
 public:
  explicit ReportModule(Engine::Impl& engine) : e_(engine) {}

  Report run(const Actor& by, const ReportRequest& request);

  // The columns current with the sold lines loaded, for quality.scan (engine/quality_module.hpp).
  const domain::ReportFacts& facts_with_sold();

  // A committed event (this engine's or another process's): the columns it makes stale.
  void follow(std::int64_t case_id, std::string_view type);
  std::int64_t bytes() const { return index_.facts().bytes(); }

 private:
  // The columns current, with every group `needs` names loaded.
  void prepare(const domain::ReportNeeds& needs);
  // From the file the last build left (index/report_snapshot.hpp) if it fits the store, else
  // from a pass over the store.
  void build();
  bool restore();
  void save();
  void refresh(const std::vector<std::int64_t>& ids);
  void load_products();
  void load_money();
  void load_milestones();
  void load_breaches();
  void load_sold();
  // A case whose initial state locks the decision is decided at creation.
  void initial_decision(std::size_t row, domain::CaseMilestones& m);
  const SlaCalendar* calendar_of(std::size_t row, const std::string& contract);
  // By status code: 1 for a state of category closed.
  std::vector<std::uint8_t> closed_status();
  const domain::TimeZone* zone_for(const ReportRequest& request, std::optional<domain::TimeZone>& given,
                                   std::string& text);

  Engine::Impl& e_;
  index::ReportIndex index_;
  domain::ReportScratch scratch_;
  bool save_due_ = false;  // the columns hold a pass over a table (or many changes) not yet saved
  std::optional<domain::TimeZone> engine_zone_;
  // Customer tiers read while loading milestones, by customer code.
  std::vector<std::optional<std::string>> tiers_;
};

}  // namespace rma
