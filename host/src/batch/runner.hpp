// Runs a batch: reads inputs, reviews them on N threads, writes one JSON
// Lines record per proposal in input order (or as they finish), keeps the
// portfolio summary, and stops cleanly on SIGINT/SIGTERM so that --resume
// can continue without reviewing anything twice.
#pragma once

#include "batch/portfolio.hpp"
#include "batch/record.hpp"
#include "review/reviewer.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace fulcrum {

struct BatchOptions {
    std::vector<std::string> inputs;
    std::string output;                 // "" or "-" for standard output
    std::vector<std::string> summaries; // each: .csv for CSV, .html for the board's page, else JSON
    unsigned jobs = 1;
    bool ordered = true;
    bool resume = false;
    bool progress = false; // a progress line on standard error
    unsigned shard = 1;    // this shard, 1-based
    unsigned shards = 1;   // of this many
    PortfolioOptions portfolio;
    RecordContent record = RecordContent::review;
};

struct BatchStats {
    uint64_t records = 0; // written by this run
    uint64_t resumed = 0; // found done from an earlier run
    uint64_t invalid = 0;
    uint64_t incomplete = 0;
    uint64_t rejected = 0;
    uint64_t not_approved = 0; // anything but approve
    // The first few proposals a --fail-on gate stops on, as "id (file:line):
    // decision", for the message that says why it tripped.
    std::vector<std::string> rejected_shown;
    std::vector<std::string> not_approved_shown;
    bool interrupted = false;
};

// Counts a record into the stats.
void tally(BatchStats& stats, const RecordResult& record);

// Throws fulcrum::Error for problems with the batch as a whole (unreadable
// input folder, unwritable output, --resume that does not match).
BatchStats run_batch(const BatchOptions& options, const Reviewer& reviewer);

// Installs SIGINT/SIGTERM handlers that ask running batches to stop.
void install_interrupt_handlers();
bool interrupt_requested();

} // namespace fulcrum
