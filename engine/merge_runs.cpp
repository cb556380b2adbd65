#include "engine/merge_runs.hpp"

#include <filesystem>
#include <map>

#include "engine/block_store.hpp"
#include "engine/folder_guard.hpp"
#include "engine/folder_lock.hpp"
#include "engine/run_folder.hpp"
#include "output/aggregate.hpp"
#include "output/manifest.hpp"
#include "world/error.hpp"

namespace fundsim {
namespace fs = std::filesystem;

namespace {

struct Part {
    fs::path dir;
    BlockStore store;
    RunPlan plan;
};

Part load_part(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(plan_path(dir), ec))
        throw ConfigError(dir.string() + ": not a fundsim shard folder (no .blocks/plan.json); pass the folders "
                                         "written by fundsim run --shard");
    RunPlan plan;
    try {
        plan = RunPlan::from_json(read_file(plan_path(dir)), plan_path(dir).string());
    } catch (const IoError& e) {
        throw ConfigError(e.what());
    }
    return {dir, BlockStore(dir), std::move(plan)};
}

/// Which part holds each block; checks hashes, duplicates, gaps and damage.
std::map<BlockKey, const Part*> index_blocks(const std::vector<Part>& parts) {
    const RunPlan& plan = parts.front().plan;
    std::map<BlockKey, const Part*> owner;
    for (const Part& part : parts) {
        if (part.plan.experiment_hash != plan.experiment_hash)
            throw ConfigError(part.dir.string() + ": is a part of a different experiment (hash " +
                              hash_hex(part.plan.experiment_hash) + ", " + parts.front().dir.string() + " has " +
                              hash_hex(plan.experiment_hash) + ")");
        for (const BlockKey key : part.store.list()) {
            if (key.point >= plan.points.size() || key.block >= plan.points[key.point].block_count)
                throw ConfigError(part.store.path_of(key).string() + ": block outside the experiment's plan");
            if (!part.store.is_complete(key, plan.experiment_hash))
                throw ConfigError(part.store.path_of(key).string() +
                                  ": damaged or incomplete block; rerun that shard with --resume");
            const auto [it, is_new] = owner.emplace(key, &part);
            if (!is_new)
                throw ConfigError(part.store.path_of(key).string() + ": block also present in " +
                                  it->second->dir.string() + "; pass each shard folder once");
        }
    }
    if (owner.size() != plan.total_blocks) {
        std::string missing;
        int listed = 0;
        for (std::uint64_t g = 0; g < plan.total_blocks && listed < 5; ++g) {
            const BlockKey key = plan.key_of(g);
            if (owner.count(key) == 0) {
                missing += (listed++ ? ", " : "") + std::string("p") + std::to_string(key.point) + "_b" +
                           std::to_string(key.block) + " (global block " + std::to_string(g) + ")";
            }
        }
        throw ConfigError(std::to_string(plan.total_blocks - owner.size()) + " of " +
                          std::to_string(plan.total_blocks) + " blocks are missing, e.g. " + missing +
                          "; run the missing shards (with --resume if they were interrupted) and merge again");
    }
    return owner;
}

}  // namespace

MergeResult merge_runs(const MergeRequest& o) {
    if (o.parts.empty()) throw ConfigError("merge: give the shard folders to merge");
    std::vector<Part> parts;
    for (const auto& p : o.parts) parts.push_back(load_part(p));
    const auto owner = index_blocks(parts);
    const RunPlan& plan = parts.front().plan;
    const fs::path& dir = o.out;
    FolderRequest request;
    request.mode = o.is_force ? FolderMode::force : FolderMode::fresh;
    request.can_resume = false;
    for (const Part& part : parts) request.inputs.push_back(part.dir);
    check_run_folder(dir, request);
    const auto part_manifest = read_manifest(parts.front().dir);

    // The input is valid and the folder acceptable: take its lock and check again under it.
    const FolderLock lock(dir);
    if (check_run_folder(dir, request) == FolderState::replaceable) clear_run_folder(dir);
    auto manifest = manifest_for(plan, part_manifest.at("experiment").dump());
    manifest["command_line"] = o.command_line;
    if (part_manifest.contains("government_names")) manifest["government_names"] = part_manifest.at("government_names");
    manifest["threads"] = nullptr;
    manifest["start_time"] = utc_timestamp();
    manifest["end_time"] = nullptr;
    manifest["parts"] = nlohmann::json::array();
    for (const Part& part : parts) manifest["parts"].push_back(part.dir.string());
    manifest["message"] = "merging; if stopped, run the same merge again with --force";
    write_manifest(dir, manifest);  // a killed merge leaves a folder --force recognises
    const RunSummary summary = aggregate_results(
        plan, [&](BlockKey key) { return owner.at(key)->store.read(key, plan.experiment_hash); }, dir);
    manifest["status"] = "complete";
    manifest["end_time"] = utc_timestamp();
    manifest["blocks_done"] = plan.total_blocks;
    manifest.erase("message");
    set_quantile_method(manifest, summary);
    write_manifest(dir, manifest);
    return {summary, parts.size()};
}

}  // namespace fundsim
