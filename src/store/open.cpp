#include "store/open.hpp"

#include <string_view>

#include "rma/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rma::store {
namespace {

// A location in the form of a database server URI or a libpq key/value string: no backend of
// this build serves one yet, and it must not be taken for a file name.
bool names_a_server(std::string_view location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0 ||
         location.find("dbname=") != std::string_view::npos || location.find("host=") != std::string_view::npos;
}

}  // namespace

std::unique_ptr<Store> open(const std::string& location, const Options& options) {
  if (names_a_server(location)) {
    throw Error(Status::unknown_value, "location",
                "no store backend of this build serves '" + location + "' (a plain path opens an SQLite file)");
  }
  return open_sqlite_store(location, options);
}

}  // namespace rma::store
