#pragma once
/// The run-folder lock (SPEC §6: "a folder in use by another run is
/// locked"): an advisory `flock` on `DIR/.fundsim.lock`, held for the whole
/// run, resume or merge. The file names the holder ("pid PID on HOST") so a
/// second process can say who has the folder. The kernel releases a flock when
/// its process dies, even by `kill -9`, so a stale lock file never blocks
/// `--resume`. Self-contained: depends on nothing but the error types.
#include <filesystem>
#include <string>

namespace fundsim {

/// Name of the lock file inside a run folder.
inline constexpr const char* kLockFileName = ".fundsim.lock";

/// An exclusive lock on a run folder, released on destruction.
class FolderLock {
public:
    /// Creates `dir` (and parents) when absent, then takes the lock without
    /// waiting. Throws ConfigError "DIR: in use by pid P on HOST ..." when
    /// another process holds it, IoError when the folder or the lock file
    /// cannot be made.
    explicit FolderLock(const std::filesystem::path& dir);
    /// Removes the lock file and releases the lock (a process that opened
    /// the old file meanwhile sees it is no longer at the path and retries).
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

    /// The holder description written into the lock file ("pid 12 on host").
    static std::string describe_this_process();

private:
    std::filesystem::path path_;
    int fd_ = -1;
};

}  // namespace fundsim
