// The conformance kit behind `fulcrum plugins check`: runs a plugin in a
// worker process against example, generated, extreme and malformed proposals
// and says, check by check, whether it behaves as the host expects, so that a
// vendor's CI can gate on it. docs/plugin-guide.md lists the checks.
#pragma once

#include "plugin/isolated_settings.hpp"
#include "plugin/manifest.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace fulcrum {

struct ConformanceProposal {
    std::string name;
    std::string text; // what the plugin is sent
};

// Valid proposals of every kind the plugin's categories allow, built from
// the proposal format (conformance_proposals.cpp). Each is checked by the
// host's own proposal validation first.
std::vector<ConformanceProposal> generated_proposals(const std::vector<std::string>& categories);
// Valid but extreme: a thousand technologies, long and odd strings, huge
// numbers. Those the host itself would refuse are moved to `malformed`.
void extreme_proposals(const std::vector<std::string>& categories, std::vector<ConformanceProposal>& extreme,
                       std::vector<ConformanceProposal>& malformed);
// Not proposals at all, or broken ones: a plugin must survive them.
std::vector<ConformanceProposal> malformed_proposals(const std::vector<std::string>& categories);

enum class CheckStatus { pass, fail, skip };
const char* to_string(CheckStatus status);

struct CheckResult {
    std::string name;
    CheckStatus status = CheckStatus::skip;
    std::string detail;
};

struct Latency {
    size_t calls = 0;
    double median_ms = 0;
    double p95_ms = 0;
    double max_ms = 0;
};

struct ConformanceOptions {
    std::string worker_program;
    IsolationLimits limits;
    nlohmann::json settings = nlohmann::json::object(); // plugin config by id, as in a policy
    std::vector<ConformanceProposal> examples;          // valid proposal files to use as well
    double max_p95_ms = 1000;
    int threads = 4;
};

struct ConformanceReport {
    std::string path;
    std::string sha256;
    std::optional<Manifest> manifest; // when it loaded
    std::vector<CheckResult> checks;
    Latency latency;

    bool passed() const;
    nlohmann::ordered_json to_json() const;
};

ConformanceReport check_plugin(const std::string& path, const ConformanceOptions& options);

} // namespace fulcrum
