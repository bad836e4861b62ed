// The big-data plugin: what a data lake, lakehouse or analytics platform does
// for the business and what pooling the organisation's data exposes.
// README.md beside this file lists the proposal fields and control ids it reads.
#include "facts.hpp"
#include "groups.hpp"
#include "rules.hpp"

#include <fulcrum/plugin.hpp>

#include <algorithm>

namespace fulcrum::bigdata {

void cite(Risk& risk, const Facts& f, std::initializer_list<std::string_view> pointers) {
    bool any = false;
    for (const auto& ptr : pointers) {
        const auto& cited = risk.data().evidence;
        const json* value = f.p.find(ptr);
        const bool empty_list = value != nullptr && value->is_array() && value->empty();
        if (value != nullptr && !empty_list && std::find(cited.begin(), cited.end(), ptr) == cited.end()) {
            risk.evidence(std::string(ptr));
            any = true;
        }
    }
    if (!any) {
        risk.evidence(f.lake.pointer);
    }
}

std::string money_text(const Facts& f, double amount) {
    return f.currency + " " + count_text(amount);
}

namespace {

using sdk::json;

class BigDataPlugin final : public sdk::Plugin {
public:
    static json manifest() {
        return {{"id", "bigdata"},
                {"name", "Big data and analytics platforms"},
                {"vendor", "Fulcrum"},
                {"version", "0.2.0"},
                {"description", "Benefit and risk of data lakes, lakehouses and analytics platforms: privacy, "
                                "access, exposure, integrity and the business case"},
                {"categories", {"bigdata"}},
                {"thread_safe", true},
                {"config_schema",
                 {{"type", "object"},
                  {"additionalProperties", false},
                  {"properties",
                   {{"max_retention_days",
                     {{"type", "integer"},
                      {"minimum", 1},
                      {"description", "Retention of personal data beyond which the retention rule calls it long "
                                      "(default 1095, three years)"}}},
                    {"wide_access_users",
                     {{"type", "integer"},
                      {"minimum", 1},
                      {"description", "Number of query users above which access counts as broad (default 50)"}}},
                    {"breach_cost_per_record",
                     {{"type", "number"},
                      {"exclusiveMinimum", 0},
                      {"description", "Loss per breached record, in the proposal's currency, replacing the "
                                      "built-in estimate"}}}}}}}};
    }
    static const std::vector<Rule>& rules() { return catalog(); }

    // Called once, before any evaluate(); evaluate() only reads m_settings.
    void configure(const json& config) override {
        m_settings.max_retention_days = config.value("max_retention_days", m_settings.max_retention_days);
        m_settings.wide_access_users = config.value("wide_access_users", m_settings.wide_access_users);
        m_settings.breach_cost_per_record = config.value("breach_cost_per_record", 0.0);
    }

    sdk::Contribution evaluate(const sdk::Proposal& p) const override {
        sdk::Contribution out;
        const auto lakes = p.technologies("bigdata");
        if (lakes.empty()) {
            return out;
        }
        const Facts f(p, lakes.front(), m_settings);
        privacy_risks(f, out);
        data_flow_risks(f, out);
        access_risks(f, out);
        exposure_risks(f, out);
        integrity_risks(f, out);
        firstparty::security_ownership(p, k_ownership, out);
        benefits(f, out);
        return out;
    }

private:
    Settings m_settings;
};

} // namespace
} // namespace fulcrum::bigdata

FULCRUM_PLUGIN(fulcrum::bigdata::BigDataPlugin)
