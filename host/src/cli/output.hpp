// Writing command output: to standard output, or atomically to a file
// (temporary file in the same folder, then rename), so that a reader never
// sees half a report and a failed run leaves the old file intact.
#pragma once

#include <string>
#include <vector>

namespace fulcrum {

// Throws fulcrum::Error (exit 2) when the file cannot be written. A symbolic
// link at `path` is refused rather than followed or replaced, unless it leads
// to a device or pipe (/dev/stdout), which is written in place, as is a
// device or pipe named directly; an existing file keeps its permissions.
void write_output(const std::string& path, const std::string& text);

// Throws fulcrum::Error (exit 2) when `path` plainly cannot be written by
// write_output: it is a folder or a symbolic link to a file, or its folder is
// missing, not a folder, or not writable. Commands call it before the work
// whose result the file is to hold, so that a long batch does not end with
// its summary nowhere. `flag` names the option in the message. Standard
// output ("" or "-") and devices always pass.
void check_writable(const std::string& path, const std::string& flag);

// Throws fulcrum::Error (exit 2) when `output` is the same file as one of
// `inputs` (compared by device and inode, so links and other spellings of
// the path count): the report would replace what it was made from.
// A folder among `inputs` (as `fulcrum batch` takes) protects the proposals
// under it. `flag` names the option in the message (-o, --summary).
void refuse_overwriting_inputs(const std::string& output, const std::vector<std::string>& inputs,
                               const std::string& flag = "-o");

} // namespace fulcrum
