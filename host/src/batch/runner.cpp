#include "batch/runner.hpp"

#include "batch/inputs.hpp"
#include "batch/progress.hpp"
#include "batch/record.hpp"
#include "batch/record_sink.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace fulcrum {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) {
    g_interrupted.store(true);
}

// A closable queue; pop() waits for an item or the close. A consumer that
// takes items in batches (pop_all) is woken only when `batch` items wait,
// or when a producer says the items should not wait for more (`urgent`):
// every wake-up of a thread on a two-core machine preempts one that reviews.
template <typename T> class Channel {
public:
    explicit Channel(size_t batch = 1) : m_batch(batch) {}

    void push(T value, bool urgent = false) {
        bool wake = false;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_items.push_back(std::move(value));
            m_urgent = m_urgent || urgent;
            wake = m_items.size() >= m_batch || m_urgent;
        }
        if (wake) {
            m_ready.notify_one();
        }
    }
    bool empty() {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_items.empty();
    }
    void close() {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_closed = true;
        }
        m_ready.notify_all();
    }
    // Waits for an item; nothing once the channel is closed and empty.
    std::optional<T> pop() {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_ready.wait(lock, [&] { return !m_items.empty() || m_closed; });
        if (m_items.empty()) {
            return std::nullopt;
        }
        T value = std::move(m_items.front());
        m_items.pop_front();
        return value;
    }

    enum class Taken { some, timed_out, all }; // `all`: closed, and nothing more will come

    // Moves every waiting item to `out` once a batch is ready, an item came
    // marked urgent, the channel closed or `timeout` passed.
    Taken pop_all(std::vector<T>& out, std::chrono::milliseconds timeout) {
        std::unique_lock<std::mutex> lock(m_mutex);
        const bool woken =
            m_ready.wait_for(lock, timeout, [&] { return m_items.size() >= m_batch || m_urgent || m_closed; });
        m_urgent = false;
        for (T& item : m_items) {
            out.push_back(std::move(item));
        }
        m_items.clear();
        return m_closed ? Taken::all : woken ? Taken::some : Taken::timed_out;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<T> m_items;
    size_t m_batch;
    bool m_urgent = false;
    bool m_closed = false;
};

// Bounds how many items are read but not yet written, so memory stays flat
// however long the batch and however slow one proposal.
class Window {
public:
    explicit Window(size_t limit) : m_limit(limit) {}
    void acquire() {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_free.wait(lock, [&] { return m_in_flight < m_limit; });
        ++m_in_flight;
    }
    void release(size_t count) {
        if (count == 0) {
            return;
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_in_flight -= count;
        }
        m_free.notify_one();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_free;
    size_t m_in_flight = 0;
    size_t m_limit;
};

struct Job {
    uint64_t seq;
    InputItem item;
};

struct Done {
    uint64_t seq = 0;
    bool skipped = false; // interrupted before it was reviewed
    RecordResult result;
};

} // namespace

void tally(BatchStats& stats, const RecordResult& r) {
    constexpr size_t k_shown = 10;
    stats.invalid += r.invalid ? 1 : 0;
    stats.incomplete += r.incomplete ? 1 : 0;
    if (!r.row) {
        return;
    }
    const Decision decision = r.row->decision;
    auto show = [&](std::vector<std::string>& shown) {
        if (shown.size() < k_shown) {
            shown.push_back(r.row->id + " (" + r.origin + "): " + to_string(decision));
        }
    };
    if (decision == Decision::reject) {
        ++stats.rejected;
        show(stats.rejected_shown);
    }
    if (decision != Decision::approve) {
        ++stats.not_approved;
        show(stats.not_approved_shown);
    }
}

void install_interrupt_handlers() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested() {
    return g_interrupted.load();
}

BatchStats run_batch(const BatchOptions& options, const Reviewer& reviewer) {
    BatchStats stats;
    Portfolio portfolio(options.portfolio);
    const bool to_file = !options.output.empty() && options.output != "-" && !names_a_stream(options.output);

    // Resume: what an earlier, interrupted run already wrote.
    ResumeState resumed;
    if (options.resume) {
        if (!to_file) {
            throw usage_error("--resume needs -o FILE: there is nothing to resume on standard output, a device or a "
                              "pipe");
        }
        resumed = read_partial_output(RecordSink::partial_path(options.output));
        for (auto& r : resumed.results) {
            tally(stats, r);
            if (r.row) {
                portfolio.add(std::move(*r.row));
            } else {
                portfolio.add_invalid();
            }
        }
        stats.resumed = resumed.results.size();
    }
    RecordSink sink(options.output, options.resume && resumed.found); // refuses a partial file not resumed

    const unsigned jobs = std::max(1u, options.jobs);
    const size_t in_flight = jobs * 16; // records read but not yet written, at most
    Window window(in_flight);
    Channel<Job> work;
    Channel<Done> done(jobs * 8); // the writer wakes for half the window at a time (docs/performance.md)
    std::string reader_error;

    std::thread reader([&] {
        try {
            InputReader inputs(options.inputs, reviewer.policy().limits.proposal_bytes);
            uint64_t seq = 0;
            while (!g_interrupted.load()) {
                std::optional<InputItem> item = inputs.next();
                if (!item) {
                    break;
                }
                if (options.shards > 1 && item->index % options.shards != options.shard - 1) {
                    continue;
                }
                if (auto it = resumed.done.find(item->index); it != resumed.done.end()) {
                    if (it->second != item->origin()) {
                        throw usage_error("--resume: record " + std::to_string(item->index) + " was " + it->second +
                                          " but is now " + item->origin() + "; the inputs changed");
                    }
                    continue;
                }
                window.acquire();
                work.push({seq++, std::move(*item)});
            }
        } catch (const std::exception& e) {
            reader_error = e.what();
            g_interrupted.store(true);
        }
        work.close();
    });

    // Lines already written, kept for the workers to write the next records
    // in: a record is some 24 KiB, and allocating it in one thread and freeing
    // it in another kept the allocator from settling (peak memory crept up).
    std::mutex spare_mutex;
    std::vector<std::string> spare_lines;
    auto spare_line = [&] {
        std::lock_guard<std::mutex> lock(spare_mutex);
        std::string line;
        if (!spare_lines.empty()) {
            line = std::move(spare_lines.back());
            spare_lines.pop_back();
        }
        return line;
    };

    std::vector<std::thread> workers;
    std::atomic<unsigned> running{jobs};
    for (unsigned w = 0; w < jobs; ++w) {
        workers.emplace_back([&] {
            while (std::optional<Job> job = work.pop()) {
                Done d;
                d.seq = job->seq;
                if (g_interrupted.load()) {
                    d.skipped = true;
                } else {
                    d.result = review_record(job->item, reviewer, spare_line(), options.record);
                }
                // With no work left, the workers wait for the writer to free
                // places in the window: then it must not wait for a batch.
                const bool no_work_left = work.empty();
                done.push(std::move(d), no_work_left);
            }
            if (--running == 0) {
                done.close();
            }
        });
    }

    // Write records (in order unless --unordered) and keep the summary.
    Progress progress(options.progress,
                      options.progress ? InputReader::count(options.inputs, reviewer.policy().limits.proposal_bytes)
                                       : std::nullopt,
                      stats.resumed);
    std::map<uint64_t, Done> pending;
    uint64_t next_seq = 0;
    bool gap = false; // ordered output stops at the first proposal an interrupt skipped
    uint64_t since_flush = 0;
    size_t emitted = 0;               // places in the window to give back, once for the whole batch
    std::vector<std::string> written; // their lines, to be used again
    auto emit = [&](Done& d) {
        ++emitted;
        if (d.skipped || (gap && options.ordered)) {
            gap = true;
            return;
        }
        sink.write(d.result.line);
        written.push_back(std::move(d.result.line));
        tally(stats, d.result);
        if (d.result.row) {
            portfolio.add(std::move(*d.result.row));
        } else {
            portfolio.add_invalid();
        }
        ++stats.records;
        progress.advance();
        if (++since_flush >= 256) {
            sink.flush();
            since_flush = 0;
        }
    };
    std::vector<Done> arrived;
    for (;;) {
        const auto taken = done.pop_all(arrived, std::chrono::milliseconds(200));
        progress.show();
        if (taken == Channel<Done>::Taken::timed_out && arrived.empty()) {
            sink.flush();
            since_flush = 0;
        }
        for (Done& d : arrived) {
            if (!options.ordered) {
                emit(d);
                continue;
            }
            pending.emplace(d.seq, std::move(d));
            for (auto it = pending.find(next_seq); it != pending.end(); it = pending.find(next_seq)) {
                emit(it->second);
                pending.erase(it);
                ++next_seq;
            }
        }
        arrived.clear();
        window.release(emitted);
        emitted = 0;
        {
            std::lock_guard<std::mutex> lock(spare_mutex);
            for (std::string& line : written) {
                if (spare_lines.size() < in_flight) {
                    spare_lines.push_back(std::move(line));
                }
            }
        }
        written.clear();
        if (taken == Channel<Done>::Taken::all) {
            break;
        }
    }
    reader.join();
    for (auto& w : workers) {
        w.join();
    }
    progress.finish();
    if (!reader_error.empty()) {
        sink.flush();
        throw usage_error(reader_error);
    }
    stats.interrupted = g_interrupted.load();
    if (stats.interrupted) {
        sink.flush();
        return stats;
    }
    sink.commit();
    write_summaries(options.summaries, portfolio);
    return stats;
}

} // namespace fulcrum
