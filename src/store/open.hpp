// store/open.hpp — opening the store a location names.
//
// The location given to Engine::open chooses the backend: a plain path (or ":memory:") is an
// SQLite file. Each backend lives in a folder of its own under store/ and adds one entry to the
// table in open.cpp; nothing above store/ learns which backend it runs on.
#pragma once

#include <memory>
#include <string>

#include "rma/options.hpp"
#include "store/store.hpp"

namespace rma::store {

// Opens (creating and migrating if needed) the store at `location`. A location no backend of
// this build accepts is unknown_value naming "location"; a backend that cannot open it throws
// Error(Status::storage) naming "path".
std::unique_ptr<Store> open(const std::string& location, const Options& options);

}  // namespace rma::store
