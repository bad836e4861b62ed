#include "facts.hpp"

#include <algorithm>
#include <cmath>

namespace fulcrum::bigdata {
namespace {

std::vector<std::string> strings_of(const json* list) {
    std::vector<std::string> out;
    if (list == nullptr || !list->is_array()) {
        return out;
    }
    for (const auto& item : *list) {
        if (item.is_string()) {
            out.push_back(firstparty::clipped(item.get<std::string>()));
        }
    }
    return out;
}

std::string classification_word(int level) {
    switch (level) {
    case 1:
        return "public";
    case 3:
        return "confidential";
    case 4:
        return "restricted";
    default:
        return "internal";
    }
}

} // namespace

Facts::Facts(const Proposal& proposal, Technology technology, Settings config)
    : p(proposal), lake(std::move(technology)), settings(config) {
    scale = firstparty::cost_scale(p);
    const std::string size = p.text("/organization/size").value_or("medium");
    small = size == "small" || (size == "medium" && !p.flag("/organization/has_ciso").value_or(true));
    regulated = firstparty::regulated(p);
    gdpr = p.lists("/compliance", "gdpr") || p.lists("/data/residency", "eu") || p.lists("/data/residency", "eea");

    classification = firstparty::classification_level(p);
    classification_known = p.text("/data/classification").has_value();
    personal = p.flag("/data/personal_data");
    special_names = strings_of(p.find("/data/special_categories"));
    special = !special_names.empty();
    records = p.number("/data/records");
    cross_border = p.flag("/data/cross_border_transfer");
    criticality = p.text("/resilience/criticality").value_or("");
    currency = p.text("/currency").value_or("USD");

    volume_tb = lake.number("volume_tb");
    retention_days = lake.number("retention_days");
    users = lake.number("users");
    if (auto name = lake.text("platform")) {
        platform = firstparty::clipped(*name);
    }
    sources_known = lake.list("sources") != nullptr;
    sources = strings_of(lake.list("sources"));
    consumers_known = lake.list("consumers") != nullptr;
    for (std::string use : strings_of(lake.list("consumers"))) {
        consumer_ids.push_back(use);
        if (use == "ml_training") {
            use = "model training";
        }
        std::replace(use.begin(), use.end(), '_', ' ');
        consumers.push_back(use);
    }
    sharing_known = lake.list("shared_with") != nullptr;
    shared_with = strings_of(lake.list("shared_with"));
    non_production_copies = lake.flag("non_production_copies");
    anonymized_outputs = lake.flag("anonymized_outputs");
    open_formats = lake.flag("open_formats");
    rebuildable = lake.flag("rebuildable_from_sources");
    // Read by most rules: worked out once.
    m_data_impact = level(firstparty::data_impact(p) + (regulated ? 1 : 0));
    m_breach_magnitude = breach_magnitude_once();
}

bool Facts::feeds(std::initializer_list<const char*> uses) const {
    for (const auto& c : consumer_ids) {
        for (const char* u : uses) {
            if (c == u) {
                return true;
            }
        }
    }
    return false;
}

bool Facts::feeds_decisions() const {
    return feeds({"regulatory_reporting", "financial_reporting", "billing", "clinical_decisions", "automated_decisions",
                  "credit_decisions", "fraud_detection"});
}

int Facts::records_impact() const {
    if (!records || *records < 1) {
        return 1;
    }
    return level(static_cast<int>(std::floor(std::log10(*records))) - 2);
}

sdk::Range Facts::breach_magnitude_once() const {
    if (settings.breach_cost_per_record <= 0 || !records) {
        return firstparty::breach_magnitude(p);
    }
    // Same exposure assumption as firstparty::breach_magnitude: a typical
    // event exposes about a tenth of the records; the policy sets the price.
    const double likely = std::max(20000.0, *records * settings.breach_cost_per_record * 0.1);
    return {likely * 0.2, likely, likely * 5};
}

std::string Facts::records_text() const {
    return records ? count_text(*records) + " records" : std::string("an unknown number of records");
}

std::string Facts::data_text() const {
    std::string text = classification_known ? classification_word(classification) + " " : std::string();
    text += is_personal() ? "personal data" : "data";
    if (special) {
        text += " including " + join(special_names) + " data";
    }
    return text;
}

std::string count_text(double n) {
    auto shortened = [](double value, const char* unit) {
        return firstparty::fixed(value, value < 10 && std::fmod(value, 1.0) >= 0.05 ? 1 : 0) + " " + unit;
    };
    if (n >= 1e9) {
        return shortened(n / 1e9, "billion");
    }
    if (n >= 1e6) {
        return shortened(n / 1e6, "million");
    }
    if (n >= 1e4) {
        return shortened(n / 1e3, "thousand");
    }
    return firstparty::fixed(n, 0);
}

std::string join(const std::vector<std::string>& items, const std::string& last) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += i + 1 == items.size() ? " " + last + " " : ", ";
        }
        out += items[i];
    }
    return out;
}

} // namespace fulcrum::bigdata
