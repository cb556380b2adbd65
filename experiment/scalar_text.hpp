#pragma once
/// Strict conversions of YAML/CSV scalar text to numbers and booleans.
/// Unlike yaml-cpp's as<T>(), these reject "2.5" for an integer, non-finite
/// values ("nan", ".inf", "1e400") and trailing junk, and say why.
/// Pure functions: thread-safe and deterministic.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fundsim {

/// A conversion's result: the value, or a short reason it failed
/// ("is not a number", "is not finite", "is not a whole number", "is too large").
template <class T>
struct ScalarValue {
    std::optional<T> value;  ///< set on success
    std::string problem;     ///< set on failure
};

/// A decimal integer with an optional sign ("12", "-3", "+4").
ScalarValue<std::int64_t> parse_integer(std::string_view text);
/// Largest magnitude of any number in an experiment or its data files: far
/// above any real quantity (USD bn, rates, weights), low enough that sums and
/// products over millions of agents stay finite.
inline constexpr double kMaxNumberMagnitude = 1e12;

/// A finite decimal number ("0.25", "3", "1e-3", "-.5") of magnitude at most
/// kMaxNumberMagnitude.
ScalarValue<double> parse_number(std::string_view text);
/// "true"/"false" (also "True", "TRUE", "False", "FALSE").
ScalarValue<bool> parse_bool(std::string_view text);
/// Shortest text that reads back as the same double ("0.1", "3", "1e-09").
std::string format_number(double value);

}  // namespace fundsim
