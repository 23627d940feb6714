// engine/languages_module.hpp — languages in the engine (docs/languages.md): the catalogs in
// force (built-in plus the host's document, a configuration kind like the others) and the
// language a reader gets when a request names none.
//
// Bodies run inside the frames of engine.cpp, under the command lock, like every command.
#pragma once

#include <string>

#include "engine/config_kinds.hpp"
#include "rma/engine.hpp"
#include "rma/language.hpp"

namespace rma {

class LanguagesModule {
 public:
  explicit LanguagesModule(Engine::Impl& engine) : e_(engine) {}

  ConfigDocument<Catalogs> document = languages_document();
  const Catalogs& catalogs();
  // Replaces the host's catalog document (admin or system); checked whole first.
  void configure(const Actor& by, const std::string& text);
  // The host's document as stored; {"languages": {}} while none is.
  std::string stored_text();

  // `requested` in canonical case when given; else the reader's own: a customer's stored
  // language (when it is a valid tag), else English.
  std::string reader_language(const Actor& by, const std::string& requested);

 private:
  Engine::Impl& e_;
};

}  // namespace rma
