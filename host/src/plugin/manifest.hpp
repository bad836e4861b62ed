// What a plugin says about itself, checked before the host uses any of it.
#pragma once

#include "model/findings.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace fulcrum {

struct Manifest {
    std::string id; // lower-case, also the prefix of every rule id it emits
    std::string name;
    std::string vendor;
    std::string version;
    std::string description;
    std::vector<std::string> categories;
    int abi_major = 0;
    int abi_minor = 0;
    bool thread_safe = false;
    nlohmann::json config_schema = nlohmann::json::object();
    nlohmann::json rules = nlohmann::json::array(); // the rule catalog: [{id, kind, title, summary, refs}]
    // Each catalogued rule's references, checked as a contribution's are and
    // made once: the references of a risk that leaves them to its rule.
    std::unordered_map<std::string, SharedRefs> rule_refs;

    bool handles(const std::string& category) const;
    // Gives every risk of `contribution` without references its rule's from
    // the catalog (none for a rule the catalog does not list).
    void cite_catalog(Contribution& contribution) const;
};

// Parses and checks manifest text. Throws std::runtime_error naming the
// first missing or malformed field.
Manifest parse_manifest(const std::string& text);

} // namespace fulcrum
