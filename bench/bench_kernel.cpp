// fundsim_bench_kernel — per-world cost of fundsim's kernel (SPEC §10).
//
// For the Watts (2002) cascade (Erdős–Rényi, mean degree 4, phi = 0.18, one
// random initial member) at N = 10,000 and N = 1,000 it times, side by side
// in one process and interleaved repetition by repetition:
//   - fundsim: simulate_world() — graph drawn from the world's stream, the
//     full step loop, the 30 per-step metrics;
//   - hand loop: bench/hand_cascade.hpp, the same dynamics written by hand
//     (speed-of-light reference), once with fundsim's Philox stream and once
//     with xoshiro256**;
// and, when configs/us_japan_fund.yaml loads, the default experiment.
// Prints markdown tables: median ms per world over the repetitions,
// worlds/s, agent-steps/s (governments x steps per second), and VmHWM.
// Not a test: nothing here asserts a time.
//
// Usage: fundsim_bench_kernel [--reps R] [--scale S] [--root DIR] [--profile N]
//   R repetitions (default 7); S multiplies the worlds per repetition
//   (default 1: 20 worlds at N = 10,000, 200 at N = 1,000, 20 default).
//   --profile N runs only fundsim's cascade at N = 1000 or 10000, R x S x
//   (20 or 200) worlds, untimed: the workload for perf or callgrind.
//
//       fundsim_bench_kernel --process kernel|hand CONFIG --worlds W
//   runs W worlds of the experiment in CONFIG (any path) as a whole process,
//   untimed, for run_bench.sh to time with /usr/bin/time side by side with
//   `fundsim run CONFIG`: `kernel` calls simulate_world() only (no results
//   written), `hand` runs the hand-written loop on the cascade's N, z, phi and
//   steps (CONFIG must be a threshold cascade on an Erdos-Renyi graph).
#include <algorithm>
#include <ctime>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "bench/graph_prototype.hpp"
#include "bench/hand_cascade.hpp"
#include "experiment/experiment_file.hpp"
#include "world/graph.hpp"
#include "world/random.hpp"
#include "world/scenario.hpp"

namespace {

using fundsim::Experiment;
using fundsim::Scenario;
using fundsim::WorldOutcome;
using Clock = std::chrono::steady_clock;

struct Options {
    int reps = 7;
    double scale = 1;
    std::string root = FUNDSIM_SOURCE_DIR;
    int profile_n = 0;  ///< > 0: only run fundsim's cascade at this N (for perf/callgrind)
    std::string process;         ///< "kernel" or "hand": the --process mode
    std::string process_config;  ///< its experiment file
    int process_worlds = 0;      ///< its --worlds
};

/// One timed row: median over repetitions of the per-world milliseconds.
struct Row {
    std::string name;
    int governments = 0;
    int steps = 0;
    int worlds = 0;                 ///< per repetition
    std::vector<double> ms_per_world;       ///< CPU time of this thread, per repetition
    std::vector<double> wall_ms_per_world;  ///< wall time, per repetition
    double mean_final_adoption = -1;  ///< -1: not a whole world (shown as -)

    static double median_of(std::vector<double> v) {
        std::sort(v.begin(), v.end());
        const std::size_t k = v.size() / 2;
        return v.size() % 2 ? v[k] : 0.5 * (v[k - 1] + v[k]);
    }
    double median() const { return median_of(ms_per_world); }
    double wall_median() const { return median_of(wall_ms_per_world); }
    double spread() const {  // (max - min) / median, to show the noise
        const auto [lo, hi] = std::minmax_element(ms_per_world.begin(), ms_per_world.end());
        return (*hi - *lo) / median();
    }
};

/// CPU time consumed by the calling thread, ms. On a shared machine this
/// leaves out the time slices other processes take from us (wall time
/// does not); cache pollution by them still shows.
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

struct Timing {
    double cpu_ms_per_world = 0;
    double wall_ms_per_world = 0;
    double members = 0;  ///< sum of final member counts
};

/// Times `worlds` calls of `one_world(w)` (w = 0..worlds-1), which returns
/// the world's final member count.
Timing time_worlds(int worlds, const std::function<std::uint32_t(int)>& one_world) {
    const auto wall_start = Clock::now();
    const double cpu_start = thread_cpu_ms();
    Timing t;
    for (int w = 0; w < worlds; ++w) t.members += one_world(w);
    t.cpu_ms_per_world = (thread_cpu_ms() - cpu_start) / worlds;
    const std::chrono::duration<double, std::milli> wall = Clock::now() - wall_start;
    t.wall_ms_per_world = wall.count() / worlds;
    return t;
}

void add(Row& row, const Timing& t) {
    row.ms_per_world.push_back(t.cpu_ms_per_world);
    row.wall_ms_per_world.push_back(t.wall_ms_per_world);
}

/// The cascade experiment: loaded from configs/bench/<file> so the bench
/// measures exactly what `fundsim run` runs; built in code (same values) if
/// the loader cannot read it.
Experiment cascade_experiment(const Options& opt, const std::string& file, int n, std::string& source) {
    const std::string path = opt.root + "/configs/bench/" + file;
    try {
        Experiment ex = fundsim::ExperimentFile::load(path).resolve();
        source = "configs/bench/" + file;
        return ex;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "note: %s did not load (%s); building the same experiment in code\n", path.c_str(), e.what());
    }
    Experiment ex;
    ex.name = "bench_cascade";
    ex.file = "(in code)";
    ex.seed = 2002;
    ex.worlds = 1;
    ex.steps = 100;
    ex.trajectories = 0;
    ex.governments.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        ex.governments[static_cast<std::size_t>(i)].id = "G" + std::to_string(i);
        ex.governments[static_cast<std::size_t>(i)].gdp_usd_bn = 100;
    }
    ex.governments_generated = true;
    ex.generate_gdp_sigma = 1;
    ex.fund.random_founders = 1;
    ex.network.generator = fundsim::NetworkGenerator::erdos_renyi;
    ex.network.mean_degree = 4;
    ex.behavior.rule = fundsim::DecisionRule::threshold;
    ex.behavior.phi = 0.18;
    source = "in code";
    return ex;
}

std::uint32_t final_members(const WorldOutcome& out) {
    return static_cast<std::uint32_t>(out.at(out.steps, fundsim::Metric::members));
}

/// fundsim vs the hand loops on one cascade size, interleaved per repetition.
std::vector<Row> bench_cascade(const Options& opt, const std::string& file, int n, int worlds) {
    std::string source;
    const Scenario scenario = Scenario::build(cascade_experiment(opt, file, n, source));
    const Experiment& ex = scenario.experiment;
    const auto nn = static_cast<std::uint32_t>(ex.governments.size());
    const double z = ex.network.mean_degree, phi = ex.behavior.phi;
    std::printf("\n### Cascade N = %u, z = %g, phi = %g, %d steps (%s), %d worlds x %d repetitions\n\n", nn, z, phi,
                ex.steps, source.c_str(), worlds, opt.reps);

    WorldOutcome out;
    fundsim::bench::HandBuffers buffers;
    auto fundsim_world = [&](int w) {
        fundsim::simulate_world(scenario, 0, static_cast<std::uint64_t>(w), false, out);
        return final_members(out);
    };
    auto hand_philox = [&](int w) {
        fundsim::RandomStream rng(ex.seed, 0, static_cast<std::uint64_t>(w), fundsim::StreamPurpose::network);
        return fundsim::bench::hand_cascade(nn, z, phi, ex.steps, rng, buffers);
    };
    auto hand_xoshiro = [&](int w) {
        fundsim::bench::Xoshiro256 rng(ex.seed * 0x100000001b3ull + static_cast<std::uint64_t>(w));
        return fundsim::bench::hand_cascade(nn, z, phi, ex.steps, rng, buffers);
    };
    auto fundsim_graph_only = [&](int w) {
        const fundsim::Graph g = fundsim::build_graph(scenario, 0, static_cast<std::uint64_t>(w));
        return static_cast<std::uint32_t>(fundsim::weighted_degrees(g).size() - nn);  // 0: no adoption here
    };
    auto hand_graph_only = [&](int w) {
        fundsim::RandomStream rng(ex.seed, 0, static_cast<std::uint64_t>(w), fundsim::StreamPurpose::network);
        fundsim::bench::hand_graph(nn, z, rng, buffers);
        return 0u;
    };
    fundsim::bench::PrototypeBuffers proto;
    auto prototype_graph_only = [&](int w) {
        const fundsim::Graph g = fundsim::bench::prototype_build_er_graph(scenario, 0, static_cast<std::uint64_t>(w), proto);
        return static_cast<std::uint32_t>(fundsim::weighted_degrees(g).size() - nn);
    };
    bool prototype_matches = true;
    for (int w = 0; w < 20; ++w)
        prototype_matches = prototype_matches &&
                            fundsim::bench::same_graph(fundsim::build_graph(scenario, 0, static_cast<std::uint64_t>(w)),
                                                       fundsim::bench::prototype_build_er_graph(scenario, 0, static_cast<std::uint64_t>(w), proto));
    struct Case {
        const char* name;
        std::function<std::uint32_t(int)> run;
    };
    const std::vector<Case> cases = {{"fundsim simulate_world", fundsim_world},
                                     {"hand loop, Philox stream", hand_philox},
                                     {"hand loop, xoshiro256**", hand_xoshiro},
                                     {"graph only: fundsim build_graph + weighted_degrees", fundsim_graph_only},
                                     {"graph only: hand ER + CSR, Philox", hand_graph_only},
                                     {prototype_matches ? "graph only: counting-sort to_csr prototype (same graph: yes)"
                                                        : "graph only: counting-sort to_csr prototype (same graph: NO)",
                                      prototype_graph_only}};
    std::vector<Row> rows(cases.size());
    for (std::size_t c = 0; c < cases.size(); ++c) {
        rows[c].name = cases[c].name;
        rows[c].governments = static_cast<int>(nn);
        rows[c].steps = ex.steps;
        rows[c].worlds = worlds;
        time_worlds(std::max(1, worlds / 10), cases[c].run);  // warm-up
    }
    for (int r = 0; r < opt.reps; ++r)
        for (std::size_t c = 0; c < cases.size(); ++c) {
            const Timing t = time_worlds(worlds, cases[c].run);
            add(rows[c], t);
            if (c < 3) rows[c].mean_final_adoption = t.members / worlds / nn;
        }
    return rows;
}

Row bench_default(const Options& opt, int worlds) {
    Row row;
    row.name = "fundsim simulate_world, default experiment";
    const std::string path = opt.root + "/configs/us_japan_fund.yaml";
    const Scenario scenario = Scenario::build(fundsim::ExperimentFile::load(path).resolve());
    row.governments = scenario.government_count();
    row.steps = scenario.experiment.steps;
    row.worlds = worlds;
    WorldOutcome out;
    auto one = [&](int w) {
        fundsim::simulate_world(scenario, 0, static_cast<std::uint64_t>(w), false, out);
        return final_members(out);
    };
    time_worlds(std::max(1, worlds / 10), one);
    for (int r = 0; r < opt.reps; ++r) {
        const Timing t = time_worlds(worlds, one);
        add(row, t);
        row.mean_final_adoption = t.members / worlds / row.governments;
    }
    return row;
}

/// The --profile workload: fundsim's cascade only, no timing.
int profile(const Options& opt, const std::string& file, int n, int worlds) {
    std::string source;
    const Scenario scenario = Scenario::build(cascade_experiment(opt, file, n, source));
    WorldOutcome out;
    double members = 0;
    for (int w = 0; w < worlds; ++w) {
        fundsim::simulate_world(scenario, 0, static_cast<std::uint64_t>(w), false, out);
        members += final_members(out);
    }
    std::printf("profile: %d worlds of %s, mean final members %.1f\n", worlds, source.c_str(), members / worlds);
    return 0;
}

/// The --process workload: W worlds of CONFIG through simulate_world() or
/// the hand loop, untimed (the caller times the whole process).
int run_process(const Options& opt) {
    const Scenario scenario = Scenario::build(fundsim::ExperimentFile::load(opt.process_config).resolve());
    const Experiment& ex = scenario.experiment;
    const auto nn = static_cast<std::uint32_t>(ex.governments.size());
    WorldOutcome out;
    fundsim::bench::HandBuffers buffers;
    double members = 0;
    for (int w = 0; w < opt.process_worlds; ++w) {
        if (opt.process == "kernel") {
            fundsim::simulate_world(scenario, 0, static_cast<std::uint64_t>(w), false, out);
            members += final_members(out);
        } else {
            fundsim::RandomStream rng(ex.seed, 0, static_cast<std::uint64_t>(w), fundsim::StreamPurpose::network);
            members += fundsim::bench::hand_cascade(nn, ex.network.mean_degree, ex.behavior.phi, ex.steps, rng, buffers);
        }
    }
    std::printf("%s: %d worlds of %s (N = %u), mean final members %.1f\n", opt.process.c_str(), opt.process_worlds,
                opt.process_config.c_str(), nn, members / std::max(1, opt.process_worlds));
    return 0;
}

void print_table(const std::vector<Row>& rows, const Row* reference) {
    std::printf("| kernel | N | steps | ms/world (CPU) | spread | ms/world (wall) | worlds/s | agent-steps/s | vs reference | mean final adoption |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const Row& r : rows) {
        const double ms = r.median();
        const double agent_steps = static_cast<double>(r.governments) * r.steps * 1000.0 / ms;
        char ratio[32] = "-", adoption[32] = "-", rate[32] = "-";
        if (r.mean_final_adoption >= 0) std::snprintf(rate, sizeof rate, "%.3g", agent_steps);
        if (reference) std::snprintf(ratio, sizeof ratio, "%.2fx", ms / reference->median());
        if (r.mean_final_adoption >= 0) std::snprintf(adoption, sizeof adoption, "%.4f", r.mean_final_adoption);
        std::printf("| %s | %d | %d | %.4f | %.0f%% | %.4f | %.0f | %s | %s | %s |\n", r.name.c_str(), r.governments, r.steps,
                    ms, 100 * r.spread(), r.wall_median(), 1000.0 / ms, rate, ratio, adoption);
    }
}

long vm_hwm_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    return -1;
}

Options parse(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "fundsim_bench_kernel: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--reps") opt.reps = std::max(1, std::atoi(value().c_str()));
        else if (a == "--scale") opt.scale = std::max(0.01, std::atof(value().c_str()));
        else if (a == "--root") opt.root = value();
        else if (a == "--profile") opt.profile_n = std::atoi(value().c_str());
        else if (a == "--process") {
            opt.process = value();
            opt.process_config = value();
            if (opt.process != "kernel" && opt.process != "hand") {
                std::fprintf(stderr, "fundsim_bench_kernel: --process takes kernel or hand, not %s\n", opt.process.c_str());
                std::exit(2);
            }
        } else if (a == "--worlds") opt.process_worlds = std::max(1, std::atoi(value().c_str()));
        else {
            std::fprintf(stderr, "usage: fundsim_bench_kernel [--reps R] [--scale S] [--root DIR] [--profile 1000|10000]\n"
                         "       fundsim_bench_kernel --process kernel|hand CONFIG --worlds W\n");
            std::exit(a == "--help" || a == "-h" ? 0 : 2);
        }
    }
    return opt;
}

}  // namespace

int main(int argc, char** argv) {
    const Options opt = parse(argc, argv);
    auto worlds = [&](int base) { return std::max(1, static_cast<int>(base * opt.scale)); };
    if (!opt.process.empty()) {
        try {
            return run_process(opt);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "fundsim_bench_kernel --process: %s\n", e.what());
            return 2;
        }
    }
    if (opt.profile_n > 0) return profile(opt, opt.profile_n == 1000 ? "cascade_1k.yaml" : "cascade_10k.yaml",
                                          opt.profile_n, opt.reps * worlds(opt.profile_n == 1000 ? 200 : 20));
    std::printf("## fundsim kernel vs hand-written loop (one thread, median of %d repetitions)\n", opt.reps);
    std::printf("\nms/world: per repetition, one batch of worlds; median over repetitions. CPU = this thread's CPU time\n"
                "(what the ratios and rates use: robust to other processes on a shared machine); wall = elapsed time.\n"
                "Spread = (max - min) / median of the CPU figures. Reference for the ratio: the hand loop with the same\n"
                "Philox stream. agent-steps/s = N x steps / CPU time (the hand loop stops once nobody can join).\n");
    try {
        for (const auto& [file, n, w] : {std::tuple{"cascade_10k.yaml", 10000, worlds(20)},
                                         std::tuple{"cascade_1k.yaml", 1000, worlds(200)}}) {
            const std::vector<Row> rows = bench_cascade(opt, file, n, w);
            print_table(rows, &rows[1]);
            std::printf("\nfundsim / hand loop (xoshiro256**): %.2fx\n", rows[0].median() / rows[2].median());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "cascade benchmark failed: %s\n", e.what());
        return 1;
    }
    std::printf("\n### Default experiment (configs/us_japan_fund.yaml), %d worlds x %d repetitions\n\n", worlds(20), opt.reps);
    try {
        const Row row = bench_default(opt, worlds(20));
        print_table({row}, nullptr);
    } catch (const std::exception& e) {
        std::printf("skipped: configs/us_japan_fund.yaml did not load or run (%s)\n", e.what());
    }
    std::printf("\nPeak resident memory of this process (VmHWM): %ld KiB\n", vm_hwm_kib());
    return 0;
}
