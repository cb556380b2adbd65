#include "output/result_files.hpp"

#include <cmath>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/world_columns.hpp"
#include "output/government_columns.hpp"
#include "output/paired_difference.hpp"
#include "world/join_channel.hpp"
#include "world/metrics.hpp"

namespace fundsim {
namespace fs = std::filesystem;

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

std::vector<std::string> worlds_header() {
    std::vector<std::string> header{"point", "world"};
    for (const auto& column : kWorldColumns) header.emplace_back(column.name);
    return header;
}

std::vector<std::string> points_header(const RunPlan& plan) {
    std::vector<std::string> header{"point"};
    header.insert(header.end(), plan.parameters.begin(), plan.parameters.end());
    return header;
}

std::vector<std::string> governments_header() {
    std::vector<std::string> header;
    for (const auto& [name, meaning] : governments_columns()) header.push_back(name);
    return header;
}

double ratio(double sum, std::uint64_t n) { return n == 0 ? kMissing : sum / static_cast<double>(n); }

}  // namespace

ResultFiles::ResultFiles(const fs::path& dir, const RunPlan& plan) {
    const nlohmann::json attributes = {{"fundsim_version", FUNDSIM_VERSION},
                                       {"experiment_hash", hash_hex(plan.experiment_hash)},
                                       {"seed", std::to_string(plan.seed)}};
    set_ = make_table_set(plan.result_format, dir, attributes.dump());
    points_ = set_->open("points", points_header(plan));
    worlds_ = set_->open("worlds", worlds_header());
    series_ = set_->open("series", {"point", "step", "metric", "n", "mean", "sd", "min", "p05", "p25", "p50", "p75",
                                    "p95", "max"});
    governments_ = set_->open("governments", governments_header());
    trajectories_ = set_->open("trajectories", {"point", "world", "step", "government", "status", "stake",
                                                "tariff_faced", "revenue_usd_bn"});
    for (std::size_t p = 0; p < plan.points.size(); ++p) {
        points_->integer(static_cast<std::int64_t>(p));
        // Every point lists the swept parameters in the same order (sweep order).
        for (const auto& o : plan.points[p].overrides) points_->text(o.value);
        points_->end_row();
    }
}

void ResultFiles::add_block(const PointPlan& point, const Block& block) {
    for (std::uint32_t w = 0; w < block.world_count; ++w) {
        worlds_->integer(block.key.point).integer(static_cast<std::int64_t>(block.first_world + w));
        const double* row = block.row(w);
        for (int c = 0; c < kWorldColumnCount; ++c) {
            const WorldColumn& column = kWorldColumns[c];
            if (column.is_missing_if_negative && row[c] < 0) worlds_->empty();
            else if (column.is_integer) worlds_->count(row[c]);
            else worlds_->number(row[c]);
        }
        worlds_->end_row();
    }
    for (const auto& t : block.trajectory) {
        trajectories_->integer(block.key.point).integer(static_cast<std::int64_t>(t.world)).integer(t.row.step);
        trajectories_->text(point.government_ids.at(static_cast<std::size_t>(t.row.government)));
        trajectories_->text(status_name(t.row.status));
        trajectories_->number(t.row.stake_usd_bn).number(t.row.tariff_faced).number(t.row.revenue_usd_bn);
        trajectories_->end_row();
    }
}

void ResultFiles::end_point(std::uint32_t point_index, const PointPlan& point, const SeriesStats& series,
                            const std::vector<GovernmentSums>& governments) {
    for (int step = 0; step <= point.steps; ++step) {
        for (int m = 0; m < kMetricCount; ++m) {
            const CellStats s = series.cell(step, m);
            series_->integer(point_index).integer(step).text(kMetricNames[m]);
            series_->integer(static_cast<std::int64_t>(s.n)).number(s.mean).number(s.sd).number(s.min);
            for (double q : s.quantiles) series_->number(q);
            series_->number(s.max);
            series_->end_row();
        }
    }
    const std::uint64_t n = point.worlds;
    for (std::size_t g = 0; g < governments.size(); ++g) {
        const GovernmentSums& s = governments[g];
        governments_->integer(point_index).text(point.government_ids[g]);
        governments_->number(ratio(s.members_final, n)).number(ratio(s.joined, n));
        governments_->number(ratio(static_cast<double>(s.join_step_sum), s.joined));
        governments_->number(ratio(s.stake_usd_bn, n)).number(ratio(s.revenue_usd_bn, n));
        governments_->number(ratio(s.counterfactual_usd_bn, n));
        governments_->number(ratio(s.deals, n)).number(ratio(s.exited, n)).number(ratio(s.founders, n));
        governments_->number(ratio(s.tariff_faced, n));
        governments_->number(ratio(s.committed, n)).number(ratio(s.committed_usd_bn, n));
        const ProportionInterval member = wilson_interval_95(s.members_final, n);
        const ProportionInterval joined = wilson_interval_95(s.joined, n);
        governments_->number(member.low).number(member.high).number(joined.low).number(joined.high);
        governments_->number(s.first_join_mean());
        for (double q : {0.05, 0.5, 0.95}) governments_->number(s.first_join_quantile(q));
        std::uint64_t joins = 0;
        for (std::uint64_t c : s.channel_joins) joins += c;
        for (std::uint64_t c : s.channel_joins) governments_->number(ratio(static_cast<double>(c), joins));
        for (double u : s.utility_at_join) governments_->number(ratio(u, s.logit_joins));
        governments_->end_row();
    }
}

void ResultFiles::commit() {
    for (auto* writer : {points_.get(), worlds_.get(), series_.get(), governments_.get(), trajectories_.get()})
        writer->commit();
    set_->commit();
}

}  // namespace fundsim
