#include "plugin/worker_process.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace fulcrum {

using worker::Frame;
using worker::FrameReader;
using worker::Kind;

namespace {

constexpr size_t k_stderr_tail_bytes = 2048;
constexpr double k_exit_grace_seconds = 2.0; // for a worker that closed its end to finish dying

double now_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

int poll_ms(double deadline) {
    const double left = deadline - now_seconds();
    return left <= 0 ? 0 : static_cast<int>(left * 1000) + 1;
}

void close_fd(int& fd) {
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

// Closes what it holds unless released: the host's copies of the child's fds.
struct FdList {
    std::vector<int> fds;
    ~FdList() {
        for (int fd : fds) {
            if (fd >= 0) {
                ::close(fd);
            }
        }
    }
};

std::string signal_name(int sig) {
    const char* abbrev = ::sigabbrev_np(sig);
    return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

} // namespace

std::string describe_worker_exit(int status, bool killed_by_host, const IsolationLimits& limits) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        if (sig == SIGXCPU) {
            return "exceeded its CPU limit (" + std::to_string(limits.effective_cpu_seconds()) + " s)";
        }
        if (sig == SIGKILL && !killed_by_host) {
            return "killed by SIGKILL from outside fulcrum (the system may have run out of memory)";
        }
        return "killed by " + signal_name(sig);
    }
    if (WIFEXITED(status)) {
        const int code = WEXITSTATUS(status);
        if (code == worker::k_exit_out_of_memory) {
            return "exceeded its memory limit (" + std::to_string(limits.memory_mb) + " MB)";
        }
        return "exited unexpectedly with status " + std::to_string(code);
    }
    return "stopped for an unknown reason (wait status " + std::to_string(status) + ")";
}

std::unique_ptr<WorkerProcess> WorkerProcess::start(const WorkerCommand& command, std::string& error) {
    int sockets[2] = {-1, -1};
    int errors[2] = {-1, -1};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
        error = std::string("cannot create a socket for the worker: ") + std::strerror(errno);
        return nullptr;
    }
    FdList host_side{{sockets[0]}};
    FdList child_side{{sockets[1]}};
    if (::pipe2(errors, O_CLOEXEC) != 0) {
        error = std::string("cannot create a pipe for the worker: ") + std::strerror(errno);
        return nullptr;
    }
    host_side.fds.push_back(errors[0]);
    child_side.fds.push_back(errors[1]);
    // The child's fds are moved to 5 and up first, so that placing them at
    // 1-4 can never overwrite one that is still to be placed.
    const int child_socket = ::fcntl(sockets[1], F_DUPFD_CLOEXEC, 5);
    const int child_stderr = ::fcntl(errors[1], F_DUPFD_CLOEXEC, 5);
    const int child_image = ::fcntl(command.image_fd, F_DUPFD_CLOEXEC, 5);
    child_side.fds.insert(child_side.fds.end(), {child_socket, child_stderr, child_image});
    if (child_socket < 0 || child_stderr < 0 || child_image < 0) {
        error = std::string("cannot prepare the worker's files: ") + std::strerror(errno);
        return nullptr;
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, child_stderr, 1); // a plugin's printf cannot reach the socket
    posix_spawn_file_actions_adddup2(&actions, child_stderr, 2);
    posix_spawn_file_actions_adddup2(&actions, child_socket, worker::k_socket_fd);
    posix_spawn_file_actions_adddup2(&actions, child_image, worker::k_image_fd);
    posix_spawn_file_actions_addclosefrom_np(&actions, worker::k_image_fd + 1);

    // Its own process group: Ctrl-C reaches the host, which decides, and a
    // kill of the group also ends anything the plugin started.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigset_t all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);

    std::vector<std::string> args = {command.program, "--memory-mb", std::to_string(command.limits.memory_mb),
                                     "--cpu-seconds", std::to_string(command.limits.effective_cpu_seconds())};
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, command.program.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (rc != 0) {
        error = "cannot start the worker " + command.program + ": " + std::strerror(rc);
        return nullptr;
    }
    ::fcntl(sockets[0], F_SETFL, O_NONBLOCK);
    ::fcntl(errors[0], F_SETFL, O_NONBLOCK);
    host_side.fds.clear();
    std::unique_ptr<WorkerProcess> process(new WorkerProcess(pid, sockets[0], errors[0], command));

    Frame hello;
    const double deadline = now_seconds() + command.limits.timeout_seconds;
    const Wait waited = process->receive(hello, deadline);
    std::string problem;
    if (waited == Wait::done) {
        problem = worker::check_hello(hello);
        if (problem.empty()) {
            return process;
        }
    }
    std::string cause = problem;
    if (waited == Wait::timeout) {
        cause = "sent no greeting within " + seconds_text(command.limits.timeout_seconds);
    } else if (waited == Wait::malformed) {
        cause = "wrote malformed output: " + process->m_reader.error();
    }
    std::string how = process->finish(waited != Wait::closed, cause);
    std::string tail = process->m_stderr_tail;
    while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) {
        tail.pop_back();
    }
    if (!tail.empty()) {
        const size_t line = tail.rfind('\n');
        how += " (it said: " + tail.substr(line == std::string::npos ? 0 : line + 1) + ")";
    }
    error = "the worker did not start: " + how;
    return nullptr;
}

WorkerProcess::WorkerProcess(pid_t pid, int socket_fd, int stderr_fd, const WorkerCommand& command)
    : m_pid(pid), m_socket(socket_fd), m_stderr(stderr_fd), m_limits(command.limits),
      m_reader(FrameReader::Sender::worker, worker::k_max_reply_bytes), m_output_bytes(command.output_bytes) {}

WorkerProcess::~WorkerProcess() {
    if (m_pid <= 0) {
        close_fd(m_socket);
        close_fd(m_stderr);
        return;
    }
    // Closing our end is the worker's signal to leave; it gets a moment to do
    // so (and to destroy its plugin instance) before it is killed.
    ::shutdown(m_socket, SHUT_RDWR);
    const double deadline = now_seconds() + 0.2;
    int status = 0;
    while (::waitpid(m_pid, &status, WNOHANG) == 0) {
        if (now_seconds() > deadline) {
            ::kill(-m_pid, SIGKILL);
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    drain_stderr(); // what it flushed on the way out
    close_fd(m_socket);
    close_fd(m_stderr);
}

void WorkerProcess::drain_stderr() {
    char buffer[4096];
    while (m_stderr >= 0) {
        const ssize_t n = ::read(m_stderr, buffer, sizeof buffer);
        if (n > 0) {
            if (m_output_bytes) {
                *m_output_bytes += static_cast<size_t>(n);
            }
            m_stderr_tail.append(buffer, static_cast<size_t>(n));
            if (m_stderr_tail.size() > k_stderr_tail_bytes) {
                m_stderr_tail.erase(0, m_stderr_tail.size() - k_stderr_tail_bytes);
            }
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            return;
        }
        close_fd(m_stderr); // the worker's end is closed
    }
}

WorkerProcess::Wait WorkerProcess::send_all(const std::string& bytes, double deadline) {
    size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(m_socket, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += static_cast<size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno != EAGAIN) {
            return Wait::closed;
        }
        if (now_seconds() >= deadline) {
            return Wait::timeout;
        }
        pollfd fds[2] = {{m_socket, POLLOUT, 0}, {m_stderr, POLLIN, 0}};
        ::poll(fds, m_stderr >= 0 ? 2 : 1, poll_ms(deadline));
        if (fds[1].revents != 0) {
            drain_stderr();
        }
    }
    return Wait::done;
}

WorkerProcess::Wait WorkerProcess::receive(Frame& out, double deadline) {
    char buffer[65536];
    for (;;) {
        switch (m_reader.next(out)) {
        case FrameReader::Status::frame:
            return Wait::done;
        case FrameReader::Status::error:
            return Wait::malformed;
        case FrameReader::Status::need_more:
            break;
        }
        const ssize_t n = ::recv(m_socket, buffer, sizeof buffer, 0);
        if (n > 0) {
            m_reader.feed(buffer, static_cast<size_t>(n));
            continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            drain_stderr();
            return Wait::closed;
        }
        if (now_seconds() >= deadline) {
            return Wait::timeout;
        }
        pollfd fds[2] = {{m_socket, POLLIN, 0}, {m_stderr, POLLIN, 0}};
        ::poll(fds, m_stderr >= 0 ? 2 : 1, poll_ms(deadline));
        if (m_stderr >= 0 && fds[1].revents != 0) {
            drain_stderr();
        }
    }
}

std::string WorkerProcess::finish(bool kill_first, const std::string& cause) {
    if (m_pid <= 0) {
        return cause.empty() ? "the worker had already stopped" : cause;
    }
    bool killed = false;
    if (kill_first) {
        ::kill(-m_pid, SIGKILL);
        ::kill(m_pid, SIGKILL);
        killed = true;
    }
    int status = 0;
    const double deadline = now_seconds() + k_exit_grace_seconds;
    while (::waitpid(m_pid, &status, WNOHANG) == 0) {
        if (!killed && now_seconds() > deadline) {
            ::kill(-m_pid, SIGKILL);
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &status, 0);
            m_pid = -1;
            drain_stderr();
            close_fd(m_socket);
            close_fd(m_stderr);
            return cause.empty() ? "closed its connection to the host without replying" : cause;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    m_pid = -1;
    drain_stderr();
    close_fd(m_socket);
    close_fd(m_stderr);
    return cause.empty() ? describe_worker_exit(status, killed, m_limits) : cause;
}

WorkerReply WorkerProcess::call(Kind kind, std::string_view payload, double timeout_seconds) {
    WorkerReply reply;
    if (m_pid <= 0) {
        reply.failure = "the worker had already stopped";
        return reply;
    }
    const uint32_t sequence = ++m_sequence;
    const double deadline = now_seconds() + timeout_seconds;
    Wait waited = send_all(worker::encode_frame(kind, sequence, payload), deadline);
    if (waited == Wait::done) {
        waited = receive(reply.frame, deadline);
    }
    if (waited == Wait::done && reply.frame.sequence != sequence) {
        waited = Wait::malformed;
        reply.failure =
            finish(true, "wrote malformed output: a reply to request " + std::to_string(reply.frame.sequence) +
                             " while " + std::to_string(sequence) + " was awaited");
        return reply;
    }
    switch (waited) {
    case Wait::done:
        drain_stderr();
        reply.ok = true;
        break;
    case Wait::timeout:
        reply.failure = finish(true, "timed out after " + seconds_text(timeout_seconds));
        break;
    case Wait::malformed:
        reply.failure = finish(true, "wrote malformed output: " + m_reader.error());
        break;
    case Wait::closed:
        reply.failure = finish(false, "");
        break;
    }
    return reply;
}

bool WorkerProcess::healthy() {
    if (m_pid <= 0) {
        return false;
    }
    pollfd fd = {m_socket, POLLIN, 0};
    if (::poll(&fd, 1, 0) != 0) {
        return false; // bytes nobody asked for, or the worker's end closed
    }
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) != 0) {
        m_pid = -1; // reaped: its pid must never be signalled again
        return false;
    }
    return true;
}

} // namespace fulcrum
