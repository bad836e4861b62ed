// fulcrum: reviews technology-adoption proposals from the CIO's and the CISO's
// side at once. This file only dispatches; each command lives in its own file.
#include "cli/commands.hpp"
#include "util/error.hpp"

#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>

#ifdef FULCRUM_WITH_MIMALLOC
#include <mimalloc.h>
#endif

#ifndef FULCRUM_VERSION
#define FULCRUM_VERSION "0.0.0"
#endif

namespace {

const char* const k_help = "fulcrum " FULCRUM_VERSION " - joint CIO/CISO review of technology-adoption proposals\n\n"
                           "Usage: fulcrum COMMAND [ARGS...]\n\n"
                           "Commands:\n"
                           "  review FILE...    review proposals (JSON or YAML)\n"
                           "  batch INPUT...    review a portfolio: many files, folders or JSON Lines\n"
                           "  portfolio RECORDS...  one portfolio summary from batch records (e.g. shards)\n"
                           "  plugins list      list the plugins fulcrum loads, how each is trusted and runs\n"
                           "  plugins check FILE   run the conformance kit on a plugin (isolated)\n"
                           "  plugins keygen|sign|verify   sign plugins; check one as fulcrum would\n"
                           "  rules             list every rule of the loaded plugins, with references\n"
                           "  simulate FILE     simulate the annual loss of standalone FAIR scenarios\n\n"
                           "Options:\n"
                           "  -h, --help        show this help; COMMAND --help shows a command's\n"
                           "  --version         print the version\n\n"
                           "Exit codes: 0 done, 1 gate failed (--fail-on), 2 usage error,\n"
                           "3 invalid input, 4 a plugin failed, 130 interrupted.\n";

// mimalloc keeps freed pages for 100 ms before it gives them back; over a
// long batch they added a few MiB to the peak that a short one never reached.
// Given back at once, peak memory stays flat at no cost in time that the
// benchmark can see (docs/performance.md). MIMALLOC_RESET_DELAY (or
// MIMALLOC_DECOMMIT_DELAY) in the environment still decides.
void tune_allocator() {
#ifdef FULCRUM_WITH_MIMALLOC
    if (std::getenv("MIMALLOC_RESET_DELAY") == nullptr && std::getenv("MIMALLOC_DECOMMIT_DELAY") == nullptr) {
        mi_option_set(mi_option_decommit_delay, 0);
    }
#endif
}

} // namespace

int main(int argc, char** argv) {
    using namespace fulcrum;
    tune_allocator();
    const std::map<std::string, std::function<int(const std::vector<std::string>&)>> commands = {
        {"review", run_review},     {"plugins", run_plugins},     {"rules", run_rules},
        {"simulate", run_simulate}, {"batch", run_batch_command}, {"portfolio", run_portfolio_command},
    };
    if (argc < 2) {
        std::cerr << k_help;
        return k_exit_usage;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << k_help;
        return k_exit_ok;
    }
    if (command == "--version" || command == "version") {
        std::cout << "fulcrum " FULCRUM_VERSION "\n";
        return k_exit_ok;
    }
    auto it = commands.find(command);
    if (it == commands.end()) {
        std::cerr << "fulcrum: error: unknown command '" << command << "' (see fulcrum --help)\n";
        return k_exit_usage;
    }
    try {
        return it->second(std::vector<std::string>(argv + 2, argv + argc));
    } catch (const Error& e) {
        std::cerr << "fulcrum: error: " << e.what() << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "fulcrum: internal error: " << e.what() << "\n";
        return k_exit_usage;
    }
}
