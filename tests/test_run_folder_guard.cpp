// What --force may delete and the run-folder lock (SPEC §6; issue 14): every
// refusal exits 2 with one line and deletes nothing; a folder held by another
// process is refused naming its pid and host; a lock left by kill -9 never
// blocks --resume.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/child_process.hpp"
#include "support/fundsim_process.hpp"

using namespace fundsim::testing;

namespace {

std::string run_args(const fs::path& file, const fs::path& out, const std::string& extra = "") {
    return "run '" + file.string() + "' --out '" + out.string() + "' --quiet --worlds 20 " + extra;
}

/// Checks a refusal: exit 2, one "fundsim: error:" line that contains `why`.
void check_refused(const Process& p, const std::string& why) {
    INFO(p.output);
    CHECK(p.exit_code == 2);
    CHECK(p.output.rfind("fundsim: error: ", 0) == 0);
    CHECK(std::count(p.output.begin(), p.output.end(), '\n') == 1);
    CHECK(p.output.find(why) != std::string::npos);
}

/// Runs fundsim with `cwd` as the current folder.
Process run_fundsim_in(const fs::path& cwd, const std::string& args, const fs::path& scratch) {
    return run_fundsim_with_prefix("cd '" + cwd.string() + "' && ", args, scratch);
}

}  // namespace

TEST_CASE("RunFolderGuard.force_refuses_a_folder_with_foreign_files" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("guard_foreign");
    const fs::path file = write_small_experiment(dir);
    const fs::path project = dir / "project";
    fs::create_directories(project / "src");
    write_text(project / "src" / "thesis.tex", "precious");
    write_text(project / "manifest.json", "{\"name\": \"my web app\"}\n");  // not fundsim's
    check_refused(run_fundsim(run_args(file, project, "--force"), dir), "which fundsim did not write");
    CHECK(read_text(project / "src" / "thesis.tex") == "precious");

    // Only fundsim's names, but a manifest fundsim did not write: refused too.
    fs::remove_all(project / "src");
    check_refused(run_fundsim(run_args(file, project, "--force"), dir), "no fundsim manifest.json");
    CHECK(fs::exists(project / "manifest.json"));

    // A finished run plus one file of the user's: refused; the results stay.
    const fs::path out = dir / "out";
    REQUIRE(run_fundsim(run_args(file, out), dir).exit_code == 0);
    write_text(out / "figure.png", "mine");
    const std::string worlds = read_text(out / "worlds.csv");
    check_refused(run_fundsim(run_args(file, out, "--force"), dir), "figure.png");
    CHECK(read_text(out / "worlds.csv") == worlds);
    CHECK(fs::exists(out / "figure.png"));
    // A symbolic link where a CSV belongs is not fundsim's either.
    fs::remove(out / "figure.png");
    fs::remove(out / "points.csv");
    fs::create_symlink(project / "manifest.json", out / "points.csv");
    check_refused(run_fundsim(run_args(file, out, "--force"), dir), "points.csv");
    CHECK(fs::exists(project / "manifest.json"));
}

TEST_CASE("RunFolderGuard.force_refuses_the_current_folder_and_its_ancestors" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("guard_cwd");
    const fs::path file = write_small_experiment(dir);
    const fs::path out = dir / "out";
    REQUIRE(run_fundsim(run_args(file, out), dir).exit_code == 0);
    const std::string worlds = read_text(out / "worlds.csv");
    // `--out .` inside a finished run folder: everything in it is fundsim's, still refused.
    const std::string args = "run '" + file.string() + "' --out . --quiet --worlds 20 --force";
    check_refused(run_fundsim_in(out, args, dir), "is the current folder");
    CHECK(read_text(out / "worlds.csv") == worlds);
    fs::create_directories(out / ".blocks");
    check_refused(run_fundsim_in(out / ".blocks", "run '" + file.string() + "' --out .. --quiet --force", dir),
                  "is the current folder or holds it");
    CHECK(read_text(out / "worlds.csv") == worlds);
}

TEST_CASE("RunFolderGuard.no_mode_touches_a_folder_holding_the_inputs" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("guard_inputs");
    const fs::path results = dir / "results";
    fs::create_directories(results / "data");
    // The experiment and its data file inside the results folder; the data named like an output.
    std::string yaml = small_experiment_yaml(false);
    const auto list = yaml.find("governments:\n");
    const auto end = yaml.find("network:");
    yaml.replace(list, end - list, "governments:\n  from_csv: governments.csv\n");
    write_text(results / "exp.yaml", yaml);
    write_text(results / "governments.csv", "id,gdp\nA,1000\nB,500\nC,400\nD,300\nE,250\nF,200\nG,150\nH,100\nI,80\nJ,50\n");
    REQUIRE(run_fundsim("validate '" + (results / "exp.yaml").string() + "'", dir).exit_code == 0);
    for (const std::string mode : {"", "--force", "--resume"}) {
        CAPTURE(mode);
        check_refused(run_fundsim(run_args(results / "exp.yaml", results, mode), dir), "an input of this command");
        CHECK(fs::exists(results / "exp.yaml"));
        CHECK(read_text(results / "governments.csv").rfind("id,gdp\nA,1000\n", 0) == 0);
    }
    // An ancestor of the results folder holding the experiment: refused as well.
    check_refused(run_fundsim(run_args(results / "exp.yaml", dir, "--force"), dir), "an input of this command");
    CHECK(fs::exists(results / "exp.yaml"));
}

TEST_CASE("RunFolderGuard.merge_force_never_deletes_its_inputs" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("guard_merge");
    const fs::path file = write_small_experiment(dir);
    const fs::path m = dir / "M";
    for (int i = 1; i <= 2; ++i) {
        const Process p = run_fundsim(run_args(file, m / ("s" + std::to_string(i)), "--shard " + std::to_string(i) + "/2"), dir);
        REQUIRE(p.exit_code == 0);
    }
    const std::string parts = " '" + (m / "s1").string() + "' '" + (m / "s2").string() + "'";
    check_refused(run_fundsim("merge" + parts + " --out '" + m.string() + "' --force", dir), "an input of this command");
    check_refused(run_fundsim("merge" + parts + " --out '" + (m / "s1").string() + "' --force", dir),
                  "an input of this command");
    CHECK(count_blocks(m / "s1") > 0);
    CHECK(count_blocks(m / "s2") > 0);
    // A merge killed midway leaves a partial manifest: a plain merge says --force (merge has no --resume) ...
    const fs::path merged = dir / "merged";
    REQUIRE(run_fundsim("merge" + parts + " --out '" + merged.string() + "'", dir).exit_code == 0);
    auto manifest = nlohmann::json::parse(read_text(merged / "manifest.json"));
    CHECK_FALSE(manifest.contains("message"));
    manifest["status"] = "partial";
    write_text(merged / "manifest.json", manifest.dump());
    fs::remove(merged / "series.csv");
    write_text(merged / "series.csv.tmp", "point,step");
    const Process again = run_fundsim("merge" + parts + " --out '" + merged.string() + "'", dir);
    check_refused(again, "--force");
    CHECK(again.output.find("--resume") == std::string::npos);
    // ... and merge --force replaces it.
    const Process forced = run_fundsim("merge" + parts + " --out '" + merged.string() + "' --force", dir);
    INFO(forced.output);
    CHECK(forced.exit_code == 0);
    CHECK_FALSE(fs::exists(merged / "series.csv.tmp"));
    CHECK(fs::exists(merged / "series.csv"));
}

TEST_CASE("RunFolderGuard.a_locked_folder_is_refused_naming_the_holder" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("guard_lock");
    const fs::path file = write_small_experiment(dir);
    const fs::path out = dir / "out";
    REQUIRE(run_fundsim(run_args(file, out, "--shard 1/2"), dir).exit_code == 0);
    const fs::path other = dir / "other";
    REQUIRE(run_fundsim(run_args(file, other, "--shard 2/2"), dir).exit_code == 0);
    const std::string manifest = read_text(out / "manifest.json");
    {
        // This test process holds the lock, as a running fundsim would.
        const int fd = ::open((out / ".fundsim.lock").c_str(), O_RDWR | O_CREAT, 0644);
        REQUIRE(fd >= 0);
        REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
        const std::string holder = "pid " + std::to_string(::getpid()) + " on testhost\n";
        REQUIRE(::write(fd, holder.data(), holder.size()) == static_cast<ssize_t>(holder.size()));
        for (const std::string mode : {"--shard 2/2 --resume", "--force"}) {
            CAPTURE(mode);
            check_refused(run_fundsim(run_args(file, out, mode), dir),
                          "in use by pid " + std::to_string(::getpid()) + " on testhost");
            CHECK(read_text(out / "manifest.json") == manifest);
        }
        const fs::path merged = dir / "merged";
        fs::create_directories(merged);
        const int merge_fd = ::open((merged / ".fundsim.lock").c_str(), O_RDWR | O_CREAT, 0644);
        REQUIRE(::flock(merge_fd, LOCK_EX | LOCK_NB) == 0);
        check_refused(run_fundsim("merge '" + out.string() + "' '" + other.string() + "' --out '" + merged.string() + "'", dir),
                      "in use by");
        ::close(merge_fd);
        ::close(fd);
    }
    // Released (the file is still there, as after kill -9): the folder is usable again.
    REQUIRE(fs::exists(out / ".fundsim.lock"));
    const Process p = run_fundsim(run_args(file, out, "--shard 2/2 --resume"), dir);
    INFO(p.output);
    CHECK(p.exit_code == 0);
}

TEST_CASE("RunFolderGuard.two_processes_on_one_folder_and_kill_9_then_resume" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("guard_two_processes");
    const fs::path file = write_big_experiment(dir);
    const fs::path whole = dir / "whole";
    REQUIRE(run_fundsim("run '" + file.string() + "' --out '" + whole.string() + "' --quiet", dir).exit_code == 0);
    const fs::path out = dir / "out";
    const std::vector<std::string> argv = {FUNDSIM_BINARY, "run", file.string(), "--out", out.string(), "--quiet",
                                           "--threads", "1"};
    {
        ChildProcess child(argv, dir / "child.log");
        REQUIRE(poll_until(child, [&] { return count_blocks(out) >= 2; }));
        const Process second = run_fundsim("run '" + file.string() + "' --out '" + out.string() + "' --quiet --resume", dir);
        // The first run may have finished meanwhile; while it runs, the second must be refused naming it.
        if (child.is_running()) check_refused(second, "in use by pid " + std::to_string(child.pid()));
        child.signal(SIGKILL);
        child.wait();
    }
    // kill -9 leaves the lock file behind; the kernel released the lock, so --resume proceeds.
    const Process p = run_fundsim("run '" + file.string() + "' --out '" + out.string() + "' --quiet --resume", dir);
    INFO(p.output);
    REQUIRE(p.exit_code == 0);
    check_same_results(whole, out);
    CHECK_FALSE(fs::exists(out / ".fundsim.lock"));  // a finished run removes its lock file
}
