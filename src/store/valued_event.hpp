// store/valued_event.hpp — a case's current valuation kept once, in the case.valued event that set
// it (schema 13). The event carries the valuation after the change (changes.valuation.after);
// the case row points at that event (cases.valuation_seq) and leaves its own valuation column
// empty, rather than holding a second copy of the same document. A row written before, or whose
// valuation changed without such an event, holds the text itself and no pointer.
//
// How it stays true, in every backend: a case row written with a changed valuation stores the
// text and clears the pointer; appending a case.valued event of that case (in the same
// transaction, after the row) moves it to the pointer (points_at_valuation below).
#pragma once

#include <cstdint>
#include <string>

#include "rma/event.hpp"

namespace rma::store {

// Whether appending `e` makes its case row point at it.
bool points_at_valuation(const Event& e);

// The valuation text a case.valued event's data sets ("" when it removed the valuation), as the
// engine wrote it to the case row. Data that does not hold one is Status::storage naming
// events[seq].data.
std::string valuation_from_valued_event(const std::string& data, std::int64_t seq);

// The same text found by skimming rather than parsing (json/skim.hpp): what a pass over every
// case's valuation reads, where parsing the breakdowns before and after would cost the most.
// Falls back to valuation_from_valued_event when the data is not shaped as librma writes it.
std::string valuation_skimmed_from_valued_event(const std::string& data, std::int64_t seq);

}  // namespace rma::store
