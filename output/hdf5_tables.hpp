#pragma once
/// The HDF5 result format (`experiment.output.format: hdf5`, issue 15): one
/// file `results.h5` with a group per table (points, worlds, series,
/// governments, trajectories) and, in each group, one 1-D dataset per column
/// in CSV column order (the group's `columns` attribute lists them): int64
/// for integer columns, float64 for real ones (NaN where the CSV cell is
/// empty), UTF-8 strings for text. Datasets are chunked (2,048 rows),
/// shuffled and deflate-compressed, and written a chunk at a time as the
/// aggregation streams, so memory stays flat. Object timestamps are off, so
/// the file is byte-identical at any thread count, shard split or resume.
/// The root holds the run's identity (experiment hash, seed, version) as
/// string attributes. Read with h5py: `f["worlds"]["members_final"][:]`.
/// Built only with FUNDSIM_WITH_HDF5 (Debian's libhdf5-dev).
#include <filesystem>
#include <memory>
#include <string>

#include "output/table_writer.hpp"

namespace fundsim {

/// Opens `dir/results.h5.tmp`; commit() moves it to `dir/results.h5`.
/// `attributes_json` (a JSON object) becomes root attributes. Throws IoError.
std::unique_ptr<TableSet> make_hdf5_table_set(const std::filesystem::path& dir, const std::string& attributes_json);

}  // namespace fundsim
