// `fundsim run` under mpirun (engine/mpi_ranks.hpp): ranks share the blocks
// and rank 0 writes one set of results, byte-identical to a single process.
// Compiled only when fundsim is built with MPI (tests/cluster.cmake).
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "support/child_process.hpp"

using namespace fundsim::testing;

namespace {

/// mpirun may run as root in CI; shared-memory single copy (CMA) is often
/// unavailable in containers and would print a warning per rank.
struct MpiEnvironment {
    ScopedEnv allow{"OMPI_ALLOW_RUN_AS_ROOT", "1"};
    ScopedEnv confirm{"OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1"};
    ScopedEnv single_copy{"OMPI_MCA_btl_vader_single_copy_mechanism", "none"};
};

/// Runs `fundsim ARGS` on `ranks` MPI ranks; a hang fails after 120 s.
Process run_mpi(int ranks, const std::string& args, const fs::path& scratch) {
    const MpiEnvironment environment;
    const fs::path log = scratch / "last_mpi_output.txt";
    const std::string command = "timeout -k 5 120 '" FUNDSIM_MPIEXEC "' --allow-run-as-root --oversubscribe -np " +
                                std::to_string(ranks) + " '" FUNDSIM_BINARY "' " + args + " > '" + log.string() +
                                "' 2>&1 < /dev/null";
    const int status = std::system(command.c_str());
    Process p;
    p.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    p.output = read_text(log);
    return p;
}

std::string quoted_run(const fs::path& file, const fs::path& out, const std::string& extra = "") {
    return "run '" + file.string() + "' --out '" + out.string() + "' --quiet " + extra;
}

int count_of(const std::string& text, const std::string& what) {
    int n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

nlohmann::json manifest_of(const fs::path& dir) { return nlohmann::json::parse(read_text(dir / "manifest.json")); }

}  // namespace

TEST_CASE("MpiRanks.two_and_three_ranks_write_the_single_run" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("mpi_ranks");
    const fs::path file = write_small_experiment(dir);
    const fs::path whole = dir / "whole";
    REQUIRE(run_fundsim(quoted_run(file, whole, "--threads 2"), dir).exit_code == 0);
    for (const int ranks : {3, 2}) {
        CAPTURE(ranks);
        const fs::path out = dir / ("np" + std::to_string(ranks));
        const Process p = run_mpi(ranks, quoted_run(file, out, "--threads 1"), dir);
        INFO(p.output);
        REQUIRE(p.exit_code == 0);
        check_same_results(whole, out);
        const auto manifest = manifest_of(out);
        CHECK(manifest["status"] == "complete");
        CHECK(manifest["ranks"] == ranks);
        CHECK(manifest["threads"] == 1);
        CHECK(manifest["blocks_done"] == 6);
        CHECK(manifest["experiment_hash"] == manifest_of(whole)["experiment_hash"]);
        CHECK_FALSE(fs::exists(out / ".blocks"));
        CHECK(count_of(p.output, "results: ") == 1);  // rank 0 alone prints
        CHECK(p.output.find(std::to_string(ranks) + " ranks x 1 thread") != std::string::npos);
    }
}

TEST_CASE("MpiRanks.ranks_split_a_shard_and_resume_a_partial_run" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("mpi_resume");
    const fs::path file = write_small_experiment(dir);
    const fs::path whole = dir / "whole";
    REQUIRE(run_fundsim(quoted_run(file, whole, "--threads 2"), dir).exit_code == 0);

    SUBCASE("a shard computed by two ranks holds the blocks one process computes") {
        REQUIRE(run_fundsim(quoted_run(file, dir / "single", "--shard 2/3"), dir).exit_code == 0);
        const Process p = run_mpi(2, quoted_run(file, dir / "ranks", "--shard 2/3 --threads 1"), dir);
        INFO(p.output);
        REQUIRE(p.exit_code == 0);
        CHECK(folder_snapshot(dir / "ranks" / ".blocks") == folder_snapshot(dir / "single" / ".blocks"));
        CHECK(manifest_of(dir / "ranks")["shard"]["index"] == 2);
        CHECK(manifest_of(dir / "ranks")["blocks_done"] == 2);
    }
    SUBCASE("--resume under mpirun completes what one process began") {
        const fs::path out = dir / "out";
        REQUIRE(run_fundsim(quoted_run(file, out, "--shard 2/3"), dir).exit_code == 0);  // 2 of 6 blocks
        fs::remove(out / "manifest.json");  // as if killed before its first manifest
        const Process p = run_mpi(3, quoted_run(file, out, "--resume --threads 1"), dir);
        INFO(p.output);
        REQUIRE(p.exit_code == 0);
        check_same_results(whole, out);
        CHECK(manifest_of(out)["status"] == "complete");
        const Process again = run_mpi(2, quoted_run(file, out, "--resume"), dir);
        CHECK(again.exit_code == 0);
        CHECK(count_of(again.output, "already complete") == 1);
    }
}

TEST_CASE("MpiRanks.a_failure_on_any_rank_ends_every_rank_with_one_message" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("mpi_failure");
    const fs::path file = write_small_experiment(dir);

    SUBCASE("bad input: exit 2, one line, nothing written") {
        const Process p = run_mpi(3, quoted_run(file, dir / "bad", "--set behavior.bass.q=7"), dir);
        INFO(p.output);
        CHECK(p.exit_code == 2);
        CHECK(count_of(p.output, "fundsim: error: ") == 1);
        CHECK_FALSE(fs::exists(dir / "bad"));
    }
    SUBCASE("rank 0 refuses an existing folder; the others follow") {
        const fs::path out = dir / "done";
        REQUIRE(run_fundsim(quoted_run(file, out, "--worlds 20"), dir).exit_code == 0);
        const auto before = folder_snapshot(out);
        const Process p = run_mpi(2, quoted_run(file, out, "--worlds 20"), dir);
        INFO(p.output);
        CHECK(p.exit_code == 2);
        CHECK(count_of(p.output, "fundsim: error: ") == 1);
        CHECK(folder_snapshot(out) == before);
    }
    SUBCASE("a block that rank 1 cannot write fails the run on every rank") {
        const fs::path out = dir / "out";
        REQUIRE(run_fundsim(quoted_run(file, out, "--shard 1/3"), dir).exit_code == 0);  // blocks 0 and 3
        // Global block 1 (point 0, block 1) belongs to rank 1 of 2; a folder in its place stops the rename.
        fs::create_directories(out / ".blocks" / "p0_b1.bin" / "in-the-way");
        const Process p = run_mpi(2, quoted_run(file, out, "--resume --threads 1"), dir);
        INFO(p.output);
        CHECK(p.exit_code == 1);
        CHECK(count_of(p.output, "fundsim: error: rank 1 of 2: ") == 1);
        CHECK(count_of(p.output, "fundsim: error: ") == 1);
        const auto manifest = manifest_of(out);
        CHECK(manifest["status"] == "partial");
        CHECK(manifest["message"].get<std::string>().find("failed: rank 1 of 2: ") == 0);
        CHECK_FALSE(fs::exists(out / "worlds.csv"));
    }
    SUBCASE("only run shares work between ranks") {
        const Process p = run_mpi(2, "validate '" + file.string() + "'", dir);
        CHECK(p.exit_code == 2);
        CHECK(count_of(p.output, "fundsim: error: ") == 1);
    }
}

TEST_CASE("MpiRanks.sigterm_to_one_rank_stops_every_rank_and_resume_completes" * doctest::timeout(300)) {
    // SLURM sends SIGTERM at a job's time limit; here it reaches one rank only.
    const fs::path dir = scratch_dir("mpi_sigterm");
    const fs::path file = write_big_experiment(dir);
    const fs::path whole = dir / "whole";
    REQUIRE(run_fundsim(quoted_run(file, whole, "--threads 2"), dir).exit_code == 0);
    const fs::path out = dir / "out";
    const fs::path log = dir / "out.log";
    int code = 0;
    {
        const MpiEnvironment environment;
        ChildProcess mpirun({FUNDSIM_MPIEXEC, "--allow-run-as-root", "--oversubscribe", "--timeout", "120", "-np", "2",
                             FUNDSIM_BINARY, "run", file.string(), "--out", out.string(), "--quiet", "--threads", "1"},
                            log);
        std::vector<pid_t> ranks;
        REQUIRE(poll_until(mpirun, [&] {
            ranks = children_of(mpirun.pid());
            return ranks.size() == 2 && count_blocks(out) >= kBigBlocks / 4;
        }));
        ::kill(ranks.back(), SIGTERM);
        code = mpirun.wait();
    }
    INFO(read_text(log));
    CHECK(code == 1);
    CHECK(count_of(read_text(log), "fundsim: interrupted: ") == 1);
    const auto manifest = manifest_of(out);
    CHECK(manifest["status"] == "partial");
    CHECK(manifest["message"].get<std::string>().find("interrupted") == 0);
    CHECK(manifest["blocks_done"] == count_blocks(out));
    CHECK(count_blocks(out) < kBigBlocks);

    const Process p = run_mpi(3, quoted_run(file, out, "--resume --threads 1"), dir);
    INFO(p.output);
    REQUIRE(p.exit_code == 0);
    check_same_results(whole, out);
    CHECK(manifest_of(out)["status"] == "complete");
    CHECK(manifest_of(out)["blocks_done"] == kBigBlocks);
}
