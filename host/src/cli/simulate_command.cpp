// fulcrum simulate FILE: the FAIR engine on a standalone scenario file, for
// risk analysts who want the numbers without a proposal or plugins.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "quant/quant_json.hpp"
#include "quant/quantify.hpp"
#include "quant/scenario_run.hpp"
#include "util/error.hpp"
#include "util/format.hpp"

#include <boost/program_options.hpp>

#include <iostream>
#include <sstream>
#include <thread>

namespace fulcrum {

namespace po = boost::program_options;

namespace {

const char* const k_usage = "Usage: fulcrum simulate FILE [options]\n\n"
                            "Simulates the annual loss of the loss scenarios in FILE (JSON, or CSV with one\n"
                            "scenario a line: name, frequency low, likely, high, magnitude low, likely, high,\n"
                            "and optionally secondary probability, low, likely, high). docs/quantification.md\n"
                            "explains the model and both formats.\n\n";

std::string csv_row(const std::string& name, double expected, const quant::LossSummary& s) {
    std::ostringstream row;
    row.precision(12);
    row << csv_field(name) << ',' << expected << ',' << s.mean << ',' << s.sd << ',' << s.p10 << ',' << s.p50 << ','
        << s.p90 << ',' << s.p95 << ',' << s.p99 << ',' << s.probability_of_loss << '\n';
    return row.str();
}

std::string to_csv(const quant::ScenarioSet& set, const quant::ScenarioReport& report) {
    std::string out = "name,expected_annual_loss,mean,sd,p10,p50,p90,p95,p99,probability_of_loss\n";
    for (std::size_t k = 0; k < set.scenarios.size(); ++k) {
        out += csv_row(set.scenarios[k].name, report.outcomes[k].expected, report.outcomes[k].loss);
    }
    return out + csv_row("(all scenarios)", report.expected_total, report.total);
}

nlohmann::ordered_json to_json(const std::string& file, const quant::ScenarioSet& set,
                               const quant::ScenarioReport& report) {
    nlohmann::ordered_json out;
    out["schema"] = "fulcrum/simulation@1";
    out["source"] = file;
    if (!set.id.empty()) {
        out["id"] = set.id;
    }
    if (!set.currency.empty()) {
        out["currency"] = set.currency;
    }
    out["iterations"] = report.iterations;
    out["seed"] = report.seed;
    nlohmann::ordered_json scenarios = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < set.scenarios.size(); ++k) {
        scenarios.push_back({{"name", set.scenarios[k].name},
                             {"inputs", quant::to_json(set.scenarios[k])},
                             {"expected_annual_loss", quant::round_money(report.outcomes[k].expected)},
                             {"annual_loss", quant::to_json(report.outcomes[k].loss)}});
    }
    out["scenarios"] = std::move(scenarios);
    out["total"] = {{"expected_annual_loss", quant::round_money(report.expected_total)},
                    {"annual_loss", quant::to_json(report.total)}};
    return out;
}

} // namespace

int run_simulate(const std::vector<std::string>& args) {
    std::vector<std::string> files;
    std::string format = "json";
    std::string output;
    std::string iterations = std::to_string(quant::k_default_iterations);
    std::string seed = std::to_string(quant::k_default_seed);
    unsigned threads = 1;
    po::options_description options("Options");
    options.add_options()("help,h", "show this help")                                                    //
        ("format,f", po::value(&format)->value_name("FORMAT"), "json (default) or csv")                  //
        ("output,o", po::value(&output)->value_name("FILE"), "write to FILE instead of standard output") //
        ("iterations,n", po::value(&iterations)->value_name("N"), "simulated years (default 10000)")     //
        ("seed", po::value(&seed)->value_name("N"), "random seed; the same seed gives the same numbers") //
        ("threads", po::value(&threads)->value_name("N"),
         "threads to simulate with, 0 for one per core (default 1); results do not depend on it");
    po::options_description hidden;
    hidden.add_options()("file", po::value(&files));
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("file", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error(std::string("simulate: ") + e.what() + " (see fulcrum simulate --help)");
    }
    if (vm.count("help")) {
        std::cout << k_usage << options << "\nExit codes: 0 done, 2 usage error, 3 invalid scenario file.\n";
        return k_exit_ok;
    }
    if (files.size() != 1) {
        throw usage_error("simulate: expected one scenario file (see fulcrum simulate --help)");
    }
    if (format != "json" && format != "csv") {
        throw usage_error("--format " + format + ": expected json or csv");
    }
    const std::uint64_t n = quant::iterations_from_text(iterations);
    const std::uint64_t s = quant::seed_from_text(seed);
    if (threads == 0) {
        threads = std::max(1u, std::thread::hardware_concurrency());
    }
    refuse_overwriting_inputs(output, files);
    const quant::ScenarioSet set = quant::load_scenarios(files[0]);
    const quant::ScenarioReport report = quant::run_scenarios(set, n, s, threads);
    write_output(output, format == "csv" ? to_csv(set, report) : to_json(files[0], set, report).dump(2) + "\n");
    return k_exit_ok;
}

} // namespace fulcrum
