// Faults that must lose nothing (issue 14): a full disk, a file-size limit,
// a read-only folder, an output path that is a file, damaged block files.
// Each ends with exit 1 (or 2 for a bad --out) naming the path, keeps every
// finished block, leaves no temporary file, and --resume then completes
// byte-identically to an undisturbed run.
#include <doctest/doctest.h>

#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "support/child_process.hpp"
#include "support/fundsim_process.hpp"

using namespace fundsim::testing;

namespace {

/// A tmpfs mounted for the life of the object (needs root, or CAP_SYS_ADMIN);
/// `is_mounted()` is false where mounting is not allowed (the test then skips).
class ScopedTmpfs {
public:
    ScopedTmpfs(const fs::path& at, const std::string& options, unsigned long flags = 0) : at_(at) {
        fs::create_directories(at);
        is_mounted_ = ::mount("tmpfs", at.c_str(), "tmpfs", flags, options.c_str()) == 0;
    }
    ~ScopedTmpfs() {
        if (is_mounted_) ::umount2(at_.c_str(), MNT_DETACH);
    }
    ScopedTmpfs(const ScopedTmpfs&) = delete;
    ScopedTmpfs& operator=(const ScopedTmpfs&) = delete;
    bool is_mounted() const { return is_mounted_; }
    /// Changes the size (tmpfs remount), e.g. to free space.
    bool resize(const std::string& size) {
        return ::mount("tmpfs", at_.c_str(), "tmpfs", MS_REMOUNT, ("size=" + size).c_str()) == 0;
    }

private:
    fs::path at_;
    bool is_mounted_ = false;
};

std::string run_args(const fs::path& file, const fs::path& out, const std::string& extra = "") {
    return "run '" + file.string() + "' --out '" + out.string() + "' --quiet " + extra;
}

/// Files named *.tmp anywhere under `dir`.
int count_temporaries(const fs::path& dir) {
    int n = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".tmp") ++n;
    return n;
}

/// Writes zeros into `path` until the disk is full.
void fill_disk(const fs::path& path) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f != nullptr);
    static const std::string chunk(1 << 16, '\0');
    while (std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size()) {
    }
    std::fclose(f);
}

}  // namespace

TEST_CASE("Faults.disk_full_keeps_finished_blocks_and_resume_completes_identically" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("faults_disk_full");
    const fs::path file = write_big_experiment(dir);
    const fs::path whole = dir / "whole";
    REQUIRE(run_fundsim(run_args(file, whole, "--threads 2"), dir).exit_code == 0);
    ScopedTmpfs disk(dir / "disk", "size=200m");
    if (!disk.is_mounted()) {
        MESSAGE("skipped: cannot mount a tmpfs here (needs root); Faults.file_size_limit covers write failures");
        return;
    }
    const fs::path out = dir / "disk" / "out";
    const fs::path filler = dir / "disk" / "filler";
    int code = 0;
    {
        ChildProcess child({FUNDSIM_BINARY, "run", file.string(), "--out", out.string(), "--quiet", "--threads", "1"},
                           dir / "child.log");
        REQUIRE(poll_until(child, [&] { return count_blocks(out) >= 3; }));
        fill_disk(filler);  // the disk fills up while the run writes blocks
        code = child.wait();
    }
    const std::string log = read_text(dir / "child.log");
    INFO(log);
    REQUIRE(code == 1);
    CHECK(log.find("No space left on device") != std::string::npos);
    CHECK(log.find(out.string()) != std::string::npos);  // names the path
    CHECK(std::count(log.begin(), log.end(), '\n') == 1);
    const int finished = count_blocks(out);
    CHECK(finished >= 3);
    CHECK(count_temporaries(out) == 0);
    // Space freed: --resume computes only what is missing and equals the undisturbed run.
    fs::remove(filler);
    const Process p = run_fundsim(run_args(file, out, "--resume --threads 2"), dir);
    INFO(p.output);
    REQUIRE(p.exit_code == 0);
    check_same_results(whole, out);
}

TEST_CASE("Faults.disk_full_while_writing_the_csvs_leaves_no_temporary_and_resume_completes" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("faults_csv_full");
    const fs::path file = write_small_experiment(dir);
    const std::string detail = "--set experiment.output.trajectories=150";  // trajectories.csv: 1.4 MB
    const fs::path whole = dir / "whole";
    REQUIRE(run_fundsim(run_args(file, whole, detail), dir).exit_code == 0);
    // A file-size limit of 1 MB (RLIMIT_FSIZE in /bin/sh's 512-byte units, SIGXFSZ ignored): the blocks
    // (0.6 MB each) are written, trajectories.csv fails with EFBIG as on a
    // full disk; works without root.
    const fs::path out = dir / "out";
    const Process p = run_fundsim_with_prefix("trap '' XFSZ; ulimit -f 2000; ", run_args(file, out, detail), dir);
    INFO(p.output);
    CHECK(p.exit_code == 1);
    CHECK(p.output.find("trajectories.csv.tmp: cannot write results file: File too large") != std::string::npos);
    CHECK(count_temporaries(out) == 0);
    CHECK_FALSE(fs::exists(out / "trajectories.csv"));
    CHECK(count_blocks(out) == 6);  // every block kept
    const Process resumed = run_fundsim(run_args(file, out, "--resume " + detail), dir);
    INFO(resumed.output);
    REQUIRE(resumed.exit_code == 0);
    check_same_results(whole, out);
}

TEST_CASE("Faults.unwritable_folder_and_output_path_that_is_a_file" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("faults_unwritable");
    const fs::path file = write_small_experiment(dir);
    // --out is a file, or lies under a file: bad input, nothing written.
    write_text(dir / "a_file", "x");
    for (const fs::path& out : {dir / "a_file", dir / "a_file" / "sub"}) {
        const Process p = run_fundsim(run_args(file, out), dir);
        INFO(p.output);
        CHECK(p.exit_code == 2);
        CHECK(p.output.find("not a folder") != std::string::npos);
        CHECK(read_text(dir / "a_file") == "x");
    }
    // A folder this process cannot write: exit 1 naming it.
    const fs::path locked = dir / "read_only";
    ScopedTmpfs read_only(locked, "size=64m", MS_RDONLY);
    if (!read_only.is_mounted()) {
        if (::getuid() == 0) {
            MESSAGE("skipped: root ignores permissions and no tmpfs can be mounted here");
            return;
        }
        fs::create_directories(locked);
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    }
    const Process p = run_fundsim(run_args(file, locked / "out"), dir);
    INFO(p.output);
    CHECK(p.exit_code == 1);
    CHECK(p.output.find((locked / "out").string()) != std::string::npos);
    CHECK(std::count(p.output.begin(), p.output.end(), '\n') == 1);
    if (!read_only.is_mounted()) fs::permissions(locked, fs::perms::owner_all);
}

TEST_CASE("Faults.corrupted_block_files_are_recomputed_by_resume_and_refused_by_merge" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("faults_corrupt");
    const fs::path file = write_small_experiment(dir);
    REQUIRE(run_fundsim(run_args(file, dir / "whole"), dir).exit_code == 0);
    const fs::path part = dir / "part";
    REQUIRE(run_fundsim(run_args(file, part, "--shard 1/2"), dir).exit_code == 0);
    const fs::path other = dir / "other";
    REQUIRE(run_fundsim(run_args(file, other, "--shard 2/2"), dir).exit_code == 0);
    // One flipped byte in the middle of a block (bit rot), one block cut short.
    std::string bytes = read_text(part / ".blocks" / "p0_b0.bin");
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
    write_text(part / ".blocks" / "p0_b0.bin", bytes);
    const std::string cut = read_text(other / ".blocks" / "p0_b1.bin");
    write_text(other / ".blocks" / "p0_b1.bin", cut.substr(0, cut.size() - 1));
    const Process merge = run_fundsim("merge '" + part.string() + "' '" + other.string() + "' --out '" +
                                          (dir / "merged").string() + "'", dir);
    INFO(merge.output);
    CHECK(merge.exit_code == 2);
    CHECK(merge.output.find("damaged or incomplete block") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "merged"));
    // --resume of each shard recomputes the damaged block; the merge then equals the single run.
    REQUIRE(run_fundsim(run_args(file, part, "--shard 1/2 --resume"), dir).exit_code == 0);
    REQUIRE(run_fundsim(run_args(file, other, "--shard 2/2 --resume"), dir).exit_code == 0);
    const Process again = run_fundsim("merge '" + part.string() + "' '" + other.string() + "' --out '" +
                                          (dir / "merged").string() + "'", dir);
    INFO(again.output);
    REQUIRE(again.exit_code == 0);
    check_same_results(dir / "whole", dir / "merged");
}

TEST_CASE("Faults.ctrl_c_while_writing_the_csvs_leaves_no_temporary_and_a_clear_message" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("faults_csv_interrupt");
    const fs::path file = write_big_experiment(dir);
    const std::string detail = "--set experiment.output.trajectories=400";  // a long CSV phase
    const fs::path whole = dir / "whole";
    REQUIRE(run_fundsim(run_args(file, whole, detail), dir).exit_code == 0);
    const fs::path out = dir / "out";
    int code = 0;
    bool is_caught = false;
    {
        ChildProcess child({FUNDSIM_BINARY, "run", file.string(), "--out", out.string(), "--quiet", "--set",
                            "experiment.output.trajectories=400"}, dir / "child.log");
        is_caught = poll_until(child, [&] { return fs::exists(out / "trajectories.csv.tmp"); });
        child.signal(SIGINT);
        code = child.wait();
    }
    const std::string log = read_text(dir / "child.log");
    INFO(log);
    if (is_caught && code != 0) {  // caught while writing (it may have just finished)
        CHECK(code == 1);
        CHECK(log.find("interrupted") != std::string::npos);
        CHECK(log.find("--resume") != std::string::npos);
        CHECK(count_temporaries(out) == 0);
    }
    const Process p = run_fundsim(run_args(file, out, "--resume " + detail), dir);
    INFO(p.output);
    REQUIRE(p.exit_code == 0);
    check_same_results(whole, out);
}

TEST_CASE("Faults.block_files_left_by_a_kill_during_the_final_clean_up_are_removed_by_resume" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("faults_orphans");
    const fs::path file = write_small_experiment(dir);
    const fs::path out = dir / "out";
    REQUIRE(run_fundsim(run_args(file, out), dir).exit_code == 0);
    const std::string worlds = read_text(out / "worlds.csv");
    fs::create_directories(out / ".blocks");  // as if killed while removing .blocks/
    write_text(out / ".blocks" / "p0_b0.bin", "orphan");
    const Process p = run_fundsim(run_args(file, out, "--resume"), dir);
    INFO(p.output);
    CHECK(p.exit_code == 0);
    CHECK(p.output.find("already complete") != std::string::npos);
    CHECK_FALSE(fs::exists(out / ".blocks"));
    CHECK(read_text(out / "worlds.csv") == worlds);
}
