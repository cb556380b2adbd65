#include "engine/folder_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "world/error.hpp"

namespace fundsim {
namespace fs = std::filesystem;

namespace {

std::string holder_of(const fs::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line.empty() ? "another process" : line;
}

/// True when `fd` is still the file at `path` (not unlinked by a releasing holder).
bool is_same_file(int fd, const fs::path& path) {
    struct stat by_fd {};
    struct stat by_path {};
    if (fstat(fd, &by_fd) != 0 || stat(path.c_str(), &by_path) != 0) return false;
    return by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
}

}  // namespace

std::string FolderLock::describe_this_process() {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) std::strcpy(host, "unknown host");
    return "pid " + std::to_string(getpid()) + " on " + host;
}

FolderLock::FolderLock(const fs::path& dir) : path_(dir / kLockFileName) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw IoError(dir.string() + ": cannot create folder: " + ec.message());
    // A releasing holder unlinks the file; retry until the locked file is the one at the path.
    for (int attempt = 0; attempt < 100; ++attempt) {
        fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ < 0) throw IoError(path_.string() + ": cannot create the run-folder lock: " + std::strerror(errno));
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            ::close(fd_);
            fd_ = -1;
            if (error != EWOULDBLOCK)
                throw IoError(path_.string() + ": cannot lock the run folder: " + std::strerror(error));
            throw ConfigError(dir.string() + ": in use by " + holder_of(path_) +
                              " (lock " + kLockFileName + "); wait for it to finish or stop it, then try again");
        }
        if (is_same_file(fd_, path_)) break;
        ::close(fd_);
        fd_ = -1;
    }
    if (fd_ < 0) throw IoError(path_.string() + ": cannot lock the run folder: the lock file keeps changing");
    const std::string holder = describe_this_process() + "\n";
    if (::ftruncate(fd_, 0) != 0 ||
        ::pwrite(fd_, holder.data(), holder.size(), 0) != static_cast<ssize_t>(holder.size())) {
        const int error = errno;
        ::close(fd_);
        throw IoError(path_.string() + ": cannot write the run-folder lock: " + std::strerror(error));
    }
}

FolderLock::~FolderLock() {
    if (fd_ < 0) return;
    ::unlink(path_.c_str());
    ::close(fd_);  // releases the flock
}

}  // namespace fundsim
