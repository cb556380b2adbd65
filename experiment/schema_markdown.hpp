#pragma once
/// The key reference (configs/README.md) rendered from the parameter table,
/// so the documentation cannot drift from the loader. A test compares the
/// committed file with this output. Thread-safe; deterministic.
#include <string>

namespace fundsim {

/// The whole of configs/README.md: a short introduction, then one table per
/// top-level section with every key's type, unit, range, default, the
/// Experiment field it fills and its description.
std::string schema_markdown();

}  // namespace fundsim
