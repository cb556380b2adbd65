#pragma once
/// A finished results folder read back as numbers (for `fundsim compare`):
/// the manifest, every numeric column of worlds.csv and governments.csv, and
/// the final step of trajectories.csv. Cells are read with the CSV reader of
/// the experiment layer, so a malformed file is reported as file:line:col.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fundsim {

/// A CSV file as a row key (its leading text/integer columns) and numeric columns.
struct NumericTable {
    std::vector<std::string> columns;            ///< numeric column names, file order
    std::vector<std::vector<std::string>> keys;  ///< per row: the key cells (e.g. point, world)
    std::vector<std::vector<double>> values;     ///< per column: one value per row; NaN for an empty cell
    /// Index of `name` in `columns`, or -1.
    int column(const std::string& name) const;
};

/// Per (point, world, government) at the last step of trajectories.csv.
struct FinalGovernmentRow {
    std::string point;       ///< point index as written
    std::string world;       ///< world index as written
    std::string government;  ///< government id
    double is_member = 0;    ///< 1 when status is "member", else 0
    double stake = 0;        ///< stake, USD bn
    double revenue_usd_bn = 0; ///< cumulative distributions received, USD bn
};

/// One results folder, read for comparison.
struct RunTables {
    std::filesystem::path dir;          ///< the folder
    nlohmann::json manifest;            ///< manifest.json
    NumericTable worlds;                ///< worlds.csv, key: point, world
    NumericTable governments;           ///< governments.csv, key: point, government
    std::vector<FinalGovernmentRow> finals; ///< trajectories.csv at step == steps (empty if none)
    std::string trajectories_note;      ///< why `finals` is empty, when it is
};

/// Largest trajectories.csv read for per-government pairing (64 MiB); beyond,
/// the per-government comparison uses governments.csv only.
inline constexpr std::uintmax_t kMaxTrajectoriesBytes = 64u << 20;

/// Reads `dir`. Throws ConfigError (exit 2) when it is not a complete fundsim
/// results folder or a file is malformed.
RunTables read_run_tables(const std::filesystem::path& dir);

}  // namespace fundsim
