#include "plugin/isolated_settings.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>

#ifndef FULCRUM_WORKER_RELATIVE_PATH
#define FULCRUM_WORKER_RELATIVE_PATH "libexec/fulcrum/fulcrum-worker"
#endif

namespace fulcrum {

using nlohmann::json;

const char* to_string(IsolationMode mode) {
    switch (mode) {
    case IsolationMode::automatic:
        return "auto";
    case IsolationMode::in_process:
        return "in-process";
    case IsolationMode::process:
        return "process";
    }
    return "auto";
}

std::optional<IsolationMode> parse_isolation_mode(const std::string& text) {
    for (IsolationMode mode : {IsolationMode::automatic, IsolationMode::in_process, IsolationMode::process}) {
        if (text == to_string(mode)) {
            return mode;
        }
    }
    return std::nullopt;
}

int IsolationLimits::effective_cpu_seconds() const {
    return cpu_seconds > 0 ? cpu_seconds : static_cast<int>(std::ceil(timeout_seconds)) + 1;
}

int IsolationLimits::effective_workers(bool thread_safe) const {
    if (!thread_safe) {
        return 1; // one instance, one call at a time, as the plugin asked
    }
    if (workers > 0) {
        return workers;
    }
    return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
}

namespace {

std::string stem_of(const std::string& file_name) {
    const std::string suffix = ".so";
    if (file_name.size() > suffix.size() &&
        file_name.compare(file_name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return file_name.substr(0, file_name.size() - suffix.size());
    }
    return file_name;
}

[[noreturn]] void bad(const std::string& source, const std::string& pointer, const std::string& expected,
                      const json& got) {
    throw input_error(source + ": " + pointer + ": expected " + expected + ", got " + got.dump().substr(0, 80));
}

// Reads the fields a section and a plugin entry share.
PluginIsolationOverride read_fields(const json& section, const std::string& pointer, const std::string& source,
                                    bool allow_plugins) {
    if (!section.is_object()) {
        bad(source, pointer, "an object", section);
    }
    PluginIsolationOverride out;
    for (const auto& [key, value] : section.items()) {
        const std::string at = pointer + "/" + key;
        if (key == "mode") {
            const auto mode = value.is_string() ? parse_isolation_mode(value.get<std::string>()) : std::nullopt;
            if (!mode) {
                bad(source, at, "auto, in-process or process", value);
            }
            out.mode = mode;
        } else if (key == "timeout_seconds") {
            if (!value.is_number() || value.get<double>() <= 0 || value.get<double>() > 86400) {
                bad(source, at, "a number of seconds above 0 and at most 86400", value);
            }
            out.timeout_seconds = value.get<double>();
        } else if (key == "memory_mb" || key == "cpu_seconds" || key == "workers") {
            const int max = key == "memory_mb" ? 1 << 20 : key == "workers" ? 64 : 86400;
            if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > max) {
                bad(source, at, "a whole number from 1 to " + std::to_string(max), value);
            }
            const int n = value.get<int>();
            (key == "memory_mb" ? out.memory_mb : key == "cpu_seconds" ? out.cpu_seconds : out.workers) = n;
        } else if (allow_plugins && (key == "plugins" || key == "max_consecutive_failures")) {
            continue; // read by the caller
        } else {
            bad(source, at,
                "one of mode, timeout_seconds, memory_mb, cpu_seconds, workers" +
                    std::string(allow_plugins ? ", max_consecutive_failures, plugins" : ""),
                json(key));
        }
    }
    return out;
}

void apply(const PluginIsolationOverride& o, IsolationLimits& limits) {
    limits.timeout_seconds = o.timeout_seconds.value_or(limits.timeout_seconds);
    limits.memory_mb = o.memory_mb.value_or(limits.memory_mb);
    limits.cpu_seconds = o.cpu_seconds.value_or(limits.cpu_seconds);
    limits.workers = o.workers.value_or(limits.workers);
}

} // namespace

IsolationSettings read_isolation_settings(const json& policy, const std::string& source) {
    IsolationSettings out;
    if (!policy.is_object() || !policy.contains("isolation")) {
        return out;
    }
    const json& section = policy["isolation"];
    const PluginIsolationOverride fields = read_fields(section, "/isolation", source, true);
    out.mode = fields.mode.value_or(IsolationMode::automatic);
    apply(fields, out.limits);
    if (section.contains("max_consecutive_failures")) {
        const json& v = section["max_consecutive_failures"];
        if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 1000000) {
            bad(source, "/isolation/max_consecutive_failures", "a whole number from 0 (never stop) up", v);
        }
        out.limits.max_consecutive_failures = v.get<int>();
    }
    if (section.contains("plugins")) {
        const json& plugins = section["plugins"];
        if (!plugins.is_object()) {
            bad(source, "/isolation/plugins", "an object of plugin file name -> settings", plugins);
        }
        for (const auto& [name, entry] : plugins.items()) {
            out.plugins[name] = read_fields(entry, "/isolation/plugins/" + name, source, false);
        }
    }
    return out;
}

namespace {

const PluginIsolationOverride* override_for(const IsolationSettings& settings, const std::string& file_name) {
    auto it = settings.plugins.find(file_name);
    if (it == settings.plugins.end()) {
        it = settings.plugins.find(stem_of(file_name));
    }
    return it == settings.plugins.end() ? nullptr : &it->second;
}

} // namespace

IsolationMode IsolationSettings::mode_for(const std::string& file_name, bool first_party) const {
    IsolationMode chosen = mode;
    if (const auto* o = override_for(*this, file_name); o && o->mode) {
        chosen = *o->mode;
    }
    if (forced_mode) {
        chosen = *forced_mode;
    }
    if (chosen == IsolationMode::automatic) {
        chosen = first_party ? IsolationMode::in_process : IsolationMode::process;
    }
    return chosen;
}

IsolationLimits IsolationSettings::limits_for(const std::string& file_name) const {
    IsolationLimits out = limits;
    if (const auto* o = override_for(*this, file_name)) {
        apply(*o, out);
    }
    if (forced_timeout_seconds) {
        out.timeout_seconds = *forced_timeout_seconds;
    }
    return out;
}

std::string worker_program(const std::string& prefix) {
    return prefix + "/" + FULCRUM_WORKER_RELATIVE_PATH;
}

std::string seconds_text(double seconds) {
    std::ostringstream out;
    out << seconds << " s";
    return out.str();
}

} // namespace fulcrum
