// What plugins find, as the host holds it after validation: the vocabulary
// shared by contributions (plugin output) and the review (merged output).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fulcrum {

struct Range {
    double low = 0;
    double likely = 0;
    double high = 0;
};

struct Cost {
    double one_time = 0;
    double annual = 0;
};

enum class MitigationStatus { in_place, planned, recommended };

struct Mitigation {
    std::string id;
    std::string title;
    std::string control; // proposal control id that implements it; may be empty
    Cost cost;
    int residual_likelihood = 1;
    int residual_impact = 1;
    MitigationStatus status = MitigationStatus::recommended; // set by the merge
};

// Framework references: {"csf": ["PR.AA-05"], "gdpr": ["Art. 32"]} as a
// list, each framework once and in order of its name, as a JSON object holds
// them. The plugins' own lists are moved in (normalized_refs), not rebuilt.
using Refs = std::vector<std::pair<std::string, std::vector<std::string>>>;

// `refs` in order of framework, a repeated framework counting once with its
// last list, as it would in a JSON object.
Refs normalized_refs(Refs refs);
nlohmann::json refs_json(const Refs& refs);

// FAIR inputs: loss events per year and loss per event.
struct FairInputs {
    Range frequency;
    Range magnitude;
};

struct Risk {
    std::string id;
    std::string plugin;
    std::vector<std::string> raised_by; // every plugin that raised it (shared concerns)
    std::string title;
    std::string concern;
    int likelihood = 1;
    int impact = 1;
    std::string rationale;
    std::vector<std::string> evidence;
    Refs refs;
    std::vector<Mitigation> mitigations;
    std::optional<FairInputs> fair;
    // Filled in by the merge: what remains with the controls already in place.
    int residual_likelihood = 1;
    int residual_impact = 1;
};

struct Benefit {
    std::string id;
    std::string plugin;
    std::string title;
    std::string dimension;
    int score = 0;
    std::string rationale;
    std::vector<std::string> evidence;
    std::optional<Range> annual_value;
};

struct Question {
    std::string rule;
    std::string plugin;
    std::string field;
    std::string text;
};

struct Contribution {
    std::vector<Benefit> benefits;
    std::vector<Risk> risks;
    std::vector<Question> questions;
};

enum class Severity { info, low, medium, high, critical };

// Severity from likelihood x impact (1-5 each): 20+ critical, 12+ high,
// 6+ medium, 3+ low, else info. docs/review-format.md explains the bands.
Severity severity_of(int likelihood, int impact);
const char* to_string(Severity severity);
std::optional<Severity> severity_from_string(const std::string& text);
const char* to_string(MitigationStatus status);

} // namespace fulcrum
