// fundsim calibrate: ABC-SMC over the calibration: section of an experiment
// file (docs/calibration.md). Validates everything before touching the
// folder; writes each finished generation durably so --resume continues
// after the last one; the proposals' worlds run on the engine's particle
// runner, so the files are byte-identical at any --threads.
#include <nlohmann/json.hpp>
#include <oneapi/tbb/info.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "calibration/abc_smc.hpp"
#include "calibration/calibration_files.hpp"
#include "calibration/targets.hpp"
#include "cli/commands.hpp"
#include "engine/folder_guard.hpp"
#include "engine/folder_lock.hpp"
#include "engine/prepare.hpp"
#include "cli/progress.hpp"
#include "engine/particle_runner.hpp"
#include "engine/plan.hpp"
#include "experiment/calibration_spec.hpp"
#include "output/manifest.hpp"
#include "world/error.hpp"
#include "world/scenario.hpp"

namespace fundsim {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

/// What identifies a calibration's results: the resolved experiment without
/// calibration.generations (so a resume may ask for more generations).
std::uint64_t calibration_hash(const ExperimentFile& file, const Experiment& base) {
    nlohmann::json j = nlohmann::json::parse(file.resolved_json());
    if (j.contains("calibration") && j["calibration"].is_object()) j["calibration"].erase("generations");
    return experiment_hash(j.dump(), base);
}

fs::path choose_folder(const CalibrateOptions& o, const Experiment& e) {
    if (!o.out.empty()) return o.out;
    return "runs/" + e.name + "-calibration";
}

/// The progress line: generation, particles accepted, simulations, time left.
class CalibrationProgress {
public:
    CalibrationProgress(bool is_enabled, int generations, int particles)
        : is_enabled_(is_enabled), generations_(generations), particles_(particles), start_(Clock::now()) {}

    void update(int generation, std::size_t accepted, std::uint64_t simulations) {
        if (!is_enabled_) return;
        const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
        const double done = static_cast<double>(finished_ * particles_) + static_cast<double>(accepted);
        const double all = static_cast<double>((generations_ - first_) * particles_);
        const double left = done > 0 ? seconds / done * (all - done) : NAN;
        std::fprintf(stderr, "\r  generation %d/%d  %zu/%d particles  %llu simulations  %s left   ", generation + 1,
                     generations_, accepted, particles_, static_cast<unsigned long long>(simulations),
                     duration_text(left).c_str());
        std::fflush(stderr);
        is_drawn_ = true;
    }
    void start_at(int generation) { first_ = generation; }
    void generation_done() { ++finished_; }
    void finish() {
        if (is_drawn_) std::fputc('\n', stderr);
        is_drawn_ = false;
    }

private:
    bool is_enabled_, is_drawn_ = false;
    int generations_, particles_, first_ = 0, finished_ = 0;
    Clock::time_point start_;
};

/// Everything a calibration needs once its input is valid.
class Calibration {
public:
    Calibration(ExperimentFile file, Experiment base, int threads)
        : file_(std::move(file)), base_(std::move(base)), spec_(*base_.calibration), threads_(threads) {}

    const CalibrationSpec& spec() const { return spec_; }
    const Experiment& base() const { return base_; }
    const ExperimentFile& file() const { return file_; }

    /// The scenario of a proposal: theta applied, the proposal's world seed.
    Scenario scenario(const std::vector<double>& theta, std::uint64_t world_seed) const {
        const auto overrides = parameter_overrides(spec_, theta);
        Experiment e;
        try {
            e = file_.resolve(overrides);
        } catch (const ConfigError& error) {
            throw ConfigError(std::string(error.what()) + " (calibration proposal " + describe_point(overrides) + ")");
        }
        e.seed = world_seed;
        return Scenario::build(std::move(e));
    }

    /// The simulated value of every observation, per proposal.
    std::vector<std::vector<double>> simulate(const std::vector<Proposal>& proposals) const {
        std::vector<Scenario> scenarios;
        scenarios.reserve(proposals.size());
        for (const auto& p : proposals) scenarios.push_back(scenario(p.theta, p.world_seed));
        std::vector<const Scenario*> pointers;
        for (const auto& s : scenarios) pointers.push_back(&s);
        const CalibrationSpec& spec = spec_;
        return mean_over_worlds(pointers, static_cast<std::uint32_t>(spec.worlds), observation_count(spec),
                                [&spec](const WorldOutcome& o, double* v) { summarize_world(spec, o, v); }, threads_);
    }

    std::vector<double> distances(const std::vector<Proposal>& proposals) const {
        std::vector<double> out;
        for (const auto& simulated : simulate(proposals)) out.push_back(target_distance(spec_, simulated));
        return out;
    }

private:
    ExperimentFile file_;
    Experiment base_;
    const CalibrationSpec& spec_;
    int threads_;
};

nlohmann::json start_manifest(const CalibrateOptions& o, const Calibration& c, std::uint64_t hash, int threads,
                              const std::string& experiment_json) {
    nlohmann::json m;
    m["fundsim_version"] = FUNDSIM_VERSION;
    m["command"] = "calibrate";
    m["status"] = "partial";
    m["message"] = "running; if stopped, run the same command with --resume to continue";
    m["command_line"] = o.command_line;
    m["start_time"] = utc_timestamp();
    m["end_time"] = nullptr;
    m["threads"] = threads;
    m["experiment_hash"] = hash_hex(hash);
    m["seed"] = c.base().seed;
    m["method"] = "abc_smc";
    m["particles"] = c.spec().particles;
    m["generations"] = c.spec().generations;
    m["worlds_per_particle"] = c.spec().worlds;
    m["generations_done"] = 0;
    m["files"] = {"manifest.json", "posterior.csv", "generations.csv", "posterior_summary.csv", "best_fit.csv"};
    m["experiment"] = nlohmann::json::parse(experiment_json);
    return m;
}

void print_summary(const fs::path& dir, const Calibration& c, const Generation& last, const Particle& best,
                   double seconds) {
    std::printf("results: %s\n", dir.string().c_str());
    std::printf("  %d generations x %d particles, last tolerance %.4g, %.1f s\n", last.index + 1, c.spec().particles,
                last.epsilon, seconds);
    for (std::size_t d = 0; d < c.spec().parameters.size(); ++d) {
        const ParameterSummary s = summarize_parameter(last, d);
        std::printf("  %s: posterior mean %.4g (90%% interval %.4g .. %.4g), best %.4g\n",
                    c.spec().parameters[d].path.c_str(), s.mean, s.q05, s.q95, best.theta[d]);
    }
    std::printf("  best distance %.4g; files: posterior.csv generations.csv posterior_summary.csv best_fit.csv\n",
                best.distance);
}

}  // namespace

int calibrate_command(const CalibrateOptions& o) {
    // Everything that can reject the input happens before the folder is touched.
    if (o.is_resume && o.is_force) throw ConfigError("--resume and --force exclude each other; pick one");
    ExperimentFile file = ExperimentFile::load(o.file, parse_overrides(o.sets));
    Experiment base = file.resolve();
    if (!base.calibration)
        throw ConfigError(o.file + ": no calibration: section; expected calibration.parameters and "
                                   "calibration.targets (docs/calibration.md)");
    const std::uint64_t hash = calibration_hash(file, base);
    const std::string experiment_json = file.resolved_json();
    const int threads = o.threads.value_or(tbb::info::default_concurrency());
    const fs::path dir = choose_folder(o, base);
    const Calibration c(std::move(file), std::move(base), threads);
    const CalibrationSpec& spec = c.spec();
    std::vector<double> lows, highs;  // the prior's corners must resolve: rejects bad values early
    for (const auto& p : spec.parameters) lows.push_back(p.min), highs.push_back(p.max);
    c.scenario(lows, 0);
    c.scenario(highs, 0);

    // The folder: never one holding the inputs; locked for the whole calibration;
    // --force replaces only a folder fundsim wrote (engine/folder_guard.hpp).
    std::error_code ec;
    std::vector<fs::path> inputs;
    for (const std::string& input : c.file().input_files()) inputs.emplace_back(input);
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw ConfigError(dir.string() + ": exists and is not a folder; choose another --out");
    if (fs::exists(dir, ec)) check_holds_no_input(dir, inputs);
    const FolderLock lock(dir);
    const bool exists = !is_empty_but_for_lock(dir);
    std::vector<Generation> generations;
    nlohmann::json manifest = start_manifest(o, c, hash, threads, experiment_json);
    if (exists && o.is_resume) {
        const nlohmann::json old = read_manifest(dir);
        if (old.value("command", "") != "calibrate" || old.value("experiment_hash", "") != hash_hex(hash))
            throw ConfigError(dir.string() + ": holds another experiment or calibration; --resume needs the same "
                                             "file and --set values (only calibration.generations may change)");
        if (fs::exists(dir / "generations.csv", ec)) generations = read_posterior(dir, spec);
        manifest["start_time"] = old.value("start_time", manifest["start_time"].get<std::string>());
    } else if (exists && !o.is_force) {
        throw ConfigError(dir.string() + ": folder exists and is not empty; pass --resume to continue it, --force "
                                         "to replace it, or --out DIR");
    } else if (exists) {
        check_force_replaceable(dir, inputs);
        clear_run_folder(dir);
    }
    fs::create_directories(dir);
    // A folder with more generations than asked keeps them all (none is thrown away).
    manifest["generations_done"] = generations.size();
    write_manifest(dir, manifest);

    const auto start = Clock::now();
    CalibrationProgress progress(stderr_is_terminal() && !o.is_quiet, spec.generations, spec.particles);
    progress.start_at(static_cast<int>(generations.size()));
    for (int g = static_cast<int>(generations.size()); g < spec.generations; ++g) {
        Generation next = run_generation(
            spec, c.base().seed, generations.empty() ? nullptr : &generations.back(), g,
            [&c](const std::vector<Proposal>& p) { return c.distances(p); },
            [&](std::size_t accepted, std::uint64_t simulations) { progress.update(g, accepted, simulations); });
        generations.push_back(std::move(next));
        write_posterior(dir, spec, generations);
        manifest["generations_done"] = generations.size();
        write_manifest(dir, manifest);
        progress.generation_done();
    }
    progress.finish();

    const Generation& last = generations.back();
    const Particle& best = best_particle(last);
    const auto index = static_cast<std::uint32_t>(&best - last.particles.data());
    Proposal again{index, best.attempt, best.theta, proposal_world_seed(c.base().seed, last.index, index, best.attempt)};
    write_best_fit(dir, spec, c.base(), c.simulate({again}).front());
    manifest["status"] = "complete";
    manifest.erase("message");
    manifest["end_time"] = utc_timestamp();
    nlohmann::json values;
    const auto overrides = parameter_overrides(spec, best.theta);
    for (const auto& v : overrides) values[v.path] = v.value;
    manifest["best"] = {{"generation", last.index}, {"particle", index}, {"distance", best.distance}, {"parameters", values}};
    write_manifest(dir, manifest);
    print_summary(dir, c, last, best, std::chrono::duration<double>(Clock::now() - start).count());
    return 0;
}

}  // namespace fundsim
