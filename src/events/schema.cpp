#include "events/schema.hpp"

#include "rma/error.hpp"

namespace rma::events {

std::int32_t schema_version_of(const nlohmann::json& data, const std::string& where) {
  if (!data.is_object()) throw Error(Status::storage, where, "event data is not a JSON object");
  const auto v = data.find("v");
  if (v == data.end()) return 1;
  if (!v->is_number_integer() || v->get<std::int64_t>() < 1) {
    throw Error(Status::storage, where + ".v", "the event schema version must be a positive integer");
  }
  const std::int64_t version = v->get<std::int64_t>();
  if (version > kEventSchemaVersion) {
    throw Error(Status::storage, where + ".v",
                "event schema version " + std::to_string(version) + " is newer than this librma reads (" +
                    std::to_string(kEventSchemaVersion) + "); open the database with a newer librma");
  }
  return static_cast<std::int32_t>(version);
}

void stamp_version(nlohmann::json& data, std::int32_t version) {
  if (version > 1) data["v"] = version;
}

}  // namespace rma::events
