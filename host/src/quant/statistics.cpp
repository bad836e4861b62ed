#include "quant/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace fulcrum::quant {

namespace {

// Bins between thresholds spaced evenly on a log scale: bin 0 holds values
// <= t_0, bin k values in (t_{k-1}, t_k], and bin K values above t_{K-1}.
class LogBins {
public:
    LogBins(double low, double high, std::size_t count) : m_thresholds(count) {
        for (std::size_t k = 0; k < count; ++k) {
            m_thresholds[k] = count == 1 ? low : low * std::pow(high / low, static_cast<double>(k) / (count - 1.0));
        }
        m_thresholds.back() = high;
        m_log_low = std::log2(low);
        m_per_log2 = count > 1 ? (count - 1.0) / std::log2(high / low) : 0;
    }

    std::size_t size() const { return m_thresholds.size(); }
    double threshold(std::size_t k) const { return m_thresholds[k]; }

    // Bin of a positive value: an estimate from the bits of the double (log2
    // to within 0.005), corrected against the thresholds, so always exact.
    std::size_t bin(double v) const {
        std::uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        const double m = static_cast<double>(bits & ((std::uint64_t{1} << 52) - 1)) * 0x1.0p-52;
        const double log2_v =
            static_cast<double>(static_cast<std::int64_t>(bits >> 52) - 1023) + m + 0.3466 * m * (1 - m);
        const double estimate = (log2_v - m_log_low) * m_per_log2;
        std::size_t k = estimate <= 0 ? 0 : std::min(static_cast<std::size_t>(estimate), size());
        while (k < size() && m_thresholds[k] < v) {
            ++k;
        }
        while (k > 0 && m_thresholds[k - 1] >= v) {
            --k;
        }
        return k;
    }

private:
    std::vector<double> m_thresholds;
    double m_log_low = 0;
    double m_per_log2 = 0;
};

// Positive values binned once; an order statistic is then found by selecting
// within the one bin that holds it, never sorting the whole sample.
class BinnedSample {
public:
    BinnedSample(const std::vector<double>& positive, const LogBins& bins)
        : m_values(positive), m_bin(positive.size()), m_counts(bins.size() + 1, 0) {
        for (std::size_t i = 0; i < positive.size(); ++i) {
            const auto b = static_cast<std::uint8_t>(bins.bin(positive[i]));
            m_bin[i] = b;
            ++m_counts[b];
        }
    }

    const std::vector<std::size_t>& counts() const { return m_counts; }

    // The value of each rank (0-based, ascending).
    std::vector<double> of_ranks(const std::vector<std::size_t>& ranks) const {
        std::vector<std::size_t> bin_of_rank;
        std::vector<std::size_t> rank_in_bin;
        std::vector<int> wanted(m_counts.size(), -1);
        std::vector<std::vector<double>> members;
        for (std::size_t rank : ranks) {
            std::size_t b = 0;
            while (rank >= m_counts[b]) {
                rank -= m_counts[b];
                ++b;
            }
            if (wanted[b] < 0) {
                wanted[b] = static_cast<int>(members.size());
                members.emplace_back();
                members.back().reserve(m_counts[b]);
            }
            bin_of_rank.push_back(b);
            rank_in_bin.push_back(rank);
        }
        for (std::size_t i = 0; i < m_values.size(); ++i) {
            const int slot = wanted[m_bin[i]];
            if (slot >= 0) {
                members[slot].push_back(m_values[i]);
            }
        }
        std::vector<double> out;
        for (std::size_t k = 0; k < ranks.size(); ++k) {
            auto& bin = members[wanted[bin_of_rank[k]]];
            const auto nth = bin.begin() + static_cast<std::ptrdiff_t>(rank_in_bin[k]);
            std::nth_element(bin.begin(), nth, bin.end());
            out.push_back(*nth);
        }
        return out;
    }

private:
    const std::vector<double>& m_values;
    std::vector<std::uint8_t> m_bin;
    std::vector<std::size_t> m_counts;
};

} // namespace

double quantile_of_sorted(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) {
        return 0;
    }
    const std::size_t n = sorted.size();
    const double h = static_cast<double>(n - 1) * q;
    const auto below = std::min(static_cast<std::size_t>(std::floor(h)), n - 1);
    const double lower = sorted[below];
    return lower + (h - static_cast<double>(below)) * (sorted[std::min(below + 1, n - 1)] - lower);
}

LossSummary summarise_losses(const std::vector<double>& losses, std::size_t curve_points) {
    LossSummary s;
    s.iterations = losses.size();
    if (losses.empty()) {
        return s;
    }
    // Most simulated years of a single risk lose nothing: every pass after
    // this one works on the positive losses alone.
    std::vector<double> positive(losses.size());
    std::size_t kept = 0;
    for (double v : losses) {
        positive[kept] = v;
        kept += v > 0 ? 1 : 0;
    }
    positive.resize(kept);
    const double n = static_cast<double>(losses.size());
    const std::size_t zeros = losses.size() - kept;
    double sum = 0;
    for (double v : positive) {
        sum += v;
    }
    s.mean = sum / n;
    double squares = static_cast<double>(zeros) * s.mean * s.mean;
    for (double v : positive) {
        squares += (v - s.mean) * (v - s.mean);
    }
    s.sd = losses.size() > 1 ? std::sqrt(squares / (n - 1)) : 0;
    s.probability_of_loss = static_cast<double>(kept) / n;
    if (positive.empty()) {
        return s;
    }
    const auto [low, high] = std::minmax_element(positive.begin(), positive.end());
    s.max = *high;
    // The curve's thresholds double as the bins that locate the percentiles.
    const LogBins bins(*low, *high, *high > *low ? std::clamp<std::size_t>(curve_points, 2, 250) : 1);
    const BinnedSample sample(positive, bins);
    std::size_t above = kept;
    for (std::size_t k = 0; k < bins.size(); ++k) {
        above -= sample.counts()[k]; // now the values above threshold k
        s.exceedance.push_back({bins.threshold(k), static_cast<double>(above) / n});
    }
    // Type-7 percentiles of all years (zeros included) from the two order
    // statistics around each.
    const double qs[] = {0.10, 0.50, 0.90, 0.95, 0.99};
    double* outs[] = {&s.p10, &s.p50, &s.p90, &s.p95, &s.p99};
    std::vector<std::size_t> ranks;
    auto order_statistics = [&](double q) {
        const auto below = static_cast<std::size_t>(std::floor((n - 1) * q));
        return std::pair<std::size_t, std::size_t>{below, std::min(below + 1, losses.size() - 1)};
    };
    for (double q : qs) {
        const auto [i, j] = order_statistics(q);
        for (std::size_t r : {i, j}) {
            if (r >= zeros) {
                ranks.push_back(r - zeros);
            }
        }
    }
    const std::vector<double> found = sample.of_ranks(ranks);
    std::size_t next = 0;
    for (std::size_t k = 0; k < 5; ++k) {
        const auto [i, j] = order_statistics(qs[k]);
        const double lower = i >= zeros ? found[next++] : 0.0;
        const double upper = j >= zeros ? found[next++] : 0.0;
        *outs[k] = lower + ((n - 1) * qs[k] - static_cast<double>(i)) * (upper - lower);
    }
    return s;
}

ValueSummary summarise_values(std::vector<double> values) {
    ValueSummary s;
    if (values.empty()) {
        return s;
    }
    const double n = static_cast<double>(values.size());
    double sum = 0;
    for (double v : values) {
        sum += v;
    }
    s.mean = sum / n;
    double squares = 0;
    for (double v : values) {
        squares += (v - s.mean) * (v - s.mean);
    }
    s.sd = values.size() > 1 ? std::sqrt(squares / (n - 1)) : 0;
    std::sort(values.begin(), values.end());
    s.p5 = quantile_of_sorted(values, 0.05);
    s.p50 = quantile_of_sorted(values, 0.50);
    s.p95 = quantile_of_sorted(values, 0.95);
    const auto negative = std::lower_bound(values.begin(), values.end(), 0.0) - values.begin();
    s.probability_negative = static_cast<double>(negative) / n;
    return s;
}

} // namespace fulcrum::quant
