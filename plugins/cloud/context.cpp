#include "context.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace fulcrum::cloud {

using namespace fulcrum::firstparty;

namespace {

std::vector<std::string> all_regions(const Proposal& p) {
    std::vector<std::string> all;
    for (const auto& t : p.technologies("cloud")) {
        if (const auto* list = t.list("regions")) {
            for (const auto& r : *list) {
                if (r.is_string() && std::find(all.begin(), all.end(), r.get<std::string>()) == all.end()) {
                    all.push_back(r.get<std::string>());
                }
            }
        }
    }
    return all;
}

// "1.2 million records of confidential personal data".
std::string describe_data(const Proposal& p, bool personal) {
    const auto classification = p.text("/data/classification");
    std::string text;
    if (classification) {
        text = *classification + (personal ? " personal data" : " data");
    } else {
        text = personal ? "personal data of unstated sensitivity" : "data of unstated sensitivity";
    }
    if (const auto* special = p.find("/data/special_categories"); special && special->is_array() && !special->empty()) {
        std::string list;
        for (size_t i = 0; i < special->size(); ++i) {
            if ((*special)[i].is_string()) {
                list += (list.empty() ? "" : ", ") + (*special)[i].get<std::string>();
            }
        }
        text += " with special categories (" + list + ")";
    }
    if (const auto records = p.number("/data/records"); records && *records > 0) {
        text = count_text(*records) + (*records == 1 ? " record of " : " records of ") + text;
    }
    return text;
}

} // namespace

Context::Context(const Proposal& proposal, const sdk::Technology& technology, sdk::Contribution& contribution)
    : p(proposal), cloud(technology), out(contribution) {
    model = cloud.text("service_model").value_or("");
    deployment = cloud.text("deployment").value_or("");
    size = p.text("/organization/size").value_or("medium");
    criticality = p.text("/resilience/criticality").value_or("");
    scale = cost_scale(p);
    regulated = firstparty::regulated(p);
    personal = personal_data(p);
    data_impact = firstparty::data_impact(p);
    breach = breach_magnitude(p);
    // A small, known number of records limits what a breach can expose:
    // a few thousand contacts is a notifiable incident, not a major one.
    if (const auto records = p.number("/data/records"); records && *records > 0 && *records < 10000) {
        data_impact = std::max(1, data_impact - 1);
    }
    m_regions = all_regions(p);
    m_data_phrase = describe_data(p, personal);
    m_currency = p.text("/currency").value_or("USD");
}

bool Context::gdpr_applies() const {
    return personal && (p.lists("/compliance", "gdpr") || p.lists("/compliance", "uk_gdpr") ||
                        p.lists("/data/residency", "eu") || p.lists("/data/residency", "uk"));
}

bool Context::multi_site() const {
    return regions().size() >= 2 || deployment == "hybrid" || deployment == "multi";
}

int Context::criticality_impact() const {
    if (criticality == "mission_critical") {
        return 5;
    }
    if (criticality == "high") {
        return 4;
    }
    if (criticality == "low") {
        return 2;
    }
    return 3;
}

int Context::business_impact() const {
    return std::max(data_impact, criticality_impact());
}

void Context::ask(const Rule& rule, const std::string& field, const std::string& text) {
    if (m_asked.insert(field).second) {
        out.ask(rule, field, text);
    }
}

void Context::ask_about_data(const Rule& rule) {
    if (!p.find("/data/classification")) {
        ask(rule, "/data/classification",
            "How sensitive is the data this service will hold: public, internal, confidential or restricted?");
    }
    if (!p.flag("/data/personal_data")) {
        ask(rule, "/data/personal_data",
            "Will the service hold personal data about customers, staff or anyone else, and roughly how many "
            "records?");
    }
}

bool Context::need_model(const Rule& rule) {
    if (!model.empty()) {
        return true;
    }
    ask(rule, cloud.field("service_model"),
        "Is this IaaS, PaaS or SaaS? Which security duties stay with you, and what leaving the provider would "
        "cost, both depend on it.");
    return false;
}

void Context::add(Finding&& finding) {
    out.add(std::move(finding).risk());
}

std::string Context::model_name() const {
    if (model == "saas") {
        return "SaaS";
    }
    if (model == "paas") {
        return "PaaS";
    }
    if (model == "iaas") {
        return "IaaS";
    }
    return "cloud";
}

std::string Context::service_phrase() const {
    std::string level;
    if (criticality == "mission_critical") {
        level = "mission-critical ";
    } else if (!criticality.empty()) {
        level = criticality + "-criticality ";
    }
    const std::string text = level + model_name() + " service";
    return article(text) + " " + text;
}

std::string Context::money(double amount) const {
    double rounded = amount;
    if (amount >= 100) {
        const double unit = std::pow(10.0, std::floor(std::log10(amount)) - 1);
        rounded = std::round(amount / unit) * unit;
    }
    return m_currency + " " + count_text(rounded, false);
}

sdk::Mitigation Context::mitigation(const std::string& id, const std::string& title, double one_time,
                                    double annual) const {
    auto round100 = [](double v) { return std::round(v / 100.0) * 100.0; };
    return sdk::Mitigation(id, title).cost(round100(one_time * scale), round100(annual * scale));
}

double Context::revenue() const {
    if (const auto stated = p.number("/organization/annual_revenue"); stated && *stated > 0) {
        return *stated;
    }
    if (size == "small") {
        return 5e6;
    }
    if (size == "large") {
        return 1e9;
    }
    if (size == "enterprise") {
        return 1e10;
    }
    return 8e7;
}

Range Context::outage_per_event(const Range& hours) const {
    // The share of revenue that stops while the service is down.
    double share = 0.15;
    if (criticality == "mission_critical") {
        share = 1.0;
    } else if (criticality == "high") {
        share = 0.5;
    } else if (criticality == "low") {
        share = 0.03;
    }
    const double per_hour = std::max(200.0, revenue() / 8760.0 * share);
    return {per_hour * hours.low, per_hour * hours.likely, per_hour * hours.high};
}

Range Context::regulatory_loss(double severity) const {
    // Fines and remediation as a share of turnover; GDPR Art. 83(5) caps
    // fines for transfer and processing breaches at 4% of turnover.
    const double r = revenue();
    return {10000 * scale + r * 0.0005 * severity, 50000 * scale + r * 0.003 * severity,
            250000 * scale + r * 0.02 * severity};
}

Range Context::migration_loss() const {
    double base = p.number("/costs/opex_annual").value_or(0);
    if (base <= 0) {
        base = p.number("/costs/capex").value_or(0);
    }
    if (base <= 0) {
        base = 150000 * scale;
    }
    return {base * 0.5, base * 1.2, base * 3.0};
}

Finding::Finding(const Rule& rule, int likelihood, int impact)
    : m_risk(rule), m_likelihood(clamp_level(likelihood)), m_impact(clamp_level(impact)) {
    m_risk.likelihood(m_likelihood).impact(m_impact);
}

Finding& Finding::why(std::string text) {
    m_risk.rationale(std::move(text));
    return *this;
}

Finding& Finding::evidence(std::string_view pointer) {
    const std::vector<std::string>& cited = m_risk.data().evidence;
    if (std::find(cited.begin(), cited.end(), pointer) == cited.end()) {
        m_risk.evidence(std::string(pointer));
    }
    return *this;
}

Finding& Finding::evidence(const std::vector<std::string>& pointers) {
    for (const auto& ptr : pointers) {
        evidence(ptr);
    }
    return *this;
}

Finding& Finding::data_facts(const Proposal& p) {
    return facts(p, {"/data/classification", "/data/personal_data", "/data/special_categories", "/data/records"});
}

Finding& Finding::facts(const Proposal& p, std::initializer_list<std::string_view> pointers) {
    for (const auto& ptr : pointers) {
        const json* value = p.find(ptr);
        if (value && !(value->is_array() && value->empty())) {
            evidence(ptr);
        }
    }
    return *this;
}

Finding& Finding::concern(std::string key) {
    m_risk.concern(std::move(key));
    return *this;
}

Finding& Finding::mitigate(sdk::Mitigation m, int likelihood, int impact) {
    m.leaves(std::clamp(likelihood, 1, m_likelihood), std::clamp(impact, 1, m_impact));
    m_risk.mitigation(std::move(m));
    return *this;
}

Finding& Finding::fair(const Range& frequency, const Range& magnitude) {
    m_risk.fair(frequency, magnitude);
    return *this;
}

Range frequency_for(int likelihood) {
    switch (clamp_level(likelihood)) {
    case 1:
        return {0.005, 0.02, 0.05};
    case 2:
        return {0.02, 0.05, 0.15};
    case 3:
        return {0.05, 0.15, 0.5};
    case 4:
        return {0.15, 0.5, 1.5};
    default:
        return {0.5, 1.5, 5.0};
    }
}

std::string article(const std::string& word) {
    if (word.empty()) {
        return "a";
    }
    // Spoken initials: "an SaaS" is wrong, "an 8-hour" is right.
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(word[0])));
    if (word.rfind("SaaS", 0) == 0 || word.rfind("PaaS", 0) == 0) {
        return "a";
    }
    if (word.rfind("IaaS", 0) == 0 || word[0] == '8' || word.rfind("11", 0) == 0 || word.rfind("18", 0) == 0) {
        return "an";
    }
    return std::string("aeiou").find(c) != std::string::npos ? "an" : "a";
}

std::string count_text(double n, bool words) {
    std::string text;
    if (words && n >= 1e9) {
        text = fixed(n / 1e9, 1) + " billion";
    } else if (words && n >= 1e6) {
        text = fixed(n / 1e6, 1) + " million";
    } else {
        const std::string digits = std::to_string(static_cast<long long>(std::llround(n)));
        std::string grouped;
        for (size_t i = 0; i < digits.size(); ++i) {
            if (i > 0 && (digits.size() - i) % 3 == 0) {
                grouped += ',';
            }
            grouped += digits[i];
        }
        return grouped;
    }
    const auto dot = text.find(".0 ");
    if (dot != std::string::npos) {
        text.erase(dot, 2);
    }
    return text;
}

std::string capital(std::string text) {
    if (!text.empty()) {
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    }
    return text;
}

std::string join_words(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += i + 1 == items.size() ? " and " : ", ";
        }
        out += items[i];
    }
    return out;
}

std::string hours_text(double hours) {
    if (hours < 1) {
        return std::to_string(static_cast<int>(std::lround(hours * 60))) + " minutes";
    }
    if (std::floor(hours) == hours) {
        return fixed(hours, 0) + (hours == 1 ? " hour" : " hours");
    }
    return fixed(hours, 1) + " hours";
}

} // namespace fulcrum::cloud
