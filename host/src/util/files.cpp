#include "util/files.hpp"

#include <sys/stat.h>

namespace fulcrum {

bool is_stream(mode_t mode) {
    return S_ISCHR(mode) || S_ISFIFO(mode) || S_ISSOCK(mode);
}

bool names_a_stream(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && is_stream(st.st_mode);
}

} // namespace fulcrum
