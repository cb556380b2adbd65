#include "output/result_size.hpp"

#include <algorithm>
#include <cstdio>

#include "engine/world_columns.hpp"
#include "output/government_columns.hpp"
#include "output/table_writer.hpp"
#include "world/error.hpp"
#include "world/metrics.hpp"

namespace fundsim {
namespace {

// Typical printed widths (shortest round-trip doubles, measured on the
// default experiment and the 10,000-government cascade).
constexpr std::uint64_t kRealWidth = 18;        ///< a world's money amount or ratio
constexpr std::uint64_t kStatisticWidth = 9;    ///< a statistic over worlds: often a round count
constexpr std::uint64_t kSmallIntWidth = 2;     ///< counts in worlds.csv
constexpr std::uint64_t kTrajectoryNumber = 4;  ///< stake, tariff, revenue: often 0
constexpr std::uint64_t kStatusWidth = 7;       ///< "member", "outside", ...

std::uint64_t digits(std::uint64_t n) {
    std::uint64_t d = 1;
    while (n >= 10) n /= 10, ++d;
    return d;
}

/// Average length of the point's government ids.
std::uint64_t mean_id_width(const PointPlan& point) {
    if (point.government_ids.empty()) return 0;
    std::uint64_t sum = 0;
    for (const auto& id : point.government_ids) sum += id.size();
    return (sum + point.government_ids.size() - 1) / point.government_ids.size();
}

/// Row bytes: the cells' widths plus one separator or newline per cell.
std::uint64_t row_bytes(std::initializer_list<std::uint64_t> cells, std::uint64_t more_cells = 0,
                        std::uint64_t more_width = 0) {
    std::uint64_t bytes = 0;
    for (auto w : cells) bytes += w + 1;
    return bytes + more_cells * (more_width + 1);
}

std::uint64_t world_row_width() {
    std::uint64_t bytes = 0;
    for (const auto& c : kWorldColumns) bytes += (c.is_integer ? kSmallIntWidth : kRealWidth) + 1;
    return bytes;
}

}  // namespace

std::vector<FileSizeEstimate> estimate_result_sizes(const RunPlan& plan) {
    FileSizeEstimate points{"points.csv"}, worlds{"worlds.csv"}, series{"series.csv"},
        governments{"governments.csv"}, trajectories{"trajectories.csv"};
    const std::uint64_t pw = digits(plan.points.empty() ? 0 : plan.points.size() - 1);
    for (const PointPlan& p : plan.points) {
        const std::uint64_t steps = static_cast<std::uint64_t>(p.steps) + 1;
        const std::uint64_t govs = p.government_ids.size();
        const std::uint64_t id = mean_id_width(p);
        points.rows += 1;
        points.bytes += row_bytes({pw}, p.overrides.size(), 6);
        worlds.rows += p.worlds;
        worlds.bytes += p.worlds * (row_bytes({pw, digits(p.worlds)}) + world_row_width());
        series.rows += steps * kMetricCount;
        series.bytes += steps * kMetricCount * row_bytes({pw, digits(steps), 12, digits(p.worlds)}, 9, kStatisticWidth);
        governments.rows += govs;
        governments.bytes += govs * row_bytes({pw, id}, governments_columns().size() - 2, kStatisticWidth);
        const std::uint64_t traced = std::min<std::uint64_t>(p.trajectories, p.worlds);
        const std::uint64_t rows = traced * steps * govs;
        trajectories.rows += rows;
        trajectories.bytes +=
            rows * row_bytes({pw, digits(traced), digits(steps), id, kStatusWidth}, 3, kTrajectoryNumber);
    }
    std::vector<FileSizeEstimate> files{points, worlds, series, governments, trajectories};
    if (plan.saltelli_samples > 0) {  // one row per (swept parameter, worlds.csv outcome)
        FileSizeEstimate sensitivity{"sensitivity.csv"};
        sensitivity.rows = plan.parameters.size() * kWorldColumnCount;
        sensitivity.bytes = sensitivity.rows * row_bytes({32, 24}, 6, kRealWidth);
        files.push_back(sensitivity);
    }
    return files;
}

std::string size_text(std::uint64_t bytes) {
    char buf[32];
    const double b = static_cast<double>(bytes);
    if (b >= 1e9) std::snprintf(buf, sizeof buf, "%.1f GB", b / 1e9);
    else if (b >= 1e6) std::snprintf(buf, sizeof buf, "%.0f MB", b / 1e6);
    else std::snprintf(buf, sizeof buf, "%.0f kB", b / 1e3);
    return buf;
}

void check_result_size(const RunPlan& plan, std::uint64_t limit) {
    const auto files = estimate_result_sizes(plan);
    std::uint64_t total = 0;
    for (const auto& f : files) total += f.bytes;
    if (total <= limit) return;
    auto sorted = files;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.bytes > b.bytes; });
    std::string parts;
    for (const auto& f : sorted) {
        if (f.bytes * 100 < total) break;  // only the files that matter
        parts += (parts.empty() ? "" : ", ") + f.name + " " + size_text(f.bytes) + " in " + std::to_string(f.rows) +
                 " rows";
    }
    std::uint32_t trajectories = 0;
    for (const auto& p : plan.points) trajectories = std::max(trajectories, p.trajectories);
    throw ConfigError("the results would be about " + size_text(total) + " (" + parts + "), above the " +
                      size_text(limit) + " limit; lower experiment.output.trajectories (now " +
                      std::to_string(trajectories) +
                      ", e.g. --set experiment.output.trajectories=0) or the worlds (--worlds)" +
                      (has_table_format(kHdf5Format) ? ", write compressed HDF5 (experiment.output.format: hdf5)" : "") +
                      ", or pass --force-size to write them anyway");
}

}  // namespace fundsim
