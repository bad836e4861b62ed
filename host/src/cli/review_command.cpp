#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/session.hpp"
#include "report/json_report.hpp"
#include "report/markdown_report.hpp"
#include "review/reviewer.hpp"
#include "util/error.hpp"

#include <boost/program_options.hpp>

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

} // namespace

int run_review(const std::vector<std::string>& args) {
    SessionOptions session_options;
    std::vector<std::string> files;
    std::string format = "json";
    std::string output;
    std::string fail_on = "never";
    po::options_description options("Options");
    options.add_options()("help,h", "show this help")                                                    //
        ("format,f", po::value(&format)->value_name("FORMAT"), "json (default) or markdown")             //
        ("output,o", po::value(&output)->value_name("FILE"), "write to FILE instead of standard output") //
        ("fail-on", po::value(&fail_on)->value_name("WHEN"),
         "exit 1 when any decision is: reject, conditions (anything but approve) or never (default)");
    add_session_options(options, session_options);
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
    if (format != "json" && format != "markdown" && format != "md") {
        throw usage_error("--format " + format + ": expected json or markdown");
    }
    const Gate gate = parse_gate(fail_on);

    Session session = open_session(session_options);
    Reviewer reviewer(session.plugins, session.policy);
    int exit_code = k_exit_ok;
    bool gate_failed = false;
    bool plugin_failed = false;
    nlohmann::ordered_json reviews = nlohmann::ordered_json::array();
    std::string markdown;
    for (const auto& file : files) {
        Proposal proposal;
        try {
            proposal = load_proposal(file);
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
        gate_failed = gate_failed || gate_fails(gate, review.decision);
        if (format == "json") {
            reviews.push_back(review_to_json(review));
        } else {
            markdown += (markdown.empty() ? "" : "\n---\n\n") + review_to_markdown(review);
        }
    }
    if (format == "json") {
        if (!reviews.empty()) {
            write_output(output, (reviews.size() == 1 ? reviews[0] : reviews).dump(2) + "\n");
        }
    } else if (!markdown.empty()) {
        write_output(output, markdown);
    }
    if (exit_code != k_exit_ok) {
        return exit_code;
    }
    if (plugin_failed) {
        return k_exit_plugin_failed;
    }
    return gate_failed ? k_exit_gate_failed : k_exit_ok;
}

} // namespace fulcrum
