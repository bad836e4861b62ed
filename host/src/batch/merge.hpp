// The portfolio of records already written: the shards of one batch run on
// several machines (--shard K/N), or one run's output, read back without
// reviewing anything again (`fulcrum portfolio`, docs/batch.md).
#pragma once

#include "batch/portfolio.hpp"
#include "batch/progress.hpp"
#include "batch/runner.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace fulcrum {

struct MergeResult {
    BatchStats stats; // what the records counted as
    // Records that could not be read, that appear twice, and indices that
    // have no record; each names the file and line. `problems` keeps the
    // first few, `problem_count` counts them all.
    std::vector<std::string> problems;
    uint64_t problem_count = 0;
    uint64_t last_index = 0; // the highest index read
};

// Reads the records in `files` ("-" for standard input) in index order (a
// k-way merge: each shard's records are in order, so the portfolio sees them
// as the unsharded batch would) and adds each to `portfolio`. Records whose
// index is out of order in a file (--unordered) are taken as they come.
// Throws fulcrum::Error (exit 2) when a file cannot be opened; everything
// wrong inside the files is reported in the result instead.
MergeResult merge_records(const std::vector<std::string>& files, Portfolio& portfolio, Progress& progress);

} // namespace fulcrum
