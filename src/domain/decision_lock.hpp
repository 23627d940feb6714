// domain/decision_lock.hpp — a decision is final: once a case reaches a state that locks its
// decision (Case::decision_locked), nothing it was decided on changes until an admin reopens it.
//
// The ERP has been sent what the decision called for (credit note, replacement, debit note), so a
// later change of a quantity, an inspection finding or a repair would leave the case and the
// ERP disagreeing. Locked are the valuation's inputs (valuation.md, "The input a case gives") and
// the facts the decision rests on: the resolution; each line's quantities, reason code,
// condition, inspection findings and claimed amount; the supplier coverage of its warranty
// verdict; the repair operations; and the units a split would move. Free: notes, attachments,
// actions, assignee, team, priority, root cause, expected completion, custom fields, a line's
// defect description and its replacement serial (the exchanged unit ships after the decision).
//
// A refusal is Status::permission_denied with reason "decision_locked", as for a transition the
// lock refuses, naming the request field; an admin's reopen (Engine::reopen_case) lifts the lock.
#pragma once

#include <optional>
#include <string>

#include "rma/case.hpp"

namespace rma::domain {

// The reason code of every refusal by the lock.
inline constexpr const char* kDecisionLocked = "decision_locked";

// The first member of `patch` that would change what decided case `c` was decided on, as its
// request path ("changes.resolution", "changes.lines[0].qty_accepted"); nullopt when the patch
// changes none (members set to the value they have are no change). Members are looked at in
// patch order; a line the case does not have is left to apply_patch to refuse.
std::optional<std::string> locked_patch_member(const Case& c, const CasePatch& patch);

// Whether a new warranty verdict of a line (JSON object text, empty for none) changes what the
// valuation reads from it: the supplier's coverage (`supplier_recoverable`).
bool verdict_changes_value(const std::string& before, const std::string& after);

// `supplier_recoverable` of a stored warranty verdict (JSON object text); false when empty.
bool supplier_recoverable(const std::string& verdict);

// Whether a command that changes `c` keeps its stored valuation as it is: a decided case keeps
// the valuation it was decided with, whatever the rules, prices or the age of its goods do later,
// unless the command is itself the decision (`decides`: a transition into a locking state, or
// one setting another resolution).
bool keeps_valuation(const Case& c, bool decides);

}  // namespace rma::domain
