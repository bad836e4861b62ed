// Loading a plugin library into this process with Boost.DLL.
#pragma once

#include "plugin/plugin.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace fulcrum {

struct LoadOutcome {
    std::unique_ptr<Plugin> plugin; // set on success
    std::string error;              // why not, otherwise
    // False when the file is not a Fulcrum plugin at all (no library, or no
    // entry symbol): discovery skips such files with a warning.
    bool is_plugin = false;
    std::string id; // the manifest id when it was read, else empty
};

// Loads `path`, negotiates the ABI, checks the manifest and creates an
// instance with its config: `settings[manifest id]`, or {} when there is none,
// validated against the manifest's config schema.
LoadOutcome load_in_process(const std::string& path, const nlohmann::json& settings);

} // namespace fulcrum
