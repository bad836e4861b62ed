// Line numbers for the values of a JSON text, so that errors about a field
// can say where it is (nlohmann's DOM keeps no positions).
#pragma once

#include <map>
#include <string>

namespace fulcrum::quant {

// JSON pointer of every value -> the 1-based line where it starts. Meant for
// text that has already parsed; stops quietly at anything unexpected.
std::map<std::string, int> json_value_lines(const std::string& text);

} // namespace fulcrum::quant
