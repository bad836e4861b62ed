#include "review/policy.hpp"

#include "proposal/document.hpp"
#include "util/error.hpp"

#include <boost/filesystem.hpp>

#include <cstdint>

namespace fulcrum {

using nlohmann::json;

namespace {

const char* const k_dimensions[] = {"efficiency", "customer_experience", "competitive_advantage",
                                    "growth",     "cost_reduction",      "resilience",
                                    "compliance"};

[[noreturn]] void bad(const std::string& source, const std::string& pointer, const std::string& expected,
                      const json& got) {
    throw input_error(source + ": " + pointer + ": expected " + expected + ", got " + got.dump());
}

Severity severity_field(const std::string& source, const json& section, const std::string& pointer, const char* key,
                        Severity fallback) {
    if (!section.contains(key)) {
        return fallback;
    }
    const json& v = section[key];
    if (v.is_string()) {
        if (auto s = severity_from_string(v.get<std::string>())) {
            return *s;
        }
    }
    bad(source, pointer + "/" + key, "one of critical|high|medium|low|info", v);
}

int int_field(const std::string& source, const json& section, const std::string& pointer, const char* key, int fallback,
              int max) {
    if (!section.contains(key)) {
        return fallback;
    }
    const json& v = section[key];
    // Compared as 64-bit values: get<int>() would wrap 2^32 + 50 to 50.
    const bool in_range = v.is_number_unsigned()  ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(max)
                          : v.is_number_integer() ? v.get<std::int64_t>() >= 0 && v.get<std::int64_t>() <= max
                                                  : false;
    if (!in_range) {
        bad(source, pointer + "/" + key, "a whole number from 0 to " + std::to_string(max), v);
    }
    return v.get<int>();
}

void read_appetite(const std::string& source, const json& doc, Policy& policy) {
    if (doc.contains("appetite")) {
        const json& a = doc["appetite"];
        if (!a.is_object()) {
            bad(source, "/appetite", "an object", a);
        }
        Appetite& out = policy.appetite;
        if (a.contains("name")) {
            const json& n = a["name"];
            if (!n.is_string() || (n != "tolerant" && n != "balanced" && n != "averse")) {
                bad(source, "/appetite/name", "one of tolerant|balanced|averse", n);
            }
            out.name = n.get<std::string>();
        }
        out.accept_without_conditions =
            severity_field(source, a, "/appetite", "accept_without_conditions", out.accept_without_conditions);
        out.reject_at = severity_field(source, a, "/appetite", "reject_at", out.reject_at);
        out.defer_below_benefit =
            int_field(source, a, "/appetite", "defer_below_benefit", out.defer_below_benefit, 100);
        out.defer_on_open_questions =
            int_field(source, a, "/appetite", "defer_on_open_questions", out.defer_on_open_questions, 10000);
    }
    if (doc.contains("weights")) {
        const json& w = doc["weights"];
        if (!w.is_object()) {
            bad(source, "/weights", "an object of dimension weights", w);
        }
        for (const auto& [key, value] : w.items()) {
            bool known = false;
            for (const char* d : k_dimensions) {
                known = known || key == d;
            }
            if (!known) {
                bad(source, "/weights/" + key, "a benefit dimension", key);
            }
            if (!value.is_number() || value.get<double>() < 0) {
                bad(source, "/weights/" + key, "a non-negative number", value);
            }
            policy.weights[key] = value.get<double>();
        }
    }
}

std::vector<std::string> paths_field(const std::string& source, const json& plugins, const char* key,
                                     const boost::filesystem::path& base) {
    std::vector<std::string> out;
    if (!plugins.contains(key)) {
        return out;
    }
    const json& list = plugins[key];
    if (!list.is_array()) {
        bad(source, std::string("/plugins/") + key, "a list of paths", list);
    }
    for (size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_string()) {
            bad(source, "/plugins/" + std::string(key) + "/" + std::to_string(i), "a path", list[i]);
        }
        boost::filesystem::path p(list[i].get<std::string>());
        out.push_back((p.is_absolute() ? p : base / p).string());
    }
    return out;
}

// The optional "name" of a policy or preset, or `fallback`.
std::string name_field(const std::string& source, const json& doc, const std::string& fallback) {
    if (!doc.contains("name")) {
        return fallback;
    }
    if (!doc["name"].is_string()) {
        bad(source, "/name", "a string", doc["name"]);
    }
    return doc["name"].get<std::string>();
}

json load_object(const std::string& path) {
    json doc = load_document(path);
    if (!doc.is_object()) {
        throw input_error(path + ": expected a policy object, got " + doc.dump().substr(0, 60));
    }
    return doc;
}

} // namespace

Policy load_policy(const std::string& path) {
    json doc = load_object(path);
    Policy policy;
    policy.source = path;
    for (const char* d : k_dimensions) {
        policy.weights[d] = 1.0;
    }
    policy.name = name_field(path, doc, boost::filesystem::path(path).stem().string());
    read_appetite(path, doc, policy);
    if (doc.contains("limits")) {
        policy.limits = read_limits(doc["limits"], path);
    }
    if (doc.contains("plugins")) {
        const json& plugins = doc["plugins"];
        if (!plugins.is_object()) {
            bad(path, "/plugins", "an object with dirs, files and settings", plugins);
        }
        const auto base = boost::filesystem::absolute(path).parent_path();
        policy.plugin_dirs = paths_field(path, plugins, "dirs", base);
        policy.plugin_files = paths_field(path, plugins, "files", base);
        if (plugins.contains("settings")) {
            if (!plugins["settings"].is_object()) {
                bad(path, "/plugins/settings", "an object of plugin settings by plugin id", plugins["settings"]);
            }
            policy.plugin_settings = plugins["settings"];
        }
    }
    policy.raw = std::move(doc);
    return policy;
}

void apply_appetite_preset(Policy& policy, const std::string& preset_path) {
    const json doc = load_object(preset_path);
    read_appetite(preset_path, doc, policy);
    policy.name = name_field(preset_path, doc, policy.name);
}

} // namespace fulcrum
