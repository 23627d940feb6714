// files.cpp — whole-file reads and atomic writes for configuration documents.
#include "files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "rma/error.hpp"

namespace rmactl {

std::string read_text_file(const std::string& path, const std::string& what) {
  if (path == "-") {
    std::ostringstream text;
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    throw rma::Error(error == ENOENT ? rma::Status::not_found : rma::Status::storage, what,
                     "cannot read \"" + path + "\": " + std::strerror(error));
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw rma::Error(rma::Status::storage, what, "cannot read \"" + path + "\"");
  return text;
}

void write_text_file(const std::string& path, const std::string& text, const std::string& what) {
  if (path == "-") {
    std::cout << text;
    return;
  }
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      throw rma::Error(rma::Status::storage, what, "cannot write \"" + path + "\"");
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    throw rma::Error(rma::Status::storage, what, "cannot write \"" + path + "\": " + std::strerror(error));
  }
}

}  // namespace rmactl
