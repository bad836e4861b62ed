// Writing command output: to standard output, or atomically to a file
// (temporary file in the same folder, then rename), so that a reader never
// sees half a report and a failed run leaves the old file intact.
#pragma once

#include <string>

namespace fulcrum {

// Throws fulcrum::Error (exit 2) when the file cannot be written.
void write_output(const std::string& path, const std::string& text);

} // namespace fulcrum
