// The MPI ranks of a run (compiled only when FUNDSIM_WITH_MPI): collectives
// over MPI_COMM_WORLD. Waiting ranks poll non-blocking collectives and sleep
// between polls, so a rank that finished its blocks early does not spin on a
// core that another rank (or its threads) could use.
#include "engine/mpi_ranks.hpp"

#include <mpi.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace fundsim {
namespace {

/// Waits for a non-blocking MPI operation, sleeping between tests.
void wait_for(MPI_Request& request) {
    int is_done = 0;
    for (int polls = 0;; ++polls) {
        MPI_Test(&request, &is_done, MPI_STATUS_IGNORE);
        if (is_done) return;
        // Answer quickly when the others are already there; then 1 ms naps.
        if (polls > 100) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

/// The exit code and message of a failure (2: bad input, 1: anything else).
std::pair<int, std::string> describe(std::exception_ptr failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const QuietExit& e) {
        return {e.exit_code(), e.what()};
    } catch (const ConfigError& e) {
        return {2, e.what()};
    } catch (const std::exception& e) {
        return {1, e.what()};
    } catch (...) {
        return {1, "unknown failure"};
    }
}

class MpiRanks final : public RankGroup {
public:
    MpiRanks() {
        MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
        MPI_Comm_size(MPI_COMM_WORLD, &size_);
    }
    ~MpiRanks() override { MPI_Finalize(); }

    int rank() const override { return rank_; }
    int size() const override { return size_; }

    std::uint64_t sum(std::uint64_t value) const override {
        std::uint64_t total = 0;
        MPI_Request request;
        MPI_Iallreduce(&value, &total, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD, &request);
        wait_for(request);
        return total;
    }

    int broadcast(int value) const override {
        MPI_Request request;
        MPI_Ibcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD, &request);
        wait_for(request);
        return value;
    }

protected:
    void settle(std::exception_ptr failure) const override {
        // The lowest failing rank speaks for everyone.
        int mine = failure ? rank_ : size_;
        int first = size_;
        MPI_Request request;
        MPI_Iallreduce(&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD, &request);
        wait_for(request);
        if (first == size_) return;

        auto [code, message] = rank_ == first ? describe(failure) : std::pair<int, std::string>{0, ""};
        int header[2] = {code, static_cast<int>(message.size())};
        MPI_Ibcast(header, 2, MPI_INT, first, MPI_COMM_WORLD, &request);
        wait_for(request);
        std::vector<char> text(message.begin(), message.end());
        text.resize(static_cast<std::size_t>(header[1]));
        MPI_Ibcast(text.data(), header[1], MPI_CHAR, first, MPI_COMM_WORLD, &request);
        wait_for(request);

        if (rank_ != 0) throw QuietExit(header[0]);
        if (first == 0) std::rethrow_exception(failure);
        const std::string line = "rank " + std::to_string(first) + " of " + std::to_string(size_) + ": " +
                                 std::string(text.begin(), text.end());
        if (header[0] == 2) throw ConfigError(line);
        throw Error(line);
    }

private:
    int rank_ = 0;
    int size_ = 1;
};

}  // namespace

std::unique_ptr<RankGroup> start_mpi_ranks(int& argc, char**& argv) {
    if (launched_ranks() == 0) return std::make_unique<RankGroup>();
    int provided = 0;
    // Only the main thread calls MPI; the oneTBB workers never do.
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    return std::make_unique<MpiRanks>();
}

}  // namespace fundsim
