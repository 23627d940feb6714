// store/open.hpp — opening the store a location names.
//
// The location given to Engine::open chooses the backend: a plain path (or ":memory:") is an
// SQLite file. Each backend lives in a folder of its own under store/ and adds one entry to the
// table in open.cpp; nothing above store/ learns which backend it runs on.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "rma/options.hpp"
#include "store/store.hpp"

namespace rma::store {

// Opens (creating and migrating if needed) the store at `location`. A location no backend of
// this build accepts is unknown_value naming "location"; a backend that cannot open it throws
// Error(Status::storage) naming "path".
// Whether `location` is a database server's: a URI (postgresql://…) or a libpq key/value string
// ("host=/tmp dbname=rma": it starts with a keyword and '='), which must never be taken for a file
// name. A path that merely contains "host=" is still a path.
bool names_a_server(std::string_view location);

std::unique_ptr<Store> open(const std::string& location, const Options& options);

}  // namespace rma::store
