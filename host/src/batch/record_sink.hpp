// Where batch records go: standard output, a device or pipe written in
// place, or FILE.partial renamed to FILE once the records are whole, so that
// a reader never sees a half-written portfolio as finished.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace fulcrum {

class RecordSink {
public:
    // `append`: continue FILE.partial (--resume). Otherwise an existing
    // FILE.partial, an interrupted run's records, is refused, never
    // overwritten. Throws fulcrum::Error (exit 2) then, and when it cannot be
    // opened; a symbolic link at `path` is refused, never followed or replaced.
    RecordSink(const std::string& path, bool append);
    ~RecordSink();
    RecordSink(const RecordSink&) = delete;
    RecordSink& operator=(const RecordSink&) = delete;

    void write(std::string_view text);
    void flush() { std::fflush(m_file); }
    // Makes the output whole: renames the partial file into place.
    void commit();
    // Gives the output up: the partial file is removed (a device, a pipe or
    // standard output keeps what was written). Returns whether anything
    // written stays.
    bool discard();
    static std::string partial_path(const std::string& path) { return path + ".partial"; }

private:
    void buffer();
    std::string where() const;

    // A record is some 24 KiB: with stdio's default buffer each took two
    // write calls; a megabyte takes forty records a call. The batch flushes
    // every 256 records and whenever its writer waits, so a reader of the
    // file or device still sees progress.
    static constexpr size_t k_buffer_bytes = 1 << 20;
    std::string m_path;
    std::string m_partial;
    FILE* m_file = nullptr;
    std::unique_ptr<char[]> m_buffer; // stdio's buffer for m_file; outlives every write
};

} // namespace fulcrum
