#include "cli/plugins_check.hpp"

#include "cli/locations.hpp"
#include "cli/output.hpp"
#include "cli/session.hpp"
#include "plugin/conformance.hpp"
#include "plugin/isolated_settings.hpp"
#include "proposal/proposal.hpp"
#include "util/error.hpp"

#include <boost/filesystem.hpp>
#include <boost/program_options.hpp>

#include <algorithm>
#include <iostream>
#include <sstream>

namespace fulcrum {

namespace po = boost::program_options;
namespace fs = boost::filesystem;

namespace {

const char* const k_usage = "Usage: fulcrum plugins check FILE [options]\n\n"
                            "Runs a plugin in a worker process against the example proposals, generated ones,\n"
                            "extreme ones and malformed ones, and reports each check: loads, abi, manifest,\n"
                            "contributions, deterministic, thread_safety, bad_input, extreme, quiet, latency.\n"
                            "Exit 0 when every check passes, 4 when one fails, 2 on a usage error.\n\n";

// Proposal files in `dir` (not recursive), sorted; each must be valid.
void add_examples(const std::string& dir, std::vector<ConformanceProposal>& out) {
    std::vector<std::string> files;
    boost::system::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string ext = it->path().extension().string();
        if (fs::is_regular_file(it->path()) && (ext == ".json" || ext == ".yaml" || ext == ".yml")) {
            files.push_back(it->path().string());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        const Proposal p = load_proposal(file);
        out.push_back({fs::path(file).filename().string(), p.doc.dump()});
    }
}

std::string text_report(const ConformanceReport& report) {
    std::ostringstream out;
    out << "fulcrum plugins check " << report.path << "\n";
    if (report.manifest) {
        out << "  plugin  " << report.manifest->id << " " << report.manifest->version << " (" << report.manifest->vendor
            << ")\n";
    }
    if (!report.sha256.empty()) {
        out << "  sha256  " << report.sha256 << "\n";
    }
    size_t failed = 0;
    for (const auto& c : report.checks) {
        std::string status = to_string(c.status);
        std::transform(status.begin(), status.end(), status.begin(), ::toupper);
        failed += c.status == CheckStatus::fail ? 1 : 0;
        out << "  " << status << "  " << c.name << std::string(c.name.size() < 14 ? 14 - c.name.size() : 1, ' ')
            << c.detail << "\n";
    }
    out << (failed == 0 ? "result: PASS\n"
                        : "result: FAIL (" + std::to_string(failed) + " of " + std::to_string(report.checks.size()) +
                              " checks failed)\n");
    return out.str();
}

} // namespace

int run_plugins_check(const std::vector<std::string>& args) {
    SessionOptions session_options;
    std::vector<std::string> files;
    std::vector<std::string> proposal_dirs;
    std::string format = "text";
    double timeout = 5;
    int memory_mb = 1024;
    double max_latency_ms = 1000;
    int threads = 4;
    po::options_description options("Options");
    options.add_options()("help,h", "show this help") //
        ("config", po::value(&session_options.config)->value_name("FILE"),
         "policy whose plugins.settings configure the plugin") //
        ("proposals", po::value(&proposal_dirs)->value_name("DIR")->composing(),
         "also use the proposal files in DIR (repeatable; default: the installed examples)")                //
        ("timeout", po::value(&timeout)->value_name("SECONDS"), "time limit per call (default 5)")          //
        ("memory-mb", po::value(&memory_mb)->value_name("MB"), "memory limit of the worker (default 1024)") //
        ("max-latency-ms", po::value(&max_latency_ms)->value_name("MS"),
         "the latency check fails above this 95th percentile (default 1000)")                                         //
        ("threads", po::value(&threads)->value_name("N"), "concurrent calls for the thread-safety check (default 4)") //
        ("format,f", po::value(&format)->value_name("FORMAT"), "text (default) or json");
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
        throw usage_error(std::string("plugins check: ") + e.what() + " (see fulcrum plugins check --help)");
    }
    if (vm.count("help")) {
        std::cout << k_usage << options;
        return k_exit_ok;
    }
    if (files.size() != 1) {
        throw usage_error("plugins check: expected one plugin file (see fulcrum plugins check --help)");
    }
    if (format != "text" && format != "json") {
        throw usage_error("--format " + format + ": expected text or json");
    }
    if (!(timeout > 0 && timeout <= 3600) || memory_mb < 64 || !(max_latency_ms > 0) || threads < 1 || threads > 16) {
        throw usage_error("plugins check: --timeout must be in (0, 3600], --memory-mb at least 64, "
                          "--max-latency-ms above 0 and --threads from 1 to 16");
    }
    if (!fs::is_regular_file(files[0])) {
        throw usage_error(files[0] + ": no such file");
    }
    const Locations where = locate_installation();
    ConformanceOptions conformance;
    conformance.worker_program = worker_program(where.prefix);
    conformance.settings = open_policy(session_options).plugin_settings;
    conformance.limits.timeout_seconds = timeout;
    conformance.limits.memory_mb = memory_mb;
    conformance.max_p95_ms = max_latency_ms;
    conformance.threads = threads;
    if (proposal_dirs.empty()) {
        const std::string installed = where.config_dir + "/examples/proposals";
        if (fs::is_directory(installed)) {
            proposal_dirs.push_back(installed);
        }
    }
    for (const auto& dir : proposal_dirs) {
        if (!fs::is_directory(dir)) {
            throw usage_error("--proposals " + dir + ": no such directory");
        }
        add_examples(dir, conformance.examples);
    }
    const ConformanceReport report = check_plugin(files[0], conformance);
    write_output("-", format == "json" ? report.to_json().dump(2) + "\n" : text_report(report));
    return report.passed() ? k_exit_ok : k_exit_plugin_failed;
}

} // namespace fulcrum
