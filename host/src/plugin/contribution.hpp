// Turning a plugin's output text into a Contribution, trusting none of it:
// JSON syntax, the contribution schema (docs/schema/contribution.schema.json)
// and the rules the schema cannot say (rule ids under the plugin's own id,
// residual risk no worse than inherent).
#pragma once

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

// The contribution schema as built into the host.
const nlohmann::json& contribution_schema();

} // namespace fulcrum
