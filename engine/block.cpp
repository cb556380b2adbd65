#include "engine/block.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "engine/crc32.hpp"
#include "engine/world_columns.hpp"
#include "world/error.hpp"

namespace fundsim {

static_assert(std::endian::native == std::endian::little, "block files are little-endian");

namespace {

constexpr char kHeaderMagic[8] = {'F', 'S', 'B', 'L', 'O', 'C', 'K', '1'};
constexpr char kTrailerMagic[8] = {'F', 'S', 'B', 'L', 'K', 'E', 'N', 'D'};
constexpr std::size_t kTrailerSize = 8 + 4 + 8;  // length, crc, magic

class Writer {
public:
    template <class T>
    void put(const T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        bytes_.append(reinterpret_cast<const char*>(&value), sizeof(T));
    }
    void put_doubles(const std::vector<double>& values) {
        bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double));
    }
    std::string& bytes() { return bytes_; }

private:
    std::string bytes_;
};

class Reader {
public:
    Reader(std::string_view bytes, const std::string& where) : bytes_(bytes), where_(where) {}
    template <class T>
    T get() {
        T value;
        std::memcpy(&value, take(sizeof(T)), sizeof(T));
        return value;
    }
    void get_doubles(std::vector<double>& values, std::size_t count) {
        if (count > (bytes_.size() - pos_) / sizeof(double)) truncated();
        values.resize(count);
        std::memcpy(values.data(), take(count * sizeof(double)), count * sizeof(double));
    }
    std::size_t remaining() const { return bytes_.size() - pos_; }
    [[noreturn]] void truncated() const {
        throw IoError(where_ + ": block file is truncated or damaged; run again with --resume to recompute it");
    }

private:
    const char* take(std::size_t n) {
        if (n > bytes_.size() - pos_) truncated();
        const char* p = bytes_.data() + pos_;
        pos_ += n;
        return p;
    }
    std::string_view bytes_;
    const std::string& where_;
    std::size_t pos_ = 0;
};

void put_government(Writer& w, const GovernmentSums& g) {
    w.put(g.members_final), w.put(g.joined), w.put(g.deals), w.put(g.exited), w.put(g.founders);
    w.put(g.join_step_sum);
    w.put(g.stake_usd_bn), w.put(g.revenue_usd_bn), w.put(g.counterfactual_usd_bn), w.put(g.tariff_faced);
    w.put(g.committed), w.put(g.committed_usd_bn);
    for (std::uint64_t c : g.channel_joins) w.put(c);
    w.put(g.logit_joins);
    for (double u : g.utility_at_join) w.put(u);
    w.put(static_cast<std::uint32_t>(g.first_join_steps.size()));
    for (const auto& [step, worlds] : g.first_join_steps) w.put(step), w.put(worlds);
}

GovernmentSums get_government(Reader& r) {
    GovernmentSums g;
    g.members_final = r.get<std::uint32_t>(), g.joined = r.get<std::uint32_t>();
    g.deals = r.get<std::uint32_t>(), g.exited = r.get<std::uint32_t>(), g.founders = r.get<std::uint32_t>();
    g.join_step_sum = r.get<std::int64_t>();
    g.stake_usd_bn = r.get<double>(), g.revenue_usd_bn = r.get<double>();
    g.counterfactual_usd_bn = r.get<double>(), g.tariff_faced = r.get<double>();
    g.committed = r.get<std::uint32_t>(), g.committed_usd_bn = r.get<double>();
    for (std::uint64_t& c : g.channel_joins) c = r.get<std::uint64_t>();
    g.logit_joins = r.get<std::uint64_t>();
    for (double& u : g.utility_at_join) u = r.get<double>();
    const auto steps = r.get<std::uint32_t>();
    if (steps > 100000) throw IoError("block file: first-join histogram is damaged; run again with --resume to recompute it");
    g.first_join_steps.resize(steps);
    for (auto& [step, worlds] : g.first_join_steps) step = r.get<std::uint32_t>(), worlds = r.get<std::uint32_t>();
    return g;
}

void put_trajectory_row(Writer& w, const BlockTrajectoryRow& t) {
    w.put(t.world), w.put(static_cast<std::int32_t>(t.row.step)), w.put(t.row.government);
    w.put(static_cast<std::uint8_t>(t.row.status));
    w.put(t.row.stake_usd_bn), w.put(t.row.tariff_faced), w.put(t.row.revenue_usd_bn);
}

BlockTrajectoryRow get_trajectory_row(Reader& r) {
    BlockTrajectoryRow t;
    t.world = r.get<std::uint64_t>();
    t.row.step = r.get<std::int32_t>();
    t.row.government = r.get<std::int32_t>();
    t.row.status = static_cast<Status>(r.get<std::uint8_t>());
    t.row.stake_usd_bn = r.get<double>(), t.row.tariff_faced = r.get<double>();
    t.row.revenue_usd_bn = r.get<double>();
    return t;
}

/// Checks magic, hash and key; returns false on any mismatch.
bool header_matches(Reader& r, std::uint64_t experiment_hash, BlockKey expected) {
    char magic[8];
    for (char& c : magic) c = r.get<char>();
    if (std::memcmp(magic, kHeaderMagic, 8) != 0) return false;
    if (r.get<std::uint32_t>() != kBlockFormatVersion) return false;
    if (r.get<std::uint64_t>() != experiment_hash) return false;
    const BlockKey key{r.get<std::uint32_t>(), r.get<std::uint32_t>()};
    return key == expected;
}

}  // namespace

namespace {

/// Adds `worlds` first joins at `step` to a sorted sparse histogram.
void add_first_join(std::vector<std::pair<std::uint32_t, std::uint32_t>>& hist, std::uint32_t step, std::uint32_t worlds) {
    auto it = std::lower_bound(hist.begin(), hist.end(), step, [](const auto& e, std::uint32_t s) { return e.first < s; });
    if (it != hist.end() && it->first == step) it->second += worlds;
    else hist.insert(it, {step, worlds});
}

}  // namespace

double GovernmentSums::first_join_mean() const {
    double sum = 0, n = 0;
    for (const auto& [step, worlds] : first_join_steps) sum += static_cast<double>(step) * worlds, n += worlds;
    return n > 0 ? sum / n : std::numeric_limits<double>::quiet_NaN();
}

double GovernmentSums::first_join_quantile(double q) const {
    std::uint64_t n = 0;
    for (const auto& e : first_join_steps) n += e.second;
    if (n == 0) return std::numeric_limits<double>::quiet_NaN();
    // order statistic k (0-based) of the sorted sample
    auto at = [this](std::uint64_t k) {
        for (const auto& [step, worlds] : first_join_steps) {
            if (k < worlds) return static_cast<double>(step);
            k -= worlds;
        }
        return static_cast<double>(first_join_steps.back().first);
    };
    const double h = q * static_cast<double>(n - 1);
    const auto lo = static_cast<std::uint64_t>(std::floor(h));
    const double below = at(lo), above = at(std::min(lo + 1, n - 1));
    return below + (h - static_cast<double>(lo)) * (above - below);
}

void GovernmentSums::add(const GovernmentFinal& g) {
    members_final += g.status == Status::member;
    exited += g.status == Status::exited;
    founders += g.is_founder;
    deals += g.closed_deal;
    if (g.join_step >= 0) {
        ++joined;
        join_step_sum += g.join_step;
    }
    stake_usd_bn += g.stake_usd_bn;
    revenue_usd_bn += g.revenue_usd_bn;
    counterfactual_usd_bn += g.counterfactual_usd_bn;
    tariff_faced += g.tariff_faced;
    committed += g.committed_usd_bn > 0;
    committed_usd_bn += g.committed_usd_bn;
    for (int c = 0; c < kJoinChannelCount; ++c) channel_joins[static_cast<std::size_t>(c)] += g.joins_by_channel[static_cast<std::size_t>(c)];
    logit_joins += static_cast<std::uint64_t>(g.logit_joins);
    for (int k = 0; k < kUtilityTermCount; ++k) utility_at_join[static_cast<std::size_t>(k)] += g.utility_at_join[static_cast<std::size_t>(k)];
    if (g.first_join_step >= 0) add_first_join(first_join_steps, static_cast<std::uint32_t>(g.first_join_step), 1);
}

void GovernmentSums::add(const GovernmentSums& o) {
    members_final += o.members_final, joined += o.joined, deals += o.deals;
    exited += o.exited, founders += o.founders, join_step_sum += o.join_step_sum;
    stake_usd_bn += o.stake_usd_bn, revenue_usd_bn += o.revenue_usd_bn;
    counterfactual_usd_bn += o.counterfactual_usd_bn, tariff_faced += o.tariff_faced;
    committed += o.committed, committed_usd_bn += o.committed_usd_bn;
    for (int c = 0; c < kJoinChannelCount; ++c) channel_joins[static_cast<std::size_t>(c)] += o.channel_joins[static_cast<std::size_t>(c)];
    logit_joins += o.logit_joins;
    for (int k = 0; k < kUtilityTermCount; ++k) utility_at_join[static_cast<std::size_t>(k)] += o.utility_at_join[static_cast<std::size_t>(k)];
    for (const auto& [step, worlds] : o.first_join_steps) add_first_join(first_join_steps, step, worlds);
}

std::size_t Block::series_stride() const { return static_cast<std::size_t>(steps + 1) * kMetricCount; }
const double* Block::row(std::uint32_t w) const { return rows.data() + std::size_t{w} * kWorldColumnCount; }
const double* Block::series_of(std::uint32_t w) const { return series.data() + w * series_stride(); }

std::string encode_block(const Block& b, std::uint64_t experiment_hash) {
    Writer w;
    for (char c : kHeaderMagic) w.put(c);
    w.put(kBlockFormatVersion), w.put(experiment_hash), w.put(b.key.point), w.put(b.key.block);
    w.put(b.first_world), w.put(b.world_count), w.put(static_cast<std::uint32_t>(b.steps));
    w.put(static_cast<std::uint32_t>(kMetricCount)), w.put(static_cast<std::uint32_t>(kWorldColumnCount));
    w.put(static_cast<std::uint32_t>(b.governments.size()));
    w.put_doubles(b.rows);
    w.put_doubles(b.series);
    w.put(static_cast<std::uint64_t>(b.trajectory.size()));
    for (const auto& t : b.trajectory) put_trajectory_row(w, t);
    for (const auto& g : b.governments) put_government(w, g);
    const std::uint64_t length = w.bytes().size();
    const std::uint32_t crc = crc32(w.bytes());
    w.put(length), w.put(crc);
    for (char c : kTrailerMagic) w.put(c);
    return std::move(w.bytes());
}

bool is_valid_block(std::string_view bytes, std::uint64_t experiment_hash, BlockKey expected) {
    if (bytes.size() < kTrailerSize + sizeof kHeaderMagic) return false;
    const std::string_view body = bytes.substr(0, bytes.size() - kTrailerSize);
    const char* trailer = bytes.data() + body.size();
    std::uint64_t length;
    std::uint32_t crc;
    std::memcpy(&length, trailer, 8);
    std::memcpy(&crc, trailer + 8, 4);
    if (std::memcmp(trailer + 12, kTrailerMagic, 8) != 0 || length != body.size()) return false;
    if (crc != crc32(body)) return false;
    try {
        const std::string where;
        Reader r(body, where);
        return header_matches(r, experiment_hash, expected);
    } catch (const IoError&) {
        return false;
    }
}

Block decode_block(std::string_view bytes, std::uint64_t experiment_hash, BlockKey expected,
                   const std::string& where) {
    if (!is_valid_block(bytes, experiment_hash, expected))
        throw IoError(where + ": not a complete block of this experiment (truncated, damaged or from "
                              "another run); run again with --resume to recompute it");
    Reader r(bytes.substr(0, bytes.size() - kTrailerSize), where);
    header_matches(r, experiment_hash, expected);
    Block b;
    b.key = expected;
    b.first_world = r.get<std::uint64_t>();
    b.world_count = r.get<std::uint32_t>();
    b.steps = static_cast<int>(r.get<std::uint32_t>());
    if (r.get<std::uint32_t>() != kMetricCount || r.get<std::uint32_t>() != kWorldColumnCount)
        throw IoError(where + ": block written by a fundsim with other metrics; rerun with --force");
    const auto governments = r.get<std::uint32_t>();
    r.get_doubles(b.rows, std::size_t{b.world_count} * kWorldColumnCount);
    r.get_doubles(b.series, b.world_count * b.series_stride());
    const auto rows = r.get<std::uint64_t>();
    if (rows > r.remaining()) r.truncated();
    b.trajectory.reserve(rows);
    for (std::uint64_t i = 0; i < rows; ++i) b.trajectory.push_back(get_trajectory_row(r));
    b.governments.reserve(governments);
    for (std::uint32_t g = 0; g < governments; ++g) b.governments.push_back(get_government(r));
    if (r.remaining() != 0) r.truncated();
    return b;
}

}  // namespace fundsim
