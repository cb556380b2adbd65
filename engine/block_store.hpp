#pragma once
/// Block files on disk: `RUN_DIR/.blocks/p<point>_b<block>.bin`, plus the
/// run plan `RUN_DIR/.blocks/plan.json`.
///
/// Writes are atomic and durable: the bytes go to a temporary file that is
/// fsync'ed and renamed over the final name, so a block file either is
/// complete or does not exist, even after `kill -9` or a power cut. The
/// folder (which makes the renames themselves survive a power cut) is
/// fsync'ed at most once per kFolderSyncInterval while blocks are written,
/// and by `sync()` at the end of a run: a folder fsync per block doubled the
/// fsyncs, each a few ms of wall time against a 64-world block's ~20 ms of
/// computing (bench/README.md, "Where the time goes").
/// Thread-safe for distinct blocks (each block has its own file).
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/block.hpp"

namespace fundsim {

/// Writes `bytes` to `path` durably (temp file, fsync, rename, fsync folder).
/// Throws IoError naming the path. Thread-safe for distinct paths.
void write_file_durably(const std::filesystem::path& path, std::string_view bytes);

/// Like write_file_durably, without the fsync of the folder: the file is
/// complete or absent after any crash, but a power cut may undo the rename
/// until the folder is synced (`sync_folder`). Throws IoError.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

/// fsync of a folder (makes renames in it durable). Throws IoError.
void sync_folder(const std::filesystem::path& folder);

/// The longest a written block waits for its folder's fsync while a run goes on.
inline constexpr std::chrono::milliseconds kFolderSyncInterval{1000};

/// Reads a whole file. Throws IoError naming the path.
std::string read_file(const std::filesystem::path& path);

/// The block folder of a run or part folder.
class BlockStore {
public:
    /// The store under `run_dir/.blocks` (not created until `create`).
    explicit BlockStore(const std::filesystem::path& run_dir);

    /// Creates the folder (and parents) and removes stale temporary files
    /// left by a killed run. Throws IoError.
    void create() const;

    /// The folder.
    const std::filesystem::path& dir() const { return dir_; }

    /// File name of a block.
    std::filesystem::path path_of(BlockKey key) const;

    /// Encodes and writes a block atomically (complete or absent); syncs the
    /// folder when the last sync is older than kFolderSyncInterval. Throws IoError.
    void write(const Block& block, std::uint64_t experiment_hash) const;

    /// Syncs the folder now: every block written so far survives a power cut.
    /// Call when a run's blocks are done. Throws IoError.
    void sync() const;

    /// True when the block's file exists and is complete and of this
    /// experiment (length, CRC, hash, key). Never throws.
    bool is_complete(BlockKey key, std::uint64_t experiment_hash) const;

    /// Reads and decodes a block. Throws IoError when missing or damaged.
    Block read(BlockKey key, std::uint64_t experiment_hash) const;

    /// Keys of every block file present (by name; not validated), sorted.
    std::vector<BlockKey> list() const;

    /// Parses "p<point>_b<block>.bin"; nullopt for any other name.
    static std::optional<BlockKey> parse_name(const std::string& file_name);

private:
    struct SyncClock;  // when the folder was last synced (shared by copies)
    std::filesystem::path dir_;
    std::shared_ptr<SyncClock> sync_clock_;
};

}  // namespace fundsim
