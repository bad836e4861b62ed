#include "batch/merge.hpp"

#include "batch/record.hpp"
#include "util/error.hpp"
#include "util/line_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <tuple>
#include <vector>

#include <sys/stat.h>

namespace fulcrum {

namespace {

constexpr size_t k_problems_shown = 20;

class Problems {
public:
    explicit Problems(MergeResult& result) : m_result(result) {}
    void add(std::string problem) {
        ++m_result.problem_count;
        if (m_result.problems.size() < k_problems_shown) {
            m_result.problems.push_back(std::move(problem));
        }
    }

private:
    MergeResult& m_result;
};

// One file of records, read a record ahead. The file is opened at the first
// read and closed at its end, so that independent batches, read one after
// the other, hold one file (and one buffer) at a time.
class Source {
public:
    explicit Source(std::string name) : m_name(std::move(name)) {}

    // Reads up to the next good record; false at the end of the file. What
    // cannot be read is reported and skipped.
    bool advance(Problems& problems) {
        m_head.reset();
        if (m_done) {
            return false;
        }
        open();
        std::string& line = m_line_text;
        while (const std::optional<uint64_t> length = m_lines->next(line, k_max_record_bytes)) {
            ++m_line;
            const std::string where = place(m_line);
            if (*length > k_max_record_bytes) {
                problems.add(where + ": not a batch record (" + std::to_string(*length) +
                             " bytes, more than any record's " + std::to_string(k_max_record_bytes) + ")");
                continue;
            }
            if (line.find_first_not_of(" \t\r") == std::string::npos) {
                continue;
            }
            std::optional<nlohmann::json> record = parse_record_line(line);
            if (!record) {
                problems.add(!m_lines->ended()
                                 ? where + ": a torn last line (the run writing it was stopped mid-record: "
                                           "finish it with fulcrum batch --resume)"
                                 : where + ": not a batch record (not JSON)");
                continue;
            }
            try {
                m_head = read_record(*record, where);
                m_head_line = m_line;
                return true;
            } catch (const Error& e) {
                problems.add(e.what());
            }
        }
        close();
        return false;
    }

    ReadRecord& head() { return *m_head; }
    // The head record's line as written, without its newline.
    const std::string& head_text() const { return m_line_text; }
    uint64_t head_line() const { return m_head_line; }
    std::string name() const { return m_name == "-" ? "standard input" : m_name; }
    std::string place(uint64_t line) const { return name() + ":" + std::to_string(line); }

private:
    void open() {
        if (m_lines) {
            return;
        }
        if (m_name == "-") {
            m_lines.emplace(std::cin.rdbuf());
            return;
        }
        auto file = std::make_unique<std::ifstream>(m_name, std::ios::binary);
        if (!*file) {
            const int error = errno;
            throw usage_error(m_name + ": cannot read: " + std::strerror(error) +
                              (error == EMFILE ? " (every shard is open at once: merge them in groups, or raise "
                                                 "ulimit -n)"
                                               : ""));
        }
        m_lines.emplace(std::unique_ptr<std::istream>(std::move(file)));
    }
    void close() {
        m_done = true;
        m_lines.reset();
        m_line_text = {};
    }

    std::string m_name;
    // Kept from record to record: freeing and growing a 32 KiB line for each
    // made the allocator return and map its pages, which took more time in
    // the kernel than the reading.
    std::string m_line_text;
    std::optional<LineReader> m_lines; // from the first read to the end of the file
    bool m_done = false;
    uint64_t m_line = 0;
    std::optional<ReadRecord> m_head;
    uint64_t m_head_line = 0;
};

// Refuses, before anything is read, a file that does not exist or is a
// folder, and one given twice (under any name: compared by device and
// inode, once a file, so that thousands of part files cost thousands of
// calls, not millions).
void check_files(const std::vector<std::string>& files) {
    if (std::count(files.begin(), files.end(), "-") > 1) {
        throw usage_error("-: standard input can be read only once");
    }
    std::map<std::pair<dev_t, ino_t>, std::string> seen;
    for (const auto& file : files) {
        if (file == "-") {
            continue;
        }
        struct stat info {};
        if (::stat(file.c_str(), &info) != 0) {
            throw usage_error(file + ": cannot read: " + std::strerror(errno));
        }
        if (S_ISDIR(info.st_mode)) {
            throw usage_error(file + ": a folder; give the record files in it, e.g. " + file + "/*.jsonl");
        }
        const auto [it, added] = seen.emplace(std::make_pair(info.st_dev, info.st_ino), file);
        if (!added) {
            throw usage_error(file + ": given twice" + (it->second == file ? "" : " (as " + it->second + ")"));
        }
    }
}

// Where each record was, to find the doubled and the missing once all are
// read: 16 bytes a record.
struct Place {
    uint64_t index;
    uint32_t source;
    uint32_t line;
};

std::string ranges(const std::vector<std::pair<uint64_t, uint64_t>>& missing, size_t shown) {
    std::string out;
    for (size_t i = 0; i < missing.size() && i < shown; ++i) {
        const auto [first, last] = missing[i];
        out += (i > 0 ? ", " : "") + std::to_string(first) + (last > first ? "-" + std::to_string(last) : "");
    }
    return out + (missing.size() > shown ? ", ..." : "");
}

// Finds the records given twice and the indices with no record: over all
// the files when they are shards of one batch, in each file on its own when
// they are independent batches.
void check_places(std::vector<Place>& places, const std::vector<std::unique_ptr<Source>>& sources, bool independent,
                  Problems& problems) {
    auto batch_of = [&](const Place& p) { return independent ? p.source : 0u; };
    std::sort(places.begin(), places.end(), [&](const Place& a, const Place& b) {
        return std::make_tuple(batch_of(a), a.index, a.source, a.line) <
               std::make_tuple(batch_of(b), b.index, b.source, b.line);
    });
    std::vector<std::pair<uint64_t, uint64_t>> missing; // ranges of indices with no record
    uint64_t missing_count = 0;
    uint64_t expected = 0;
    auto report_missing = [&](const std::string& where) {
        if (missing_count > 0) {
            problems.add(
                where + std::to_string(missing_count) + " of the " + std::to_string(expected) +
                " indices up to the last record have no record (" + ranges(missing, 5) + "): " +
                (independent
                     ? "is the run unfinished, or are the files shards of one batch (then leave out --independent)?"
                     : "is a shard missing, or a run unfinished?"));
        }
        missing.clear();
        missing_count = 0;
        expected = 0;
    };
    for (size_t i = 0; i < places.size(); ++i) {
        const Place& p = places[i];
        if (i > 0 && batch_of(places[i - 1]) != batch_of(p)) {
            report_missing(sources[places[i - 1].source]->name() + ": ");
        }
        if (i > 0 && batch_of(places[i - 1]) == batch_of(p) && places[i - 1].index == p.index) {
            const Place& first = places[i - 1];
            problems.add(sources[p.source]->place(p.line) + ": record " + std::to_string(p.index) + " again (also at " +
                         sources[first.source]->place(first.line) + "): " +
                         (independent ? "a record written twice"
                                      : "the same file given twice, shards that overlap, or batches that are not "
                                        "shards of one (see --independent)"));
            continue;
        }
        if (p.index > expected) {
            missing.emplace_back(expected, p.index - 1);
            missing_count += p.index - expected;
        }
        expected = p.index + 1;
    }
    report_missing(independent && !places.empty() ? sources[places.back().source]->name() + ": " : "");
}

// A record's line with its index replaced, when it begins with it as
// `fulcrum batch` writes it ({"index":N,...}); else nothing.
std::optional<std::string> renumbered(const std::string& line, uint64_t index) {
    static const std::string k_start = "{\"index\":";
    if (line.compare(0, k_start.size(), k_start) != 0) {
        return std::nullopt;
    }
    const size_t digits = line.find_first_not_of("0123456789", k_start.size());
    if (digits == std::string::npos || digits == k_start.size()) {
        return std::nullopt;
    }
    return k_start + std::to_string(index) + line.substr(digits);
}

} // namespace

MergeResult merge_records(const std::vector<std::string>& files, bool independent, Portfolio& portfolio,
                          Progress& progress, RecordSink* records) {
    MergeResult result;
    Problems problems(result);
    check_files(files);
    std::vector<std::unique_ptr<Source>> sources;
    for (const auto& file : files) {
        sources.push_back(std::make_unique<Source>(file));
    }
    std::vector<Place> places;
    auto take = [&](size_t s) {
        ReadRecord& record = sources[s]->head();
        if (records != nullptr && !independent) {
            records->write(sources[s]->head_text());
            records->write("\n");
        } else if (records != nullptr) { // numbered anew, as the rows of independent batches are
            if (auto numbered = renumbered(sources[s]->head_text(), result.stats.records)) {
                *numbered += '\n';
                records->write(*numbered);
            } else {
                problems.add(sources[s]->place(sources[s]->head_line()) +
                             ": cannot number the record anew for -o: it does not begin with its index, as "
                             "fulcrum batch writes records");
            }
        }
        places.push_back({record.index, static_cast<uint32_t>(s), static_cast<uint32_t>(sources[s]->head_line())});
        tally(result.stats, record.result);
        if (record.result.row) {
            // The page and the ranking tell proposals apart by their index:
            // the batch's own for shards, a new one, their place in the
            // merged portfolio, for batches whose indices each start at 0.
            if (independent) {
                record.result.row->index = result.stats.records;
            }
            portfolio.add(std::move(*record.result.row));
        } else {
            portfolio.add_invalid();
        }
        ++result.stats.records;
        progress.advance();
        progress.show();
    };
    if (independent) { // file after file
        for (size_t s = 0; s < sources.size(); ++s) {
            while (sources[s]->advance(problems)) {
                take(s);
            }
        }
    } else {
        // Shards: the file whose next record has the lowest index comes first
        // (ties: the file given first), so that they interleave back into
        // the batch's order.
        auto later = [&](size_t a, size_t b) {
            const uint64_t ia = sources[a]->head().index;
            const uint64_t ib = sources[b]->head().index;
            return ia != ib ? ia > ib : a > b;
        };
        std::priority_queue<size_t, std::vector<size_t>, decltype(later)> next(later);
        for (size_t s = 0; s < sources.size(); ++s) {
            if (sources[s]->advance(problems)) {
                next.push(s);
            }
        }
        while (!next.empty()) {
            const size_t s = next.top();
            next.pop();
            take(s);
            if (sources[s]->advance(problems)) {
                next.push(s);
            }
        }
    }
    progress.finish();
    check_places(places, sources, independent, problems);
    return result;
}

} // namespace fulcrum
