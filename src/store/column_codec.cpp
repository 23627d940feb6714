#include "store/column_codec.hpp"

#include <zstd.h>

#include <memory>
#include <new>
#include <mutex>
#include <unordered_map>

#include "rma/error.hpp"
#include "store/column_dictionaries.hpp"

namespace rma::store {
namespace {

// zstd's default level: with the dictionary it compresses a 2 KB event in a few microseconds;
// higher levels gain little on values this small.
constexpr int kLevel = 3;

struct CCtxFree {
  void operator()(ZSTD_CCtx* c) const noexcept { ZSTD_freeCCtx(c); }
};
struct DCtxFree {
  void operator()(ZSTD_DCtx* d) const noexcept { ZSTD_freeDCtx(d); }
};
struct CDictFree {
  void operator()(ZSTD_CDict* d) const noexcept { ZSTD_freeCDict(d); }
};
struct DDictFree {
  void operator()(ZSTD_DDict* d) const noexcept { ZSTD_freeDDict(d); }
};

// The current dictionary, digested once for compressing (ZSTD_CDict is read-only once made, so
// threads share it).
const ZSTD_CDict* compression_dictionary() {
  static const std::unique_ptr<ZSTD_CDict, CDictFree> cdict([] {
    const ColumnDictionary& d = current_dictionary();
    return ZSTD_createCDict(d.bytes.data(), d.bytes.size(), kLevel);
  }());
  return cdict.get();
}

// Each released dictionary, digested for decompressing the first time a frame names it. Digested
// dictionaries live as long as the process, so each thread keeps the last one it used and a walk
// over millions of frames (audit.verify) takes no lock per frame.
const ZSTD_DDict* decompression_dictionary(const ColumnDictionary& d) {
  thread_local std::uint32_t last_id = 0;
  thread_local const ZSTD_DDict* last = nullptr;
  if (last != nullptr && last_id == d.id) return last;
  static std::mutex mutex;
  static std::unordered_map<std::uint32_t, std::unique_ptr<ZSTD_DDict, DDictFree>> digested;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = digested[d.id];
  if (!slot) slot.reset(ZSTD_createDDict(d.bytes.data(), d.bytes.size()));
  last_id = d.id;
  last = slot.get();
  return last;
}

// One context per thread for each direction: making one costs more than compressing an event.
ZSTD_CCtx* compression_context() {
  thread_local std::unique_ptr<ZSTD_CCtx, CCtxFree> cctx(ZSTD_createCCtx());
  return cctx.get();
}

ZSTD_DCtx* decompression_context() {
  thread_local std::unique_ptr<ZSTD_DCtx, DCtxFree> dctx(ZSTD_createDCtx());
  return dctx.get();
}

[[noreturn]] void refuse(ColumnName where, const std::string& why) {
  throw Error(Status::storage, "",
              std::string("cannot read ") + where.table + "." + where.column + ": " + why);
}

}  // namespace

bool is_compressed(std::string_view stored) noexcept {
  // ZSTD_MAGICNUMBER, little-endian as it is written.
  return stored.size() >= 4 && static_cast<unsigned char>(stored[0]) == 0x28 &&
         static_cast<unsigned char>(stored[1]) == 0xB5 && static_cast<unsigned char>(stored[2]) == 0x2F &&
         static_cast<unsigned char>(stored[3]) == 0xFD;
}

std::string encode_column(std::string_view text) {
  if (text.size() < kCompressFromBytes || text.size() > kMaxDecodedBytes) return std::string(text);
  const ZSTD_CDict* cdict = compression_dictionary();
  ZSTD_CCtx* cctx = compression_context();
  if (!cdict || !cctx) throw std::bad_alloc();
  std::string frame(ZSTD_compressBound(text.size()), '\0');
  // The frame states its content size (which reading bounds) and the dictionary's id (which
  // reading looks up), and ends with a checksum of the text: 4 bytes, and without them a flipped
  // byte could decode to other text that still parses as JSON.
  ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
  ZSTD_CCtx_refCDict(cctx, cdict);
  const std::size_t n = ZSTD_compress2(cctx, frame.data(), frame.size(), text.data(), text.size());
  if (ZSTD_isError(n) || n >= text.size()) return std::string(text);
  frame.resize(n);
  return frame;
}

std::string decode_column(std::string_view stored, ColumnName where) {
  std::string text;
  decode_column_into(stored, where, text);
  return text;
}

void decode_column_into(std::string_view stored, ColumnName where, std::string& out) {
  if (!is_compressed(stored)) {
    out.assign(stored.data(), stored.size());
    return;
  }
  const std::size_t frame_size = ZSTD_findFrameCompressedSize(stored.data(), stored.size());
  if (ZSTD_isError(frame_size)) refuse(where, "corrupt compressed value");
  if (frame_size != stored.size()) refuse(where, "bytes after the compressed value");
  const unsigned long long size = ZSTD_getFrameContentSize(stored.data(), stored.size());
  if (size == ZSTD_CONTENTSIZE_ERROR) refuse(where, "corrupt compressed value");
  if (size == ZSTD_CONTENTSIZE_UNKNOWN) refuse(where, "compressed value without its size");
  if (size > kMaxDecodedBytes) {
    refuse(where, "compressed value of " + std::to_string(size) + " bytes, above the bound of " +
                      std::to_string(kMaxDecodedBytes));
  }
  const std::uint32_t id = ZSTD_getDictID_fromFrame(stored.data(), stored.size());
  const ColumnDictionary* dictionary = id == 0 ? nullptr : find_dictionary(id);
  if (id != 0 && !dictionary) refuse(where, "unknown compression dictionary " + std::to_string(id));
  ZSTD_DCtx* dctx = decompression_context();
  if (!dctx) throw std::bad_alloc();
  out.resize(static_cast<std::size_t>(size));
  std::size_t n = 0;
  if (dictionary) {
    const ZSTD_DDict* ddict = decompression_dictionary(*dictionary);
    if (!ddict) throw std::bad_alloc();
    n = ZSTD_decompress_usingDDict(dctx, out.data(), out.size(), stored.data(), stored.size(), ddict);
  } else {
    n = ZSTD_decompressDCtx(dctx, out.data(), out.size(), stored.data(), stored.size());
  }
  if (ZSTD_isError(n)) refuse(where, std::string("corrupt compressed value (") + ZSTD_getErrorName(n) + ")");
  if (n != size) refuse(where, "compressed value shorter than its stated size");
}

}  // namespace rma::store
