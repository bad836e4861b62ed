#include "batch/runner.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/session.hpp"
#include "proposal/proposal.hpp"
#include "util/error.hpp"

#include <boost/filesystem.hpp>
#include <boost/program_options.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace fulcrum {

namespace po = boost::program_options;

namespace {

const char* const k_usage = "Usage: fulcrum batch INPUT... [options]\n\n"
                            "Reviews many proposals: files, folders (recursively: .json, .yaml, .yml, .jsonl),\n"
                            "JSON Lines files (one proposal a line) or - for JSON Lines on standard input.\n"
                            "Writes one JSON Lines record per proposal, in input order unless --unordered.\n\n";

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

// Each --summary is checked before any proposal is reviewed: a batch of
// hours should not end with its summary nowhere.
void check_summaries(const BatchOptions& options, const std::string& config) {
    std::vector<std::string> seen;
    for (const auto& summary : options.summaries) {
        if (std::find(seen.begin(), seen.end(), summary) != seen.end()) {
            throw usage_error("--summary " + summary + ": given twice");
        }
        seen.push_back(summary);
        if (!options.output.empty() && options.output == summary && summary != "-") {
            throw usage_error("--summary " + summary + ": it is also the -o file of the records");
        }
        refuse_overwriting_inputs(summary, options.inputs, "--summary");
        refuse_overwriting_inputs(summary, {config}, "--summary");
        check_writable(summary, "--summary");
    }
}

void parse_shard(const std::string& text, BatchOptions& options) {
    unsigned k = 0, n = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%u/%u%c", &k, &n, &tail) != 2 || n == 0 || k == 0 || k > n) {
        throw usage_error("--shard " + text + ": expected K/N with 1 <= K <= N, e.g. 2/8");
    }
    options.shard = k;
    options.shards = n;
}

} // namespace

int run_batch_command(const std::vector<std::string>& args) {
    SessionOptions session_options;
    BatchOptions options;
    std::string fail_on = "never";
    std::string shard;
    bool quiet = false;
    bool unordered = false;
    bool quantify = false;
    std::string iterations;
    double innovation_budget = -1;
    double security_budget = -1;
    std::string budget_currency;
    std::vector<std::string> exchange_rates;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    po::options_description described("Options");
    described.add_options()("help,h", "show this help") //
        ("output,o", po::value(&options.output)->value_name("FILE"),
         "write records to FILE (atomically; default standard output)") //
        ("summary", po::value(&options.summaries)->value_name("FILE"),
         "write the portfolio summary: JSON, .csv, or .html (a page for the board); repeatable")                      //
        ("jobs,j", po::value(&jobs)->value_name("N"), "review N proposals at once (default: all cores)")              //
        ("unordered", po::bool_switch(&unordered), "write records as they finish, not in input order")                //
        ("resume", po::bool_switch(&options.resume), "continue an interrupted batch writing to the same -o FILE")     //
        ("quiet,q", po::bool_switch(&quiet), "no progress line")                                                      //
        ("quant", po::bool_switch(&quantify), "add the FAIR Monte Carlo to every review (off by default in a batch)") //
        ("iterations", po::value(&iterations)->value_name("N"),
         "Monte Carlo iterations with --quant (default 10000)") //
        ("fail-on", po::value(&fail_on)->value_name("WHEN"),
         "exit 1 when any decision is: reject, conditions (anything but approve) or never (default)")   //
        ("shard", po::value(&shard)->value_name("K/N"), "review only the K-th of N interleaved shards") //
        ("innovation-budget", po::value(&innovation_budget)->value_name("AMOUNT"),
         "fund proposals within this budget for their own costs") //
        ("security-budget", po::value(&security_budget)->value_name("AMOUNT"),
         "fund proposals within this budget for their mitigation plans") //
        ("budget-currency", po::value(&budget_currency)->value_name("CODE"),
         "the budgets' currency: only proposals in it are funded (default: the portfolio's, if it has one)") //
        ("fx", po::value(&exchange_rates)->composing()->value_name("CODE=RATE,..."),
         "what one unit of another currency is worth in the budgets' currency, e.g. GBP=1.17,USD=0.92: "
         "proposals in it are funded too, converted");
    add_session_options(described, session_options);
    po::options_description hidden;
    hidden.add_options()("input", po::value(&options.inputs));
    po::options_description all;
    all.add(described).add(hidden);
    po::positional_options_description positional;
    positional.add("input", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error(std::string("batch: ") + e.what() + " (see fulcrum batch --help)");
    }
    if (vm.count("help")) {
        std::cout << k_usage << described
                  << "\nExit codes: 0 done, 1 gate failed, 2 usage, 3 some proposal invalid,\n"
                     "4 some plugin failed, 130 interrupted (continue with --resume).\n";
        return k_exit_ok;
    }
    if (options.inputs.empty()) {
        throw usage_error("batch: no input given (see fulcrum batch --help)");
    }
    if (fail_on != "never" && fail_on != "reject" && fail_on != "conditions") {
        throw usage_error("--fail-on " + fail_on + ": expected reject, conditions or never");
    }
    if (jobs == 0) {
        throw usage_error("--jobs 0: expected at least 1");
    }
    if (!shard.empty()) {
        parse_shard(shard, options);
    }
    if (vm.count("innovation-budget")) {
        if (innovation_budget < 0) {
            throw usage_error("--innovation-budget: expected a non-negative amount");
        }
        options.portfolio.innovation_budget = innovation_budget;
    }
    if (vm.count("security-budget")) {
        if (security_budget < 0) {
            throw usage_error("--security-budget: expected a non-negative amount");
        }
        options.portfolio.security_budget = security_budget;
    }
    if (vm.count("budget-currency")) {
        if (!is_currency_code(budget_currency)) {
            throw usage_error("--budget-currency " + budget_currency +
                              ": expected a three-letter ISO 4217 code such as EUR");
        }
        if (!options.portfolio.innovation_budget && !options.portfolio.security_budget) {
            throw usage_error("--budget-currency: give --innovation-budget or --security-budget as well");
        }
        options.portfolio.budget_currency = budget_currency;
    }
    if (!exchange_rates.empty()) {
        if (budget_currency.empty()) {
            throw usage_error("--fx: name the budgets' currency with --budget-currency; the rates convert into it");
        }
        options.portfolio.exchange_rates = parse_exchange_rates(exchange_rates, budget_currency);
    }
    for (const auto& summary : options.summaries) {
        options.portfolio.keep_entries =
            options.portfolio.keep_entries || boost::filesystem::path(summary).extension() == ".html";
    }
    options.jobs = jobs;
    options.ordered = !unordered;
    options.progress = !quiet && ::isatty(STDERR_FILENO);

    refuse_overwriting_inputs(options.output, options.inputs);
    refuse_overwriting_inputs(options.output, {session_options.config});
    if (!options.resume) { // resuming, the file at -o is the partial one's to be
        check_writable(options.output, "-o");
    }
    check_summaries(options, session_options.config);
    Session session = open_session(session_options);
    Reviewer reviewer(session.plugins, session.policy);
    quant::QuantOptions quant_options;
    quant_options.enabled = quantify;
    quant_options.keep_years = true; // the summary's per-iteration portfolio loss
    if (!iterations.empty()) {
        quant_options.iterations = quant::iterations_from_text(iterations);
    }
    reviewer.set_quant(quant_options);
    install_interrupt_handlers();
    const BatchStats stats = run_batch(options, reviewer);
    if (stats.interrupted) {
        std::cerr << "fulcrum: interrupted after " << stats.records + stats.resumed << " records";
        if (!options.output.empty() && options.output != "-") {
            std::cerr << "; continue with --resume -o " << options.output;
        }
        std::cerr << "\n";
        return k_exit_interrupted;
    }
    if (stats.invalid > 0) {
        std::cerr << "fulcrum: " << stats.invalid << " invalid proposal(s); see their error records\n";
        return k_exit_invalid_input;
    }
    if (stats.incomplete > 0) {
        std::cerr << "fulcrum: " << stats.incomplete << " review(s) incomplete: a plugin failed\n";
        return k_exit_plugin_failed;
    }
    const bool gate_failed =
        (fail_on == "reject" && stats.rejected > 0) || (fail_on == "conditions" && stats.not_approved > 0);
    return gate_failed ? k_exit_gate_failed : k_exit_ok;
}

} // namespace fulcrum
