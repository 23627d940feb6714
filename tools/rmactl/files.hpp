// files.hpp — reading and writing the files named on the command line, failing with librma's
// statuses so that they map to the same exit codes (a missing file is not_found, naming the
// option or argument).
#pragma once

#include <string>

namespace rmactl {

// The whole file ("-": stdin). `what` names the argument in errors.
std::string read_text_file(const std::string& path, const std::string& what);
// Writes `text` to `path` ("-": stdout) through a temporary file renamed into place, so a reader
// never sees half a file.
void write_text_file(const std::string& path, const std::string& text, const std::string& what);

}  // namespace rmactl
