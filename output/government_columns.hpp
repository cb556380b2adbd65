#pragma once
/// The columns of governments.csv, declared once with their meaning: the
/// writer (output/result_files.cpp) takes the names from here and
/// configs/README.md's "Result columns" section is generated from here
/// (`fundsim schema`; a test keeps it current). Thread-safe, constant.
#include <string>
#include <utility>
#include <vector>

namespace fundsim {

/// (name, meaning) of every governments.csv column, in file order.
const std::vector<std::pair<std::string, std::string>>& governments_columns();

/// The "Result columns" section of configs/README.md (markdown).
std::string result_columns_markdown();

}  // namespace fundsim
