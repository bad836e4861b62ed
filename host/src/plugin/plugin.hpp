// A loaded plugin as the rest of the host sees it: a manifest and a call that
// takes proposal JSON and gives back contribution JSON text, or an error.
// How the plugin runs (in this process, or in a worker) is hidden behind it.
// A plugin in this process built against the host's own C++ JSON library may
// also take the proposal and give the contribution as trees (the tree ABI,
// docs/plugin-guide.md), which saves printing and parsing both, and give
// the contribution as C++ values (the findings ABI), which also saves
// building and reading a JSON tree.
#pragma once

#include "fulcrum/findings.hpp"
#include "plugin/manifest.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace fulcrum {

struct CallResult {
    bool ok = false;
    std::string output; // contribution JSON text when ok
    std::string error;  // why not, when !ok
};

struct TreeCallResult {
    bool ok = false;
    nlohmann::json contribution; // as the plugin built it, unchecked, when ok
    std::string error;           // why not, when !ok
};

struct FindingsCallResult {
    bool ok = false;
    sdk::findings::Contribution contribution; // as the plugin built it, unchecked, when ok
    std::string error;                        // why not, when !ok
};

class Plugin {
public:
    virtual ~Plugin() = default;
    virtual const Manifest& manifest() const = 0;
    virtual const std::string& path() const = 0;
    // Never throws: every failure comes back as !ok with a reason.
    virtual CallResult evaluate(std::string_view proposal_json) = 0;
    // Whether evaluate_tree may be called.
    virtual bool takes_trees() const { return false; }
    // evaluate() without the text; never throws either.
    virtual TreeCallResult evaluate_tree(const nlohmann::json& /*proposal*/) {
        return {false, {}, "does not take trees"};
    }
    // Whether evaluate_findings may be called.
    virtual bool takes_findings() const { return false; }
    // evaluate_tree() with the contribution as values; never throws either.
    virtual FindingsCallResult evaluate_findings(const nlohmann::json& /*proposal*/) {
        return {false, {}, "does not take findings"};
    }
};

} // namespace fulcrum
