// A JSON value quoted in an error message ("expected ..., got <value>"): as
// it was written, cut short when long, and never throwing on a string that
// is not valid UTF-8. Used by the proposal validator, the scenario files and
// the batch records read back.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace fulcrum {

inline std::string show_json(const nlohmann::json& value, size_t limit) {
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() > limit) {
        text = text.substr(0, limit - 3) + "...";
    }
    return text;
}

} // namespace fulcrum
