// store/case_cursor.hpp — the opaque keyset cursor of case.query, the same for every backend.
//
// A cursor is the base64url text (no padding) of "1:<fingerprint>:<id>:<key>": the format
// version, a fingerprint of the query's filters, order and scope, and the id and sort key of the
// last case of the page it follows. Decoding checks every part; a cursor that fails a check, or
// that another query made, is invalid_argument naming "cursor". A cursor holds no secret and
// needs none: the actor's confinement is a term of the query itself, so even a forged cursor can
// only move where a page starts within what the actor may see.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rma/query.hpp"
#include "store/store.hpp"

namespace rma::store {

// Where the next page starts: after the case with this sort key and id.
struct CaseCursor {
  std::string key;  // the sort column's stored text; an integer order's value in decimal; "" for id
  std::int64_t id = 0;
};

// The longest cursor text accepted (a sort key is a stored text of at most a few KiB).
constexpr std::size_t kMaxCursorBytes = 16 * 1024;

// 16 hex digits that change with every filter, the order and the scope, and not with the page
// (offset, limit, cursor).
std::string case_query_fingerprint(const CaseQuery& query, const CaseScope& scope);

std::string encode_case_cursor(const std::string& fingerprint, const CaseCursor& cursor);

// The cursor `text` holds, checked against the query it is used with (its fingerprint) and the
// form of `sort`'s keys. Throws Error(invalid_argument, "cursor").
CaseCursor decode_case_cursor(std::string_view text, const std::string& fingerprint, CaseSort sort);

}  // namespace rma::store
