#include "proposal/document.hpp"

#include "util/error.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fulcrum {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// 1-based line and column of byte `offset` in `text`.
std::pair<size_t, size_t> line_column(const std::string& text, size_t offset) {
    size_t line = 1;
    size_t column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

// `origin` and where byte `offset` of `text` is in it: ":line:column", or
// only ":column" for a line of a JSON Lines file, whose origin has its line.
std::string where_in(const std::string& origin, const std::string& text, size_t offset, Syntax syntax) {
    const auto [line, column] = line_column(text, offset);
    return origin + (syntax == Syntax::json_line ? "" : ":" + std::to_string(line)) + ":" + std::to_string(column);
}

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1, column 2: ".
std::string reason_of(const std::string& what) {
    const auto colon = what.find(": ");
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

// yaml-cpp says "invalid unicode: 55296" for an escape such as "\uD800";
// say which escape, and why it is not a character.
std::string yaml_reason(const std::string& msg) {
    const std::string prefix = "invalid unicode: ";
    if (msg.rfind(prefix, 0) != 0) {
        return msg;
    }
    char* end = nullptr;
    const unsigned long code = std::strtoul(msg.c_str() + prefix.size(), &end, 10);
    if (end == msg.c_str() + prefix.size() || *end != '\0') {
        return msg;
    }
    char escape[16];
    std::snprintf(escape, sizeof escape, "\\u%04lX", code);
    const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    return std::string("the escape ") + escape + " is not a Unicode character" +
           (surrogate ? " (half of a UTF-16 surrogate pair; write the character itself)" : "");
}

// YAML plain scalars carry no type; read them as YAML 1.2's core schema does.
// Numbers past a double's range and the core schema's .inf and .nan are
// refused, as JSON refuses them, rather than kept as text nobody expects.
nlohmann::json plain_scalar(const std::string& s, const LimitGuard& guard, const std::string& token) {
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
        return nullptr;
    }
    if (s == "true" || s == "True" || s == "TRUE") {
        return true;
    }
    if (s == "false" || s == "False" || s == "FALSE") {
        return false;
    }
    const std::string unsigned_part = s[0] == '+' || s[0] == '-' ? s.substr(1) : s;
    if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF" || s == ".nan" || s == ".NaN" ||
        s == ".NAN") {
        guard.fail(token, "NaN and infinite numbers are not accepted, got " + s);
    }
    const char* begin = s.c_str();
    char* end = nullptr;
    errno = 0;
    if (s.find_first_of(".eE") == std::string::npos) {
        const long long i = std::strtoll(begin, &end, 10);
        if (end == begin + s.size() && errno == 0) {
            return i;
        }
    }
    errno = 0;
    const double d = std::strtod(begin, &end);
    if (end != begin + s.size() || s.find_first_of("xXnN") != std::string::npos) {
        return s;
    }
    if (errno == ERANGE && std::fabs(d) > 1) {
        guard.fail(token, "the number " + s.substr(0, 40) +
                              " is too large for any field (numbers must be finite, at most about 1.8e308)");
    }
    return errno == 0 || std::fabs(d) <= 1 ? nlohmann::json(d) : nlohmann::json(s);
}

// yaml-cpp shares one node between an anchor and its aliases; converting
// copies it at each alias, so the guard counts while copying: a billion
// laughs stops at limits.values or limits.proposal_bytes, a node that
// contains its own alias at limits.depth.
class YamlConverter {
public:
    explicit YamlConverter(const Limits& limits) : m_guard(limits) {}

    nlohmann::json convert(const YAML::Node& node, const std::string& token) {
        m_guard.value(token);
        switch (node.Type()) {
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return nullptr;
        case YAML::NodeType::Scalar:
            m_guard.string(token, node.Scalar().size());
            utf8(token, node.Scalar());
            return node.Tag() == "!" ? nlohmann::json(node.Scalar()) : plain_scalar(node.Scalar(), m_guard, token);
        case YAML::NodeType::Sequence:
            return sequence(node, token);
        case YAML::NodeType::Map:
            return map(node, token);
        }
        return nullptr;
    }

private:
    // Escapes ("\\uD800") and yaml-cpp's guess of UTF-16 or UTF-32 input can
    // yield bytes the check of the raw text never saw.
    void utf8(const std::string& token, const std::string& text) const {
        if (invalid_utf8_at(text) != std::string::npos) {
            m_guard.fail(token, "text that is not valid UTF-8 once its escapes are decoded");
        }
    }

    nlohmann::json sequence(const YAML::Node& node, const std::string& token) {
        m_guard.enter(token);
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : node) {
            const std::string index = std::to_string(out.size());
            m_guard.item(index, out.size() + 1);
            out.push_back(convert(item, index));
        }
        m_guard.leave();
        return out;
    }

    nlohmann::json map(const YAML::Node& node, const std::string& token) {
        m_guard.enter(token);
        nlohmann::json out = nlohmann::json::object();
        for (const auto& kv : node) {
            if (!kv.first.IsScalar()) {
                m_guard.fail(std::to_string(out.size()), "a key that is not text (a null, list or map); keys "
                                                         "must be text");
            }
            const std::string& key = kv.first.Scalar();
            m_guard.key(key);
            utf8("(a key that is not UTF-8)", key);
            if (out.contains(key)) {
                m_guard.fail(key, "duplicate key (each key may appear once in an object)");
            }
            m_guard.item(key, out.size() + 1);
            out[key] = convert(kv.second, key);
        }
        m_guard.leave();
        return out;
    }

    LimitGuard m_guard;
};

struct FileCloser {
    int fd;
    FileCloser(const FileCloser&) = delete;
    FileCloser& operator=(const FileCloser&) = delete;
    ~FileCloser() { ::close(fd); }
};

// Both parsers check UTF-8 in their own way or not at all (yaml-cpp keeps
// any bytes); one check gives one clear message with line and column. A NUL
// byte is valid UTF-8 but never in a proposal, and it would make yaml-cpp
// read the text as UTF-16 or UTF-32.
void require_utf8(const std::string& text, const std::string& origin, Syntax syntax) {
    const size_t nul = text.find('\0');
    if (nul != std::string::npos) {
        throw input_error(where_in(origin, text, nul, syntax) + ": a NUL byte (0x00); proposals are UTF-8 text");
    }
    const size_t bad = invalid_utf8_at(text);
    if (bad != std::string::npos) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
        throw input_error(where_in(origin, text, bad, syntax) + ": invalid UTF-8 (byte " + byte +
                          "); proposals are UTF-8 text");
    }
}

} // namespace

std::string too_large(uint64_t bytes, const Limits& limits) {
    return std::to_string(bytes) + " bytes, more than the limit of " + std::to_string(limits.proposal_bytes) +
           " bytes (limits.proposal_bytes)";
}

Syntax syntax_for_path(const std::string& path) {
    return ends_with(path, ".yaml") || ends_with(path, ".yml") ? Syntax::yaml : Syntax::json;
}

nlohmann::json parse_document(const std::string& text, Syntax syntax, const std::string& origin, const Limits& limits) {
    if (text.size() > limits.proposal_bytes) {
        throw input_error(origin + ": " + too_large(text.size(), limits));
    }
    require_utf8(text, origin, syntax);
    try {
        if (syntax != Syntax::yaml) {
            try {
                return parse_json_within(text, limits);
            } catch (const nlohmann::json::parse_error& e) {
                throw input_error(where_in(origin, text, e.byte == 0 ? 0 : e.byte - 1, syntax) +
                                  ": invalid JSON: " + reason_of(e.what()));
            }
        }
        try {
            return YamlConverter(limits).convert(YAML::Load(text), "");
        } catch (const YAML::DeepRecursion& e) {
            throw input_error(origin + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                              ": nested far deeper than the limit of " + std::to_string(limits.depth) +
                              " arrays and objects (limits.depth)");
        } catch (const YAML::Exception& e) {
            throw input_error(origin + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                              ": invalid YAML: " + yaml_reason(e.msg));
        }
    } catch (const DocumentProblem& e) {
        throw input_error(origin + ": " + e.what());
    }
}

std::string read_file(const std::string& path, uint64_t max_bytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        struct stat st {};
        const bool folder = ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode); // a batch's unlistable folder
        throw input_error(path + (folder ? ": cannot list the folder: " : ": cannot read: ") + std::strerror(error));
    }
    const FileCloser closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        throw input_error(path + ": cannot read: " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        throw input_error(path + ": cannot read: it is a folder");
    }
    Limits limits;
    limits.proposal_bytes = max_bytes;
    // A regular file's size is known: refuse a huge one before reading any of it.
    if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > max_bytes) {
        throw input_error(path + ": " + too_large(static_cast<uint64_t>(st.st_size), limits));
    }
    // Pipes and devices say nothing: read one byte past the limit at most.
    std::string text;
    char buffer[65536];
    for (;;) {
        const uint64_t room = max_bytes + 1 - text.size();
        const ssize_t n = ::read(fd, buffer, static_cast<size_t>(std::min<uint64_t>(room, sizeof buffer)));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            throw input_error(path + ": cannot read: " + std::strerror(errno));
        }
        if (n == 0) {
            return text;
        }
        text.append(buffer, static_cast<size_t>(n));
        if (text.size() > max_bytes) {
            throw input_error(path + ": more than the limit of " + std::to_string(max_bytes) +
                              " bytes (limits.proposal_bytes)");
        }
    }
}

nlohmann::json load_document(const std::string& path, const Limits& limits) {
    return parse_document(read_file(path, limits.proposal_bytes), syntax_for_path(path), path, limits);
}

} // namespace fulcrum
