// config_commands.cpp — `config get KIND` and `config set KIND FILE` for the workflow, SLA,
// warranty and valuation documents. The engine validates a document and stores it or nothing.
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "files.hpp"
#include "output.hpp"
#include "rma/error.hpp"
#include "rma/json_api.hpp"

namespace rmactl {
namespace {

struct ConfigOps {
  const char* read;
  const char* write;
};

// Each kind's pair of ops (docs/json.md).
const std::map<std::string, ConfigOps>& config_kinds() {
  static const std::map<std::string, ConfigOps> kinds = {
      {"workflows", {"workflow.config", "workflow.configure"}},
      {"sla", {"sla.config", "sla.configure"}},
      {"warranty", {"warranty.config", "warranty.configure"}},
      {"valuation", {"valuation.rules", "valuation.configure"}},
  };
  return kinds;
}

struct ConfigOptions {
  std::string kind;
  std::string file;
  std::string output = "-";
};

int run_get(Session& session, const ConfigOptions& options) {
  const nlohmann::json document = session.call(config_kinds().at(options.kind).read, nlohmann::json::object());
  write_text_file(options.output, document.dump(2) + "\n", "--output");
  return kOk;
}

int run_set(Session& session, const ConfigOptions& options) {
  const std::string text = read_text_file(options.file, "file");
  // The file goes to the engine as it is: its errors name the path inside the document.
  rma::JsonApi api(session.engine(true));
  const nlohmann::json stored = nlohmann::json::parse(
      api.call(session.globals().actor, config_kinds().at(options.kind).write, text));
  if (session.globals().json) print_json(std::cout, stored);
  else std::cout << options.kind << " configuration stored\n";
  return kOk;
}

}  // namespace

void add_config_commands(CLI::App& app, Session& session, Action& action) {
  CLI::App* group = app.add_subcommand("config", "the workflow, SLA, warranty and valuation documents");
  group->require_subcommand(1);
  std::string kinds;
  for (const auto& entry : config_kinds()) kinds += (kinds.empty() ? "" : ", ") + entry.first;
  const auto kind_check = CLI::IsMember([] {
    std::vector<std::string> names;
    for (const auto& entry : config_kinds()) names.push_back(entry.first);
    return names;
  }());

  auto get = std::make_shared<ConfigOptions>();
  CLI::App* get_cmd = group->add_subcommand("get", "print the document in force (the defaults until one is stored)");
  get_cmd->add_option("kind", get->kind, kinds)->required()->check(kind_check);
  get_cmd->add_option("-o,--output", get->output, "write it to this file instead of stdout");
  get_cmd->callback([&session, &action, get] { action = [&session, get] { return run_get(session, *get); }; });

  auto set = std::make_shared<ConfigOptions>();
  CLI::App* set_cmd = group->add_subcommand(
      "set", "validate a document and store it; on any error nothing is stored and the error names the path");
  set_cmd->add_option("kind", set->kind, kinds)->required()->check(kind_check);
  set_cmd->add_option("file", set->file, "the JSON document (- for stdin)")->required();
  set_cmd->callback([&session, &action, set] { action = [&session, set] { return run_set(session, *set); }; });
}

}  // namespace rmactl
