// Finding and loading every plugin the user asked for: the install's plugin
// folder, --plugin-dir folders and the config's list of files.
#pragma once

#include "plugin/isolated_settings.hpp"
#include "plugin/plugin.hpp"
#include "plugin/trust.hpp"

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

    // Trust and isolation (docs/security.md). A plugin in `first_party_dir`
    // (the install's own folder) is trusted by location and runs in process
    // by default; any other needs a pin or a trusted signature, or
    // `allow_untrusted`, and runs in a worker (`worker_program`) by default.
    std::string first_party_dir;
    TrustSettings trust;
    bool allow_untrusted = false;
    IsolationSettings isolation;
    std::string worker_program;
};

// A plugin that was meant to run but could not be loaded. It is reported in
// every review, since nobody can tell which proposals it would have covered.
struct FailedPlugin {
    std::string id; // manifest id if it was read, else the file's stem
    std::string path;
    std::string error;
};

// How a loaded plugin came to be trusted and how it runs.
struct PluginProvenance {
    std::string id;
    std::string sha256;
    TrustBasis trust = TrustBasis::unverified;
    std::string trust_detail;
    IsolationMode isolation = IsolationMode::in_process;
};

struct PluginSet {
    std::vector<std::unique_ptr<Plugin>> loaded;
    std::vector<FailedPlugin> failed;
    std::vector<std::string> warnings;        // skipped files, shadowed duplicates
    std::vector<PluginProvenance> provenance; // one per loaded plugin, in the same order

    // True when the plugin with this id was loaded without verification (--allow-untrusted).
    bool unverified(const std::string& id) const;
};

// Throws fulcrum::Error (exit 2) when a required folder does not exist.
PluginSet load_plugins(const PluginSources& sources);

} // namespace fulcrum
