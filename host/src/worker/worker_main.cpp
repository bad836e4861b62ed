// fulcrum-worker: runs one plugin on the host's behalf, in a process of its
// own, so that a plugin that crashes, hangs or eats memory costs only itself.
// The host starts it (plugin/worker_process.cpp) with the plugin's verified
// bytes on fd 4 and a socket on fd 3; nobody runs it by hand.
//
// A program of its own rather than a hidden mode of `fulcrum`: it links only
// the plugin loader, so its memory limit is spent on the plugin rather than
// on the host's code, and it can be confined further later without touching
// the host. docs/security.md explains the choice.
#include "plugin/in_process.hpp"
#include "plugin/worker_protocol.hpp"
#include "util/sanitizer.hpp"

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

#ifndef FULCRUM_VERSION
#define FULCRUM_VERSION "0.0.0"
#endif

namespace {

using namespace fulcrum;
using namespace fulcrum::worker;
using nlohmann::json;

struct Options {
    long memory_mb = 1024;
    long cpu_seconds = 6;
};

bool parse_options(int argc, char** argv, Options& out) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        char* end = nullptr;
        const long value = std::strtol(argv[i + 1], &end, 10);
        if (*end != '\0' || value < 1) {
            return false;
        }
        if (name == "--memory-mb") {
            out.memory_mb = value;
        } else if (name == "--cpu-seconds") {
            out.cpu_seconds = value;
        } else {
            return false;
        }
    }
    return argc % 2 == 1;
}

// An allocation failed under the memory limit: say so through the exit
// status, which needs no memory, rather than unwinding through the plugin.
void out_of_memory() {
    _exit(k_exit_out_of_memory);
}

void limit_memory(long megabytes) {
    if (k_address_sanitizer) {
        return; // ASan's shadow memory is already past any such limit (util/sanitizer.hpp)
    }
    const rlim_t bytes = static_cast<rlim_t>(megabytes) << 20;
    const rlimit limit = {bytes, bytes};
    setrlimit(RLIMIT_AS, &limit);
}

// RLIMIT_CPU counts the whole life of the process, so each call gets the CPU
// time used so far plus its own allowance.
void limit_cpu_for_next_call(long seconds) {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double used = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                        static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    rlimit limit{};
    getrlimit(RLIMIT_CPU, &limit);
    rlim_t soft = static_cast<rlim_t>(std::ceil(used)) + static_cast<rlim_t>(seconds);
    if (limit.rlim_max != RLIM_INFINITY && soft > limit.rlim_max) {
        soft = limit.rlim_max;
    }
    limit.rlim_cur = soft;
    setrlimit(RLIMIT_CPU, &limit);
}

// The host may die without closing our socket cleanly (or while the plugin
// spins); a worker whose parent is gone leaves at once.
void leave_when_orphaned() {
    const pid_t parent = getppid();
    std::thread([parent] {
        for (;;) {
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
            if (getppid() != parent) {
                _exit(0);
            }
        }
    }).detach();
}

void send_frame(Kind kind, uint32_t sequence, const std::string& payload) {
    const std::string bytes = encode_frame(kind, sequence, payload);
    size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = write(k_socket_fd, bytes.data() + sent, bytes.size() - sent);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            _exit(0); // the host is gone
        }
        sent += static_cast<size_t>(n);
    }
}

// False when the host closed the socket (time to leave) or sent garbage.
bool receive_frame(FrameReader& reader, Frame& out) {
    std::vector<char> buffer(65536);
    for (;;) {
        switch (reader.next(out)) {
        case FrameReader::Status::frame:
            return true;
        case FrameReader::Status::error:
            std::fprintf(stderr, "fulcrum-worker: the host sent %s\n", reader.error().c_str());
            return false;
        case FrameReader::Status::need_more:
            break;
        }
        const ssize_t n = read(k_socket_fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        reader.feed(buffer.data(), static_cast<size_t>(n));
    }
}

std::unique_ptr<Plugin> load(const Frame& request) {
    const json doc = json::parse(request.payload, nullptr, false);
    const json settings = doc.is_object() && doc.contains("settings") ? doc["settings"] : json::object();
    LoadOutcome outcome = load_in_process("/proc/self/fd/" + std::to_string(k_image_fd), settings);
    if (outcome.plugin) {
        send_frame(Kind::loaded, request.sequence,
                   json{{"manifest", manifest_to_json(outcome.plugin->manifest())}}.dump());
    } else {
        send_frame(Kind::load_failed, request.sequence,
                   json{{"error", outcome.error}, {"is_plugin", outcome.is_plugin}, {"id", outcome.id}}.dump());
    }
    return std::move(outcome.plugin);
}

void evaluate(Plugin& plugin, const Frame& request, long cpu_seconds) {
    limit_cpu_for_next_call(cpu_seconds);
    const CallResult result = plugin.evaluate(request.payload);
    send_frame(result.ok ? Kind::result : Kind::failed, request.sequence, result.ok ? result.output : result.error);
}

// The conformance kit's concurrency check: the same instance, called from
// several threads at once, as a thread-safe plugin allows.
void stress(Plugin& plugin, const Frame& request, long cpu_seconds) {
    const json doc = json::parse(request.payload, nullptr, false);
    if (!doc.is_object() || !doc.value("proposals", json()).is_array()) {
        send_frame(Kind::failed, request.sequence, "malformed stress request");
        return;
    }
    std::vector<std::string> proposals;
    for (const auto& p : doc["proposals"]) {
        proposals.push_back(p.is_string() ? p.get<std::string>() : p.dump());
    }
    const int threads = std::clamp(doc.value("threads", 4), 1, 16);
    const int rounds = std::clamp(doc.value("rounds", 2), 1, 100);
    limit_cpu_for_next_call(cpu_seconds * threads * rounds);
    std::vector<json> results(static_cast<size_t>(threads), json::array());
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (int round = 0; round < rounds; ++round) {
                for (size_t k = 0; k < proposals.size(); ++k) {
                    const size_t index = (k + static_cast<size_t>(t)) % proposals.size();
                    const CallResult r = plugin.evaluate(proposals[index]);
                    json entry = {{"index", index}, {"ok", r.ok}};
                    entry[r.ok ? "output" : "error"] = r.ok ? r.output : r.error;
                    results[static_cast<size_t>(t)].push_back(std::move(entry));
                }
            }
        });
    }
    for (auto& thread : pool) {
        thread.join();
    }
    json all = json::array();
    for (auto& per_thread : results) {
        for (auto& entry : per_thread) {
            all.push_back(std::move(entry));
        }
    }
    // An answer with bad UTF-8 is sent with U+FFFD in its place: it then
    // differs from the one-at-a-time answer, and the check says so, where
    // dump() would have thrown and taken the worker down.
    send_frame(Kind::stress_result, request.sequence,
               json{{"results", std::move(all)}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

// The conformance kit's check that every entry point gives the same
// contribution: the text one, and the tree and findings ones when the plugin
// offers them, each answer as JSON text (bad UTF-8 replaced rather than
// thrown on: the comparison, not the printing, is to find it).
void paths(Plugin& plugin, const Frame& request, long cpu_seconds) {
    limit_cpu_for_next_call(cpu_seconds * 3);
    json answers = json::array();
    const auto answer = [&answers](const char* path, bool ok, const std::string& text) {
        json entry = {{"path", path}, {"ok", ok}};
        entry[ok ? "output" : "error"] = text;
        answers.push_back(std::move(entry));
    };
    const auto printed = [](const json& contribution) {
        return contribution.dump(-1, ' ', false, json::error_handler_t::replace);
    };
    const CallResult text = plugin.evaluate(request.payload);
    answer("text", text.ok, text.ok ? text.output : text.error);
    const json proposal = json::parse(request.payload, nullptr, false);
    if (!proposal.is_discarded()) {
        if (plugin.takes_trees()) {
            const TreeCallResult tree = plugin.evaluate_tree(proposal);
            answer("tree", tree.ok, tree.ok ? printed(tree.contribution) : tree.error);
        }
        if (plugin.takes_findings()) {
            const FindingsCallResult findings = plugin.evaluate_findings(proposal);
            answer("findings", findings.ok,
                   findings.ok ? printed(sdk::findings::to_json(findings.contribution)) : findings.error);
        }
    }
    send_frame(Kind::paths_result, request.sequence,
               json{{"answers", std::move(answers)}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    struct stat socket_stat {};
    if (!parse_options(argc, argv, options) || fstat(k_socket_fd, &socket_stat) != 0 ||
        !S_ISSOCK(socket_stat.st_mode)) {
        std::fprintf(stderr, "fulcrum-worker: fulcrum starts this program to run a plugin in a process of its own;\n"
                             "it is not meant to be run by hand (see fulcrum review --isolation process).\n");
        return 2;
    }
    leave_when_orphaned();
    std::set_new_handler(out_of_memory);
    limit_memory(options.memory_mb);
    send_frame(Kind::hello, 0,
               json{{"protocol", k_protocol_version}, {"worker", "fulcrum-worker " FULCRUM_VERSION}}.dump());

    FrameReader reader(FrameReader::Sender::host, k_max_request_bytes);
    std::unique_ptr<Plugin> plugin;
    Frame request;
    while (receive_frame(reader, request)) {
        if (request.kind == Kind::load && !plugin) {
            plugin = load(request);
        } else if (!plugin) {
            send_frame(Kind::failed, request.sequence, "no plugin is loaded in this worker");
        } else if (request.kind == Kind::evaluate) {
            evaluate(*plugin, request, options.cpu_seconds);
        } else if (request.kind == Kind::stress) {
            stress(*plugin, request, options.cpu_seconds);
        } else if (request.kind == Kind::paths) {
            paths(*plugin, request, options.cpu_seconds);
        } else {
            send_frame(Kind::failed, request.sequence, "the plugin is already loaded");
        }
    }
    return 0;
}
