// design: saltelli end to end: `fundsim run` writes sensitivity.csv, the
// active parameter dominates, the inert one gets a total index near 0, and
// `fundsim merge` of shards writes the same file.
#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include "engine/world_columns.hpp"
#include "support/fundsim_process.hpp"

using namespace fundsim::testing;

namespace {

/// Bass adoption depends on q; fund.tax_rate only changes the counterfactual revenue.
constexpr const char* kSaltelliYaml = R"(experiment: {name: saltelli, seed: 3, worlds: 40, steps: 12, output: {trajectories: 0}}
governments: {generate: {count: 60}}
behavior: {decision_rule: bass, bass: {p: 0.02, scope: global}}
sweep:
  design: saltelli
  samples: 64
  parameters:
    behavior.bass.q: {min: 0.05, max: 0.6}
    fund.tax_rate: {min: 0, max: 0.5}
)";

/// sensitivity.csv as (parameter, outcome) -> cells.
std::map<std::pair<std::string, std::string>, std::vector<std::string>> read_indices(const fs::path& file) {
    std::istringstream text(read_text(file));
    std::string line;
    std::getline(text, line);
    CHECK(line == "parameter,outcome,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi");
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> rows;
    while (std::getline(text, line)) {
        std::vector<std::string> cells;
        std::istringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
        cells.resize(8);
        rows[{cells[0], cells[1]}] = cells;
    }
    return rows;
}

}  // namespace

TEST_CASE("SensitivityRun.saltelli_run_writes_sobol_indices_and_merge_too" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("saltelli_run");
    write_text(dir / "saltelli.yaml", kSaltelliYaml);
    const std::string file = "'" + (dir / "saltelli.yaml").string() + "'";
    const Process p = run_fundsim("run " + file + " --out '" + (dir / "whole").string() + "' --quiet", dir);
    INFO(p.output);
    REQUIRE(p.exit_code == 0);
    CHECK(read_text(dir / "whole" / "points.csv").find("\n255,") != std::string::npos);  // 64 * (2 + 2) points
    const auto rows = read_indices(dir / "whole" / "sensitivity.csv");
    CHECK(rows.size() == 2 * fundsim::kWorldColumns.size());
    const auto& q = rows.at({"behavior.bass.q", "adoption_final"});
    const auto& tax = rows.at({"fund.tax_rate", "adoption_final"});
    CHECK(std::stod(q[5]) > 0.8);     // ST of q
    CHECK(std::stod(q[2]) > 0.6);     // S1 of q
    CHECK(std::stod(tax[5]) < 0.05);  // inert: only Monte Carlo noise between points
    CHECK(std::stod(q[3]) <= std::stod(q[2]));
    CHECK(std::stod(q[2]) <= std::stod(q[4]));
    // An outcome that never varies has empty cells.
    CHECK(rows.at({"fund.tax_rate", "events_fired"})[2].empty());

    for (const char* shard : {"1/2", "2/2"}) {
        const std::string part = std::string("part") + shard[0];
        REQUIRE(run_fundsim("run " + file + " --out '" + (dir / part).string() + "' --quiet --shard " + shard, dir)
                    .exit_code == 0);
    }
    const Process merged = run_fundsim("merge '" + (dir / "part1").string() + "' '" + (dir / "part2").string() +
                                           "' --out '" + (dir / "merged").string() + "'",
                                       dir);
    INFO(merged.output);
    REQUIRE(merged.exit_code == 0);
    CHECK(read_text(dir / "merged" / "sensitivity.csv") == read_text(dir / "whole" / "sensitivity.csv"));
}
