#pragma once
/// A small CSV reader for data files named by the experiment
/// (governments.from_csv, network.from_csv). Hand-written because no Debian
/// 12 package offers a CSV reader that reports line and column of a bad cell,
/// which every input error must name. RFC 4180: header row, comma separator,
/// double-quoted fields with "" escapes and embedded newlines, CRLF or LF,
/// optional UTF-8 BOM; blank lines are skipped. Thread-safe; deterministic.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "world/error.hpp"

namespace fundsim {

/// Largest CSV file read, in bytes (256 MiB).
inline constexpr std::size_t kMaxCsvBytes = 256u << 20;

/// One field with its 1-based position in the file.
struct CsvCell {
    std::string text;  ///< unquoted content
    int line = 0;      ///< line where the field starts
    int column = 0;    ///< column (bytes) where the field starts
};

/// A parsed CSV file: the header and the data rows, all of the header's width.
struct CsvTable {
    std::string file;                        ///< the path as opened (for messages)
    std::string key_path;                    ///< the experiment key that named it (for messages)
    std::vector<CsvCell> header;             ///< column names
    std::vector<std::vector<CsvCell>> rows;  ///< data rows

    /// Index of the column named `name`, or -1.
    int column(std::string_view name) const;
    /// "file:line:col" of a cell.
    std::string where(const CsvCell& cell) const;
    /// A ConfigError "file:line:col: key_path: what" at `cell`.
    ConfigError error(const CsvCell& cell, std::string_view what) const;
};

/// Parses CSV text. Throws ConfigError "file:line:col: key_path: what; expected ..."
/// on an unterminated quote, a stray quote, a row whose width differs from
/// the header's, an empty or duplicate column name, or no header at all.
CsvTable parse_csv_text(std::string_view text, const std::string& file, const std::string& key_path);

/// Reads and parses `path`; a missing or unreadable file, or one larger than
/// kMaxCsvBytes, throws ConfigError.
CsvTable read_csv_file(const std::string& path, const std::string& key_path);

}  // namespace fundsim
