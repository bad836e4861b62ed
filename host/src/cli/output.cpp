#include "cli/output.hpp"

#include "util/error.hpp"
#include "util/files.hpp"

#include <boost/filesystem.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace fulcrum {

namespace {

// Writes all of `text` to `fd`; returns "" or the reason it failed.
std::string write_all(int fd, const std::string& text) {
    size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return std::strerror(n < 0 ? errno : EIO);
        }
        written += static_cast<size_t>(n);
    }
    return {};
}

// Devices and pipes are streams: there is no file to replace, and renaming
// over /dev/null would put a regular file in its place.
void write_stream(const std::string& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        throw usage_error(path + ": cannot write: " + std::strerror(errno));
    }
    const std::string problem = write_all(fd, text);
    ::close(fd);
    if (!problem.empty()) {
        throw usage_error(path + ": cannot write: " + problem);
    }
}

// True when `file` lies somewhere under `folder` with an extension that a
// batch over the folder reads as a proposal.
bool inside_as_proposal(const std::string& file, const std::string& folder) {
    namespace fs = boost::filesystem;
    boost::system::error_code error;
    const fs::path f = fs::canonical(file, error);
    const fs::path d = error ? fs::path() : fs::canonical(folder, error);
    if (error) {
        return false;
    }
    const std::string ext = f.extension().string();
    if (ext != ".json" && ext != ".yaml" && ext != ".yml") {
        return false;
    }
    const std::string prefix = d.string() + "/";
    return f.string().compare(0, prefix.size(), prefix) == 0;
}

} // namespace

void write_output(const std::string& path, const std::string& text) {
    if (path.empty() || path == "-") {
        std::cout << text;
        std::cout.flush();
        return;
    }
    struct stat link {};
    mode_t mode = 0644;
    if (::lstat(path.c_str(), &link) == 0) {
        struct stat target {};
        if (S_ISLNK(link.st_mode)) {
            if (::stat(path.c_str(), &target) == 0 && is_stream(target.st_mode)) {
                write_stream(path, text);
                return;
            }
            throw usage_error(path + ": cannot write: it is a symbolic link; fulcrum neither follows it nor "
                                     "replaces it (name the file it points to instead)");
        }
        if (S_ISDIR(link.st_mode)) {
            throw usage_error(path + ": cannot write: it is a folder");
        }
        if (is_stream(link.st_mode)) {
            write_stream(path, text);
            return;
        }
        mode = link.st_mode & 0777;
    }
    // mkstemp creates with O_EXCL, so it never opens a file or link planted
    // at the temporary name; rename replaces the entry at `path` itself.
    std::string tmp = path + ".tmp-XXXXXX";
    const int fd = mkstemp(tmp.data());
    if (fd < 0) {
        throw usage_error(path + ": cannot write: " + std::strerror(errno));
    }
    const std::string problem = write_all(fd, text);
    if (!problem.empty()) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw usage_error(path + ": cannot write: " + problem);
    }
    ::fchmod(fd, mode);
    int failure = ::fsync(fd) != 0 ? errno : 0;
    if (::close(fd) != 0 && failure == 0) {
        failure = errno;
    }
    if (failure == 0 && std::rename(tmp.c_str(), path.c_str()) != 0) {
        failure = errno;
    }
    if (failure != 0) {
        ::unlink(tmp.c_str());
        throw usage_error(path + ": cannot write: " + std::strerror(failure));
    }
}

void check_writable(const std::string& path, const std::string& flag) {
    if (path.empty() || path == "-") {
        return;
    }
    const std::string where = flag + " " + path + ": cannot write: ";
    struct stat entry {};
    if (::lstat(path.c_str(), &entry) == 0) {
        struct stat target {};
        if (is_stream(entry.st_mode) ||
            (S_ISLNK(entry.st_mode) && ::stat(path.c_str(), &target) == 0 && is_stream(target.st_mode))) {
            return;
        }
        if (S_ISLNK(entry.st_mode)) {
            throw usage_error(where + "it is a symbolic link; fulcrum neither follows it nor replaces it");
        }
        if (S_ISDIR(entry.st_mode)) {
            throw usage_error(where + "it is a folder");
        }
    }
    // The file is replaced by renaming a new one into its folder: the folder
    // is what must exist and take new entries.
    std::string folder = boost::filesystem::path(path).parent_path().string();
    if (folder.empty()) {
        folder = ".";
    }
    struct stat dir {};
    if (::stat(folder.c_str(), &dir) != 0) {
        throw usage_error(where + "folder " + folder + ": " + std::strerror(errno));
    }
    if (!S_ISDIR(dir.st_mode)) {
        throw usage_error(where + folder + " is not a folder");
    }
    if (::access(folder.c_str(), W_OK | X_OK) != 0) {
        throw usage_error(where + "folder " + folder + ": " + std::strerror(errno));
    }
}

void refuse_overwriting_inputs(const std::string& output, const std::vector<std::string>& inputs,
                               const std::string& flag) {
    struct stat out {};
    if (output.empty() || output == "-" || ::stat(output.c_str(), &out) != 0 || is_stream(out.st_mode)) {
        return; // nothing there yet, or a stream such as /dev/stdout that replaces no file
    }
    for (const auto& input : inputs) {
        struct stat in {};
        if (input.empty() || input == "-" || ::stat(input.c_str(), &in) != 0) {
            continue;
        }
        if (in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
            throw usage_error(flag + " " + output + ": it is also an input (" + input +
                              "); writing there would destroy it");
        }
        if (S_ISDIR(in.st_mode) && inside_as_proposal(output, input)) {
            throw usage_error(flag + " " + output + ": it is a proposal in the input folder " + input +
                              "; writing there would destroy it");
        }
    }
}

} // namespace fulcrum
