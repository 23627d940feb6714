// exit_codes.hpp — what rmactl's exit status tells a script (docs/cli.md, "Exit codes").
// The numbers are a contract: add new ones at the end, never renumber.
#pragma once

#include "rma/error.hpp"

namespace rmactl {

enum ExitCode : int {
  kOk = 0,
  kInternal = 1,      // a bug in librma or rmactl, or out of memory
  kUsage = 2,         // the command line is wrong: unknown option, missing argument
  kNotFound = 3,      // the case, message, database or file does not exist
  kInvalidInput = 4,  // a request, document or import row is wrong; nothing of it was written
  kConflict = 5,      // a stale version, a duplicate, a transition the workflow refuses
  kStore = 6,         // the database or a file failed (I/O, corruption, locked too long)
  kDenied = 7,        // the actor may not do this
  kIncomplete = 8,    // it ran, but not everything went through: see the report
};

// The exit status for a librma failure.
ExitCode exit_code_for(rma::Status status) noexcept;

}  // namespace rmactl
