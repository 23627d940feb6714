// engine/config_document.hpp — one mechanism for every configuration document.
//
// A configuration kind (warranty, SLA, valuation, workflows, and the kinds to come) is a JSON
// document stored under a settings key, recorded by an event when an admin changes it, read
// through a parser, and replaced by a default while none is stored (engine/config_kinds.hpp
// lists the kinds). The engine keeps the current one in memory and reads it again when it may
// have changed under it: another process configured it (its event shows in the log), or a
// command that stored it rolled back (the stored one stays, the one in memory must go).
#pragma once

#include <functional>
#include <string>
#include <utility>

#include "events/event_type.hpp"
#include "store/store.hpp"

namespace rma {

// What the engine does alike for every kind, whatever its document's type.
class ConfigDocumentState {
 public:
  ConfigDocumentState(const char* key, events::EventType event) : key_(key), event_(event) {}
  const char* key() const { return key_; }
  events::EventType event() const { return event_; }  // the event type recording a change

  // Read it again on next use, and drop what was built from it.
  void mark_stale() {
    stale_ = true;
    if (on_stale) on_stale();
  }
  // An event of another process: its own event means it was configured there.
  void follow(events::EventType type) {
    if (type == event_) mark_stale();
  }
  // A write frame starts, or rolls back: what the command stored is reloaded rather than undone.
  void begin_command() { touched_ = false; }
  void abort_command() {
    if (touched_) mark_stale();
  }
  // The command changed something built from the document (the SLA clocks a tick reported).
  void touch() { touched_ = true; }

  // What is built from the document and must be rebuilt when it is read again.
  std::function<void()> on_stale;

 protected:
  const char* key_;
  events::EventType event_;
  bool stale_ = true;
  bool touched_ = false;
};

template <class T>
class ConfigDocument : public ConfigDocumentState {
 public:
  using Parse = std::function<T(const std::string& text)>;  // validates; throws rma::Error
  using Fallback = std::function<T()>;                      // the document while none is stored

  ConfigDocument(const char* key, events::EventType event, Parse parse, Fallback fallback)
      : ConfigDocumentState(key, event), parse_(std::move(parse)), fallback_(std::move(fallback)) {}

  // The current document: the stored one, else the default.
  const T& get(store::Store& store) {
    if (stale_) {
      auto text = store.get_setting(key_);
      value_ = text ? parse_(*text) : fallback_();
      stored_ = text.has_value();
      stale_ = false;
    }
    return value_;
  }
  // Whether the current document (get() first) is stored, or the default.
  bool stored() const { return stored_; }

  // Stores `value`, whose JSON is `text`, in the command's transaction.
  void put(store::Store& store, const std::string& text, T value, Timestamp at) {
    store.put_setting(key_, text, at);
    value_ = std::move(value);
    stored_ = true;
    stale_ = false;
    touched_ = true;
  }
  // Stores the current document (get() first), the default so far, as it is.
  void store_current(store::Store& store, const std::string& text, Timestamp at) {
    store.put_setting(key_, text, at);
    stored_ = true;
    touched_ = true;
  }

 private:
  Parse parse_;
  Fallback fallback_;
  T value_{};
  bool stored_ = false;
};

}  // namespace rma
