// The host-worker protocol (host/src/plugin/worker_protocol.cpp) and how a
// worker's end is put into words (worker_process.cpp): nothing a worker sends
// is taken on trust.
#include "plugin/worker_process.hpp"
#include "plugin/worker_protocol.hpp"

#include <catch2/catch.hpp>

#include <csignal>

using namespace fulcrum;
using namespace fulcrum::worker;

namespace {

FrameReader from_worker() {
    return FrameReader(FrameReader::Sender::worker, 1024);
}

} // namespace

TEST_CASE("frames round-trip, whole or a byte at a time", "[isolation]") {
    const std::string bytes = encode_frame(Kind::result, 7, "{\"benefits\": []}") + encode_frame(Kind::failed, 8, "");
    CHECK(bytes.size() == 2 * k_header_size + 16);

    FrameReader whole = from_worker();
    whole.feed(bytes.data(), bytes.size());
    Frame f;
    REQUIRE(whole.next(f) == FrameReader::Status::frame);
    CHECK(f.kind == Kind::result);
    CHECK(f.sequence == 7);
    CHECK(f.payload == "{\"benefits\": []}");
    REQUIRE(whole.next(f) == FrameReader::Status::frame);
    CHECK(f.kind == Kind::failed);
    CHECK(f.sequence == 8);
    CHECK(f.payload.empty());
    CHECK(whole.next(f) == FrameReader::Status::need_more);
    CHECK(whole.empty());

    FrameReader trickle = from_worker();
    int frames = 0;
    for (char c : bytes) {
        trickle.feed(&c, 1);
        while (trickle.next(f) == FrameReader::Status::frame) {
            ++frames;
        }
    }
    CHECK(frames == 2);
    CHECK(f.sequence == 8);
}

TEST_CASE("garbage is refused at its first byte, and for good", "[isolation]") {
    FrameReader reader = from_worker();
    reader.feed("H", 1);
    Frame f;
    CHECK(reader.next(f) == FrameReader::Status::error);
    CHECK(reader.error() == "bytes that are not a protocol frame");
    const std::string good = encode_frame(Kind::result, 1, "{}");
    reader.feed(good.data(), good.size());
    CHECK(reader.next(f) == FrameReader::Status::error);

    FrameReader http = from_worker();
    const std::string text = "HTTP/1.1 200 OK\r\n\r\n";
    http.feed(text.data(), text.size());
    CHECK(http.next(f) == FrameReader::Status::error);
    CHECK(http.error().find("magic 0x48545450") != std::string::npos);
}

TEST_CASE("a frame is refused for its kind, its reserved bytes or its length", "[isolation]") {
    Frame f;
    SECTION("a kind only the host may send") {
        FrameReader reader = from_worker();
        const std::string bytes = encode_frame(Kind::evaluate, 1, "{}");
        reader.feed(bytes.data(), bytes.size());
        CHECK(reader.next(f) == FrameReader::Status::error);
        CHECK(reader.error().find("unknown kind") != std::string::npos);
    }
    SECTION("a kind only the worker may send, arriving at the worker") {
        FrameReader reader(FrameReader::Sender::host, 1024);
        const std::string bytes = encode_frame(Kind::result, 1, "{}");
        reader.feed(bytes.data(), bytes.size());
        CHECK(reader.next(f) == FrameReader::Status::error);
    }
    SECTION("reserved bytes that are not zero") {
        std::string bytes = encode_frame(Kind::result, 1, "{}");
        bytes[6] = 1;
        FrameReader reader = from_worker();
        reader.feed(bytes.data(), bytes.size());
        CHECK(reader.next(f) == FrameReader::Status::error);
    }
    SECTION("a length past the limit fails at once, without waiting for the bytes") {
        const std::string bytes = encode_frame(Kind::result, 1, std::string(2000, 'x')).substr(0, k_header_size);
        FrameReader reader = from_worker();
        reader.feed(bytes.data(), bytes.size());
        CHECK(reader.next(f) == FrameReader::Status::error);
        CHECK(reader.error() == "a frame of 2000 bytes, past the limit of 1024 bytes");
    }
    SECTION("a length at the limit is fine") {
        const std::string bytes = encode_frame(Kind::result, 1, std::string(1024, 'x'));
        FrameReader reader = from_worker();
        reader.feed(bytes.data(), bytes.size());
        CHECK(reader.next(f) == FrameReader::Status::frame);
        CHECK(f.payload.size() == 1024);
    }
}

TEST_CASE("a worker's end is said in the review's words", "[isolation]") {
    IsolationLimits limits;
    limits.timeout_seconds = 5;
    limits.memory_mb = 512;
    // Linux wait statuses: the signal number, or the exit code shifted left by 8.
    CHECK(describe_worker_exit(SIGSEGV, false, limits) == "killed by SIGSEGV");
    CHECK(describe_worker_exit(SIGABRT, false, limits) == "killed by SIGABRT");
    CHECK(describe_worker_exit(SIGXCPU, false, limits) == "exceeded its CPU limit (6 s)");
    CHECK(describe_worker_exit(k_exit_out_of_memory << 8, false, limits) == "exceeded its memory limit (512 MB)");
    CHECK(describe_worker_exit(SIGKILL, false, limits).find("from outside fulcrum") != std::string::npos);
    CHECK(describe_worker_exit(SIGKILL, true, limits) == "killed by SIGKILL");
    CHECK(describe_worker_exit(3 << 8, false, limits) == "exited unexpectedly with status 3");
}

TEST_CASE("the manifest a worker sends parses back to the same manifest", "[isolation]") {
    Manifest m;
    m.id = "acme";
    m.name = "Acme";
    m.vendor = "Acme Corp";
    m.version = "1.2.3";
    m.description = "Test";
    m.categories = {"cloud", "iot"};
    m.abi_major = 1;
    m.abi_minor = 0;
    m.thread_safe = true;
    m.rules = nlohmann::json::array({{{"id", "acme.x"}}});
    const Manifest back = parse_manifest(manifest_to_json(m).dump());
    CHECK(back.id == m.id);
    CHECK(back.version == m.version);
    CHECK(back.categories == m.categories);
    CHECK(back.thread_safe);
    CHECK(back.rules == m.rules);
}

namespace {

Frame frame_of(Kind kind, const std::string& payload) {
    Frame f;
    f.kind = kind;
    f.payload = payload;
    return f;
}

} // namespace

TEST_CASE("a greeting must be one, in this protocol", "[isolation]") {
    CHECK(check_hello(frame_of(Kind::hello, R"({"protocol": 1, "worker": "w"})")).empty());
    CHECK(check_hello(frame_of(Kind::result, R"({"protocol": 1})")) == "the worker did not greet the host");
    CHECK(check_hello(frame_of(Kind::hello, "not json")) == "the worker did not greet the host");
    CHECK(check_hello(frame_of(Kind::hello, R"([1])")) == "the worker did not greet the host");
    CHECK(check_hello(frame_of(Kind::hello, R"({"protocol": 2})")) ==
          "the worker speaks protocol 2; this host speaks 1 (reinstall fulcrum)");
}

TEST_CASE("a load reply gives a manifest the host accepts, or why not", "[isolation]") {
    Manifest m;
    m.id = "acme";
    m.name = "Acme";
    m.vendor = "Acme Corp";
    m.version = "1.2.3";
    m.description = "Test";
    m.categories = {"cloud"};
    m.abi_major = 1;
    const LoadReply loaded =
        read_load_reply(frame_of(Kind::loaded, nlohmann::json{{"manifest", manifest_to_json(m)}}.dump()));
    REQUIRE(loaded.manifest);
    CHECK(loaded.manifest->id == "acme");
    CHECK(loaded.error.empty());

    const LoadReply refused =
        read_load_reply(frame_of(Kind::load_failed, R"({"error": "no entry symbol", "is_plugin": false, "id": "x"})"));
    CHECK_FALSE(refused.manifest);
    CHECK(refused.error == "no entry symbol");
    CHECK_FALSE(refused.is_plugin);
    CHECK(refused.id == "x");
    CHECK(read_load_reply(frame_of(Kind::load_failed, "{}")).error == "refused to load, without saying why");

    CHECK(read_load_reply(frame_of(Kind::result, "{}")).error ==
          "wrote malformed output: an unexpected reply to the load request");
    const LoadReply bad = read_load_reply(frame_of(Kind::loaded, R"({"manifest": {"id": 7}})"));
    CHECK_FALSE(bad.manifest);
    CHECK(bad.error.rfind("sent a manifest the host refuses: ", 0) == 0);
}

TEST_CASE("a stress reply is read up to its first bad entry", "[isolation]") {
    const StressReply good = read_stress_reply(
        frame_of(
            Kind::stress_result,
            R"({"results": [{"index": 0, "ok": true, "output": "{}"}, {"index": 1, "ok": false, "error": "no"}]})"),
        2);
    CHECK(good.failure.empty());
    REQUIRE(good.entries.size() == 2);
    CHECK(good.entries[0].ok);
    CHECK(good.entries[0].text == "{}");
    CHECK(good.entries[1].text == "no");

    // An index past the proposals sent, a missing flag, an entry that is not an object.
    for (const char* entry :
         {R"({"index": 2, "ok": true})", R"({"index": 0})", R"("x")", R"({"index": -1, "ok": true})"}) {
        INFO(entry);
        const StressReply bad = read_stress_reply(
            frame_of(Kind::stress_result,
                     std::string(R"({"results": [{"index": 0, "ok": true, "output": "a"}, )") + entry + "]}"),
            2);
        CHECK(bad.failure == "wrote malformed output: a bad stress result");
        CHECK(bad.entries.size() == 1);
    }
    CHECK(read_stress_reply(frame_of(Kind::failed, "plugin said no"), 2).failure == "plugin said no");
    CHECK(read_stress_reply(frame_of(Kind::stress_result, "[]"), 2).failure ==
          "wrote malformed output: a bad stress reply");
}

TEST_CASE("an entry point reply is read up to its first bad answer", "[isolation]") {
    const PathsReply good = read_paths_reply(frame_of(
        Kind::paths_result,
        R"({"answers": [{"path": "text", "ok": true, "output": "{}"}, {"path": "findings", "ok": false, "error": "no"}]})"));
    CHECK(good.failure.empty());
    REQUIRE(good.answers.size() == 2);
    CHECK(good.answers[0].path == "text");
    CHECK(good.answers[0].ok);
    CHECK(good.answers[0].text == "{}");
    CHECK(good.answers[1].path == "findings");
    CHECK(good.answers[1].text == "no");

    // A path that is not text, a missing flag, an answer that is not an object.
    for (const char* entry : {R"({"path": 1, "ok": true})", R"({"path": "tree"})", R"("x")"}) {
        INFO(entry);
        const PathsReply bad = read_paths_reply(
            frame_of(Kind::paths_result,
                     std::string(R"({"answers": [{"path": "text", "ok": true, "output": "a"}, )") + entry + "]}"));
        CHECK(bad.failure == "wrote malformed output: a bad entry point answer");
        CHECK(bad.answers.size() == 1);
    }
    CHECK(read_paths_reply(frame_of(Kind::failed, "plugin said no")).failure == "plugin said no");
    CHECK(read_paths_reply(frame_of(Kind::stress_result, R"({"answers": []})")).failure ==
          "wrote malformed output: a bad entry point reply");
    // Only the host asks, only the worker answers.
    CHECK(sent_by_host(Kind::paths));
    CHECK_FALSE(sent_by_worker(Kind::paths));
    CHECK(sent_by_worker(Kind::paths_result));
    CHECK_FALSE(sent_by_host(Kind::paths_result));
}
