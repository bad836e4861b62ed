// Judgement shared by the first-party plugins: how sensitive the data is, how
// big a breach would be, and how well the business case backs a claim.
// Vendors may copy the ideas; only the SDK is a stable interface.
#pragma once

#include <fulcrum/plugin.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>
#include <vector>

namespace fulcrum::firstparty {

using sdk::ControlStatus;
using sdk::Proposal;
using sdk::Range;

// A name taken from the proposal, cut to `max` bytes (at a UTF-8 character
// boundary, with an ellipsis) so that findings quoting it stay readable and
// within the host's contribution limits whatever the proposal holds.
inline std::string clipped(std::string text, size_t max = 80) {
    if (text.size() <= max) {
        return text;
    }
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut; // not inside a multi-byte character
    }
    text.resize(cut);
    return text + "\u2026";
}

// `value` with `decimals` digits after the point, exactly as printf's "%.Nf"
// prints it (std::to_chars is defined to match it), at a fraction of its
// cost: rationales quote many figures.
inline std::string fixed(double value, int decimals) {
    char buffer[400]; // the longest double, 1.8e308, has 309 digits before the point
    const auto [end, error] =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, std::clamp(decimals, 0, 17));
    return error == std::errc() ? std::string(buffer, end) : std::string();
}

// "Claim summaries'" rather than "Claim summaries's".
inline std::string possessive(const std::string& name) {
    return name + (!name.empty() && name.back() == 's' ? "'" : "'s");
}

inline int clamp_level(int level) {
    return std::clamp(level, 1, 5);
}

// 1 (public) to 4 (restricted); 2 (internal) when the proposal does not say.
inline int classification_level(const Proposal& p) {
    const auto c = p.text("/data/classification");
    if (!c) {
        return 2;
    }
    if (*c == "public") {
        return 1;
    }
    if (*c == "confidential") {
        return 3;
    }
    if (*c == "restricted") {
        return 4;
    }
    return 2;
}

inline bool personal_data(const Proposal& p) {
    return p.flag("/data/personal_data").value_or(false);
}

inline bool special_categories(const Proposal& p) {
    const auto* v = p.find("/data/special_categories");
    return v && v->is_array() && !v->empty();
}

// Impact of a breach of the proposal's data, 1-5, from classification,
// personal and special-category data, and the number of records.
inline int data_impact(const Proposal& p) {
    int impact = classification_level(p);
    if (personal_data(p)) {
        impact += 1;
    }
    if (special_categories(p)) {
        impact += 1;
    }
    if (const auto records = p.number("/data/records"); records && *records >= 1e6) {
        impact += 1;
    }
    return clamp_level(impact);
}

// Evidence pointers for data_impact.
inline std::vector<std::string> data_evidence(const Proposal& p) {
    std::vector<std::string> out;
    for (const char* ptr :
         {"/data/classification", "/data/personal_data", "/data/special_categories", "/data/records"}) {
        if (p.find(ptr)) {
            out.push_back(ptr);
        }
    }
    if (out.empty()) {
        out.push_back("/data");
    }
    return out;
}

// Proportionality: small organisations without a security lead get lighter,
// cheaper versions of the same controls.
inline double cost_scale(const Proposal& p) {
    const auto size = p.text("/organization/size").value_or("medium");
    if (size == "small") {
        return 0.4;
    }
    if (size == "large") {
        return 1.6;
    }
    if (size == "enterprise") {
        return 2.5;
    }
    return 1.0;
}

inline bool regulated(const Proposal& p) {
    if (p.flag("/organization/regulated").value_or(false)) {
        return true;
    }
    const auto sector = p.text("/organization/sector").value_or("");
    for (const char* s : {"finance", "banking", "insurance", "healthcare", "health", "government", "public_sector",
                          "energy", "utilities", "telecom", "pharma"}) {
        if (sector == s) {
            return true;
        }
    }
    return false;
}

// Loss per breach event. A typical event exposes about 1% of the records
// (0.1% to 25%), and its cost grows far slower than their number: IBM and the
// Ponemon Institute's Cost of a Data Breach Report 2019 puts the average
// breach (25,575 records) at USD 3.92M, one of 1 million records at USD 42M
// and one of 50 million at USD 388M. The power law through the first and the
// last, 3.92M x (records / 25,575)^0.606, passes within 15% of the middle one;
// a cost per record times the count would overstate a large breach tenfold.
// Those breaches were mostly of customers' personal data; data that is not
// personal, or less sensitive, costs less, and special-category data (health
// above all) about twice as much: the 2024 report puts healthcare's average
// breach at USD 9.77M against 4.88M overall. Figures are taken as they are in
// the proposal's currency. Rows that are not about people (telemetry,
// transactions without names) carry no notification or redress per row, so
// without personal data the count stops at the average breach's.
//
// The study behind the fit saw breaches of about 2,000 records and more (the
// 2024 edition: 2,100 to 113,000, mega breaches apart). Below that the power
// law has no data, and its cost per record climbs as the breach shrinks (USD
// 1,360 a record at 100 records, against the report's average of USD 150):
// a 14-person firm losing 35 customer records would lose USD 136,000. There
// the cost is proportional to the records, at the fit's cost per record for
// the smallest breach studied (about USD 420); breach_magnitude_of's floor of
// 20,000 stands for the fixed cost of any response.
inline double breach_cost(double records_exposed) {
    constexpr double k_smallest_studied = 2000;
    const auto fit = [](double records) { return 3.92e6 * std::pow(records / 25575.0, 0.606); };
    if (records_exposed < k_smallest_studied) {
        return fit(k_smallest_studied) * std::max(records_exposed, 0.0) / k_smallest_studied;
    }
    return fit(records_exposed);
}

inline Range breach_magnitude_of(double records, int classification, bool personal, bool special) {
    static const double k_sensitivity[] = {0.1, 0.3, 0.7, 1.0}; // public, internal, confidential, restricted
    const double sensitivity =
        k_sensitivity[std::clamp(classification, 1, 4) - 1] * (personal ? 1.0 : 0.5) * (special ? 2.0 : 1.0);
    const auto cost = [&](double share) {
        const double exposed = personal ? records * share : std::min(records * share, 25575.0);
        return std::max(20000.0, breach_cost(exposed) * sensitivity);
    };
    // Most loss events expose a small part of a dataset (one account's reach,
    // one misconfigured bucket); the worst case, a quarter of it.
    const double likely = cost(0.01);
    return {std::min(cost(0.001), likely), likely, std::max(cost(0.25), likely * 2)};
}

inline Range breach_magnitude(const Proposal& p) {
    return breach_magnitude_of(p.number("/data/records").value_or(10000), classification_level(p), personal_data(p),
                               special_categories(p));
}

// The business case's own claims for one benefit dimension.
struct Claim {
    bool stated = false;     // the proposal names a benefit of this dimension
    bool quantified = false; // ...with an annual value range
    bool has_metric = false; // ...with a named metric
    Range annual_value;      // summed over the claims
    std::string description; // the first claim's own words, clipped, if it has any
    std::vector<std::string> evidence;
};

inline Claim claim_for(const Proposal& p, const std::string& dimension) {
    Claim claim;
    const auto* benefits = p.find("/business_case/benefits");
    if (!benefits || !benefits->is_array()) {
        return claim;
    }
    for (size_t i = 0; i < benefits->size(); ++i) {
        const auto& b = (*benefits)[i];
        // Members read in place: each plugin asks once for each dimension.
        const auto member = [&b](std::string_view key) { return sdk::member(b, key); };
        const auto* stated = b.is_object() ? member("dimension") : nullptr;
        if (stated == nullptr || !stated->is_string() || stated->get_ref<const std::string&>() != dimension) {
            continue;
        }
        claim.stated = true;
        claim.evidence.push_back("/business_case/benefits/" + std::to_string(i));
        const auto* description = member("description");
        if (claim.description.empty() && description != nullptr && description->is_string()) {
            claim.description = clipped(description->get<std::string>());
            while (!claim.description.empty() && claim.description.back() == '.') {
                claim.description.pop_back(); // quoted mid-sentence
            }
        }
        if (const auto* metric = member("metric"); metric != nullptr && metric->is_string()) {
            claim.has_metric = true;
        }
        if (const auto* value = member("annual_value"); value != nullptr && value->is_object()) {
            const auto& v = *value;
            claim.quantified = true;
            claim.annual_value.low += v.value("low", 0.0);
            claim.annual_value.likely += v.value("likely", 0.0);
            claim.annual_value.high += v.value("high", 0.0);
        }
    }
    return claim;
}

// Annual cost of the proposal: opex plus capex spread over the horizon.
inline double annual_cost(const Proposal& p) {
    const double years = p.number("/business_case/horizon_years").value_or(3);
    return p.number("/costs/opex_annual").value_or(0) + p.number("/costs/capex").value_or(0) / std::max(1.0, years);
}

// Score 0-100 for a claim: a base for the technology's fit, more when the
// value is quantified and large against the cost, less when it is only words.
inline int claim_score(const Proposal& p, const Claim& claim, int fit) {
    if (!claim.stated) {
        return std::clamp(fit - 20, 0, 100);
    }
    if (!claim.quantified) {
        return std::clamp(fit - (claim.has_metric ? 0 : 10), 0, 100);
    }
    const double cost = annual_cost(p);
    const double ratio = cost > 0 ? claim.annual_value.likely / cost : 2.0;
    const int bonus = static_cast<int>(std::lround(15 * std::log2(1 + ratio)));
    return std::clamp(fit + bonus + (claim.has_metric ? 5 : 0), 0, 100);
}

// Organisation context: who owns security. A small or medium organisation
// without a CISO gets a recommendation about security ownership (a virtual
// CISO or a hybrid role) rather than an enterprise control checklist. Each
// first-party plugin raises it under its own rule id with the shared concern
// "security-ownership", so the review lists it once.
inline void security_ownership(const Proposal& p, const sdk::Rule& rule, sdk::Contribution& out) {
    const auto has_ciso = p.flag("/organization/has_ciso");
    if (!has_ciso) {
        out.ask(rule, "/organization/has_ciso",
                "Who is accountable for security in your organisation: is there a CISO, or who plays that role?");
        return;
    }
    if (*has_ciso) {
        return;
    }
    const std::string size = p.text("/organization/size").value_or("medium");
    const bool small = size == "small" || size == "medium";
    const double scale = cost_scale(p);
    sdk::Risk risk(rule);
    risk.likelihood(3)
        .impact(regulated(p) ? 4 : 3)
        .concern("security-ownership")
        .rationale(small ? "Nobody is accountable for security: the organisation has no CISO. At this size a full-time "
                           "CISO is rarely proportionate, but someone must own the risks this proposal adds; a "
                           "virtual CISO or a hybrid IT-and-security role gives that ownership at a fraction of the "
                           "cost."
                         : "An organisation of this size without a CISO has no one who owns security risk; the "
                           "risks this proposal adds would land on nobody's desk.")
        .evidence("/organization/has_ciso")
        .mitigation(sdk::Mitigation(small ? "virtual-ciso" : "appoint-ciso",
                                    small ? "Engage a virtual CISO (part-time, retained) or name a hybrid "
                                            "IT-and-security owner"
                                          : "Appoint a CISO with a mandate and budget")
                        .cost(small ? 5000 : 40000 * scale, small ? 36000 * scale : 250000)
                        .leaves(1, regulated(p) ? 4 : 3))
        .fair({0.1, 0.3, 0.8}, {20000 * scale, 100000 * scale, 600000 * scale});
    if (p.find("/organization/size")) {
        risk.evidence("/organization/size");
    }
    out.add(std::move(risk));
}

} // namespace fulcrum::firstparty

namespace fulcrum::firstparty {

// Asks the sponsor for what a benefit claim lacks: a yearly value when it has
// none, else a metric when it names none. The wording is shared so that the
// host lists each question once when several plugins rate the same claim.
inline void claim_questions(const sdk::Rule& rule, const Claim& claim, sdk::Contribution& out) {
    if (!claim.stated || claim.evidence.empty()) {
        return;
    }
    // Every first-party plugin asks in these words, so the host lists each
    // question once however many plugins rate the same claim.
    const std::string& claimed = claim.evidence.front();
    const std::string benefit = claim.description.empty() ? "this benefit" : "\"" + claim.description + "\"";
    if (!claim.quantified) {
        out.ask(rule, claimed + "/annual_value",
                "What is " + benefit + " worth a year (low, likely, high), and how will you measure it?");
    } else if (!claim.has_metric) {
        out.ask(rule, claimed + "/metric", "Which metric will show " + benefit + ", and what is its value today?");
    }
}

} // namespace fulcrum::firstparty
