#include "engine/plan.hpp"

#include <boost/crc.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <type_traits>

#include "world/error.hpp"

namespace fundsim {

namespace {

/// Numbers the point's blocks after those already planned and appends it.
void append_point(RunPlan& plan, PointPlan point) {
    point.first_block = plan.total_blocks;
    point.block_count = (point.worlds + kBlockWorlds - 1) / kBlockWorlds;
    plan.total_blocks += point.block_count;
    plan.total_worlds += point.worlds;
    plan.points.push_back(std::move(point));
}

}  // namespace

using Json = nlohmann::json;

std::uint32_t PointPlan::worlds_in_block(std::uint32_t b) const {
    const std::uint64_t first = std::uint64_t{b} * kBlockWorlds;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(kBlockWorlds, worlds - first));
}

RunPlan RunPlan::make(std::uint64_t hash, const SweepSpec& sweep,
                      const std::vector<std::vector<Override>>& overrides,
                      const std::vector<const Experiment*>& experiments) {
    RunPlan plan;
    plan.experiment_hash = hash;
    plan.seed = experiments.empty() ? 0 : experiments.front()->seed;
    for (const auto& p : sweep.parameters) plan.parameters.push_back(p.path);
    if (sweep.design == SweepDesign::saltelli) plan.saltelli_samples = static_cast<std::uint32_t>(sweep.samples);
    if (!experiments.empty()) plan.result_format = experiments.front()->output_format;
    for (std::size_t i = 0; i < experiments.size(); ++i) {
        const Experiment& e = *experiments[i];
        PointPlan point;
        point.overrides = overrides[i];
        point.worlds = static_cast<std::uint32_t>(e.worlds);
        point.steps = e.steps;
        point.trajectories = static_cast<std::uint32_t>(std::max(0, e.trajectories));
        for (const auto& g : e.governments) point.government_ids.push_back(g.id);
        append_point(plan, std::move(point));
    }
    return plan;
}

BlockKey RunPlan::key_of(std::uint64_t global_block) const {
    // Points are few compared with blocks; a binary search over first_block.
    const auto it = std::upper_bound(points.begin(), points.end(), global_block,
                                     [](std::uint64_t g, const PointPlan& p) { return g < p.first_block; });
    const auto point = static_cast<std::uint32_t>(std::distance(points.begin(), it) - 1);
    return {point, static_cast<std::uint32_t>(global_block - points[point].first_block)};
}

std::uint64_t RunPlan::global_index(BlockKey key) const {
    if (key.point >= points.size() || key.block >= points[key.point].block_count)
        throw IoError("block p" + std::to_string(key.point) + "_b" + std::to_string(key.block) +
                      " is not part of this experiment's plan");
    return points[key.point].first_block + key.block;
}

std::string RunPlan::to_json() const {
    Json j;
    j["format"] = kBlockFormatVersion;
    j["block_worlds"] = kBlockWorlds;
    j["experiment_hash"] = hash_hex(experiment_hash);
    j["seed"] = seed;
    j["parameters"] = parameters;
    if (saltelli_samples > 0) j["saltelli_samples"] = saltelli_samples;
    if (result_format != "csv") j["result_format"] = result_format;  // csv plans keep their old bytes
    j["points"] = Json::array();
    for (const auto& p : points) {
        Json values = Json::array();
        for (const auto& o : p.overrides) values.push_back({o.path, o.value});
        j["points"].push_back({{"overrides", values},
                               {"worlds", p.worlds},
                               {"steps", p.steps},
                               {"trajectories", p.trajectories},
                               {"governments", p.government_ids}});
    }
    return j.dump(1) + "\n";
}

RunPlan RunPlan::from_json(const std::string& text, const std::string& where) {
    try {
        const Json j = Json::parse(text);
        if (j.at("format").get<std::uint32_t>() != kBlockFormatVersion ||
            j.at("block_worlds").get<std::uint32_t>() != kBlockWorlds)
            throw IoError(where + ": written by a fundsim with another block format");
        RunPlan plan;
        plan.experiment_hash = std::stoull(j.at("experiment_hash").get<std::string>(), nullptr, 16);
        plan.seed = j.at("seed").get<std::uint64_t>();
        plan.parameters = j.at("parameters").get<std::vector<std::string>>();
        plan.saltelli_samples = j.value("saltelli_samples", std::uint32_t{0});
        plan.result_format = j.value("result_format", std::string("csv"));
        for (const auto& p : j.at("points")) {
            PointPlan point;
            for (const auto& o : p.at("overrides"))
                point.overrides.push_back({o.at(0).get<std::string>(), o.at(1).get<std::string>()});
            point.worlds = p.at("worlds").get<std::uint32_t>();
            point.steps = p.at("steps").get<int>();
            point.trajectories = p.at("trajectories").get<std::uint32_t>();
            point.government_ids = p.at("governments").get<std::vector<std::string>>();
            append_point(plan, std::move(point));
        }
        return plan;
    } catch (const Json::exception& e) {
        throw IoError(where + ": not a fundsim run plan (" + e.what() + ")");
    } catch (const std::logic_error&) {
        throw IoError(where + ": not a fundsim run plan (bad experiment_hash)");
    }
}

namespace {

using Crc64 = boost::crc_optimal<64, 0x42F0E1EBA9EA3693ull, ~0ull, ~0ull, true, true>;  // CRC-64/XZ

template <class T>
void hash_value(Crc64& crc, const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    crc.process_bytes(&value, sizeof value);
}

void hash_text(Crc64& crc, const std::string& text) {
    hash_value(crc, text.size());
    crc.process_bytes(text.data(), text.size());
}

/// The data an experiment reads from files, which its JSON names only by path.
void hash_data(Crc64& crc, const Experiment& e) {
    for (const auto& g : e.governments) {
        hash_text(crc, g.id), hash_text(crc, g.name);
        for (double v : {g.gdp_usd_bn, g.fiscal_capacity_gdp_share, g.stake_gdp_share, g.risk_aversion,
                         g.political_volatility, g.alliance, g.threshold.value_or(-1.0)})
            hash_value(crc, v);
    }
    for (const auto& f : e.trade_flows) hash_value(crc, f.exporter), hash_value(crc, f.importer), hash_value(crc, f.value_usd_bn);
    for (const auto& t : e.network.ties) hash_value(crc, t.a), hash_value(crc, t.b), hash_value(crc, t.weight);
}

}  // namespace

std::uint64_t experiment_hash(const std::string& resolved_json, const Experiment& data) {
    Json j;
    try {
        j = Json::parse(resolved_json);
    } catch (const Json::exception& e) {
        throw IoError(std::string("resolved experiment is not JSON: ") + e.what());
    }
    if (j.is_object() && j.contains("experiment") && j["experiment"].is_object() &&
        j["experiment"].contains("output") && j["experiment"]["output"].is_object())
        j["experiment"]["output"].erase("dir");
    const std::string canonical = j.dump() + "|format=" + std::to_string(kBlockFormatVersion) +
                                  "|block_worlds=" + std::to_string(kBlockWorlds);
    Crc64 crc;
    crc.process_bytes(canonical.data(), canonical.size());
    hash_data(crc, data);
    return crc.checksum();
}

std::string hash_hex(std::uint64_t hash) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
    return buf;
}

}  // namespace fundsim
