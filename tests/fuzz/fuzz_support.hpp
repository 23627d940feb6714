// Shared by the libFuzzer targets: how deep an input nests, and the counters each target prints
// at exit so that a run shows it reached nesting beyond the JSON depth limit.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace rma_fuzz {

// The deepest nesting of `text` read as JSON ({} and [] are one level), brackets inside strings
// not counted. Iterative, so any input is fine; exact for text that is JSON.
inline int nesting_depth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char ch : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (ch == '\\') {
        escaped = true;
      } else if (ch == '"') {
        in_string = false;
      }
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (ch == ']' || ch == '}') {
      --depth;
    }
  }
  return deepest;
}

// Inputs run, inputs that were JSON nested deeper than the limit (each answered too_large, or
// the target aborted), and the deep inputs the target built around each input itself.
struct Counters {
  const char* target;
  long runs = 0;
  long deep_inputs = 0;
  long deep_wrapped = 0;

  explicit Counters(const char* name) : target(name) {}
  ~Counters() {
    std::fprintf(stderr, "%s: %ld inputs, %ld nested deeper than the limit, %ld wrapped deeper than the limit: all too_large\n",
                 target, runs, deep_inputs, deep_wrapped);
  }
};

// Stops the run: libFuzzer reports the input that got here as a crash.
[[noreturn]] inline void fail(const char* target, const char* what, std::string_view detail) {
  std::fprintf(stderr, "%s: %s: %.*s\n", target, what, static_cast<int>(std::min<std::size_t>(detail.size(), 500)),
               detail.data());
  std::abort();
}

}  // namespace rma_fuzz
