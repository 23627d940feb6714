// api/json_api.cpp — JsonApi: op name + JSON request -> Engine call -> JSON response.
#include "rma/json_api.hpp"

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "api/codec.hpp"
#include "api/language_texts.hpp"
#include "api/op_table.hpp"
#include "api/value_api.hpp"
#include "domain/overloaded.hpp"
#include "domain/views.hpp"
#include "json/reader.hpp"
#include "rma/error.hpp"
#include "rma/rma_number.hpp"

namespace rma {

namespace {

using nlohmann::json;
using api::Access;
using api::Batchable;
using domain::Audience;
using domain::Document;

using api::kOps;
using api::Op;
using api::OpInfo;

const OpInfo& info_of(Op op) { return kOps[static_cast<std::size_t>(op)]; }

// The commands a Batch can run: the ops the table marks `batch`.
using WriteRequest =
    std::variant<Customer, Supplier, Operator, Product, CaseDraft, api::CaseUpdateRequest, api::NoteRequest,
                 api::AttachmentRequest, api::ActionRequest, api::CompleteActionRequest, api::SplitCaseRequest,
                 ExtendedWarranty, api::UnitRegistrationRequest, api::CaseLineRequest, api::TransitionRequest,
                 api::ReopenRequest, api::DeleteRequest, api::RepairRequest, api::RepairStatusRequest>;

// The request of a `batch` op (the table's batchability), decoded; none for any other op.
std::optional<WriteRequest> decode_write(Op op, const json& request, const Limits& limits) {
  if (info_of(op).batch != Batchable::batch) return std::nullopt;
  switch (op) {
    case Op::customer_upsert: return api::customer_from_json(request, limits);
    case Op::supplier_upsert: return api::supplier_from_json(request, limits);
    case Op::operator_upsert: return api::operator_from_json(request, limits);
    case Op::product_upsert: return api::product_from_json(request, limits);
    case Op::case_create: return api::case_draft_from_json(request, limits);
    case Op::case_update: return api::case_update_request_from_json(request, limits);
    case Op::case_add_note: return api::note_request_from_json(request, limits);
    case Op::case_add_attachment: return api::attachment_request_from_json(request, limits);
    case Op::case_add_action: return api::action_request_from_json(request, limits);
    case Op::case_complete_action: return api::complete_action_request_from_json(request, limits);
    case Op::case_split: return api::split_case_request_from_json(request, limits);
    case Op::warranty_add_extended: return api::extended_warranty_from_json(request, limits);
    case Op::unit_register: return api::unit_registration_request_from_json(request, limits);
    case Op::case_check_line: return api::case_line_request_from_json(request, /*versioned=*/true);
    case Op::case_transition: return api::transition_request_from_json(request, limits);
    case Op::case_reopen: return api::reopen_request_from_json(request, limits);
    case Op::case_delete: return api::delete_request_from_json(request, limits);
    case Op::case_add_repair: return api::repair_request_from_json(request, limits);
    case Op::case_set_repair_status: return api::repair_status_request_from_json(request);
    default: break;
  }
  // The table marks the op `batch` but nothing here decodes it.
  throw Error(Status::internal, "op", "no batch decoder for " + std::string(info_of(op).name));
}

// Gives an Engine the signatures of a Batch, so one `execute` serves both.
struct EngineWriter {
  Engine& engine;
  const Actor& by;

  Customer upsert_customer(const Customer& c) { return engine.upsert_customer(by, c); }
  Supplier upsert_supplier(const Supplier& s) { return engine.upsert_supplier(by, s); }
  Operator upsert_operator(const Operator& o) { return engine.upsert_operator(by, o); }
  Product upsert_product(const Product& p) { return engine.upsert_product(by, p); }
  Case create_case(const CaseDraft& d) { return engine.create_case(by, d); }
  Case update_case(std::int64_t id, const CasePatch& p, ExpectedVersion v) { return engine.update_case(by, id, p, v); }
  Case add_note(std::int64_t id, const NoteDraft& n, ExpectedVersion v) { return engine.add_note(by, id, n, v); }
  Case add_attachment(std::int64_t id, const AttachmentDraft& a, ExpectedVersion v) {
    return engine.add_attachment(by, id, a, v);
  }
  Case add_action(std::int64_t id, const ActionDraft& a, ExpectedVersion v) { return engine.add_action(by, id, a, v); }
  Case complete_action(std::int64_t id, std::int64_t action_id, ExpectedVersion v) {
    return engine.complete_action(by, id, action_id, v);
  }
  SplitResult split_case(std::int64_t id, const SplitRequest& s, ExpectedVersion v) {
    return engine.split_case(by, id, s, v);
  }
  void add_extended_warranty(const ExtendedWarranty& w) { engine.add_extended_warranty(by, w); }
  void register_unit(const std::string& serial, Date on) { engine.register_unit(by, serial, on); }
  Case check_case_line(std::int64_t id, std::int32_t line_no, ExpectedVersion v) {
    return engine.check_case_line(by, id, line_no, v);
  }
  Case transition_case(std::int64_t id, const std::string& t, ExpectedVersion v) {
    return engine.transition_case(by, id, t, v);
  }
  Case reopen_case(std::int64_t id, const std::string& state, const std::string& reason, ExpectedVersion v) {
    return engine.reopen_case(by, id, state, reason, v);
  }
  void delete_case(std::int64_t id, const std::string& reason) { engine.delete_case(by, id, reason); }
  Case add_repair(std::int64_t id, const RepairOperationDraft& r, ExpectedVersion v) {
    return engine.add_repair(by, id, r, v);
  }
  Case set_repair_status(std::int64_t id, std::int64_t repair_id, RepairStatus s, ExpectedVersion v) {
    return engine.set_repair_status(by, id, repair_id, s, v);
  }
};

// How a write's result is answered: the whole document, or (in a batch, unless asked for
// documents) only which case it left at which version, so that an answer grows with the number
// of commands, not with their square.
struct Answer {
  bool full = true;

  json operator()(const Case& c) const {
    return full ? api::to_json_value(c) : json{{"case_id", c.id}, {"version", c.version}};
  }
  json operator()(const SplitResult& split) const {
    if (full) return api::to_json_value(split);
    return {{"case_id", split.original.id}, {"version", split.original.version}, {"created_case_id", split.created.id}};
  }
  template <class Record>
  json operator()(const Record& record) const {
    return full ? api::to_json_value(record) : json::object();
  }
};

template <class Writer>
json execute(Writer& w, const WriteRequest& request, Answer answer = Answer()) {
  return std::visit(
      domain::Overloaded{
          [&](const Customer& c) { return answer(w.upsert_customer(c)); },
          [&](const Supplier& s) { return answer(w.upsert_supplier(s)); },
          [&](const Operator& o) { return answer(w.upsert_operator(o)); },
          [&](const Product& p) { return answer(w.upsert_product(p)); },
          [&](const CaseDraft& d) { return answer(w.create_case(d)); },
          [&](const api::CaseUpdateRequest& r) {
            return answer(w.update_case(r.target.case_id, r.changes, r.target.version));
          },
          [&](const api::NoteRequest& r) { return answer(w.add_note(r.target.case_id, r.note, r.target.version)); },
          [&](const api::AttachmentRequest& r) {
            return answer(w.add_attachment(r.target.case_id, r.attachment, r.target.version));
          },
          [&](const api::ActionRequest& r) { return answer(w.add_action(r.target.case_id, r.action, r.target.version)); },
          [&](const api::CompleteActionRequest& r) {
            return answer(w.complete_action(r.target.case_id, r.action_id, r.target.version));
          },
          [&](const api::SplitCaseRequest& r) {
            return answer(w.split_case(r.target.case_id, r.split, r.target.version));
          },
          [&](const ExtendedWarranty& contract) {
            w.add_extended_warranty(contract);
            return json::object();
          },
          [&](const api::UnitRegistrationRequest& r) {
            w.register_unit(r.serial, r.registered_on);
            return json::object();
          },
          [&](const api::CaseLineRequest& r) {
            return answer(w.check_case_line(r.target.case_id, r.line_no, r.target.version));
          },
          [&](const api::TransitionRequest& r) {
            return answer(w.transition_case(r.target.case_id, r.transition, r.target.version));
          },
          [&](const api::ReopenRequest& r) {
            return answer(w.reopen_case(r.target.case_id, r.state, r.reason, r.target.version));
          },
          [&](const api::DeleteRequest& r) {
            w.delete_case(r.case_id, r.reason);
            return json::object();
          },
          [&](const api::RepairRequest& r) { return answer(w.add_repair(r.target.case_id, r.repair, r.target.version)); },
          [&](const api::RepairStatusRequest& r) {
            return answer(w.set_repair_status(r.target.case_id, r.repair_id, r.status, r.target.version));
          },
      },
      request);
}

// Every command is decoded before the transaction opens, so a malformed one costs no write.
// Answers are compact unless "answers": "full"; full answers are shown in the asker's view and
// stop at limits.max_response_bytes (too_large, nothing written). Customers and suppliers send
// at most limits.max_claimant_batch_commands commands.
json run_batch(Engine& engine, const Actor& by, const json& request, const Limits& limits) {
  const Audience audience = domain::audience_of(by);
  const std::int32_t max_commands =
      audience == Audience::staff ? limits.max_batch_commands : limits.max_claimant_batch_commands;
  api::ObjectReader r(request, std::string());
  const json* commands_value = r.find("commands");
  if (commands_value && commands_value->is_array() && commands_value->size() > static_cast<std::size_t>(max_commands)) {
    throw Error(Status::too_large, "commands",
                std::to_string(commands_value->size()) + " commands, more than the " + std::to_string(max_commands) +
                    " a batch of this role may hold",
                "batch_too_large");
  }
  const json& commands = r.array("commands", max_commands);
  const std::string answers = r.optional_text("answers", 16).value_or("compact");
  if (answers != "compact" && answers != "full") {
    throw Error(Status::unknown_value, "answers", "must be \"compact\" or \"full\", got " + api::quote_value(answers));
  }
  r.finish();
  const Answer answer{answers == "full"};

  std::vector<WriteRequest> writes;
  std::vector<const OpInfo*> entries;
  writes.reserve(commands.size());
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const std::string path = api::element_path("commands", i);
    api::ObjectReader command(commands[i], path);
    const std::string name = command.text("op", limits.max_text_bytes);
    const OpInfo& entry = api::op_info(name, command.path_of("op"));
    const json& body = command.need("request");
    command.finish();
    std::optional<WriteRequest> write;
    try {
      write = decode_write(entry.op, body, limits);
    } catch (const Error& e) {
      api::rethrow_with_prefix(e, path + ".request");
    }
    if (!write) {
      throw Error(Status::invalid_argument, command.path_of("op"),
                  "op " + api::quote_value(name) + " cannot run in a batch (write ops only: " +
                      api::batchable_op_names() + ")");
    }
    writes.push_back(std::move(*write));
    entries.push_back(&entry);
  }

  json results = json::array();
  if (writes.empty()) return {{"results", std::move(results)}};
  engine.batch(by, [&](Batch& batch) {
    results = json::array();
    std::int64_t bytes = 0;
    for (std::size_t i = 0; i < writes.size(); ++i) {
      const std::string path = api::element_path("commands", i);
      json result;
      try {
        result = execute(batch, writes[i], answer);
      } catch (const Error& e) {
        // A failure of the command as a whole (permission, transition) names the command.
        api::rethrow_with_prefix(e, e.field().empty() ? path : path + ".request");
      }
      if (answer.full) {
        domain::apply_view(result, entries[i]->answer, audience);
        bytes += static_cast<std::int64_t>(api::dump_json(result).size());
        if (bytes > limits.max_response_bytes) {
          throw Error(Status::too_large, "answers",
                      "the full answers pass limits.max_response_bytes (" + std::to_string(limits.max_response_bytes) +
                          ") at " + path + "; ask for compact answers");
        }
      } else {
        result["op"] = std::string(entries[i]->name);
      }
      results.push_back(std::move(result));
    }
  });
  return {{"results", std::move(results)}};
}

json units_value(const std::vector<SoldUnit>& units) {
  json out = json::array();
  for (const SoldUnit& u : units) out.push_back(api::to_json_value(u));
  return {{"units", std::move(out)}};
}

json stored_sla_config(Engine& engine, const Actor& by) {
  return api::parse_stored_json(sla_config_to_json(engine.sla_config(by)));
}

template <class Item>
json items_value(const char* key, const std::vector<Item>& items) {
  json out = json::array();
  for (const Item& item : items) out.push_back(api::to_json_value(item));
  return {{key, std::move(out)}};
}

json stored_workflow_config(Engine& engine, const Actor& by) {
  return api::parse_stored_json(workflow_config_to_json(engine.workflow_config(by)));
}

json stored_valuation_rules(Engine& engine, const Actor& by) {
  return api::parse_stored_json(valuation_rules_to_json(engine.valuation_rules(by)));
}

json stored_warranty_config(Engine& engine, const Actor& by) {
  return api::parse_stored_json(warranty_config_to_json(engine.warranty_config(by)));
}

json stored_privacy_config(Engine& engine, const Actor& by) {
  return api::parse_stored_json(privacy_config_to_json(engine.privacy_config(by)));
}

json run_import(Engine& engine, const Actor& by, const json& request, const ImportProgress& progress) {
  api::ImportRequest import = api::import_request_from_json(request);
  import.options.progress = progress;
  return api::to_json_value(engine.import_run(by, import.kind, import.format, import.content, import.options));
}

json run_store_copy(Engine& engine, const Actor& by, const json& request, const StoreCopyProgress& progress) {
  api::StoreCopyRequest copy = api::store_copy_request_from_json(request, engine.options().limits);
  copy.options.progress = progress;
  return api::to_json_value(engine.copy_store(by, copy.to, copy.options));
}

json run_report_export(Engine& engine, const Actor& by, const json& request, const ReportProgress& progress) {
  api::ReportExportRequest r = api::report_export_request_from_json(request, engine.options().limits);
  r.options.progress = progress;
  return api::to_json_value(engine.export_report(by, r.report, r.options));
}

json run_audit_verify(Engine& engine, const Actor& by, const json& request, const AuditProgress& progress) {
  AuditVerifyOptions options = api::audit_verify_request_from_json(request);
  options.progress = progress;
  return api::to_json_value(engine.verify_audit(by, options));
}

// The request size limit of an op: an import carries a whole file, so it has its own.
Limits request_limits(Op op, const Limits& limits) {
  if (op != Op::import_run) return limits;
  Limits import = limits;
  import.max_request_bytes = limits.max_import_bytes;
  return import;
}

BusinessCalendar resolve(Engine& engine, const Actor& by, const api::CalendarRef& ref) {
  return ref.document ? *ref.document : engine.business_calendar(by, ref.name);
}

// A case, with the label of its status in language `requested` when the request named one. Only
// then: a Case is the same document whichever op answers it (case.create, case.update, ...).
json labelled_case(Engine& engine, const Actor& by, const Case& c, const std::string& requested) {
  json answer = api::to_json_value(c);
  if (requested.empty()) return answer;
  const std::string lang = engine.reader_language(by, requested);
  answer["status_label"] = engine.status_label(by, c, lang);
  answer["lang"] = lang;
  return answer;
}

json run(Engine& engine, const Actor& by, Op op, const json& request) {
  const Limits& limits = engine.options().limits;
  if (auto write = decode_write(op, request, limits)) {
    EngineWriter writer{engine, by};
    return execute(writer, *write);
  }
  switch (op) {
    case Op::customer_get:
      return api::to_json_value(engine.get_customer(by, api::key_request_from_json(request, "id", limits)));
    case Op::supplier_upsert:
      return api::to_json_value(engine.upsert_supplier(by, api::supplier_from_json(request, limits)));
    case Op::supplier_get:
      return api::to_json_value(engine.get_supplier(by, api::key_request_from_json(request, "id", limits)));
    case Op::operator_upsert:
      return api::to_json_value(engine.upsert_operator(by, api::operator_from_json(request, limits)));
    case Op::operator_get:
      return api::to_json_value(engine.get_operator(by, api::key_request_from_json(request, "id", limits)));
    case Op::product_get:
      return api::to_json_value(engine.get_product(by, api::key_request_from_json(request, "sku", limits)));
    case Op::case_get: {
      const api::LocalizedRequest r = api::take_lang(request, limits);
      const api::CaseLookup lookup = api::case_lookup_from_json(r.rest, limits);
      const Case c =
          lookup.number.empty() ? engine.get_case(by, lookup.case_id) : engine.get_case_by_number(by, lookup.number);
      return labelled_case(engine, by, c, r.lang);
    }
    case Op::case_query:
      return api::to_json_value(engine.query_cases(by, api::case_query_from_json(request, limits)));
    case Op::case_history: {
      json events = json::array();
      for (const Event& e : engine.history(by, api::case_id_request_from_json(request))) {
        events.push_back(api::to_json_value(e));
      }
      return {{"events", std::move(events)}};
    }
    case Op::case_customer_view: {
      const api::LocalizedRequest r = api::take_lang(request, limits);
      return labelled_case(engine, by, engine.customer_view(by, api::case_id_request_from_json(r.rest)), r.lang);
    }
    case Op::outbox_post: {
      const api::OutboxPostRequest post = api::outbox_post_request_from_json(request, limits);
      return api::to_json_value(engine.outbox_post(by, post.case_id, post.topic, post.payload));
    }
    case Op::outbox_fetch: {
      json messages = json::array();
      for (const OutboxMessage& m : engine.outbox_fetch(by, api::outbox_fetch_request_from_json(request))) {
        messages.push_back(api::to_json_value(m));
      }
      return {{"messages", std::move(messages)}};
    }
    case Op::outbox_ack:
      return {{"acknowledged", engine.outbox_ack(by, api::outbox_ack_request_from_json(request))}};
    case Op::number_parse: {
      const std::string typed = api::key_request_from_json(request, "number", limits);
      const std::optional<ParsedNumber> parsed = parse_rma_number(engine.options().number_format, typed);
      if (!parsed) throw Error(Status::not_found, "number", api::quote_value(typed) + " is not a valid RMA number");
      return api::to_json_value(*parsed);
    }
    case Op::engine_stats:
      api::empty_request_from_json(request);
      return api::to_json_value(engine.stats());
    case Op::batch: return run_batch(engine, by, request, limits);
    case Op::sales_document_get:
      return api::to_json_value(engine.get_sales_document(by, api::key_request_from_json(request, "id", limits)));
    case Op::purchase_document_get:
      return api::to_json_value(engine.get_purchase_document(by, api::key_request_from_json(request, "id", limits)));
    case Op::sold_units_by_serial:
      return units_value(engine.sold_units_by_serial(by, api::key_request_from_json(request, "serial", limits)));
    case Op::sold_units_by_customer: {
      const auto r = api::sold_units_by_customer_request_from_json(request, limits);
      return units_value(engine.sold_units_by_customer(by, r.customer_id, r.sku));
    }
    case Op::sold_units_by_document:
      return units_value(engine.sold_units_by_document(by, api::key_request_from_json(request, "document", limits)));
    case Op::warranty_configure:
      // The request is the configuration document itself; its parser names the JSON paths.
      engine.configure_warranty(by, warranty_config_from_json(api::dump_json(request)));
      return stored_warranty_config(engine, by);
    case Op::warranty_config:
      api::empty_request_from_json(request);
      return stored_warranty_config(engine, by);
    case Op::warranty_check: {
      const api::WarrantyCheckRequest check = api::warranty_check_request_from_json(request, limits);
      return api::to_json_value(engine.check_warranty(by, check.serial, check.on));
    }
    case Op::case_check_eligibility: {
      const api::CaseLineRequest line = api::case_line_request_from_json(request, /*versioned=*/false);
      return api::to_json_value(engine.check_eligibility(by, line.target.case_id, line.line_no));
    }
    case Op::unit_history: {
      json records = json::array();
      for (const ServiceRecord& r : engine.unit_history(by, api::key_request_from_json(request, "serial", limits))) {
        records.push_back(api::to_json_value(r));
      }
      return {{"records", std::move(records)}};
    }
    case Op::workflow_configure:
      // The request is the configuration document itself; its parser names the JSON paths.
      engine.configure_workflows(by, workflow_config_from_json(api::dump_json(request), engine.workflow_guard_names()));
      return stored_workflow_config(engine, by);
    case Op::workflow_config:
      api::empty_request_from_json(request);
      return stored_workflow_config(engine, by);
    case Op::workflow_get: {
      const api::WorkflowVersionRequest r = api::workflow_version_request_from_json(request, limits);
      WorkflowConfig one;
      one.workflows.push_back(engine.workflow(by, r.id, r.version));
      return api::parse_stored_json(workflow_config_to_json(one)).at("workflows").at(0);
    }
    case Op::case_transitions: {
      const api::LocalizedRequest r = api::take_lang(request, limits);
      const std::string lang = engine.reader_language(by, r.lang);
      json options = json::array();
      for (const TransitionOption& o : engine.case_transitions(by, api::case_id_request_from_json(r.rest), lang)) {
        options.push_back(api::to_json_value(o));
      }
      return {{"lang", lang}, {"transitions", std::move(options)}};
    }
    case Op::case_replay: return api::to_json_value(engine.replay_case(by, api::case_id_request_from_json(request)));
    case Op::language_configure:
      // The request is the catalog document itself; its checks name the JSON paths.
      engine.configure_languages(by, api::dump_json(request));
      return api::parse_stored_json(engine.languages_config(by));
    case Op::language_config:
      api::empty_request_from_json(request);
      return api::parse_stored_json(engine.languages_config(by));
    case Op::language_check:
      api::empty_request_from_json(request);
      return api::catalog_check(engine.catalogs(by));
    case Op::language_format: {
      const api::LocalizedRequest r = api::take_lang(request, limits);
      const std::string lang = engine.reader_language(by, r.lang);
      return api::formatted_texts(engine.catalogs(by), lang, r.rest, limits);
    }
    case Op::sla_configure:
      engine.configure_sla(by, sla_config_from_json(api::dump_json(request)));
      return stored_sla_config(engine, by);
    case Op::sla_config:
      api::empty_request_from_json(request);
      return stored_sla_config(engine, by);
    case Op::sla_case: return api::to_json_value(engine.case_sla(by, api::case_id_request_from_json(request)));
    case Op::sla_tick:
      return items_value("events", engine.tick(by, api::sla_tick_request_from_json(request).now));
    case Op::sla_due: {
      const api::SlaDueRequest r = api::sla_due_request_from_json(request, /*with_horizon=*/true);
      return items_value("items", engine.sla_due(by, *r.horizon_seconds, r.limit));
    }
    case Op::sla_overdue:
      return items_value("items", engine.overdue(by, api::sla_due_request_from_json(request, false).limit));
    case Op::sla_compliance: {
      const api::SlaComplianceRequest r = api::sla_compliance_request_from_json(request, limits);
      return items_value("rows", engine.sla_compliance(by, r.period, r.time_zone));
    }
    case Op::calendar_add: {
      const api::CalendarAddRequest r = api::calendar_add_request_from_json(request, limits);
      return {{"at", add_business(resolve(engine, by, r.calendar), r.at, r.seconds).to_iso()}};
    }
    case Op::calendar_between: {
      const api::CalendarBetweenRequest r = api::calendar_between_request_from_json(request, limits);
      return {{"seconds", business_seconds_between(resolve(engine, by, r.calendar), r.from, r.to)}};
    }
    case Op::calendar_next_open: {
      const api::CalendarNextOpenRequest r = api::calendar_next_open_request_from_json(request, limits);
      return {{"at", next_open(resolve(engine, by, r.calendar), r.at).to_iso()}};
    }
    case Op::holidays_load:
      // The request is the holiday document itself; its parser names the JSON paths.
      return {{"version", engine.load_public_holidays(by, api::dump_json(request))}};
    case Op::holidays_list:
      return api::holidays_list_answer(api::holidays_list_request_from_json(request, limits));
    case Op::valuation_configure:
      // The request is the rules document itself; its parser names the JSON paths.
      engine.configure_valuation(by, valuation_rules_from_json(api::dump_json(request)));
      return stored_valuation_rules(engine, by);
    case Op::valuation_rules:
      api::empty_request_from_json(request);
      return stored_valuation_rules(engine, by);
    case Op::case_valuation:
      return api::parse_stored_json(valuation_to_json(engine.valuation(by, api::case_id_request_from_json(request))));
    case Op::security_log: {
      const api::SecurityLogRequest r = api::security_log_request_from_json(request, limits);
      return items_value("entries", engine.security_log(by, r.actor, r.limit));
    }
    case Op::privacy_configure:
      // The request is the configuration document itself; its parser names the JSON paths.
      engine.configure_privacy(by, privacy_config_from_json(api::dump_json(request)));
      return stored_privacy_config(engine, by);
    case Op::privacy_config:
      api::empty_request_from_json(request);
      return stored_privacy_config(engine, by);
    case Op::privacy_erase:
      return api::to_json_value(engine.erase_personal_data(by, api::data_subject_from_json(request, limits)));
    case Op::privacy_export:
      return api::to_json_value(engine.export_personal_data(by, api::data_subject_from_json(request, limits)));
    case Op::import_run:
      // Reached from `call`, which passes no progress callback.
      return run_import(engine, by, request, ImportProgress());
    case Op::store_copy:
      // Reached from `call`, which passes no progress callback.
      return run_store_copy(engine, by, request, StoreCopyProgress());
    case Op::report_run:
      return api::to_json_value(engine.run_report(by, api::report_request_from_json(request, limits)));
    case Op::report_export:
      // Reached from `call`, which passes no progress callback.
      return run_report_export(engine, by, request, ReportProgress());
    case Op::audit_verify:
      // Reached from `call`, which passes no progress callback.
      return run_audit_verify(engine, by, request, AuditProgress());
    case Op::audit_checkpoint:
      api::empty_request_from_json(request);
      return api::to_json_value(engine.audit_checkpoint(by));
    case Op::audit_public_key:
      api::empty_request_from_json(request);
      return {{"public_key", engine.audit_public_key(by)}};
    case Op::audit_export: {
      const api::AuditExportRequest r = api::audit_export_request_from_json(request);
      return api::to_json_value(engine.export_audit(by, r.from_seq, r.limit));
    }
    case Op::quality_scan:
      return api::to_json_value(engine.quality_scan(by, api::quality_scan_request_from_json(request)));
    case Op::quality_acknowledge: {
      const api::QualityAcknowledgeRequest r = api::quality_acknowledge_request_from_json(request, limits);
      return api::to_json_value(engine.quality_acknowledge(by, r.id, r.note));
    }
    case Op::label_render: {
      const LabelRequest r = api::label_request_from_json(request);
      return api::to_json_value(engine.render_label(by, r), r.format, /*with_content=*/true);
    }
    default: break;  // the write ops, handled above
  }
  throw Error(Status::internal, "op", "no handler for this op");
}


// A staff-only op asked by anyone else is refused before its request is even decoded, and
// counted in that actor's security log.
void require_access(Engine& engine, const Actor& by, const OpInfo& entry) {
  if (entry.access == Access::anyone || by.is_staff()) return;
  engine.record_refusal(by, "role_not_allowed");
  throw Error(Status::permission_denied, "actor",
              std::string(role_name(by.role)) + " may not call " + std::string(entry.name), "role_not_allowed");
}

// An op's answer as a JSON value in the view of `by`: `run_op(by, entry, request)` once its access
// and the request (within the op's size limit) were checked; what every entry point shares.
template <class Run>
json checked_value(Engine& engine, const Actor& by, const OpInfo& entry, std::string_view request,
                   const Run& run_op) {
  return api::respond_for(by, [&] {
    return api::value_for(by, entry.op, [&] {
      require_access(engine, by, entry);
      const json document = api::parse_request(request, request_limits(entry.op, engine.options().limits));
      return run_op(by, entry, document);
    });
  });
}

// The same as text, once the op and then the actor were read.
template <class Run>
std::string checked_call(Engine& engine, std::string_view actor, std::string_view op, std::string_view request,
                         const Run& run_op) {
  const OpInfo& entry = api::op_info(op, "op");
  const Actor by = Actor::parse(actor);
  return api::dump_json(checked_value(engine, by, entry, request, run_op));
}

}  // namespace

namespace api {

json call_value(Engine& engine, const Actor& by, std::string_view op, std::string_view request) {
  return checked_value(engine, by, api::op_info(op, "op"), request,
                       [&](const Actor& as, const OpInfo& entry, const json& document) {
                         return run(engine, as, entry.op, document);
                       });
}

}  // namespace api

std::string JsonApi::call(std::string_view actor, std::string_view op, std::string_view request) {
  return checked_call(engine_, actor, op, request, [&](const Actor& by, const OpInfo& entry, const json& document) {
    return run(engine_, by, entry.op, document);
  });
}

std::string JsonApi::call_import(std::string_view actor, std::string_view request, const ImportProgress& progress) {
  return checked_call(engine_, actor, "import.run", request, [&](const Actor& by, const OpInfo&, const json& document) {
    return run_import(engine_, by, document, progress);
  });
}

std::string JsonApi::call_store_copy(std::string_view actor, std::string_view request,
                                     const StoreCopyProgress& progress) {
  return checked_call(engine_, actor, "store.copy", request, [&](const Actor& by, const OpInfo&, const json& document) {
    return run_store_copy(engine_, by, document, progress);
  });
}

std::string JsonApi::call_report_export(std::string_view actor, std::string_view request,
                                        const ReportProgress& progress) {
  return checked_call(engine_, actor, "report.export", request,
                      [&](const Actor& by, const OpInfo&, const json& document) {
                        return run_report_export(engine_, by, document, progress);
                      });
}

std::string JsonApi::call_audit_verify(std::string_view actor, std::string_view request,
                                       const AuditProgress& progress) {
  return checked_call(engine_, actor, "audit.verify", request,
                      [&](const Actor& by, const OpInfo&, const json& document) {
                        return run_audit_verify(engine_, by, document, progress);
                      });
}

std::string JsonApi::call_label_render(std::string_view actor, std::string_view request, std::string& content) {
  return checked_call(engine_, actor, "label.render", request, [&](const Actor& by, const OpInfo&, const json& document) {
    const LabelRequest r = api::label_request_from_json(document);
    RenderedLabel label = engine_.render_label(by, r);
    content = std::move(label.content);
    json answer = api::to_json_value(label, r.format, /*with_content=*/false);
    answer["bytes"] = content.size();
    return answer;
  });
}

Options options_from_json(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return Options();
  return api::options_from_json_value(api::parse_json(text, std::string(), api::kDefaultJsonDepth));
}

std::string event_to_json(const Event& event) { return api::dump_json(api::to_json_value(event)); }

std::string event_to_json(const Event& event, const Actor& reader) {
  const json whole = api::to_json_value(event);
  const std::optional<json> shown = domain::event_view(whole, domain::audience_of(reader));
  return api::dump_json(shown ? *shown : json::object());
}

std::string eligibility_input_to_json(const EligibilityInput& input) {
  return api::dump_json(api::to_json_value(input));
}

std::string guard_input_to_json(const GuardInput& input) {
  return api::dump_json(json{{"case", api::to_json_value(input.case_)},
                             {"transition", input.transition},
                             {"actor", input.actor.to_string()},
                             {"params", api::parse_stored_json(input.params)}});
}

}  // namespace rma
