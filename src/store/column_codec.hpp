// store/column_codec.hpp — the large JSON text columns a store writes (events' data, a case's
// valuation, a line's warranty verdict and eligibility) kept as zstd frames compressed with a
// dictionary built into librma (store/column_dictionaries), the same in every backend.
//
// Reading takes both forms: plain text (every value written before compression, and every value
// too short to gain) and a zstd frame, told apart by the frame's magic number, which valid UTF-8
// text cannot start with (its second byte, 0xB5, only continues a character). So no database
// needs rewriting: old rows keep their plain text. A value SQL reads (json_extract on
// cases.custom_fields in store/sqlite/case_query) must never go through this codec.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rma::store {

// Values shorter than this stay plain text. A frame costs about 16 bytes (magic number,
// dictionary id, size, block header, checksum) and a decompression on every read: measured with
// the dictionary, JSON of 60 to 85 bytes (a patch's or a note's event) gains 0 to 16 bytes or
// grows (84 to 87), while a 220-byte transition shrinks to 60. Short values also stay readable in
// the sqlite3 shell.
inline constexpr std::size_t kCompressFromBytes = 128;

// The most a stored frame may decompress to; the frame states its size, and a larger or unstated
// size is refused before anything is allocated. Values longer than this are written as plain
// text, so every frame librma writes reads back.
inline constexpr std::size_t kMaxDecodedBytes = 64 * 1024 * 1024;

// A column, named in errors.
struct ColumnName {
  const char* table;
  const char* column;
};

// What to store for `text`: a zstd frame made with the current dictionary, or `text` itself when
// it is shorter than kCompressFromBytes, longer than kMaxDecodedBytes, or would not shrink.
std::string encode_column(std::string_view text);

// True when `stored` is a zstd frame (starts with its magic number), false for plain text.
bool is_compressed(std::string_view stored) noexcept;

// The text `stored` holds. A frame that is corrupt (its checksum included), names a dictionary this librma does not have,
// does not state its size or states one above kMaxDecodedBytes, or has bytes after its end is a
// Status::storage error naming `where` (table.column); nothing larger than the stated size is
// allocated.
std::string decode_column(std::string_view stored, ColumnName where);
// The same into `out`, whose memory is reused: a walk over millions of values (audit.verify)
// allocates once.
void decode_column_into(std::string_view stored, ColumnName where, std::string& out);

}  // namespace rma::store
