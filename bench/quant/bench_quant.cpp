// Benchmark of the FAIR engine (not a test): simulates the scenarios of a CSV
// file, 100,000 years each by default, on one thread, and reports the time
// per million loss-event draws and the throughput. bench/quant/run.sh runs it
// next to the NumPy baseline and prints the ratio (docs/performance.md).
#include "quant/random.hpp"
#include "quant/scenario_file.hpp"
#include "quant/scenario_run.hpp"
#include "util/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>

namespace {

double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double wall_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

nlohmann::json summary(const fulcrum::quant::LossSummary& s, double expected) {
    return {{"mean", s.mean}, {"sd", s.sd}, {"p50", s.p50}, {"p90", s.p90}, {"p99", s.p99}, {"expected", expected}};
}

int usage() {
    std::cerr << "Usage: fulcrum_bench_quant [--scenarios CSV] [--iterations N] [--repeat N] [--seed N] "
                 "[--json FILE]\n";
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    using namespace fulcrum::quant;
    std::string scenarios = FULCRUM_BENCH_QUANT_DIR "/scenarios.csv";
    std::uint64_t iterations = 100000;
    int repeat = 5;
    std::uint64_t seed = k_default_seed;
    std::string json_path;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) {
            return usage();
        }
        const std::string value = argv[++i];
        if (arg == "--scenarios") {
            scenarios = value;
        } else if (arg == "--iterations") {
            iterations = std::strtoull(value.c_str(), nullptr, 10);
        } else if (arg == "--repeat") {
            repeat = std::max(1, std::atoi(value.c_str()));
        } else if (arg == "--seed") {
            seed = std::strtoull(value.c_str(), nullptr, 10);
        } else if (arg == "--json") {
            json_path = value;
        } else {
            return usage();
        }
    }
    try {
        const ScenarioSet set = load_scenarios(scenarios);
        run_scenarios(set, 1000, seed); // builds the quantile tables once, as any run would
        double best_cpu = 1e300;
        double best_wall = 1e300;
        ScenarioReport report;
        for (int r = 0; r < repeat; ++r) {
            const double cpu0 = thread_cpu_seconds();
            const double wall0 = wall_seconds();
            report = run_scenarios(set, iterations, seed, 1);
            best_cpu = std::min(best_cpu, thread_cpu_seconds() - cpu0);
            best_wall = std::min(best_wall, wall_seconds() - wall0);
        }
        const double risk_years = static_cast<double>(iterations) * static_cast<double>(set.scenarios.size());
        const double events = static_cast<double>(report.events);
        std::cout << "FAIR engine (C++, one thread): " << set.scenarios.size() << " risks x " << iterations
                  << " simulated years, best of " << repeat << "\n"
                  << "  CPU time " << best_cpu * 1e3 << " ms (wall " << best_wall * 1e3 << " ms), simulation and "
                  << "summaries (mean, sd, percentiles, 100-point exceedance curve)\n"
                  << "  " << events << " loss events drawn: " << best_cpu / events * 1e6 * 1e3
                  << " ms per million loss-event draws\n"
                  << "  throughput " << risk_years / best_cpu / 1e6 << " million risk-years a second ("
                  << best_cpu / risk_years * 1e9 << " ns each)\n"
                  << "  total annual loss: mean " << report.total.mean << " (analytic " << report.expected_total
                  << "), P90 " << report.total.p90 << "\n";
        if (!json_path.empty()) {
            nlohmann::json out = {{"iterations", iterations},  {"risks", set.scenarios.size()},
                                  {"events", report.events},   {"cpu_seconds", best_cpu},
                                  {"wall_seconds", best_wall}, {"total", summary(report.total, report.expected_total)}};
            for (std::size_t k = 0; k < set.scenarios.size(); ++k) {
                out["scenarios"][set.scenarios[k].name] = summary(report.outcomes[k].loss, report.outcomes[k].expected);
            }
            std::ofstream(json_path) << out.dump(2) << "\n";
        }
    } catch (const fulcrum::Error& e) {
        std::cerr << "fulcrum_bench_quant: " << e.what() << "\n";
        return e.exit_code();
    }
    return 0;
}
