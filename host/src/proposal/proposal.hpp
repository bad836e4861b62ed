// A validated proposal: the document plugins see, plus the few fields the
// host itself needs (identity, categories, controls, money).
#pragma once

#include "proposal/limits.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fulcrum {

enum class ControlStatus { none, planned, in_place };

struct Proposal {
    std::string source; // where it came from, for messages: a path or "file:line"
    nlohmann::json doc; // the whole document, unknown fields kept
    std::string id;
    std::string title;
    std::string currency = "USD";
    std::vector<std::string> categories;           // distinct, in order of first mention
    std::map<std::string, ControlStatus> controls; // by control id
    std::optional<double> security_budget;
    std::vector<std::string> warnings; // e.g. unknown fields, kept but not understood

    bool uses(const std::string& category) const;
    ControlStatus control(const std::string& control_id) const;
};

// Whether `code` is a currency as proposals write it: three capital letters,
// the form of ISO 4217 codes ("EUR").
bool is_currency_code(std::string_view code);

// Checks `doc` against the proposal format (docs/proposal-format.md) and builds
// the Proposal. Throws fulcrum::Error (exit 3) listing every problem as
// "<source>: <json pointer>: expected ..., got ..." (the first 20 of them).
Proposal validate_proposal(nlohmann::json doc, const std::string& source, const Limits& limits = Limits{});

// Reads, parses and validates one proposal file (JSON or YAML) within `limits`.
Proposal load_proposal(const std::string& path, const Limits& limits = Limits{});

} // namespace fulcrum
