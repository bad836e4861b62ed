// The plugin file on disk: who may write it, and a copy of its bytes taken
// once, so that what was hashed is exactly what gets loaded whatever happens
// to the file afterwards (a swap, or a write in place).
#pragma once

#include "plugin/trust.hpp"

#include <string>
#include <string_view>

namespace fulcrum {

// A sealed in-memory copy of a plugin file (a memfd that can no longer be
// written, grown or shrunk), loadable as /proc/self/fd/N. Where memfds are
// unavailable it holds the opened file itself, which still defeats a swap of
// the path but not a write in place; sealed() tells which.
class PluginImage {
public:
    // Reads `path` once, hashing as it copies. Throws std::runtime_error.
    static PluginImage read(const std::string& path);

    PluginImage() = default;
    PluginImage(PluginImage&& other) noexcept;
    PluginImage& operator=(PluginImage&& other) noexcept;
    PluginImage(const PluginImage&) = delete;
    PluginImage& operator=(const PluginImage&) = delete;
    ~PluginImage();

    int fd() const { return m_fd; }
    std::string load_path() const; // "/proc/self/fd/N"
    const Digest& sha256() const { return m_sha256; }
    size_t size() const { return m_size; }
    bool sealed() const { return m_sealed; }
    // True when the bytes contain `needle`, e.g. the entry symbol's name:
    // a file without it cannot be a plugin, and is never run to find out.
    bool mentions(std::string_view needle) const;
    bool starts_with(std::string_view prefix) const;

private:
    int m_fd = -1;
    Digest m_sha256{};
    size_t m_size = 0;
    bool m_sealed = false;
};

// Empty when `path` may be trusted as a plugin file or folder: it and every
// folder above it are owned by root or by this user, and none is writable by
// group or others (a sticky folder above, such as /tmp, is allowed; the
// plugin's own folder is not). Otherwise the reason, with the fix.
std::string unsafe_permissions(const std::string& path);

// True when `file`'s real folder is `folder`'s real path.
bool is_directly_in(const std::string& file, const std::string& folder);

} // namespace fulcrum
