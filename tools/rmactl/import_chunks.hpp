// import_chunks.hpp — an ERP file read as a stream of chunks of whole records, so that rmactl
// imports a file of any size in bounded memory: each chunk is one engine import (one
// transaction) of at most about `chunk_bytes`.
//
// A CSV chunk starts with the file's header. A CSV document's rows next to each other stay in one
// chunk. A record whose id (`sku` for products) was read in an earlier chunk cannot be imported
// correctly (it would replace the earlier one, or a CSV document would lose the lines of its
// earlier rows), so the reader leaves it out and reports it, as the engine reports a repeated id
// within one input. It remembers 16 bytes per id for that.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <unordered_set>
#include <vector>

#include "rma/import.hpp"

namespace rmactl {

struct Chunk {
  std::string text;               // CSV: the header, then the records
  std::int64_t first_line = 1;    // the file's line number of the first record
  std::int64_t header_lines = 0;  // lines the header takes at the start of `text` (CSV)
  std::int64_t bytes = 0;         // of the file this chunk consumed
  std::vector<rma::ImportRowError> errors;  // records the reader left out, with file line numbers

  // The file's line for line `line` of `text` (as the engine reports it).
  std::int64_t file_line(std::int64_t line) const;
};

class ChunkReader {
 public:
  // A single record (a JSON Lines line, a CSV record) longer than this is refused whole.
  static constexpr std::size_t kMaxRecordBytes = 16 * 1024 * 1024;

  ChunkReader(std::istream& in, rma::ImportKind kind, rma::ImportFormat format, std::size_t chunk_bytes);

  // The next chunk; false when the input is used up. The first call always yields a chunk, an
  // empty input included, so that the engine judges it.
  bool next(Chunk& chunk);

 private:
  struct Record {
    std::string text;         // with its line break(s)
    std::int64_t line = 0;    // the file line it starts on
    std::int64_t lines = 0;   // lines it spans
    std::int64_t bytes = 0;   // of the file
    bool too_large = false;
    bool blank = false;
  };
  struct KeyHash {
    std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& k) const noexcept { return k.first; }
  };

  bool read_line(std::string& line, bool& overflow, std::int64_t& bytes);
  bool read_record(Record& record);
  std::string record_key(const std::string& text) const;

  std::istream& in_;
  rma::ImportKind kind_;
  rma::ImportFormat format_;
  std::size_t chunk_bytes_;
  std::int64_t next_line_ = 1;
  bool started_ = false;
  std::string header_;
  std::int64_t header_lines_ = 0;
  std::int64_t key_column_ = -1;  // CSV: the id column's index, -1 when the header has none
  bool have_pending_ = false;
  Record pending_;  // read past the end of the previous chunk
  std::string pending_key_;
  // Ids of records in chunks already handed out, and of the chunk being built.
  std::unordered_set<std::pair<std::uint64_t, std::uint64_t>, KeyHash> earlier_ids_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> chunk_ids_;
};

}  // namespace rmactl
