#include "batch/record_line.hpp"

#include <string_view>
#include <utility>

namespace fulcrum {

namespace {

constexpr size_t k_none = std::string_view::npos;

// Past the string that opens at `i`, or k_none when it does not close.
size_t skip_string(std::string_view text, size_t i) {
    for (size_t j = i + 1; j < text.size(); ++j) {
        if (text[j] == '\\') {
            ++j;
        } else if (text[j] == '"') {
            return j + 1;
        }
    }
    return k_none;
}

// Past the value that starts at `i` (strings and brackets balanced; nothing
// else checked), or k_none.
size_t skip_value(std::string_view text, size_t i) {
    if (i >= text.size()) {
        return k_none;
    }
    if (text[i] == '"') {
        return skip_string(text, i);
    }
    if (text[i] != '{' && text[i] != '[') {
        const size_t end = text.find_first_of(",}] \t\r\n", i);
        return end == i ? k_none : end == k_none ? text.size() : end; // a value, not nothing
    }
    int depth = 0;
    for (size_t j = i; j < text.size(); ++j) {
        const char c = text[j];
        if (c == '"') {
            j = skip_string(text, j);
            if (j == k_none) {
                return k_none;
            }
            --j;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return j + 1;
        }
    }
    return k_none;
}

size_t skip_blanks(std::string_view text, size_t i) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) {
        ++i;
    }
    return i;
}

// Where the record's top-level "review" member is, with a comma beside it,
// so that the text without it is the rest of the record; nothing when there
// is none, or the top level is not well formed (the full parser then says
// why). Only the top level is looked at: the review is skipped by counting
// brackets, some 30 KiB that nothing read back needs.
std::optional<std::pair<size_t, size_t>> review_member(std::string_view text) {
    size_t i = skip_blanks(text, 0);
    if (i >= text.size() || text[i] != '{') {
        return std::nullopt;
    }
    i = skip_blanks(text, i + 1);
    size_t comma_before = k_none;
    while (i < text.size() && text[i] == '"') {
        const size_t member = i;
        const size_t key_end = skip_string(text, i);
        if (key_end == k_none) {
            return std::nullopt;
        }
        const bool is_review = text.substr(member, key_end - member) == "\"review\"";
        i = skip_blanks(text, key_end);
        if (i >= text.size() || text[i] != ':') {
            return std::nullopt;
        }
        const size_t value_end = skip_value(text, skip_blanks(text, i + 1));
        if (value_end == k_none) {
            return std::nullopt;
        }
        i = skip_blanks(text, value_end);
        if (is_review) {
            if (comma_before != k_none) {
                return std::make_pair(comma_before, value_end);
            }
            if (i < text.size() && text[i] == ',') {
                return std::make_pair(member, i + 1);
            }
            return std::make_pair(member, value_end);
        }
        if (i >= text.size() || text[i] != ',') {
            return std::nullopt;
        }
        comma_before = i;
        i = skip_blanks(text, i + 1);
    }
    return std::nullopt;
}

} // namespace

std::optional<nlohmann::json> parse_record_line(const std::string& line) {
    using json = nlohmann::json;
    if (const auto review = review_member(line)) {
        std::string rest = line.substr(0, review->first);
        rest.append(line, review->second, std::string::npos);
        json record = json::parse(rest, nullptr, /*allow_exceptions=*/false);
        if (record.is_discarded()) {
            return std::nullopt;
        }
        record.erase("review"); // given twice: the full parser would have kept the second
        return record;
    }
    const json::parser_callback_t skip_review = [](int depth, json::parse_event_t event, json& parsed) {
        return !(depth == 1 && event == json::parse_event_t::key && parsed == "review");
    };
    json record = json::parse(line, skip_review, /*allow_exceptions=*/false);
    if (record.is_discarded()) {
        return std::nullopt;
    }
    return record;
}

} // namespace fulcrum
