#include "model/findings.hpp"

namespace fulcrum {

Refs normalized_refs(Refs refs) {
    // Insertion sort: a rule cites a handful of frameworks, and it is stable,
    // so the last of equal names is the last list given.
    for (size_t i = 1; i < refs.size(); ++i) {
        for (size_t j = i; j > 0 && refs[j].first < refs[j - 1].first; --j) {
            std::swap(refs[j], refs[j - 1]);
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < refs.size(); ++i) {
        if (i + 1 < refs.size() && refs[i + 1].first == refs[i].first) {
            continue; // a later list for the same framework stands
        }
        if (kept != i) {
            refs[kept] = std::move(refs[i]);
        }
        ++kept;
    }
    refs.resize(kept);
    return refs;
}

nlohmann::json refs_json(const Refs& refs) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [framework, ids] : refs) {
        out[framework] = ids;
    }
    return out;
}

SharedRefs::SharedRefs(Refs refs) {
    Refs list = normalized_refs(std::move(refs));
    if (list.empty()) {
        return; // no list to share
    }
    std::string text = refs_json(list).dump();
    m_data = std::make_shared<const Data>(Data{std::move(list), std::move(text)});
}

const Refs& SharedRefs::list() const {
    static const Refs none;
    return m_data ? m_data->list : none;
}

std::string_view SharedRefs::json() const {
    return m_data ? std::string_view(m_data->json) : std::string_view("{}");
}

nlohmann::json refs_json(const SharedRefs& refs) {
    return refs_json(refs.list());
}

Severity severity_of(int likelihood, int impact) {
    const int score = likelihood * impact;
    if (score >= 20) {
        return Severity::critical;
    }
    if (score >= 12) {
        return Severity::high;
    }
    if (score >= 6) {
        return Severity::medium;
    }
    if (score >= 3) {
        return Severity::low;
    }
    return Severity::info;
}

const char* to_string(Severity severity) {
    switch (severity) {
    case Severity::critical:
        return "critical";
    case Severity::high:
        return "high";
    case Severity::medium:
        return "medium";
    case Severity::low:
        return "low";
    case Severity::info:
        return "info";
    }
    return "info";
}

std::optional<Severity> severity_from_string(const std::string& text) {
    for (Severity s : {Severity::info, Severity::low, Severity::medium, Severity::high, Severity::critical}) {
        if (text == to_string(s)) {
            return s;
        }
    }
    return std::nullopt;
}

const char* to_string(MitigationStatus status) {
    switch (status) {
    case MitigationStatus::in_place:
        return "in_place";
    case MitigationStatus::planned:
        return "planned";
    case MitigationStatus::recommended:
        return "recommended";
    }
    return "recommended";
}

} // namespace fulcrum
