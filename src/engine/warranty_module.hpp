// engine/warranty_module.hpp — warranty and units in the engine: the unit registry (what was sold
// to whom, registrations, contracts, replacements), the warranty rules document, verdicts,
// eligibility with the host's validators, the quantity bound, and service histories. The rules
// are domain's (domain/warranty_rules.hpp, eligibility_rules.hpp, returnable_units.hpp).
//
// The registry holds what Options::index_mode says: lazy, the keys commands asked for (filled on
// first need through UnitCache); eager, everything, loaded at open; store_only, what the running
// command asked for, forgotten when it ends. Another process's import or unit change drops the
// keys held (eager loads everything again); a rollback of a command that changed units does too.
//
// Bodies run inside the frames of engine.cpp, under the command lock, like every command.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/returnable_units.hpp"
#include "engine/config_kinds.hpp"
#include "engine/unit_cache.hpp"
#include "events/event_type.hpp"
#include "index/unit_registry.hpp"
#include "rma/engine.hpp"

namespace rma {

class WarrantyModule {
 public:
  explicit WarrantyModule(Engine::Impl& engine);

  // The configuration; "today" is the date in its time zone.
  ConfigDocument<WarrantySettings> document = warranty_document();
  const WarrantyConfig& config();
  Date today();
  void configure(const Actor& by, const WarrantyConfig& config);

  // The unit registry, each look-up loading its key first; its keys are dropped (eager: it is
  // loaded again) first when another process changed units or a rollback left it unsure.
  UnitCache& registry();
  // Loads the whole registry in eager mode; called once, when the engine opens.
  void load_at_open();
  void units_changed() { tx_units_touched_ = true; }  // this command changed the registry
  // How the registry follows the frames of commands and the events of other processes.
  void begin_command() { tx_units_touched_ = false; }
  void abort_command() {
    if (tx_units_touched_) units_stale_ = true;
    end_command();
  }
  void end_command() noexcept;  // store_only: forgets what the command loaded; lazy: trims
  void follow(events::EventType type) {
    if (changes_units(type)) units_stale_ = true;
  }
  void reload() { units_stale_ = true; }
  // Ends a read in the registry's terms, however the read ends (engine.cpp's read frames).
  class ReadScope {
   public:
    explicit ReadScope(WarrantyModule& m) : m_(m) {}
    ReadScope(const ReadScope&) = delete;
    ReadScope& operator=(const ReadScope&) = delete;
    ~ReadScope() { m_.end_command(); }

   private:
    WarrantyModule& m_;
  };

  std::vector<std::pair<std::string, EligibilityValidator>> validators;

  // Fills the draft's lines from the sold units; returns, per line, whether it names a unit or
  // sales line sold to another customer than the draft's (then nothing of that sale is filled).
  std::vector<bool> fill_from_registry(const Actor& by, CaseDraft& draft);
  // Copies price, VAT, dates, dispatch and packers from the sales line each case line names.
  void apply_sale_facts(Case& c);
  // Throws out_of_range naming the field when a checked line claims more units of its sales
  // line or serial than were sold minus the claims of earlier cases and of its case's earlier
  // lines (returnable_units.cpp).
  void check_returnable_units(const Case& c, const std::vector<domain::QuantityFields>& checks);
  std::int64_t units_claimed_before(const Case& c, const CaseLine& line);
  WarrantyVerdict verdict_for(const std::string& serial, Date today, const std::vector<std::string>& findings,
                              bool proof_of_purchase, int depth = 0);
  Eligibility eligibility_for(const Case& c, const CaseLine& line, Date today);
  // The consumer's jurisdiction when the case is a withdrawal in time from one of our distance
  // sales (domain::is_withdrawal of its first such line, notified when the case was opened),
  // which starts the seller's refund deadline.
  std::optional<std::string> withdrawal_jurisdiction(const Case& c);
  // Per line, the jurisdiction of the sale it came from; "" for a line whose sale librma does not
  // know or that names another customer's unit (privacy: where a case's retention is counted).
  std::vector<std::string> sale_jurisdictions(const Case& c);
  void add_extended_warranty(const Actor& by, const ExtendedWarranty& w);
  void register_unit(const Actor& by, const std::string& serial, Date on);
  Case check_case_line(const Actor& by, std::int64_t case_id, std::int32_t line_no, ExpectedVersion expected);
  std::vector<ServiceRecord> service_history(const Actor& by, const std::string& serial);
  // A replacement serial set on a line records the new unit as replacing the line's unit.
  void record_replacements(const Actor& by, const Case& before, const Case& after);

 private:
  static bool changes_units(events::EventType type);
  // The warranty verdict of a line's serial as if it were never sold: for a line that names
  // another customer's unit, whose sale is not this claim's to read.
  WarrantyVerdict verdict_without_sale(const CaseLine& line, Date today, bool proof_of_purchase);
  // What a line's sales line sold and what other lines claimed of it before `line`; of its serial
  // too when the serial is one of the units sold. Empty when the line names no sales line
  // librma knows.
  struct UnitsOfLine {
    domain::SoldUnits on_line;
    std::optional<domain::SoldUnits> of_serial;
  };
  std::optional<UnitsOfLine> units_of_line(const Case& c, const CaseLine& line);
  // The sale a case line names: its sales line's first unit, else its serial's newest sale; null
  // if none is known.
  const SoldUnit* sale_of(const CaseLine& line);
  // Whether the line names a unit or sales line sold to another customer than the case's: it
  // carries the flag, or the sale it names says so (a line opened before that sale was imported).
  bool names_other_customers_unit(const Case& c, const CaseLine& line);

  Engine::Impl& e_;
  index::UnitRegistry units_;
  UnitCache cache_;
  bool units_stale_ = false;
  bool tx_units_touched_ = false;
};

}  // namespace rma
