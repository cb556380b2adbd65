/// A program outside the fundsim tree: loads an experiment through the
/// installed engine library and prints what it found.
/// Usage: consumer EXPERIMENT.yaml
#include <cstdio>
#include <exception>

#include "experiment/experiment_file.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: consumer EXPERIMENT.yaml\n");
        return 2;
    }
    try {
        const fundsim::ExperimentFile file = fundsim::ExperimentFile::load(argv[1]);
        const fundsim::Experiment experiment = file.resolve();
        std::printf("consumer: %s, %d worlds\n", experiment.name.c_str(), static_cast<int>(experiment.worlds));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "consumer: %s\n", e.what());
        return 1;
    }
}
