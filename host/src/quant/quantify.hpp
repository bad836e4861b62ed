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
    // Keep a sketch of the simulated annual loss with the controls in place
    // (ReviewQuant::residual_sketch, quant/loss_sketch.hpp), for a portfolio
    // to sum year by year. Batch only.
    bool keep_sketch = false;
};

// Reads the values of --iterations (1 to k_max_iterations) and --seed (any
// unsigned 64-bit number); throws a usage error naming the option.
std::uint64_t iterations_from_text(const std::string& text);
std::uint64_t seed_from_text(const std::string& text);

// `risks` as the merge leaves them: deduplicated, with each mitigation's
// status and each risk's residual levels set.
ReviewQuant quantify(const Proposal& proposal, const std::vector<Risk>& risks, const QuantOptions& options);

} // namespace fulcrum::quant
