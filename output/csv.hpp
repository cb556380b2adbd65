#pragma once
/// A CSV writer with one fixed, deterministic format (SPEC §6): comma
/// separator, '\n' line ends, '.' decimal mark, no thousands separators,
/// doubles in the shortest text that reads back to the same value
/// (std::to_chars), integers without a decimal point, an empty cell for a
/// missing value (NaN), text quoted only when it holds a comma, quote or
/// line break. pandas.read_csv reads the files with no options.
///
/// The file is written as `<path>.tmp` and moved into place (after fsync) by
/// `commit`, so a reader never sees a half-written results file.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "output/table_writer.hpp"

namespace fundsim {

/// Appends a double in the CSV number format (NaN: nothing). Pure.
void append_number(std::string& out, double value);

/// Appends an integer. Pure.
void append_integer(std::string& out, std::int64_t value);

/// Appends text, quoted if needed. Pure.
void append_text(std::string& out, std::string_view text);

/// Writes one CSV file row by row. Not thread-safe (one writer per file).
class CsvWriter : public TableWriter {
public:
    /// Opens `<path>.tmp` for writing and writes the header. Throws IoError.
    CsvWriter(std::filesystem::path path, std::initializer_list<std::string_view> header);
    /// Same, with a header built at run time.
    CsvWriter(std::filesystem::path path, const std::vector<std::string>& header);
    ~CsvWriter() override;
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    CsvWriter& number(double value) override;        ///< a real cell (NaN: empty)
    CsvWriter& integer(std::int64_t value) override; ///< an integer cell
    CsvWriter& text(std::string_view value) override; ///< a text cell
    CsvWriter& empty() override;                     ///< a missing cell
    /// A cell holding an integer-valued double: printed as an integer when
    /// it is one, as a number otherwise.
    CsvWriter& count(double value) override;
    /// Ends the current row (a '\n').
    void end_row() override;

    /// Flushes, syncs and renames the file into place. Throws IoError.
    void commit() override;

private:
    void open();
    void separator();
    void flush_buffer();

    std::filesystem::path path_;
    std::filesystem::path temp_;
    std::FILE* file_ = nullptr;
    std::string buffer_;
    bool is_row_start_ = true;
};

}  // namespace fundsim
