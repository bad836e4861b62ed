// Synthetic proposals for the batch and portfolio tests, as JSON Lines, and
// the options that run fulcrum on the first-party plugins of the build.
#pragma once

#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace fulcrum::test {

// A cloud proposal; n varies its service model, personal data, records and capex.
inline std::string proposal_line(int n) {
    nlohmann::json p = {
        {"id", "p-" + std::to_string(n)},
        {"title", "Proposal " + std::to_string(n)},
        {"technologies", {{{"category", "cloud"}, {"service_model", n % 2 ? "saas" : "iaas"}}}},
        {"data", {{"classification", "confidential"}, {"personal_data", n % 3 == 0}, {"records", 1000 * n}}},
        {"organization", {{"size", "medium"}, {"has_ciso", true}}},
        {"costs", {{"capex", 10000 + n}, {"opex_annual", 5000}}},
        {"business_case",
         {{"benefits",
           {{{"dimension", "efficiency"}, {"annual_value", {{"low", 1}, {"likely", 2e4}, {"high", 3e4}}}}}}}}};
    return p.dump();
}

// The same, worth funding: its benefit outweighs its costs and conditions,
// by more as n grows, so that budgets choose among such proposals.
inline std::string valuable_proposal_line(int n) {
    nlohmann::json p = nlohmann::json::parse(proposal_line(n));
    p["business_case"]["benefits"][0]["annual_value"] = {{"low", 1e5}, {"likely", 2e5 + 5e3 * n}, {"high", 6e5}};
    return p.dump();
}

// `count` proposals, p-0 onwards, written to dir/name; returns the path.
inline std::string write_jsonl(const std::string& dir, int count, const std::string& name = "in.jsonl") {
    std::ostringstream out;
    for (int n = 0; n < count; ++n) {
        out << proposal_line(n) << "\n";
    }
    const std::string path = dir + "/" + name;
    write_text(path, out.str());
    return path;
}

// The build's first-party plugins and nothing else.
inline std::vector<std::string> base_args() {
    return {"--no-default-plugins", "--plugin-dir", binary_path("lib/fulcrum/plugins")};
}

inline std::vector<std::string> with(std::vector<std::string> head, const std::vector<std::string>& tail) {
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

} // namespace fulcrum::test
