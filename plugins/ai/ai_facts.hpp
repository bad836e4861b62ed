// What the AI plugin knows about one AI technology of a proposal: the facts
// its rules read, gathered once so that every rule reads them the same way.
#pragma once

#include "firstparty.hpp"

#include <fulcrum/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

namespace fulcrum::ai {

using sdk::Contribution;
using sdk::ControlStatus;
using sdk::Proposal;
using sdk::Range;
using sdk::Technology;

// Plugin settings (the manifest's config_schema documents them).
struct Settings {
    std::string eu_ai_act = "auto"; // auto | always | never
    double review_minutes = 4;      // human review time per adverse decision
    double reviewer_hourly_cost = 45;
};

// EU AI Act risk tiers, in increasing order of obligation.
enum class Tier { minimal, limited, high, prohibited };

// A match of the use case against a list of regulated practices.
struct Practice {
    std::string label; // e.g. "creditworthiness assessment"
    std::string ref;   // e.g. "Annex III point 5(b)"
};

struct AiFacts {
    const Proposal* p = nullptr;
    Technology tech;
    Settings settings;

    std::string source;   // model_source, "" when unknown
    std::string decision; // decision_impact, "" when unknown
    std::optional<bool> individuals;
    std::optional<bool> llm; // generative language model; nullopt when unknown
    std::string audience;    // internal | customers | public | "" when unknown
    std::string use_case;    // lower-cased
    bool fine_tuned = false;
    std::vector<std::string> tools;
    std::vector<std::string> retrieval;
    std::vector<std::string> outputs;
    std::vector<std::string> training;
    // What the use case names under the EU AI Act, read once: the rules ask
    // a dozen times a proposal, and each answer scans the text for sixty words.
    std::optional<Practice> prohibited;
    std::optional<Practice> area;

    // Organisation and data context.
    std::string size; // small | medium | large | enterprise
    bool regulated = false;
    double scale = 1;
    int data_impact = 2;
    sdk::Range breach; // firstparty::breach_magnitude
    bool personal = false;
    bool special = false;
    double records = 0; // 0 when unknown

    bool own_model() const { return source == "in_house_trained" || fine_tuned; }
    bool third_party() const { return source == "third_party_api"; }
    bool external_audience() const { return audience == "customers" || audience == "public"; }
    bool decides() const { return decision == "advisory" || decision == "automated"; }
    bool about_people() const { return individuals.value_or(false); }
    bool small_org() const { return size == "small"; }

    // The JSON pointer of a technology field, for evidence.
    std::string field(std::string_view name) const { return tech.field(name); }
    bool has(std::string_view name) const;
    // Adds the pointer of each named technology field the proposal fills in.
    void cite(sdk::Risk& risk, std::initializer_list<const char*> names) const;
};

AiFacts gather(const Proposal& p, const Technology& tech, const Settings& settings);

// True when `text` contains any of `words` (all lower case).
bool mentions(const std::string& text, std::initializer_list<const char*> words);
bool any_mentions(const std::vector<std::string>& items, std::initializer_list<const char*> words);

// Untrusted content: sources anyone outside the organisation can write to.
bool untrusted(const std::vector<std::string>& sources);

// EU AI Act: a prohibited practice (Art. 5) or a high-risk area (Annex III)
// that the use case names, if any.
std::optional<Practice> find_prohibited_practice(const std::string& use_case);
std::optional<Practice> find_high_risk_area(const std::string& use_case);
inline const std::optional<Practice>& prohibited_practice(const AiFacts& f) {
    return f.prohibited;
}
inline const std::optional<Practice>& high_risk_area(const AiFacts& f) {
    return f.area;
}
Tier declared_tier(const AiFacts& f);

// Whether EU law applies: true, false, or unknown (nullopt).
std::optional<bool> eu_scope(const AiFacts& f);
// Pointers of the fields that put the proposal in the EU's scope.
std::vector<std::string> eu_evidence(const Proposal& p);

// FAIR inputs. Loss events a year for a likelihood level (1-5).
Range frequency(int likelihood);
// Regulatory enforcement with a fine: far rarer than the breach of the rule
// (0.002 to 0.1 a year at levels 1-5, with a third and three times that).
Range enforcement_frequency(int likelihood);
// Annual revenue, or a typical figure for the organisation's size.
double revenue(const Proposal& p);
// A regulatory fine capped at max(fixed_cap, fraction x revenue): the
// distribution of what regulators actually impose sits far below the cap.
Range fine_magnitude(const Proposal& p, double fraction, double fixed_cap);
// Annual run cost of the system, or a typical figure for the organisation.
double run_cost(const Proposal& p);

// Adds the proposal's data fields (classification, personal data, special
// categories, records) that the impact was read from.
void cite_data(const AiFacts& f, sdk::Risk& risk);
// The proposal's data in words: "restricted data with special-category
// personal data (6,000,000 records)".
std::string data_words(const AiFacts& f);
// A friendly name for the system in rationales: its name or "the AI system",
// and the same with a capital letter to start a sentence.
std::string system_name(const AiFacts& f);
std::string subject_name(const AiFacts& f);
// "anyone on the internet", "customers", "staff" or "users" for the audience.
std::string audience_words(const AiFacts& f);
// Joins up to three items for prose: "a, b and c" (and "N more").
std::string list_words(const std::vector<std::string>& items);

// A count with thousands separators: "1,200,000".
std::string grouped(double count);
// An amount in the proposal's currency, rounded for prose: "USD 8,300".
std::string money(const Proposal& p, double amount);

int level(int value); // clamps to 1-5
int lower(int value, int by);

} // namespace fulcrum::ai
