// The reviews as an OSCAL 1.2.1 assessment-results document for compliance
// teams: Fulcrum's risks as OSCAL risks, the SP 800-53 rev5 controls they
// cite as findings, their evidence as observations and the CIO's scores as
// props. Every UUID is derived from the proposal and rule ids, and the time
// comes from the context, so the same input gives the same document.
// docs/reports.md maps each Fulcrum field to its OSCAL place.
#pragma once

#include "report/report_context.hpp"
#include "review/review.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace fulcrum {

// The namespace of Fulcrum's own props and facets.
extern const char* const k_oscal_namespace;

nlohmann::ordered_json reviews_to_oscal(const std::vector<Review>& reviews, const ReportContext& context);

} // namespace fulcrum
