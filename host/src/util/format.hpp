// Small text helpers shared by the merge, the reports and the CSV outputs.
#pragma once

#include <string>
#include <vector>

namespace fulcrum {

// 1234567.8 -> "1,234,568"
std::string group_thousands(double value);
// ("USD", 1500) -> "USD 1,500"
std::string money(const std::string& currency, double value);
// {"a","b","c"} -> "a, b and c"
std::string join_words(const std::vector<std::string>& items);
// A machine value as readers see it: "in_place" -> "in place".
std::string words(std::string value);
// A CSV field as RFC 4180 writes it: quoted, with quotes doubled, when it
// holds a comma, a quote or a line break (LF or CR); as it is otherwise.
std::string csv_field(const std::string& text);

} // namespace fulcrum
