// Formatting for a reader through ICU: plural categories, MessageFormat, money, dates and times,
// lists. ICU falls back along the tag ("de-AT" has its own CLDR data, "de-CH" too, "xx-YY" gets
// the root locale), so a reader of any valid tag gets something sensible.
//
// Money is grouped from four digits in every language ("1 234,56 zł"), as invoices write it;
// CLDR's minimum grouping of two digits in Polish is meant for running text (ICU's default would
// print "1234,56 zł").
#include <memory>

#include <nlohmann/json.hpp>
#include <unicode/datefmt.h>
#include <unicode/listformatter.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/plurrule.h>
#include <unicode/simpletz.h>
#include <unicode/unistr.h>

#include "domain/formatting.hpp"
#include "domain/calendar_date.hpp"
#include "domain/quoted.hpp"
#include "json/parse.hpp"
#include "rma/error.hpp"
#include "rma/language.hpp"

namespace rma {

namespace {

using nlohmann::json;

constexpr std::int32_t kMaxArgumentDepth = 4;

std::string utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

icu::UnicodeString unicode(std::string_view text) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
}

icu::Locale locale_of(std::string_view tag) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<std::int32_t>(tag.size())), status);
  if (U_FAILURE(status) || locale.isBogus())
    throw Error(Status::unknown_value, "lang", detail::quoted(tag) + " is not a language tag");
  return locale;
}

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) throw Error(Status::internal, std::string(what) + " failed in ICU: " + u_errorName(status));
}

// The minor units as a decimal text: 1208 with 2 digits -> "12.08"; -5 -> "-0.05".
std::string decimal_text(std::int64_t minor, int digits) {
  const bool negative = minor < 0;
  // Through unsigned arithmetic so INT64_MIN has a magnitude.
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
  std::string text = std::to_string(magnitude);
  if (digits > 0) {
    if (text.size() <= static_cast<std::size_t>(digits)) text.insert(0, static_cast<std::size_t>(digits) + 1 - text.size(), '0');
    text.insert(text.size() - static_cast<std::size_t>(digits), ".");
  }
  return negative ? "-" + text : text;
}

icu::Formattable argument_value(const json& value, const std::string& path) {
  switch (value.type()) {
    case json::value_t::number_integer: return icu::Formattable(static_cast<int64_t>(value.get<std::int64_t>()));
    case json::value_t::number_unsigned: {
      const std::uint64_t n = value.get<std::uint64_t>();
      if (n > static_cast<std::uint64_t>(INT64_MAX)) throw Error(Status::out_of_range, path, "is too large");
      return icu::Formattable(static_cast<int64_t>(n));
    }
    case json::value_t::number_float: return icu::Formattable(value.get<double>());
    case json::value_t::string: return icu::Formattable(unicode(value.get_ref<const std::string&>()));
    default: throw Error(Status::wrong_type, path, "must be a string or a number");
  }
}

icu::DateFormat::EStyle icu_style(DateStyle style) {
  switch (style) {
    case DateStyle::none: return icu::DateFormat::kNone;
    case DateStyle::short_: return icu::DateFormat::kShort;
    case DateStyle::medium: return icu::DateFormat::kMedium;
    case DateStyle::long_: return icu::DateFormat::kLong;
    case DateStyle::full: return icu::DateFormat::kFull;
  }
  return icu::DateFormat::kMedium;
}

// An instant formatted in a fixed-offset zone (the caller's offset at that instant).
std::string format_instant(std::string_view tag, double utc_millis, std::int64_t offset_seconds, DateStyle date_style,
                           DateStyle time_style) {
  if (date_style == DateStyle::none && time_style == DateStyle::none)
    throw Error(Status::invalid_argument, "style", "a date style or a time style is needed");
  std::unique_ptr<icu::DateFormat> format(
      icu::DateFormat::createDateTimeInstance(icu_style(date_style), icu_style(time_style), locale_of(tag)));
  if (!format) throw Error(Status::internal, "creating a date format failed in ICU");
  format->adoptTimeZone(new icu::SimpleTimeZone(static_cast<std::int32_t>(offset_seconds * 1000), u"local"));
  icu::UnicodeString out;
  format->format(utc_millis, out);
  return utf8(out);
}

}  // namespace

namespace domain {

void check_message_pattern(std::string_view pattern, const std::string& field) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where;
  icu::MessageFormat format(unicode(pattern), icu::Locale::getRoot(), where, status);
  if (U_FAILURE(status))
    throw Error(Status::invalid_argument, field,
                "is not an ICU MessageFormat pattern (" + std::string(u_errorName(status)) + " at offset " +
                    std::to_string(where.offset) + ")");
}

}  // namespace domain

std::string plural_category(std::string_view tag, std::string_view number) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = locale_of(tag);
  std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(locale, status));
  check(status, "loading the plural rules");
  // Formatted first, so the visible fraction digits count ("1.0" is "other" in English).
  icu::number::FormattedNumber formatted =
      icu::number::NumberFormatter::withLocale(locale)
          .precision(icu::number::Precision::unlimited())
          .formatDecimal(icu::StringPiece(number.data(), static_cast<std::int32_t>(number.size())), status);
  if (U_FAILURE(status)) throw Error(Status::invalid_argument, "number", detail::quoted(number) + " is not a number");
  const icu::UnicodeString category = rules->select(formatted, status);
  check(status, "choosing a plural category");
  return utf8(category);
}

std::string format_message(std::string_view tag, std::string_view pattern, std::string_view arguments,
                           const std::string& field) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where;
  icu::MessageFormat format(unicode(pattern), locale_of(tag), where, status);
  if (U_FAILURE(status)) domain::check_message_pattern(pattern, field);  // throws naming the offset
  const json args = arguments.empty() ? json::object() : codec::parse_json(arguments, "arguments", kMaxArgumentDepth);
  if (!args.is_object()) throw Error(Status::wrong_type, "arguments", "must be an object");
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  for (const auto& [name, value] : args.items()) {
    names.push_back(unicode(name));
    values.push_back(argument_value(value, "arguments." + name));
  }
  icu::UnicodeString out;
  format.format(names.data(), values.data(), static_cast<std::int32_t>(names.size()), out, status);
  if (U_FAILURE(status))
    throw Error(Status::invalid_argument, "arguments",
                std::string("do not fit the message (") + u_errorName(status) + ")");
  return utf8(out);
}

std::string format_money(std::string_view tag, const Money& amount) {
  const int digits = require_currency(amount.currency, "currency");
  UErrorCode status = U_ZERO_ERROR;
  const icu::CurrencyUnit unit(unicode(amount.currency).getTerminatedBuffer(), status);
  check(status, "reading the currency");
  const std::string decimal = decimal_text(amount.minor, digits);
  const icu::UnicodeString out = icu::number::NumberFormatter::withLocale(locale_of(tag))
                                     .unit(unit)
                                     .precision(icu::number::Precision::fixedFraction(digits))
                                     .grouping(UNUM_GROUPING_ON_ALIGNED)
                                     .formatDecimal(icu::StringPiece(decimal), status)
                                     .toString(status);
  check(status, "formatting an amount");
  return utf8(out);
}

const char* date_style_name(DateStyle v) noexcept {
  switch (v) {
    case DateStyle::none: return "none";
    case DateStyle::short_: return "short";
    case DateStyle::medium: return "medium";
    case DateStyle::long_: return "long";
    case DateStyle::full: return "full";
  }
  return "unknown";
}

std::optional<DateStyle> date_style_from_name(std::string_view name) noexcept {
  for (DateStyle v : {DateStyle::none, DateStyle::short_, DateStyle::medium, DateStyle::long_, DateStyle::full})
    if (name == date_style_name(v)) return v;
  return std::nullopt;
}

std::string format_date(std::string_view tag, Date date, DateStyle style) {
  // Noon UTC of the day, formatted at offset 0: the same calendar day whatever the style shows.
  const std::int64_t days = domain::days_since_epoch(date);
  return format_instant(tag, static_cast<double>(days) * 86400000.0 + 43200000.0, 0, style, DateStyle::none);
}

std::string format_time(std::string_view tag, Timestamp at, std::int64_t utc_offset_seconds, DateStyle date_style,
                        DateStyle time_style) {
  // Whole milliseconds: ICU's UDate; the microseconds below do not show in any CLDR style.
  return format_instant(tag, static_cast<double>(at.micros / 1000), utc_offset_seconds, date_style, time_style);
}

std::string format_list(std::string_view tag, const std::vector<std::string>& items) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::ListFormatter> format(icu::ListFormatter::createInstance(locale_of(tag), status));
  check(status, "loading the list format");
  std::vector<icu::UnicodeString> texts;
  texts.reserve(items.size());
  for (const std::string& item : items) texts.push_back(unicode(item));
  icu::UnicodeString out;
  format->format(texts.data(), static_cast<std::int32_t>(texts.size()), out, status);
  check(status, "formatting a list");
  return utf8(out);
}

}  // namespace rma
