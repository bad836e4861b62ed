// Turning a plugin's output (text, or a tree) into a Contribution, trusting none of it:
// JSON syntax, the contribution schema (docs/schema/contribution.schema.json)
// and the rules the schema cannot say (rule ids under the plugin's own id,
// residual risk no worse than inherent).
#pragma once

#include "fulcrum/findings.hpp"
#include "model/findings.hpp"
#include "proposal/limits.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace fulcrum {

// The contribution, or the reason it was refused.
// `limits` bounds the numbers of benefits, risks and questions
// (docs/security.md); the parse itself runs within fixed limits.
std::variant<Contribution, std::string> read_contribution(std::string_view text, const std::string& plugin_id,
                                                          const Limits& limits = Limits{});

// The same for a contribution handed over as a tree (the tree ABI): the same
// checks, the same reasons. A tree within the fixed limits is read as it is;
// any other goes through its text, so that the refusal reads as it would
// have for text. The tree is taken by value and consumed (its strings are
// moved into the findings); pass it with std::move when it is not needed again.
std::variant<Contribution, std::string> read_contribution_tree(nlohmann::json tree, const std::string& plugin_id,
                                                               const Limits& limits = Limits{});

// The same for a contribution handed over as C++ values (the findings ABI):
// the same checks, the same reasons. Values within the fixed limits are read
// as they are (their strings are moved into the findings); any others go
// through their JSON, so that the refusal reads as it would have for text.
std::variant<Contribution, std::string> read_contribution_findings(sdk::findings::Contribution values,
                                                                   const std::string& plugin_id,
                                                                   const Limits& limits = Limits{});

// The contribution schema as built into the host.
const nlohmann::json& contribution_schema();

} // namespace fulcrum
