#include "test_support.hpp"

#include "util/sanitizer.hpp"

#include <boost/filesystem.hpp>

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace fulcrum::test {

namespace fs = boost::filesystem;

std::string source_path(const std::string& relative) {
    return std::string(FULCRUM_SOURCE_DIR) + "/" + relative;
}
std::string binary_path(const std::string& relative) {
    return std::string(FULCRUM_BINARY_DIR) + "/" + relative;
}
std::string fixture_plugin_dir(const std::string& name) {
    return std::string(FULCRUM_FIXTURE_PLUGIN_DIR) + "/" + name;
}

std::string scratch_dir(const std::string& name) {
    const fs::path dir = fs::path(FULCRUM_BINARY_DIR) / "test-scratch" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string reference_data_dir() {
    const char* dir = std::getenv("FULCRUM_REFERENCE_DATA");
    return dir ? std::string(dir) : std::string();
}

int spawn_fulcrum(const std::vector<std::string>& args, const std::string& out_path, const std::string& err_path) {
    const pid_t pid = fork();
    if (pid == 0) {
        const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int in = open("/dev/null", O_RDONLY);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        std::vector<char*> argv;
        std::string binary = FULCRUM_BINARY;
        argv.push_back(binary.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    return pid;
}

int wait_exit(int pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

RunResult run_fulcrum(const std::vector<std::string>& args, const std::string& stdin_text) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
            close(fd);
        }
        std::vector<char*> argv;
        std::string binary = FULCRUM_BINARY;
        argv.push_back(binary.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    // Feed stdin and drain both outputs together so that no pipe fills up.
    RunResult result;
    size_t fed = 0;
    if (stdin_text.empty()) {
        close(in_pipe[1]);
        in_pipe[1] = -1;
    } else {
        fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
    }
    bool out_open = true, err_open = true;
    char buffer[65536];
    while (out_open || err_open) {
        pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_pipe[1], POLLOUT, 0}};
        poll(fds, in_pipe[1] >= 0 ? 3 : 2, 1000);
        if (in_pipe[1] >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            const ssize_t n = write(in_pipe[1], stdin_text.data() + fed, stdin_text.size() - fed);
            if (n > 0) {
                fed += static_cast<size_t>(n);
            }
            if (n < 0 || fed == stdin_text.size()) {
                close(in_pipe[1]);
                in_pipe[1] = -1;
            }
        }
        for (int k = 0; k < 2; ++k) {
            bool& open = k == 0 ? out_open : err_open;
            if (open && (fds[k].revents & (POLLIN | POLLHUP | POLLERR))) {
                const ssize_t n = read(fds[k].fd, buffer, sizeof buffer);
                if (n <= 0) {
                    open = false;
                } else {
                    (k == 0 ? result.out : result.err).append(buffer, static_cast<size_t>(n));
                }
            }
        }
    }
    if (in_pipe[1] >= 0) {
        close(in_pipe[1]);
    }
    close(out_pipe[0]);
    close(err_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

} // namespace fulcrum::test

namespace fulcrum::test {

const std::vector<std::string>& fixture_plugin_options() {
    static const std::vector<std::string> options = [] {
        const bool verifies = run_fulcrum({"review", "--help"}).out.find("--allow-untrusted") != std::string::npos;
        return verifies ? std::vector<std::string>{"--allow-untrusted"} : std::vector<std::string>{};
    }();
    return options;
}

} // namespace fulcrum::test

namespace fulcrum::test {

bool untestable_here(const std::string& fixture) {
    if (!k_address_sanitizer || fixture != "oom_grow") {
        return false;
    }
    static bool said = false;
    if (!said) {
        said = true;
        std::fprintf(stderr, "note: oom_grow skipped: an ASan build sets no worker memory limit\n");
    }
    return true;
}

std::string test_seconds(double seconds) {
    std::ostringstream out;
    out << (k_address_sanitizer ? seconds * 20 : seconds);
    return out.str();
}

std::vector<nlohmann::json> read_json_lines(const std::string& path) {
    std::vector<nlohmann::json> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        out.push_back(nlohmann::json::parse(line));
    }
    return out;
}

} // namespace fulcrum::test
