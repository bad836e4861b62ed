// batch/inputs: what a batch reads under a folder it cannot wholly list.
#include "batch/inputs.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <boost/filesystem.hpp>

#include <cstdlib>
#include <string>

#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace fulcrum;
namespace fs = boost::filesystem;

namespace {

constexpr int k_cannot_drop_privileges = 3;

// The items an InputReader gives for `input`, one "input|read_error" line
// each, read in a child process that runs as nobody when this one is root:
// root lists any folder, so only another user meets a folder it cannot list.
std::pair<int, std::string> items_as_nobody(const std::string& input) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(fds[0]);
        if (::geteuid() == 0 && (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)) {
            ::_exit(k_cannot_drop_privileges);
        }
        std::string out;
        try {
            InputReader reader({input});
            while (const auto item = reader.next()) {
                out += item->input + "|" + item->read_error + "\n";
            }
        } catch (const std::exception& e) {
            out = std::string("threw: ") + e.what();
        }
        const ssize_t written = ::write(fds[1], out.data(), out.size());
        ::_exit(written == static_cast<ssize_t>(out.size()) ? 0 : 1);
    }
    ::close(fds[1]);
    std::string out;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) {
        out.append(buffer, static_cast<size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

} // namespace

TEST_CASE("a subfolder that cannot be listed gets its own item; the folders beside it are read", "[batch][inputs]") {
    // Under /tmp, which every user may enter, rather than the build tree.
    std::string dir = (fs::temp_directory_path() / fs::unique_path("fulcrum-inputs-%%%%%%%%")).string();
    fs::create_directories(dir + "/in/locked");
    fs::create_directories(dir + "/in/open");
    test::write_text(dir + "/in/open/a.json", "{}");
    test::write_text(dir + "/in/locked/b.json", "{}");
    for (const char* folder : {"", "/in", "/in/open"}) {
        REQUIRE(::chmod((dir + folder).c_str(), 0755) == 0);
    }
    REQUIRE(::chmod((dir + "/in/open/a.json").c_str(), 0644) == 0);
    REQUIRE(::chmod((dir + "/in/locked").c_str(), 0) == 0);

    const auto [code, items] = items_as_nobody(dir + "/in");
    ::chmod((dir + "/in/locked").c_str(), 0755);
    fs::remove_all(dir);
    if (code == k_cannot_drop_privileges) {
        WARN("not checked: running as root without the right to become nobody, so every folder can be listed");
        return;
    }
    CHECK(code == 0);
    CHECK(items == dir + "/in/locked|" + dir + "/in/locked: cannot list the folder: Permission denied\n" + dir +
                       "/in/open/a.json|\n");
}
