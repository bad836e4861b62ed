#include "cli/portfolio_options.hpp"

#include "cli/output.hpp"
#include "proposal/proposal.hpp"
#include "util/error.hpp"

#include <boost/filesystem.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <sstream>

namespace fulcrum {

namespace po = boost::program_options;

namespace {

// --fx GBP=1.17,USD=0.92 (repeatable): each rate a positive number, each
// currency once and never the budgets' own.
std::map<std::string, double> parse_exchange_rates(const std::vector<std::string>& args,
                                                   const std::string& budget_currency) {
    std::map<std::string, double> rates;
    for (const std::string& arg : args) {
        std::stringstream items(arg);
        std::string item;
        while (std::getline(items, item, ',')) {
            const size_t equals = item.find('=');
            const std::string code = item.substr(0, std::min(equals, item.size()));
            if (equals == std::string::npos || !is_currency_code(code)) {
                throw usage_error("--fx '" + item +
                                  "': expected CODE=RATE, such as GBP=1.17 (a three-letter ISO 4217 code)");
            }
            const std::string text = item.substr(equals + 1);
            char* end = nullptr;
            const double rate = text.empty() ? 0 : std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(rate) || rate <= 0) {
                throw usage_error("--fx " + item + ": the rate must be a positive number (one " + code + " in " +
                                  budget_currency + ")");
            }
            if (code == budget_currency) {
                throw usage_error("--fx " + item + ": " + code + " is the budgets' currency already");
            }
            if (!rates.emplace(code, rate).second) {
                throw usage_error("--fx: " + code + " is given twice");
            }
        }
    }
    return rates;
}

} // namespace

void add_portfolio_options(po::options_description& options, PortfolioArgs& values) {
    options.add_options()("summary", po::value(&values.summaries)->value_name("FILE"),
                          "write the portfolio summary: JSON, .csv, or .html (a page for the board); repeatable") //
        ("fail-on", po::value(&values.fail_on)->value_name("WHEN"),
         "exit 1 when any decision is: reject, conditions (anything but approve) or never (default)") //
        ("innovation-budget", po::value(&values.innovation_budget)->value_name("AMOUNT"),
         "fund proposals within this budget for their own costs") //
        ("security-budget", po::value(&values.security_budget)->value_name("AMOUNT"),
         "fund proposals within this budget for their mitigation plans") //
        ("budget-currency", po::value(&values.budget_currency)->value_name("CODE"),
         "the budgets' currency: only proposals in it are funded (default: the portfolio's, if it has one)") //
        ("fx", po::value(&values.exchange_rates)->composing()->value_name("CODE=RATE,..."),
         "what one unit of another currency is worth in the budgets' currency, e.g. GBP=1.17,USD=0.92: "
         "proposals in it are funded too, converted");
}

PortfolioOptions portfolio_options(const po::variables_map& vm, const PortfolioArgs& args) {
    if (args.fail_on != "never" && args.fail_on != "reject" && args.fail_on != "conditions") {
        throw usage_error("--fail-on " + args.fail_on + ": expected reject, conditions or never");
    }
    PortfolioOptions options;
    if (vm.count("innovation-budget")) {
        if (args.innovation_budget < 0) {
            throw usage_error("--innovation-budget: expected a non-negative amount");
        }
        options.innovation_budget = args.innovation_budget;
    }
    if (vm.count("security-budget")) {
        if (args.security_budget < 0) {
            throw usage_error("--security-budget: expected a non-negative amount");
        }
        options.security_budget = args.security_budget;
    }
    if (vm.count("budget-currency")) {
        if (!is_currency_code(args.budget_currency)) {
            throw usage_error("--budget-currency " + args.budget_currency +
                              ": expected a three-letter ISO 4217 code such as EUR");
        }
        if (!options.innovation_budget && !options.security_budget) {
            throw usage_error("--budget-currency: give --innovation-budget or --security-budget as well");
        }
        options.budget_currency = args.budget_currency;
    }
    if (!args.exchange_rates.empty()) {
        if (args.budget_currency.empty()) {
            throw usage_error("--fx: name the budgets' currency with --budget-currency; the rates convert into it");
        }
        options.exchange_rates = parse_exchange_rates(args.exchange_rates, args.budget_currency);
    }
    for (const auto& summary : args.summaries) {
        options.keep_entries = options.keep_entries || boost::filesystem::path(summary).extension() == ".html";
    }
    return options;
}

void check_summaries(const std::vector<std::string>& summaries, const std::string& output,
                     const std::vector<std::string>& inputs) {
    std::vector<std::string> seen;
    for (const auto& summary : summaries) {
        if (std::find(seen.begin(), seen.end(), summary) != seen.end()) {
            throw usage_error("--summary " + summary + ": given twice");
        }
        seen.push_back(summary);
        if (!output.empty() && output == summary && summary != "-") {
            throw usage_error("--summary " + summary + ": it is also the -o file of the records");
        }
        refuse_overwriting_inputs(summary, inputs, "--summary");
        check_writable(summary, "--summary");
    }
}

void report_gate(const std::string& fail_on, uint64_t count, const std::vector<std::string>& shown) {
    std::cerr << "fulcrum: --fail-on " << fail_on << ": " << count << " proposal(s) "
              << (fail_on == "reject" ? "rejected" : "not approved outright") << ":\n";
    for (const auto& line : shown) {
        std::cerr << "fulcrum:   " << line << "\n";
    }
    if (count > shown.size()) {
        std::cerr << "fulcrum:   and " << count - shown.size() << " more\n";
    }
}

int records_exit_code(const BatchStats& stats, const std::string& fail_on) {
    if (stats.invalid > 0) {
        std::cerr << "fulcrum: " << stats.invalid << " invalid proposal(s); see their error records\n";
        return k_exit_invalid_input;
    }
    if (stats.incomplete > 0) {
        std::cerr << "fulcrum: " << stats.incomplete << " review(s) incomplete: a plugin failed\n";
        return k_exit_plugin_failed;
    }
    const bool rejects = fail_on == "reject" && stats.rejected > 0;
    const bool conditions = fail_on == "conditions" && stats.not_approved > 0;
    if (!rejects && !conditions) {
        return k_exit_ok;
    }
    report_gate(fail_on, rejects ? stats.rejected : stats.not_approved,
                rejects ? stats.rejected_shown : stats.not_approved_shown);
    return k_exit_gate_failed;
}

} // namespace fulcrum
