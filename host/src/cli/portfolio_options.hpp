// What `fulcrum batch` and `fulcrum portfolio` share: the portfolio summary's
// options (--summary, the budgets, --fx, --fail-on), their checks, and the
// exit code a set of records earns, with the message of a tripped gate
// (which `fulcrum review` prints too).
#pragma once

#include "batch/portfolio.hpp"
#include "batch/runner.hpp"

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace fulcrum {

struct PortfolioArgs {
    std::vector<std::string> summaries; // each: .csv, .html (the board's page), else JSON
    std::string fail_on = "never";
    double innovation_budget = -1;
    double security_budget = -1;
    std::string budget_currency;
    std::vector<std::string> exchange_rates; // --fx, as given
};

// Adds --summary, --fail-on, --innovation-budget, --security-budget,
// --budget-currency and --fx.
void add_portfolio_options(boost::program_options::options_description& options, PortfolioArgs& values);

// Checks what add_portfolio_options read (vm says which were given) and
// makes the portfolio's options of it. Throws fulcrum::Error (exit 2).
PortfolioOptions portfolio_options(const boost::program_options::variables_map& vm, const PortfolioArgs& args);

// Each --summary is checked before the work whose result it holds: given
// twice, the same as `output`, one of `inputs`, or a path that cannot be
// written are refused (exit 2).
void check_summaries(const std::vector<std::string>& summaries, const std::string& output,
                     const std::vector<std::string>& inputs);

// Says on standard error why a --fail-on gate tripped: how many proposals
// it stopped on, and the first of them ("id (file:line): decision").
void report_gate(const std::string& fail_on, uint64_t count, const std::vector<std::string>& shown);

// The exit code the records earn: 3 when any proposal was invalid, else 4
// when any review is incomplete, else 1 when the --fail-on gate trips; the
// reason goes to standard error (report_gate).
int records_exit_code(const BatchStats& stats, const std::string& fail_on);

} // namespace fulcrum
