// libFuzzer target over the import parsers (src/domain/import_parse.hpp): the input is read as
// JSON Lines and as CSV, for every import kind. A parse must end with records and row errors, or
// an rma::Error; anything else (a crash, a sanitizer report, another exception) stops the run.
//
// Depth: a JSON Lines row that is JSON nested deeper than the limit must be a row error saying
// so; and every input is also read after a first row nested deeper than the limit, which must
// always be refused that way.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/import_parse.hpp"
#include "fuzz_support.hpp"
#include "rma/error.hpp"

namespace {

constexpr const char* kTarget = "fuzz_import";
constexpr rma::ImportKind kKinds[] = {rma::ImportKind::customers, rma::ImportKind::products,
                                      rma::ImportKind::suppliers, rma::ImportKind::sales_documents,
                                      rma::ImportKind::purchase_documents};

rma_fuzz::Counters& counters() {
  static rma_fuzz::Counters c{kTarget};
  return c;
}

rma::domain::ParsedImport parse(rma::ImportKind kind, rma::ImportFormat format, std::string_view content,
                                const rma::Limits& limits) {
  try {
    return rma::domain::parse_import(kind, format, content, limits, {}, 0);
  } catch (const rma::Error&) {
    return rma::domain::ParsedImport(limits.max_import_errors);
  } catch (const std::exception& e) {
    rma_fuzz::fail(kTarget, "an exception other than rma::Error", e.what());
  }
}

// True if the report refuses input line `line` for its depth.
bool refused_as_too_deep(const rma::domain::ParsedImport& parsed, std::int64_t line) {
  rma::ImportReport report;
  parsed.errors.fill(report);
  for (const rma::ImportRowError& e : report.errors) {
    if (e.line == line && e.reason.find("levels deep, more than the limit of") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const rma::Limits limits;
  rma_fuzz::Counters& count = counters();
  ++count.runs;

  // A first row deeper than the limit, then the input from line 2 on.
  std::string wrapped(static_cast<std::size_t>(limits.max_json_depth) + 1, '[');
  wrapped.append(static_cast<std::size_t>(limits.max_json_depth) + 1, ']');
  wrapped += '\n';
  wrapped += input;

  for (const rma::ImportKind kind : kKinds) {
    parse(kind, rma::ImportFormat::csv, input, limits);
    const rma::domain::ParsedImport parsed = parse(kind, rma::ImportFormat::jsonl, input, limits);
    // parse_jsonl numbers every '\n'-separated line; a leading byte order mark is not JSON, so
    // accept() skips that line here.
    std::int64_t line_no = 0;
    for (std::size_t pos = 0; pos <= input.size();) {
      std::size_t end = input.find('\n', pos);
      if (end == std::string_view::npos) end = input.size();
      const std::string_view line = input.substr(pos, end - pos);
      ++line_no;
      // A report lists at most max_import_errors rows one by one: only those can be looked up.
      const bool listed = parsed.errors.total() < static_cast<std::int64_t>(limits.max_import_errors);
      if (listed && rma_fuzz::nesting_depth(line) > limits.max_json_depth && nlohmann::json::accept(line)) {
        ++count.deep_inputs;
        if (!refused_as_too_deep(parsed, line_no)) rma_fuzz::fail(kTarget, "a row deeper than the limit was read", line);
      }
      pos = end + 1;
    }
    if (!refused_as_too_deep(parse(kind, rma::ImportFormat::jsonl, wrapped, limits), 1)) {
      rma_fuzz::fail(kTarget, "a first row deeper than the limit was read", input);
    }
    ++count.deep_wrapped;
  }
  return 0;
}
