#include "engine/block_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <mutex>

#include "world/error.hpp"

namespace fundsim {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void io_fail(const fs::path& path, const std::string& what) {
    throw IoError(path.string() + ": " + what + ": " + std::strerror(errno));
}

bool parse_number(std::string_view text, std::uint32_t& value) {
    if (text.empty()) return false;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    return r.ec == std::errc() && r.ptr == text.data() + text.size();
}

}  // namespace

void sync_folder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) io_fail(folder, "cannot open folder to sync");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) io_fail(folder, "cannot sync folder");
}

void write_file_durably(const fs::path& path, std::string_view bytes) {
    write_file_atomically(path, bytes);
    sync_folder(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

void write_file_atomically(const fs::path& path, std::string_view bytes) {
    fs::path temp = path;
    temp += ".tmp";
    // On failure (a full disk, a file-size limit) the temporary file goes, so
    // nothing half-written stays behind and the space is given back.
    auto fail = [&temp](int fd, const fs::path& named, const char* what) {
        const int error = errno;
        if (fd >= 0) ::close(fd);
        ::unlink(temp.c_str());
        errno = error;
        io_fail(named, what);
    };
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) io_fail(temp, "cannot create");
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(fd, temp, "cannot write");
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) fail(fd, temp, "cannot sync");
    if (::close(fd) != 0) fail(-1, temp, "cannot close");
    if (::rename(temp.c_str(), path.c_str()) != 0) fail(-1, path, "cannot rename into place");
}

std::string read_file(const fs::path& path) {
    // One read into a buffer of the file's size (a stream and a string
    // stream copied every block twice on its way to aggregation).
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) io_fail(path, "cannot open");
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        ::close(fd);
        io_fail(path, "cannot read");
    }
    // One byte more than the size, so that a file that grew since fstat
    // reads on and a complete read ends at a short count.
    std::string content(static_cast<std::size_t>(info.st_size) + 1, '\0');
    std::size_t done = 0;
    for (;;) {
        if (done == content.size()) content.resize(2 * done);  // grew since fstat
        const ssize_t n = ::read(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            io_fail(path, "cannot read");
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    content.resize(done);
    return content;
}

struct BlockStore::SyncClock {
    std::mutex mutex;
    std::chrono::steady_clock::time_point last_sync = std::chrono::steady_clock::now();
};

BlockStore::BlockStore(const fs::path& run_dir) : dir_(run_dir / ".blocks"), sync_clock_(std::make_shared<SyncClock>()) {}

void BlockStore::create() const {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) throw IoError(dir_.string() + ": cannot create folder: " + ec.message());
    for (const auto& entry : fs::directory_iterator(dir_)) {
        if (entry.path().extension() == ".tmp") fs::remove(entry.path(), ec);
    }
}

fs::path BlockStore::path_of(BlockKey key) const {
    return dir_ / ("p" + std::to_string(key.point) + "_b" + std::to_string(key.block) + ".bin");
}

void BlockStore::write(const Block& block, std::uint64_t experiment_hash) const {
    write_file_atomically(path_of(block.key), encode_block(block, experiment_hash));
    const std::unique_lock lock(sync_clock_->mutex, std::try_to_lock);
    if (!lock.owns_lock()) return;  // another thread is syncing the folder now
    const auto now = std::chrono::steady_clock::now();
    if (now - sync_clock_->last_sync < kFolderSyncInterval) return;
    sync_folder(dir_);
    sync_clock_->last_sync = now;
}

void BlockStore::sync() const {
    const std::lock_guard lock(sync_clock_->mutex);
    sync_folder(dir_);
    sync_clock_->last_sync = std::chrono::steady_clock::now();
}

bool BlockStore::is_complete(BlockKey key, std::uint64_t experiment_hash) const {
    std::error_code ec;
    if (!fs::is_regular_file(path_of(key), ec)) return false;
    try {
        return is_valid_block(read_file(path_of(key)), experiment_hash, key);
    } catch (const IoError&) {
        return false;
    }
}

Block BlockStore::read(BlockKey key, std::uint64_t experiment_hash) const {
    const fs::path path = path_of(key);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw IoError(path.string() + ": block file is missing; run again with --resume to compute it");
    return decode_block(read_file(path), experiment_hash, key, path.string());
}

std::optional<BlockKey> BlockStore::parse_name(const std::string& name) {
    // p<point>_b<block>.bin
    if (name.size() < 8 || name.front() != 'p' || !name.ends_with(".bin")) return std::nullopt;
    const std::string_view core = std::string_view(name).substr(1, name.size() - 5);
    const auto sep = core.find("_b");
    BlockKey key;
    if (sep == std::string_view::npos || !parse_number(core.substr(0, sep), key.point) ||
        !parse_number(core.substr(sep + 2), key.block))
        return std::nullopt;
    if (name != "p" + std::to_string(key.point) + "_b" + std::to_string(key.block) + ".bin") return std::nullopt;
    return key;
}

std::vector<BlockKey> BlockStore::list() const {
    std::vector<BlockKey> keys;
    std::error_code ec;
    if (!fs::is_directory(dir_, ec)) return keys;
    for (const auto& entry : fs::directory_iterator(dir_)) {
        if (auto key = parse_name(entry.path().filename().string())) keys.push_back(*key);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

}  // namespace fundsim
