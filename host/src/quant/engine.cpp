#include "quant/engine.hpp"

#include "quant/poisson.hpp"
#include "quant/random.hpp"
#include "quant/special.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <thread>

namespace fulcrum::quant {

namespace {

// Where each draw of an iteration comes from. Events take two draws each (the
// primary loss and the secondary), whether or not there is secondary loss, so
// adding one never changes the primary losses.
constexpr std::uint64_t k_count_draw = 1; // the rate uses draw 0, first()
constexpr std::uint64_t k_first_event_draw = 2;
constexpr std::uint64_t k_tail_draw = k_first_event_draw + 2 * k_exact_events; // after the exact events' draws
constexpr std::uint64_t k_rejection_draws = std::uint64_t{1} << 40;

// E[X] and E[X^2] of one event's loss, primary plus secondary.
std::pair<double, double> event_moments(const Scenario& s) {
    double m1 = mean(s.magnitude);
    double m2 = second_moment(s.magnitude);
    if (s.secondary) {
        const double p = s.secondary->probability;
        const double s1 = mean(s.secondary->magnitude);
        m2 += 2 * p * m1 * s1 + p * second_moment(s.secondary->magnitude);
        m1 += p * s1;
    }
    return {m1, m2};
}

class Kernel {
public:
    Kernel(const Scenario& s, std::uint64_t stream, const std::vector<Treatment>& treatments)
        : m_rate(s.frequency), m_loss(s.magnitude),
          m_secondary(s.secondary ? Sampler(s.secondary->magnitude) : Sampler(s.magnitude)),
          m_secondary_probability(s.secondary ? s.secondary->probability : 0), m_stream(stream),
          m_count(treatments.size()) {
        const auto [m1, m2] = event_moments(s);
        m_event_mean = m1;
        m_event_sd = std::sqrt(std::max(0.0, m2 - m1 * m1));
        std::copy(treatments.begin(), treatments.end(), m_treatments.begin());
        for (const auto& t : treatments) {
            m_most_frequent = std::max(m_most_frequent, t.frequency);
        }
    }

    // Fills out[t][begin, end); returns the loss events drawn.
    std::uint64_t run(std::uint64_t begin, std::uint64_t end, const std::vector<double*>& out) const {
        std::uint64_t drawn = 0;
        std::array<Pending, k_block> pending;
        for (std::uint64_t block = begin; block < end; block += k_block) {
            const std::uint64_t stop = std::min<std::uint64_t>(block + k_block, end);
            // First pass, without data-dependent branches: most years have no
            // event under any treatment; keep the others for the second pass.
            std::size_t kept = 0;
            for (std::uint64_t i = block; i < stop; ++i) {
                const IterationDraws draws(m_stream, i);
                const double rate = m_rate(draws.first());
                const double u = draws.uniform(k_count_draw);
                for (std::size_t t = 0; t < m_count; ++t) {
                    out[t][i] = 0;
                }
                pending[kept] = {i, rate, u};
                kept += might_have_events(rate * m_most_frequent, u) ? 1 : 0;
            }
            for (std::size_t k = 0; k < kept; ++k) {
                drawn += run_year(pending[k], out);
            }
        }
        return drawn;
    }

private:
    static constexpr std::size_t k_block = 256;

    struct Pending {
        std::uint64_t iteration;
        double rate;
        double u;
    };

    // Simulates the events of one year the first pass could not rule out.
    std::uint64_t run_year(const Pending& year, const std::vector<double*>& out) const {
        const IterationDraws draws(m_stream, year.iteration);
        std::array<std::uint64_t, k_max_treatments> events{};
        std::uint64_t most = 0;
        for (std::size_t t = 0; t < m_count; ++t) {
            events[t] = count(year.rate * m_treatments[t].frequency, year.u, draws);
            most = std::max(most, events[t]);
        }
        std::array<double, k_max_treatments> loss{};
        double sum = 0;
        for (std::uint64_t e = 0; e < std::min(most, k_exact_events); ++e) {
            sum += event_loss(draws, e);
            for (std::size_t t = 0; t < m_count; ++t) {
                if (events[t] == e + 1) {
                    loss[t] = sum;
                }
            }
        }
        if (most > k_exact_events) {
            // The events past the first k_exact_events, summed as one draw
            // from one deviate z for every treatment: a treatment with more
            // events never loses less, and each treatment's year depends on
            // its own count alone.
            const double z = normal_quantile(draws.uniform(k_tail_draw));
            for (std::size_t t = 0; t < m_count; ++t) {
                if (events[t] > k_exact_events) {
                    loss[t] = sum + summed_events_loss(events[t] - k_exact_events, m_event_mean, m_event_sd, z);
                }
            }
        }
        for (std::size_t t = 0; t < m_count; ++t) {
            out[t][year.iteration] = m_treatments[t].magnitude * loss[t];
        }
        return most;
    }

    static std::uint64_t count(double rate, double u, const IterationDraws& draws) {
        return rate < k_inversion_limit ? poisson_by_inversion(rate, u)
                                        : poisson_by_rejection(rate, draws, k_rejection_draws);
    }

    double event_loss(const IterationDraws& draws, std::uint64_t event) const {
        double loss = m_loss(draws.uniform(k_first_event_draw + 2 * event));
        if (m_secondary_probability > 0) {
            // One uniform decides both whether and how much: below p, u / p
            // is again uniform on [0, 1).
            const double v = draws.uniform(k_first_event_draw + 2 * event + 1);
            if (v < m_secondary_probability) {
                loss += m_secondary(v / m_secondary_probability);
            }
        }
        return loss;
    }

    Sampler m_rate;
    Sampler m_loss;
    Sampler m_secondary;
    double m_secondary_probability;
    std::uint64_t m_stream;
    std::array<Treatment, k_max_treatments> m_treatments{};
    std::size_t m_count;
    double m_most_frequent = 0;
    double m_event_mean = 0; // one event's loss, for the events past k_exact_events
    double m_event_sd = 0;
};

} // namespace

double summed_events_loss(std::uint64_t k, double mean, double sd, double z) {
    // Non-decreasing in k: the normal is positive only for k above
    // (sd z / mean)^2, and there its slope in k, mean + sd z / (2 sqrt k), is
    // more than mean / 2.
    const auto n = static_cast<double>(k);
    return std::max(0.0, n * mean + std::sqrt(n) * sd * z);
}

std::string frequency_problem(const Distribution& frequency) {
    return frequency.high > k_max_loss_events
               ? "expected at most " + std::to_string(static_cast<std::uint64_t>(k_max_loss_events)) +
                     " loss events a year (one every half minute; model smaller, more frequent losses as fewer, "
                     "larger ones)"
               : "";
}

std::string problem_with(const Scenario& scenario) {
    if (auto p = problem_with(scenario.frequency); !p.empty()) {
        return "frequency: " + p;
    }
    if (auto p = frequency_problem(scenario.frequency); !p.empty()) {
        return "frequency: " + p;
    }
    if (auto p = problem_with(scenario.magnitude); !p.empty()) {
        return "magnitude: " + p;
    }
    if (scenario.secondary) {
        const double p = scenario.secondary->probability;
        if (!(p >= 0 && p <= 1)) {
            return "secondary probability: expected a number from 0 to 1";
        }
        if (auto q = problem_with(scenario.secondary->magnitude); !q.empty()) {
            return "secondary magnitude: " + q;
        }
    }
    return "";
}

double expected_annual_loss(const Scenario& scenario, const Treatment& treatment) {
    return treatment.frequency * mean(scenario.frequency) * treatment.magnitude * event_moments(scenario).first;
}

double annual_loss_variance(const Scenario& scenario, const Treatment& treatment) {
    const auto [m1, m2] = event_moments(scenario);
    const double f = treatment.frequency;
    const double g2 = treatment.magnitude * treatment.magnitude;
    return g2 * (f * mean(scenario.frequency) * m2 + f * f * variance(scenario.frequency) * m1 * m1);
}

void simulate(const Scenario& scenario, std::uint64_t stream, const std::vector<Treatment>& treatments,
              std::uint64_t iterations, unsigned threads, SimulationResult& result) {
    if (treatments.empty() || treatments.size() > k_max_treatments) {
        throw std::invalid_argument("simulate: between 1 and 4 treatments");
    }
    const Kernel kernel(scenario, stream, treatments);
    result.events = 0;
    result.losses.resize(treatments.size());
    std::vector<double*> out;
    for (auto& column : result.losses) {
        column.resize(iterations);
        out.push_back(column.data());
    }
    // Chunks only decide who computes an iteration, never what it draws.
    const std::uint64_t workers = std::max<std::uint64_t>(1, std::min<std::uint64_t>(threads, iterations / 1024));
    if (workers == 1) {
        result.events = kernel.run(0, iterations, out);
        return;
    }
    std::vector<std::uint64_t> drawn(workers);
    std::vector<std::thread> pool;
    for (std::uint64_t w = 0; w < workers; ++w) {
        pool.emplace_back(
            [&, w] { drawn[w] = kernel.run(iterations * w / workers, iterations * (w + 1) / workers, out); });
    }
    for (auto& thread : pool) {
        thread.join();
    }
    for (auto d : drawn) {
        result.events += d;
    }
}

SimulationResult simulate(const Scenario& scenario, std::uint64_t stream, const std::vector<Treatment>& treatments,
                          std::uint64_t iterations, unsigned threads) {
    SimulationResult result;
    simulate(scenario, stream, treatments, iterations, threads, result);
    return result;
}

} // namespace fulcrum::quant
