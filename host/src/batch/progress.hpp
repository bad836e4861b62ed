// The progress line a batch shows on a terminal: count, rate and time left.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace fulcrum {

class Progress {
public:
    // `enabled` false makes every call a no-op. `total` counts all items,
    // `already` those done by an earlier run; `verb` says what was done to
    // them ("12,345 of 100,000 reviewed").
    Progress(bool enabled, std::optional<uint64_t> total, uint64_t already, const char* verb = "reviewed");

    void advance() { ++m_done; }
    void show();   // redraws at most a few times a second
    void finish(); // clears the line

private:
    using Clock = std::chrono::steady_clock;
    bool m_enabled;
    std::optional<uint64_t> m_total;
    uint64_t m_already;
    const char* m_verb;
    uint64_t m_done = 0;
    Clock::time_point m_start;
    Clock::time_point m_last_draw;
};

} // namespace fulcrum
