#include "output/manifest.hpp"

#include <chrono>
#include <ctime>

#include "engine/block_store.hpp"
#include "output/series_stats.hpp"
#include "world/error.hpp"

namespace fundsim {
namespace fs = std::filesystem;
using Json = nlohmann::json;

nlohmann::json manifest_for(const RunPlan& plan, const std::string& experiment_json) {
    Json m;
    m["fundsim_version"] = FUNDSIM_VERSION;
    m["status"] = "partial";
    m["experiment_hash"] = hash_hex(plan.experiment_hash);
    m["seed"] = plan.seed;
    m["points"] = plan.points.size();
    m["worlds"] = plan.points.empty() ? 0 : plan.points.front().worlds;
    m["worlds_total"] = plan.total_worlds;
    m["steps"] = plan.points.empty() ? 0 : plan.points.front().steps;
    m["block_worlds"] = kBlockWorlds;
    m["blocks_total"] = plan.total_blocks;
    m["shard"] = nullptr;
    try {
        m["experiment"] = Json::parse(experiment_json);
    } catch (const Json::exception& e) {
        throw IoError(std::string("resolved experiment is not JSON: ") + e.what());
    }
    return m;
}

void set_government_names(nlohmann::json& manifest, const Experiment& experiment) {
    Json names = Json::object();
    for (const GovernmentSpec& g : experiment.governments)
        if (!g.name.empty() && g.name != g.id) names[g.id] = g.name;
    manifest["government_names"] = std::move(names);
}

void set_quantile_method(nlohmann::json& manifest, const RunSummary& summary) {
    std::string method;
    if (summary.has_exact_quantiles) method = SeriesStats::method_name(true);
    if (summary.has_p2_quantiles)
        method += (method.empty() ? "" : " (points up to the limit); ") +
                  std::string(SeriesStats::method_name(false));
    manifest["quantiles"] = {{"exact_up_to_values", kExactQuantileValues}, {"method", method}};
}

void write_manifest(const fs::path& dir, const nlohmann::json& manifest) {
    write_file_durably(dir / "manifest.json", manifest.dump(2) + "\n");
}

nlohmann::json read_manifest(const fs::path& dir) {
    const fs::path path = dir / "manifest.json";
    try {
        return Json::parse(read_file(path));
    } catch (const Json::exception& e) {
        throw IoError(path.string() + ": not a fundsim manifest (" + e.what() + ")");
    }
}

std::string utc_timestamp() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

}  // namespace fundsim
