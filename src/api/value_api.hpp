// api/value_api.hpp — the JSON API's answers as JSON values, before they are written as text.
//
// JsonApi::call writes what call_value answers; a binding that builds its host's objects straight
// from the value (the Python module) skips writing and reading the text, and gets the same
// document, in the same view, with the same refusals.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "api/op_table.hpp"
#include "domain/views.hpp"
#include "rma/engine.hpp"
#include "rma/error.hpp"

namespace rma::api {

// JsonApi::call for a parsed actor, answering the JSON value instead of its text.
nlohmann::json call_value(Engine& engine, const Actor& by, std::string_view op, std::string_view request);

// The answer `body()` of op `op` in the view of `by`.
template <class Body>
nlohmann::json value_for(const Actor& by, Op op, const Body& body) {
  nlohmann::json answer = body();
  // A batch shows each command's answer in its own view (run_batch).
  if (op != Op::batch) domain::apply_view(answer, kOps[static_cast<std::size_t>(op)].answer, domain::audience_of(by));
  return answer;
}

// Runs `body`, turning a refusal into the words `by` may read; a JSON library error past the
// codec's checks is a bug (internal).
template <class Body>
auto respond_for(const Actor& by, const Body& body) -> decltype(body()) {
  try {
    try {
      return body();
    } catch (const nlohmann::json::exception& e) {
      throw Error(Status::internal, std::string(), std::string("JSON handling failed: ") + e.what());
    }
  } catch (const Error& e) {
    const domain::Audience audience = domain::audience_of(by);
    if (audience == domain::Audience::staff) throw;
    throw domain::error_view(e, audience);
  }
}

}  // namespace rma::api
