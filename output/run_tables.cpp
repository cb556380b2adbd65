#include "output/run_tables.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

#include "experiment/csv_table.hpp"
#include "output/manifest.hpp"
#include "world/error.hpp"

namespace fundsim {
namespace fs = std::filesystem;

namespace {

double parse_number(const CsvTable& table, const CsvCell& cell) {
    if (cell.text.empty()) return std::numeric_limits<double>::quiet_NaN();
    double value = 0;
    const char* end = cell.text.data() + cell.text.size();
    const auto [ptr, ec] = std::from_chars(cell.text.data(), end, value);
    if (ec != std::errc() || ptr != end) throw table.error(cell, "'" + cell.text + "' is not a number; expected a number or an empty cell");
    return value;
}

CsvTable read_result_csv(const fs::path& dir, const char* name) {
    const fs::path path = dir / name;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw ConfigError(path.string() + ": missing; expected a results folder written by fundsim run");
    return read_csv_file(path.string(), name);
}

/// The first `key_count` columns are kept as text; the others are numbers.
NumericTable numeric_table(const CsvTable& table, std::size_t key_count) {
    NumericTable out;
    for (std::size_t c = key_count; c < table.header.size(); ++c) out.columns.push_back(table.header[c].text);
    out.values.assign(out.columns.size(), {});
    for (auto& column : out.values) column.reserve(table.rows.size());
    out.keys.reserve(table.rows.size());
    for (const auto& row : table.rows) {
        std::vector<std::string> key;
        for (std::size_t c = 0; c < key_count; ++c) key.push_back(row[c].text);
        out.keys.push_back(std::move(key));
        for (std::size_t c = key_count; c < row.size(); ++c) out.values[c - key_count].push_back(parse_number(table, row[c]));
    }
    return out;
}

void require_leading_columns(const CsvTable& table, std::initializer_list<const char*> names) {
    std::size_t i = 0;
    for (const char* name : names) {
        if (i >= table.header.size() || table.header[i].text != name)
            throw ConfigError(table.file + ":1:1: expected the column '" + name + "' at position " + std::to_string(i + 1));
        ++i;
    }
}

void read_finals(RunTables& run) {
    const fs::path path = run.dir / "trajectories.csv";
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) {
        run.trajectories_note = "no trajectories.csv";
        return;
    }
    if (size > kMaxTrajectoriesBytes) {
        run.trajectories_note = "trajectories.csv larger than 64 MiB, not read";
        return;
    }
    const CsvTable table = read_csv_file(path.string(), "trajectories.csv");
    const int step = table.column("step"), point = table.column("point"), world = table.column("world");
    const int gov = table.column("government"), status = table.column("status"), stake = table.column("stake");
    const int revenue = table.column("revenue_usd_bn");
    if (step < 0 || point < 0 || world < 0 || gov < 0 || status < 0 || stake < 0 || revenue < 0) {
        run.trajectories_note = "trajectories.csv lacks a column (point, world, step, government, status, stake, revenue_usd_bn)";
        return;
    }
    const std::string last = std::to_string(run.manifest.value("steps", -1));
    for (const auto& row : table.rows) {
        if (row[step].text != last) continue;
        run.finals.push_back({row[point].text, row[world].text, row[gov].text, row[status].text == "member" ? 1.0 : 0.0,
                              parse_number(table, row[stake]), parse_number(table, row[revenue])});
    }
    if (run.finals.empty()) run.trajectories_note = "trajectories.csv has no row at the last step";
}

}  // namespace

int NumericTable::column(const std::string& name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name) return static_cast<int>(i);
    return -1;
}

RunTables read_run_tables(const fs::path& dir) {
    RunTables run;
    run.dir = dir;
    std::error_code ec;
    if (!fs::is_regular_file(dir / "manifest.json", ec))
        throw ConfigError(dir.string() + ": not a fundsim results folder (no manifest.json)");
    try {
        run.manifest = read_manifest(dir);
    } catch (const IoError& e) {
        throw ConfigError(e.what());
    }
    if (run.manifest.value("status", "") != "complete")
        throw ConfigError(dir.string() + ": the run is not complete (manifest status '" +
                          run.manifest.value("status", "") + "'); finish it with fundsim run --resume");
    const CsvTable worlds = read_result_csv(dir, "worlds.csv");
    require_leading_columns(worlds, {"point", "world"});
    run.worlds = numeric_table(worlds, 2);
    const CsvTable governments = read_result_csv(dir, "governments.csv");
    require_leading_columns(governments, {"point", "government"});
    run.governments = numeric_table(governments, 2);
    read_finals(run);
    return run;
}

}  // namespace fundsim
