// Reproducible random numbers for the simulation: every draw is a pure
// function of (seed, stream, iteration, index), so results do not depend on
// the order in which iterations run or on how many threads run them.
#pragma once

#include <cstdint>
#include <string_view>

namespace fulcrum::quant {

// The seed used when the user gives none (`--seed`).
constexpr std::uint64_t k_default_seed = 20240601;

// SplitMix64's increment and output function (Steele, Lea and Flood, "Fast
// splittable pseudorandom number generators", OOPSLA 2014): a bijection that
// turns a Weyl sequence into output passing BigCrush.
constexpr std::uint64_t k_weyl_step = 0x9e3779b97f4a7c15ULL;

inline std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// 53 random bits as a double in [0, 1).
inline double to_unit(std::uint64_t bits) {
    return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// FNV-1a, only to turn names into stream keys; mixing makes up for its weak
// avalanche.
inline std::uint64_t hash_text(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        h = (h ^ c) * 0x100000001b3ULL;
    }
    return h;
}

// The key of one random stream: a risk (`owner` = proposal id, `name` = rule
// id) or a benefit gets its own, so adding a risk never shifts another's draws.
inline std::uint64_t stream_key(std::uint64_t seed, std::string_view owner, std::string_view name) {
    std::uint64_t k = mix64(seed + k_weyl_step);
    k = mix64(k ^ hash_text(owner));
    k = mix64((k + k_weyl_step) ^ hash_text(name));
    return mix64(k);
}

// The draws of one iteration of one stream, a counter-based generator with
// no state to share: the iteration's base is the SplitMix64 output of
// (key, iteration), and draw `index` >= 1 is the SplitMix64 output `index`
// steps along a sequence seeded with that base. Draw 0 is the base itself,
// as SplittableRandom uses an output both as a value and as a seed.
class IterationDraws {
public:
    IterationDraws(std::uint64_t key, std::uint64_t iteration) : m_base(mix64(key + (iteration + 1) * k_weyl_step)) {}

    double first() const { return to_unit(m_base); }
    double uniform(std::uint64_t index) const { return to_unit(mix64(m_base + index * k_weyl_step)); }

private:
    std::uint64_t m_base;
};

} // namespace fulcrum::quant
