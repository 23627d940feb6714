// benchmarks/python_half.hpp — runs the Python half of a benchmark: a script next to the
// benchmark's source, run by the interpreter the `rma` package was built for, with the built
// package on its path. The script prints "KEY VALUE" lines; the C++ side reads the ones it names.
//
// A benchmark that has a Python half is declared with rma_python_half() in CMakeLists.txt, which
// defines the three paths used here. Built without the Python module, every figure is -1.
#pragma once

#include <stdio.h>  // popen, pclose (POSIX)

#include <cstdio>
#include <map>
#include <string>

namespace bench {

// "script.py ARGS..." -> the value of each "KEY VALUE" line the script printed; an empty map if
// the script could not run.
inline std::map<std::string, double> run_python_half(const std::string& script_and_args) {
  std::map<std::string, double> figures;
#ifdef RMA_PYTHON_DIR
  const std::string cmd = std::string("PYTHONPATH=") + RMA_PYTHON_DIR + " " + RMA_PYTHON_EXECUTABLE + " " +
                          RMA_BENCH_DIR + "/" + script_and_args;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return figures;
  char line[512];
  while (std::fgets(line, sizeof line, p)) {
    char key[128];
    double value = 0;
    if (std::sscanf(line, "%127s %lf", key, &value) == 2) figures[key] = value;
  }
  if (::pclose(p) != 0) figures.clear();  // a failed script's partial output is not a figure
#else
  (void)script_and_args;
#endif
  return figures;
}

// The figure `key` of a Python half's output, or -1 when it is missing.
inline double python_figure(const std::map<std::string, double>& figures, const std::string& key) {
  const auto it = figures.find(key);
  return it == figures.end() ? -1 : it->second;
}

}  // namespace bench
