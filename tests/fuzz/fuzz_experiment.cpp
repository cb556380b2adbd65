// libFuzzer target: the experiment loader (YAML source, schema check,
// defaults, includes, data files, typed resolve, scenario build). Seeds:
// configs/ and tests/invalid/ (scripts/fuzz.sh). Every input must load or
// raise ConfigError, without a crash, a hang or a sanitizer report.
#include <cstddef>
#include <cstdint>

#include "experiment/experiment_file.hpp"
#include "fuzz_support.hpp"
#include "world/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace fundsim;
    const auto path = fuzz::work_dir() / "experiment.yaml";
    fuzz::write_bytes(path, data, size);
    fuzz::expect_only_config_errors([&] {
        const ExperimentFile file = ExperimentFile::load(path.string());
        (void)Scenario::build(file.resolve());
    });
    return 0;
}
