#include "engine/shard.hpp"

#include <charconv>
#include <cstdlib>

#include "world/error.hpp"

namespace fundsim {
namespace {

bool parse_u32(std::string_view text, std::uint32_t& value) {
    const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && r.ec == std::errc() && r.ptr == text.data() + text.size();
}

std::optional<std::uint32_t> env_number(const char* name) {
    const char* text = std::getenv(name);
    if (text == nullptr) return std::nullopt;
    std::uint32_t value = 0;
    if (!parse_u32(text, value))
        throw ConfigError(std::string(name) + "=" + text + ": expected a non-negative integer");
    return value;
}

}  // namespace

Shard parse_shard(const std::string& text, const std::string& source) {
    const auto slash = text.find('/');
    Shard shard;
    if (slash == std::string::npos || !parse_u32(std::string_view(text).substr(0, slash), shard.index) ||
        !parse_u32(std::string_view(text).substr(slash + 1), shard.count) || shard.count == 0 ||
        shard.index == 0 || shard.index > shard.count)
        throw ConfigError(source + " " + text + ": expected I/N with 1 <= I <= N, e.g. --shard 2/8");
    return shard;
}

std::optional<Shard> shard_from_slurm() {
    const auto id = env_number("SLURM_ARRAY_TASK_ID");
    if (!id) return std::nullopt;
    const auto count = env_number("SLURM_ARRAY_TASK_COUNT");
    const std::uint32_t first = env_number("SLURM_ARRAY_TASK_MIN").value_or(0);
    if (!count)
        throw ConfigError("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; pass --shard I/N");
    if (*id < first)
        throw ConfigError("SLURM_ARRAY_TASK_ID is below SLURM_ARRAY_TASK_MIN; pass --shard I/N");
    const std::string text = std::to_string(*id - first + 1) + "/" + std::to_string(*count);
    return parse_shard(text, "SLURM job array (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1 / COUNT)");
}

}  // namespace fundsim
