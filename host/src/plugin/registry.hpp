// Finding and loading every plugin the user asked for: the install's plugin
// folder, --plugin-dir folders and the config's list of files.
#pragma once

#include "plugin/plugin.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace fulcrum {

struct PluginSources {
    std::vector<std::string> dirs;                      // searched for *.so; a missing one is an error
    std::vector<std::string> optional_dirs;             // like dirs, but a missing one is fine (the install's folder)
    std::vector<std::string> files;                     // named plugin files; any failure is a failed plugin
    nlohmann::json settings = nlohmann::json::object(); // plugin config by plugin id
};

// A plugin that was meant to run but could not be loaded. It is reported in
// every review, since nobody can tell which proposals it would have covered.
struct FailedPlugin {
    std::string id; // manifest id if it was read, else the file's stem
    std::string path;
    std::string error;
};

struct PluginSet {
    std::vector<std::unique_ptr<Plugin>> loaded;
    std::vector<FailedPlugin> failed;
    std::vector<std::string> warnings; // skipped files, shadowed duplicates
};

// Throws fulcrum::Error (exit 2) when a required folder does not exist.
PluginSet load_plugins(const PluginSources& sources);

} // namespace fulcrum
