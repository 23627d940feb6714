// engine/audit_module.hpp — the tamper-evident history's commands: verify the chain, sign a
// checkpoint now, tell the public key (rma/audit.hpp, docs/audit.md). The store chains and signs
// as it writes (store/audit_chain.hpp); this module reads it back and checks it.
//
// Bodies run inside the frames of engine.cpp, under the command lock, like every command.
#pragma once

#include <string>

#include "rma/audit.hpp"
#include "rma/engine.hpp"

namespace rma {

class AuditModule {
 public:
  explicit AuditModule(Engine::Impl& engine) : e_(engine) {}

  // Staff. Walks the chain in seq order, one event in memory at a time, then its checkpoints.
  AuditReport verify(const Actor& by, const AuditVerifyOptions& options);
  // Admin (or the host as system), inside a write frame: a checkpoint of the last event.
  AuditCheckpoint checkpoint(const Actor& by);
  // Staff, inside a write frame (the first call may generate and store the key).
  std::string public_key(const Actor& by);
  // Staff: one page of the stored chain (Engine::export_audit).
  AuditExportPage export_page(const Actor& by, std::int64_t from_seq, std::int32_t limit);

 private:
  Engine::Impl& e_;
};

}  // namespace rma
