// fulcrum portfolio: the portfolio summary of batch records already written
// (the shards of one batch run on several machines, or one run's output),
// without reviewing anything again.
#include "batch/merge.hpp"
#include "batch/record.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/portfolio_options.hpp"
#include "util/error.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <iostream>
#include <optional>
#include <unistd.h>

namespace fulcrum {

namespace po = boost::program_options;

namespace {

const char* const k_usage = "Usage: fulcrum portfolio RECORDS... [options]\n\n"
                            "Makes the portfolio summary of records fulcrum batch wrote, without reviewing again:\n"
                            "the shards of one batch (--shard K/N on several machines) become one portfolio, with\n"
                            "one ranking, one funding plan and one --fail-on gate. RECORDS are the -o files of\n"
                            "the runs, or - for standard input. Every record must be there exactly once: records\n"
                            "that cannot be read, that appear twice, or indices with no record are each named, and\n"
                            "no summary is written (exit 3). Without --summary, the JSON summary goes to standard\n"
                            "output. With -o FILE, the records themselves are written to FILE in the batch's order:\n"
                            "the shards made one file, as the unsharded batch writes it.\n\n";

} // namespace

int run_portfolio_command(const std::vector<std::string>& args) {
    PortfolioArgs portfolio_args;
    std::vector<std::string> inputs;
    bool quiet = false;
    bool independent = false;
    std::string output;
    po::options_description described("Options");
    described.add_options()("help,h", "show this help") //
        ("output,o", po::value(&output)->value_name("FILE"),
         "also write the records, merged in index order (independent batches' numbered anew), to FILE; only when "
         "every record is there once") //
        ("independent", po::bool_switch(&independent),
         "the files are separate batches (e.g. Spark partitions piped through fulcrum batch -), not shards of one: "
         "each file's indices are checked on their own") //
        ("quiet,q", po::bool_switch(&quiet), "no progress line");
    add_portfolio_options(described, portfolio_args);
    po::options_description hidden;
    hidden.add_options()("records", po::value(&inputs));
    po::options_description all;
    all.add(described).add(hidden);
    po::positional_options_description positional;
    positional.add("records", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error(std::string("portfolio: ") + e.what() + " (see fulcrum portfolio --help)");
    }
    if (vm.count("help")) {
        std::cout << k_usage << described
                  << "\nExit codes: 0 done, 1 gate failed, 2 usage, 3 a record unreadable, doubled or\n"
                     "missing, or some proposal invalid, 4 some review incomplete.\n";
        return k_exit_ok;
    }
    if (inputs.empty()) {
        throw usage_error("portfolio: no records given: name the -o files of fulcrum batch (see fulcrum portfolio "
                          "--help)");
    }
    const PortfolioOptions options = portfolio_options(vm, portfolio_args);
    std::vector<std::string> summaries = portfolio_args.summaries;
    if (summaries.empty()) {
        summaries.push_back("-");
    }
    if (output == "-" && std::find(summaries.begin(), summaries.end(), "-") != summaries.end()) {
        throw usage_error("-o -: the summary goes to standard output already; name a --summary file, or -o FILE");
    }
    check_summaries(summaries, output, inputs);
    std::optional<RecordSink> records;
    if (!output.empty()) {
        refuse_overwriting_inputs(output, inputs);
        refuse_overwriting_inputs(RecordSink::partial_path(output), inputs); // where they are written first
        check_writable(output, "-o");
        records.emplace(output, false); // never over an interrupted batch's FILE.partial
    }

    Portfolio portfolio(options);
    Progress progress(!quiet && ::isatty(STDERR_FILENO), std::nullopt, 0, "records read");
    MergeResult merged;
    try {
        merged = merge_records(inputs, independent, portfolio, progress, records ? &*records : nullptr);
    } catch (...) {
        if (records) {
            records->discard(); // a file that could not be read: no half-merged FILE.partial left behind
        }
        throw;
    }
    if (merged.problem_count > 0) {
        for (const auto& problem : merged.problems) {
            std::cerr << "fulcrum: error: " << problem << "\n";
        }
        if (merged.problem_count > merged.problems.size()) {
            std::cerr << "fulcrum: error: and " << merged.problem_count - merged.problems.size() << " more\n";
        }
        std::string outcome = "no summary written";
        if (records) {
            outcome = records->discard() ? "no summary written (the records read went to " + output + " as they came)"
                                         : "no summary and no records written";
        }
        std::cerr << "fulcrum: " << outcome << ": the records are not one whole portfolio (" << merged.problem_count
                  << " problem(s) above)\n";
        return k_exit_invalid_input;
    }
    if (merged.stats.records == 0) {
        std::cerr << "fulcrum: warning: no records in " << (inputs.size() == 1 ? inputs[0] : "the files given") << "\n";
    }
    if (records) {
        records->commit();
    }
    write_summaries(summaries, portfolio);
    return records_exit_code(merged.stats, portfolio_args.fail_on);
}

} // namespace fulcrum
