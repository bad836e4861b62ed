#include "proposal/document.hpp"

#include "util/error.hpp"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

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

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1, column 2: ".
std::string reason_of(const std::string& what) {
    const auto colon = what.find(": ");
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

// YAML plain scalars carry no type; read them as YAML 1.2's core schema does.
nlohmann::json plain_scalar(const std::string& s) {
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
        return nullptr;
    }
    if (s == "true" || s == "True" || s == "TRUE") {
        return true;
    }
    if (s == "false" || s == "False" || s == "FALSE") {
        return false;
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
    if (end == begin + s.size() && errno == 0 && std::isfinite(d) && s.find_first_of("xXnN") == std::string::npos) {
        return d;
    }
    return s;
}

nlohmann::json yaml_to_json(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        return nullptr;
    case YAML::NodeType::Scalar:
        return node.Tag() == "!" ? nlohmann::json(node.Scalar()) : plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : node) {
            out.push_back(yaml_to_json(item));
        }
        return out;
    }
    case YAML::NodeType::Map: {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& kv : node) {
            out[kv.first.as<std::string>()] = yaml_to_json(kv.second);
        }
        return out;
    }
    }
    return nullptr;
}

} // namespace

Syntax syntax_for_path(const std::string& path) {
    return ends_with(path, ".yaml") || ends_with(path, ".yml") ? Syntax::yaml : Syntax::json;
}

nlohmann::json parse_document(const std::string& text, Syntax syntax, const std::string& origin) {
    if (syntax == Syntax::json) {
        try {
            return nlohmann::json::parse(text);
        } catch (const nlohmann::json::parse_error& e) {
            const auto [line, column] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
            throw input_error(origin + ":" + std::to_string(line) + ":" + std::to_string(column) +
                              ": invalid JSON: " + reason_of(e.what()));
        }
    }
    try {
        return yaml_to_json(YAML::Load(text));
    } catch (const YAML::Exception& e) {
        throw input_error(origin + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                          ": invalid YAML: " + e.msg);
    }
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw input_error(path + ": cannot read: " + std::strerror(errno));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

nlohmann::json load_document(const std::string& path) {
    return parse_document(read_file(path), syntax_for_path(path), path);
}

} // namespace fulcrum
