#include "plugin/worker_protocol.hpp"

#include <cstdio>

namespace fulcrum::worker {

bool sent_by_host(Kind kind) {
    return kind == Kind::load || kind == Kind::evaluate || kind == Kind::stress || kind == Kind::paths;
}

bool sent_by_worker(Kind kind) {
    switch (kind) {
    case Kind::hello:
    case Kind::loaded:
    case Kind::load_failed:
    case Kind::result:
    case Kind::failed:
    case Kind::stress_result:
    case Kind::paths_result:
        return true;
    default:
        return false;
    }
}

namespace {

void put_u32(std::string& out, uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.push_back(static_cast<char>((value >> shift) & 0xffu));
    }
}

uint32_t get_u32(const std::string& in, size_t at) {
    uint32_t value = 0;
    for (size_t i = 0; i < 4; ++i) {
        value = (value << 8) | static_cast<unsigned char>(in[at + i]);
    }
    return value;
}

std::string text_field(const nlohmann::json& doc, const char* key) {
    auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string hex32(uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", value);
    return text;
}

} // namespace

std::string encode_frame(Kind kind, uint32_t sequence, std::string_view payload) {
    std::string out;
    out.reserve(k_header_size + payload.size());
    put_u32(out, k_magic);
    out.push_back(static_cast<char>(kind));
    out.append(3, '\0');
    put_u32(out, sequence);
    put_u32(out, static_cast<uint32_t>(payload.size()));
    out.append(payload.data(), payload.size());
    return out;
}

FrameReader::Status FrameReader::next(Frame& out) {
    if (!m_error.empty()) {
        return Status::error;
    }
    if (m_buffer.size() < k_header_size) {
        // Check what has arrived so far, so that garbage fails at once rather
        // than waiting for a header's worth of bytes that may never come.
        const size_t have = std::min<size_t>(m_buffer.size(), 4);
        const std::string expected = encode_frame(Kind::hello, 0, {}).substr(0, have);
        if (m_buffer.compare(0, have, expected) != 0) {
            m_error = "bytes that are not a protocol frame";
            return Status::error;
        }
        return Status::need_more;
    }
    const uint32_t magic = get_u32(m_buffer, 0);
    if (magic != k_magic) {
        m_error = "bytes that are not a protocol frame (magic " + hex32(magic) + ")";
        return Status::error;
    }
    const auto kind = static_cast<Kind>(static_cast<unsigned char>(m_buffer[4]));
    const bool allowed = m_sender == Sender::worker ? sent_by_worker(kind) : sent_by_host(kind);
    if (!allowed || m_buffer[5] != '\0' || m_buffer[6] != '\0' || m_buffer[7] != '\0') {
        m_error = "a frame of unknown kind " + hex32(get_u32(m_buffer, 4));
        return Status::error;
    }
    const uint32_t length = get_u32(m_buffer, 12);
    if (length > m_max_payload) {
        m_error = "a frame of " + std::to_string(length) + " bytes, past the limit of " +
                  std::to_string(m_max_payload) + " bytes";
        return Status::error;
    }
    if (m_buffer.size() < k_header_size + length) {
        return Status::need_more;
    }
    out.kind = kind;
    out.sequence = get_u32(m_buffer, 8);
    out.payload.assign(m_buffer, k_header_size, length);
    m_buffer.erase(0, k_header_size + length);
    return Status::frame;
}

std::string check_hello(const Frame& frame) {
    const auto doc = nlohmann::json::parse(frame.payload, nullptr, false);
    if (frame.kind != Kind::hello || !doc.is_object() || !doc.contains("protocol")) {
        return "the worker did not greet the host";
    }
    if (doc["protocol"] != k_protocol_version) {
        return "the worker speaks protocol " + doc["protocol"].dump() + "; this host speaks " +
               std::to_string(k_protocol_version) + " (reinstall fulcrum)";
    }
    return {};
}

LoadReply read_load_reply(const Frame& frame) {
    LoadReply out;
    const auto doc = nlohmann::json::parse(frame.payload, nullptr, false);
    if (frame.kind == Kind::load_failed && doc.is_object()) {
        out.error = text_field(doc, "error");
        auto is_plugin = doc.find("is_plugin");
        out.is_plugin = is_plugin != doc.end() && is_plugin->is_boolean() && is_plugin->get<bool>();
        out.id = text_field(doc, "id");
        if (out.error.empty()) {
            out.error = "refused to load, without saying why";
        }
        return out;
    }
    if (frame.kind != Kind::loaded || !doc.is_object() || !doc.contains("manifest")) {
        out.error = "wrote malformed output: an unexpected reply to the load request";
        return out;
    }
    try {
        out.manifest = parse_manifest(doc["manifest"].dump());
    } catch (const std::exception& e) {
        out.error = std::string("sent a manifest the host refuses: ") + e.what();
    }
    return out;
}

StressReply read_stress_reply(const Frame& frame, size_t proposals) {
    StressReply out;
    const auto doc = nlohmann::json::parse(frame.payload, nullptr, false);
    if (frame.kind != Kind::stress_result || !doc.is_object() || !doc.contains("results") ||
        !doc["results"].is_array()) {
        out.failure = frame.kind == Kind::failed ? frame.payload : "wrote malformed output: a bad stress reply";
        return out;
    }
    for (const auto& entry : doc["results"]) {
        auto index = entry.is_object() ? entry.find("index") : entry.end();
        auto ok = entry.is_object() ? entry.find("ok") : entry.end();
        if (!entry.is_object() || index == entry.end() || !index->is_number_unsigned() ||
            index->get<size_t>() >= proposals || ok == entry.end() || !ok->is_boolean()) {
            out.failure = "wrote malformed output: a bad stress result";
            break;
        }
        StressEntry read;
        read.index = index->get<size_t>();
        read.ok = ok->get<bool>();
        read.text = text_field(entry, read.ok ? "output" : "error");
        out.entries.push_back(std::move(read));
    }
    return out;
}

PathsReply read_paths_reply(const Frame& frame) {
    PathsReply out;
    const auto doc = nlohmann::json::parse(frame.payload, nullptr, false);
    if (frame.kind != Kind::paths_result || !doc.is_object() || !doc.contains("answers") ||
        !doc["answers"].is_array()) {
        out.failure = frame.kind == Kind::failed ? frame.payload : "wrote malformed output: a bad entry point reply";
        return out;
    }
    for (const auto& entry : doc["answers"]) {
        auto path = entry.is_object() ? entry.find("path") : entry.end();
        auto ok = entry.is_object() ? entry.find("ok") : entry.end();
        if (!entry.is_object() || path == entry.end() || !path->is_string() || ok == entry.end() || !ok->is_boolean()) {
            out.failure = "wrote malformed output: a bad entry point answer";
            break;
        }
        PathAnswer read;
        read.path = path->get<std::string>();
        read.ok = ok->get<bool>();
        read.text = text_field(entry, read.ok ? "output" : "error");
        out.answers.push_back(std::move(read));
    }
    return out;
}

nlohmann::json manifest_to_json(const Manifest& manifest) {
    return {{"id", manifest.id},
            {"name", manifest.name},
            {"vendor", manifest.vendor},
            {"version", manifest.version},
            {"description", manifest.description},
            {"categories", manifest.categories},
            {"abi_version", std::to_string(manifest.abi_major) + "." + std::to_string(manifest.abi_minor)},
            {"thread_safe", manifest.thread_safe},
            {"config_schema", manifest.config_schema},
            {"rules", manifest.rules}};
}

} // namespace fulcrum::worker
