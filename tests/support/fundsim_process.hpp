#pragma once
// Runs the built `fundsim` binary (FUNDSIM_BINARY) for command-line tests,
// with scratch folders under the build tree and byte-for-byte comparison of
// result folders.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fundsim::testing {

namespace fs = std::filesystem;

/// A fresh, empty scratch folder for one test case.
inline fs::path scratch_dir(const std::string& name) {
    const fs::path dir = fs::path(FUNDSIM_BINARY).parent_path() / "test-scratch" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

inline std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

inline void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

/// What a fundsim process did.
struct Process {
    int exit_code = -1;
    std::string output;  ///< stdout and stderr together
};

/// Runs `fundsim ARGS` (a shell-quoted argument string) with stdin closed,
/// after the shell commands `prefix` ("cd DIR && ", "ulimit -f 1; ").
inline Process run_fundsim_with_prefix(const std::string& prefix, const std::string& args, const fs::path& scratch) {
    const fs::path log = scratch / "last_output.txt";
    const std::string command = "(" + prefix + "'" + FUNDSIM_BINARY + "' " + args + ") > '" + log.string() +
                                "' 2>&1 < /dev/null";
    const int status = std::system(command.c_str());
    Process p;
    p.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    p.output = read_text(log);
    return p;
}

/// Runs `fundsim ARGS` (a shell-quoted argument string) with stdin closed.
inline Process run_fundsim(const std::string& args, const fs::path& scratch) {
    return run_fundsim_with_prefix("", args, scratch);
}

/// The five CSV results of a run folder.
inline const char* const kResultFiles[] = {"points.csv", "worlds.csv", "series.csv", "governments.csv",
                                           "trajectories.csv"};

/// Checks two result folders hold byte-identical CSV files.
inline void check_same_results(const fs::path& a, const fs::path& b) {
    for (const char* name : kResultFiles) {
        INFO("file " << name << " of " << a << " vs " << b);
        REQUIRE(fs::exists(a / name));
        REQUIRE(fs::exists(b / name));
        CHECK(read_text(a / name) == read_text(b / name));
    }
}

/// A small, fast experiment: 10 governments, Erdos-Renyi ties, Bass rule,
/// a two-point grid, 150 worlds (3 blocks per point), 3 trajectory worlds.
inline std::string small_experiment_yaml(bool with_sweep = true) {
    const std::string sweep = R"(sweep:
  design: grid
  parameters:
    behavior.bass.q: [0.2, 0.5]
)";
    return R"(experiment:
  name: small
  seed: 7
  worlds: 150
  steps: 12
  output: {trajectories: 3}
fund:
  founders: {A: 1.0}
governments:
  list:
    - {id: A, gdp: 1000}
    - {id: B, gdp: 500}
    - {id: C, gdp: 400}
    - {id: D, gdp: 300}
    - {id: E, gdp: 250}
    - {id: F, gdp: 200}
    - {id: G, gdp: 150}
    - {id: H, gdp: 100}
    - {id: I, gdp: 80}
    - {id: J, gdp: 50}
network:
  generator: {type: erdos_renyi, mean_degree: 3}
behavior:
  decision_rule: bass
  bass: {p: 0.05, q: 0.4, scope: network}
events:
  - {at: 3, type: tariff, from: A, to: all, rate: 0.1}
)" + (with_sweep ? sweep : std::string());
}

/// Writes the small experiment into `dir` and returns its path.
inline fs::path write_small_experiment(const fs::path& dir, bool with_sweep = true) {
    const fs::path file = dir / "small.yaml";
    write_text(file, small_experiment_yaml(with_sweep));
    return file;
}

}  // namespace fundsim::testing
