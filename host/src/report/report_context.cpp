#include "report/report_context.hpp"

#include <ctime>
#include <filesystem>

namespace fulcrum {

std::string rfc3339_utc(long long epoch_seconds) {
    const std::time_t t = static_cast<std::time_t>(epoch_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

namespace {

// RFC 3986 path characters pass; everything else, bytes of UTF-8 included, is %XX.
std::string percent_encode_path(const std::string& path) {
    static const char* const k_hex = "0123456789ABCDEF";
    std::string out;
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           std::string("-._~/!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string::npos;
        if (plain) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += k_hex[c >> 4];
            out += k_hex[c & 15];
        }
    }
    return out;
}

} // namespace

std::string artifact_uri(const std::string& path, const std::string& base_dir) {
    namespace fs = std::filesystem;
    fs::path p(path);
    if (base_dir.empty()) {
        return percent_encode_path(p.generic_string());
    }
    const fs::path base(base_dir);
    const fs::path absolute = (p.is_absolute() ? p : base / p).lexically_normal();
    const fs::path relative = absolute.lexically_relative(base);
    if (!relative.empty() && *relative.begin() != "..") {
        const std::string uri = percent_encode_path(relative.generic_string());
        // A colon in the first segment would read as a URI scheme.
        return uri.substr(0, uri.find('/')).find(':') == std::string::npos ? uri : "./" + uri;
    }
    return "file://" + percent_encode_path(absolute.generic_string());
}

} // namespace fulcrum
