// A minimal Fulcrum plugin: copy this folder, rename the id, write rules.
//
// A plugin declares its rules once (the catalog `fulcrum rules` lists), then
// builds findings from them in evaluate(). Every finding names the proposal
// fields that triggered it (JSON pointers), and every risk offers at least
// one priced mitigation. Throwing is fine: the SDK turns exceptions into an
// error the host reports by plugin name.
#include <fulcrum/plugin.hpp>

namespace {

using namespace fulcrum::sdk;

const Rule k_no_owner = Rule::risk("template.accountable-owner", "No accountable business owner",
                                   "A proposal without a named sponsor has nobody to own its risks after go-live.",
                                   {{"csf", {"GV.RR-02"}}, {"sp800_53", {"pm-2"}}});
const Rule k_objectives = Rule::benefit("template.clear-objectives", "efficiency", "Stated, measurable objectives",
                                        "Objectives the board can hold the sponsor to.");

class TemplatePlugin final : public Plugin {
public:
    static json manifest() {
        return {{"id", "template"},
                {"name", "Template plugin"},
                {"vendor", "Example Vendor"},
                {"version", "1.0.0"},
                {"description", "Starting point for new plugins"},
                {"categories", {"cloud", "ai", "bigdata"}},
                {"thread_safe", true},
                {"config_schema", {{"type", "object"}}}};
    }
    static const std::vector<Rule>& rules() {
        static const std::vector<Rule> all = {k_no_owner, k_objectives};
        return all;
    }

    Contribution evaluate(const Proposal& p) const override {
        Contribution out;
        if (!p.text("/sponsor/name")) {
            out.add(Risk(k_no_owner)
                        .likelihood(3)
                        .impact(3)
                        .rationale("Nobody is named as the sponsor, so nobody owns the risks once the project ends.")
                        .evidence("/sponsor")
                        .mitigation(Mitigation("name-owner", "Name an accountable business owner")
                                        .cost(0, 0)
                                        .leaves(1, 3)));
        }
        const json* objectives = p.find("/business_case/objectives");
        const int count = objectives && objectives->is_array() ? static_cast<int>(objectives->size()) : 0;
        out.add(Benefit(k_objectives)
                    .score(count == 0 ? 10 : std::min(80, 40 + 15 * count))
                    .rationale(count == 0 ? "The proposal states no objectives."
                                          : "The proposal states " + std::to_string(count) + " objective(s).")
                    .evidence("/business_case/objectives"));
        return out;
    }
};

} // namespace

FULCRUM_PLUGIN(TemplatePlugin)
