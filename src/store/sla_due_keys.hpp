// store/sla_due_keys.hpp — how a case row lists the due times of its sla_due rows (schema 12,
// cases.sla_due): distinct microsecond values, ascending, separated by one space, the same in
// every backend. A store finds a case's rows again by (due_at, case_id), a prefix of sla_due's key.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rma::store {

// `times` sorted ascending without repeats, as text ("" for none).
std::string sla_due_keys(std::vector<std::int64_t> times);

// The times of a stored list; a list that does not parse is Status::storage naming cases.sla_due.
std::vector<std::int64_t> sla_due_times(const std::string& keys);

}  // namespace rma::store
