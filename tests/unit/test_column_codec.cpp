// The store's compressed JSON columns (store/column_codec): values from kCompressFromBytes up are
// written as zstd frames with the built-in dictionary, shorter ones stay plain, both read back;
// every damaged frame is a storage error naming its column, never a crash or an allocation
// beyond kMaxDecodedBytes.
#include <doctest/doctest.h>

#include <zstd.h>

#include <cstdint>
#include <string>

#include "rma/error.hpp"
#include "store/column_codec.hpp"
#include "store/column_dictionaries.hpp"

using namespace rma;
using namespace rma::store;

namespace {

const ColumnName kEvents{"events", "data"};

// JSON shaped like an event's data, exactly `size` bytes long.
std::string event_json(std::size_t size) {
  std::string text = R"({"changes":{"status":{"after":"received","before":"authorized"}},"note":")";
  const std::string tail = R"("})";
  while (text.size() + tail.size() < size) text += static_cast<char>('a' + text.size() % 26);
  text += tail;
  REQUIRE(text.size() == size);
  return text;
}

// The message of the storage error `stored` is refused with; "" when it decodes.
std::string refusal(const std::string& stored) {
  try {
    decode_column(stored, kEvents);
  } catch (const Error& e) {
    CHECK(e.status() == Status::storage);
    return e.what();
  }
  return std::string();
}

// A deterministic byte source for the damaged frames.
struct Lcg {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
};

// Where the dictionary id sits in a frame header (RFC 8878, 3.1.1.1): after the magic number, the
// frame header descriptor and, unless the frame is a single segment, the window descriptor.
std::size_t dictionary_id_offset(const std::string& frame) {
  const auto descriptor = static_cast<unsigned char>(frame[4]);
  const bool single_segment = (descriptor >> 5) & 1;
  return 5 + (single_segment ? 0 : 1);
}

}  // namespace

TEST_CASE("column codec: values below the threshold stay plain, from the threshold up they are compressed") {
  const std::string below = event_json(kCompressFromBytes - 1);
  CHECK(encode_column(below) == below);
  CHECK_FALSE(is_compressed(encode_column(below)));
  CHECK(decode_column(encode_column(below), kEvents) == below);

  const std::string at = event_json(kCompressFromBytes);
  const std::string stored = encode_column(at);
  REQUIRE(is_compressed(stored));
  CHECK(stored.size() < at.size());
  CHECK(decode_column(stored, kEvents) == at);
  // The frame names the dictionary it was made with, and states its size.
  CHECK(ZSTD_getDictID_fromFrame(stored.data(), stored.size()) == current_dictionary().id);
  CHECK(ZSTD_getFrameContentSize(stored.data(), stored.size()) == at.size());
}

TEST_CASE("column codec: a large event shrinks many times and reads back") {
  const std::string text = event_json(4000);
  const std::string stored = encode_column(text);
  REQUIRE(is_compressed(stored));
  CHECK(stored.size() * 5 < text.size());
  CHECK(decode_column(stored, kEvents) == text);
}

TEST_CASE("column codec: a value that would not shrink stays plain") {
  Lcg rng{7};
  std::string noise;
  for (int i = 0; i < 600; ++i) noise += static_cast<char>(33 + rng.next() % 94);
  CHECK(encode_column(noise) == noise);
  CHECK(decode_column(noise, kEvents) == noise);
}

TEST_CASE("column codec: plain text reads as it is, the empty text included") {
  for (const std::string& text : {std::string(), std::string("{}"), std::string("(\xB5"), event_json(500)}) {
    CHECK(decode_column(text, kEvents) == text);
  }
}

TEST_CASE("column codec: every released dictionary is found by its id, an unknown id is not") {
  CHECK(find_dictionary(current_dictionary().id) == &current_dictionary());
  CHECK(current_dictionary().bytes.size() == 16384);
  CHECK(find_dictionary(0) == nullptr);
  CHECK(find_dictionary(current_dictionary().id + 1000) == nullptr);
}

TEST_CASE("column codec: a frame naming a dictionary this librma does not have is a storage error") {
  std::string stored = encode_column(event_json(900));
  REQUIRE(is_compressed(stored));
  const std::size_t at = dictionary_id_offset(stored);
  REQUIRE(static_cast<unsigned char>(stored[at]) + 256u * static_cast<unsigned char>(stored[at + 1]) ==
          current_dictionary().id);
  stored[at + 1] = static_cast<char>(0xF0);  // id 0xF0xx: none of librma's
  const std::string message = refusal(stored);
  CHECK(message.find("events.data") != std::string::npos);
  CHECK(message.find("unknown compression dictionary") != std::string::npos);
}

TEST_CASE("column codec: a frame without a dictionary reads; one stating a size above the bound is refused unread") {
  const std::string text = event_json(300);
  std::string plain_frame(ZSTD_compressBound(text.size()), '\0');
  plain_frame.resize(ZSTD_compress(plain_frame.data(), plain_frame.size(), text.data(), text.size(), 3));
  CHECK(decode_column(plain_frame, kEvents) == text);

  // The bound itself decodes; one byte more is refused before anything is allocated (the frame
  // of zeros is a few kilobytes, its stated size 64 MiB and one byte).
  for (const std::size_t size : {kMaxDecodedBytes, kMaxDecodedBytes + 1}) {
    CAPTURE(size);
    const std::string zeros(size, '\0');
    std::string frame(ZSTD_compressBound(size), '\0');
    frame.resize(ZSTD_compress(frame.data(), frame.size(), zeros.data(), zeros.size(), 1));
    REQUIRE(is_compressed(frame));
    if (size == kMaxDecodedBytes) {
      CHECK(decode_column(frame, kEvents).size() == size);
    } else {
      const std::string message = refusal(frame);
      CHECK(message.find("events.data") != std::string::npos);
      CHECK(message.find("above the bound") != std::string::npos);
    }
  }
  // Nor is a value above the bound ever written compressed.
  CHECK_FALSE(is_compressed(encode_column(std::string(kMaxDecodedBytes + 1, '{'))));
}

TEST_CASE("column codec: a frame that does not state its size is refused") {
  const std::string text = event_json(400);
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0);  // as a streaming writer would
  std::string frame(ZSTD_compressBound(text.size()), '\0');
  frame.resize(ZSTD_compress2(cctx, frame.data(), frame.size(), text.data(), text.size()));
  ZSTD_freeCCtx(cctx);
  REQUIRE(ZSTD_getFrameContentSize(frame.data(), frame.size()) == ZSTD_CONTENTSIZE_UNKNOWN);
  CHECK(refusal(frame).find("without its size") != std::string::npos);
}

TEST_CASE("column codec: bytes after the frame are refused") {
  const std::string stored = encode_column(event_json(700));
  REQUIRE(is_compressed(stored));
  CHECK(refusal(stored + "x").find("bytes after") != std::string::npos);
  CHECK(refusal(stored + stored).find("bytes after") != std::string::npos);
}

TEST_CASE("column codec: every truncation and every flipped byte of a frame is a storage error") {
  const std::string text = event_json(1500);
  const std::string stored = encode_column(text);
  REQUIRE(is_compressed(stored));
  for (std::size_t n = 4; n < stored.size(); ++n) {
    CAPTURE(n);
    CHECK(refusal(stored.substr(0, n)).find("events.data") != std::string::npos);
  }
  // Past the magic number (which, flipped, makes the value plain text), each byte with each bit
  // flipped: the header, the blocks and the checksum are all covered. A few bits change nothing
  // (the header's unused bit, some block-type bits): those frames read as the same text. None
  // ever reads as other text: the checksum catches what the format does not.
  int refused = 0;
  int flips = 0;
  for (std::size_t at = 4; at < stored.size(); ++at) {
    for (int bit = 0; bit < 8; ++bit) {
      CAPTURE(at);
      CAPTURE(bit);
      std::string damaged = stored;
      damaged[at] = static_cast<char>(damaged[at] ^ (1 << bit));
      ++flips;
      try {
        const std::string read = decode_column(damaged, kEvents);
        CHECK(read == text);
      } catch (const Error& e) {
        CHECK(e.status() == Status::storage);
        CHECK(std::string(e.what()).find("events.data") != std::string::npos);
        ++refused;
      }
    }
  }
  CHECK(refused > flips * 9 / 10);
}

TEST_CASE("column codec: random bytes after the magic number never crash") {
  Lcg rng{2026};
  const std::string magic("\x28\xB5\x2F\xFD", 4);
  const std::string valid = encode_column(event_json(800));
  for (int round = 0; round < 3000; ++round) {
    std::string stored;
    if (round % 2 == 0) {
      // Noise of any length after the magic number.
      stored = magic;
      const std::size_t length = rng.next() % 200;
      for (std::size_t i = 0; i < length; ++i) stored += static_cast<char>(rng.next() & 0xFF);
    } else {
      // A valid frame with a few bytes replaced at random.
      stored = valid;
      for (int k = 0; k < 1 + static_cast<int>(rng.next() % 4); ++k) {
        stored[4 + rng.next() % (stored.size() - 4)] = static_cast<char>(rng.next() & 0xFF);
      }
      if (stored == valid) continue;
    }
    CAPTURE(round);
    try {
      const std::string text = decode_column(stored, kEvents);
      // A frame valid by chance (noise rarely is; a replaced byte that changed nothing): bounded
      // all the same, and a damaged copy of the valid frame reads as its own text or not at all.
      CHECK(text.size() <= kMaxDecodedBytes);
      if (round % 2 == 1) CHECK(text == event_json(800));
    } catch (const Error& e) {
      CHECK(e.status() == Status::storage);
    }
  }
}
