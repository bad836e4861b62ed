// Helpers shared by the tests: paths into the source and build trees, and
// running the fulcrum program as a user would.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace fulcrum::test {

// Every line of a JSON Lines file, parsed (batch output).
std::vector<nlohmann::json> read_json_lines(const std::string& path);

// True for a fixture plugin this build cannot test: under AddressSanitizer the
// worker sets no memory limit (util/sanitizer.hpp), so oom_grow would grow
// without bound. Says so once when it first skips.
bool untestable_here(const std::string& fixture);

// A plugin time limit for a test, as the command-line text fulcrum also
// prints ("0.3" in "timed out after 0.3 s"): as given, or twenty times that in
// an ASan build, whose workers start and evaluate far slower.
std::string test_seconds(double seconds);

std::string source_path(const std::string& relative); // under the source tree
std::string binary_path(const std::string& relative); // under the build tree
std::string fixture_plugin_dir(const std::string& name);

// A fresh empty folder under the build tree, removed first if it exists.
std::string scratch_dir(const std::string& name);

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs the built fulcrum with `args` (no shell), capturing both streams.
RunResult run_fulcrum(const std::vector<std::string>& args, const std::string& stdin_text = "");

// Starts the built fulcrum in the background with stdout and stderr sent to
// files; returns its pid. wait_exit() reaps it and returns its exit code
// (128 + signal when killed).
int spawn_fulcrum(const std::vector<std::string>& args, const std::string& out_path, const std::string& err_path);
int wait_exit(int pid);

std::string read_text(const std::string& path);
void write_text(const std::string& path, const std::string& text);

// The reference data folder (FULCRUM_REFERENCE_DATA), or "" when unset.
std::string reference_data_dir();

} // namespace fulcrum::test

namespace fulcrum::test {

// Options that let the built fulcrum load the unsigned fixture plugins of
// tests/fixtures/plugins: {"--allow-untrusted"} when this fulcrum verifies
// plugins before loading them (docs/security.md), else nothing.
const std::vector<std::string>& fixture_plugin_options();

} // namespace fulcrum::test
