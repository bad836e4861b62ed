// The host's one error convention: throw fulcrum::Error with the exit code
// the user should see; `main` (or the batch loop, per proposal) catches it.
#pragma once

#include <stdexcept>
#include <string>

namespace fulcrum {

// Exit codes shared by every command (docs/cli.md).
enum ExitCode : int {
    k_exit_ok = 0,
    k_exit_gate_failed = 1,
    k_exit_usage = 2,
    k_exit_invalid_input = 3,
    k_exit_plugin_failed = 4,
    k_exit_interrupted = 130,
};

class Error : public std::runtime_error {
public:
    Error(int exit_code, const std::string& message) : std::runtime_error(message), m_exit_code(exit_code) {}
    int exit_code() const { return m_exit_code; }

private:
    int m_exit_code;
};

inline Error usage_error(const std::string& message) {
    return Error(k_exit_usage, message);
}
inline Error input_error(const std::string& message) {
    return Error(k_exit_invalid_input, message);
}

} // namespace fulcrum
