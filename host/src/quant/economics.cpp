#include "quant/economics.hpp"

#include <cmath>

namespace fulcrum::quant {

namespace {

std::optional<double> number_at(const nlohmann::json& doc, const nlohmann::json::json_pointer& ptr) {
    if (!doc.contains(ptr)) {
        return std::nullopt;
    }
    const auto& v = doc.at(ptr);
    return v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt;
}

} // namespace

Finance read_finance(const nlohmann::json& doc) {
    using ptr = nlohmann::json::json_pointer;
    Finance f;
    const ptr benefits("/business_case/benefits");
    if (doc.contains(benefits) && doc.at(benefits).is_array()) {
        for (const auto& b : doc.at(benefits)) {
            const auto it = b.find("annual_value");
            if (it != b.end() && it->is_object()) {
                f.benefits.push_back(
                    {Shape::pert, it->value("low", 0.0), it->value("likely", 0.0), it->value("high", 0.0)});
            }
        }
    }
    if (f.benefits.empty()) {
        f.assumptions.push_back("no benefit states an annual_value: the net value counts costs and losses only");
    }
    if (auto v = number_at(doc, ptr("/business_case/horizon_years"))) {
        f.horizon_years = static_cast<int>(*v);
    } else {
        f.assumptions.push_back("business_case.horizon_years not given: " + std::to_string(k_default_horizon_years) +
                                " years assumed");
    }
    if (auto v = number_at(doc, ptr("/business_case/discount_rate"))) {
        f.discount_rate = *v;
    } else {
        f.assumptions.push_back("business_case.discount_rate not given: 8% assumed");
    }
    if (auto v = number_at(doc, ptr("/costs/capex"))) {
        f.capex = *v;
    } else {
        f.assumptions.push_back("costs.capex not given: taken as 0");
    }
    if (auto v = number_at(doc, ptr("/costs/opex_annual"))) {
        f.opex_annual = *v;
    } else {
        f.assumptions.push_back("costs.opex_annual not given: taken as 0");
    }
    f.security_budget = number_at(doc, ptr("/costs/security_budget"));
    if (!f.security_budget) {
        f.assumptions.push_back("costs.security_budget not given: the plan is not limited by a budget");
    }
    return f;
}

std::vector<double> net_present_values(const std::vector<double>& annual_benefit,
                                       const std::vector<double>& annual_loss, const Finance& finance,
                                       const Spend& spend) {
    const std::size_t n = annual_loss.size();
    std::vector<double> discount(static_cast<std::size_t>(finance.horizon_years));
    double annuity = 0; // the present value of 1 a year over the horizon
    for (int t = 1; t <= finance.horizon_years; ++t) {
        discount[t - 1] = std::pow(1 + finance.discount_rate, -t);
        annuity += discount[t - 1];
    }
    std::vector<double> npv(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double benefit = i < annual_benefit.size() ? annual_benefit[i] : 0;
        double value = -finance.capex - spend.one_time + (benefit - finance.opex_annual - spend.annual) * annuity;
        for (int t = 0; t < finance.horizon_years; ++t) {
            value -= annual_loss[(i + static_cast<std::size_t>(t)) % n] * discount[t];
        }
        npv[i] = value;
    }
    return npv;
}

std::optional<double> return_on_security_investment(double loss_avoided, double annual_cost) {
    if (!(annual_cost > 0)) {
        return std::nullopt;
    }
    return (loss_avoided - annual_cost) / annual_cost;
}

double annualised(double one_time, double annual, int horizon_years) {
    return one_time / std::max(1, horizon_years) + annual;
}

} // namespace fulcrum::quant
