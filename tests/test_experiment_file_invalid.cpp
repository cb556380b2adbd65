// ExperimentFile on bad input: the invalid-experiment corpus (tests/invalid)
// and inputs that must never crash or leak a non-ConfigError exception.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "experiment/experiment_file.hpp"
#include "world/error.hpp"

namespace fs = std::filesystem;
using namespace fundsim;

namespace {

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string write_temp(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / ("fundsim_test_invalid_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
}

/// Loads and resolves `path`; returns the ConfigError message, or "" when it
/// loaded. Any other exception fails the test.
std::string outcome(const std::string& path) {
    try {
        const ExperimentFile file = ExperimentFile::load(path);
        file.resolve();
        return "";
    } catch (const ConfigError& e) {
        return e.what();
    }
}

}  // namespace

TEST_CASE("ExperimentFile.invalid_corpus_fails_with_expected_position") {
    const fs::path dir = fs::path(FUNDSIM_SOURCE_DIR) / "tests" / "invalid";
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 25);
    for (const fs::path& file : files) {
        CAPTURE(file.filename().string());
        const std::string text = read_text(file);
        const std::string tag = "# expect: ";
        REQUIRE(text.starts_with(tag));
        std::string expect = text.substr(tag.size(), text.find('\n') - tag.size());
        while (!expect.empty() && (expect.back() == ' ' || expect.back() == '\r')) expect.pop_back();
        std::string message;
        try {
            const ExperimentFile loaded = ExperimentFile::load(file.string());
            loaded.resolve();
        } catch (const ConfigError& e) {
            message = e.what();
        }
        CAPTURE(message);
        REQUIRE_FALSE(message.empty());
        CHECK(message.find('\n') == std::string::npos);
        CHECK(message.find(file.filename().string()) != std::string::npos);
        CHECK(message.find(expect) != std::string::npos);
        // says how to fix it: what was expected, or the likely intended key
        CHECK((message.find("; expected") != std::string::npos || message.find("did you mean") != std::string::npos));
    }
}

TEST_CASE("ExperimentFile.junk_input_gives_config_error_not_crash") {
    const std::vector<std::pair<std::string, std::string>> inputs = {
        {"empty.yaml", ""},
        {"blank.yaml", "   \n\n# only a comment\n"},
        {"binary.yaml", std::string("\x7f" "ELF\x02\x01\x01\x00\xff\xfe\x00\x01", 12)},
        {"high_bytes.yaml", "\xff\xfe\xfd: \xc3\x28\n"},
        {"list_root.yaml", "- a\n- b\n"},
        {"scalar_root.yaml", "hello\n"},
        {"huge_int.yaml", "experiment: {name: x, worlds: 99999999999999999999999}\ngovernments: {list: [{id: A}]}\n"},
        {"huge_float.yaml", "experiment: {name: x}\nfund: {max_leverage: 1e999}\ngovernments: {list: [{id: A}]}\n"},
        {"nan.yaml", "experiment: {name: x}\nfund: {max_leverage: .nan}\ngovernments: {list: [{id: A}]}\n"},
        {"negative.yaml", "experiment: {name: x, worlds: -5}\ngovernments: {list: [{id: A}]}\n"},
        {"float_int.yaml", "experiment: {name: x, steps: 2.5}\ngovernments: {list: [{id: A}]}\n"},
        {"deep.yaml", std::string(200, '[') + std::string(200, ']')},
        {"very_deep.yaml", std::string(5000, '[') + std::string(5000, ']')},
        {"deep_map.yaml", [] { std::string s; for (int i = 0; i < 100; ++i) s += std::string(static_cast<std::size_t>(i) * 2, ' ') + "a:\n"; return s; }()},
        {"tabs.yaml", "experiment:\n\tname: x\n"},
        {"two_docs.yaml", "experiment: {name: x}\n---\nb: 1\n"},
        {"complex_key.yaml", "? [a, b]\n: 1\n"},
        {"unclosed.yaml", "experiment: {name: \"x\n"},
        {"directive.yaml", "%YAML 9.9\n%FOO bar\n---\na: 1\n"},
        {"tag.yaml", "experiment: !!map {name: x}\ngovernments: !custom {list: [{id: A}]}\n"},
    };
    for (const auto& [name, text] : inputs) {
        CAPTURE(name);
        const std::string message = outcome(write_temp(name, text));
        CHECK_FALSE(message.empty());
        CHECK(message.find('\n') == std::string::npos);
        CHECK(message.find(name) != std::string::npos);
    }
    CHECK(outcome(write_temp("", "")).size() > 0);  // a folder, not a file
    CHECK(outcome("/nonexistent/fundsim.yaml").find("/nonexistent/fundsim.yaml") == 0);
}

TEST_CASE("ExperimentFile.mutated_valid_file_never_escapes_config_error") {
    // Every truncation and a sweep of one-byte edits of a valid file must
    // either load or fail with a ConfigError (outcome() fails on anything else).
    const fs::path data = fs::path(FUNDSIM_SOURCE_DIR) / "tests" / "experiment_data";
    const std::string text = read_text(data / "full.yaml");
    const fs::path dir = fs::temp_directory_path() / ("fundsim_test_mutations_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const char* csv : {"countries.csv", "ties.csv"})
        fs::copy_file(data / csv, dir / csv, fs::copy_options::overwrite_existing);
    const std::string path = (dir / "mutant.yaml").string();
    int failures = 0, loads = 0;
    for (std::size_t cut = 0; cut < text.size(); cut += 37) {
        std::ofstream(path, std::ios::binary) << text.substr(0, cut);
        (outcome(path).empty() ? loads : failures)++;
    }
    const std::string edits = ":-[]{}\"'&*!|>%@,#? \n\t0x";
    for (std::size_t at = 0; at < text.size(); at += 53) {
        for (const char c : edits) {
            std::string mutant = text;
            mutant[at] = c;
            std::ofstream(path, std::ios::binary) << mutant;
            (outcome(path).empty() ? loads : failures)++;
        }
    }
    CHECK(failures > 0);
    CHECK(loads > 0);
}
