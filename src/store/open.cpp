#include "store/open.hpp"

#include <string_view>

#include "rma/error.hpp"
#include "store/sqlite/sqlite_store.hpp"
#ifdef RMA_WITH_POSTGRESQL
#include "store/postgres/pg_store.hpp"
#endif

namespace rma::store {

bool names_a_server(std::string_view location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) return true;
  const std::size_t start = location.find_first_not_of(' ');
  if (start == std::string_view::npos) return false;
  const std::size_t keyword_end = location.find_first_not_of("abcdefghijklmnopqrstuvwxyz_", start);
  return keyword_end != start && keyword_end != std::string_view::npos &&
         location.find_first_not_of(' ', keyword_end) != std::string_view::npos &&
         location[location.find_first_not_of(' ', keyword_end)] == '=';
}

std::unique_ptr<Store> open(const std::string& location, const Options& options) {
  if (names_a_server(location)) {
#ifdef RMA_WITH_POSTGRESQL
    return open_pg_store(location, options);
#else
    throw Error(Status::unknown_value, "location",
                "no store backend of this build serves '" + location + "' (a plain path opens an SQLite file)");
#endif
  }
  return open_sqlite_store(location, options);
}

}  // namespace rma::store
