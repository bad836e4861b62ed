#include "batch/runner.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/portfolio_options.hpp"
#include "cli/session.hpp"
#include "util/error.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>

namespace fulcrum {

namespace po = boost::program_options;

namespace {

const char* const k_usage = "Usage: fulcrum batch INPUT... [options]\n\n"
                            "Reviews many proposals: files, folders (recursively: .json, .yaml, .yml, .jsonl),\n"
                            "JSON Lines files (one proposal a line) or - for JSON Lines on standard input.\n"
                            "Writes one JSON Lines record per proposal, in input order unless --unordered.\n\n";

// A whole number written in digits alone (no sign, no spaces), from 1 to
// `max`; nothing otherwise.
std::optional<unsigned> count_from(const std::string& text, unsigned max) {
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    const unsigned long value = std::stoul(text);
    return value >= 1 && value <= max ? std::optional<unsigned>(static_cast<unsigned>(value)) : std::nullopt;
}

void parse_shard(const std::string& text, BatchOptions& options) {
    const size_t slash = text.find('/');
    const auto k = slash == std::string::npos ? std::nullopt : count_from(text.substr(0, slash), 1'000'000);
    const auto n = slash == std::string::npos ? std::nullopt : count_from(text.substr(slash + 1), 1'000'000);
    if (!k || !n || *k > *n) {
        throw usage_error("--shard " + text + ": expected K/N with 1 <= K <= N <= 1000000, e.g. 2/8");
    }
    options.shard = *k;
    options.shards = *n;
}

// Reviewers beyond the cores only wait their turn; each holds its share of
// the read-ahead window, so the count is bounded.
constexpr unsigned k_max_jobs = 1024;

unsigned jobs_from_text(const std::string& text) {
    const auto jobs = count_from(text, k_max_jobs);
    if (!jobs) {
        throw usage_error("--jobs " + text + ": expected a whole number from 1 to " + std::to_string(k_max_jobs));
    }
    return *jobs;
}

RecordContent record_content_from(const std::string& text) {
    if (text == "review") {
        return RecordContent::review;
    }
    if (text == "portfolio") {
        return RecordContent::portfolio;
    }
    throw usage_error("--record " + text + ": expected review or portfolio");
}

} // namespace

int run_batch_command(const std::vector<std::string>& args) {
    SessionOptions session_options;
    BatchOptions options;
    PortfolioArgs portfolio_args;
    std::string shard;
    bool quiet = false;
    bool unordered = false;
    bool quantify = false;
    std::string iterations;
    std::string jobs;
    std::string record = "review";
    po::options_description described("Options");
    described.add_options()("help,h", "show this help") //
        ("output,o", po::value(&options.output)->value_name("FILE"),
         "write records to FILE (atomically; default standard output)")                                           //
        ("jobs,j", po::value(&jobs)->value_name("N"), "review N proposals at once (default: all cores)")          //
        ("unordered", po::bool_switch(&unordered), "write records as they finish, not in input order")            //
        ("resume", po::bool_switch(&options.resume), "continue an interrupted batch writing to the same -o FILE") //
        ("record", po::value(&record)->value_name("KIND"),
         "what each record holds: review (default: the portfolio row and the whole review) or portfolio (the "
         "row alone, for fulcrum portfolio and --fail-on over large batches)")                                        //
        ("quiet,q", po::bool_switch(&quiet), "no progress line")                                                      //
        ("quant", po::bool_switch(&quantify), "add the FAIR Monte Carlo to every review (off by default in a batch)") //
        ("iterations", po::value(&iterations)->value_name("N"),
         "Monte Carlo iterations with --quant (default 10000)") //
        ("shard", po::value(&shard)->value_name("K/N"), "review only the K-th of N interleaved shards");
    add_portfolio_options(described, portfolio_args);
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
    options.jobs = vm.count("jobs") ? jobs_from_text(jobs) : std::max(1u, std::thread::hardware_concurrency());
    if (!shard.empty()) {
        parse_shard(shard, options);
    }
    options.portfolio = portfolio_options(vm, portfolio_args);
    options.summaries = portfolio_args.summaries;
    if (options.shards > 1 && (options.portfolio.innovation_budget || options.portfolio.security_budget)) {
        warn("--shard " + shard + " with a budget: this shard's funding plan spends the whole budget on its own " +
             "proposals; for the portfolio's, run fulcrum portfolio on every shard's records");
    }
    options.ordered = !unordered;
    options.record = record_content_from(record);
    options.progress = !quiet && ::isatty(STDERR_FILENO);

    refuse_overwriting_inputs(options.output, options.inputs);
    refuse_overwriting_inputs(options.output, {session_options.config});
    if (!options.resume) { // resuming, the file at -o is the partial one's to be
        check_writable(options.output, "-o");
    }
    std::vector<std::string> read = options.inputs;
    read.push_back(session_options.config);
    check_summaries(options.summaries, options.output, read);
    Session session = open_session(session_options);
    Reviewer reviewer(session.plugins, session.policy);
    quant::QuantOptions quant_options;
    quant_options.enabled = quantify;
    quant_options.keep_sketch = true; // for the summary's year-by-year portfolio loss, and the records
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
    return records_exit_code(stats, portfolio_args.fail_on);
}

} // namespace fulcrum
