// benchmarks/bench_util.hpp — what every benchmark needs: a stopwatch and scratch database files.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Removes a database file with its WAL and shared-memory files and the report columns kept beside it.
inline void remove_db(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-reports"}) std::remove((path + suffix).c_str());
}

// A fresh database path in /tmp, unique to this process and `name`.
inline std::string temp_path(const char* name) {
  std::string path = "/tmp/rma-bench-" + std::to_string(::getpid()) + "-" + name + ".db";
  remove_db(path);
  return path;
}

}  // namespace bench
