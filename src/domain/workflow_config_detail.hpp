// domain/workflow_config_detail.hpp — what the three parts of a workflow configuration share:
// reading and writing it (workflow_json.cpp), checking its guards and effects
// (workflow_rule_params.cpp) and checking the rest (workflow_validate.cpp). Not a public header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "json/reader.hpp"
#include "rma/workflow.hpp"

namespace rma::domain::workflow_detail {

// The limits of a configuration document: reading refuses longer lists and texts before it builds
// them, and validation holds a configuration built in code to the same limits.
inline constexpr std::size_t kMaxWorkflows = 64;
inline constexpr std::size_t kMaxStates = 128;          // per workflow
inline constexpr std::size_t kMaxTransitions = 512;     // per workflow
inline constexpr std::size_t kMaxRules = 32;            // guards or effects of one transition or action
inline constexpr std::size_t kMaxAssignmentRules = 256;
inline constexpr std::size_t kMaxAutomaticActions = 256;
inline constexpr std::size_t kMaxListItems = 64;        // match values, roles, field names, recipients
inline constexpr std::size_t kMaxName = 64;             // ids and names: [a-z0-9_]{1,64}
inline constexpr std::int64_t kMaxLabel = 256;          // labels, workflow names, assignees, teams, tiers
inline constexpr std::int64_t kMaxTemplate = 128;       // notify templates, media type prefixes
inline constexpr std::int64_t kMaxCustomKey = 128;      // the <key> of "custom_fields.<key>"
inline constexpr std::int64_t kMaxText = 4 * 1024;      // read limit of any string; the checks above are finer
inline constexpr std::int64_t kMaxDays = 365;           // set_expected_completion

// The JSON paths of errors: element `index` of a list, member `key` of an object.
inline std::string at(const std::string& list, std::size_t index) { return codec::element_path(list, index); }
inline std::string field_of(const std::string& path, const char* key) { return codec::join_path(path, key); }

// Status::too_large if the list at `field` has more than `limit` items.
void check_count(const std::string& field, std::size_t count, std::size_t limit);
// Status::invalid_argument unless `value` is 1 to kMaxName of a-z, 0-9 and _ (ids, states, clocks).
void check_name(const std::string& field, const std::string& value);
// Throws duplicate at the second of two equal items of `items`, a list at `list_path`.
void check_unique(const std::vector<std::string>& items, const std::string& list_path, const char* suffix,
                  const char* what);

// The guards of a transition or automatic action at `path`: built-in ones with their parameters,
// or ones the host registered.
void validate_guards(const std::vector<WorkflowRule>& guards, const std::string& path,
                     const std::vector<std::string>& host_guards);
// One effect of a transition, with its parameters.
void validate_effect(const WorkflowRule& rule, const std::string& path);

// The checks of one workflow on its own (not the coverage of all cases): names, states,
// transitions with their guards and effects, and that its graph neither loses nor strands a case.
void validate_workflow(const Workflow& w, const std::string& path, const std::vector<std::string>& host_guards);

}  // namespace rma::domain::workflow_detail
