// domain/views.hpp — what each audience may see of each document librma answers with.
//
// Every answer, every event handed to a non-staff subscriber and every refusal's message is
// shaped here, by allow-lists: a member reaches a customer or a supplier only if its name is
// listed for that audience, so a member added to a document later stays hidden from them until
// someone lists it (docs/json.md, "What each role sees"). Staff see everything.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "rma/actor.hpp"
#include "rma/error.hpp"
#include "rma/report.hpp"

namespace rma::domain {

// Who reads: staff, the claimant (the customer a case belongs to) or the supplier a case names.
// Whether the reader is related to the case at all is the engine's check (load_for), made
// before anything is shown.
enum class Audience { staff, claimant, supplier };

Audience audience_of(const Actor& by) noexcept;

// The documents with a view. Each op of the JSON API declares which one its answer is.
enum class Document {
  case_,              // a case (docs/json.md "Case")
  split_result,       // {"original": case, "created": case}
  case_page,          // {"items": [case summary], "total", "total_exact", "next_cursor"}
  valuation,          // a valuation (docs/valuation.md)
  sold_units,         // {"units": [sold unit]}
  sales_document,
  purchase_document,
  customer,
  supplier,
  product,
  warranty_verdict,
  eligibility,
  transitions,        // {"transitions": [option]}
  case_sla,
  parsed_number,
  calendar_result,    // {"at"} or {"seconds"}
  public_holidays,    // {"version", "country", "subdivision", "year", "holidays"} or {"version", "regions"}
  batch_result,       // {"results": [{"op", "case_id", "version"}]} (compact batch answers)
  personal_data,      // privacy.export: {"subject", "exported_at", "customer", "cases": [{"case", "history"}]}
  report,             // {"columns", "rows", "totals", "groups", "period", "time_zone"} (docs/reports.md)
  report_export,      // {"path", "format", "rows", "bytes"}
  label,              // label.render: {"format", "media_type", "payload", "language", "bytes", "content_base64"}
  texts,              // language.format: {"lang", "texts"}
  empty,              // {}
};

// The members of `document` that `audience` may see; everything else is removed (in place).
// Arrays of objects are filtered element by element; elements a condition excludes (an
// internal note, say) are dropped whole.
void apply_view(nlohmann::json& document, Document kind, Audience audience);

// The same for an audit event delivered to a subscriber: nullopt when the audience must not
// receive it at all (an internal note, an action, a cost, another party's refusal).
std::optional<nlohmann::json> event_view(const nlohmann::json& event, Audience audience);

// The refusal as `audience` may read it: staff get it as it is; customers and suppliers get
// the message of its reason code (never a figure or a name from the case or the rules that
// refused), or the original message for errors about their own input.
Error error_view(const Error& error, Audience audience);

// A customer's own report (report.run): the dimensions and measures it may ask for, all of them
// members its own view of a case shows (status, kind, complaint category, channel, resolution,
// its lines' SKUs, the creation period) and counts of its own cases, lines and requested units.
// Every other report is staff only.
bool claimant_report_dimension(ReportDimension dimension) noexcept;
bool claimant_report_measure(ReportMeasureKind measure) noexcept;

}  // namespace rma::domain
