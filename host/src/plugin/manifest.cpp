#include "plugin/manifest.hpp"

#include "plugin/contribution_reader.hpp"
#include "util/json_path.hpp"

#include <algorithm>
#include <cstdio>
#include <regex>
#include <stdexcept>

namespace fulcrum {

bool Manifest::handles(const std::string& category) const {
    return std::find(categories.begin(), categories.end(), category) != categories.end();
}

void Manifest::cite_catalog(Contribution& contribution) const {
    for (Risk& risk : contribution.risks) {
        if (risk.refs.empty()) {
            if (auto it = rule_refs.find(risk.id); it != rule_refs.end()) {
                risk.refs = it->second;
            }
        }
    }
}

namespace {

std::string required_string(const nlohmann::json& m, const char* key) {
    auto it = m.find(key);
    if (it == m.end() || !it->is_string() || it->get<std::string>().empty()) {
        throw std::runtime_error(std::string("manifest field '") + key + "' is missing or not a non-empty string");
    }
    return it->get<std::string>();
}

// The references of catalog rule `rule` (rules/`index`), held to a
// contribution's limits by the contribution reader itself (at most 32 ids a
// framework, each 1 to 64 characters), framework names 1 to 64 characters.
Refs catalog_refs(const nlohmann::json& refs, size_t index, const std::string& rule) {
    const contribution_reading::Reader reader;
    const Path root; // each step points at the one before: all of them named
    const Path rules = root.child("rules");
    const Path entry = rules.item(index);
    const Path at = entry.child("refs");
    nlohmann::json copy = refs; // the reader moves what it has checked
    try {
        Refs out = reader.refs(copy, at);
        for (auto& [framework, ids] : out) {
            reader.text(framework, at.child(framework), 1, 64);
        }
        return out;
    } catch (const contribution_reading::Reader::Failure& e) {
        throw std::runtime_error("manifest rule '" + rule + "': " + e.what());
    }
}

} // namespace

Manifest parse_manifest(const std::string& text) {
    nlohmann::json m;
    try {
        m = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(std::string("manifest is not valid JSON: ") + e.what());
    }
    if (!m.is_object()) {
        throw std::runtime_error("manifest is not a JSON object");
    }
    Manifest out;
    out.id = required_string(m, "id");
    static const std::regex k_id("[a-z][a-z0-9_-]{0,63}");
    if (!std::regex_match(out.id, k_id)) {
        throw std::runtime_error("manifest id '" + out.id + "' is not lower-case letters, digits, '_' or '-'");
    }
    out.name = required_string(m, "name");
    out.vendor = required_string(m, "vendor");
    out.version = required_string(m, "version");
    if (auto d = m.find("description"); d != m.end()) {
        if (!d->is_string()) {
            throw std::runtime_error("manifest field 'description' is not a string");
        }
        out.description = d->get<std::string>();
    }
    const std::string abi = required_string(m, "abi_version");
    // Digits, a dot, digits and nothing else: sscanf alone would take "1.0junk" for 1.0.
    static const std::regex k_abi("[0-9]{1,5}\\.[0-9]{1,5}");
    if (!std::regex_match(abi, k_abi) || std::sscanf(abi.c_str(), "%d.%d", &out.abi_major, &out.abi_minor) != 2) {
        throw std::runtime_error("manifest abi_version '" + abi + "' is not MAJOR.MINOR");
    }
    auto cats = m.find("categories");
    if (cats == m.end() || !cats->is_array() || cats->empty()) {
        throw std::runtime_error("manifest field 'categories' is missing or empty");
    }
    // The pattern proposals use for technologies[].category, so that every
    // category a plugin claims can match some proposal.
    static const std::regex k_category("[a-z][a-z0-9_-]{0,31}");
    for (const auto& c : *cats) {
        if (!c.is_string() || c.get<std::string>().empty()) {
            throw std::runtime_error("manifest field 'categories' holds something other than names");
        }
        if (!std::regex_match(c.get<std::string>(), k_category)) {
            throw std::runtime_error("manifest category '" + c.get<std::string>() +
                                     "' is not a lower-case category name such as cloud, ai or bigdata");
        }
        out.categories.push_back(c.get<std::string>());
    }
    if (auto ts = m.find("thread_safe"); ts != m.end()) {
        if (!ts->is_boolean()) {
            throw std::runtime_error("manifest field 'thread_safe' is not true or false");
        }
        out.thread_safe = ts->get<bool>();
    }
    if (auto schema = m.find("config_schema"); schema != m.end()) {
        if (!schema->is_object()) {
            throw std::runtime_error("manifest field 'config_schema' is not a JSON Schema object");
        }
        out.config_schema = *schema;
    }
    if (auto rules = m.find("rules"); rules != m.end()) {
        if (!rules->is_array()) {
            throw std::runtime_error("manifest field 'rules' is not an array");
        }
        out.rules = *rules;
        for (size_t i = 0; i < out.rules.size(); ++i) {
            const nlohmann::json& rule = out.rules[i];
            if (!rule.is_object() || !rule.contains("id") || !rule["id"].is_string() || !rule.contains("refs")) {
                continue; // a malformed entry is `fulcrum plugins check`'s to report; it cites nothing
            }
            const std::string& id = rule["id"].get_ref<const std::string&>();
            SharedRefs refs(catalog_refs(rule["refs"], i, id));
            out.rule_refs.emplace(id, std::move(refs)); // the first entry of an id stands
        }
    }
    return out;
}

} // namespace fulcrum
