// import_chunks.cpp — splitting JSON Lines and CSV (RFC 4180, quoted line breaks included) into
// chunks of whole records.
#include "import_chunks.hpp"

#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace rmactl {
namespace {

std::pair<std::uint64_t, std::uint64_t> id_hash(const std::string& key) {
  // Two independent 64-bit hashes: a false "read in an earlier chunk" needs both to collide.
  const std::uint64_t a = std::hash<std::string_view>{}(key);
  std::uint64_t b = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : key) b = (b ^ c) * 1099511628211ULL;
  return {a, b};
}

// The cells of one CSV record (without its final line break); quotes removed, doubled quotes
// halved. Malformed quoting is the engine's to report: this only finds the id.
std::vector<std::string> csv_cells(std::string_view record) {
  while (!record.empty() && (record.back() == '\n' || record.back() == '\r')) record.remove_suffix(1);
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < record.size(); ++i) {
    const char c = record[i];
    if (quoted) {
      if (c == '"' && i + 1 < record.size() && record[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

enum class CsvState { cell_start, unquoted, quoted, after_quote };

// Advances the CSV reading state over one line (with its line break); true when the line ends
// inside a quoted cell, so the record goes on.
bool csv_scan(const std::string& line, CsvState& state) {
  for (char c : line) {
    switch (state) {
      case CsvState::cell_start:
        state = c == '"' ? CsvState::quoted : c == ',' || c == '\n' ? CsvState::cell_start : CsvState::unquoted;
        break;
      case CsvState::unquoted:
        if (c == ',' || c == '\n') state = CsvState::cell_start;
        break;
      case CsvState::quoted:
        if (c == '"') state = CsvState::after_quote;
        break;
      case CsvState::after_quote:
        state = c == '"' ? CsvState::quoted : c == ',' || c == '\n' ? CsvState::cell_start : CsvState::unquoted;
        break;
    }
  }
  return state == CsvState::quoted;
}

// The top-level string member `member` of a JSON object line, read with a SAX handler that
// builds nothing (a row nested a million levels deep costs no stack and no memory).
class TopLevelString : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit TopLevelString(const char* member) : member_(member) {}
  std::string value;

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t&) override { return scalar(); }
  bool string(string_t& text) override {
    if (depth_ == 1 && at_member_) value = text;
    return scalar();
  }
  bool binary(binary_t&) override { return scalar(); }
  bool start_object(std::size_t) override { return open(); }
  bool key(string_t& name) override {
    at_member_ = depth_ == 1 && name == member_;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  bool scalar() {
    at_member_ = false;
    return true;
  }
  bool open() {
    at_member_ = false;
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }
  const char* member_;
  int depth_ = 0;
  bool at_member_ = false;
};

bool is_blank_jsonl(const std::string& line) { return line.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

std::int64_t Chunk::file_line(std::int64_t line) const {
  if (line <= 0) return line;
  if (line <= header_lines) return line;
  return first_line + (line - header_lines - 1);
}

ChunkReader::ChunkReader(std::istream& in, rma::ImportKind kind, rma::ImportFormat format, std::size_t chunk_bytes)
    : in_(in), kind_(kind), format_(format), chunk_bytes_(chunk_bytes) {}

bool ChunkReader::read_line(std::string& line, bool& overflow, std::int64_t& bytes) {
  std::streambuf* buf = in_.rdbuf();
  bool any = false;
  for (int c = buf->sbumpc(); c != std::char_traits<char>::eof(); c = buf->sbumpc()) {
    any = true;
    ++bytes;
    if (line.size() < kMaxRecordBytes) line.push_back(static_cast<char>(c));
    else overflow = true;
    if (c == '\n') return true;
  }
  if (any && line.back() != '\n' && !overflow) line.push_back('\n');
  return any;
}

bool ChunkReader::read_record(Record& record) {
  record = Record();
  record.line = next_line_;
  if (!read_line(record.text, record.too_large, record.bytes)) return false;
  record.lines = 1;
  if (format_ == rma::ImportFormat::csv) {
    // A record goes on while a quoted cell is open: a quote opens one only as a cell's first
    // character, as the engine reads it (docs/import.md, CSV).
    CsvState state = CsvState::cell_start;
    bool open = csv_scan(record.text, state);
    while (open) {
      std::string more;
      if (!read_line(more, record.too_large, record.bytes)) break;
      ++record.lines;
      open = csv_scan(more, state);
      if (record.text.size() + more.size() <= kMaxRecordBytes) record.text += more;
      else record.too_large = true;
    }
    record.blank = record.text == "\n" || record.text == "\r\n";
  } else {
    record.blank = is_blank_jsonl(record.text);
  }
  next_line_ += record.lines;
  return true;
}

std::string ChunkReader::record_key(const std::string& text) const {
  const char* member = kind_ == rma::ImportKind::products ? "sku" : "id";
  if (format_ == rma::ImportFormat::csv) {
    if (key_column_ < 0) return std::string();
    std::vector<std::string> cells = csv_cells(text);
    return static_cast<std::size_t>(key_column_) < cells.size() ? cells[static_cast<std::size_t>(key_column_)]
                                                                 : std::string();
  }
  TopLevelString reader(member);
  if (!nlohmann::json::sax_parse(text, &reader, nlohmann::json::input_format_t::json, false)) return std::string();
  return reader.value;
}

bool ChunkReader::next(Chunk& chunk) {
  chunk = Chunk();
  const bool first = !started_;
  if (!started_) {
    started_ = true;
    if (format_ == rma::ImportFormat::csv) {
      Record header;
      if (read_record(header)) {
        header_ = header.text;
        header_lines_ = header.lines;
        chunk.bytes += header.bytes;
        std::vector<std::string> names = csv_cells(header_);
        if (!names.empty() && names[0].rfind("\xEF\xBB\xBF", 0) == 0) names[0].erase(0, 3);
        const std::string key = kind_ == rma::ImportKind::products ? "sku" : "id";
        for (std::size_t i = 0; i < names.size(); ++i)
          if (names[i] == key) key_column_ = static_cast<std::int64_t>(i);
      }
    }
  }
  for (const auto& id : chunk_ids_) earlier_ids_.insert(id);
  chunk_ids_.clear();
  chunk.text = header_;
  chunk.header_lines = header_lines_;
  chunk.first_line = next_line_;
  bool any = false;
  std::string last_key;
  auto take = [&](Record& record, const std::string& key) {
    if (!any) chunk.first_line = record.line;
    any = true;
    chunk.bytes += record.bytes;
    if (record.too_large) {
      chunk.errors.push_back({record.line, "",
                              "a record of more than " + std::to_string(kMaxRecordBytes) +
                                  " bytes (a quote never closed?); it was left out",
                              "too_large"});
      chunk.text += "\n";  // keeps the engine's line numbers in step
      for (std::int64_t i = 1; i < record.lines; ++i) chunk.text += "\n";
      return;
    }
    if (!key.empty()) {
      const auto hash = id_hash(key);
      if (earlier_ids_.count(hash)) {
        chunk.errors.push_back({record.line, kind_ == rma::ImportKind::products ? "sku" : "id",
                                "\"" + key.substr(0, 64) +
                                    "\" was read in an earlier chunk of this file; it was left out (sort the "
                                    "file by id, or raise --chunk-bytes)",
                                "duplicate"});
        chunk.text.append(static_cast<std::size_t>(record.lines), '\n');
        return;
      }
      chunk_ids_.push_back(hash);
    }
    chunk.text += record.text;
    last_key = key;
  };
  if (have_pending_) {
    have_pending_ = false;
    take(pending_, pending_key_);
  }
  Record record;
  while (read_record(record)) {
    const std::string key = record.blank || record.too_large ? std::string() : record_key(record.text);
    const bool full = chunk.text.size() >= chunk_bytes_ + header_.size();
    // A full chunk ends before the next record, unless that record continues the CSV document
    // of the one before it.
    if (any && full && !(key.empty() ? false : key == last_key)) {
      pending_ = std::move(record);
      pending_key_ = key;
      have_pending_ = true;
      return true;
    }
    take(record, key);
  }
  return any || first;
}

}  // namespace rmactl
