// libFuzzer target: the CSV readers behind governments.from_csv and
// network.from_csv (RFC 4180 parser, column checks, per-cell parsing).
// The first byte picks which file the rest replaces; a fixed experiment
// then loads it. Seeds: the CSV files of configs/data and tests/invalid/data.
#include <cstddef>
#include <cstdint>
#include <fstream>

#include "experiment/csv_table.hpp"
#include "experiment/experiment_file.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr const char* kExperiment = R"(experiment: {name: fuzz, worlds: 1, steps: 2}
fund:
  founders: {A: 1.0}
governments:
  from_csv: governments.csv
network:
  from_csv: ties.csv
)";

constexpr const char* kGovernments = "id,gdp\nA,100\nB,50\nC,20\n";
constexpr const char* kTies = "source,target,weight\nA,B,1\nB,C,0.5\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace fundsim;
    const auto& dir = fuzz::work_dir();
    std::ofstream(dir / "csv_experiment.yaml") << kExperiment;
    const bool is_ties = size > 0 && (data[0] & 1) != 0;
    const std::uint8_t* body = size > 0 ? data + 1 : data;
    const std::size_t body_size = size > 0 ? size - 1 : 0;
    std::ofstream(dir / (is_ties ? "governments.csv" : "ties.csv")) << (is_ties ? kGovernments : kTies);
    fuzz::write_bytes(dir / (is_ties ? "ties.csv" : "governments.csv"), body, body_size);
    fuzz::expect_only_config_errors([&] {
        (void)parse_csv_text(std::string_view(reinterpret_cast<const char*>(body), body_size), "fuzz.csv", "fuzz");
        (void)ExperimentFile::load((dir / "csv_experiment.yaml").string());
    });
    return 0;
}
