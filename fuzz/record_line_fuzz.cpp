// libFuzzer target: one line of a batch's output read back without its
// review (batch/record_line.cpp), as --resume and `fulcrum portfolio` read
// the records other runs wrote. Besides crashing nowhere, it must agree with
// the full parser: whenever the full parser reads the line, the record is
// what it reads, the top-level "review" member erased. (The converse need not
// hold: a review that alone is malformed is skipped, not checked.)
// Then what they do with the record (batch/record_read.cpp): read_record
// refuses it with fulcrum::Error, or reads a row whose figures the portfolio
// can sum: finite, and the years drawn from its loss sketch finite and never
// negative.
#include "batch/record.hpp"
#include "batch/record_line.hpp"
#include "fuzz_common.hpp"
#include "quant/loss_sketch.hpp"
#include "util/error.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace {

void check_row(const fulcrum::PortfolioRow& row) {
    for (double figure : {row.expected_net_value, row.innovation_cost, row.security_cost}) {
        if (!std::isfinite(figure)) {
            __builtin_trap();
        }
    }
    if (!row.annual_loss_exposure) {
        return;
    }
    if (!std::isfinite(*row.annual_loss_exposure) || *row.annual_loss_exposure < 0) {
        __builtin_trap();
    }
    // As the portfolio sums them, twice over: a few years, and as many as the
    // sketch has (up to a bound that keeps each input quick). Drawn as many
    // times as it was simulated, a sketch's years keep the expected loss.
    std::vector<double> scratch;
    const std::uint64_t own = row.loss_sketch.iterations;
    for (std::uint64_t n : {std::uint64_t{7}, std::min<std::uint64_t>(own, 20'000)}) {
        std::vector<double> years(n, 0.0);
        fulcrum::quant::add_sketched_years(years, row.loss_sketch, *row.annual_loss_exposure,
                                           fulcrum::quant::sketch_key(row.index), scratch);
        double sum = 0;
        for (double year : years) {
            if (!std::isfinite(year) || year < 0) {
                __builtin_trap();
            }
            sum += year;
        }
        if (n == own &&
            std::fabs(sum / static_cast<double>(n) - *row.annual_loss_exposure) > 1e-9 * *row.annual_loss_exposure) {
            __builtin_trap();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string line = fulcrum::fuzz::text_of(data, size);
    const std::optional<nlohmann::json> record = fulcrum::parse_record_line(line);
    nlohmann::json full = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (full.is_discarded()) {
        return 0;
    }
    if (!record) {
        __builtin_trap(); // the full parser read it
    }
    if (full.is_object()) {
        full.erase("review");
    }
    if (*record != full) {
        __builtin_trap();
    }
    try {
        const fulcrum::ReadRecord read = fulcrum::read_record(*record, "line");
        if (read.result.invalid == read.result.row.has_value()) {
            __builtin_trap(); // an invalid record counts without a row, any other with one
        }
        if (read.result.row) {
            check_row(*read.result.row);
        }
    } catch (const fulcrum::Error&) {
        // refused, naming the member: what a hostile record should get
    }
    return 0;
}
