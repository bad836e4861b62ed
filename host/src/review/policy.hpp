// A review policy (configs/*.json): how much risk the organisation accepts,
// how it weighs benefits, and which plugins run with what settings.
#pragma once

#include "model/findings.hpp"
#include "proposal/limits.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace fulcrum {

struct Appetite {
    std::string name = "balanced";
    // The worst residual severity accepted without conditions.
    Severity accept_without_conditions = Severity::low;
    // A risk whose residual stays at or above this even with every mitigation
    // the plugins offer forces `reject`.
    Severity reject_at = Severity::critical;
    // A benefit score below this makes the case too weak to decide: `defer`.
    int defer_below_benefit = 25;
    // This many open questions or more: `defer` until they are answered.
    int defer_on_open_questions = 8;
};

struct Policy {
    std::string source; // the file it came from
    std::string name;
    Appetite appetite;
    std::map<std::string, double> weights; // benefit dimension -> weight
    std::vector<std::string> plugin_dirs;
    std::vector<std::string> plugin_files;
    nlohmann::json plugin_settings = nlohmann::json::object(); // by plugin id
    Limits limits;                                             // "limits": on proposals and contributions
    nlohmann::json raw;                                        // the whole file, for later sections
};

// Reads a policy file. Relative plugin paths are taken from the file's folder.
// Throws fulcrum::Error (exit 3) naming the file and the field at fault.
Policy load_policy(const std::string& path);

// Replaces the policy's appetite (and weights, if the preset has them) with
// those of an appetite preset file.
void apply_appetite_preset(Policy& policy, const std::string& preset_path);

} // namespace fulcrum
