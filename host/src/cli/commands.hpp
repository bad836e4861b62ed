// The fulcrum subcommands. Each takes the arguments after its name and
// returns the process exit code; errors travel as fulcrum::Error.
#pragma once

#include <string>
#include <vector>

namespace fulcrum {

int run_review(const std::vector<std::string>& args);
int run_plugins(const std::vector<std::string>& args);
int run_rules(const std::vector<std::string>& args);
int run_simulate(const std::vector<std::string>& args);
int run_batch_command(const std::vector<std::string>& args);
int run_portfolio_command(const std::vector<std::string>& args);

} // namespace fulcrum
