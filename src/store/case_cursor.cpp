#include "store/case_cursor.hpp"

#include <array>
#include <optional>

#include "rma/error.hpp"
#include "store/column_text.hpp"

namespace rma::store {
namespace {

constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

[[noreturn]] void malformed(const std::string& why) {
  throw Error(Status::invalid_argument, "cursor", "not a cursor of this query: " + why);
}

std::string base64url(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                            static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                            static_cast<unsigned char>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(v >> shift) & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    if (rest == 2) out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

// Strict: only the base64url alphabet, no padding, and the one canonical spelling of the bytes
// (unused low bits zero), so each cursor has exactly one text.
std::string from_base64url(std::string_view text) {
  std::array<int, 256> value{};
  value.fill(-1);
  for (int i = 0; i < 64; ++i) value[static_cast<unsigned char>(kAlphabet[i])] = i;
  if (text.size() % 4 == 1) malformed("its length");
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t bits = 0;
  int count = 0;
  for (char ch : text) {
    const int v = value[static_cast<unsigned char>(ch)];
    if (v < 0) malformed("a character outside base64url");
    bits = bits << 6 | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  if ((bits & ((1u << count) - 1)) != 0) malformed("its last character");
  return out;
}

// FNV-1a, 64 bit, over length-prefixed parts: stable across runs and platforms.
class Fingerprint {
 public:
  void add(const char* tag, std::string_view value) {
    mix(tag);
    mix("=");
    mix(std::to_string(value.size()));
    mix(":");
    mix(value);
  }
  void add_set(const char* tag, const std::optional<std::string>& value) {
    if (value) add(tag, std::string_view(*value));
  }
  void add_set(const char* tag, const std::optional<Timestamp>& value) {
    if (value) add(tag, std::string_view(time_text(*value)));
  }
  std::string hex() const {
    static const char* const kHex = "0123456789abcdef";
    std::string out(16, '0');
    std::uint64_t h = h_;
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xf];
    return out;
  }

 private:
  void mix(std::string_view text) {
    for (unsigned char ch : text) {
      h_ ^= ch;
      h_ *= 1099511628211ull;
    }
  }
  std::uint64_t h_ = 14695981039346656037ull;
};

std::optional<std::int64_t> positive_decimal(std::string_view text) {
  if (text.empty() || text.size() > 18 || text[0] == '0') return std::nullopt;
  std::int64_t v = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + (ch - '0');
  }
  return v;
}

// A decimal integer as std::to_string writes one: an optional '-', no leading zero, no sign on 0.
std::optional<std::int64_t> decimal(std::string_view text) {
  const bool negative = !text.empty() && text[0] == '-';
  if (text == "0") return 0;
  const std::optional<std::int64_t> magnitude = positive_decimal(negative ? text.substr(1) : text);
  if (!magnitude) return std::nullopt;
  return negative ? -*magnitude : *magnitude;
}

// Whether `key` is a value the column of `sort` can hold, in its stored form.
bool key_fits(CaseSort sort, const std::string& key) {
  switch (sort) {
    case CaseSort::id: return key.empty();
    case CaseSort::priority: return key.size() == 1 && key[0] >= '0' && key[0] <= '3';
    case CaseSort::created_at:
    case CaseSort::updated_at: return decimal(key).has_value();  // microseconds since 1970
    case CaseSort::kind: return case_kind_from_name(key).has_value();
    case CaseSort::channel: return channel_from_name(key).has_value();
    case CaseSort::category: return complaint_category_from_name(key).has_value();
    case CaseSort::resolution: return resolution_from_name(key).has_value();
    default: return true;  // free text columns
  }
}

}  // namespace

std::string case_query_fingerprint(const CaseQuery& q, const CaseScope& scope) {
  Fingerprint f;
  f.add("scope.customer_id", scope.customer_id);
  f.add("scope.supplier_id", scope.supplier_id);
  f.add_set("customer_id", q.customer_id);
  f.add_set("status", q.status);
  f.add_set("serial", q.serial);
  f.add_set("assignee", q.assignee);
  if (q.kind) f.add("kind", case_kind_name(*q.kind));
  if (q.channel) f.add("channel", channel_name(*q.channel));
  f.add_set("created_from", q.created_from);
  f.add_set("created_to", q.created_to);
  f.add_set("number_prefix", q.number_prefix);
  if (q.category) f.add("category", complaint_category_name(*q.category));
  if (q.priority) f.add("priority", priority_name(*q.priority));
  f.add_set("team", q.team);
  f.add_set("supplier_id", q.supplier_id);
  f.add_set("sku", q.sku);
  f.add_set("lot", q.lot);
  f.add_set("sales_document", q.sales_document);
  f.add_set("reason_code", q.reason_code);
  f.add_set("root_cause", q.root_cause);
  if (q.resolution) f.add("resolution", resolution_name(*q.resolution));
  f.add_set("updated_from", q.updated_from);
  f.add_set("updated_to", q.updated_to);
  f.add_set("closed_from", q.closed_from);
  f.add_set("closed_to", q.closed_to);
  if (q.sla_breached) f.add("sla_breached", *q.sla_breached ? "true" : "false");
  if (q.sla_due_within) f.add("sla_due_within", std::to_string(*q.sla_due_within));
  for (const auto& [name, value] : q.custom_fields) {
    f.add("custom_field", name);
    f.add("custom_value", value);
  }
  f.add("sort", case_sort_name(q.sort));
  f.add("descending", q.descending ? "true" : "false");
  return f.hex();
}

// Format 2 (schema 12's times are integers): the key ends in ':', so a cursor cut short is refused
// even where what is left of the key would still be a value of its column. Format 1 cursors held
// times as text: refused as an unknown format after an upgrade, as any stale cursor may be.
std::string encode_case_cursor(const std::string& fingerprint, const CaseCursor& cursor) {
  return base64url("2:" + fingerprint + ":" + std::to_string(cursor.id) + ":" + cursor.key + ":");
}

CaseCursor decode_case_cursor(std::string_view text, const std::string& fingerprint, CaseSort sort) {
  if (text.size() > kMaxCursorBytes) malformed("it is too long");
  const std::string bytes = from_base64url(text);
  // "2:" + 16 hex digits + ":" + id + ":" + key + ":"
  if (bytes.compare(0, 2, "2:") != 0) malformed("an unknown format");
  const std::size_t after_fingerprint = 2 + fingerprint.size();
  if (bytes.size() <= after_fingerprint || bytes[after_fingerprint] != ':') malformed("its form");
  if (bytes.compare(2, fingerprint.size(), fingerprint) != 0) {
    malformed("it was made by a query with other filters, another order or for another actor");
  }
  const std::size_t id_end = bytes.find(':', after_fingerprint + 1);
  if (id_end == std::string::npos) malformed("its form");
  const std::optional<std::int64_t> id =
      positive_decimal(std::string_view(bytes).substr(after_fingerprint + 1, id_end - after_fingerprint - 1));
  if (!id) malformed("its case id");
  if (bytes.back() != ':' || bytes.size() < id_end + 2) malformed("its end");
  CaseCursor cursor{bytes.substr(id_end + 1, bytes.size() - id_end - 2), *id};
  if (!key_fits(sort, cursor.key)) malformed("its sort key");
  return cursor;
}

}  // namespace rma::store
