// Language tags (BCP 47, as hosts store them: "it", "pl-PL", "de-AT") and the chain a text is
// looked up along. librma keeps the tag as given, in canonical case, rather than asking ICU to
// "fix" it, so what a host stored is what it reads back.
#include <cctype>

#include "domain/quoted.hpp"
#include "rma/error.hpp"
#include "rma/language.hpp"

namespace rma {

namespace {

constexpr std::size_t kMaxTag = 35;  // RFC 5646 section 4.4.1: 35 characters suffice for any tag

bool all_of(std::string_view s, int (*pred)(int)) {
  for (char c : s)
    if (!pred(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

const std::vector<std::string>& built_in_languages() {
  static const std::vector<std::string> languages = {"en", "it", "pl", "ro", "de"};
  return languages;
}

std::string canonical_language(std::string_view tag, const std::string& field) {
  auto refuse = [&]() -> Error {
    return Error(Status::unknown_value, field,
                 detail::quoted(std::string(tag.substr(0, kMaxTag + 1))) +
                     " is not a language tag (BCP 47: a 2-3 letter language, then subtags of 1-8 letters or digits "
                     "joined by '-', e.g. \"de-AT\")");
  };
  if (tag.empty() || tag.size() > kMaxTag) throw refuse();
  std::string out;
  std::size_t start = 0;
  for (int index = 0; start <= tag.size(); ++index) {
    std::size_t end = tag.find('-', start);
    if (end == std::string_view::npos) end = tag.size();
    const std::string_view part = tag.substr(start, end - start);
    if (index == 0) {
      if (part.size() < 2 || part.size() > 3 || !all_of(part, std::isalpha)) throw refuse();
      out = lower(part);
    } else {
      if (part.empty() || part.size() > 8 || !all_of(part, std::isalnum)) throw refuse();
      std::string sub = lower(part);
      // Canonical case (RFC 5646 2.1.1): regions upper case ("AT"), scripts title case ("Latn").
      if (sub.size() == 2 && all_of(sub, std::isalpha)) {
        for (char& c : sub) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      } else if (sub.size() == 4 && all_of(sub, std::isalpha)) {
        sub[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sub[0])));
      }
      out += '-' + sub;
    }
    start = end + 1;
  }
  return out;
}

std::vector<std::string> language_fallback_chain(std::string_view tag) {
  std::vector<std::string> chain;
  std::string current(tag);
  while (!current.empty()) {
    chain.push_back(current);
    const std::size_t dash = current.rfind('-');
    current = dash == std::string::npos ? std::string() : current.substr(0, dash);
  }
  if (chain.empty() || chain.back() != kBaseLanguage) chain.emplace_back(kBaseLanguage);
  return chain;
}

}  // namespace rma
