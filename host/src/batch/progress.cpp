#include "batch/progress.hpp"

#include "util/format.hpp"

#include <cstdio>

namespace fulcrum {

Progress::Progress(bool enabled, std::optional<uint64_t> total, uint64_t already, const char* verb)
    : m_enabled(enabled), m_total(total), m_already(already), m_verb(verb), m_start(Clock::now()),
      m_last_draw(m_start) {}

void Progress::show() {
    if (!m_enabled) {
        return;
    }
    const auto now = Clock::now();
    if (now - m_last_draw < std::chrono::milliseconds(250)) {
        return;
    }
    m_last_draw = now;
    const double seconds = std::chrono::duration<double>(now - m_start).count();
    const double rate = seconds > 0 ? m_done / seconds : 0;
    const uint64_t done = m_done + m_already;
    std::string line = "fulcrum: " + group_thousands(static_cast<double>(done));
    if (m_total) {
        line += " of " + group_thousands(static_cast<double>(*m_total));
    }
    line += std::string(" ") + m_verb + ", " + group_thousands(rate) + "/s";
    if (m_total && rate > 0 && *m_total > done) {
        const auto left = static_cast<long long>((*m_total - done) / rate);
        char eta[32];
        std::snprintf(eta, sizeof eta, ", %lld:%02lld left", left / 60, left % 60);
        line += eta;
    }
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
}

void Progress::finish() {
    if (m_enabled) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
    }
}

} // namespace fulcrum
