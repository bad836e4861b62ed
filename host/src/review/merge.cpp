#include "review/merge.hpp"

#include "util/format.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <numeric>
#include <set>

namespace fulcrum {

int benefit_score(const std::vector<Benefit>& benefits, const std::map<std::string, double>& weights) {
    std::map<std::string, int> best; // per dimension
    for (const auto& b : benefits) {
        best[b.dimension] = std::max(best[b.dimension], b.score);
    }
    double sum = 0;
    double weight_sum = 0;
    for (const auto& [dimension, score] : best) {
        auto it = weights.find(dimension);
        const double w = it == weights.end() ? 1.0 : it->second;
        sum += w * score;
        weight_sum += w;
    }
    return weight_sum > 0 ? static_cast<int>(std::lround(sum / weight_sum)) : 0;
}

int risk_score(const std::vector<std::pair<int, int>>& likelihood_impact) {
    std::vector<double> levels;
    for (const auto& [l, i] : likelihood_impact) {
        levels.push_back(l * i / 25.0);
    }
    if (levels.empty()) {
        return 0;
    }
    std::sort(levels.rbegin(), levels.rend());
    double score = levels[0];
    for (size_t k = 1; k < levels.size(); ++k) {
        score += (1.0 - score) * levels[k] * 0.25;
    }
    return static_cast<int>(std::lround(100 * score));
}

namespace {

struct Level {
    int likelihood;
    int impact;
    int product() const { return likelihood * impact; }
    Severity severity() const { return severity_of(likelihood, impact); }
};

// Mitigations combine by taking the lowest likelihood and impact any leaves.
Level apply(Level level, const Mitigation& m) {
    return {std::min(level.likelihood, m.residual_likelihood), std::min(level.impact, m.residual_impact)};
}

double total_cost(const Mitigation& m) {
    return m.cost.one_time + m.cost.annual;
}

template <typename T> void append_unique(std::vector<T>& into, const std::vector<T>& from) {
    for (const auto& x : from) {
        if (std::find(into.begin(), into.end(), x) == into.end()) {
            into.push_back(x);
        }
    }
}

// Risks that share a concern (or an id) become one entry naming every plugin.
std::vector<Risk> deduplicate(std::vector<Risk> risks) {
    std::vector<Risk> out;
    out.reserve(risks.size());
    // A review has a few dozen risks at most: looked for among those kept.
    const auto same = [](const Risk& a, const Risk& b) {
        return a.concern.empty() ? b.concern.empty() && a.id == b.id : a.concern == b.concern;
    };
    for (auto& r : risks) {
        const auto it = std::find_if(out.begin(), out.end(), [&](const Risk& k) { return same(k, r); });
        if (it == out.end()) {
            out.push_back(std::move(r));
            continue;
        }
        Risk& kept = *it;
        append_unique(kept.raised_by, r.raised_by);
        kept.likelihood = std::max(kept.likelihood, r.likelihood);
        kept.impact = std::max(kept.impact, r.impact);
        append_unique(kept.evidence, r.evidence);
        if (!r.refs.empty()) {
            Refs refs = kept.refs.list();
            for (const auto& [framework, ids] : r.refs) {
                auto at =
                    std::lower_bound(refs.begin(), refs.end(), framework,
                                     [](const auto& entry, const std::string& name) { return entry.first < name; });
                if (at == refs.end() || at->first != framework) {
                    at = refs.emplace(at, framework, std::vector<std::string>());
                }
                append_unique(at->second, ids);
            }
            kept.refs = SharedRefs(std::move(refs));
        }
        for (const auto& m : r.mitigations) {
            const bool known = std::any_of(kept.mitigations.begin(), kept.mitigations.end(),
                                           [&](const Mitigation& k) { return k.id == m.id; });
            if (!known) {
                kept.mitigations.push_back(m);
            }
        }
        if (!kept.fair && r.fair) {
            kept.fair = r.fair;
        }
        if (kept.rationale.find(r.rationale) == std::string::npos) {
            kept.rationale += " " + r.rationale;
        }
    }
    return out;
}

std::vector<Question> deduplicate(std::vector<Question> questions) {
    std::vector<Question> out;
    std::set<std::string> seen;
    for (auto& q : questions) {
        if (seen.insert(q.field + "\n" + q.text).second) {
            out.push_back(std::move(q));
        }
    }
    return out;
}

// Chooses what must happen before a risk is acceptable: the single
// mitigation that gets it within appetite (planned ones first, then the
// cheapest), or, when none does alone, every mitigation not yet in place.
std::vector<const Mitigation*> choose_conditions(const Risk& risk, Level current, Severity accept) {
    std::vector<const Mitigation*> candidates;
    candidates.reserve(risk.mitigations.size());
    for (const auto& m : risk.mitigations) {
        if (m.status != MitigationStatus::in_place) {
            candidates.push_back(&m);
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Mitigation* a, const Mitigation* b) {
        const bool a_planned = a->status == MitigationStatus::planned;
        const bool b_planned = b->status == MitigationStatus::planned;
        return a_planned != b_planned ? a_planned : total_cost(*a) < total_cost(*b);
    });
    for (const Mitigation* m : candidates) {
        if (apply(current, *m).severity() <= accept) {
            return {m};
        }
    }
    return candidates;
}

// The annual value of business-case benefit `index` (as a JSON pointer
// writes an array index: digits, no leading zero), or nullptr. Evidence is
// the plugin's text: anything else cites nothing.
const nlohmann::json* claimed_value(const nlohmann::json& doc, std::string_view index) {
    if (index.empty() || index.size() > 9 || (index.size() > 1 && index[0] == '0') ||
        !std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return nullptr;
    }
    const size_t i = std::stoul(std::string(index));
    const auto business_case = doc.find("business_case");
    if (business_case == doc.end() || !business_case->is_object()) {
        return nullptr;
    }
    const auto benefits = business_case->find("benefits");
    if (benefits == business_case->end() || !benefits->is_array() || i >= benefits->size()) {
        return nullptr;
    }
    const nlohmann::json& benefit = (*benefits)[i];
    const auto value = benefit.is_object() ? benefit.find("annual_value") : benefit.end();
    return value == benefit.end() ? nullptr : &*value;
}

// The annual value of the business case, each claim counted once: several
// plugins may value the same claim of the proposal (cloud and big data both
// restate an efficiency claim), so a benefit whose value comes from the
// business case (its evidence cites /business_case/benefits/N) contributes
// the claims it cites, once each, from the proposal itself; a benefit valued
// by its plugin alone contributes its own value.
void add_annual_value(const Proposal& proposal, Review& review) {
    constexpr std::string_view prefix = "/business_case/benefits/";
    std::vector<const nlohmann::json*> counted; // the claims' values, each counted once
    auto add = [&review](double low, double likely, double high) {
        review.has_annual_value = true;
        review.annual_value.low += low;
        review.annual_value.likely += likely;
        review.annual_value.high += high;
    };
    for (const auto& b : review.benefits) {
        if (!b.annual_value) {
            continue;
        }
        bool from_claims = false;
        for (const std::string_view e : b.evidence) {
            if (e.substr(0, prefix.size()) != prefix) {
                continue;
            }
            const std::string_view index = e.substr(prefix.size(), e.find('/', prefix.size()) - prefix.size());
            const nlohmann::json* value = claimed_value(proposal.doc, index);
            if (value == nullptr || !value->is_object()) {
                continue;
            }
            from_claims = true;
            if (std::find(counted.begin(), counted.end(), value) == counted.end()) {
                counted.push_back(value);
                add(value->value("low", 0.0), value->value("likely", 0.0), value->value("high", 0.0));
            }
        }
        if (!from_claims) {
            add(b.annual_value->low, b.annual_value->likely, b.annual_value->high);
        }
    }
}

// Risks are named in the rationale by their titles, which a board member
// reads; the ids are in the register beside it.
std::string quoted_title(const Risk& risk) {
    return "\u201c" + (risk.title.empty() ? risk.id : risk.title) + "\u201d";
}

std::string rationale_for(const Review& review, const Policy& policy, const std::vector<std::string>& unmitigable,
                          const std::vector<std::string>& above_after, Severity worst_residual) {
    const std::string appetite = "a " + policy.appetite.name + " appetite";
    std::string text;
    switch (review.decision) {
    case Decision::reject:
        text = "Reject: " + join_words(unmitigable) + (unmitigable.size() == 1 ? " stays " : " stay ") +
               to_string(policy.appetite.reject_at) + " or worse even with every mitigation offered, beyond what " +
               appetite + " accepts.";
        break;
    case Decision::defer:
        if (review.benefit_score < policy.appetite.defer_below_benefit) {
            text = "Defer: the business case scores " + std::to_string(review.benefit_score) + "/100, below the " +
                   std::to_string(policy.appetite.defer_below_benefit) + " that " + appetite +
                   " needs before accepting new risk; quantify the benefits and answer the open questions.";
        } else {
            text = "Defer: " + std::to_string(review.questions.size()) +
                   " questions are open, too many to decide responsibly; answer them and resubmit.";
        }
        break;
    case Decision::approve_with_conditions:
        text = "Approve with " + std::to_string(review.conditions.size()) + " condition" +
               (review.conditions.size() == 1 ? "" : "s") + " costing " +
               money(review.currency, review.conditions_cost.one_time) + " once and " +
               money(review.currency, review.conditions_cost.annual) + " a year: they bring residual risk from " +
               std::to_string(review.risk_score) + " to " + std::to_string(review.planned_risk_score) + "/100" +
               (above_after.empty() ? ", within " + appetite : std::string()) + ", against a benefit of " +
               std::to_string(review.benefit_score) + "/100.";
        if (!above_after.empty()) {
            text += " " + join_words(above_after) + (above_after.size() == 1 ? " stays" : " stay") + " above " +
                    to_string(policy.appetite.accept_without_conditions) + ", the most " + appetite +
                    " accepts without conditions: by approving, the board accepts that residual risk.";
        }
        break;
    case Decision::approve:
        text = "Approve: benefit " + std::to_string(review.benefit_score) + "/100; with the controls already in " +
               "place the worst residual risk is " +
               (worst_residual == Severity::info ? std::string("informational") : to_string(worst_residual)) +
               ", within " + appetite + " (risk " + std::to_string(review.risk_score) + "/100).";
        break;
    }
    std::vector<std::string> failed;
    for (const auto& run : review.plugins) {
        if (run.status == PluginStatus::failed) {
            failed.push_back(run.id);
        }
    }
    if (!failed.empty()) {
        text += " The review is incomplete: " + join_words(failed) + (failed.size() == 1 ? " has" : " have") +
                " failed, so the decision rests on the other plugins alone.";
    }
    return text;
}

} // namespace

Review merge(const Proposal& proposal, std::vector<PluginRun> runs, const Policy& policy) {
    Review review;
    review.proposal_id = proposal.id;
    review.proposal_title = proposal.title;
    review.source = proposal.source;
    review.currency = proposal.currency;
    review.policy = policy.name;
    review.appetite = policy.appetite.name;
    review.warnings = proposal.warnings;

    std::vector<Risk> risks;
    std::vector<Question> questions;
    // The findings move into the review: a run keeps its status, not its contribution.
    auto move_all = [](auto& into, auto& from) {
        into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
        from.clear();
    };
    for (auto& run : runs) {
        if (run.status == PluginStatus::failed) {
            review.complete = false;
        }
        if (run.status != PluginStatus::ok) {
            continue;
        }
        move_all(review.benefits, run.contribution.benefits);
        move_all(risks, run.contribution.risks);
        move_all(questions, run.contribution.questions);
    }
    review.plugins = std::move(runs);
    review.questions = deduplicate(std::move(questions));
    review.risks = deduplicate(std::move(risks));

    // CIO view.
    review.benefit_score = benefit_score(review.benefits, policy.weights);
    add_annual_value(proposal, review);

    // CISO view: residual risk with the controls already in place, and what
    // the conditions would leave.
    const Severity accept = policy.appetite.accept_without_conditions;
    std::vector<std::pair<int, int>> inherent, residual, planned;
    inherent.reserve(review.risks.size());
    residual.reserve(review.risks.size());
    planned.reserve(review.risks.size());
    review.conditions.reserve(review.risks.size());
    std::vector<std::string> unmitigable;
    std::vector<std::string> above_after; // still beyond the appetite once the conditions are met
    Severity worst_residual = Severity::info;
    for (auto& risk : review.risks) {
        Level current{risk.likelihood, risk.impact};
        Level best = current;
        for (auto& m : risk.mitigations) {
            const ControlStatus status = m.control.empty() ? ControlStatus::none : proposal.control(m.control);
            m.status = status == ControlStatus::in_place  ? MitigationStatus::in_place
                       : status == ControlStatus::planned ? MitigationStatus::planned
                                                          : MitigationStatus::recommended;
            if (m.status == MitigationStatus::in_place) {
                current = apply(current, m);
            }
            best = apply(best, m);
        }
        risk.residual_likelihood = current.likelihood;
        risk.residual_impact = current.impact;
        inherent.emplace_back(risk.likelihood, risk.impact);
        residual.emplace_back(current.likelihood, current.impact);
        worst_residual = std::max(worst_residual, current.severity());
        if (best.severity() >= policy.appetite.reject_at) {
            unmitigable.push_back(quoted_title(risk));
        }
        Level after = current;
        if (current.severity() > accept) {
            for (const Mitigation* m : choose_conditions(risk, current, accept)) {
                Condition condition{risk.id, *m, {}};
                const auto first = std::find_if(review.conditions.begin(), review.conditions.end(), [&](const auto& c) {
                    return !m->control.empty() && c.mitigation.control == m->control && c.same_control_as.empty();
                });
                if (first != review.conditions.end()) {
                    condition.same_control_as = first->risk_id; // one control answers both risks, paid for once
                } else {
                    review.conditions_cost.one_time += m->cost.one_time;
                    review.conditions_cost.annual += m->cost.annual;
                }
                review.conditions.push_back(std::move(condition));
                after = apply(after, *m);
            }
        }
        planned.emplace_back(after.likelihood, after.impact);
        if (after.severity() > accept) {
            above_after.push_back(quoted_title(risk));
        }
    }
    review.inherent_risk_score = risk_score(inherent);
    review.risk_score = risk_score(residual);
    review.planned_risk_score = risk_score(planned);
    // Worst residual first, then worst inherent; sorted by index, then each
    // risk moved once, rather than moved about whole by the sort.
    std::vector<size_t> order(review.risks.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&risks = review.risks](size_t a, size_t b) {
        const int ra = risks[a].residual_likelihood * risks[a].residual_impact;
        const int rb = risks[b].residual_likelihood * risks[b].residual_impact;
        return ra != rb ? ra > rb : risks[a].likelihood * risks[a].impact > risks[b].likelihood * risks[b].impact;
    });
    std::vector<Risk> sorted;
    sorted.reserve(order.size());
    for (const size_t i : order) {
        sorted.push_back(std::move(review.risks[i]));
    }
    review.risks = std::move(sorted);

    // Joint view.
    if (!unmitigable.empty()) {
        review.decision = Decision::reject;
    } else if (review.benefit_score < policy.appetite.defer_below_benefit ||
               static_cast<int>(review.questions.size()) >= policy.appetite.defer_on_open_questions) {
        review.decision = Decision::defer;
    } else if (!review.conditions.empty()) {
        review.decision = Decision::approve_with_conditions;
    } else {
        review.decision = Decision::approve;
    }
    if (review.decision == Decision::reject) {
        // A rejection has no conditions; each risk still lists its mitigations.
        review.conditions.clear();
        review.conditions_cost = {};
        review.planned_risk_score = review.risk_score;
    }
    review.rationale = rationale_for(review, policy, unmitigable, above_after, worst_residual);
    return review;
}

void note_net_value(Review& review) {
    if (!review.quant ||
        (review.decision != Decision::approve && review.decision != Decision::approve_with_conditions)) {
        return;
    }
    const quant::NetValue& v = review.quant->net_value;
    const quant::ValueSummary& value = review.decision == Decision::approve ? v.without_plan : v.with_plan;
    if (!v.benefits_quantified || value.mean >= 0) {
        return;
    }
    review.rationale += " At the proposal's own figures it does not pay: over " + std::to_string(v.horizon_years) +
                        " years the expected net present value" +
                        (review.decision == Decision::approve ? "" : " with the plan") + " is a loss of " +
                        money(review.currency, -value.mean) + ", negative in " +
                        std::to_string(std::lround(value.probability_negative * 100)) +
                        "% of simulations; challenge the benefits and the costs before approving.";
}

} // namespace fulcrum
