// The portfolio of records already written: the shards of one batch run on
// several machines (--shard K/N), or one run's output, read back without
// reviewing anything again (`fulcrum portfolio`, docs/batch.md).
#pragma once

#include "batch/portfolio.hpp"
#include "batch/progress.hpp"
#include "batch/record_sink.hpp"
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
};

// Reads the records in `files` ("-" for standard input) and adds each to
// `portfolio`. The files are the shards of one batch (--shard K/N): their
// records are taken in index order (a k-way merge: each shard's records are
// in order, so the portfolio sees them as the unsharded batch would; records
// out of order in a file, from --unordered, are taken as they come), and the
// indices are checked across them. With `independent`, each file is a batch
// of its own (a Spark partition piped through `fulcrum batch -`, whose
// indices start at 0): file after file, the indices checked in each.
// With `records`, each record read is written to it, as it was written, in
// the order taken (independent batches' records numbered anew from 0).
// Throws fulcrum::Error (exit 2) when a file cannot be opened; everything
// wrong inside the files is reported in the result instead.
MergeResult merge_records(const std::vector<std::string>& files, bool independent, Portfolio& portfolio,
                          Progress& progress, RecordSink* records = nullptr);

} // namespace fulcrum
