// Compact JSON text written straight into a string, byte for byte as
// nlohmann's dump() prints the same values (its escapes, its shortest
// round-trip numbers, `null` for what is not finite), without building a
// tree first. A batch writes one review per proposal, and the tree cost more
// than the review (docs/performance.md).
//
// The writer owns the string while it writes: it keeps a cursor into spare
// room it made at the end, so that each piece is a bounds check and a copy
// rather than a call into std::string. take() hands the text back.
//
//     JsonWriter w(std::move(buffer)); // appends after what buffer holds
//     w.begin_object().field("id", id).end_object();
//     std::string text = w.take();
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace fulcrum {

class JsonWriter {
public:
    explicit JsonWriter(std::string out = {});
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    // The text written, after what the string given held; the writer is
    // empty afterwards.
    std::string take();

    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }

    // The name of the next member of the object being written.
    JsonWriter& key(std::string_view name);
    // The same for a name written in the code, which never needs an escape:
    // copied as it is, without a scan. (Names from data go through the
    // string_view overload, which escapes.)
    template <size_t N> JsonWriter& key(const char (&name)[N]) {
        separate();
        room(N + 2);
        *m_at++ = '"';
        std::memcpy(m_at, name, N - 1);
        m_at += N - 1;
        *m_at++ = '"';
        *m_at++ = ':';
        m_after_key = true;
        return *this;
    }

    JsonWriter& value(std::string_view text) {
        separate();
        quoted(text);
        return *this;
    }
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(bool flag);
    JsonWriter& value(double number);
    JsonWriter& null();
    template <typename Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int> = 0>
    JsonWriter& value(Int number) {
        separate();
        room(24);
        m_at = std::to_chars(m_at, m_at + 24, number).ptr;
        return *this;
    }
    JsonWriter& value(const std::vector<std::string>& texts);
    // A word of the code's own vocabulary ("critical", "recommended"):
    // printable ASCII that never needs an escape, copied without a scan.
    // Text from data goes through value().
    JsonWriter& word(std::string_view plain) {
        separate();
        room(plain.size() + 2);
        *m_at++ = '"';
        std::memcpy(m_at, plain.data(), plain.size());
        m_at += plain.size();
        *m_at++ = '"';
        return *this;
    }
    // A value already printed as compact JSON.
    JsonWriter& raw(std::string_view json_text);

    template <typename T> JsonWriter& field(std::string_view name, const T& v) { return key(name).value(v); }
    template <size_t N, typename T> JsonWriter& field(const char (&name)[N], const T& v) { return key(name).value(v); }

private:
    // The small steps are written here, where the compiler can fold them
    // into each caller: a review is a couple of thousand of them.
    JsonWriter& open(char bracket) {
        separate();
        put(bracket);
        m_has_items.push_back(0);
        return *this;
    }
    JsonWriter& close(char bracket) {
        m_has_items.pop_back();
        put(bracket);
        return *this;
    }
    // A comma before every item but a container's first.
    void separate() {
        if (m_after_key) {
            m_after_key = false;
            return;
        }
        if (!m_has_items.empty()) {
            if (m_has_items.back()) {
                put(',');
            }
            m_has_items.back() = 1;
        }
    }
    void quoted(std::string_view text);
    void escaped(std::string_view text);

    // At least n bytes of spare room at the cursor.
    void room(size_t n) {
        if (static_cast<size_t>(m_end - m_at) < n) {
            grow(n);
        }
    }
    void grow(size_t n);
    void put(char c) {
        room(1);
        *m_at++ = c;
    }
    void put(std::string_view text) {
        room(text.size());
        std::memcpy(m_at, text.data(), text.size());
        m_at += text.size();
    }

    std::string m_out;             // the text, then the room made so far
    char* m_at = nullptr;          // the end of the text
    char* m_end = nullptr;         // the end of the room
    std::vector<char> m_has_items; // one per open container: whether it has an item yet
    bool m_after_key = false;
};

} // namespace fulcrum
