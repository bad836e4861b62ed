#include "batch/runner.hpp"

#include "batch/inputs.hpp"
#include "batch/progress.hpp"
#include "batch/record.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

#include <boost/filesystem.hpp>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
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

// A closable queue; pop() waits for an item or the close.
template <typename T> class Channel {
public:
    void push(T value) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_items.push_back(std::move(value));
        }
        m_ready.notify_one();
    }
    void close() {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_closed = true;
        }
        m_ready.notify_all();
    }
    // Nothing when closed and empty; with a timeout, also nothing on timeout
    // (`timed_out` tells which).
    std::optional<T> pop(std::chrono::milliseconds timeout = std::chrono::milliseconds::max(),
                         bool* timed_out = nullptr) {
        std::unique_lock<std::mutex> lock(m_mutex);
        auto ready = [&] { return !m_items.empty() || m_closed; };
        if (timeout == std::chrono::milliseconds::max()) {
            m_ready.wait(lock, ready);
        } else if (!m_ready.wait_for(lock, timeout, ready)) {
            if (timed_out) {
                *timed_out = true;
            }
            return std::nullopt;
        }
        if (m_items.empty()) {
            return std::nullopt;
        }
        T value = std::move(m_items.front());
        m_items.pop_front();
        return value;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<T> m_items;
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
    void release() {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            --m_in_flight;
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

// Where records go: standard output, a device or pipe written in place, or
// FILE.partial renamed to FILE at the end.
class RecordSink {
public:
    RecordSink(const std::string& path, bool append) : m_path(path) {
        if (path.empty() || path == "-") {
            m_file = stdout;
            return;
        }
        if (names_a_stream(path)) {
            m_file = std::fopen(path.c_str(), "wb");
            if (m_file == nullptr) {
                throw usage_error(path + ": cannot write: " + std::strerror(errno));
            }
            return;
        }
        struct stat link {};
        if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
            throw usage_error("-o " + path +
                              ": it is a symbolic link; name the file itself (a link is never "
                              "followed or replaced)");
        }
        m_partial = partial_path(path);
        m_file = std::fopen(m_partial.c_str(), append ? "ab" : "wb");
        if (m_file == nullptr) {
            throw usage_error(m_partial + ": cannot write: " + std::strerror(errno));
        }
        static thread_local char buffer[1 << 16];
        std::setvbuf(m_file, buffer, _IOFBF, sizeof buffer);
    }
    ~RecordSink() {
        if (m_file != nullptr && m_file != stdout) {
            std::fclose(m_file);
        }
    }
    void write(const std::string& line) {
        if (std::fwrite(line.data(), 1, line.size(), m_file) != line.size()) {
            throw usage_error(where() + ": write failed: " + std::strerror(errno));
        }
    }
    void flush() { std::fflush(m_file); }
    // Makes the output whole: rename the partial file into place.
    void commit() {
        flush();
        if (m_file == stdout) {
            return;
        }
        if (m_partial.empty()) {
            return; // a device or pipe: written in place, closed by the destructor
        }
        ::fsync(fileno(m_file));
        std::fclose(m_file);
        m_file = nullptr;
        if (std::rename(m_partial.c_str(), m_path.c_str()) != 0) {
            throw usage_error(m_path + ": cannot write: " + std::strerror(errno));
        }
    }
    static std::string partial_path(const std::string& path) { return path + ".partial"; }

private:
    std::string where() const { return !m_partial.empty() ? m_partial : m_file == stdout ? "standard output" : m_path; }
    std::string m_path;
    std::string m_partial;
    FILE* m_file = nullptr;
};

void count(BatchStats& stats, const RecordResult& r) {
    stats.invalid += r.invalid ? 1 : 0;
    stats.incomplete += r.incomplete ? 1 : 0;
    if (r.row) {
        stats.rejected += r.row->decision == Decision::reject ? 1 : 0;
        stats.not_approved += r.row->decision != Decision::approve ? 1 : 0;
    }
}

} // namespace

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
    namespace fs = boost::filesystem;

    // Resume: what an earlier, interrupted run already wrote.
    ResumeState resumed;
    if (options.resume) {
        if (!to_file) {
            throw usage_error("--resume needs -o FILE: there is nothing to resume on standard output, a device or a "
                              "pipe");
        }
        resumed = read_partial_output(RecordSink::partial_path(options.output));
        for (auto& r : resumed.results) {
            count(stats, r);
            if (r.row) {
                portfolio.add(std::move(*r.row));
            } else {
                portfolio.add_invalid();
            }
        }
        stats.resumed = resumed.results.size();
    } else if (to_file && fs::exists(RecordSink::partial_path(options.output))) {
        throw usage_error(RecordSink::partial_path(options.output) +
                          " exists from an interrupted run: continue it with --resume, or delete it");
    }
    RecordSink sink(options.output, options.resume && resumed.found);

    const unsigned jobs = std::max(1u, options.jobs);
    Window window(jobs * 16);
    Channel<Job> work;
    Channel<Done> done;
    std::string reader_error;

    std::thread reader([&] {
        try {
            InputReader inputs(options.inputs);
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
                    d.result = review_record(job->item, reviewer);
                }
                done.push(std::move(d));
            }
            if (--running == 0) {
                done.close();
            }
        });
    }

    // Write records (in order unless --unordered) and keep the summary.
    Progress progress(options.progress, options.progress ? InputReader::count(options.inputs) : std::nullopt,
                      stats.resumed);
    std::map<uint64_t, Done> pending;
    uint64_t next_seq = 0;
    bool gap = false; // ordered output stops at the first proposal an interrupt skipped
    uint64_t since_flush = 0;
    auto emit = [&](Done& d) {
        window.release();
        if (d.skipped || (gap && options.ordered)) {
            gap = true;
            return;
        }
        sink.write(d.result.line);
        count(stats, d.result);
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
    for (;;) {
        bool timed_out = false;
        std::optional<Done> d = done.pop(std::chrono::milliseconds(200), &timed_out);
        progress.show();
        if (!d) {
            if (timed_out) {
                sink.flush();
                since_flush = 0;
                continue;
            }
            break;
        }
        if (!options.ordered) {
            emit(*d);
            continue;
        }
        pending.emplace(d->seq, std::move(*d));
        for (auto it = pending.find(next_seq); it != pending.end(); it = pending.find(next_seq)) {
            emit(it->second);
            pending.erase(it);
            ++next_seq;
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
    if (!options.summary.empty()) {
        write_summary(options.summary, portfolio);
    }
    return stats;
}

} // namespace fulcrum
