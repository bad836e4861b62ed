#include "batch/inputs.hpp"

#include "util/error.hpp"

#include <boost/filesystem.hpp>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iostream>

namespace fulcrum {
namespace fs = boost::filesystem;

namespace {

bool has_extension(const std::string& path, std::initializer_list<const char*> extensions) {
    const std::string ext = fs::path(path).extension().string();
    return std::any_of(extensions.begin(), extensions.end(), [&](const char* e) { return ext == e; });
}

// The proposal files under `folder`, in its subfolders too. A link to a file
// that is not there, and a folder that cannot be listed, are kept as inputs:
// their records then say why they cannot be read, rather than the batch
// leaving them out unsaid. Links to folders are not followed (no loops).
std::vector<std::string> proposal_files(const std::string& folder) {
    std::vector<std::string> found;
    std::vector<fs::path> folders{folder};
    while (!folders.empty()) {
        const fs::path here = std::move(folders.back());
        folders.pop_back();
        boost::system::error_code ec;
        fs::directory_iterator it(here, ec);
        for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
            const fs::file_status link = it->symlink_status(ec);
            if (ec) {
                break;
            }
            if (fs::is_directory(link)) {
                folders.push_back(it->path());
                continue;
            }
            if (!has_extension(it->path().string(), {".json", ".yaml", ".yml", ".jsonl", ".ndjson"})) {
                continue;
            }
            boost::system::error_code target_ec;
            const fs::file_status target = fs::status(it->path(), target_ec);
            if (fs::is_regular_file(target) || (fs::is_symlink(link) && !fs::exists(target))) {
                found.push_back(it->path().string());
            }
        }
        if (ec) {
            found.push_back(here.string());
        }
    }
    return found;
}

bool blank(const std::string& line) {
    return line.find_first_not_of(" \t\r") == std::string::npos;
}

// A line that counts as a proposal: not blank, or too long to be read.
bool counts(const std::string& line, uint64_t length, uint64_t max_bytes) {
    return length > max_bytes || !blank(line);
}

std::vector<std::string> expand(const std::vector<std::string>& inputs) {
    std::vector<std::string> out;
    for (const auto& input : inputs) {
        if (input == "-") {
            out.push_back(input);
            continue;
        }
        boost::system::error_code ec;
        const auto status = fs::status(input, ec);
        if (ec || !fs::exists(status)) {
            throw usage_error(input + ": no such file or directory");
        }
        if (!fs::is_directory(status)) {
            out.push_back(input);
            continue;
        }
        std::vector<std::string> found = proposal_files(input);
        std::sort(found.begin(), found.end());
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

} // namespace

std::string InputItem::origin() const {
    return line == 0 ? input : input + ":" + std::to_string(line);
}

bool is_json_lines(const std::string& path) {
    return path == "-" || has_extension(path, {".jsonl", ".ndjson"});
}

InputReader::InputReader(std::vector<std::string> inputs, uint64_t max_bytes)
    : m_sources(expand(inputs)), m_max_bytes(max_bytes) {}

InputReader::~InputReader() = default;

bool InputReader::open_next_source() {
    m_lines.reset();
    if (m_next_source >= m_sources.size()) {
        return false;
    }
    m_current = m_sources[m_next_source++];
    m_line = 0;
    return true;
}

std::optional<InputItem> InputReader::next() {
    for (;;) {
        if (m_lines) {
            std::string line;
            while (const std::optional<uint64_t> length = m_lines->next(line, m_max_bytes)) {
                ++m_line;
                if (!counts(line, *length, m_max_bytes)) {
                    continue;
                }
                InputItem item;
                item.index = m_index++;
                item.input = m_current;
                item.line = m_line;
                item.syntax = Syntax::json_line;
                if (*length > m_max_bytes) {
                    Limits limits;
                    limits.proposal_bytes = m_max_bytes;
                    item.read_error = item.origin() + ": " + too_large(*length, limits);
                } else {
                    item.text = std::move(line);
                }
                return item;
            }
            m_lines.reset();
        }
        if (!open_next_source()) {
            return std::nullopt;
        }
        if (is_json_lines(m_current)) {
            if (m_current == "-") {
                m_lines.emplace(std::cin.rdbuf());
                continue;
            }
            auto file = std::make_unique<std::ifstream>(m_current, std::ios::binary);
            if (*file) {
                m_lines.emplace(std::unique_ptr<std::istream>(std::move(file)));
                continue;
            }
        }
        InputItem item;
        item.index = m_index++;
        item.input = m_current;
        item.syntax = syntax_for_path(m_current);
        try {
            item.text = read_file(m_current, m_max_bytes);
        } catch (const Error& e) {
            item.read_error = e.what();
        }
        return item;
    }
}

std::optional<uint64_t> InputReader::count(const std::vector<std::string>& inputs, uint64_t max_bytes) {
    uint64_t total = 0;
    for (const auto& source : expand(inputs)) {
        if (source == "-") {
            return std::nullopt;
        }
        if (!is_json_lines(source)) {
            ++total;
            continue;
        }
        std::ifstream in(source, std::ios::binary);
        LineReader lines(in.rdbuf());
        std::string line;
        while (const std::optional<uint64_t> length = lines.next(line, max_bytes)) {
            total += counts(line, *length, max_bytes) ? 1 : 0;
        }
    }
    return total;
}

} // namespace fulcrum
