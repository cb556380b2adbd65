#include "experiment/scalar_text.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <system_error>

namespace fundsim {
namespace {

/// from_chars does not take a leading '+'; YAML does.
std::string_view strip_plus(std::string_view text) {
    if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+') text.remove_prefix(1);
    return text;
}

bool looks_non_finite(std::string_view text) {
    for (std::string_view word : {"nan", "inf", "infinity"}) {
        std::string_view t = text;
        if (!t.empty() && (t.front() == '+' || t.front() == '-')) t.remove_prefix(1);
        if (!t.empty() && t.front() == '.') t.remove_prefix(1);
        if (t.size() != word.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < t.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(t[i])) != word[i]) same = false;
        if (same) return true;
    }
    return false;
}

}  // namespace

ScalarValue<std::int64_t> parse_integer(std::string_view text) {
    ScalarValue<std::int64_t> out;
    const std::string_view t = strip_plus(text);
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec == std::errc::result_out_of_range) {
        out.problem = "is too large";
    } else if (ec == std::errc() && end == t.data() + t.size()) {
        out.value = v;
    } else {
        const ScalarValue<double> d = parse_number(text);
        out.problem = d.value ? "is not a whole number" : d.problem;
    }
    return out;
}

ScalarValue<double> parse_number(std::string_view text) {
    ScalarValue<double> out;
    if (looks_non_finite(text)) {
        out.problem = "is not finite";
        return out;
    }
    const std::string_view t = strip_plus(text);
    double v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v, std::chars_format::general);
    if (ec == std::errc::result_out_of_range) {
        out.problem = "is out of the range of a double";
    } else if (ec != std::errc() || end != t.data() + t.size() || t.empty()) {
        out.problem = "is not a number";
    } else if (!std::isfinite(v)) {
        out.problem = "is not finite";
    } else if (std::fabs(v) > kMaxNumberMagnitude) {
        out.problem = "is larger in magnitude than 1e12 (the limit of every number, so that sums stay finite)";
    } else {
        out.value = v;
    }
    return out;
}

ScalarValue<bool> parse_bool(std::string_view text) {
    ScalarValue<bool> out;
    if (text == "true" || text == "True" || text == "TRUE") out.value = true;
    else if (text == "false" || text == "False" || text == "FALSE") out.value = false;
    else out.problem = "is not true or false";
    return out;
}

std::string format_number(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        return std::to_string(static_cast<long long>(value));
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return ec == std::errc() ? std::string(buf, end) : std::to_string(value);
}

}  // namespace fundsim
