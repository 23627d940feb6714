// engine/import_module.hpp — the ERP feed: customers, suppliers, products, sales and purchase
// documents imported in one command. Parsing and per-record validation are pure
// (domain/import_parse.hpp); here are the checks that need stored data and the upserts.
//
// Bodies run inside the frames of engine.cpp, under the command lock, like every command.
#pragma once

#include <string_view>

#include "rma/engine.hpp"

namespace rma {

class ImportModule {
 public:
  explicit ImportModule(Engine::Impl& engine) : e_(engine) {}

  ImportReport run(const Actor& by, ImportKind kind, ImportFormat format, std::string_view content,
                   const ImportOptions& options);

 private:
  Engine::Impl& e_;
};

}  // namespace rma
