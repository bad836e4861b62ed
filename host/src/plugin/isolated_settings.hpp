// How each plugin runs: in the host's process, or in a worker process with a
// timeout, a memory limit and a CPU limit. Read from the config's `isolation`
// section and the command line (--isolation, --plugin-timeout).
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>

namespace fulcrum {

enum class IsolationMode {
    automatic,  // first-party plugins in process, every other plugin in a worker
    in_process, // fastest; a crash or hang takes the host with it
    process,    // a worker process per plugin, contained and limited
};
const char* to_string(IsolationMode mode);
// "auto", "in-process" or "process"; nullopt otherwise.
std::optional<IsolationMode> parse_isolation_mode(const std::string& text);

struct IsolationLimits {
    double timeout_seconds = 5;       // wall-clock time per call (and per start)
    int memory_mb = 1024;             // address space of the worker (RLIMIT_AS)
    int cpu_seconds = 0;              // CPU time per call (RLIMIT_CPU); 0: the timeout rounded up, plus 1
    int workers = 0;                  // worker pool of a thread-safe plugin; 0: min(cores, 4)
    int max_consecutive_failures = 3; // crashes or hangs in a row before the plugin is stopped; 0: never

    int effective_cpu_seconds() const;
    int effective_workers(bool thread_safe) const;
};

// A plugin's own settings; unset fields fall back to the section's.
struct PluginIsolationOverride {
    std::optional<IsolationMode> mode;
    std::optional<double> timeout_seconds;
    std::optional<int> memory_mb;
    std::optional<int> cpu_seconds;
    std::optional<int> workers;
};

struct IsolationSettings {
    IsolationMode mode = IsolationMode::automatic;
    IsolationLimits limits;
    // By plugin file name ("acme.so") or the name without ".so": the choice is
    // made before the plugin is loaded, when its manifest id is not yet known.
    std::map<std::string, PluginIsolationOverride> plugins;
    // From the command line; they beat the config.
    std::optional<IsolationMode> forced_mode;
    std::optional<double> forced_timeout_seconds;

    // Never `automatic`.
    IsolationMode mode_for(const std::string& file_name, bool first_party) const;
    IsolationLimits limits_for(const std::string& file_name) const;
};

// Reads `isolation` from a policy document. Throws fulcrum::Error (exit 3).
IsolationSettings read_isolation_settings(const nlohmann::json& policy, const std::string& source);

// Where the worker program sits under an install (or build tree) prefix.
std::string worker_program(const std::string& prefix);

// "5 s", "0.5 s".
std::string seconds_text(double seconds);

} // namespace fulcrum
