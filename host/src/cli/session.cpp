#include "cli/session.hpp"

#include "cli/locations.hpp"
#include "util/error.hpp"

#include <boost/filesystem.hpp>
#include <boost/program_options.hpp>

#include <cstdlib>
#include <iostream>

namespace fulcrum {

namespace po = boost::program_options;
namespace fs = boost::filesystem;

void warn(const std::string& message) {
    std::cerr << "fulcrum: warning: " << message << "\n";
}

void add_session_options(po::options_description& options, SessionOptions& values) {
    options.add_options() //
        ("config", po::value(&values.config)->value_name("FILE"),
         "review policy (default: share/fulcrum/default.json of the install)") //
        ("appetite", po::value(&values.appetite)->value_name("NAME"),
         "risk appetite preset: tolerant, balanced or averse (overrides the policy's)") //
        ("plugin-dir", po::value(&values.plugin_dirs)->value_name("DIR")->composing(),
         "also load plugins from DIR (repeatable)") //
        ("no-default-plugins", po::bool_switch(&values.no_default_plugins),
         "do not load the plugins installed with fulcrum") //
        ("isolation", po::value(&values.isolation)->value_name("MODE"),
         "run plugins in-process, in a worker process each (process), or auto (default: first-party "
         "in process, others isolated)") //
        ("plugin-timeout", po::value(&values.plugin_timeout)->value_name("SECONDS"),
         "time limit per plugin call for isolated plugins (default 5)") //
        ("allow-untrusted", po::bool_switch(&values.allow_untrusted),
         "load plugins that are neither pinned, signed by a trusted key nor first-party (the review says so)");
}

namespace {

Policy load_session_policy(const SessionOptions& options, const Locations& where) {
    Policy policy;
    std::string config = options.config;
    if (config.empty() && fs::exists(fs::path(where.config_dir) / "default.json")) {
        config = (fs::path(where.config_dir) / "default.json").string();
    }
    if (!config.empty()) {
        if (!fs::exists(config)) {
            throw usage_error("--config " + config + ": no such file");
        }
        policy = load_policy(config);
    } else {
        warn("no policy file found in " + where.config_dir + "; using built-in defaults");
        policy.name = "built-in";
        for (const char* d : {"efficiency", "customer_experience", "competitive_advantage", "growth", "cost_reduction",
                              "resilience", "compliance"}) {
            policy.weights[d] = 1.0;
        }
    }
    if (!options.appetite.empty()) {
        if (options.appetite != "tolerant" && options.appetite != "balanced" && options.appetite != "averse") {
            throw usage_error("--appetite " + options.appetite + ": expected tolerant, balanced or averse");
        }
        const std::string file = "appetite-" + options.appetite + ".json";
        std::vector<fs::path> candidates;
        if (!config.empty()) {
            candidates.push_back(fs::absolute(config).parent_path() / file);
        }
        candidates.push_back(fs::path(where.config_dir) / file);
        bool found = false;
        for (const auto& candidate : candidates) {
            if (fs::exists(candidate)) {
                apply_appetite_preset(policy, candidate.string());
                found = true;
                break;
            }
        }
        if (!found) {
            throw usage_error("--appetite " + options.appetite + ": no " + file + " beside the policy or in " +
                              where.config_dir);
        }
    }
    return policy;
}

} // namespace

Policy open_policy(const SessionOptions& options) {
    return load_session_policy(options, locate_installation());
}

PluginSources plugin_sources(const SessionOptions& options, const Policy& policy) {
    const Locations where = locate_installation();
    PluginSources sources;
    if (!options.no_default_plugins) {
        sources.optional_dirs.push_back(where.plugin_dir);
    }
    sources.dirs = policy.plugin_dirs;
    sources.dirs.insert(sources.dirs.end(), options.plugin_dirs.begin(), options.plugin_dirs.end());
    sources.files = policy.plugin_files;
    sources.settings = policy.plugin_settings;
    sources.first_party_dir = where.plugin_dir;
    sources.worker_program = worker_program(where.prefix);
    sources.trust = read_trust_settings(policy.raw, policy.source);
    sources.allow_untrusted = options.allow_untrusted;
    sources.isolation = read_isolation_settings(policy.raw, policy.source);
    if (!options.isolation.empty()) {
        const auto mode = parse_isolation_mode(options.isolation);
        if (!mode) {
            throw usage_error("--isolation " + options.isolation + ": expected auto, in-process or process");
        }
        sources.isolation.forced_mode = *mode;
    }
    if (!options.plugin_timeout.empty()) {
        char* end = nullptr;
        const double seconds = std::strtod(options.plugin_timeout.c_str(), &end);
        if (*end != '\0' || !(seconds > 0 && seconds <= 86400)) {
            throw usage_error("--plugin-timeout " + options.plugin_timeout +
                              ": expected a number of seconds above 0 and at most 86400");
        }
        sources.isolation.forced_timeout_seconds = seconds;
    }
    return sources;
}

Session open_session(const SessionOptions& options) {
    const Locations where = locate_installation();
    Session session;
    session.policy = load_session_policy(options, where);
    session.plugins = load_plugins(plugin_sources(options, session.policy));
    for (const auto& w : session.plugins.warnings) {
        warn(w);
    }
    for (const auto& f : session.plugins.failed) {
        warn("plugin " + f.id + " (" + f.path + ") failed to load: " + f.error);
    }
    if (session.plugins.loaded.empty() && session.plugins.failed.empty()) {
        warn("no plugins loaded; reviews will have no findings (looked in " +
             (options.no_default_plugins ? std::string("the given folders") : where.plugin_dir) + ")");
    }
    return session;
}

} // namespace fulcrum
