// The CIO's side: what a data platform does for the business, scored from
// the platform's fit and from how well the business case backs each claim.
#include "groups.hpp"
#include "rules.hpp"

#include <algorithm>

namespace fulcrum::bigdata {
namespace {

struct Item {
    const Rule& rule;
    int fit;               // 0-100: what this kind of lake typically delivers here
    std::string potential; // when the business case does not claim it
    std::string support;   // what the lake adds to a claim the business case makes
    std::vector<std::string> evidence;
};

std::string claim_text(const Facts& f, const firstparty::Claim& claim, const char* key) {
    for (const auto& ptr : claim.evidence) {
        if (auto text = f.p.text(ptr + "/" + key)) {
            std::string out = *text;
            while (!out.empty() && (out.back() == '.' || out.back() == ' ')) {
                out.pop_back(); // the rationale quotes it mid-sentence
            }
            return out;
        }
    }
    return "";
}

Item productivity(const Facts& f) {
    const size_t n = f.sources.size();
    const int fit = f.sources_known ? 45 + 5 * static_cast<int>(std::min<size_t>(n, 4)) : 45;
    const std::string sources = count_text(static_cast<double>(n)) + " sources (" + join(f.sources) + ")";
    return {k_productivity,
            fit,
            n > 0 ? "Analysts will query " + sources +
                        " in one place instead of requesting and joining extracts from each owner."
                  : "A single store saves analysts the extract-and-join work, but the proposal does not name the "
                    "sources it replaces.",
            n > 0 ? "Querying " + sources + " in one place removes the extract-and-join work behind it."
                  : "The proposal does not name the sources the lake brings together.",
            {f.lake.field("sources")}};
}

Item customer(const Facts& f) {
    return {k_customer,
            f.is_personal() ? 55 : 35,
            f.is_personal() ? "Joined records about the people the organisation serves support faster, "
                              "better-informed service."
                            : "The lake holds no personal data, so its effect on customers is indirect.",
            f.is_personal() ? "Joined records about the people served make it possible."
                            : "The lake holds no personal data, so customers gain through better operations rather "
                              "than personal service.",
            {"/data/personal_data"}};
}

Item advantage(const Facts& f) {
    const bool models = f.feeds({"ml_training", "customer_facing", "automated_decisions", "fraud_detection"});
    return {k_advantage,
            models ? 60 : 45,
            models ? "The lake feeds models and services built on data competitors do not have."
                   : "Insight from the organisation's own data can differentiate it, but no model or data product "
                     "is named as a consumer.",
            models ? "Models trained on data competitors do not have are hard to copy."
                   : "No model or data product is named as a consumer of the lake.",
            {f.lake.field("consumers")}};
}

Item growth(const Facts& f) {
    if (!f.volume_tb) {
        const std::string text = "The proposal does not state the data volume, so the platform's headroom is unknown.";
        return {k_growth, 45, text, text, {f.lake.field("platform")}};
    }
    const double tb = *f.volume_tb;
    const int fit = tb >= 100 ? 60 : tb >= 10 ? 55 : tb >= 1 ? 45 : 30;
    const std::string volume = "At " + count_text(tb) + " TB";
    const std::string text =
        tb >= 10  ? volume + ", scale-out storage and compute absorb growth that a conventional warehouse would "
                             "struggle with."
        : tb >= 1 ? volume + " the data fits a conventional warehouse today; the platform buys headroom rather than "
                             "capacity that is needed now."
                  : "Under one terabyte, the data fits a conventional database; a big-data platform adds little "
                    "capacity that is needed.";
    return {k_growth, fit, text, text, {f.lake.field("volume_tb")}};
}

Item cost(const Facts& f) {
    return {k_cost,
            50,
            "Consolidating onto " + f.platform.value_or(std::string("one platform")) +
                " can retire older warehouses, marts and their licences; the saving is real only for what is "
                "actually switched off.",
            "The saving counts only once the old process, system or stock it replaces is actually cut.",
            {f.lake.field("platform")}};
}

Item resilience(const Facts& f) {
    const bool operational = f.feeds({"fraud_detection", "operations", "predictive_maintenance", "monitoring"});
    return {k_resilience,
            operational ? 55 : 40,
            operational ? "Operational data joined in near real time warns of fraud, failures or capacity problems "
                          "before they bite."
                        : "Joined data can give earlier warning of operational problems, but no such use is named.",
            operational ? "The lake feeds the operational uses that give the warning."
                        : "No operational use of the lake is named that would give the warning.",
            {f.lake.field("consumers")}};
}

Item compliance(const Facts& f) {
    const ControlStatus lineage = f.p.control("data_lineage");
    const bool has_lineage = lineage == ControlStatus::in_place || lineage == ControlStatus::planned;
    const bool reporting = f.feeds({"regulatory_reporting", "financial_reporting"});
    const int fit = 40 + (has_lineage ? 10 : 0) + (reporting ? 10 : 0) + (f.regulated ? 5 : 0);
    std::string why = reporting ? "Regulatory and financial reports drawn from one governed store"
                                : "Reports drawn from one governed store";
    why += has_lineage ? ", with lineage, are easier to evidence to auditors."
                       : " are easier to evidence, but only once lineage shows where each figure came from.";
    return {k_compliance,
            fit,
            why,
            has_lineage ? "Lineage lets auditors trace each figure to its source."
                        : "Without lineage, auditors cannot yet trace a figure to its source.",
            {f.lake.field("consumers"), f.control_ptr("data_lineage")}};
}

// The claim in the sponsor's words, with its value and metric.
std::string claimed(const Facts& f, const firstparty::Claim& claim, const std::string& description) {
    std::string text = "The business case claims \"" + description + "\"";
    if (claim.quantified) {
        text += ", worth " + money_text(f, claim.annual_value.likely) + " a year (" +
                money_text(f, claim.annual_value.low) + " to " + money_text(f, claim.annual_value.high) + ")";
        const std::string metric = claim_text(f, claim, "metric");
        text += claim.has_metric ? ", measured by " + metric + "." : ", but names no metric to track it.";
    } else {
        text += std::string(" without a figure") + (claim.has_metric ? "" : " or a metric") + ", so it scores lower.";
    }
    return text;
}

} // namespace

void benefits(const Facts& f, Contribution& out) {
    if (!f.p.find("/business_case/benefits")) {
        out.ask(k_productivity, "/business_case/benefits",
                "What should the lake deliver, in figures: which decisions or processes improve, by how much, and "
                "what is that worth a year?");
    }
    const Item items[] = {productivity(f), customer(f), advantage(f), growth(f), cost(f), resilience(f), compliance(f)};
    for (const auto& item : items) {
        const firstparty::Claim claim = firstparty::claim_for(f.p, item.rule.dimension);
        sdk::Benefit benefit(item.rule);
        if (claim.stated) {
            std::string description = claim_text(f, claim, "description");
            if (description.empty()) {
                description = item.rule.title;
            }
            benefit.rationale(claimed(f, claim, description) + " " + item.support);
            firstparty::claim_questions(item.rule, claim, out); // worded as the other plugins ask
        } else {
            benefit.rationale(item.potential + " The business case does not claim it, so it counts only as potential.");
        }
        if (claim.quantified) {
            benefit.annual_value(claim.annual_value);
        }
        benefit.score(firstparty::claim_score(f.p, claim, item.fit));
        for (const auto& e : item.evidence) {
            if (f.p.find(e)) {
                benefit.evidence(e);
            }
        }
        for (const auto& e : claim.evidence) {
            benefit.evidence(e);
        }
        if (benefit.data().evidence.empty()) {
            benefit.evidence(f.lake.pointer);
        }
        out.add(std::move(benefit));
    }
}

} // namespace fulcrum::bigdata
