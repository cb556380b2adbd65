#pragma once
// A fundsim process running in the background, for tests that signal a run
// while it works (kill -9, Ctrl-C) and a poll for its durable blocks.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fundsim_process.hpp"

extern char** environ;

namespace fundsim::testing {

namespace fs = std::filesystem;

/// Sets an environment variable for the life of the object (tests run one
/// case per process under ctest, so this does not race).
class ScopedEnv {
public:
    /// Sets `name` to `value`; restores the old value (or unsets) at the end.
    ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
        if (const char* old = std::getenv(name_.c_str())) old_ = old, had_old_ = true;
        ::setenv(name_.c_str(), value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (had_old_) ::setenv(name_.c_str(), old_.c_str(), 1);
        else ::unsetenv(name_.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string name_;
    std::string old_;
    bool had_old_ = false;
};

/// `argv` (argv[0] a path) started with stdin from /dev/null and stdout and
/// stderr into `log`. Killed with SIGKILL and reaped if still running when
/// destroyed.
class ChildProcess {
public:
    ChildProcess(const std::vector<std::string>& argv, const fs::path& log) {
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        const int error = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        REQUIRE_MESSAGE(error == 0, "cannot start " << argv[0]);
    }
    ~ChildProcess() {
        if (!is_reaped_) {
            ::kill(pid_, SIGKILL);
            wait();
        }
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// Sends a signal.
    void signal(int number) const { ::kill(pid_, number); }
    /// The process id.
    pid_t pid() const { return pid_; }

    /// True while it runs (reaps it when it ended).
    bool is_running() {
        if (is_reaped_) return false;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) record(status);
        return !is_reaped_;
    }

    /// Waits for the end; the exit code, or 128 + signal when killed.
    int wait() {
        if (!is_reaped_) {
            int status = 0;
            while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
            }
            record(status);
        }
        return exit_code_;
    }

private:
    void record(int status) {
        is_reaped_ = true;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    pid_t pid_ = -1;
    bool is_reaped_ = false;
    int exit_code_ = -1;
};

/// The direct children of a process (Linux /proc), e.g. the ranks of mpirun.
inline std::vector<pid_t> children_of(pid_t pid) {
    const std::string id = std::to_string(pid);
    std::ifstream in("/proc/" + id + "/task/" + id + "/children");
    std::vector<pid_t> children;
    for (pid_t child = 0; in >> child;) children.push_back(child);
    return children;
}

/// Durable block files (p<point>_b<block>.bin, not temporaries) in a run folder.
inline int count_blocks(const fs::path& run_dir) {
    std::error_code ec;
    int n = 0;
    for (fs::directory_iterator it(run_dir / ".blocks", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() > 4 && name[0] == 'p' && name.ends_with(".bin")) ++n;
    }
    return n;
}

/// Polls every millisecond until `condition` holds (true) or the child ends
/// or `limit` passes (false). A poll with a deadline, not a timing assertion.
inline bool poll_until(ChildProcess& child, const std::function<bool()>& condition,
                       std::chrono::seconds limit = std::chrono::seconds(60)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        if (!child.is_running()) return condition();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
}

/// Every file under `dir` (relative path -> bytes), for before/after checks.
inline std::vector<std::pair<std::string, std::string>> folder_snapshot(const fs::path& dir) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        files.emplace_back(fs::relative(entry.path(), dir).string(), bytes.str());
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// Worlds per point of the big experiment: 40 blocks per point.
inline constexpr int kBigWorlds = 64 * 40;
/// Blocks of the big experiment (2 points).
inline constexpr int kBigBlocks = 2 * kBigWorlds / 64;

/// The small experiment made long enough (about a second of simulation on
/// one thread, 80 blocks) to be signalled at a chosen block.
inline fs::path write_big_experiment(const fs::path& dir) {
    std::string yaml = small_experiment_yaml();
    yaml.replace(yaml.find("worlds: 150"), 11, "worlds: " + std::to_string(kBigWorlds));
    yaml.replace(yaml.find("steps: 12"), 9, "steps: 120");
    const fs::path file = dir / "big.yaml";
    write_text(file, yaml);
    return file;
}

}  // namespace fundsim::testing
