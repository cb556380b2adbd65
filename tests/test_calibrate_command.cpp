// fundsim calibrate end to end: a Bass model whose data fundsim generates
// itself from known (p, q) is fitted back; the files are byte-identical at
// 1 and 2 threads and after a stop + --resume; bad input exits 2.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "support/fundsim_process.hpp"

using namespace fundsim::testing;

namespace {

constexpr double kTrueP = 0.03, kTrueQ = 0.38;

/// The model: Bass (1969) with global scope, 300 governments, 20 steps.
std::string bass_yaml(double p, double q) {
    std::ostringstream y;
    y << "experiment: {name: bass_truth, seed: 11, worlds: 400, steps: 20, output: {trajectories: 0}}\n"
      << "governments: {generate: {count: 300}}\n"
      << "behavior: {decision_rule: bass, bass: {p: " << p << ", q: " << q << ", scope: global}}\n";
    return y.str();
}

/// The calibration of bass.yaml against observed.csv (written by the test).
constexpr const char* kCalibrationYaml = R"(include: bass.yaml
experiment: {name: bass_fit, seed: 5}
calibration:
  parameters:
    behavior.bass.p: {min: 0.002, max: 0.12}
    behavior.bass.q: {min: 0.05, max: 0.9}
  targets:
    - {metric: adoption, from_csv: observed.csv}
  particles: 100
  generations: 6
  worlds: 10
)";

/// Runs the truth and writes its mean adoption at steps 2, 4, .., 20 as observed.csv.
void write_observations(const fs::path& dir) {
    write_text(dir / "bass.yaml", bass_yaml(kTrueP, kTrueQ));
    const Process run = run_fundsim("run '" + (dir / "bass.yaml").string() + "' --out '" + (dir / "truth").string() +
                                        "' --quiet",
                                    dir);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    std::istringstream series(read_text(dir / "truth" / "series.csv"));
    std::string line, out = "step,value\n";
    std::getline(series, line);  // point,step,metric,n,mean,...
    while (std::getline(series, line)) {
        std::vector<std::string> cells;
        std::istringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
        const int step = std::stoi(cells[1]);
        if (cells[2] == "adoption" && step > 0 && step % 2 == 0) out += cells[1] + "," + cells[4] + "\n";
    }
    write_text(dir / "observed.csv", out);
    write_text(dir / "fit.yaml", kCalibrationYaml);
}

Process calibrate(const fs::path& dir, const fs::path& out, const std::string& extra = "") {
    return run_fundsim("calibrate '" + (dir / "fit.yaml").string() + "' --out '" + out.string() + "' --quiet " + extra,
                       dir);
}

const char* const kCalibrationFiles[] = {"posterior.csv", "generations.csv", "posterior_summary.csv", "best_fit.csv"};

void check_same_calibration(const fs::path& a, const fs::path& b) {
    for (const char* name : kCalibrationFiles) {
        INFO("file " << name);
        REQUIRE(fs::exists(a / name));
        REQUIRE(fs::exists(b / name));
        CHECK(read_text(a / name) == read_text(b / name));
    }
}

/// posterior_summary.csv: parameter -> {q05, q95}.
std::map<std::string, std::pair<double, double>> intervals(const fs::path& out) {
    std::istringstream text(read_text(out / "posterior_summary.csv"));
    std::string line;
    std::getline(text, line);
    CHECK(line == "parameter,prior_min,prior_max,mean,sd,q05,q50,q95");
    std::map<std::string, std::pair<double, double>> result;
    while (std::getline(text, line)) {
        std::vector<std::string> cells;
        std::istringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
        result[cells[0]] = {std::stod(cells[5]), std::stod(cells[7])};
    }
    return result;
}

}  // namespace

TEST_CASE("CalibrateCommand.recovers_the_parameters_that_generated_the_data" * doctest::timeout(600)) {
    const fs::path dir = scratch_dir("calibrate_recovery");
    write_observations(dir);
    const Process p = calibrate(dir, dir / "fit", "--threads 2");
    INFO(p.output);
    REQUIRE(p.exit_code == 0);
    const auto ci = intervals(dir / "fit");
    REQUIRE(ci.size() == 2);
    const auto [p_lo, p_hi] = ci.at("behavior.bass.p");
    const auto [q_lo, q_hi] = ci.at("behavior.bass.q");
    INFO("p 90% interval " << p_lo << " .. " << p_hi << ", q " << q_lo << " .. " << q_hi);
    CHECK(p_lo <= kTrueP);
    CHECK(kTrueP <= p_hi);
    CHECK(q_lo <= kTrueQ);
    CHECK(kTrueQ <= q_hi);
    // The data narrowed the priors: the intervals are a fraction of [0.002, 0.12] and [0.05, 0.9].
    CHECK(p_hi - p_lo < 0.3 * (0.12 - 0.002));
    CHECK(q_hi - q_lo < 0.5 * (0.9 - 0.05));
    const auto manifest = nlohmann::json::parse(read_text(dir / "fit" / "manifest.json"));
    CHECK(manifest["status"] == "complete");
    CHECK(manifest["generations_done"] == 6);
    CHECK(read_text(dir / "fit" / "best_fit.csv").rfind("target,metric,step,government,observed,simulated", 0) == 0);
}

TEST_CASE("CalibrateCommand.identical_at_1_and_2_threads_and_after_resume" * doctest::timeout(600)) {
    const fs::path dir = scratch_dir("calibrate_threads");
    write_observations(dir);
    const std::string three = "--set calibration.generations=3 --set calibration.particles=30";
    REQUIRE(calibrate(dir, dir / "t2", three + " --threads 2").exit_code == 0);
    REQUIRE(calibrate(dir, dir / "t1", three + " --threads 1").exit_code == 0);
    check_same_calibration(dir / "t2", dir / "t1");
    // Stopped after 2 generations, then resumed to 3: the same bytes.
    const std::string two = "--set calibration.generations=2 --set calibration.particles=30";
    REQUIRE(calibrate(dir, dir / "resumed", two + " --threads 2").exit_code == 0);
    CHECK(read_text(dir / "resumed" / "generations.csv") != read_text(dir / "t1" / "generations.csv"));
    const Process again = calibrate(dir, dir / "resumed", three + " --threads 1 --resume");
    INFO(again.output);
    REQUIRE(again.exit_code == 0);
    check_same_calibration(dir / "t1", dir / "resumed");
    // A fresh start over a finished folder is refused; --force replaces it; --resume with another experiment is refused.
    CHECK(calibrate(dir, dir / "t1", three).exit_code == 2);
    REQUIRE(calibrate(dir, dir / "t1", three + " --force").exit_code == 0);
    check_same_calibration(dir / "t2", dir / "t1");
    CHECK(calibrate(dir, dir / "t1", three + " --resume --set calibration.worlds=3").exit_code == 2);
    // --force replaces only a folder fundsim wrote, never one holding other files or the inputs.
    write_text(dir / "t1" / "notes.txt", "mine");
    CHECK(calibrate(dir, dir / "t1", three + " --force").exit_code == 2);
    CHECK(read_text(dir / "t1" / "notes.txt") == "mine");
    CHECK(calibrate(dir, dir, three + " --force").exit_code == 2);
    CHECK(fs::exists(dir / "fit.yaml"));
}

TEST_CASE("CalibrateCommand.bad_input_exits_2_with_a_located_line") {
    const fs::path dir = scratch_dir("calibrate_bad");
    write_text(dir / "bass.yaml", bass_yaml(kTrueP, kTrueQ));
    write_text(dir / "observed.csv", "step,value\n2,0.1\n40,0.5\n");
    write_text(dir / "fit.yaml", kCalibrationYaml);
    Process p = calibrate(dir, dir / "out");
    CHECK(p.exit_code == 2);
    CHECK(p.output.find("observed.csv:3:1: calibration.targets[0].from_csv") != std::string::npos);
    write_text(dir / "observed.csv", "step,value\n2,0.1\n");
    std::string yaml = kCalibrationYaml;
    yaml.replace(yaml.find("metric: adoption"), 16, "metric: adoptoin");
    write_text(dir / "fit.yaml", yaml);
    p = calibrate(dir, dir / "out");
    CHECK(p.exit_code == 2);
    CHECK(p.output.find("fit.yaml:8:16: calibration.targets[0].metric: 'adoptoin' is not a series metric (did you "
                        "mean 'adoption'?)") != std::string::npos);
    write_text(dir / "fit.yaml", "include: bass.yaml\n");
    p = calibrate(dir, dir / "out");
    CHECK(p.exit_code == 2);
    CHECK(p.output.find("no calibration: section") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("CalibrateCommand.help_lists_its_flags") {
    const fs::path dir = scratch_dir("calibrate_help");
    const Process help = run_fundsim("calibrate --help", dir);
    CHECK(help.exit_code == 0);
    for (const char* flag : {"--threads", "--out", "--set", "--resume", "--force", "--quiet"})
        CHECK(help.output.find(flag) != std::string::npos);
}

TEST_CASE("CalibrateCommand.shipped_example_is_valid") {
    const fs::path dir = scratch_dir("calibrate_example");
    const fs::path file = fs::path(FUNDSIM_SOURCE_DIR) / "configs" / "validation" / "bass_calibration.yaml";
    const Process p = run_fundsim("validate '" + file.string() + "'", dir);
    INFO(p.output);
    CHECK(p.exit_code == 0);
}
