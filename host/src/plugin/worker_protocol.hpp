// The protocol between the host and a plugin worker (fulcrum-worker): frames
// over one socket, each with a magic number, a kind, a sequence number and a
// length, so that stray bytes a plugin writes can never pass for a reply and a
// reply can never be taken for another call's. docs/security.md describes it.
#pragma once

#include "plugin/manifest.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fulcrum::worker {

constexpr int k_protocol_version = 1;

// The worker's file descriptors, fixed by the host when it starts one.
constexpr int k_socket_fd = 3; // the worker's end of the socket
constexpr int k_image_fd = 4;  // the verified plugin file (a sealed copy)

// How the worker exits when an allocation fails under its memory limit.
constexpr int k_exit_out_of_memory = 86;

constexpr uint32_t k_magic = 0x464c4357; // "FLCW"
constexpr size_t k_header_size = 16;     // magic, kind + 3 reserved bytes, sequence, length
// Replies are small (a contribution); anything bigger is a plugin gone wrong.
constexpr size_t k_max_reply_bytes = size_t{16} << 20;
// Requests carry proposals, which the host has already size-checked.
constexpr size_t k_max_request_bytes = size_t{256} << 20;

enum class Kind : uint8_t {
    // host -> worker
    load = 'L',     // JSON {"settings": {plugin id: config}}
    evaluate = 'E', // proposal JSON text
    stress = 'S',   // JSON {"proposals": [text...], "threads": n, "rounds": n}
    paths = 'P',    // proposal JSON text: the answer of each entry point the plugin offers
    // worker -> host
    hello = 'H',         // JSON {"protocol": 1, "worker": "fulcrum-worker x.y.z"}
    loaded = 'M',        // JSON {"manifest": {...}}
    load_failed = 'N',   // JSON {"error": text, "is_plugin": bool, "id": text}
    result = 'R',        // contribution JSON text, exactly as the plugin returned it
    failed = 'F',        // error text of a call the plugin refused or failed
    stress_result = 'T', // JSON {"results": [{"index": i, "ok": bool, "output"|"error": text}]}
    paths_result = 'Q',  // JSON {"answers": [{"path": "text"|"tree"|"findings", "ok": bool, "output"|"error": text}]}
};

bool sent_by_host(Kind kind);
bool sent_by_worker(Kind kind);

struct Frame {
    Kind kind = Kind::result;
    uint32_t sequence = 0;
    std::string payload;
};

std::string encode_frame(Kind kind, uint32_t sequence, std::string_view payload);

// Cuts a byte stream into frames, trusting none of it. A wrong magic number, a
// kind the other side may not send or a length past the limit is an error,
// and the stream is unusable from then on.
class FrameReader {
public:
    enum class Sender { host, worker };
    FrameReader(Sender sender, size_t max_payload) : m_sender(sender), m_max_payload(max_payload) {}

    void feed(const char* data, size_t size) { m_buffer.append(data, size); }

    enum class Status { frame, need_more, error };
    Status next(Frame& out);

    const std::string& error() const { return m_error; }
    // True when no partial frame is buffered.
    bool empty() const { return m_buffer.empty(); }

private:
    Sender m_sender;
    size_t m_max_payload;
    std::string m_buffer;
    std::string m_error;
};

// What the host makes of a worker's replies, as functions of the frame alone,
// so that the fuzz target fuzz/worker_reply_fuzz.cpp reaches all of it.

// Empty when the frame greets the host in this protocol, else the problem.
std::string check_hello(const Frame& frame);

struct LoadReply {
    std::optional<Manifest> manifest; // set when the plugin loaded
    std::string error;                // otherwise why not
    // From a load_failed reply: whether the file was a plugin at all, and its id if read.
    bool is_plugin = false;
    std::string id;
};
LoadReply read_load_reply(const Frame& frame);

struct StressEntry {
    size_t index = 0; // into the proposals sent
    bool ok = false;
    std::string text; // the output when ok, else the error
};
struct StressReply {
    std::vector<StressEntry> entries; // those read before any failure
    std::string failure;              // empty when the whole reply was well formed
};
StressReply read_stress_reply(const Frame& frame, size_t proposals);

// The conformance kit's question to every entry point of a plugin (text,
// and tree and findings when it offers them): each answer, the contribution
// as JSON text when ok, else the error.
struct PathAnswer {
    std::string path; // "text", "tree" or "findings"
    bool ok = false;
    std::string text;
};
struct PathsReply {
    std::vector<PathAnswer> answers; // those read before any failure
    std::string failure;             // empty when the whole reply was well formed
};
PathsReply read_paths_reply(const Frame& frame);

// The manifest as the worker sends it; the host parses it again with
// parse_manifest, so a worker cannot hand it anything the host would refuse.
nlohmann::json manifest_to_json(const Manifest& manifest);

} // namespace fulcrum::worker
