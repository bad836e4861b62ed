#include "quant/quantify.hpp"

#include "quant/economics.hpp"
#include "quant/loss_sketch.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>

namespace fulcrum::quant {

namespace {

Distribution pert(const Range& r) {
    return {Shape::pert, r.low, r.likely, r.high};
}

// The purchasable options: mitigations not yet in place, one per control
// (or per mitigation id when it names no control), across the risks.
struct Options {
    std::vector<MitigationValue> values;
    std::vector<PlanOption> plan;
};

Options gather_options(const std::vector<const Risk*>& risks) {
    Options out;
    std::map<std::string, std::size_t> index;
    for (std::size_t r = 0; r < risks.size(); ++r) {
        for (const auto& m : risks[r]->mitigations) {
            if (m.status == MitigationStatus::in_place) {
                continue;
            }
            const std::string key = m.control.empty() ? "mitigation:" + m.id : "control:" + m.control;
            auto [it, added] = index.emplace(key, out.values.size());
            if (added) {
                MitigationValue v;
                v.id = m.id;
                v.title = m.title;
                v.control = m.control;
                v.status = m.status;
                v.cost = m.cost;
                out.values.push_back(std::move(v));
                out.plan.emplace_back();
            }
            MitigationValue& v = out.values[it->second];
            if (std::find(v.risks.begin(), v.risks.end(), risks[r]->id) == v.risks.end()) {
                v.risks.push_back(risks[r]->id);
            }
            // Plugins may price the same control differently; budget for the dearest.
            if (m.cost.one_time + m.cost.annual > v.cost.one_time + v.cost.annual) {
                v.cost = m.cost;
            }
            out.plan[it->second].effects.push_back({r, {m.residual_likelihood, m.residual_impact}});
        }
    }
    for (std::size_t i = 0; i < out.values.size(); ++i) {
        out.values[i].budget_cost = out.values[i].cost.one_time + out.values[i].cost.annual;
        out.plan[i].cost = out.values[i].budget_cost;
    }
    return out;
}

std::vector<double> annual_benefits(const Proposal& proposal, const Finance& finance, const QuantOptions& options) {
    std::vector<double> total(options.iterations, 0.0);
    for (std::size_t b = 0; b < finance.benefits.size(); ++b) {
        if (!problem_with(finance.benefits[b]).empty()) {
            continue;
        }
        const Sampler sampler(finance.benefits[b]);
        const std::uint64_t key = stream_key(options.seed, proposal.id, "benefit:" + std::to_string(b));
        for (std::uint64_t i = 0; i < options.iterations; ++i) {
            total[i] += sampler(IterationDraws(key, i).first());
        }
    }
    return total;
}

void add_into(std::vector<double>& total, const std::vector<double>& part) {
    for (std::size_t i = 0; i < total.size(); ++i) {
        total[i] += part[i];
    }
}

std::optional<std::uint64_t> whole_number(const std::string& text) {
    if (text.empty() || text.size() > 20) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return std::nullopt;
        }
        const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10) {
            return std::nullopt;
        }
        value = value * 10 + digit;
    }
    return value;
}

} // namespace

std::uint64_t iterations_from_text(const std::string& text) {
    const auto n = whole_number(text);
    if (!n || *n < 1 || *n > k_max_iterations) {
        throw usage_error("--iterations " + text + ": expected a whole number from 1 to " +
                          std::to_string(k_max_iterations));
    }
    return *n;
}

std::uint64_t seed_from_text(const std::string& text) {
    const auto n = whole_number(text);
    if (!n) {
        throw usage_error("--seed " + text + ": expected a whole number from 0 to 18446744073709551615");
    }
    return *n;
}

ReviewQuant quantify(const Proposal& proposal, const std::vector<Risk>& risks, const QuantOptions& options) {
    ReviewQuant q;
    q.iterations = options.iterations;
    q.seed = options.seed;
    const Finance finance = read_finance(proposal.doc);
    q.assumptions = finance.assumptions;

    std::vector<const Risk*> quantified;
    for (const auto& risk : risks) {
        if (!risk.fair) {
            q.unquantified.push_back({risk.id, "no FAIR inputs: the plugin gave no loss frequency and magnitude"});
            continue;
        }
        RiskQuant rq;
        rq.risk_id = risk.id;
        rq.scenario = {risk.id, pert(risk.fair->frequency), pert(risk.fair->magnitude), std::nullopt};
        if (auto problem = problem_with(rq.scenario); !problem.empty()) {
            q.unquantified.push_back({risk.id, "FAIR inputs refused: " + std::move(problem)});
            continue;
        }
        rq.inherent = {risk.likelihood, risk.impact};
        rq.residual = combine(rq.inherent, {risk.residual_likelihood, risk.residual_impact});
        rq.expected_inherent = expected_annual_loss(rq.scenario);
        rq.expected_residual = expected_annual_loss(rq.scenario, treatment_between(rq.inherent, rq.residual));
        q.risks.push_back(std::move(rq));
        quantified.push_back(&risk);
    }

    // The plan, on exact expected losses rather than on simulated ones, so
    // that sampling noise cannot change which mitigations it picks.
    Options offered = gather_options(quantified);
    q.mitigations = offered.values;
    std::vector<PlanRisk> plan_risks;
    for (const auto& rq : q.risks) {
        plan_risks.push_back({rq.expected_inherent, rq.inherent, rq.residual});
    }
    const double before = expected_loss_with(plan_risks, offered.plan, {});
    // Only a mitigation that avoids more expected loss a year on its own than
    // it costs a year is offered to the plan: loss avoided is submodular, so
    // one that does not pay alone pays in no set (docs/quantification.md).
    std::vector<PlanOption> worth_buying;
    std::vector<std::size_t> offered_index; // into q.mitigations, for each of worth_buying
    for (std::size_t i = 0; i < q.mitigations.size(); ++i) {
        MitigationValue& m = q.mitigations[i];
        std::vector<bool> alone(q.mitigations.size(), false);
        alone[i] = true;
        m.loss_avoided = before - expected_loss_with(plan_risks, offered.plan, alone);
        m.annualised_cost = annualised(m.cost.one_time, m.cost.annual, finance.horizon_years);
        m.rosi = return_on_security_investment(m.loss_avoided, m.annualised_cost);
        if (m.loss_avoided > m.annualised_cost) {
            worth_buying.push_back(offered.plan[i]);
            offered_index.push_back(i);
        }
    }
    const double budget = finance.security_budget.value_or(std::numeric_limits<double>::infinity());
    const PlanResult chosen = choose_plan(plan_risks, worth_buying, budget);
    q.plan.budget = finance.security_budget;
    for (std::size_t k : chosen.chosen) {
        q.plan.chosen.push_back(offered_index[k]);
    }
    q.plan.budget_cost = chosen.cost;
    q.plan.loss_avoided = chosen.loss_avoided;
    q.plan.exact = chosen.exact;
    q.plan.nodes = chosen.nodes;
    for (std::size_t i = 0; i < q.mitigations.size(); ++i) {
        MitigationValue& m = q.mitigations[i];
        m.in_plan = std::find(q.plan.chosen.begin(), q.plan.chosen.end(), i) != q.plan.chosen.end();
        if (m.in_plan) {
            q.plan.cost.one_time += m.cost.one_time;
            q.plan.cost.annual += m.cost.annual;
        }
    }
    for (auto& rq : q.risks) {
        rq.planned = rq.residual;
    }
    std::vector<Levels> best;
    for (const auto& rq : q.risks) {
        best.push_back(rq.residual);
    }
    for (std::size_t i = 0; i < offered.plan.size(); ++i) {
        for (const auto& e : offered.plan[i].effects) {
            best[e.risk] = combine(best[e.risk], e.leaves);
            if (q.mitigations[i].in_plan) {
                q.risks[e.risk].planned = combine(q.risks[e.risk].planned, e.leaves);
            }
        }
    }

    // Simulation: each risk in its three states on common random numbers.
    std::vector<double> inherent(options.iterations, 0.0);
    std::vector<double> residual(options.iterations, 0.0);
    std::vector<double> planned(options.iterations, 0.0);
    SimulationResult run;
    for (std::size_t r = 0; r < q.risks.size(); ++r) {
        RiskQuant& rq = q.risks[r];
        const Treatment planned_treatment = treatment_between(rq.inherent, rq.planned);
        rq.expected_planned = expected_annual_loss(rq.scenario, planned_treatment);
        const std::vector<Treatment> states = {Treatment{}, treatment_between(rq.inherent, rq.residual),
                                               planned_treatment};
        simulate(rq.scenario, stream_key(options.seed, proposal.id, rq.risk_id), states, options.iterations,
                 options.threads, run);
        rq.inherent_loss = summarise_losses(run.losses[0]);
        rq.residual_loss = summarise_losses(run.losses[1]);
        rq.planned_loss = summarise_losses(run.losses[2]);
        add_into(inherent, run.losses[0]);
        add_into(residual, run.losses[1]);
        add_into(planned, run.losses[2]);
        const double at_best = expected_annual_loss(rq.scenario, treatment_between(rq.inherent, best[r]));
        if (rq.expected_planned > at_best * (1 + 1e-9) + 1e-9) {
            Uncovered u{rq.risk_id, rq.expected_planned, at_best, {}};
            for (const auto& m : q.mitigations) {
                if (!m.in_plan && std::find(m.risks.begin(), m.risks.end(), rq.risk_id) != m.risks.end()) {
                    u.mitigations_left.push_back(m.id);
                }
            }
            q.plan.uncovered.push_back(std::move(u));
        }
    }
    q.inherent_loss = summarise_losses(inherent);
    q.residual_loss = summarise_losses(residual);
    q.planned_loss = summarise_losses(planned);

    // Net value, drawn in the same iterations as the losses.
    const std::vector<double> benefit = annual_benefits(proposal, finance, options);
    q.net_value.horizon_years = finance.horizon_years;
    q.net_value.discount_rate = finance.discount_rate;
    q.net_value.benefits_quantified = !finance.benefits.empty();
    q.net_value.with_plan =
        summarise_values(net_present_values(benefit, planned, finance, {q.plan.cost.one_time, q.plan.cost.annual}));
    q.net_value.without_plan = summarise_values(net_present_values(benefit, residual, finance, {}));
    if (options.keep_sketch) {
        q.residual_sketch = sketch_losses(std::move(residual));
    }
    const double project = finance.capex + finance.opex_annual * finance.horizon_years;
    if (project > 0) {
        q.plan.security_share = (q.plan.cost.one_time + q.plan.cost.annual * finance.horizon_years) / project;
    }
    return q;
}

} // namespace fulcrum::quant
