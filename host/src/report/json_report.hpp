// The review as JSON (schema "fulcrum/review@1", docs/schema/review.schema.json).
#pragma once

#include "review/review.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace fulcrum {

class JsonWriter;

// The review as compact JSON text, appended to `out`: what review_to_json
// gives, printed, without building the tree (a batch writes one per record).
void append_review_json(std::string& out, const Review& review);
// The same, as the next value `w` writes (a batch record's last member).
void write_review_json(JsonWriter& w, const Review& review);

nlohmann::ordered_json review_to_json(const Review& review);

} // namespace fulcrum
