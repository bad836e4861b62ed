// The reviews as SARIF 2.1.0 for code-scanning tools, when proposals live in
// a repository: one run, one rule per Fulcrum risk rule, one result per risk
// located at the proposal field its first evidence points to.
// docs/reports.md lists every field and how it is filled.
#pragma once

#include "report/report_context.hpp"
#include "review/review.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace fulcrum {

nlohmann::ordered_json reviews_to_sarif(const std::vector<Review>& reviews, const ReportContext& context);

// error for critical and high, warning for medium, note for low and info.
const char* sarif_level(Severity severity);

} // namespace fulcrum
