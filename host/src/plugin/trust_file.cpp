#include "plugin/trust_file.hpp"

#include <sodium.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <stdexcept>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace fulcrum {
namespace {

// Linux 6.3 asks for executable memfds explicitly when vm.memfd_noexec is
// set; older kernels reject the flag, so it is tried first and then dropped.
constexpr unsigned k_mfd_exec = 0x0010U;
constexpr off_t k_max_plugin_bytes = off_t{1} << 30;

std::string errno_text() {
    return std::strerror(errno);
}

bool write_all(int fd, const unsigned char* data, size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        data += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

int make_memfd() {
    int fd = ::memfd_create("fulcrum-plugin", MFD_CLOEXEC | MFD_ALLOW_SEALING | k_mfd_exec);
    if (fd < 0 && errno == EINVAL) {
        fd = ::memfd_create("fulcrum-plugin", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    }
    return fd;
}

std::string real_path(const std::string& path) {
    std::unique_ptr<char, decltype(&std::free)> real(::realpath(path.c_str(), nullptr), &std::free);
    if (!real) {
        throw std::runtime_error(path + ": " + errno_text());
    }
    return real.get();
}

std::string parent_of(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

std::string octal_mode(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

} // namespace

PluginImage PluginImage::read(const std::string& path) {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
    const int source = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (source < 0) {
        throw std::runtime_error("cannot open " + path + ": " + errno_text());
    }
    PluginImage image;
    image.m_fd = source; // closed by the image on every exit from here
    struct stat st {};
    if (::fstat(source, &st) != 0 || !S_ISREG(st.st_mode)) {
        throw std::runtime_error(path + " is not a regular file");
    }
    if (st.st_size > k_max_plugin_bytes) {
        throw std::runtime_error(path + " is larger than 1 GiB; not a plausible plugin");
    }
    int copy = make_memfd();
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<unsigned char> buffer(size_t{1} << 20);
    for (;;) {
        const ssize_t n = ::read(source, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const std::string reason = errno_text();
            if (copy >= 0) {
                ::close(copy);
            }
            throw std::runtime_error("cannot read " + path + ": " + reason);
        }
        if (n == 0) {
            break;
        }
        crypto_hash_sha256_update(&state, buffer.data(), static_cast<unsigned long long>(n));
        image.m_size += static_cast<size_t>(n);
        if (copy >= 0 && !write_all(copy, buffer.data(), static_cast<size_t>(n))) {
            ::close(copy);
            copy = -1;
        }
    }
    crypto_hash_sha256_final(&state, image.m_sha256.data());
    if (copy >= 0 && ::fcntl(copy, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) == 0) {
        ::close(source);
        image.m_fd = copy;
        image.m_sealed = true;
    } else if (copy >= 0) {
        ::close(copy);
    }
    if (!image.m_sealed) {
        ::lseek(source, 0, SEEK_SET);
    }
    return image;
}

PluginImage::PluginImage(PluginImage&& other) noexcept
    : m_fd(other.m_fd), m_sha256(other.m_sha256), m_size(other.m_size), m_sealed(other.m_sealed) {
    other.m_fd = -1;
}

PluginImage& PluginImage::operator=(PluginImage&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = other.m_fd;
        m_sha256 = other.m_sha256;
        m_size = other.m_size;
        m_sealed = other.m_sealed;
        other.m_fd = -1;
    }
    return *this;
}

PluginImage::~PluginImage() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

std::string PluginImage::load_path() const {
    return "/proc/self/fd/" + std::to_string(m_fd);
}

bool PluginImage::mentions(std::string_view needle) const {
    if (m_fd < 0 || m_size == 0 || needle.empty()) {
        return false;
    }
    void* data = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, m_fd, 0);
    if (data == MAP_FAILED) {
        return true; // cannot tell: let the loader decide
    }
    const bool found = ::memmem(data, m_size, needle.data(), needle.size()) != nullptr;
    ::munmap(data, m_size);
    return found;
}

bool PluginImage::starts_with(std::string_view prefix) const {
    std::string head(prefix.size(), '\0');
    return m_fd >= 0 && ::pread(m_fd, head.data(), head.size(), 0) == static_cast<ssize_t>(head.size()) &&
           head == prefix;
}

std::string unsafe_permissions(const std::string& path) {
    std::string current;
    try {
        current = real_path(path);
    } catch (const std::exception& e) {
        return std::string("cannot resolve ") + e.what();
    }
    const uid_t me = ::geteuid();
    bool path_is_file = false;
    for (int level = 0;; ++level) {
        struct stat st {};
        if (::lstat(current.c_str(), &st) != 0) {
            return "cannot inspect " + current + ": " + errno_text();
        }
        if (level == 0) {
            path_is_file = S_ISREG(st.st_mode);
        }
        if (st.st_uid != 0 && st.st_uid != me) {
            return current + " is owned by uid " + std::to_string(st.st_uid) +
                   ", neither root nor you: its owner could change it";
        }
        // The file and the folder it sits in must be closed to others; higher
        // up, a sticky folder (such as /tmp) lets nobody rename our entries.
        const bool strict = level == 0 || (level == 1 && path_is_file);
        const bool sticky = S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX);
        if ((st.st_mode & (S_IWGRP | S_IWOTH)) && (strict || !sticky)) {
            const char* who = (st.st_mode & S_IWOTH) ? "anyone" : "its group";
            return current + " is writable by " + who + " (mode " + octal_mode(st.st_mode) + "); run chmod go-w " +
                   current;
        }
        if (current == "/") {
            return {};
        }
        current = parent_of(current);
    }
}

bool is_directly_in(const std::string& file, const std::string& folder) {
    try {
        return parent_of(real_path(file)) == real_path(folder);
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace fulcrum
