// rma/attachment.hpp — metadata of a file attached to a case (photo, video, protocol).
// The content lives with the host (or a blob store) at `uri`; librma keeps what identifies it.
#pragma once

#include <cstdint>
#include <string>

#include "rma/note.hpp"
#include "rma/time.hpp"

namespace rma {

struct Attachment {
  std::int64_t id = 0;
  std::string file_name;   // a base name: no '/', '\\' or control characters, at most 255 bytes
  std::string media_type;  // "image/jpeg"
  std::int64_t size_bytes = 0;
  std::string sha256;  // 64 lower-case hex digits
  std::string uri;
  Visibility visibility = Visibility::internal;
  std::string added_by;  // actor text
  Timestamp created_at;
};

struct AttachmentDraft {
  std::string file_name;
  std::string media_type;
  std::int64_t size_bytes = 0;
  std::string sha256;
  std::string uri;
  Visibility visibility = Visibility::internal;
};

}  // namespace rma
