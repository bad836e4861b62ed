// What the cloud rules know about one proposal, read once: the first cloud
// technology, the data, the organisation and the controls, plus the wording
// and the money helpers every rule shares.
#pragma once

#include "firstparty.hpp"

#include <fulcrum/plugin.hpp>

#include <initializer_list>
#include <set>
#include <string>
#include <vector>

namespace fulcrum::cloud {

using sdk::ControlStatus;
using sdk::json;
using sdk::Proposal;
using sdk::Range;
using sdk::Rule;

class Finding;

struct Context {
    Context(const Proposal& proposal, const sdk::Technology& technology, sdk::Contribution& contribution);

    const Proposal& p;
    sdk::Technology cloud;   // the first cloud technology of the proposal
    std::string model;       // iaas | paas | saas | "" (unknown)
    std::string deployment;  // public | private | hybrid | multi | "" (unknown)
    std::string size;        // small | medium | large | enterprise (medium when unknown)
    std::string criticality; // low | medium | high | mission_critical | "" (unknown)
    double scale = 1.0;      // firstparty::cost_scale
    bool regulated = false;
    bool personal = false; // personal data declared
    int data_impact = 2;   // firstparty::data_impact, one lower for under 10,000 records
    Range breach;          // firstparty::breach_magnitude
    sdk::Contribution& out;

    bool saas() const { return model == "saas"; }
    // Personal data under the EU or UK GDPR (named, or implied by the residency).
    bool gdpr_applies() const;
    bool small() const { return size == "small"; }
    bool big() const { return size == "large" || size == "enterprise"; }
    bool in_place(const std::string& control) const { return p.control(control) == ControlStatus::in_place; }
    // Regions of every cloud technology, and whether the service runs in
    // more than one place (two regions, or a hybrid or multi-cloud set-up).
    const std::vector<std::string>& regions() const { return m_regions; }
    bool multi_site() const;

    // 2 (low) to 5 (mission-critical); 3 when the proposal does not say.
    int criticality_impact() const;
    // The worse of the data's and the service's impact.
    int business_impact() const;

    // Asks at most one question per field, under the first rule that needs it.
    void ask(const Rule& rule, const std::string& field, const std::string& text);
    // Asks for the data's classification and personal-data flag if unknown.
    void ask_about_data(const Rule& rule);
    // Asks for the service model if unknown; false when it is unknown.
    bool need_model(const Rule& rule);
    void add(Finding&& finding);

    // Wording a board member reads.
    std::string model_name() const;     // "SaaS", "PaaS", "IaaS" or "cloud"
    std::string service_phrase() const; // "a high-criticality SaaS service"
    const std::string& data_phrase() const {
        return m_data_phrase;
    }                                       // "1.2 million records of confidential personal data"
    std::string money(double amount) const; // "USD 260,000", to two significant figures

    // Money, in the proposal's currency, scaled to the organisation's size.
    sdk::Mitigation mitigation(const std::string& id, const std::string& title, double one_time, double annual) const;
    double revenue() const; // stated, or a typical figure for the organisation's size
    Range outage_per_event(const Range& hours) const;
    Range regulatory_loss(double severity) const;
    Range migration_loss() const;

private:
    // Read once, for the many rules that word or weigh them.
    std::vector<std::string> m_regions;
    std::string m_data_phrase;
    std::string m_currency;
    std::set<std::string> m_asked;
};

// A risk under construction. It clamps what each mitigation leaves to the
// risk's own levels (a mitigation never adds risk) and keeps evidence unique.
class Finding {
public:
    Finding(const Rule& rule, int likelihood, int impact);

    int likelihood() const { return m_likelihood; }
    int impact() const { return m_impact; }
    Finding& why(std::string text);
    Finding& evidence(std::string_view pointer); // each pointer once
    Finding& evidence(const std::vector<std::string>& pointers);
    // The facts behind the data's impact: classification, personal data,
    // special categories and records, where the proposal states them.
    Finding& data_facts(const Proposal& p);
    // Adds those of `pointers` the proposal actually fills in (an empty list
    // is not a fact).
    Finding& facts(const Proposal& p, std::initializer_list<std::string_view> pointers);
    Finding& concern(std::string key);
    Finding& mitigate(sdk::Mitigation m, int likelihood, int impact);
    Finding& fair(const Range& frequency, const Range& magnitude);
    const sdk::Risk& risk() const& { return m_risk; }
    sdk::Risk&& risk() && { return std::move(m_risk); }

private:
    sdk::Risk m_risk;
    int m_likelihood;
    int m_impact;
};

// Loss events a year for a likelihood level: 1 rare (about once in 50
// years) ... 3 possible (about once in 7 years) ... 5 almost certain (more
// than once a year). Rules that only contribute to a loss pass a lower level.
Range frequency_for(int likelihood);

// "a" or "an" for the word that follows.
std::string article(const std::string& word);
// 1200000 -> "1.2 million"; 25000 -> "25,000"; with words=false always digits.
std::string count_text(double n, bool words = true);
// 8 -> "8 hours"; 1 -> "1 hour"; 0.5 -> "30 minutes".
std::string hours_text(double hours);
// The text with its first letter in upper case.
std::string capital(std::string text);
// {"a","b","c"} -> "a, b and c"
std::string join_words(const std::vector<std::string>& items);

} // namespace fulcrum::cloud
