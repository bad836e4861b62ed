// One running fulcrum-worker, seen from the host: started with its limits,
// greeted, sent requests with a deadline each, and killed the moment it
// breaks the protocol or the deadline. Every way it can fail comes back as a
// sentence for the review ("killed by SIGSEGV", "timed out after 5 s").
#pragma once

#include "plugin/isolated_settings.hpp"
#include "plugin/worker_protocol.hpp"

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace fulcrum {

struct WorkerCommand {
    std::string program; // the fulcrum-worker executable
    int image_fd = -1;   // the verified plugin (PluginImage::fd()), becomes the worker's fd 4
    IsolationLimits limits;
    // Counts what the worker writes to its standard output and error, which
    // the host drains and discards; may be null.
    std::shared_ptr<std::atomic<size_t>> output_bytes;
};

struct WorkerReply {
    bool ok = false;     // a well-formed reply to this very request arrived
    worker::Frame frame; // when ok
    std::string failure; // otherwise: why, and the worker is gone
};

class WorkerProcess {
public:
    // Starts a worker and waits for its greeting. Returns nullptr and sets
    // `error` when it cannot.
    static std::unique_ptr<WorkerProcess> start(const WorkerCommand& command, std::string& error);

    ~WorkerProcess(); // ends the worker and reaps it
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;

    // Sends one request and waits for its reply for at most `timeout_seconds`.
    WorkerReply call(worker::Kind kind, std::string_view payload, double timeout_seconds);

    // True while the worker is running and has sent nothing unasked: an idle
    // worker with bytes waiting (stray output, or its end closed) is broken.
    bool healthy();

    pid_t pid() const { return m_pid; }

private:
    WorkerProcess(pid_t pid, int socket_fd, int stderr_fd, const WorkerCommand& command);

    enum class Wait { done, timeout, closed, malformed };
    Wait send_all(const std::string& bytes, double deadline);
    Wait receive(worker::Frame& out, double deadline);
    void drain_stderr();
    // Kills the worker (if still running), reaps it and says what happened.
    std::string finish(bool kill_first, const std::string& cause);

    pid_t m_pid = -1;
    int m_socket = -1;
    int m_stderr = -1;
    IsolationLimits m_limits;
    worker::FrameReader m_reader;
    uint32_t m_sequence = 0;
    std::string m_stderr_tail; // the last words of the worker, for start-up failures
    std::shared_ptr<std::atomic<size_t>> m_output_bytes;
};

// What a worker's wait status means, in the words the review uses.
std::string describe_worker_exit(int status, bool killed_by_host, const IsolationLimits& limits);

} // namespace fulcrum
