#pragma once
/// Block files on disk: `RUN_DIR/.blocks/p<point>_b<block>.bin`, plus the
/// run plan `RUN_DIR/.blocks/plan.json`.
///
/// Writes are durable and atomic: the bytes go to a temporary file that is
/// fsync'ed, renamed over the final name, and the folder fsync'ed, so a block
/// file either is complete or does not exist, even after `kill -9` or a power
/// cut. Thread-safe for distinct blocks (each block has its own file).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/block.hpp"

namespace fundsim {

/// Writes `bytes` to `path` durably (temp file, fsync, rename, fsync folder).
/// Throws IoError naming the path. Thread-safe for distinct paths.
void write_file_durably(const std::filesystem::path& path, std::string_view bytes);

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

    /// Encodes and writes a block durably. Throws IoError.
    void write(const Block& block, std::uint64_t experiment_hash) const;

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
    std::filesystem::path dir_;
};

}  // namespace fundsim
