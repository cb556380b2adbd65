#pragma once
/// The experiment file: loaded, guarded against yaml-cpp pitfalls, checked
/// against the schema table, with `--set` overrides applied. Resolves to a
/// typed Experiment per sweep point. Hides yaml-cpp from everything else.
#include <memory>
#include <string>
#include <vector>

#include "experiment/experiment.hpp"
#include "world/error.hpp"

namespace fundsim {

/// A `--set` override or a sweep point's value: a dotted path and a YAML
/// scalar text ("4", "0.25", "logit", "[USA, JPN]").
struct Override {
    std::string path;
    std::string value;
};

/// Parses "K=V" (throws ConfigError naming the flag).
Override parse_override(const std::string& assignment);

class ExperimentFile {
public:
    /// Loads and validates `path` with `sets` applied. Throws ConfigError
    /// with "file:line:col: key.path: message" on any bad input.
    static ExperimentFile load(const std::string& path, const std::vector<Override>& sets = {});

    /// The typed experiment with a sweep point's values applied (validated
    /// again, so a sampled value out of range is reported). Throws ConfigError.
    Experiment resolve(const std::vector<Override>& point = {}) const;

    /// The resolved experiment (defaults filled, --set applied) as YAML
    /// text, and as JSON text for the manifest.
    std::string resolved_yaml() const;
    std::string resolved_json() const;

    const std::string& path() const;

    /// A ConfigError "file:line:col: KEY_PATH: WHAT" located where the key
    /// (a dotted path of map keys) is written, or at the file when it is not.
    ConfigError error_at(const std::string& key_path, const std::string& what) const;

    /// Every file the experiment was read from: the file, its includes and
    /// its data files (as opened). A results folder must not hold them.
    const std::vector<std::string>& input_files() const;

    ExperimentFile(ExperimentFile&&) noexcept;
    ExperimentFile& operator=(ExperimentFile&&) noexcept;
    ~ExperimentFile();

private:
    struct Impl;
    explicit ExperimentFile(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace fundsim
