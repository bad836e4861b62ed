// The CIO's side: what moving to the cloud does for the business, scored
// from how well the technology fits each benefit dimension and from how well
// the business case backs its own claims.
#include "catalog.hpp"
#include "rules.hpp"

#include <algorithm>

namespace fulcrum::cloud {
namespace {

using namespace fulcrum::firstparty;

// A benefit the technology could bring: how well it fits (0-100) and why.
struct Potential {
    const Rule& rule;
    int fit;
    std::string why;
};

// Unclaimed benefits below this fit are left out rather than listed as weak
// potential: they would only dilute the benefit score.
constexpr int k_potential_threshold = 60;

std::vector<std::string> certifications(const Proposal& p) {
    std::vector<std::string> out;
    if (const json* list = p.find("/vendor/certifications"); list && list->is_array()) {
        for (const auto& c : *list) {
            if (c.is_string()) {
                out.push_back(c.get<std::string>());
            }
        }
    }
    return out;
}

std::vector<Potential> potentials(const Context& ctx) {
    const std::string& d = ctx.deployment;
    const std::string deployed = d.empty() ? "cloud" : d + " cloud";
    const int regions = static_cast<int>(ctx.regions().size());
    const auto named = certifications(ctx.p);
    const int certs = static_cast<int>(named.size());
    std::vector<Potential> out;
    out.push_back({k_elastic_scale,
                   d == "private"  ? 40
                   : d == "hybrid" ? 55
                                   : 65,
                   capital(article(deployed)) + " " + deployed +
                       " deployment grows with demand instead of with hardware purchases."});
    out.push_back({k_cost_shift,
                   ctx.saas()            ? 60
                   : ctx.model == "paas" ? 55
                                         : 45,
                   ctx.saas() ? "As SaaS, the service removes servers, upgrades and much of the operations work."
                   : ctx.model == "iaas"
                       ? "IaaS removes hardware refreshes, but servers moved as they are often cost as much to run "
                         "as before unless they are resized."
                       : "A managed platform removes servers and much of the operations work."});
    out.push_back({k_delivery_speed,
                   ctx.model == "paas" ? 65
                   : ctx.saas()        ? 60
                                       : 45,
                   ctx.model == "iaas" ? "IaaS speeds up provisioning, but teams still build and run the stack."
                   : ctx.saas()        ? "As SaaS, the service is ready to use: staff work in it rather than build "
                                         "and run it, and improvements arrive without projects."
                                       : "A managed platform shortens delivery: teams configure services rather than "
                                         "build and operate them."});
    out.push_back({k_resilience_uplift,
                   ctx.multi_site() ? 65
                   : d == "private" ? 40
                                    : 50,
                   ctx.multi_site() ? "Running in " +
                                          (regions >= 2 ? std::to_string(regions) + " regions"
                                                        : std::string("more than one place")) +
                                          " survives the loss of a data centre or a region."
                                    : "The provider's zones within one region survive the loss of a data centre, "
                                      "but not of the region."});
    out.push_back({k_compliance_inheritance,
                   std::min(60, (certs == 0   ? 30
                                 : certs == 1 ? 45
                                              : 55) +
                                    (ctx.regulated ? 5 : 0)),
                   certs == 0 ? "The provider lists no attestations, so there is little to inherit."
                              : "The provider's " + join_words(named) +
                                    " cover part of the control set, which shortens the organisation's own audits."});
    out.push_back({k_customer_service,
                   regions >= 2 ? 60
                   : ctx.saas() ? 55
                                : 45,
                   regions >= 2 ? "Several regions put the service close to customers and keep it available."
                                : "Provider-run availability keeps the service up for customers."});
    out.push_back({k_managed_innovation,
                   ctx.model == "paas" ? 60
                   : ctx.saas()        ? 50
                                       : 45,
                   ctx.model == "paas" ? "Managed data, AI and integration services come with the platform."
                                       : "The provider's feature releases arrive without upgrade projects."});
    return out;
}

std::string ratio_text(double ratio) {
    return fixed(ratio, 1);
}

void score(Context& ctx, const Potential& item) {
    const Claim claim = claim_for(ctx.p, item.rule.dimension);
    if (!claim.stated && item.fit < k_potential_threshold) {
        return;
    }
    sdk::Benefit benefit(item.rule);
    std::string why = item.why;
    const std::string first = claim.stated ? claim.evidence.front() : "";
    std::string description = claim.stated ? ctx.p.text(first + "/description").value_or("") : "";
    while (!description.empty() && (description.back() == '.' || description.back() == ' ')) {
        description.pop_back();
    }
    const std::string quoted = description.empty() ? "this benefit" : "'" + description + "'";
    if (claim.quantified) {
        benefit.annual_value(claim.annual_value);
        why += " The business case values it at " + ctx.money(claim.annual_value.likely) + " a year (" +
               ctx.money(claim.annual_value.low) + " to " + ctx.money(claim.annual_value.high) + ")";
        const double cost = annual_cost(ctx.p);
        if (cost > 0) {
            why += ", " + ratio_text(claim.annual_value.likely / cost) + " times the proposal's annual cost of " +
                   ctx.money(cost);
        }
        if (claim.has_metric) {
            why += ".";
        } else {
            why += ", but names no metric to track it.";
        }
    } else if (claim.stated) {
        why += " The business case claims it (" + quoted + ") without a figure, so it scores lower.";
    } else {
        why += " The business case does not claim it, so it counts only as potential.";
    }
    // Shared wording, so that the host lists each question once when several
    // plugins rate the same claim.
    claim_questions(item.rule, claim, ctx.out);
    benefit.score(claim_score(ctx.p, claim, item.fit)).rationale(why);
    benefit.evidence(ctx.model.empty() ? ctx.cloud.pointer : ctx.cloud.field("service_model"));
    for (const auto& e : claim.evidence) {
        benefit.evidence(e);
    }
    ctx.out.add(std::move(benefit));
}

} // namespace

void evaluate_benefits(Context& ctx) {
    for (const auto& item : potentials(ctx)) {
        score(ctx, item);
    }
}

} // namespace fulcrum::cloud
