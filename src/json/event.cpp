// json/event.cpp — an audit event as a JSON document, its data embedded as an object.
#include "json/event.hpp"

#include "json/parse.hpp"

namespace rma::codec {

nlohmann::json to_json_value(const Event& e) {
  return {{"seq", e.seq},
          {"case_id", e.case_id},
          {"case_number", e.case_number},
          {"at", e.at.to_iso()},
          {"actor", e.actor},
          {"type", e.type},
          {"data", embedded_object(e.data, "data")}};
}

}  // namespace rma::codec
