#pragma once
/// The progress line on stderr: worlds done / total, worlds per second and
/// time left, redrawn in place. Shown only when stderr is a terminal and
/// --quiet is not given, so logs and pipes stay clean. Called from the
/// coordinating thread only (not thread-safe).
#include <cstdint>
#include <string>

#include "engine/run_experiment.hpp"

namespace fundsim {

/// The progress line of one run.
class ProgressLine {
public:
    /// `is_enabled` false makes every call a no-op.
    explicit ProgressLine(bool is_enabled);

    /// Redraws the line.
    void update(const ExperimentProgress& progress);
    /// Ends the line (newline) if anything was drawn.
    void finish();

private:
    bool is_enabled_;
    bool is_drawn_ = false;
};

/// A duration for a progress line: "42s", "3m05s", "1h20m"; "?" when unknown.
std::string duration_text(double seconds);

/// True when standard error is a terminal.
bool stderr_is_terminal();

}  // namespace fundsim
