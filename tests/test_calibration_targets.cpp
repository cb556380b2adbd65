// calibration/targets.hpp and the calibration: section as the loader reads it.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "calibration/targets.hpp"
#include "experiment/calibration_spec.hpp"
#include "experiment/experiment_file.hpp"
#include "world/error.hpp"

using namespace fundsim;
namespace fs = std::filesystem;

namespace {

CalibrationSpec two_targets() {
    CalibrationSpec spec;
    CalibrationTarget members;
    members.name = "members";
    members.metric = static_cast<int>(Metric::members);
    members.observations = {{2, kNoGovernment, 3.0}, {4, kNoGovernment, 4.0}};
    members.scale = 5.0;  // sqrt((9 + 16) / 2) would be 3.54; set by hand here
    members.weight = 1;
    CalibrationTarget joined;
    joined.name = joined.column = "mean_join_step";
    joined.source = TargetSource::governments;
    joined.observations = {{0, 1, 2.0}};
    joined.scale = 2.0;
    joined.weight = 3;
    spec.targets = {members, joined};
    return spec;
}

fs::path write(const fs::path& dir, const std::string& name, const std::string& text) {
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
}

}  // namespace

TEST_CASE("CalibrationTargets.world_values_follow_targets_and_observations") {
    const CalibrationSpec spec = two_targets();
    REQUIRE(observation_count(spec) == 3);
    WorldOutcome o;
    o.steps = 4;
    o.series.assign(5 * kMetricCount, 0.0);
    o.at(2, Metric::members) = 7;
    o.at(4, Metric::members) = 9;
    o.governments.resize(2);
    o.governments[1].join_step = 3;
    double v[3];
    summarize_world(spec, o, v);
    CHECK(v[0] == 7);
    CHECK(v[1] == 9);
    CHECK(v[2] == 3);
    o.governments[1].join_step = -1;  // never joined: no join step
    summarize_world(spec, o, v);
    CHECK(std::isnan(v[2]));
}

TEST_CASE("CalibrationTargets.rmse_of_scaled_residuals_weighted_by_target") {
    const CalibrationSpec spec = two_targets();
    // members: residuals (5-3)/5, (4-4)/5 -> mean square 0.08; join step (4-2)/2 -> 1.
    const double d = target_distance(spec, {5, 4, 4});
    CHECK(d == doctest::Approx(std::sqrt((1 * 0.08 + 3 * 1.0) / 4)));
    CHECK(target_distance(spec, {3, 4, 2}) == 0);
    // An undefined simulated value counts as one scale.
    CHECK(target_distance(spec, {3, 4, std::numeric_limits<double>::quiet_NaN()}) == doctest::Approx(std::sqrt(3.0 / 4)));
}

TEST_CASE("CalibrationSpec.loader_reads_parameters_targets_and_csv_observations") {
    const fs::path dir = fs::temp_directory_path() / "fundsim_test_calibration_spec";
    write(dir, "steps.csv", "step,value\n1,2\n3,4\n");
    write(dir, "govs.csv", "government,value\nB,0.25\nC,0.5\n");
    const fs::path file = write(dir, "fit.yaml", R"(experiment: {name: fit, steps: 6}
governments: {list: [{id: A}, {id: B}, {id: C}]}
fund: {founders: {A: 1}}
calibration:
  parameters:
    behavior.logit.peer: {min: 0, max: 5}
    network.generator.k: {min: 2, max: 8}
  targets:
    - {metric: members, from_csv: steps.csv}
    - {column: p_joined, from_csv: govs.csv, weight: 2}
    - {column: mean_join_step, government: C, value: 3}
  particles: 40
)");
    const Experiment ex = ExperimentFile::load(file.string()).resolve();
    REQUIRE(ex.calibration);
    const CalibrationSpec& c = *ex.calibration;
    REQUIRE(c.parameters.size() == 2);
    CHECK(c.parameters[0].path == "behavior.logit.peer");
    CHECK(c.parameters[1].is_integer);  // an integer key
    CHECK(c.parameters[1].max == 8);
    REQUIRE(c.targets.size() == 3);
    CHECK(c.targets[0].source == TargetSource::series);
    CHECK(c.targets[0].observations.size() == 2);
    CHECK(c.targets[0].observations[1].step == 3);
    CHECK(c.targets[0].scale == doctest::Approx(std::sqrt((4.0 + 16.0) / 2)));
    CHECK(c.targets[1].column == "p_joined");
    CHECK(c.targets[1].weight == 2);
    CHECK(c.targets[1].observations[0].government == 1);
    CHECK(c.targets[1].observations[1].value == 0.5);
    CHECK(c.targets[2].observations[0].government == 2);
    CHECK(c.particles == 40);
    CHECK(c.generations == 5);  // defaults from the schema table
    CHECK(c.worlds == 20);
    CHECK(c.quantile == 0.5);
    // A government the experiment lacks is located in the CSV.
    write(dir, "govs.csv", "government,value\nB,0.25\nZZZ,0.5\n");
    try {
        ExperimentFile::load(file.string()).resolve();
        FAIL("expected a ConfigError");
    } catch (const ConfigError& e) {
        CHECK(std::string(e.what()).find("govs.csv:3:1: calibration.targets[1].from_csv: 'ZZZ'") != std::string::npos);
    }
}
