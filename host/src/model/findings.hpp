// What plugins find, as the host holds it after validation: the vocabulary
// shared by contributions (plugin output) and the review (merged output).
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
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

// A risk's references as the review keeps them: made once and shared. Every
// finding of a rule that leaves its references to the plugin's catalog
// (docs/plugin-guide.md) holds the catalog's list, not a copy, with its JSON
// text printed when the list was made. Iterates as Refs does; empty (no
// references) by default.
class SharedRefs {
public:
    SharedRefs() = default;
    explicit SharedRefs(Refs refs); // normalized first

    const Refs& list() const;
    // The list as a compact JSON object, byte for byte what dump() prints: {"csf":["PR.AA-05"]}.
    std::string_view json() const;
    bool empty() const { return list().empty(); }
    Refs::const_iterator begin() const { return list().begin(); }
    Refs::const_iterator end() const { return list().end(); }
    bool operator==(const SharedRefs& other) const { return list() == other.list(); }

private:
    struct Data {
        Refs list;
        std::string json;
    };
    std::shared_ptr<const Data> m_data;
};
nlohmann::json refs_json(const SharedRefs& refs);

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
    SharedRefs refs;
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
