#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/portfolio_options.hpp"
#include "cli/session.hpp"
#include "proposal/document.hpp"
#include "report/render.hpp"
#include "review/reviewer.hpp"
#include "util/error.hpp"

#include <boost/program_options.hpp>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

namespace fulcrum {

namespace po = boost::program_options;

namespace {

const char* const k_usage = "Usage: fulcrum review FILE... [options]\n\n"
                            "Reviews technology-adoption proposals (JSON or YAML) from the CIO's and the\n"
                            "CISO's side and prints one unified review per proposal.\n\n";

enum class Gate { never, reject, conditions };

Gate parse_gate(const std::string& text) {
    if (text == "never") {
        return Gate::never;
    }
    if (text == "reject") {
        return Gate::reject;
    }
    if (text == "conditions") {
        return Gate::conditions;
    }
    throw usage_error("--fail-on " + text + ": expected reject, conditions or never");
}

bool gate_fails(Gate gate, Decision decision) {
    switch (gate) {
    case Gate::never:
        return false;
    case Gate::reject:
        return decision == Decision::reject;
    case Gate::conditions:
        return decision != Decision::approve;
    }
    return false;
}

// Where each -o FILE goes and in which format (docs/reports.md): an extension
// that names a format decides, anything else takes --format.
std::vector<std::pair<ReportFormat, std::string>> output_targets(const std::string& format,
                                                                 const std::vector<std::string>& outputs) {
    const auto chosen = format_from_name(format);
    if (!chosen) {
        throw usage_error("--format " + format + ": expected " + format_names());
    }
    std::vector<std::pair<ReportFormat, std::string>> targets;
    for (const auto& path : outputs) {
        targets.emplace_back(path == "-" ? *chosen : format_from_path(path).value_or(*chosen), path);
    }
    if (targets.empty()) {
        targets.emplace_back(*chosen, "");
    }
    return targets;
}

// What SARIF and OSCAL need besides the reviews; SOURCE_DATE_EPOCH fixes the time.
ReportContext report_context(const Session& session) {
    ReportContext context;
    for (const auto& plugin : session.plugins.loaded) {
        for (auto rule : plugin->manifest().rules) {
            rule["plugin"] = plugin->manifest().id;
            context.rules.push_back(std::move(rule));
        }
    }
    std::error_code ignored;
    context.base_dir = std::filesystem::current_path(ignored).string();
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    context.timestamp = rfc3339_utc(epoch && *epoch ? std::atoll(epoch) : static_cast<long long>(std::time(nullptr)));
    return context;
}

} // namespace

int run_review(const std::vector<std::string>& args) {
    SessionOptions session_options;
    std::vector<std::string> files;
    std::string format = "json";
    std::vector<std::string> outputs;
    std::string fail_on = "never";
    std::string iterations = std::to_string(quant::k_default_iterations); // docs/quantification.md
    std::string seed = std::to_string(quant::k_default_seed);
    po::options_description options("Options");
    options.add_options()("help,h", "show this help")                                                            //
        ("format,f", po::value(&format)->value_name("FORMAT"), "json (default), markdown, html, sarif or oscal") //
        ("output,o", po::value(&outputs)->value_name("FILE"),
         "write to FILE instead of standard output; repeatable, each in the format its extension names (.md "
         ".html .sarif .sarif.json .oscal.json; any other name, plain .json too, takes --format)") //
        ("fail-on", po::value(&fail_on)->value_name("WHEN"),
         "exit 1 when any decision is: reject, conditions (anything but approve) or never (default)");
    add_session_options(options, session_options);
    options.add_options()("iterations", po::value(&iterations)->value_name("N"),
                          "simulated years behind the loss and value figures (default 10000)")         //
        ("seed", po::value(&seed)->value_name("N"), "random seed of the simulation; fixed by default") //
        ("no-quant", "skip quantification: no loss exposure, net value or budget-fitted plan");
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
        throw usage_error(std::string("review: ") + e.what() + " (see fulcrum review --help)");
    }
    if (vm.count("help")) {
        std::cout << k_usage << options << "\nExit codes: 0 done, 1 gate failed, 2 usage, 3 invalid input,\n"
                  << "4 a plugin failed.\n";
        return k_exit_ok;
    }
    if (files.empty()) {
        throw usage_error("review: no proposal given (see fulcrum review --help)");
    }
    const auto targets = output_targets(format, outputs);
    const Gate gate = parse_gate(fail_on);
    for (const auto& [target_format, output] : targets) {
        refuse_overwriting_inputs(output, files);
        refuse_overwriting_inputs(output, {session_options.config});
        check_writable(output, "-o");
    }
    quant::QuantOptions quant_options;
    quant_options.enabled = vm.count("no-quant") == 0;
    quant_options.iterations = quant::iterations_from_text(iterations);
    quant_options.seed = quant::seed_from_text(seed);

    Session session = open_session(session_options);
    Reviewer reviewer(session.plugins, session.policy);
    reviewer.set_quant(quant_options);
    int exit_code = k_exit_ok;
    std::vector<std::string> stopped; // by the gate: "id (file): decision"
    bool plugin_failed = false;
    std::vector<Review> reviews;
    ReportContext context = report_context(session);
    for (const auto& file : files) {
        Proposal proposal;
        try {
            proposal = load_proposal(file, session.policy.limits);
        } catch (const Error& e) {
            std::cerr << "fulcrum: error: " << e.what() << "\n";
            exit_code = k_exit_invalid_input;
            continue;
        }
        for (const auto& w : proposal.warnings) {
            warn(file + ": " + w);
        }
        const Review review = reviewer.review(proposal);
        plugin_failed = plugin_failed || !review.complete;
        if (gate_fails(gate, review.decision)) {
            stopped.push_back(review.proposal_id + " (" + file + "): " + to_string(review.decision));
        }
        reviews.push_back(review);
        try { // SARIF locates findings by line; the text was readable a moment ago
            context.sources[file] = SourceMap::from_text(read_file(file), syntax_for_path(file));
        } catch (const Error&) {
        }
    }
    for (const auto& [target_format, output] : targets) {
        if (!reviews.empty()) {
            write_output(output, render_reviews(target_format, reviews, context));
        }
    }
    if (exit_code != k_exit_ok) {
        return exit_code;
    }
    if (plugin_failed) {
        return k_exit_plugin_failed;
    }
    if (stopped.empty()) {
        return k_exit_ok;
    }
    report_gate(fail_on, stopped.size(), stopped);
    return k_exit_gate_failed;
}

} // namespace fulcrum
