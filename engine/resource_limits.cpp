#include "engine/resource_limits.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "engine/world_columns.hpp"
#include "output/result_size.hpp"
#include "world/error.hpp"
#include "world/metrics.hpp"

namespace fundsim {
namespace fs = std::filesystem;

namespace {

constexpr double kBytesPerDirectedTie = 56;
constexpr double kBytesPerGovernment = 1024;
constexpr double kMaxDirectedTies = 2147483648.0;  // 2^31: graph indices stay in range

/// Directed ties of one world, as a double (no overflow), and how they come about.
double directed_ties(const Experiment& ex, std::string& why) {
    const double n = static_cast<double>(ex.governments.size());
    const NetworkSpec& net = ex.network;
    double ties = 2.0 * static_cast<double>(net.ties.size());
    switch (net.generator) {
        case NetworkGenerator::none: why = "network.from_csv ties"; break;
        case NetworkGenerator::complete:
            ties += n * (n - 1);
            why = "complete graph of " + std::to_string(ex.governments.size()) + " governments";
            break;
        case NetworkGenerator::erdos_renyi:
            ties += n * std::min(net.mean_degree, std::max(0.0, n - 1));
            why = "erdos_renyi graph of " + std::to_string(ex.governments.size()) + " governments";
            break;
        case NetworkGenerator::watts_strogatz:
            ties += n * std::min<double>(net.k, std::max(0.0, n - 1));
            why = "watts_strogatz graph of " + std::to_string(ex.governments.size()) + " governments";
            break;
        case NetworkGenerator::barabasi_albert:
            ties += 2.0 * n * net.m;
            why = "barabasi_albert graph of " + std::to_string(ex.governments.size()) + " governments";
            break;
    }
    return ties;
}

std::string count_text(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, x < 1e15 ? "%.0f" : "%.3g", x);
    return buf;
}

/// Free bytes on the disk of `dir` or its nearest existing parent.
std::uint64_t free_bytes(fs::path dir) {
    std::error_code ec;
    dir = fs::absolute(dir, ec);
    while (!dir.empty() && !fs::exists(dir, ec) && dir != dir.parent_path()) dir = dir.parent_path();
    struct statvfs st {};
    if (statvfs(dir.c_str(), &st) != 0) return UINT64_MAX;  // unknown: do not refuse
    return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
}

}  // namespace

std::uint64_t usable_memory_bytes() {
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    std::uint64_t bytes = pages > 0 && page > 0 ? static_cast<std::uint64_t>(pages) * page : (8ull << 30);
    // cgroup v2, then v1; "max" (v2) fails to parse and a huge v1 value is "no limit".
    for (const char* file : {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
        std::ifstream cgroup(file);
        std::uint64_t limit = 0;
        if (cgroup >> limit && limit > 0) bytes = std::min(bytes, limit);
    }
    return bytes;
}

void check_sweep_size(const ExperimentFile& file, std::size_t points, std::size_t governments) {
    if (points > kMaxSweepPoints)
        throw file.error_at("sweep", "the design has " + std::to_string(points) + " points; expected at most " +
                                         std::to_string(kMaxSweepPoints) + " (use fewer values or samples, or split "
                                         "the sweep into several experiments)");
    const double need = static_cast<double>(points) * (65536.0 + 512.0 * static_cast<double>(governments));
    const double limit = static_cast<double>(usable_memory_bytes()) / 4;
    if (need > limit)
        throw file.error_at("sweep", "the design's " + std::to_string(points) + " points of " +
                                         std::to_string(governments) + " governments need about " + size_text(static_cast<std::uint64_t>(need)) +
                                         " of memory before any world runs; the limit is " + size_text(static_cast<std::uint64_t>(limit)) +
                                         " (a quarter of this machine's memory); expected fewer points");
}

void check_world_size(const ExperimentFile& file, const Scenario& scenario, std::size_t point,
                      int concurrent_worlds) {
    const Experiment& ex = scenario.experiment;
    std::string why;
    const double ties = directed_ties(ex, why);
    const double n = static_cast<double>(ex.governments.size());
    const double bytes = kBytesPerDirectedTie * ties + 8.0 * static_cast<double>(scenario.tariff_setters.size()) * n +
                         kBytesPerGovernment * n;
    const double at_once = std::max(1, concurrent_worlds);
    const double limit = static_cast<double>(usable_memory_bytes()) / 2 / at_once;
    if (ties <= kMaxDirectedTies && bytes <= limit) return;
    const std::string key = ex.network.generator == NetworkGenerator::none ? "network" : "network.generator";
    const std::string at_point = point == 0 ? "" : " (sweep point " + std::to_string(point) + ")";
    if (ties > kMaxDirectedTies)
        throw file.error_at(key, "one world's " + why + " has about " + count_text(ties) +
                                     " directed ties; the limit is " + count_text(kMaxDirectedTies) + at_point +
                                     "; expected fewer governments or a sparser generator");
    throw file.error_at(key, "one world (" + why + ", " + count_text(ties) + " directed ties) needs about " +
                                 size_text(static_cast<std::uint64_t>(bytes)) + " of memory; the limit is " + size_text(static_cast<std::uint64_t>(limit)) +
                                 " (half of this machine's " + size_text(usable_memory_bytes()) +
                                 " over " + std::to_string(static_cast<int>(at_once)) + " worlds at once)" + at_point +
                                 "; expected fewer governments, a sparser generator or fewer --threads");
}

OutputEstimate estimate_output(const RunPlan& plan) {
    OutputEstimate e;
    double blocks = 0;
    for (const PointPlan& p : plan.points) {
        const double worlds = p.worlds, steps = p.steps + 1.0, n = static_cast<double>(p.government_ids.size());
        const double traj_rows = std::min<double>(p.trajectories, p.worlds) * steps * n;
        blocks += worlds * (steps * kMetricCount + kWorldColumnCount) * 8.0 + p.block_count * (n * 80.0 + 64.0) +
                  traj_rows * 40.0;
    }
    e.block_bytes = static_cast<std::uint64_t>(std::min(blocks, 1e19));
    for (const FileSizeEstimate& f : estimate_result_sizes(plan)) {  // the size guard's estimate
        e.csv_bytes += f.bytes;
        if (f.name == "trajectories.csv") e.trajectory_bytes = f.bytes;
    }
    return e;
}

OutputEstimate check_disk_space(const ExperimentFile& file, const RunPlan& plan, const fs::path& dir) {
    const OutputEstimate e = estimate_output(plan);
    const double need = static_cast<double>(e.block_bytes) + static_cast<double>(e.csv_bytes);
    const std::uint64_t free = free_bytes(dir);
    if (need > static_cast<double>(free))
        throw file.error_at("experiment.worlds",
                            "the run needs about " + size_text(static_cast<std::uint64_t>(need)) + " of disk (blocks " +
                                size_text(e.block_bytes) + ", CSV files " +
                                size_text(e.csv_bytes) + ", of which trajectories.csv " +
                                size_text(e.trajectory_bytes) + "); the disk holding " +
                                dir.string() + " has " + size_text(free) +
                                " free; expected fewer worlds, points or experiment.output.trajectories");
    return e;
}

}  // namespace fundsim
