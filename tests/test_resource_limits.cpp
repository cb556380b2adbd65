// The resource contract (issue 14): sizes, rates and counts beyond what the
// machine can do are refused up front with exit 2 and one located line that
// names the estimate and the limit; nothing is written.
#include <doctest/doctest.h>

#include "support/fundsim_process.hpp"

using namespace fundsim::testing;

namespace {

/// Checks exit 2, one "fundsim: error:" line containing every one of `parts`, and no results folder.
void check_refused(const Process& p, std::initializer_list<std::string> parts, const fs::path& out = {}) {
    INFO(p.output);
    CHECK(p.exit_code == 2);
    CHECK(p.output.rfind("fundsim: error: ", 0) == 0);
    CHECK(std::count(p.output.begin(), p.output.end(), '\n') == 1);
    for (const std::string& part : parts) CHECK(p.output.find(part) != std::string::npos);
    if (!out.empty()) CHECK_FALSE(fs::exists(out));
}

std::string run_args(const fs::path& file, const fs::path& out, const std::string& extra) {
    return "run '" + file.string() + "' --out '" + out.string() + "' --quiet " + extra;
}

}  // namespace

TEST_CASE("ResourceLimits.absurd_rates_and_magnitudes_are_refused_up_front" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("limits_rates");
    const fs::path file = write_small_experiment(dir);
    const fs::path out = dir / "out";
    check_refused(run_fundsim(run_args(file, out, "--set 'events=[{rate_per_year: 1e9, type: market_shock, size: -0.01}]'"), dir),
                  {"events[0].rate_per_year", "<= 1000"}, out);
    check_refused(run_fundsim(run_args(file, out, "--set 'sponsors=[{name: s, location: A, rate_per_year: 1e9}]'"), dir),
                  {"sponsors[0].rate_per_year", "0 .. 1000"}, out);
    check_refused(run_fundsim(run_args(file, out, "--set network.generator.mean_degree=1e308"), dir),
                  {"mean_degree", "1e12"}, out);
    check_refused(run_fundsim(run_args(file, out, "--set negotiators.reservation_sd=10"), dir),
                  {"reservation_sd", "0 .. 1"}, out);
    check_refused(run_fundsim(run_args(file, out, "--set 'investors.classes=[{country: A, kind: bank, capital: 1e308}]'"), dir),
                  {"capital", "1e12"}, out);
    check_refused(run_fundsim(run_args(file, out, "--threads 100000"), dir), {"--threads 100000", "4 x the cores"}, out);
    // The largest allowed rates finish (a bounded loop per step).
    const Process p = run_fundsim(run_args(file, out, "--worlds 4 --set 'events=[{rate_per_year: 1000, type: market_shock, "
                                                      "size: -0.001}]'"), dir);
    INFO(p.output);
    CHECK(p.exit_code == 0);
}

TEST_CASE("ResourceLimits.a_world_too_big_for_memory_is_refused_with_the_estimate" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("limits_world");
    const fs::path file = dir / "complete.yaml";
    write_text(file, "experiment: {name: big, worlds: 2, steps: 2}\nfund:\n  founders: {G0: 1.0}\n"
                     "governments:\n  generate: {count: 100000}\nnetwork:\n  generator: {type: complete}\n");
    const fs::path out = dir / "out";
    check_refused(run_fundsim(run_args(file, out, ""), dir), {"complete.yaml:7:", "network.generator",
                  "complete graph of 100000 governments", "directed ties; the limit is"}, out);
    check_refused(run_fundsim("validate '" + file.string() + "'", dir), {"complete.yaml:7:", "the limit is"});
}

TEST_CASE("ResourceLimits.sweeps_and_disk_beyond_the_limits_are_refused_with_a_location" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("limits_sweep");
    const fs::path file = write_small_experiment(dir, false);
    const fs::path out = dir / "out";
    // A grid of 50 x 50 x 50 = 125,000 points.
    std::string values;
    for (int i = 0; i < 50; ++i) values += (i ? ", " : "") + std::to_string(0.001 * (i + 1));
    std::string yaml = read_text(file) + "sweep:\n  design: grid\n  parameters:\n";
    for (const char* key : {"behavior.bass.p", "behavior.bass.q", "fund.distribution_rate"})
        yaml += std::string("    ") + key + ": [" + values + "]\n";
    write_text(dir / "sweep.yaml", yaml);
    check_refused(run_fundsim(run_args(dir / "sweep.yaml", out, ""), dir),
                  {"sweep.yaml:", ": sweep:", "125000 points", "at most 100000"}, out);
    // 10^9 worlds: the block files alone would need terabytes.
    check_refused(run_fundsim(run_args(file, out, "--worlds 1000000000"), dir),
                  {"experiment.worlds", "of disk", "free"}, out);
}

TEST_CASE("ResourceLimits.ids_that_pandas_reads_as_missing_are_refused" * doctest::timeout(60)) {
    const fs::path dir = scratch_dir("limits_ids");
    const fs::path file = write_small_experiment(dir, false);
    for (const std::string id : {"NA", "nan", "None", "null", "NaN"}) {
        CAPTURE(id);
        const std::string yaml = read_text(file);
        std::string changed = yaml;
        changed.replace(changed.find("{id: J,"), 7, "{id: " + id + ",");
        write_text(dir / "bad.yaml", changed);
        // YAML reads `null` as nothing, which is refused too.
        check_refused(run_fundsim("validate '" + (dir / "bad.yaml").string() + "'", dir),
                      {"bad.yaml:", "governments.list[9].id", id == "null" ? "is nothing" : id});
    }
}

TEST_CASE("ResourceLimits.export_graph_never_overwrites_an_input_or_an_existing_file" * doctest::timeout(60)) {
    const fs::path dir = scratch_dir("limits_export_graph");
    const fs::path file = write_small_experiment(dir, false);
    const std::string yaml = read_text(file);
    const std::string base = "export-graph '" + file.string() + "' --format graphml --out ";
    check_refused(run_fundsim(base + "'" + file.string() + "' --force", dir), {"an input of this experiment"});
    CHECK(read_text(file) == yaml);
    const fs::path graph = dir / "g.graphml";
    REQUIRE(run_fundsim(base + "'" + graph.string() + "'", dir).exit_code == 0);
    check_refused(run_fundsim(base + "'" + graph.string() + "'", dir), {"already exists", "--force"});
    CHECK(run_fundsim(base + "'" + graph.string() + "' --force", dir).exit_code == 0);
    const Process negative = run_fundsim(base + "'" + (dir / "h.graphml").string() + "' --world -1", dir);
    CHECK(negative.exit_code == 2);
    CHECK_FALSE(fs::exists(dir / "h.graphml"));
}
