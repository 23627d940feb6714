// engine/privacy_module.hpp — personal data in the engine (docs/privacy.md): each data subject's
// key (kept with its row, remembered here while the engine knows it is current), the sealing of
// personal values as events are stored, their opening for people reading the history, the
// privacy configuration, erasure and export. What is personal data is domain/personal_data's;
// when a case may be erased, domain/retention_rules'.
//
// Bodies run inside the frames of engine.cpp, under the command lock, like every command.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/config_kinds.hpp"
#include "events/payloads.hpp"
#include "events/sealed_values.hpp"
#include "rma/engine.hpp"
#include "store/store.hpp"

namespace rma {

class PrivacyModule {
 public:
  explicit PrivacyModule(Engine::Impl& engine) : e_(engine) {}

  ConfigDocument<PrivacyConfig> document = privacy_document();
  const PrivacyConfig& config();
  void configure(const Actor& by, const PrivacyConfig& config);

  // --- keys -----------------------------------------------------------------------------------
  // A new case's key, stored with its row by insert_case: remembered once the case has its id.
  void remember_case_key(std::int64_t case_id, const std::string& key);
  // The key put_customer left with a customer's row.
  void remember_customer_key(const std::string& customer_id, const std::string& key);
  // What other engines or a rollback may have changed is read again.
  void forget_cases(const std::vector<std::int64_t>& case_ids);
  void forget_customers() { customers_.clear(); }
  void forget_all() {
    cases_.clear();
    customers_.clear();
  }

  // The event data `payload` (of case `case_id`, 0 for none) stored with its personal values
  // sealed, as its JSON text; nullopt when it holds none (then the plain text is stored).
  std::optional<std::string> sealed_text(events::Payload& payload, std::int64_t case_id);

  // Events as people read them: personal values opened with their subject's key, or
  // "[erased]" (a case's history, or a command's events for its subscribers).
  std::vector<Event> readable(std::vector<Event> events);

  // --- commands -------------------------------------------------------------------------------
  ErasureReport erase(const Actor& by, const DataSubject& subject);
  PersonalDataExport export_data(const Actor& by, const DataSubject& subject);

 private:
  using State = store::Store::PrivacyState;
  // What the store holds of a subject, read once and remembered until another engine changes it.
  State& case_state(std::int64_t case_id);
  // The case's key, made (and stored) when it has none: a case from before keys, or erased.
  const std::string& case_key(std::int64_t case_id);
  const std::string& customer_key(const std::string& customer_id);
  State& customer_state(const std::string& customer_id);

  // Where one case stands on `today`: its verdict, and why it may not be erased yet (reason
  // "case_open" or "retention_period", empty when it may).
  struct Check {
    RetentionVerdict verdict;
    std::string reason;
    std::string message;
  };
  Check check(const store::Store::AnyCase& any, const Customer* customer, Date today);
  // Erases one case (its rows, its key) and records it; `customer_id`: whose erasure took it.
  void erase_case(const store::Store::AnyCase& any, const RetentionVerdict& verdict, const Actor& by,
                  const std::string& customer_id);
  ExportedCase exported_case(const Actor& by, const store::Store::AnyCase& any);

  Engine::Impl& e_;
  std::unordered_map<std::int64_t, State> cases_;
  std::unordered_map<std::string, State> customers_;
};

}  // namespace rma
