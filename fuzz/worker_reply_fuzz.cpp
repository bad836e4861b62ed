// libFuzzer target: the bytes a plugin's worker process writes to the host,
// through everything the host does with them. The first byte picks the size
// of the chunks the rest arrives in (as reads from a socket would cut it);
// the frame reader cuts frames from them, and every frame goes through the
// greeting, load-reply, stress-reply and entry-point-reply checks and, as an evaluation's
// result, the contribution check.
#include "fuzz_common.hpp"
#include "plugin/contribution.hpp"
#include "plugin/worker_protocol.hpp"

using fulcrum::worker::Frame;
using fulcrum::worker::FrameReader;

namespace {

void take(const Frame& frame, size_t input_size) {
    // A frame holds only bytes the worker sent.
    if (frame.payload.size() > input_size) {
        __builtin_trap();
    }
    const std::string problem = fulcrum::worker::check_hello(frame);
    if (problem.empty() && frame.kind != fulcrum::worker::Kind::hello) {
        __builtin_trap(); // only a greeting greets
    }
    const fulcrum::worker::LoadReply loaded = fulcrum::worker::read_load_reply(frame);
    if (loaded.manifest.has_value() == !loaded.error.empty()) {
        __builtin_trap(); // a manifest, or the reason there is none: never both, never neither
    }
    const fulcrum::worker::StressReply stress = fulcrum::worker::read_stress_reply(frame, 4);
    for (const auto& entry : stress.entries) {
        if (entry.index >= 4) {
            __builtin_trap();
        }
    }
    const fulcrum::worker::PathsReply paths = fulcrum::worker::read_paths_reply(frame);
    if (!paths.answers.empty() && frame.kind != fulcrum::worker::Kind::paths_result) {
        __builtin_trap(); // answers come only in an entry point reply
    }
    if (frame.kind == fulcrum::worker::Kind::result) {
        (void)fulcrum::read_contribution(frame.payload, "cloud");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) {
        return 0;
    }
    const size_t chunk = 1 + data[0] % 32;
    const std::string bytes = fulcrum::fuzz::text_of(data + 1, size - 1);
    FrameReader reader(FrameReader::Sender::worker, size_t{1} << 20);
    Frame frame;
    for (size_t at = 0; at < bytes.size(); at += chunk) {
        reader.feed(bytes.data() + at, std::min(chunk, bytes.size() - at));
        for (;;) {
            const auto status = reader.next(frame);
            if (status == FrameReader::Status::error) {
                if (reader.error().empty()) {
                    __builtin_trap(); // a refusal always says why
                }
                return 0;
            }
            if (status == FrameReader::Status::need_more) {
                break;
            }
            take(frame, bytes.size());
        }
    }
    return 0;
}
