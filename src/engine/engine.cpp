// The public Engine: each method is a command body from engine_impl.cpp run inside the write or
// read frame below. Engine::batch runs its commands (batch.cpp) inside one write frame.
#include <algorithm>
#include <limits>
#include <new>
#include <type_traits>

#include "json/case.hpp"
#include "json/parse.hpp"
#include "json/party.hpp"
#include "json/product.hpp"
#include "json/reader.hpp"
#include "json/sales.hpp"
#include "json/warranty.hpp"
#include "domain/case_query_rules.hpp"
#include "domain/case_rules.hpp"
#include "domain/label_content.hpp"
#include "domain/views.hpp"
#include "engine/answer_views.hpp"
#include "engine/engine_impl.hpp"
#include "engine/label_module.hpp"
#include "engine/label_render.hpp"
#include "engine/report_export.hpp"
#include "rma/public_holidays.hpp"
#include "store/audit_chain.hpp"
#include "store/open.hpp"

namespace rma {
namespace {

// Maps what escapes a command to rma::Error, so callers see one exception type: the store names
// its own driver's failures (store::Store::failure_of); anything else is a bug.
template <class Body>
auto translate_errors(const store::Store* store, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    if (store) {
      if (std::optional<Error> failure = store->failure_of(e)) throw *failure;
    }
    throw Error(Status::internal, "", std::string("internal error: ") + e.what());
  }
}

// Runs a write command: one transaction, then the subscribers, outside the lock. A refused
// command writes nothing but its denial, recorded in a transaction of its own.
// Refusals as the actor may read them (domain/views.hpp): a customer or supplier never reads a
// figure or a name of the rules or the case that refused it.
template <class Body>
auto seen_errors(const Actor& by, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Error& e) {
    if (by.is_staff()) throw;
    throw domain::error_view(e, domain::audience_of(by));
  }
}

// How many times in all a write command runs when the database undoes it to resolve a conflict
// with another engine's transaction (Store::failure_of, reason Store::kRetryReason). Writers are
// serialized by the store, so this is rare (a deadlock with a host's own transaction on the same
// rows); each attempt reads afresh in a new transaction, as if the command came a moment later.
constexpr int kWriteAttempts = 3;

bool may_run_again(const store::Store& store, const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const Error&) {
    return false;  // librma's own refusals (an optimistic version conflict among them) are final
  } catch (const std::exception& e) {
    const std::optional<Error> error = store.failure_of(e);
    return error && error->status() == Status::conflict && error->reason() == store::Store::kRetryReason;
  } catch (...) {
    return false;
  }
}

template <class Body>
auto write(Engine::Impl& impl, const Actor& by, Body&& body) -> decltype(body()) {
  using Result = decltype(body());
  return seen_errors(by, [&] { return translate_errors(impl.store.get(), [&]() -> Result {
    std::vector<Event> committed;
    std::exception_ptr failure;
    std::conditional_t<std::is_void_v<Result>, bool, std::optional<Result>> result{};
    {
      std::lock_guard<std::mutex> lock(impl.mu);
      for (int attempt = 1;; ++attempt) {
        impl.begin_command();
        try {
          if constexpr (std::is_void_v<Result>) {
            body();
          } else {
            result.emplace(body());
          }
          committed = impl.commit_command();
          break;
        } catch (...) {
          impl.abort_command();
          if (attempt < kWriteAttempts && may_run_again(*impl.store, std::current_exception())) continue;
          committed = impl.record_denial();
          failure = std::current_exception();
          break;
        }
      }
    }
    impl.deliver(committed);
    if (failure) std::rethrow_exception(failure);
    if constexpr (!std::is_void_v<Result>) return std::move(*result);
  }); });
}

// Runs a read: no transaction of its own, but first catches up with other processes. A read
// refused on a case is recorded in its history too.
template <class Body>
auto read(Engine::Impl& impl, const Actor& by, Body&& body) -> decltype(body()) {
  return seen_errors(by, [&] { return translate_errors(impl.store.get(), [&]() -> decltype(body()) {
    std::vector<Event> denied;
    try {
      std::lock_guard<std::mutex> lock(impl.mu);
      impl.pending_denial.reset();
      impl.pending_probe.reset();
      impl.sync();
      const WarrantyModule::ReadScope registry_scope(impl.warranty);
      return body();
    } catch (...) {
      {
        std::lock_guard<std::mutex> lock(impl.mu);
        denied = impl.record_denial();
      }
      impl.deliver(denied);
      throw;
    }
  }); });
}

// A read answered from the unit registry: catches up at most every registry_refresh_ms, so a
// warm engine answers warranty checks without touching the database.
template <class Body>
auto registry_read(Engine::Impl& impl, const Actor& by, Body&& body) -> decltype(body()) {
  return seen_errors(by, [&] { return translate_errors(impl.store.get(), [&]() -> decltype(body()) {
    std::lock_guard<std::mutex> lock(impl.mu);
    impl.sync_if_due();
    const WarrantyModule::ReadScope registry_scope(impl.warranty);
    return body();
  }); });
}

void check_limit(std::int64_t value, std::int64_t min, std::int64_t max, const char* field) {
  if (value < min || value > max) {
    throw Error(Status::out_of_range, field,
                "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                    std::to_string(value));
  }
}

}  // namespace

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

Engine Engine::open(const std::string& location, const Options& options) {
  validate_number_format(options.number_format);
  check_limit(options.busy_timeout_ms, 0, 3600 * 1000, "busy_timeout_ms");
  check_limit(options.registry_refresh_ms, 0, 60000, "registry_refresh_ms");
  check_limit(options.limits.max_json_depth, 1, kMaxJsonDepth, "limits.max_json_depth");
  check_limit(options.limits.max_counted_total, 1, INT32_MAX, "limits.max_counted_total");
  check_limit(options.limits.max_report_groups, 1, 1000000, "limits.max_report_groups");
  if (!options.time_zone.empty()) domain::TimeZone::parse(options.time_zone, "time_zone");
  check_limit(options.audit.checkpoint_every, 1, 10'000'000, "audit.checkpoint_every");
  domain::check_label_options(options.labels);
  if (!options.audit.signing_seed.empty()) store::parse_signing_seed(options.audit.signing_seed);
  auto impl = translate_errors(nullptr, [&] {
    return std::make_unique<Impl>(options, store::open(location, options));
  });
  translate_errors(impl->store.get(), [&] { impl->load_at_open(); });
  return Engine(std::move(impl));
}

Customer Engine::upsert_customer(const Actor& by, const Customer& x) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->parties.upsert_customer(by, x); }));
}
Supplier Engine::upsert_supplier(const Actor& by, const Supplier& x) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->parties.upsert_supplier(by, x); }));
}
Operator Engine::upsert_operator(const Actor& by, const Operator& x) {
  return write(*impl_, by, [&] { return impl_->parties.upsert_operator(by, x); });
}
Product Engine::upsert_product(const Actor& by, const Product& x) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->parties.upsert_product(by, x); }));
}

Customer Engine::get_customer(const Actor& by, const std::string& id) {
  return seen_by(by, read(*impl_, by, [&] {
    Customer c = impl_->parties.customer(by, id);
    if (by.is_staff()) c.fraud_signals = impl_->fraud_signals(c.id);
    return c;
  }));
}
Supplier Engine::get_supplier(const Actor& by, const std::string& id) {
  return seen_by(by, read(*impl_, by, [&] { return impl_->parties.supplier(by, id); }));
}
Operator Engine::get_operator(const Actor& by, const std::string& id) {
  return read(*impl_, by, [&] { return impl_->parties.operator_(by, id); });
}
Product Engine::get_product(const Actor& by, const std::string& sku) {
  return seen_by(by, read(*impl_, by, [&] { return impl_->parties.product(by, sku); }));
}

Case Engine::create_case(const Actor& by, const CaseDraft& draft) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->create_case(by, draft); }));
}

Case Engine::get_case(const Actor& by, std::int64_t case_id) {
  return seen_by(by, read(*impl_, by, [&] {
    Case c = impl_->visible_case(by, case_id);
    impl_->show_fraud_signals(by, c);
    return c;
  }));
}

Case Engine::get_case_by_number(const Actor& by, std::string_view typed_number) {
  return seen_by(by, read(*impl_, by, [&] {
    auto parsed = parse_rma_number(impl_->options.number_format, typed_number);
    if (!parsed) throw Error(Status::not_found, "number", "'" + std::string(typed_number) + "' is not a valid RMA number");
    const std::optional<std::int64_t> id = impl_->store->find_case_id(parsed->canonical);
    if (!id) throw Error(Status::not_found, "number", "no case " + parsed->canonical);
    Case c = impl_->visible_case(by, *id);
    impl_->show_fraud_signals(by, c);
    return c;
  }));
}

Case Engine::update_case(const Actor& by, std::int64_t case_id, const CasePatch& patch, ExpectedVersion expected) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->update_case(by, case_id, patch, expected); }));
}
Case Engine::add_note(const Actor& by, std::int64_t case_id, const NoteDraft& note, ExpectedVersion expected) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->add_note(by, case_id, note, expected); }));
}
Case Engine::add_attachment(const Actor& by, std::int64_t case_id, const AttachmentDraft& a, ExpectedVersion expected) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->add_attachment(by, case_id, a, expected); }));
}
Case Engine::add_action(const Actor& by, std::int64_t case_id, const ActionDraft& a, ExpectedVersion expected) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->add_action(by, case_id, a, expected); }));
}
Case Engine::complete_action(const Actor& by, std::int64_t case_id, std::int64_t action_id, ExpectedVersion expected) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->complete_action(by, case_id, action_id, expected); }));
}
SplitResult Engine::split_case(const Actor& by, std::int64_t case_id, const SplitRequest& request,
                               ExpectedVersion expected) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->split_case(by, case_id, request, expected); }));
}

// --- workflows -------------------------------------------------------------------------------

void Engine::configure_workflows(const Actor& by, const WorkflowConfig& config) {
  write(*impl_, by, [&] { impl_->workflow.configure(by, config); });
}
WorkflowConfig Engine::workflow_config(const Actor& by) {
  return read(*impl_, by, [&] {
    impl_->require_staff(by, "read the workflow configuration");
    return impl_->workflow.config();
  });
}
Workflow Engine::workflow(const Actor& by, const std::string& id, std::int32_t version) {
  return read(*impl_, by, [&] {
    impl_->require_staff(by, "read workflows");
    return impl_->workflow.compiled(id, version)->definition();
  });
}
void Engine::add_workflow_guard(const std::string& name, WorkflowGuard guard) {
  if (!guard) throw Error(Status::invalid_argument, "guard", "the guard function is empty");
  if (domain::is_builtin_guard(name)) {
    throw Error(Status::duplicate, "name", "'" + name + "' is a built-in guard");
  }
  domain::check_text("name", name, 64, /*required=*/true);
  std::lock_guard<std::mutex> lock(impl_->mu);
  for (auto& entry : impl_->workflow.host_guards) {
    if (entry.first == name) {
      entry.second = std::move(guard);
      return;
    }
  }
  impl_->workflow.host_guards.emplace_back(name, std::move(guard));
}
std::vector<std::string> Engine::workflow_guard_names() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->workflow.host_guard_names();
}
Case Engine::transition_case(const Actor& by, std::int64_t case_id, const std::string& transition,
                             ExpectedVersion expected) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->workflow.transition(by, case_id, transition, expected); }));
}
std::vector<TransitionOption> Engine::case_transitions(const Actor& by, std::int64_t case_id) {
  return seen_by(by, read(*impl_, by, [&] { return impl_->workflow.available_transitions(by, case_id); }));
}
std::vector<TransitionOption> Engine::case_transitions(const Actor& by, std::int64_t case_id, const std::string& lang) {
  return seen_by(by, read(*impl_, by, [&] {
    const std::string tag = impl_->languages.reader_language(by, lang);
    return impl_->workflow.available_transitions(by, case_id, tag);
  }));
}
Case Engine::reopen_case(const Actor& by, std::int64_t case_id, const std::string& state, const std::string& reason,
                         ExpectedVersion expected) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->reopen_case(by, case_id, state, reason, expected); }));
}
void Engine::delete_case(const Actor& by, std::int64_t case_id, const std::string& reason) {
  write(*impl_, by, [&] { impl_->delete_case(by, case_id, reason); });
}
Case Engine::add_repair(const Actor& by, std::int64_t case_id, const RepairOperationDraft& repair,
                        ExpectedVersion expected) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->add_repair(by, case_id, repair, expected); }));
}
Case Engine::set_repair_status(const Actor& by, std::int64_t case_id, std::int64_t repair_id, RepairStatus status,
                               ExpectedVersion expected) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->set_repair_status(by, case_id, repair_id, status, expected); }));
}
// --- SLA ---------------------------------------------------------------------------------------

void Engine::configure_sla(const Actor& by, const SlaConfig& config) {
  write(*impl_, by, [&] { impl_->sla.configure(by, config); });
}
SlaConfig Engine::sla_config(const Actor& by) {
  return read(*impl_, by, [&] {
    impl_->require_staff(by, "read the SLA policies");
    return impl_->sla.config();
  });
}
CaseSla Engine::case_sla(const Actor& by, std::int64_t case_id) {
  return seen_by(by, read(*impl_, by, [&] { return impl_->sla.case_sla(by, case_id); }));
}
std::vector<SlaEvent> Engine::tick(const Actor& by, std::optional<Timestamp> now) {
  return write(*impl_, by, [&] { return impl_->sla.tick(by, now); });
}
std::vector<SlaDueItem> Engine::sla_due(const Actor& by, std::int64_t seconds, std::int32_t limit) {
  return read(*impl_, by, [&] { return impl_->sla.due(by, seconds, limit); });
}
std::vector<SlaDueItem> Engine::overdue(const Actor& by, std::int32_t limit) {
  return read(*impl_, by, [&] { return impl_->sla.due(by, std::nullopt, limit); });
}
std::vector<ComplianceRow> Engine::sla_compliance(const Actor& by, CompliancePeriod period,
                                                  const std::string& time_zone) {
  return read(*impl_, by, [&] { return impl_->sla.compliance(by, period, time_zone); });
}

std::string Engine::load_public_holidays(const Actor& by, std::string_view document) {
  impl_->require_admin(by, "load public holidays");
  return rma::load_public_holidays(document);
}

BusinessCalendar Engine::business_calendar(const Actor& by, const std::string& name) {
  (void)by;  // any actor, see engine.hpp
  return read(*impl_, by, [&] {
    for (const SlaCalendar& c : impl_->sla.config().calendars) {
      if (c.name == name) return c.calendar;
    }
    throw Error(Status::not_found, "calendar", "no calendar " + name + " in the SLA configuration");
  });
}

// --- personal data -----------------------------------------------------------------------------

void Engine::configure_privacy(const Actor& by, const PrivacyConfig& config) {
  write(*impl_, by, [&] { impl_->privacy.configure(by, config); });
}
void Engine::configure_languages(const Actor& by, const std::string& document) {
  write(*impl_, by, [&] { impl_->languages.configure(by, document); });
}
std::string Engine::languages_config(const Actor& by) {
  return read(*impl_, by, [&] {
    impl_->require_staff(by, "read the message catalogs");
    return impl_->languages.stored_text();
  });
}
Catalogs Engine::catalogs(const Actor& by) {
  return read(*impl_, by, [&] { return impl_->languages.catalogs(); });
}
std::string Engine::reader_language(const Actor& by, const std::string& requested) {
  return read(*impl_, by, [&] { return impl_->languages.reader_language(by, requested); });
}
std::string Engine::status_label(const Actor& by, const Case& c, const std::string& lang) {
  return read(*impl_, by, [&] { return impl_->workflow.status_label(c, canonical_language(lang, "lang")); });
}
PrivacyConfig Engine::privacy_config(const Actor& by) {
  return read(*impl_, by, [&] {
    impl_->require_staff(by, "read the privacy configuration");
    return impl_->privacy.config();
  });
}
ErasureReport Engine::erase_personal_data(const Actor& by, const DataSubject& subject) {
  return write(*impl_, by, [&] { return impl_->privacy.erase(by, subject); });
}
PersonalDataExport Engine::export_personal_data(const Actor& by, const DataSubject& subject) {
  return read(*impl_, by, [&] { return impl_->privacy.export_data(by, subject); });
}

// --- quality alerts ----------------------------------------------------------------------------

QualityScanResult Engine::quality_scan(const Actor& by, const QualityScanRequest& request) {
  // The tests under a read (the first one builds the report columns: no write lock held for it);
  // then what was raised before is read, and new alerts recorded, in one write.
  QualityScanResult result = read(*impl_, by, [&] { return impl_->quality.scan(by, request); });
  if (!request.record || result.alerts.empty()) {
    return read(*impl_, by, [&] {
      impl_->quality.settle(by, result, false);
      return result;
    });
  }
  return write(*impl_, by, [&] {
    QualityScanResult settled = result;
    impl_->quality.settle(by, settled, true);
    return settled;
  });
}

QualityAcknowledgment Engine::quality_acknowledge(const Actor& by, const std::string& id, const std::string& note) {
  return write(*impl_, by, [&] { return impl_->quality.acknowledge(by, id, note); });
}

// --- reports -----------------------------------------------------------------------------------

Report Engine::run_report(const Actor& by, const ReportRequest& request) {
  return read(*impl_, by, [&] { return impl_->reports.run(by, request); });
}

ReportExportResult Engine::export_report(const Actor& by, const ReportRequest& request,
                                         const ReportExportOptions& options) {
  check_export_options(options);
  const Report report = run_report(by, request);
  // Written without the engine's lock: the report is a value by now.
  return seen_errors(by, [&] { return translate_errors(nullptr, [&] { return write_report(report, options); }); });
}

// --- valuation ---------------------------------------------------------------------------------

void Engine::configure_valuation(const Actor& by, const ValuationRules& rules) {
  write(*impl_, by, [&] { impl_->valuation.configure(by, rules); });
}
ValuationRules Engine::valuation_rules(const Actor& by) {
  return read(*impl_, by, [&] {
    impl_->require_staff(by, "read the valuation rules");
    return impl_->valuation.rules();
  });
}
Valuation Engine::valuation(const Actor& by, std::int64_t case_id) {
  return read(*impl_, by, [&] { return impl_->valuation.case_valuation(by, case_id); });
}

Case Engine::replay_case(const Actor& by, std::int64_t case_id) {
  return read(*impl_, by, [&] {
    // Read as case.get reads it, so the replay compares equal to the stored case.
    Case c = impl_->replay_case(by, case_id);
    impl_->show_fraud_signals(by, c);
    return c;
  });
}

CasePage Engine::query_cases(const Actor& by, const CaseQuery& query) {
  return seen_by(by, read(*impl_, by, [&] {
    impl_->authenticate(by);
    domain::check_case_query(query, by, impl_->options.limits);
    // Customers see only their own cases, suppliers only the cases sent to them (those naming
    // them as the case's supplier: a return to them or a customer's repair sent to them),
    // whatever they ask for. Either confinement is part of the store's query, never a filter
    // over its answer.
    store::CaseScope scope;
    if (by.role == Role::customer) scope.customer_id = by.id;
    if (by.role == Role::supplier) scope.supplier_id = by.id;
    return impl_->store->query_cases(query, scope, impl_->workflow.closed_statuses(), impl_->now());
  }));
}

std::vector<Event> Engine::history(const Actor& by, std::int64_t case_id) {
  return read(*impl_, by, [&] {
    impl_->require_staff(by, "read the full history (it holds internal notes)", case_id);
    impl_->load_for(by, case_id, std::nullopt);
    return impl_->privacy.readable(impl_->store->case_events(case_id));
  });
}

RenderedLabel Engine::render_label(const Actor& by, const LabelRequest& request) {
  check_label_request(request);
  // What the label says is read under the lock; drawing it (a 600 dpi A4 PNG takes a while)
  // is not.
  const domain::LabelContent content = read(*impl_, by, [&] { return label_content_for(*impl_, by, request); });
  RenderedLabel out;
  out.content = render_label_file(content, request);
  out.media_type = label_media_type(request.format);
  out.payload = content.payload;
  out.language = content.language;
  return out;
}

Case Engine::customer_view(const Actor& by, std::int64_t case_id) {
  // Staff ask to see what the claimant sees; a claimant sees its own view anyway.
  return claimant_view(read(*impl_, by, [&] { return impl_->load_for(by, case_id, std::nullopt); }));
}

OutboxMessage Engine::outbox_post(const Actor& by, std::int64_t case_id, const std::string& topic,
                                  const std::string& payload_json) {
  return write(*impl_, by, [&] { return impl_->outbox.post(by, case_id, topic, payload_json); });
}

std::vector<OutboxMessage> Engine::outbox_fetch(const Actor& by, std::int32_t limit) {
  check_limit(limit, 1, 10000, "limit");
  return read(*impl_, by, [&] { return impl_->outbox.pending(by, limit); });
}

std::int64_t Engine::outbox_ack(const Actor& by, const std::vector<std::int64_t>& seqs) {
  return write(*impl_, by, [&] { return impl_->outbox.acknowledge(by, seqs); });
}

ImportReport Engine::import_run(const Actor& by, ImportKind kind, ImportFormat format, std::string_view content,
                                 const ImportOptions& options) {
  if (static_cast<std::int64_t>(content.size()) > impl_->options.limits.max_import_bytes) {
    throw Error(Status::too_large, "content",
                std::to_string(content.size()) + " bytes is over the import limit of " +
                    std::to_string(impl_->options.limits.max_import_bytes));
  }
  return write(*impl_, by, [&] { return impl_->imports.run(by, kind, format, content, options); });
}

StoreCopyReport Engine::copy_store(const Actor& by, const std::string& to, const StoreCopyOptions& options) {
  check_limit(options.progress_every, 1, 10'000'000, "progress_every");
  // A read frame: the copy reads the store in a snapshot of its own and writes only the target.
  return read(*impl_, by, [&] {
    impl_->require_admin(by, "copy the database");
    return impl_->store->copy_to(to, options);
  });
}

AuditReport Engine::verify_audit(const Actor& by, const AuditVerifyOptions& options) {
  check_limit(options.from_seq, 1, std::numeric_limits<std::int64_t>::max(), "from_seq");
  check_limit(options.progress_every, 1, 100'000'000, "progress_every");
  return read(*impl_, by, [&] { return impl_->audit.verify(by, options); });
}

AuditCheckpoint Engine::audit_checkpoint(const Actor& by) {
  return write(*impl_, by, [&] { return impl_->audit.checkpoint(by); });
}

AuditExportPage Engine::export_audit(const Actor& by, std::int64_t from_seq, std::int32_t limit) {
  check_limit(from_seq, 1, std::numeric_limits<std::int64_t>::max(), "from_seq");
  check_limit(limit, 1, 10'000, "limit");
  return read(*impl_, by, [&] { return impl_->audit.export_page(by, from_seq, limit); });
}

std::string Engine::audit_public_key(const Actor& by) {
  return write(*impl_, by, [&] { return impl_->audit.public_key(by); });
}

SalesDocument Engine::get_sales_document(const Actor& by, const std::string& id) {
  return seen_by(by, read(*impl_, by, [&] {
    impl_->authenticate(by);
    auto d = impl_->store->find_sales_document(id);
    // Another customer's document answers as one that does not exist.
    if (!d || !(by.is_staff() || (by.role == Role::customer && d->customer_id == by.id))) {
      if (!by.is_staff()) impl_->note_probe(by, d ? "not_own_record" : "unknown_record", 0);
      throw Error(Status::not_found, "id", "no sales document '" + id + "'");
    }
    return *d;
  }));
}

PurchaseDocument Engine::get_purchase_document(const Actor& by, const std::string& id) {
  return seen_by(by, read(*impl_, by, [&] {
    impl_->authenticate(by);
    auto d = impl_->store->find_purchase_document(id);
    if (!d || !(by.is_staff() || (by.role == Role::supplier && d->supplier_id == by.id))) {
      if (!by.is_staff()) impl_->note_probe(by, d ? "not_own_record" : "unknown_record", 0);
      throw Error(Status::not_found, "id", "no purchase document '" + id + "'");
    }
    return *d;
  }));
}

namespace {

// Sold units a claimant may see: its own.
std::vector<SoldUnit> visible_units(const Actor& by, const std::vector<const SoldUnit*>& units) {
  std::vector<SoldUnit> out;
  for (const SoldUnit* u : units) {
    if (by.is_staff() || (by.role == Role::customer && u->customer_id == by.id)) out.push_back(*u);
  }
  return out;
}

}  // namespace

std::vector<SoldUnit> Engine::sold_units_by_serial(const Actor& by, const std::string& serial) {
  return seen_by(by, registry_read(*impl_, by, [&] {
    impl_->authenticate(by);
    return visible_units(by, impl_->warranty.registry().by_serial(serial));
  }));
}

std::vector<SoldUnit> Engine::sold_units_by_customer(const Actor& by, const std::string& customer_id,
                                                     const std::string& sku) {
  return seen_by(by, registry_read(*impl_, by, [&] {
    impl_->authenticate(by);
    return visible_units(by, impl_->warranty.registry().by_customer(customer_id, sku));
  }));
}

std::vector<SoldUnit> Engine::sold_units_by_document(const Actor& by, const std::string& document) {
  return seen_by(by, registry_read(*impl_, by, [&] {
    impl_->authenticate(by);
    return visible_units(by, impl_->warranty.registry().by_document(document));
  }));
}

void Engine::configure_warranty(const Actor& by, const WarrantyConfig& config) {
  write(*impl_, by, [&] { impl_->warranty.configure(by, config); });
}

WarrantyConfig Engine::warranty_config(const Actor& by) {
  return read(*impl_, by, [&] {
    impl_->require_staff(by, "read the warranty rules");
    return impl_->warranty.config();
  });
}

void Engine::add_extended_warranty(const Actor& by, const ExtendedWarranty& contract) {
  write(*impl_, by, [&] { impl_->warranty.add_extended_warranty(by, contract); });
}

void Engine::register_unit(const Actor& by, const std::string& serial, Date registered_on) {
  write(*impl_, by, [&] { impl_->warranty.register_unit(by, serial, registered_on); });
}

WarrantyVerdict Engine::check_warranty(const Actor& by, const std::string& serial, std::optional<Date> on) {
  return seen_by(by, registry_read(*impl_, by, [&] {
    impl_->authenticate(by);
    if (!by.is_staff()) {
      const SoldUnit* sold = impl_->warranty.registry().newest_by_serial(serial);
      if (!sold || by.role != Role::customer || sold->customer_id != by.id) {
        throw Error(Status::permission_denied, "serial", "a claimant may check only units sold to it", "not_own_unit");
      }
    }
    return impl_->warranty.verdict_for(serial, on ? *on : impl_->warranty.today(), {}, false);
  }));
}

Eligibility Engine::check_eligibility(const Actor& by, std::int64_t case_id, std::int32_t line_no) {
  return seen_by(by, read(*impl_, by, [&] {
    Case c = impl_->load_for(by, case_id, std::nullopt);
    auto it = std::find_if(c.lines.begin(), c.lines.end(), [&](const CaseLine& l) { return l.line_no == line_no; });
    if (it == c.lines.end()) throw Error(Status::not_found, "line_no", "the case has no line " + std::to_string(line_no));
    return impl_->warranty.eligibility_for(c, *it, impl_->warranty.today());
  }));
}

Case Engine::check_case_line(const Actor& by, std::int64_t case_id, std::int32_t line_no, ExpectedVersion expected) {
  return seen_by(by, write(*impl_, by, [&] { return impl_->warranty.check_case_line(by, case_id, line_no, expected); }));
}

void Engine::add_eligibility_validator(const std::string& name, EligibilityValidator validator) {
  if (!validator) throw Error(Status::invalid_argument, "validator", "must be callable");
  if (name.empty()) throw Error(Status::missing_field, "name", "a validator needs a name");
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->warranty.validators.emplace_back(name, std::move(validator));
}

std::vector<ServiceRecord> Engine::unit_history(const Actor& by, const std::string& serial) {
  return read(*impl_, by, [&] { return impl_->warranty.service_history(by, serial); });
}

void Engine::batch(const Actor& by, const std::function<void(Batch&)>& body) {
  write(*impl_, by, [&] {
    Batch b(*impl_, by);
    body(b);
  });
}

std::int64_t Engine::subscribe(EventHandler handler) { return subscribe_as(std::nullopt, std::move(handler)); }

std::int64_t Engine::subscribe(const Actor& as, EventHandler handler) { return subscribe_as(as, std::move(handler)); }

std::int64_t Engine::subscribe_as(std::optional<Actor> as, EventHandler handler) {
  if (!handler) throw Error(Status::invalid_argument, "handler", "must be callable");
  if (as && as->id.empty()) throw Error(Status::invalid_argument, "actor", "the actor needs an id");
  std::lock_guard<std::mutex> lock(impl_->subscribers_mu);
  std::int64_t id = impl_->next_subscription++;
  impl_->subscribers.emplace(id, std::make_shared<Impl::Subscriber>(Impl::Subscriber{std::move(handler), std::move(as)}));
  return id;
}

void Engine::unsubscribe(std::int64_t subscription) {
  std::lock_guard<std::mutex> lock(impl_->subscribers_mu);
  if (impl_->subscribers.erase(subscription) == 0) {
    throw Error(Status::not_found, "subscription", "no subscription " + std::to_string(subscription));
  }
}

void Engine::set_clock(Clock clock) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->clock = std::move(clock);
}

std::vector<SecurityLogEntry> Engine::security_log(const Actor& by, const std::string& actor, std::int32_t limit) {
  check_limit(limit, 1, 10000, "limit");
  return read(*impl_, by, [&] {
    impl_->require_staff(by, "read the security log");
    return impl_->store->security_log(actor, limit);
  });
}

void Engine::record_refusal(const Actor& by, const std::string& reason) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->pending_denial.reset();
  impl_->pending_probe = Impl::Probe{by.to_string(), reason, 0};
  impl_->record_denial();
}

EngineStats Engine::stats() {
  const Actor host{Role::system, "host"};  // the host's own call: no actor to view it for
  return read(*impl_, host, [&] {
    EngineStats s;
    s.cases = impl_->store->count_cases();
    s.index_bytes = impl_->cache.memory_bytes();
    s.last_event_seq = impl_->applied_seq;
    return s;
  });
}

const Options& Engine::options() const { return impl_->options; }

// The names of librma 0.x, kept for hosts that call them; each is the op's name now.
ImportReport Engine::import_data(const Actor& by, ImportKind kind, ImportFormat format, std::string_view content,
                                 const ImportOptions& options) {
  return import_run(by, kind, format, content, options);
}
std::vector<ServiceRecord> Engine::service_history(const Actor& by, const std::string& serial) {
  return unit_history(by, serial);
}
std::vector<TransitionOption> Engine::available_transitions(const Actor& by, std::int64_t case_id) {
  return case_transitions(by, case_id);
}
std::vector<SlaDueItem> Engine::breaching_within(const Actor& by, std::int64_t seconds, std::int32_t limit) {
  return sla_due(by, seconds, limit);
}
OutboxMessage Engine::post_message(const Actor& by, std::int64_t case_id, const std::string& topic,
                                   const std::string& payload_json) {
  return outbox_post(by, case_id, topic, payload_json);
}
std::vector<OutboxMessage> Engine::pending_messages(const Actor& by, std::int32_t limit) {
  return outbox_fetch(by, limit);
}
std::int64_t Engine::acknowledge_messages(const Actor& by, const std::vector<std::int64_t>& seqs) {
  return outbox_ack(by, seqs);
}

}  // namespace rma
