#pragma once
/// One result table written row by row, whatever the file format: the CSV
/// writer (output/csv.hpp) and the HDF5 writer (output/hdf5_tables.hpp)
/// implement it, and ResultFiles writes every table through it, so a format
/// is one new writer plus its line in make_table_set().
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fundsim {

/// A table's rows, cell by cell. Not thread-safe.
class TableWriter {
public:
    virtual ~TableWriter() = default;
    virtual TableWriter& number(double value) = 0;         ///< a real cell (NaN: missing)
    virtual TableWriter& integer(std::int64_t value) = 0;  ///< an integer cell
    virtual TableWriter& text(std::string_view value) = 0; ///< a text cell
    virtual TableWriter& empty() = 0;                      ///< a missing cell
    /// An integer-valued double (printed as an integer when it is one).
    virtual TableWriter& count(double value) = 0;
    /// Ends the current row.
    virtual void end_row() = 0;
    /// Makes the table durable and visible under its final name. Throws IoError.
    virtual void commit() = 0;
};

/// The tables of one run in one format: opens each table, then commits the
/// whole set (after every table's commit). Throws IoError.
class TableSet {
public:
    virtual ~TableSet() = default;
    /// Opens table `name` ("worlds", ...) with its column names.
    virtual std::unique_ptr<TableWriter> open(const std::string& name, const std::vector<std::string>& header) = 0;
    /// Called once every table is committed.
    virtual void commit() = 0;
    /// The files the set writes, for messages ("worlds.csv ...", "results.h5").
    virtual std::string file_names() const = 0;
};

/// The formats of `experiment.output.format`.
inline constexpr std::string_view kCsvFormat = "csv";
inline constexpr std::string_view kHdf5Format = "hdf5";

/// The table set of `format` writing into `dir` (existing). Throws
/// ConfigError for a format this build lacks (hdf5 without libhdf5).
std::unique_ptr<TableSet> make_table_set(std::string_view format, const std::filesystem::path& dir,
                                         const std::string& attributes_json);

/// True when this build writes `format`.
bool has_table_format(std::string_view format);

}  // namespace fundsim
