// Quantifies a merged review: builds the model from the proposal's facts and
// the risks' FAIR inputs, chooses the plan, and simulates. Knows nothing of
// plugins or reports.
#pragma once

#include "model/findings.hpp"
#include "proposal/proposal.hpp"
#include "quant/random.hpp"
#include "quant/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace fulcrum::quant {

constexpr std::uint64_t k_default_iterations = 10000;
constexpr std::uint64_t k_max_iterations = 10'000'000;

struct QuantOptions {
    bool enabled = true;
    std::uint64_t iterations = k_default_iterations;
    std::uint64_t seed = k_default_seed;
    unsigned threads = 1;
    // Keep the simulated annual loss with the controls in place, one value per
    // iteration (ReviewQuant::residual_by_year), for a portfolio to sum
    // iteration by iteration. 8 bytes an iteration per review; batch only.
    bool keep_years = false;
};

// Reads the values of --iterations (1 to k_max_iterations) and --seed (any
// unsigned 64-bit number); throws a usage error naming the option.
std::uint64_t iterations_from_text(const std::string& text);
std::uint64_t seed_from_text(const std::string& text);

// `risks` as the merge leaves them: deduplicated, with each mitigation's
// status and each risk's residual levels set.
ReviewQuant quantify(const Proposal& proposal, const std::vector<Risk>& risks, const QuantOptions& options);

} // namespace fulcrum::quant
