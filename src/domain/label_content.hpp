// domain/label_content.hpp — what a return label says, decided before anything is drawn.
//
// The engine hands in the case and the customer already in the asker's view (the allow-lists of
// views.cpp), so a label shows a customer nothing its own case.get would not. Every printed text
// is checked here: valid UTF-8 and at most kMaxLabelTextChars characters, so it fits one printed
// line at the label's smallest type; the errors name the field ("labels.return_address.city",
// "customer.addresses[0].line1", "lines[2].sku").
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "rma/case.hpp"
#include "rma/label.hpp"
#include "rma/party.hpp"

namespace rma::domain {

// The longest text one printed line holds at 3 mm type on a 100 mm label.
constexpr std::size_t kMaxLabelTextChars = 80;
// The lines a case label lists; beyond them one more row says how many are left out.
constexpr std::size_t kMaxListedLabelLines = 8;

// The texts around the data, in one language (domain/label_texts.hpp).
struct LabelTexts {
  std::string language;
  std::string return_to;    // "Return to"
  std::string sender;       // "From"
  std::string items;        // "Contents"
  std::string instruction;  // what the customer does with the label
  // "+3 more lines": the row after kMaxListedLabelLines, in the language's plural form.
  std::function<std::string(std::size_t count)> more_lines;
};

struct LabelContent {
  std::string number;   // printed large
  std::string payload;  // what the barcode encodes: the number, or "<number>/<line_no>"
  std::string return_title;
  std::vector<std::string> return_lines;  // name, street lines, postal code and city, country
  std::string sender_title;
  std::vector<std::string> sender_lines;  // empty when the asker may not see the customer
  std::string items_title;
  std::vector<std::string> items;  // "SKU × quantity", then "+n more lines" if any were cut
  std::string instruction;
  std::string language;
};

// The barcode's payload for the case, or for one of its lines.
std::string label_payload(const std::string& number, const std::optional<std::int32_t>& line_no);

// Builds and checks the label. `sender` may be null (no customer record visible). Throws
// Error(not_found, "line_no") for a line the case does not have, too_large or invalid_utf8
// naming the text that cannot be printed.
LabelContent label_content(const Case& c, const Customer* sender, const LabelOptions& options,
                           const std::optional<std::int32_t>& line_no, const LabelTexts& texts);

// Checks the return address of the engine options (at open): every member valid UTF-8 and
// within kMaxLabelTextChars, errors named "labels.<member>".
void check_label_options(const LabelOptions& options);

}  // namespace rma::domain
