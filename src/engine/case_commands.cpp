// The commands on cases themselves: open (and split), update, notes, attachments, actions. Each
// runs in the frame of engine/case_command.hpp; the rules they apply live in domain/case_rules
// and domain/decision_lock.
#include "engine/engine_impl.hpp"
#include "engine/case_command.hpp"

#include "json/case.hpp"
#include "json/parse.hpp"
#include "json/party.hpp"
#include "json/product.hpp"
#include "json/reader.hpp"
#include "json/sales.hpp"
#include "json/warranty.hpp"
#include "domain/case_rules.hpp"
#include "domain/decision_lock.hpp"
#include "domain/eligibility_rules.hpp"
#include "rma/rma_number.hpp"

namespace rma {
namespace {

using nlohmann::json;

// FNV-1a, 64 bit: stable across runs and platforms, enough to tell two requests apart.
std::string fingerprint(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char ch : text) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  static const char* const kHex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xf];
  return out;
}

// The quantities a patch sets, by line, with their request fields: the ones the quantity bound
// checks after an update.
std::vector<domain::QuantityFields> patched_quantities(const CasePatch& patch) {
  std::vector<domain::QuantityFields> out;
  for (std::size_t i = 0; i < patch.lines.size(); ++i) {
    const LinePatch& lp = patch.lines[i];
    const std::string at = "changes.lines[" + std::to_string(i) + "].";
    domain::QuantityFields fields;
    fields.line_no = lp.line_no;
    if (lp.qty_authorized) fields.authorized = at + "qty_authorized";
    if (lp.qty_received) fields.received = at + "qty_received";
    if (lp.qty_accepted) fields.accepted = at + "qty_accepted";
    if (fields.authorized.empty() && fields.received.empty() && fields.accepted.empty()) continue;
    out.push_back(std::move(fields));
  }
  return out;
}

}  // namespace

// --- cases -----------------------------------------------------------------------------------

Case Engine::Impl::create_case(const Actor& by, const CaseDraft& draft, const Case* split_source,
                               std::vector<CaseLine> moved_lines) {
  authenticate(by);
  if (by.role == Role::supplier) {
    throw Error(Status::permission_denied, "actor", "a supplier may not open cases", "role_not_allowed");
  }

  // A retry returns what the first call created, whatever changed in between.
  std::string print;
  if (!draft.idempotency_key.empty()) {
    domain::check_text("idempotency_key", draft.idempotency_key, 256);
    CaseDraft keyless = draft;
    keyless.idempotency_key.clear();
    print = fingerprint(codec::case_draft_to_json(keyless));
    if (auto seen = store->find_idempotent_case(draft.idempotency_key)) {
      if (seen->fingerprint != print) {
        throw Error(Status::conflict, "idempotency_key",
                    "'" + draft.idempotency_key + "' was used for a different request");
      }
      return load_for(by, seen->case_id, std::nullopt);
    }
  }

  // The claimed amount drives automatic actions on value: staff set it, a claimant does not.
  for (std::size_t i = 0; i < draft.lines.size(); ++i) {
    if (draft.lines[i].claimed_amount && !by.is_staff()) {
      throw Error(Status::permission_denied, "lines[" + std::to_string(i) + "].claimed_amount",
                  std::string(role_name(by.role)) + " may not set a claimed amount", "role_not_allowed");
    }
  }
  CaseDraft filled = draft;
  // A customer opens cases for itself: its units are told apart from others' by that.
  if (by.role == Role::customer && filled.customer_id.empty()) filled.customer_id = by.id;
  std::vector<bool> sold_to_other;
  if (!split_source) sold_to_other = warranty.fill_from_registry(by, filled);
  if (by.role == Role::customer && filled.customer_id != by.id) {
    throw Error(Status::permission_denied, "customer_id", "a customer may open cases only for itself", "not_own_case");
  }
  domain::validate_draft(filled, options.limits);
  const std::optional<Customer> customer = store->find_customer(filled.customer_id);
  if (!customer) throw Error(Status::not_found, "customer_id", "no customer '" + filled.customer_id + "'");
  if (!filled.supplier_id.empty() && !store->find_supplier(filled.supplier_id)) {
    throw Error(Status::not_found, "supplier_id", "no supplier '" + filled.supplier_id + "'");
  }
  for (std::size_t i = 0; i < filled.lines.size(); ++i) {
    const LineDraft& l = filled.lines[i];
    const Product* product = warranty.registry().product(l.sku);
    if (product && product->serialized) {
      const std::string at = "lines[" + std::to_string(i) + "]";
      if (l.serial.empty()) throw Error(Status::missing_field, at + ".serial", "'" + l.sku + "' is serialized");
      if (l.quantity != 1) {
        throw Error(Status::out_of_range, at + ".quantity", "a serialized unit is returned one per line");
      }
    }
  }

  const Timestamp at = now();
  const std::int32_t year = utc_year(at);
  const std::string number = format_rma_number(options.number_format, year, store->next_sequence(year));
  Case c = domain::new_case(filled, number, at);
  c.status_since = at;
  if (split_source) {
    // The split-off units continue where the original case stands.
    c.split_from = split_source->id;
    c.lines = std::move(moved_lines);
    c.workflow = split_source->workflow;
    c.workflow_version = split_source->workflow_version;
    c.status = split_source->status;
    c.decision_locked = split_source->decision_locked;
  } else {
    for (std::size_t i = 0; i < sold_to_other.size(); ++i) {
      if (!sold_to_other[i]) continue;
      c.lines[i].flags.push_back(domain::kUnitSoldToOtherCustomer);
      c.lines[i].eligibility = codec::to_json_value(domain::other_customer_eligibility()).dump();
    }
    warranty.apply_sale_facts(c);
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
      domain::check_claimed_amount(c, c.lines[i], "lines[" + std::to_string(i) + "].claimed_amount");
    }
    // A split moves units between cases and adds none, so only a new case is bounded here.
    std::vector<domain::QuantityFields> bounded(c.lines.size());
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
      bounded[i].line_no = c.lines[i].line_no;
      bounded[i].requested = "lines[" + std::to_string(i) + "].quantity";
    }
    warranty.check_returnable_units(c, bounded);
    workflow.start(c, customer->tier);
  }
  std::optional<json> valued = valuation.revalue(c);
  const std::string privacy_key = events::new_subject_key();
  store->insert_case(c, filled.idempotency_key, print, privacy_key);
  privacy.remember_case_key(c.id, privacy_key);
  // The valuation the case opens with is recorded once, by the case.valued event that follows.
  emit(&c, by, events::case_created(c, /*with_valuation=*/!valued));
  if (valued) valuation.emit_valued(c, by, std::move(*valued));
  cache_now(c);
  workflow.run_automatic_actions(c);
  return c;
}

void Engine::Impl::require_undecided(const Case& c, const Actor& by, const std::string& field, const std::string& what) {
  if (!c.decision_locked) return;
  deny(c, by, Status::permission_denied, field, domain::kDecisionLocked,
       "the case is decided ('" + c.status + "'): " + what + " would change what it was decided on; an admin reopens it first");
}

// --- the commands on one case (engine/case_command.hpp) ----------------------------------------

namespace {
const CaseCommand kUpdateCase{CaseAccess::staff, "change case fields"};
const CaseCommand kAddNote{CaseAccess::related, ""};
const CaseCommand kAddAttachment{CaseAccess::related, ""};
const CaseCommand kAddAction{CaseAccess::staff, "plan actions"};
const CaseCommand kCompleteAction{CaseAccess::staff, "complete actions"};
}  // namespace

Case Engine::Impl::update_case(const Actor& by, std::int64_t id, const CasePatch& patch, ExpectedVersion expected) {
  return run_case_command(by, id, expected, kUpdateCase, [&](Case& c) -> std::optional<CaseChange> {
    if (c.decision_locked) {
      if (auto field = domain::locked_patch_member(c, patch)) require_undecided(c, by, *field, "changing " + *field);
    }
    const bool replaces = std::any_of(patch.lines.begin(), patch.lines.end(),
                                      [](const LinePatch& l) { return l.replacement_serial.has_value(); });
    std::optional<Case> before;
    if (replaces) before = c;
    json changes = domain::apply_patch(c, patch, options.limits);
    if (changes.empty()) return std::nullopt;
    warranty.check_returnable_units(c, patched_quantities(patch));
    CaseChange change{events::case_updated(std::move(changes)), !patch.lines.empty()};
    if (before) {
      change.then = [this, &by, before = std::move(*before)](Case& after) {
        warranty.record_replacements(by, before, after);
      };
    }
    return change;
  });
}

Case Engine::Impl::add_note(const Actor& by, std::int64_t id, const NoteDraft& draft, ExpectedVersion expected) {
  return run_case_command(by, id, expected, kAddNote, [&](Case& c) -> std::optional<CaseChange> {
    if (!by.is_staff() && draft.channel == Visibility::internal) {
      deny(c, by, Status::permission_denied, "channel", "internal_only_staff", "only staff may write internal notes");
    }
    domain::validate_note(draft, options.limits);
    Note n;
    n.channel = draft.channel;
    n.author = by.to_string();
    n.body = draft.body;
    n.created_at = now();
    store->insert_note(c.id, n);
    c.notes.push_back(n);
    return CaseChange{events::note_added(n)};
  });
}

Case Engine::Impl::add_attachment(const Actor& by, std::int64_t id, const AttachmentDraft& draft,
                                  ExpectedVersion expected) {
  return run_case_command(by, id, expected, kAddAttachment, [&](Case& c) -> std::optional<CaseChange> {
    if (!by.is_staff() && draft.visibility == Visibility::internal) {
      deny(c, by, Status::permission_denied, "visibility", "internal_only_staff",
           "only staff may add internal attachments");
    }
    domain::validate_attachment(draft, options.limits);
    Attachment a;
    a.file_name = draft.file_name;
    a.media_type = draft.media_type;
    a.size_bytes = draft.size_bytes;
    a.sha256 = draft.sha256;
    a.uri = draft.uri;
    a.visibility = draft.visibility;
    a.added_by = by.to_string();
    a.created_at = now();
    store->insert_attachment(c.id, a);
    c.attachments.push_back(a);
    return CaseChange{events::attachment_added(a)};
  });
}

Case Engine::Impl::add_action(const Actor& by, std::int64_t id, const ActionDraft& draft, ExpectedVersion expected) {
  return run_case_command(by, id, expected, kAddAction, [&](Case& c) -> std::optional<CaseChange> {
    domain::validate_action(draft, options.limits);
    Action a;
    a.title = draft.title;
    a.assignee = draft.assignee;
    a.due_at = draft.due_at;
    a.created_by = by.to_string();
    a.created_at = now();
    store->insert_action(c.id, a);
    c.actions.push_back(a);
    return CaseChange{events::action_added(a)};
  });
}

Case Engine::Impl::complete_action(const Actor& by, std::int64_t id, std::int64_t action_id,
                                   ExpectedVersion expected) {
  return run_case_command(by, id, expected, kCompleteAction, [&](Case& c) -> std::optional<CaseChange> {
    auto it = std::find_if(c.actions.begin(), c.actions.end(), [&](const Action& a) { return a.id == action_id; });
    if (it == c.actions.end()) {
      throw Error(Status::not_found, "action_id", "the case has no action " + std::to_string(action_id));
    }
    if (it->done_at) {
      throw Error(Status::conflict, "action_id", "action " + std::to_string(action_id) + " is done already");
    }
    it->done_at = now();
    it->done_by = by.to_string();
    store->update_action(c.id, *it);
    return CaseChange{events::action_completed(action_id, *it->done_at, it->title)};
  });
}

SplitResult Engine::Impl::split_case(const Actor& by, std::int64_t id, const SplitRequest& request,
                                     ExpectedVersion expected) {
  require_staff(by, "split cases", id);
  Case original = load_for(by, id, expected);
  require_undecided(original, by, "lines", "moving units to another case");
  const Case before = original;
  std::vector<CaseLine> moved = domain::split_lines(original, request);

  CaseDraft draft;
  draft.kind = original.kind;
  draft.category = original.category;
  draft.channel = original.channel;
  draft.customer_id = original.customer_id;
  draft.supplier_id = original.supplier_id;
  draft.purchased_elsewhere = original.purchased_elsewhere;
  draft.priority = original.priority;
  draft.assignee = original.assignee;
  draft.team = original.team;
  draft.expected_completion = original.expected_completion;
  draft.custom_fields = original.custom_fields;
  for (const CaseLine& l : moved) draft.lines.push_back(domain::line_draft_of(l));
  Case created = create_case(by, draft, &original, moved);

  save(original, true);
  emit_change(original, by, events::case_split(created, before.lines, original.lines));
  return SplitResult{std::move(original), std::move(created)};
}

// The public Engine shows it in the actor's view (answer_views.hpp).
Case Engine::Impl::visible_case(const Actor& by, std::int64_t id) { return load_for(by, id, std::nullopt); }


}  // namespace rma
