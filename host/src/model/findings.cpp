#include "model/findings.hpp"

namespace fulcrum {

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
