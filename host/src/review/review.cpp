#include "review/review.hpp"

namespace fulcrum {

const char* to_string(Decision decision) {
    switch (decision) {
    case Decision::approve:
        return "approve";
    case Decision::approve_with_conditions:
        return "approve_with_conditions";
    case Decision::defer:
        return "defer";
    case Decision::reject:
        return "reject";
    }
    return "defer";
}

const char* to_string(PluginStatus status) {
    switch (status) {
    case PluginStatus::ok:
        return "ok";
    case PluginStatus::failed:
        return "failed";
    case PluginStatus::not_applicable:
        return "not_applicable";
    }
    return "failed";
}

} // namespace fulcrum
