// Replays every input the fuzzers (scripts/fuzz.sh) ever flagged, kept in
// tests/fuzz_regressions/{experiment,csv}/: each must load or raise
// ConfigError, never crash or throw anything else. Run under
// FUNDSIM_SANITIZE=ON, a sanitizer report fails it too.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "experiment/experiment_file.hpp"
#include "support/fundsim_process.hpp"
#include "world/error.hpp"
#include "world/scenario.hpp"

using namespace fundsim;
using namespace fundsim::testing;

namespace {

/// A scratch folder holding the seed experiments' data files under data/.
fs::path fuzz_dir(const std::string& name) {
    const fs::path dir = scratch_dir(name);
    fs::create_directories(dir / "data");
    for (const char* from : {"configs/data", "tests/invalid/data"})
        for (const auto& entry : fs::directory_iterator(fs::path(FUNDSIM_SOURCE_DIR) / from))
            if (entry.path().extension() == ".csv") fs::copy_file(entry.path(), dir / "data" / entry.path().filename());
    return dir;
}

std::vector<fs::path> saved_inputs(const char* target) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::path(FUNDSIM_SOURCE_DIR) / "tests/fuzz_regressions" / target, ec))
        if (entry.is_regular_file() && entry.path().filename().string()[0] != '.') files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

/// Loads an experiment; true when it loaded or raised ConfigError.
bool loads_or_config_error(const fs::path& path) {
    try {
        const ExperimentFile file = ExperimentFile::load(path.string());
        (void)Scenario::build(file.resolve());
    } catch (const ConfigError&) {
    } catch (const std::exception& e) {
        FAIL_CHECK(path << ": escaped " << e.what());
        return false;
    }
    return true;
}

}  // namespace

TEST_CASE("FuzzRegressions.saved_experiment_inputs_load_or_fail_cleanly" * doctest::timeout(300)) {
    const fs::path dir = fuzz_dir("fuzz_regressions_experiment");
    for (const fs::path& input : saved_inputs("experiment")) {
        CAPTURE(input);
        fs::copy_file(input, dir / "experiment.yaml", fs::copy_options::overwrite_existing);
        CHECK(loads_or_config_error(dir / "experiment.yaml"));
    }
}

TEST_CASE("FuzzRegressions.saved_csv_inputs_load_or_fail_cleanly" * doctest::timeout(300)) {
    const fs::path dir = fuzz_dir("fuzz_regressions_csv");
    write_text(dir / "csv_experiment.yaml", "experiment: {name: fuzz, worlds: 1, steps: 2}\nfund:\n  founders: {A: 1.0}\n"
                                            "governments:\n  from_csv: governments.csv\nnetwork:\n  from_csv: ties.csv\n");
    for (const fs::path& input : saved_inputs("csv")) {
        CAPTURE(input);
        const std::string bytes = read_text(input);
        const bool is_ties = !bytes.empty() && (static_cast<unsigned char>(bytes[0]) & 1) != 0;  // as tests/fuzz/fuzz_csv.cpp
        write_text(dir / "governments.csv", "id,gdp\nA,100\nB,50\nC,20\n");
        write_text(dir / "ties.csv", "source,target,weight\nA,B,1\nB,C,0.5\n");
        write_text(dir / (is_ties ? "ties.csv" : "governments.csv"), bytes.empty() ? bytes : bytes.substr(1));
        CHECK(loads_or_config_error(dir / "csv_experiment.yaml"));
    }
}
