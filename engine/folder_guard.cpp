#include "engine/folder_guard.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "engine/folder_lock.hpp"
#include "engine/block_store.hpp"
#include "engine/plan.hpp"
#include "world/error.hpp"

namespace fundsim {
namespace fs = std::filesystem;

namespace {

/// Every file fundsim writes at the top of a results folder: a run's (and a
/// Saltelli sweep's sensitivity.csv) and a calibration's.
constexpr std::array<const char*, 11> kTopFiles = {
    "manifest.json",  "points.csv",      "worlds.csv",        "series.csv",            "governments.csv",
    "trajectories.csv", "sensitivity.csv", "posterior.csv", "generations.csv", "posterior_summary.csv",
    "best_fit.csv"};

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// A top-level file fundsim writes (or its temporary twin).
bool is_top_file_name(const std::string& name) {
    const std::string base = ends_with(name, ".tmp") ? name.substr(0, name.size() - 4) : name;
    return base == kLockFileName ||
           std::any_of(kTopFiles.begin(), kTopFiles.end(), [&](const char* f) { return base == f; });
}

/// A file fundsim writes inside `.blocks`: the plan, block files, their temporaries.
bool is_block_file_name(const std::string& name) {
    const std::string base = ends_with(name, ".tmp") ? name.substr(0, name.size() - 4) : name;
    return base == "plan.json" || BlockStore::parse_name(base).has_value();
}

fs::path canonical_or_self(const fs::path& p) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? p.lexically_normal() : c;
}

/// "manifest.json" is fundsim's when it is a JSON object naming a fundsim version and an experiment hash.
bool is_fundsim_manifest(const fs::path& path) {
    try {
        const auto m = nlohmann::json::parse(read_file(path));
        return m.is_object() && m.contains("fundsim_version") && m.contains("experiment_hash") &&
               m.contains("status");
    } catch (const std::exception&) {
        return false;
    }
}

/// The folder says it is fundsim's: a fundsim manifest, or a run plan, or
/// (a run killed before writing either) nothing but an empty `.blocks`.
bool has_fundsim_record(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir / "manifest.json", ec)) return is_fundsim_manifest(dir / "manifest.json");
    const fs::path plan = dir / ".blocks" / "plan.json";
    if (fs::exists(plan, ec)) {
        try {
            RunPlan::from_json(read_file(plan), plan.string());
            return true;
        } catch (const std::exception&) {
            return false;
        }
    }
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name != ".blocks" && name != kLockFileName && !ends_with(name, ".tmp")) return false;
    }
    for (const auto& entry : fs::directory_iterator(dir / ".blocks", ec))
        if (!ends_with(entry.path().filename().string(), ".tmp")) return false;
    return !ec;
}

}  // namespace

bool is_run_folder_entry_name(const std::string& name) { return name == ".blocks" || is_top_file_name(name); }

bool is_empty_but_for_lock(const fs::path& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.path().filename() != kLockFileName) return false;
    return !ec;
}

fs::path first_foreign_entry(const fs::path& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        const fs::file_status st = entry.symlink_status(ec);
        if (name == ".blocks") {
            if (!fs::is_directory(st)) return entry.path();
            for (const auto& block : fs::directory_iterator(entry.path(), ec)) {
                if (!is_block_file_name(block.path().filename().string()) ||
                    !fs::is_regular_file(block.symlink_status(ec)))
                    return block.path();
            }
            if (ec) return entry.path();
        } else if (!is_top_file_name(name) || !fs::is_regular_file(st)) {
            return entry.path();
        }
    }
    if (ec) return dir;  // unreadable: treat as not ours
    return {};
}

bool is_inside(const fs::path& path, const fs::path& folder) {
    const fs::path p = canonical_or_self(path);
    const fs::path f = canonical_or_self(folder);
    auto pi = p.begin();
    for (auto fi = f.begin(); fi != f.end(); ++fi, ++pi) {
        if (fi->empty() && std::next(fi) == f.end()) break;  // trailing separator
        if (pi == p.end() || *pi != *fi) return false;
    }
    return true;
}

void check_holds_no_input(const fs::path& dir, const std::vector<fs::path>& inputs) {
    for (const fs::path& input : inputs) {
        if (is_inside(input, dir))
            throw ConfigError(dir.string() + ": holds " + input.string() +
                              ", an input of this command; fundsim would write over it; choose another --out");
    }
}

void check_force_replaceable(const fs::path& dir, const std::vector<fs::path>& inputs) {
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    if (!ec && is_inside(cwd, dir))
        throw ConfigError(dir.string() + ": is the current folder or holds it; refusing to delete it with --force; "
                                         "choose another --out");
    check_holds_no_input(dir, inputs);
    const fs::path foreign = first_foreign_entry(dir);
    if (!foreign.empty())
        throw ConfigError(dir.string() + ": holds " + foreign.filename().string() +
                          ", which fundsim did not write; refusing to delete it with --force; choose another --out");
    if (!has_fundsim_record(dir))
        throw ConfigError(dir.string() + ": has no fundsim manifest.json or run plan that fundsim can read; refusing "
                                         "to delete it with --force; choose another --out");
}

void clear_run_folder(const fs::path& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().filename() == kLockFileName) continue;
        fs::remove_all(entry.path(), ec);
        if (ec) throw IoError(entry.path().string() + ": cannot remove the old results: " + ec.message());
    }
    if (ec) throw IoError(dir.string() + ": cannot list the old results: " + ec.message());
}

}  // namespace fundsim
