// What the machine-readable reports need beyond the reviews themselves,
// gathered by the command and passed forward (reports never reach back into
// plugins or files): the rule catalogs, where each proposal's fields sit in
// its text, the working directory for relative URIs, and the time.
#pragma once

#include "proposal/source_map.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace fulcrum {

struct ReportContext {
    // Rule catalog entries from the loaded plugins' manifests, each
    // {id, kind, title, summary, refs, plugin}; see rule_catalog().
    nlohmann::json rules = nlohmann::json::array();
    // Source maps by Review::source; a review without one is located at line 1.
    std::map<std::string, SourceMap> sources;
    // Absolute folder that relative artifact URIs are relative to; empty
    // leaves Review::source as given.
    std::string base_dir;
    // RFC 3339 UTC time of the review ("2026-01-31T09:00:00Z"): OSCAL's
    // timestamps and the HTML footer. The command takes it from
    // SOURCE_DATE_EPOCH when set, so that runs can be reproduced byte for
    // byte; empty, OSCAL uses the epoch and HTML shows no time.
    std::string timestamp;
};

// Seconds since the epoch as RFC 3339 UTC.
std::string rfc3339_utc(long long epoch_seconds);

// The path of a proposal as a URI reference relative to `base_dir` (when it
// lies below it), percent-encoded; "file://" plus the absolute path otherwise.
std::string artifact_uri(const std::string& path, const std::string& base_dir);

} // namespace fulcrum
