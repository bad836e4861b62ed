// What every reviewing command sets up first: the policy and the plugins.
#pragma once

#include "plugin/registry.hpp"
#include "review/policy.hpp"

#include <boost/program_options/options_description.hpp>

#include <string>
#include <vector>

namespace fulcrum {

struct SessionOptions {
    std::string config;
    std::string appetite;
    std::vector<std::string> plugin_dirs;
    bool no_default_plugins = false;
    std::string isolation;        // --isolation: "", auto, in-process or process
    std::string plugin_timeout;   // --plugin-timeout in seconds; "": the config's
    bool allow_untrusted = false; // --allow-untrusted
};

// Adds --config, --appetite, --plugin-dir, --no-default-plugins, --isolation,
// --plugin-timeout and --allow-untrusted.
void add_session_options(boost::program_options::options_description& options, SessionOptions& values);

struct Session {
    Policy policy;
    PluginSet plugins;
};

// Loads the policy and the plugins, printing warnings to standard error.
Session open_session(const SessionOptions& options);

// Loads only the policy (--config, --appetite), for commands that load no plugins.
Policy open_policy(const SessionOptions& options);

// The plugin sources the session would load from: folders, files, settings,
// trust and isolation from the policy and the command line.
PluginSources plugin_sources(const SessionOptions& options, const Policy& policy);

// "fulcrum: warning: ..." on standard error.
void warn(const std::string& message);

} // namespace fulcrum
