// One batch output record per input proposal (a JSON line): the review, or
// an error naming the input, line and reason. docs/batch.md shows both.
#pragma once

#include "batch/inputs.hpp"
#include "batch/portfolio.hpp"
#include "batch/record_line.hpp"
#include "review/reviewer.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fulcrum {

struct RecordResult {
    std::string line;   // the record, ending in '\n'
    std::string origin; // the proposal's "file" or "file:line", for messages
    std::optional<PortfolioRow> row;
    bool invalid = false;
    bool incomplete = false;
};

// What a reviewed proposal's record holds besides its envelope: the
// portfolio row and the whole review (some 32 KiB for the benchmark's
// proposals), or the row alone (under 1 KiB), which is all that fulcrum
// portfolio, --resume and --fail-on read.
enum class RecordContent { review, portfolio };

// Parses, validates and reviews one item. Never throws for a bad proposal or
// a failing plugin: those become the record.
// `buffer`, when given, is where the record is written: a line an earlier
// record no longer needs, whose memory is used again.
RecordResult review_record(const InputItem& item, const Reviewer& reviewer, std::string buffer = {},
                           RecordContent content = RecordContent::review);

// A record's `portfolio` member, as JSON text.
std::string portfolio_text(const PortfolioRow& row);

// A batch record read back from a file: where it came from and what it
// counted as (the line itself is not kept).
struct ReadRecord {
    uint64_t index = 0;
    RecordResult result;
};

// Checks a parsed record and reads what the portfolio needs of it. Throws
// fulcrum::Error (exit 3) naming `where` and the member at fault.
ReadRecord read_record(const nlohmann::json& record, const std::string& where);

struct ResumeState {
    bool found = false;                   // a partial output existed
    std::map<uint64_t, std::string> done; // index -> origin ("file" or "file:line")
    std::vector<RecordResult> results;    // what they counted as (line left empty)
};

// Reads the records an interrupted run wrote; a torn last line (the run was
// killed mid-write) is cut off so that the file can be appended to.
ResumeState read_partial_output(const std::string& partial_path);

// The portfolio summary to each path: CSV when it ends in .csv, the board's
// page when in .html, else JSON. A file that cannot be written does not keep
// the others from being written; the error then names every one that failed.
void write_summaries(const std::vector<std::string>& paths, const Portfolio& portfolio);

} // namespace fulcrum
