// api/codec_drafts.cpp — the drafts and patches a request carries: a case, its lines, notes,
// attachments, actions, splits and repairs (docs/json.md).
#include <limits>

#include "api/codec.hpp"

namespace rma::api {

namespace {

constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

LineDraft read_line_draft(const nlohmann::json& value, const std::string& path, const Limits& limits) {
  ObjectReader r(value, path);
  LineDraft line;
  // Optional: the engine fills it from the sold unit a serial or sales document line names, and
  // rejects the line (missing_field, same path) if it cannot.
  r.read_text("sku", limits.max_text_bytes, line.sku);
  r.read_text("serial", limits.max_text_bytes, line.serial);
  r.read_text("lot", limits.max_text_bytes, line.lot);
  line.sales_document = read_sales_document(r, limits);
  r.read_text("reason_code", limits.max_text_bytes, line.reason_code);
  // Free text that may run to several lines: the note limit, as the engine applies it.
  r.read_text("defect_description", limits.max_note_bytes, line.defect_description);
  r.read_text("condition", limits.max_text_bytes, line.condition);
  line.quantity = r.optional_integer("quantity", 1, kInt64Max).value_or(1);
  line.claimed_amount = read_money(r, "claimed_amount");
  r.finish();
  return line;
}

LinePatch read_line_patch(const nlohmann::json& value, const std::string& path, const Limits& limits) {
  ObjectReader r(value, path);
  LinePatch patch;
  patch.line_no = static_cast<std::int32_t>(r.integer("line_no", 1, kInt32Max));
  patch.qty_authorized = r.optional_integer("qty_authorized", 0, kInt64Max);
  patch.qty_received = r.optional_integer("qty_received", 0, kInt64Max);
  patch.qty_accepted = r.optional_integer("qty_accepted", 0, kInt64Max);
  patch.reason_code = r.optional_text("reason_code", limits.max_text_bytes);
  patch.defect_description = r.optional_text("defect_description", limits.max_note_bytes);
  patch.condition = r.optional_text("condition", limits.max_text_bytes);
  patch.replacement_serial = r.optional_text("replacement_serial", limits.max_text_bytes);
  patch.void_conditions = read_void_conditions(r);
  patch.unused = r.optional_boolean("unused");
  patch.original_packaging = r.optional_boolean("original_packaging");
  patch.accessories_complete = r.optional_boolean("accessories_complete");
  // null clears the amount, so presence is told apart from null.
  if (r.present("claimed_amount")) patch.claimed_amount = read_money(r, "claimed_amount");
  r.finish();
  return patch;
}

}  // namespace

CaseDraft case_draft_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  CaseDraft draft;
  draft.kind = r.optional_enumeration("kind", case_kind_from_name, kCaseKindNames).value_or(draft.kind);
  draft.category =
      r.optional_enumeration("category", complaint_category_from_name, kCategoryNames).value_or(draft.category);
  draft.channel = r.optional_enumeration("channel", channel_from_name, kChannelNames).value_or(draft.channel);
  // Optional for the same reason as a line's sku.
  r.read_text("customer_id", limits.max_text_bytes, draft.customer_id);
  r.read_text("supplier_id", limits.max_text_bytes, draft.supplier_id);
  draft.purchased_elsewhere = r.optional_boolean("purchased_elsewhere").value_or(false);
  r.array("lines", limits.max_lines_per_case);
  draft.lines = read_elements<LineDraft>(r, "lines", limits.max_lines_per_case,
                                         [&](const nlohmann::json& v, const std::string& path) {
                                           return read_line_draft(v, path, limits);
                                         });
  draft.priority = r.optional_enumeration("priority", priority_from_name, kPriorityNames).value_or(draft.priority);
  r.read_text("assignee", limits.max_text_bytes, draft.assignee);
  r.read_text("team", limits.max_text_bytes, draft.team);
  draft.expected_completion = r.optional_date("expected_completion");
  draft.custom_fields = r.optional_object_text("custom_fields").value_or("{}");
  r.read_text("idempotency_key", limits.max_text_bytes, draft.idempotency_key);
  r.finish();
  return draft;
}

CasePatch case_patch_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  CasePatch patch;
  patch.priority = r.optional_enumeration("priority", priority_from_name, kPriorityNames);
  patch.assignee = r.optional_text("assignee", limits.max_text_bytes);
  patch.team = r.optional_text("team", limits.max_text_bytes);
  if (r.find("status")) {
    throw Error(Status::invalid_argument, "status",
                "the status changes only through the workflow's transitions (case.transition)");
  }
  // Here null means "clear the date", so presence is told apart from null.
  if (r.present("expected_completion")) patch.expected_completion = r.optional_date("expected_completion");
  patch.resolution = r.optional_enumeration("resolution", resolution_from_name, kResolutionNames);
  patch.root_cause = r.optional_text("root_cause", limits.max_text_bytes);
  patch.custom_fields = r.optional_object_text("custom_fields");
  patch.lines = read_elements<LinePatch>(r, "lines", limits.max_lines_per_case,
                                         [&](const nlohmann::json& v, const std::string& path) {
                                           return read_line_patch(v, path, limits);
                                         });
  r.finish();
  return patch;
}

NoteDraft read_note_draft(ObjectReader& r, const Limits& limits) {
  NoteDraft note;
  note.channel = r.enumeration("channel", visibility_from_name, kVisibilityNames);
  note.body = r.text("body", limits.max_note_bytes);
  return note;
}

AttachmentDraft read_attachment_draft(ObjectReader& r, const Limits& limits) {
  AttachmentDraft a;
  a.file_name = r.text("file_name", limits.max_text_bytes);
  a.media_type = r.text("media_type", limits.max_text_bytes);
  // The upper bound (Limits::max_attachment_bytes) is the engine's rule, for every front door.
  a.size_bytes = r.integer("size_bytes", 0, kInt64Max);
  a.sha256 = r.text("sha256", limits.max_text_bytes);
  r.read_text("uri", limits.max_text_bytes, a.uri);
  a.visibility = r.enumeration("visibility", visibility_from_name, kVisibilityNames);
  return a;
}

ActionDraft read_action_draft(ObjectReader& r, const Limits& limits) {
  ActionDraft a;
  a.title = r.text("title", limits.max_text_bytes);
  r.read_text("assignee", limits.max_text_bytes, a.assignee);
  a.due_at = r.optional_timestamp("due_at");
  return a;
}

SplitRequest read_split_request(ObjectReader& r, const Limits& limits) {
  SplitRequest split;
  r.array("lines", limits.max_lines_per_case);
  split.lines = read_elements<SplitLine>(r, "lines", limits.max_lines_per_case,
                                         [](const nlohmann::json& v, const std::string& path) {
                                           ObjectReader line(v, path);
                                           SplitLine s;
                                           s.line_no = static_cast<std::int32_t>(line.integer("line_no", 1, kInt32Max));
                                           s.quantity = line.integer("quantity", 1, kInt64Max);
                                           line.finish();
                                           return s;
                                         });
  return split;
}

NoteDraft note_draft_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  NoteDraft note = read_note_draft(r, limits);
  r.finish();
  return note;
}

AttachmentDraft attachment_draft_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  AttachmentDraft attachment = read_attachment_draft(r, limits);
  r.finish();
  return attachment;
}

ActionDraft action_draft_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  ActionDraft action = read_action_draft(r, limits);
  r.finish();
  return action;
}

SplitRequest split_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  SplitRequest split = read_split_request(r, limits);
  r.finish();
  return split;
}

RepairOperationDraft read_repair_draft(ObjectReader& r, const Limits& limits) {
  RepairOperationDraft d;
  d.line_no = static_cast<std::int32_t>(r.optional_integer("line_no", 0, kInt32Max).value_or(0));
  d.code = r.text("code", limits.max_text_bytes);
  r.read_text("description", limits.max_note_bytes, d.description);
  r.read_text("labour_class", limits.max_text_bytes, d.labour_class);
  d.minutes = static_cast<std::int32_t>(r.optional_integer("minutes", 0, 100000).value_or(0));
  d.parts = read_elements<PartUse>(r, "parts", 200, [&](const nlohmann::json& v, const std::string& at) {
    return read_part(v, at, limits);
  });
  d.paid = r.optional_boolean("paid").value_or(false);
  return d;
}

}  // namespace rma::api
