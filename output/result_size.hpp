#pragma once
/// The size guard (SPEC §13, issue 15): before a run touches its folder, the
/// size of every result file is estimated from the plan (rows x typical cell
/// widths of the CSV files, within about 2x of their real size; HDF5 files
/// are about half as large but are estimated the same); above kResultSizeLimit bytes
/// in all, the run is refused as bad input unless the user insists
/// (`fundsim run --force-size`, `fundsim.run(force_size=True)`).
#include <cstdint>
#include <string>
#include <vector>

#include "engine/plan.hpp"

namespace fundsim {

/// The documented limit on the estimated results of one run: 500 MB.
inline constexpr std::uint64_t kResultSizeLimit = 500'000'000;

/// One result file's estimate.
struct FileSizeEstimate {
    std::string name;     ///< e.g. "trajectories.csv"
    std::uint64_t rows = 0;
    std::uint64_t bytes = 0;
};

/// Estimates every CSV result file of `plan`, in the order the run writes them.
std::vector<FileSizeEstimate> estimate_result_sizes(const RunPlan& plan);

/// Throws ConfigError when the estimated results of `plan` exceed `limit`
/// bytes: the message gives the estimate per file and how to lower it.
void check_result_size(const RunPlan& plan, std::uint64_t limit = kResultSizeLimit);

/// Bytes as "541 MB" / "1.2 GB" / "12 kB" (decimal units).
std::string size_text(std::uint64_t bytes);

}  // namespace fundsim
