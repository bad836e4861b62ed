#include "batch/record_sink.hpp"

#include "util/error.hpp"
#include "util/files.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace fulcrum {

RecordSink::RecordSink(const std::string& path, bool append) : m_path(path) {
    if (path.empty() || path == "-") {
        m_file = stdout; // stdio's own buffering: output may already have gone through it
        return;
    }
    if (names_a_stream(path)) {
        m_file = std::fopen(path.c_str(), "wb");
        if (m_file == nullptr) {
            throw usage_error(path + ": cannot write: " + std::strerror(errno));
        }
        buffer();
        return;
    }
    struct stat link {};
    if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        throw usage_error("-o " + path +
                          ": it is a symbolic link; name the file itself (a link is never "
                          "followed or replaced)");
    }
    m_partial = partial_path(path);
    struct stat partial {};
    if (!append && ::stat(m_partial.c_str(), &partial) == 0) {
        throw usage_error(m_partial + " exists from an interrupted run: continue it with fulcrum batch --resume, or "
                                      "delete it");
    }
    m_file = std::fopen(m_partial.c_str(), append ? "ab" : "wb");
    if (m_file == nullptr) {
        throw usage_error(m_partial + ": cannot write: " + std::strerror(errno));
    }
    buffer();
}

RecordSink::~RecordSink() {
    if (m_file != nullptr && m_file != stdout) {
        std::fclose(m_file);
    }
}

void RecordSink::write(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), m_file) != text.size()) {
        throw usage_error(where() + ": write failed: " + std::strerror(errno));
    }
}

void RecordSink::commit() {
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

bool RecordSink::discard() {
    flush();
    if (m_file == stdout || m_partial.empty()) {
        return true;
    }
    std::fclose(m_file);
    m_file = nullptr;
    std::remove(m_partial.c_str());
    return false;
}

void RecordSink::buffer() {
    m_buffer = std::make_unique<char[]>(k_buffer_bytes);
    std::setvbuf(m_file, m_buffer.get(), _IOFBF, k_buffer_bytes);
}

std::string RecordSink::where() const {
    return !m_partial.empty() ? m_partial : m_file == stdout ? "standard output" : m_path;
}

} // namespace fulcrum
