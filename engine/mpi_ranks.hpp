#pragma once
/// The processes that share one run (SPEC §7): this process alone, or the
/// ranks of an MPI job started by `mpirun` / `srun`.
///
/// A run under MPI goes through the same steps on every rank, and each step
/// ends with a collective agreement (`agree`): if the step threw on any rank,
/// every rank learns it and leaves the run together; rank 0 prints the first
/// failing rank's message, the others print nothing and exit with the same
/// code. So a failing rank never leaves the others waiting in a collective,
/// and one clean error line comes out. (A rank that dies outright, e.g. by
/// a signal, makes mpirun end the job.)
///
/// Rank r of R computes the blocks of shard r+1 of R (of the shard given by
/// --shard or SLURM, when one is: see `share_of`), so the block files, and
/// therefore the CSV files rank 0 aggregates, are the same bytes as a single
/// process writes.
///
/// MPI is initialised only when the environment says mpirun or srun launched
/// this process: an Open MPI singleton MPI_Init costs about a second (it
/// starts a helper daemon), too much for every plain `fundsim run`.
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <string>

#include "engine/shard.hpp"
#include "world/error.hpp"

namespace fundsim {

/// Thrown on the ranks other than 0 when a step failed: rank 0 prints the
/// message, the others exit with `exit_code()` silently.
class QuietExit : public std::exception {
public:
    /// `exit_code`: 1 (failure) or 2 (bad input), as rank 0 exits.
    explicit QuietExit(int exit_code) : exit_code_(exit_code) {}
    /// The process exit code.
    int exit_code() const { return exit_code_; }
    /// A fixed text (never printed by main).
    const char* what() const noexcept override { return "failure reported by rank 0"; }

private:
    int exit_code_;
};

/// The ranks sharing a run. This base class is one process alone (rank 0 of
/// 1, every collective a no-op); the MPI ranks override the collectives
/// (engine/mpi_ranks.cpp). Collectives must be called by every rank in the
/// same order, from the main thread only.
class RankGroup {
public:
    RankGroup() = default;
    RankGroup(const RankGroup&) = delete;
    RankGroup& operator=(const RankGroup&) = delete;
    virtual ~RankGroup() = default;

    /// This process's rank, 0..size()-1.
    virtual int rank() const { return 0; }
    /// The number of ranks, >= 1.
    virtual int size() const { return 1; }
    /// True on rank 0, which prepares the folder, aggregates and prints.
    bool is_root() const { return rank() == 0; }

    /// The part of `shard` this rank computes: shard I of N split over R
    /// ranks is shard I + N*r of N*R (g mod N*R == I-1 + N*r exactly when
    /// g mod N == I-1 and (g div N) mod R == r). `shard` itself when alone.
    Shard share_of(const Shard& shard) const {
        const auto ranks = static_cast<std::uint32_t>(size());
        return {shard.index + shard.count * static_cast<std::uint32_t>(rank()), shard.count * ranks};
    }

    /// Runs `step` here, then agrees with the other ranks (collective): when
    /// it threw on some rank, it throws on every rank — on rank 0 the first
    /// failing rank's error (its own exception, or an Error / ConfigError
    /// with "rank r of R: " and the message), elsewhere QuietExit.
    void agree(const std::function<void()>& step) const {
        std::exception_ptr failure;
        try {
            step();
        } catch (...) {
            failure = std::current_exception();
        }
        settle(failure);
    }

    /// The sum of `value` over the ranks, on every rank (collective).
    virtual std::uint64_t sum(std::uint64_t value) const { return value; }
    /// Rank 0's `value`, on every rank (collective).
    virtual int broadcast(int value) const { return value; }

protected:
    /// The collective half of `agree`: rethrows `failure` when alone.
    virtual void settle(std::exception_ptr failure) const {
        if (failure) std::rethrow_exception(failure);
    }
};

/// Ranks announced by the launcher's environment (Open MPI's mpirun sets
/// OMPI_COMM_WORLD_SIZE, MPICH and srun --mpi=pmi2 set PMI_SIZE); 0 when
/// none is set. Reads the environment; not thread-safe with setenv.
inline int launched_ranks() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
        if (const char* value = std::getenv(name)) return std::atoi(value);
    return std::getenv("PMIX_RANK") ? 1 : 0;  // srun --mpi=pmix: the size is known after MPI_Init
}

/// Throws ConfigError when several copies of a fundsim built without MPI
/// were started by mpirun: they would all write the same folder.
inline void check_launch(const RankGroup& ranks) {
    if (ranks.size() == 1 && launched_ranks() > 1)
        throw ConfigError("this fundsim was built without MPI (FUNDSIM_WITH_MPI=OFF) but started by mpirun with " +
                          std::to_string(launched_ranks()) + " processes, which would all write the same folder; "
                          "rebuild with Open MPI installed, or split the work with --shard I/N and fundsim merge");
}

#if FUNDSIM_WITH_MPI
/// The MPI ranks when launched by mpirun or srun (MPI_Init_thread with
/// MPI_THREAD_FUNNELED; MPI_Finalize when the group is destroyed), else one
/// process alone without touching MPI. engine/mpi_ranks.cpp.
std::unique_ptr<RankGroup> start_mpi_ranks(int& argc, char**& argv);
#endif

/// The ranks of this process: call once, at the top of main, and keep the
/// group until main returns.
inline std::unique_ptr<RankGroup> start_ranks([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#if FUNDSIM_WITH_MPI
    return start_mpi_ranks(argc, argv);
#else
    return std::make_unique<RankGroup>();
#endif
}

}  // namespace fundsim
