/// A program outside the fundsim tree: runs an experiment through the
/// installed engine library (engine/run_experiment.hpp) and prints what it got.
/// Usage: consumer EXPERIMENT.yaml OUT_DIR
#include <cstdio>
#include <exception>

#include "engine/run_experiment.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: consumer EXPERIMENT.yaml OUT_DIR\n");
        return 2;
    }
    try {
        fundsim::RunRequest request;
        request.file = argv[1];
        request.out = argv[2];
        request.folder = fundsim::FolderMode::force;
        request.worlds = 20;
        request.threads = 2;
        const fundsim::RunResult result = fundsim::run_experiment(request);
        std::printf("consumer: %llu worlds, mean final members %.3g, results in %s\n",
                    static_cast<unsigned long long>(result.summary.worlds), result.summary.mean_members_final,
                    result.dir.string().c_str());
        return result.ending == fundsim::RunEnding::complete ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "consumer: %s\n", e.what());
        return 1;
    }
}
