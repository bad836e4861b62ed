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
};

// Adds --config, --appetite, --plugin-dir and --no-default-plugins.
void add_session_options(boost::program_options::options_description& options, SessionOptions& values);

struct Session {
    Policy policy;
    PluginSet plugins;
};

// Loads the policy and the plugins, printing warnings to standard error.
Session open_session(const SessionOptions& options);

// "fulcrum: warning: ..." on standard error.
void warn(const std::string& message);

} // namespace fulcrum
