// The label's texts, checked so that what is drawn always fits and is always valid UTF-8.
#include "domain/label_content.hpp"

#include <string>

#include "json/utf8.hpp"
#include "rma/error.hpp"

namespace rma::domain {

namespace {

// Characters (code points) of valid UTF-8: every byte but continuation bytes starts one.
std::size_t characters(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

void check_text(const std::string& text, const std::string& field) {
  if (!detail::is_valid_utf8(text))
    throw Error(Status::invalid_utf8, field, "is not valid UTF-8 (byte " +
                                                 std::to_string(detail::first_invalid_utf8(text)) + ")");
  const std::size_t n = characters(text);
  if (n > kMaxLabelTextChars)
    throw Error(Status::too_large, field,
                "has " + std::to_string(n) + " characters; a label line holds at most " +
                    std::to_string(kMaxLabelTextChars));
}

// One printed line per non-empty part; postal code and city share one.
std::vector<std::string> address_lines(const std::string& name, const Address& a, const std::string& field) {
  const auto checked = [&](const std::string& text, const char* member) {
    check_text(text, field + "." + member);
    return text;
  };
  std::vector<std::string> out;
  const auto add = [&](const std::string& text) {
    if (!text.empty()) out.push_back(text);
  };
  add(name);
  add(checked(a.line1, "line1"));
  add(checked(a.line2, "line2"));
  const std::string postal = checked(a.postal_code, "postal_code");
  const std::string city = checked(a.city, "city");
  add(postal.empty() || city.empty() ? postal + city : postal + " " + city);
  check_text(postal + " " + city, field + ".city");
  add(checked(a.region, "region"));
  add(checked(a.country, "country"));
  return out;
}

// The address a parcel comes from: the customer's shipping address, else its first.
std::optional<std::size_t> sender_address(const Customer& customer) {
  for (std::size_t i = 0; i < customer.addresses.size(); ++i)
    if (customer.addresses[i].kind == "shipping") return i;
  if (!customer.addresses.empty()) return 0;
  return std::nullopt;
}

}  // namespace

std::string label_payload(const std::string& number, const std::optional<std::int32_t>& line_no) {
  return line_no ? number + "/" + std::to_string(*line_no) : number;
}

void check_label_options(const LabelOptions& options) {
  check_text(options.return_name, "labels.return_name");
  address_lines(options.return_name, options.return_address, "labels.return_address");
}

LabelContent label_content(const Case& c, const Customer* sender, const LabelOptions& options,
                           const std::optional<std::int32_t>& line_no, const LabelTexts& texts) {
  LabelContent out;
  out.number = c.number;
  out.payload = label_payload(c.number, line_no);
  out.language = texts.language;
  out.return_title = texts.return_to;
  check_text(options.return_name, "labels.return_name");
  out.return_lines = address_lines(options.return_name, options.return_address, "labels.return_address");
  out.sender_title = texts.sender;
  if (sender) {
    check_text(sender->name, "customer.name");
    const std::optional<std::size_t> at = sender_address(*sender);
    out.sender_lines = at ? address_lines(sender->name, sender->addresses[*at],
                                          "customer.addresses[" + std::to_string(*at) + "]")
                          : std::vector<std::string>{sender->name};
  }
  out.items_title = texts.items;

  bool found = false;
  std::size_t left_out = 0;
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    const CaseLine& line = c.lines[i];
    if (line_no && line.line_no != *line_no) continue;
    found = true;
    const std::string sku_field = "lines[" + std::to_string(i) + "].sku";
    check_text(line.sku, sku_field);
    if (out.items.size() == kMaxListedLabelLines) {
      ++left_out;
      continue;
    }
    out.items.push_back(line.sku + " \u00d7 " + std::to_string(line.qty_requested));
  }
  if (line_no && !found)
    throw Error(Status::not_found, "line_no", "case " + c.number + " has no line " + std::to_string(*line_no));
  if (left_out > 0) out.items.push_back(texts.more_lines(left_out));
  out.instruction = texts.instruction;
  return out;
}

}  // namespace rma::domain
