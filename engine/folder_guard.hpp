#pragma once
/// What `--force` may delete (SPEC §6: "--force replaces only a folder that
/// fundsim itself wrote, never one holding other files, never `.` or a folder
/// that holds the experiment or the inputs"). Self-contained checks on paths
/// and folder entries; they change nothing.
#include <filesystem>
#include <string>
#include <vector>

namespace fundsim {

/// True when `name` is an entry fundsim writes at the top of a run folder
/// (the manifest, the run's and the calibration's CSVs, their temporary
/// files, `.blocks`, the lock).
bool is_run_folder_entry_name(const std::string& name);

/// True when `dir` holds nothing but perhaps the lock file (this process's,
/// taken before its second check).
bool is_empty_but_for_lock(const std::filesystem::path& dir);

/// The first entry under `dir` that fundsim did not write (a foreign name, a
/// symbolic link, a folder where a file belongs, anything but block files
/// and the plan inside `.blocks`), or an empty path when there is none.
std::filesystem::path first_foreign_entry(const std::filesystem::path& dir);

/// True when `path` is `folder` or lies inside it (both made canonical, so
/// `.`, `..` and symbolic links are seen through).
bool is_inside(const std::filesystem::path& path, const std::filesystem::path& folder);

/// Throws ConfigError naming the reason when `--force` must not replace
/// `dir`: it is the current folder or one of its ancestors, it holds one of
/// `inputs` (experiment file, includes, data files, merge parts), its
/// manifest is not fundsim's, or it holds an entry fundsim did not write.
/// `dir` must exist.
void check_force_replaceable(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& inputs);

/// Throws ConfigError when `dir` holds one of `inputs` (a run would write
/// over them): used for every mode, not only --force.
void check_holds_no_input(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& inputs);

/// Removes every entry of `dir` except the lock file, leaving the folder.
/// Throws IoError.
void clear_run_folder(const std::filesystem::path& dir);

}  // namespace fundsim
