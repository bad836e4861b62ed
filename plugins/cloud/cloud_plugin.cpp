// The cloud plugin: what moving a workload to IaaS, PaaS or SaaS does for the
// business and what it exposes. The rules live in *_rules.cpp and
// benefits.cpp, the catalog in catalog.cpp.
#include "catalog.hpp"
#include "context.hpp"
#include "rules.hpp"

#include <fulcrum/plugin.hpp>

namespace {

using namespace fulcrum::sdk;

class CloudPlugin final : public Plugin {
public:
    static json manifest() {
        return {{"id", "cloud"},
                {"name", "Cloud adoption"},
                {"vendor", "Fulcrum"},
                {"version", "0.2.0"},
                {"description", "Benefit and risk of IaaS, PaaS and SaaS adoption"},
                {"categories", {"cloud"}},
                {"thread_safe", true},
                {"config_schema", {{"type", "object"}, {"additionalProperties", false}}}};
    }
    static const std::vector<Rule>& rules() { return fulcrum::cloud::catalog(); }

    Contribution evaluate(const Proposal& p) const override {
        Contribution out;
        const auto clouds = p.technologies("cloud");
        if (clouds.empty()) {
            return out;
        }
        fulcrum::cloud::Context ctx(p, clouds.front(), out);
        fulcrum::firstparty::security_ownership(p, fulcrum::cloud::k_security_ownership, out);
        fulcrum::cloud::evaluate_provider(ctx);
        fulcrum::cloud::evaluate_identity(ctx);
        fulcrum::cloud::evaluate_data(ctx);
        fulcrum::cloud::evaluate_operations(ctx);
        fulcrum::cloud::evaluate_benefits(ctx);
        return out;
    }
};

} // namespace

FULCRUM_PLUGIN(CloudPlugin)
