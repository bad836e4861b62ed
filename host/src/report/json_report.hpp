// The review as JSON (schema "fulcrum/review@1", docs/schema/review.schema.json).
#pragma once

#include "review/review.hpp"

#include <nlohmann/json.hpp>

namespace fulcrum {

nlohmann::ordered_json review_to_json(const Review& review);

} // namespace fulcrum
