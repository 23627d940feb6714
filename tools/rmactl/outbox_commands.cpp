// outbox_commands.cpp — the host's delivery queue from the shell: `outbox fetch`, `outbox ack`
// and `outbox drain --exec CMD`, which hands each message to CMD on its stdin, in order, and
// acknowledges it only when CMD exits 0 (so a failed delivery is fetched again next time).
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "rma/error.hpp"

namespace rmactl {
namespace {

int run_fetch(Session& session, std::int64_t limit) {
  const nlohmann::json answer = session.call("outbox.fetch", {{"limit", limit}});
  if (session.globals().json) {
    print_json(std::cout, answer);
    return kOk;
  }
  Table table{{"seq", "case_id", "topic", "created_at", "payload"}, {}};
  for (const auto& m : answer.at("messages"))
    table.rows.push_back(cells_of(m, {"seq", "case_id", "topic", "created_at", "payload"}));
  print_table(std::cout, table);
  return kOk;
}

int run_ack(Session& session, const std::vector<std::int64_t>& seqs) {
  const nlohmann::json answer = session.call("outbox.ack", {{"seqs", seqs}});
  if (session.globals().json) print_json(std::cout, answer);
  else std::cout << answer.at("acknowledged").get<std::int64_t>() << " message(s) acknowledged\n";
  return kOk;
}

// Runs `/bin/sh -c command` with `input` on its stdin and the message's seq, topic and case in
// its environment; returns its exit status (128 + signal when killed, 127 when it cannot start).
int run_command(const std::string& command, const std::string& input, const nlohmann::json& message) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw rma::Error(rma::Status::storage, "--exec", std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) throw rma::Error(rma::Status::storage, "--exec", std::strerror(errno));
  if (pid == 0) {
    ::dup2(pipe_fds[0], STDIN_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::setenv("RMA_OUTBOX_SEQ", cell_text(message.at("seq")).c_str(), 1);
    ::setenv("RMA_OUTBOX_TOPIC", cell_text(message.at("topic")).c_str(), 1);
    ::setenv("RMA_OUTBOX_CASE_ID", cell_text(message.at("case_id")).c_str(), 1);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_fds[0]);
  // A command that does not read its stdin closes the pipe early; that is its business, not an
  // error of ours (SIGPIPE is ignored for the whole drain).
  std::size_t written = 0;
  while (written < input.size()) {
    const ssize_t n = ::write(pipe_fds[1], input.data() + written, input.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(pipe_fds[1]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw rma::Error(rma::Status::storage, "--exec", std::strerror(errno));
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

struct DrainOptions {
  std::string command;
  std::int64_t batch = 100;
  std::int64_t max = 0;  // 0: until the outbox is empty
};

int run_drain(Session& session, const DrainOptions& options) {
  std::signal(SIGPIPE, SIG_IGN);
  std::int64_t delivered = 0;
  nlohmann::json failed;  // the message whose command failed, with its exit status
  bool done = false;
  while (!done) {
    const std::int64_t limit = options.max > 0 ? std::min(options.batch, options.max - delivered) : options.batch;
    if (limit <= 0) break;
    const nlohmann::json messages = session.call("outbox.fetch", {{"limit", limit}}).at("messages");
    if (messages.empty()) break;
    for (const auto& message : messages) {
      const int status = run_command(options.command, message.dump() + "\n", message);
      if (status != 0) {
        // Stop here: later messages must not overtake this one.
        failed = {{"seq", message.at("seq")}, {"topic", message.at("topic")}, {"exit_status", status}};
        done = true;
        break;
      }
      session.call("outbox.ack", {{"seqs", {message.at("seq")}}});
      ++delivered;
    }
  }
  const int code = failed.is_null() ? kOk : kIncomplete;
  if (session.globals().json) {
    print_json(std::cout, {{"delivered", delivered}, {"failed", failed}});
  } else {
    std::cout << delivered << " message(s) delivered and acknowledged\n";
    if (!failed.is_null())
      std::cerr << "rmactl: outbox drain: message " << failed.at("seq") << " (" << cell_text(failed.at("topic"))
                << "): the command exited with status " << failed.at("exit_status")
                << "; it stays in the outbox and the drain stopped\n";
  }
  return code;
}

}  // namespace

void add_outbox_commands(CLI::App& app, Session& session, Action& action) {
  CLI::App* group = app.add_subcommand("outbox", "messages for the ERP: fetch, acknowledge, deliver");
  group->require_subcommand(1);

  auto limit = std::make_shared<std::int64_t>(100);
  CLI::App* fetch = group->add_subcommand("fetch", "the oldest unacknowledged messages (nothing is acknowledged)");
  fetch->add_option("--limit", *limit, "at most this many (1..10000)")->capture_default_str();
  fetch->callback([&session, &action, limit] { action = [&session, limit] { return run_fetch(session, *limit); }; });

  auto seqs = std::make_shared<std::vector<std::int64_t>>();
  CLI::App* ack = group->add_subcommand("ack", "acknowledge delivered messages by seq");
  ack->add_option("seq", *seqs, "message seq numbers")->required();
  ack->callback([&session, &action, seqs] { action = [&session, seqs] { return run_ack(session, *seqs); }; });

  auto drain = std::make_shared<DrainOptions>();
  CLI::App* drain_cmd = group->add_subcommand(
      "drain", "run CMD once per message, oldest first, with the message as JSON on stdin; acknowledge it only "
               "when CMD exits 0, and stop at the first failure (exit 8)");
  drain_cmd->add_option("--exec", drain->command, "shell command; RMA_OUTBOX_SEQ, _TOPIC, _CASE_ID are set")->required();
  drain_cmd->add_option("--batch", drain->batch, "messages fetched at a time (1..10000)")->capture_default_str();
  drain_cmd->add_option("--max", drain->max, "deliver at most this many (0: until the outbox is empty)")
      ->capture_default_str();
  drain_cmd->callback([&session, &action, drain] { action = [&session, drain] { return run_drain(session, *drain); }; });
}

}  // namespace rmactl
