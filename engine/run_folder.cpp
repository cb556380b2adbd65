#include "engine/run_folder.hpp"

#include "engine/folder_guard.hpp"
#include "engine/folder_lock.hpp"
#include "engine/block_store.hpp"
#include "output/manifest.hpp"
#include "world/error.hpp"

namespace fundsim {
namespace fs = std::filesystem;

namespace {

/// The hash recorded in a finished run's manifest, or "".
std::string completed_hash(const fs::path& dir) {
    try {
        const auto manifest = read_manifest(dir);
        if (manifest.value("status", "") == "complete") return manifest.value("experiment_hash", "");
    } catch (const IoError&) {
    }
    return "";
}

/// A run killed after creating `.blocks/` but before writing its plan: the
/// folder holds nothing but `.blocks/` (and perhaps the first manifest), and
/// `.blocks/` holds no finished block. Nothing was done, so it starts over.
bool is_unstarted_run(const fs::path& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name != ".blocks" && name != kLockFileName && name.rfind("manifest.json", 0) != 0) return false;
    }
    if (!fs::is_directory(dir / ".blocks", ec)) return false;
    for (const auto& entry : fs::directory_iterator(dir / ".blocks", ec))
        if (entry.path().extension() == ".bin" || entry.path().filename() == "plan.json") return false;
    return !ec;
}

FolderState check_resume(const fs::path& dir, std::uint64_t hash) {
    std::error_code ec;
    if (fs::exists(plan_path(dir), ec)) {
        const RunPlan old = RunPlan::from_json(read_file(plan_path(dir)), plan_path(dir).string());
        if (old.experiment_hash != hash)
            throw ConfigError(dir.string() + ": holds a run of a different experiment (hash " +
                              hash_hex(old.experiment_hash) + ", this one " + hash_hex(hash) +
                              "); --resume needs the same file and --set values; use another --out, or --force");
        return FolderState::resumable;
    }
    if (completed_hash(dir) == hash_hex(hash)) return FolderState::already_complete;
    if (is_empty_but_for_lock(dir)) return FolderState::absent;
    if (is_unstarted_run(dir)) return FolderState::replaceable;
    throw ConfigError(dir.string() + ": not a resumable fundsim run of this experiment; use another --out, or --force");
}

}  // namespace

fs::path plan_path(const fs::path& dir) { return dir / ".blocks" / "plan.json"; }

FolderState check_run_folder(const fs::path& dir, const FolderRequest& request) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        for (fs::path up = fs::absolute(dir, ec).parent_path(); !up.empty(); up = up.parent_path()) {
            if (fs::exists(up, ec)) {
                if (!fs::is_directory(up, ec))
                    throw ConfigError(dir.string() + ": " + up.string() + " is a file, not a folder; choose another --out");
                break;
            }
            if (up == up.parent_path()) break;
        }
        return FolderState::absent;
    }
    if (!fs::is_directory(dir, ec)) throw ConfigError(dir.string() + ": exists and is not a folder; choose another --out");
    check_holds_no_input(dir, request.inputs);
    switch (request.mode) {
        case FolderMode::fresh:
            if (is_empty_but_for_lock(dir)) return FolderState::absent;
            throw ConfigError(dir.string() + (request.can_resume ? ": already exists; pass --resume to continue that "
                                                                   "run or --force to replace it (or choose another --out)"
                                                                 : ": already exists; pass --force to replace it (or "
                                                                   "choose another --out)"));
        case FolderMode::force:
            if (is_empty_but_for_lock(dir)) return FolderState::absent;
            check_force_replaceable(dir, request.inputs);
            return FolderState::replaceable;
        case FolderMode::resume: {
            const FolderState state = check_resume(dir, request.experiment_hash);
            if (state == FolderState::replaceable) check_force_replaceable(dir, request.inputs);
            return state;
        }
    }
    return FolderState::absent;
}

void open_run_folder(const fs::path& dir, FolderState state, const RunPlan& plan) {
    if (state == FolderState::replaceable) clear_run_folder(dir);
    const BlockStore store(dir);
    store.create();
    if (state != FolderState::resumable) write_file_durably(plan_path(dir), plan.to_json());
}

}  // namespace fundsim
