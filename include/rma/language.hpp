// rma/language.hpp — texts for people in their language: message catalogs and formatting.
//
// A message catalog maps stable keys ("workflow.consumer_return.state.requested", "kind.return",
// "eligibility.withdrawal_window_closed", "count.products") to ICU MessageFormat strings in one
// language. librma ships catalogs for en, it, pl, ro and de (data/catalogs/, compiled in); a host
// adds a language or overrides keys with a document of its own (docs/languages.md). A text is
// looked up along the reader's fallback chain — "de-AT", then "de", then "en" — so a reader never
// sees a key; what a language lacks is listed by Catalogs::missing().
//
// Formatting (plural rules, money, dates and times, lists) goes through ICU with the CLDR data of
// the reader's locale. Every function here is pure: no clock is read and no file is opened (the
// time zone of a date is the caller's).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rma/money.hpp"
#include "rma/time.hpp"

namespace rma {

// The languages librma ships catalogs for, in this order: en, it, pl, ro, de.
const std::vector<std::string>& built_in_languages();

// The language every chain ends in; its catalog holds every key.
constexpr const char* kBaseLanguage = "en";

// A BCP 47 tag in its canonical case ("de-AT", "sr-Latn-RS", "it"): a 2-3 letter language, then
// optional subtags of 1-8 letters or digits. Throws Error(unknown_value) naming `field` for
// anything else ("", "german", "de_AT", "x", a subtag of 9 characters).
std::string canonical_language(std::string_view tag, const std::string& field);

// Where a text for `tag` (canonical) is looked for: the tag, each shorter prefix, then "en":
// "de-AT" -> {"de-AT", "de", "en"}; "en-GB" -> {"en-GB", "en"}.
std::vector<std::string> language_fallback_chain(std::string_view tag);

// A set of catalogs: the built-in ones plus whatever a host added. A value type: copies share
// their texts, so copying is cheap; not thread-safe for concurrent add() and reads.
class Catalogs {
 public:
  Catalogs();  // empty
  // The catalogs of data/catalogs/, parsed once.
  static const Catalogs& built_in();

  // Adds a host document: {"languages": {"<tag>": {"<key>": "<ICU MessageFormat>", ...}, ...}}.
  // A new tag adds a language; an existing one overrides the keys it names. Each text must be
  // valid UTF-8, at most `max_text_bytes`, and a valid MessageFormat pattern; each key
  // [a-z0-9_.] of at most 200 characters. Everything is checked before anything changes: on an
  // error (naming its path, e.g. "languages.de-AT.kind.return") the catalogs stay as they were.
  void add(std::string_view document, std::int64_t max_text_bytes = 4096, std::int32_t max_depth = 64);
  // The same for one language's map of keys to texts.
  void add_language(const std::string& tag, const std::map<std::string, std::string>& messages,
                    const std::string& field = "languages");

  // The text of `key` for a reader of `tag` (canonical), along its fallback chain; nullopt when
  // no catalog on the chain has it.
  std::optional<std::string> find(std::string_view tag, std::string_view key) const;
  // The text of `key` in the catalog of exactly `language`, without falling back.
  std::optional<std::string> find_in(std::string_view language, std::string_view key) const;
  // find(), else `fallback` (a host workflow's own label); never a key.
  std::string text_or(std::string_view tag, std::string_view key, const std::string& fallback) const;
  // The message of `key` formatted for `tag` with `arguments`, a JSON object of named values
  // (numbers select plural forms: {"count": 5}). Throws Error(not_found, "key") when no catalog
  // on the chain has the key.
  std::string format(std::string_view tag, std::string_view key, std::string_view arguments = "{}") const;

  // Every language with a catalog, sorted.
  std::vector<std::string> languages() const;
  // Every key of the base language (en), sorted.
  std::vector<std::string> keys() const;
  // Per language, the keys the base language has and it lacks on its own (before falling back):
  // an empty map means every catalog is complete. Regional catalogs ("de-AT") are checked against
  // their chain, so an override of a few keys is complete when "de" is.
  std::map<std::string, std::vector<std::string>> missing() const;

 private:
  struct Data;
  std::shared_ptr<const Data> data_;
};

// A catalog text used as a label: formatted without arguments, so MessageFormat quoting ('{')
// reads as meant.
std::string label_text(std::string_view tag, const std::string& text);

// --- formatting for a reader (tag canonical; ICU falls back along the same chain) ---

// The CLDR plural category of `number` in the language: "zero", "one", "two", "few", "many" or
// "other" (pl: 1 one, 2 few, 5 many, 1.5 other). `number` is a decimal text ("5", "1.5").
std::string plural_category(std::string_view tag, std::string_view number);

// MessageFormat `pattern` formatted for `tag` with `arguments` (a JSON object). Throws
// Error(invalid_argument, field) for a malformed pattern.
std::string format_message(std::string_view tag, std::string_view pattern, std::string_view arguments,
                           const std::string& field = "pattern");

// An amount in the locale's currency format with the currency's own digits: 12.08 EUR in it ->
// "12,08 €", 1234.56 PLN in pl -> "1 234,56 zł" (the spaces are CLDR's no-break spaces).
std::string format_money(std::string_view tag, const Money& amount);

// How long a date or time is written (CLDR's four styles); `none` leaves that part out.
enum class DateStyle { none, short_, medium, long_, full };
const char* date_style_name(DateStyle v) noexcept;  // "none", "short", "medium", "long", "full"
std::optional<DateStyle> date_style_from_name(std::string_view name) noexcept;

// A calendar date: 2026-03-01 long in it -> "1 marzo 2026".
std::string format_date(std::string_view tag, Date date, DateStyle style = DateStyle::medium);
// An instant in the reader's zone: `utc_offset_seconds` is the zone's offset at that instant (the
// engine reads it from a POSIX rule or an IANA name, so both kinds of zone work alike).
std::string format_time(std::string_view tag, Timestamp at, std::int64_t utc_offset_seconds,
                        DateStyle date_style = DateStyle::medium, DateStyle time_style = DateStyle::short_);
// Items joined as the language joins a list: {"a", "b", "c"} in pl -> "a, b i c".
std::string format_list(std::string_view tag, const std::vector<std::string>& items);

}  // namespace rma
