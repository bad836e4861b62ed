// File-system questions shared by everything that writes output.
#pragma once

#include <string>
#include <sys/types.h>

namespace fulcrum {

// A device, pipe or socket: written in place, never replaced by a rename
// (renaming over /dev/null would put a regular file in its place).
bool is_stream(mode_t mode);
// True when `path`, followed through links, names such a stream.
bool names_a_stream(const std::string& path);

} // namespace fulcrum
