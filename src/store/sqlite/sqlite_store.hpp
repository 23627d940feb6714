// store/sqlite/sqlite_store.hpp — the embedded default Store: one SQLite file (or ":memory:") in WAL mode.
#pragma once

#include <memory>
#include <string>

#include "rma/options.hpp"
#include "store/store.hpp"

namespace rma::store {

// Opens (creating if needed) and migrates the database. Throws Error(Status::storage).
std::unique_ptr<Store> open_sqlite_store(const std::string& path, const Options& options);

}  // namespace rma::store
