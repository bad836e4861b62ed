// The facts of a proposal that the big-data rules reason about, read once so
// that every rule sees the same picture and cites the same pointers.
#pragma once

#include "firstparty.hpp"

#include <fulcrum/plugin.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace fulcrum::bigdata {

using sdk::ControlStatus;
using sdk::json;
using sdk::Proposal;
using sdk::Technology;

// Settings from the policy's plugins.settings.bigdata (see config_schema).
struct Settings {
    double max_retention_days = 1095;  // beyond this, personal data is kept "long"
    double wide_access_users = 50;     // more query users than this is broad access
    double breach_cost_per_record = 0; // 0: use firstparty::breach_magnitude as is
};

struct Facts {
    Facts(const Proposal& proposal, Technology technology, Settings config);

    const Proposal& p;
    Technology lake; // the first bigdata technology entry
    Settings settings;

    double scale;   // firstparty::cost_scale
    bool small;     // small organisation, or medium without a CISO: proportionate controls
    bool regulated; // firstparty::regulated
    bool gdpr;      // compliance lists gdpr, or EU residency

    int classification; // 1-4, firstparty::classification_level
    bool classification_known;
    std::optional<bool> personal;
    bool special;
    std::vector<std::string> special_names;
    std::optional<double> records;
    std::optional<double> volume_tb;
    std::optional<double> retention_days;
    std::optional<double> users;
    std::optional<std::string> platform;
    std::vector<std::string> sources; // empty and !sources_known when absent
    bool sources_known;
    std::vector<std::string> consumer_ids; // as written: "regulatory_reporting"
    std::vector<std::string> consumers;    // for sentences: "regulatory reporting"
    bool consumers_known;
    std::vector<std::string> shared_with;
    bool sharing_known;
    std::optional<bool> non_production_copies;
    std::optional<bool> anonymized_outputs;
    std::optional<bool> open_formats;
    std::optional<bool> rebuildable;
    std::optional<bool> cross_border;
    std::string criticality; // "" when unknown
    std::string currency;    // the proposal's, USD when it names none

    bool is_personal() const { return personal.value_or(false); }
    bool sensitive() const { return is_personal() || classification >= 3; }
    bool in_place(const std::string& control) const { return p.control(control) == ControlStatus::in_place; }
    bool planned(const std::string& control) const { return p.control(control) == ControlStatus::planned; }
    std::string control_ptr(const std::string& control) const { return p.control_pointer(control); }
    // True when a downstream use of the lake is one of `uses`.
    bool feeds(std::initializer_list<const char*> uses) const;
    // Decisions about money, health or compliance depend on the lake's data.
    bool feeds_decisions() const;

    // The lake's data-breach impact, 1-5: classification, personal and
    // special-category data and record count, tightened in regulated sectors.
    int data_impact() const { return m_data_impact; }
    // Impact of the records one breach would expose: 10 thousand -> 2,
    // 100 thousand -> 3, 1 million -> 4, 10 million -> 5.
    int records_impact() const;
    sdk::Range breach_magnitude() const { return m_breach_magnitude; }
    std::string records_text() const; // "4.5 million records", or "an unknown number of records"
    std::string data_text() const;    // "restricted personal data including health"

private:
    sdk::Range breach_magnitude_once() const;
    int m_data_impact = 2;
    sdk::Range m_breach_magnitude;
};

// "4.5 million", "120 thousand", "800".
std::string count_text(double n);
// "a, b and c".
std::string join(const std::vector<std::string>& items, const std::string& last = "and");

inline int level(int value) {
    return firstparty::clamp_level(value);
}

// A mitigation's residual level: never below 1, never above the risk's own.
inline int cap(int value, int risk_level) {
    return std::clamp(value, 1, risk_level);
}

} // namespace fulcrum::bigdata
