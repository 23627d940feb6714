// progress_bar.hpp — a one-line progress bar on stderr, drawn only when stderr is a terminal
// (never in cron mail or a log) and --quiet is not given.
#pragma once

#include <chrono>
#include <string>

#include "session.hpp"

namespace rmactl {

class ProgressBar {
 public:
  ProgressBar(const Globals& globals, std::string label);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // `fraction` in 0..1; `detail` after the bar ("12,000 rows"). Redraws at most 10 times a second.
  void update(double fraction, const std::string& detail);
  // Clears the line.
  void finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::string label_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace rmactl
