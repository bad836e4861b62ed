// Times the plugins alone: loads plugin libraries by path, parses a JSON Lines
// file of proposals once, then hands every proposal to every plugin through
// evaluate_findings, as the host does in process (only for proposals with a
// technology of the plugin's categories), and prints the time each plugin took
// a call and how many findings it returned. The file is reviewed several
// times over (--passes, 5 by default) and each plugin's fastest pass counts,
// since these machines are shared and noisy.
//
//     fulcrum_bench_plugins [--passes N] PROPOSALS.jsonl PLUGIN.so [PLUGIN.so ...]
//
// The host loads verified copies of the libraries from memory, which carry
// no symbols for Valgrind or perf; this program loads them by path, so
//
//     valgrind --tool=callgrind fulcrum_bench_plugins FILE build/bench/lib/fulcrum/plugins/*.so
//
// names every function inside them (docs/performance.md). It is a benchmark,
// not a test: it checks nothing a test does not check already.
#include "fulcrum/plugin.h"
#include "fulcrum/tree_abi.hpp"

#include <nlohmann/json.hpp>

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Loaded {
    std::string path;
    const fulcrum_plugin_api* api = nullptr;
    fulcrum_instance* instance = nullptr;
    std::vector<std::string> categories;
    size_t calls = 0;    // a pass
    size_t findings = 0; // a pass
    double seconds = 0;  // the fastest pass

    // The host calls a plugin only for proposals with a technology of one of
    // its categories; so does this program.
    bool handles(const json& proposal) const {
        for (const json& technology : proposal.value("technologies", json::array())) {
            const std::string category = technology.value("category", "");
            if (std::find(categories.begin(), categories.end(), category) != categories.end()) {
                return true;
            }
        }
        return false;
    }
};

bool load(Loaded& plugin) {
    void* handle = dlopen(plugin.path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        std::fprintf(stderr, "%s: %s\n", plugin.path.c_str(), dlerror());
        return false;
    }
    auto entry = reinterpret_cast<fulcrum_plugin_entry_fn>(dlsym(handle, "fulcrum_plugin_entry"));
    plugin.api = entry != nullptr ? entry() : nullptr;
    if (plugin.api == nullptr || plugin.api->struct_size < sizeof(fulcrum_plugin_api) ||
        plugin.api->evaluate_findings == nullptr || plugin.api->tree_abi == nullptr ||
        std::string(plugin.api->tree_abi()) != fulcrum::tree_abi::identity()) {
        std::fprintf(stderr, "%s: no evaluate_findings this program can call\n", plugin.path.c_str());
        return false;
    }
    plugin.categories = json::parse(plugin.api->manifest()).value("categories", std::vector<std::string>{});
    if (plugin.api->create("{}", &plugin.instance) != FULCRUM_OK) {
        std::fprintf(stderr, "%s: create failed\n", plugin.path.c_str());
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    int first = 1;
    int passes = 5;
    if (argc > 2 && std::string(argv[1]) == "--passes") {
        passes = std::max(1, std::atoi(argv[2]));
        first = 3;
    }
    if (argc - first < 2) {
        std::fprintf(stderr, "usage: %s [--passes N] PROPOSALS.jsonl PLUGIN.so [PLUGIN.so ...]\n", argv[0]);
        return 2;
    }
    std::vector<json> proposals;
    std::ifstream in(argv[first]);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
            proposals.push_back(json::parse(line));
        }
    }
    if (proposals.empty()) {
        std::fprintf(stderr, "%s: no proposals\n", argv[first]);
        return 2;
    }
    std::vector<Loaded> plugins;
    for (int i = first + 1; i < argc; ++i) {
        plugins.emplace_back();
        plugins.back().path = argv[i];
        if (!load(plugins.back())) {
            return 1;
        }
    }
    for (int pass = 0; pass < passes; ++pass) {
        for (Loaded& plugin : plugins) {
            plugin.calls = plugin.findings = 0;
            double seconds = 0;
            for (const json& proposal : proposals) {
                if (!plugin.handles(proposal)) {
                    continue;
                }
                ++plugin.calls;
                fulcrum::sdk::findings::Contribution contribution;
                const auto start = Clock::now();
                const fulcrum_status status = plugin.api->evaluate_findings(plugin.instance, &proposal, &contribution);
                seconds += std::chrono::duration<double>(Clock::now() - start).count();
                if (status != FULCRUM_OK) {
                    std::fprintf(stderr, "%s: evaluate_findings failed (%d)\n", plugin.path.c_str(), int(status));
                    return 1;
                }
                plugin.findings +=
                    contribution.risks.size() + contribution.benefits.size() + contribution.questions.size();
            }
            plugin.seconds = pass == 0 ? seconds : std::min(plugin.seconds, seconds);
        }
    }
    std::printf("%zu proposals, fastest of %d passes\n", proposals.size(), passes);
    double total = 0;
    for (const Loaded& plugin : plugins) {
        total += plugin.seconds;
        std::printf("%-40s %6zu calls, %8.2f us a call, %6.2f findings a call\n", plugin.path.c_str(), plugin.calls,
                    plugin.calls ? plugin.seconds * 1e6 / double(plugin.calls) : 0.0,
                    plugin.calls ? double(plugin.findings) / double(plugin.calls) : 0.0);
        plugin.api->destroy(plugin.instance);
    }
    std::printf("all plugins: %.2f us a proposal\n", total * 1e6 / double(proposals.size()));
    return 0;
}
