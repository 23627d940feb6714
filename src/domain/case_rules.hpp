// domain/case_rules.hpp — the pure rules of a case: what a valid draft, patch, note, attachment,
// action and split look like, and what each does to a case. No I/O, no clock: time comes in.
//
// Checks that need stored data (does the customer exist? is the version current?) are the
// engine's; everything decidable from the values alone is here, with errors naming the field.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "rma/case.hpp"
#include "rma/options.hpp"

namespace rma::domain {

// Text fields: valid UTF-8, at most `max_bytes`, no control characters except in multi-line
// text. `required` rejects the empty string.
void check_text(const std::string& field, const std::string& value, std::int64_t max_bytes, bool required = false,
                bool multi_line = false);

void validate_draft(const CaseDraft& draft, const Limits& limits);
// A line's claimed amount on case `c`: a known currency, not negative, in the line's currency
// (the case's for an unpriced line), and the case's claimed amounts in that currency adding up
// within 64 bits. Errors name `field`. Nothing to check when the line has none.
void check_claimed_amount(const Case& c, const CaseLine& line, const std::string& field);
Case new_case(const CaseDraft& draft, const std::string& number, Timestamp now);
// The draft a line would come from (requested quantity as the quantity), for cases made from
// other cases' lines.
LineDraft line_draft_of(const CaseLine& line);

// Applies `patch` to `c` and returns what changed as {"field": {"before": x, "after": y}}; an
// empty object if nothing did. Throws (leaving `c` unspecified) if the patch breaks a rule.
nlohmann::json apply_patch(Case& c, const CasePatch& patch, const Limits& limits);

void validate_note(const NoteDraft& note, const Limits& limits);
void validate_attachment(const AttachmentDraft& attachment, const Limits& limits);
void validate_action(const ActionDraft& action, const Limits& limits);
// A repair operation on `c`: its line exists (0 is the whole case), a code, minutes and parts
// within limits, part costs in known currencies.
void validate_repair(const RepairOperationDraft& repair, const Case& c, const Limits& limits);

// Moves the requested quantities out of `original` and returns the lines of the new case
// (renumbered from 1). Only units not yet received can move; authorization moves with them.
std::vector<CaseLine> split_lines(Case& original, const SplitRequest& request);

}  // namespace rma::domain
