#pragma once
// Shared set-up of the libFuzzer targets: a private working folder (per
// process, so parallel fuzz jobs do not collide) holding the data files the
// seed experiments name (configs/data, tests/invalid/data), and the one rule
// every target checks: bad input may only ever raise fundsim::ConfigError.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "world/error.hpp"

namespace fundsim::fuzz {

namespace fs = std::filesystem;

/// The working folder, created and filled on first use.
inline const fs::path& work_dir() {
    static const fs::path dir = [] {
        const fs::path d = fs::temp_directory_path() / ("fundsim_fuzz_" + std::to_string(::getpid()));
        fs::create_directories(d / "data");
        for (const char* from : {"configs/data", "tests/invalid/data"}) {
            std::error_code ec;
            for (const auto& entry : fs::directory_iterator(fs::path(FUNDSIM_SOURCE_DIR) / from, ec))
                if (entry.path().extension() == ".csv")
                    fs::copy_file(entry.path(), d / "data" / entry.path().filename(),
                                  fs::copy_options::overwrite_existing, ec);
        }
        std::atexit([] {
            std::error_code ec;
            fs::remove_all(fs::temp_directory_path() / ("fundsim_fuzz_" + std::to_string(::getpid())), ec);
        });
        return d;
    }();
    return dir;
}

/// Writes `bytes` to `path`.
inline void write_bytes(const fs::path& path, const std::uint8_t* data, std::size_t size) {
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

/// Runs `body`; a ConfigError is the expected answer to bad input, anything
/// else is a finding (abort, so libFuzzer saves the input).
template <class F>
void expect_only_config_errors(F&& body) {
    try {
        body();
    } catch (const ConfigError&) {
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz finding: escaped %s\n", e.what());
        std::abort();
    }
}

}  // namespace fundsim::fuzz
