/// `fundsim compare RUN_A RUN_B [--out DIR]` (SPEC §12): every outcome of two
/// runs of the same seed, points and worlds, paired world by world (common
/// random numbers); per government from the trajectory worlds (paired) and
/// from governments.csv (binomial, unpaired). Differences are B − A.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <tuple>

#include "cli/commands.hpp"
#include "output/csv.hpp"
#include "output/paired_difference.hpp"
#include "output/run_tables.hpp"
#include "world/error.hpp"

namespace fundsim {
namespace fs = std::filesystem;

namespace {

/// Rows of worlds.csv per point (in file order), keyed by the point's text.
using PointRows = std::map<long, std::vector<std::size_t>>;

void require_same(const RunTables& a, const RunTables& b, const char* key, const char* what) {
    const auto& va = a.manifest.contains(key) ? a.manifest.at(key) : nlohmann::json();
    const auto& vb = b.manifest.contains(key) ? b.manifest.at(key) : nlohmann::json();
    if (va != vb)
        throw ConfigError("not comparable: different " + std::string(what) + " (" + a.dir.string() + ": " + va.dump() +
                          ", " + b.dir.string() + ": " + vb.dump() + "); compare runs of one seed, worlds, points "
                          "and steps, e.g. the same experiment with one --set changed");
}

void require_same_keys(const NumericTable& a, const NumericTable& b, const RunTables& ra, const RunTables& rb,
                       const char* file, const char* what) {
    if (a.keys == b.keys) return;
    std::size_t i = 0;
    while (i < a.keys.size() && i < b.keys.size() && a.keys[i] == b.keys[i]) ++i;
    auto show = [](const NumericTable& t, std::size_t row) {
        return row < t.keys.size() ? t.keys[row][0] + "/" + t.keys[row][1] : std::string("end of file");
    };
    throw ConfigError("not comparable: " + std::string(file) + " rows differ at data row " + std::to_string(i + 1) +
                      " (" + ra.dir.string() + ": " + show(a, i) + ", " + rb.dir.string() + ": " + show(b, i) +
                      "); the runs must have the same " + what);
}

PointRows rows_per_point(const NumericTable& t) {
    PointRows rows;
    for (std::size_t r = 0; r < t.keys.size(); ++r) rows[std::stol(t.keys[r][0])].push_back(r);
    return rows;
}

std::vector<double> pick(const std::vector<double>& column, const std::vector<std::size_t>& rows) {
    std::vector<double> out;
    out.reserve(rows.size());
    for (std::size_t r : rows) out.push_back(column[r]);
    return out;
}

/// One compared per-world outcome of one point (kept for the summary).
struct WorldRow {
    long point;
    std::string outcome;
    PairedDifference d;
};

std::vector<WorldRow> compare_worlds(const RunTables& a, const RunTables& b, const PointRows& points) {
    std::vector<WorldRow> rows;
    for (const auto& [point, indices] : points) {
        for (std::size_t c = 0; c < a.worlds.columns.size(); ++c) {
            const int cb = b.worlds.column(a.worlds.columns[c]);
            if (cb < 0) continue;
            rows.push_back({point, a.worlds.columns[c],
                            paired_difference(pick(a.worlds.values[c], indices),
                                              pick(b.worlds.values[static_cast<std::size_t>(cb)], indices))});
        }
    }
    return rows;
}

void write_worlds(const fs::path& path, const std::vector<WorldRow>& rows) {
    CsvWriter out(path, {"point", "outcome", "n_a", "n_b", "n_pairs", "mean_a", "mean_b", "mean_diff", "se_diff",
                         "ci95_low", "ci95_high", "se_unpaired", "se_ratio"});
    for (const auto& r : rows) {
        out.integer(r.point).text(r.outcome);
        out.integer(static_cast<std::int64_t>(r.d.n_a)).integer(static_cast<std::int64_t>(r.d.n_b));
        out.integer(static_cast<std::int64_t>(r.d.n_pairs));
        out.number(r.d.mean_a).number(r.d.mean_b).number(r.d.mean_diff).number(r.d.se_diff);
        out.number(r.d.ci_low).number(r.d.ci_high).number(r.d.se_unpaired);
        out.number(r.d.se_diff > 0 ? r.d.se_unpaired / r.d.se_diff : std::nan(""));
        out.end_row();
    }
    out.commit();
}

/// One compared per-government outcome (for the summary and the file).
struct GovernmentRow {
    long point;
    std::string government;
    std::string outcome;
    std::string method;  // paired | binomial | difference
    std::uint64_t n_a, n_b;
    double value_a, value_b, diff, se, ci_low, ci_high;
};

bool is_probability(const std::string& column) {
    return column.rfind("p_", 0) == 0 && column.find("_ci") == std::string::npos;
}

void add_from_governments_csv(const RunTables& a, const RunTables& b, const PointRows& worlds,
                              std::vector<GovernmentRow>& out) {
    const NumericTable& ga = a.governments;
    for (std::size_t r = 0; r < ga.keys.size(); ++r) {
        const long point = std::stol(ga.keys[r][0]);
        const auto it = worlds.find(point);
        const std::uint64_t n = it == worlds.end() ? 0 : it->second.size();
        for (std::size_t c = 0; c < ga.columns.size(); ++c) {
            const int cb = b.governments.column(ga.columns[c]);
            if (cb < 0) continue;
            const double va = ga.values[c][r], vb = b.governments.values[static_cast<std::size_t>(cb)][r];
            GovernmentRow row{point, ga.keys[r][1], ga.columns[c], "difference", n, n, va, vb, vb - va,
                              std::nan(""), std::nan(""), std::nan("")};
            if (is_probability(ga.columns[c])) {
                const ProportionDifference d = proportion_difference(va, n, vb, n);
                row.method = "binomial";
                row.se = d.se;
                row.ci_low = d.ci_low;
                row.ci_high = d.ci_high;
            }
            out.push_back(std::move(row));
        }
    }
}

/// Paired per-government outcomes over the trajectory worlds both runs recorded.
void add_from_trajectories(const RunTables& a, const RunTables& b, std::vector<GovernmentRow>& out) {
    if (a.finals.empty() || b.finals.empty()) return;
    using Key = std::pair<long, std::string>;  // point, government
    std::map<std::tuple<std::string, std::string, std::string>, const FinalGovernmentRow*> in_b;
    for (const auto& f : b.finals) in_b[{f.point, f.world, f.government}] = &f;
    std::map<Key, std::array<std::pair<std::vector<double>, std::vector<double>>, 3>> series;
    for (const auto& f : a.finals) {
        const auto it = in_b.find({f.point, f.world, f.government});
        if (it == in_b.end()) continue;
        auto& s = series[{std::stol(f.point), f.government}];
        const double va[3] = {f.is_member, f.stake, f.revenue_usd_bn};
        const double vb[3] = {it->second->is_member, it->second->stake, it->second->revenue_usd_bn};
        for (int i = 0; i < 3; ++i) {
            s[i].first.push_back(va[i]);
            s[i].second.push_back(vb[i]);
        }
    }
    static const char* names[3] = {"member_final", "stake_final_usd_bn", "revenue_final_usd_bn"};
    for (const auto& [key, s] : series) {
        for (int i = 0; i < 3; ++i) {
            const PairedDifference d = paired_difference(s[i].first, s[i].second);
            out.push_back({key.first, key.second, names[i], "paired", d.n_pairs, d.n_pairs, d.mean_a, d.mean_b,
                           d.mean_diff, d.se_diff, d.ci_low, d.ci_high});
        }
    }
}

void write_governments(const fs::path& path, const std::vector<GovernmentRow>& rows) {
    CsvWriter out(path, {"point", "government", "outcome", "method", "n_a", "n_b", "value_a", "value_b", "diff",
                         "se", "ci95_low", "ci95_high"});
    for (const auto& r : rows) {
        out.integer(r.point).text(r.government).text(r.outcome).text(r.method);
        out.integer(static_cast<std::int64_t>(r.n_a)).integer(static_cast<std::int64_t>(r.n_b));
        out.number(r.value_a).number(r.value_b).number(r.diff).number(r.se).number(r.ci_low).number(r.ci_high);
        out.end_row();
    }
    out.commit();
}

void print_summary(const CompareOptions& o, const RunTables& a, const RunTables& b,
                   const std::vector<WorldRow>& worlds, const std::vector<GovernmentRow>& governments,
                   std::size_t point_count) {
    std::printf("fundsim compare: B = %s minus A = %s, paired world by world (seed %s, %zu point%s x %s worlds, %s steps)\n",
                o.run_b.c_str(), o.run_a.c_str(), a.manifest.at("seed").dump().c_str(), point_count,
                point_count == 1 ? "" : "s", a.manifest.at("worlds").dump().c_str(), a.manifest.at("steps").dump().c_str());
    std::printf("%-28s %11s %11s %11s  %-25s %10s %11s\n", "outcome (point 0)", "mean A", "mean B", "B - A",
                "95% interval (paired)", "se paired", "se unpaired");
    std::size_t differ = 0, total = 0;
    std::vector<double> ratios;
    for (const auto& r : worlds) {
        if (r.d.n_pairs == 0) continue;
        ++total;
        const bool is_different = r.d.ci_low > 0 || r.d.ci_high < 0;
        differ += is_different;
        if (r.d.se_diff > 0 && r.d.se_unpaired > 0) ratios.push_back(r.d.se_unpaired / r.d.se_diff);
        if (r.point != 0 || !is_different) continue;
        char interval[64];
        std::snprintf(interval, sizeof interval, "[%.4g, %.4g]", r.d.ci_low, r.d.ci_high);
        std::printf("%-28s %11.4g %11.4g %11.4g  %-25s %10.3g %11.3g\n", r.outcome.c_str(), r.d.mean_a, r.d.mean_b,
                    r.d.mean_diff, interval, r.d.se_diff, r.d.se_unpaired);
    }
    std::printf("%zu of %zu outcome rows differ (95%% interval excludes 0; only those are listed above)", differ, total);
    if (!ratios.empty()) {
        std::sort(ratios.begin(), ratios.end());
        std::printf("; the paired standard error is %.2gx smaller than the unpaired one (median over %zu outcome rows that vary)",
                    ratios[ratios.size() / 2], ratios.size());
    }
    std::printf("\n");
    std::string only_a;
    for (const auto& column : a.worlds.columns)
        if (b.worlds.column(column) < 0) only_a += " " + column;
    if (!only_a.empty()) std::printf("worlds.csv columns of A only, not compared:%s\n", only_a.c_str());
    std::vector<const GovernmentRow*> moved;
    for (const auto& g : governments)
        if (g.point == 0 && g.outcome == "p_member_final" && (g.ci_low > 0 || g.ci_high < 0)) moved.push_back(&g);
    std::sort(moved.begin(), moved.end(), [](auto* x, auto* y) { return std::fabs(x->diff) > std::fabs(y->diff); });
    std::printf("governments (point 0): %zu with P(member at end) changed (binomial 95%% interval from governments.csv, "
                "unpaired; paired per-government rows over the trajectory worlds are in compare_governments.csv)\n",
                moved.size());
    for (std::size_t i = 0; i < moved.size() && i < 8; ++i)
        std::printf("  %-10s %.3f -> %.3f  %+.3f [%+.3f, %+.3f]\n", moved[i]->government.c_str(), moved[i]->value_a,
                    moved[i]->value_b, moved[i]->diff, moved[i]->ci_low, moved[i]->ci_high);
}

}  // namespace

int compare_command(const CompareOptions& o) {
    const RunTables a = read_run_tables(o.run_a);
    const RunTables b = read_run_tables(o.run_b);
    require_same(a, b, "seed", "seed");
    require_same(a, b, "points", "number of points");
    require_same(a, b, "worlds", "worlds per point");
    require_same(a, b, "worlds_total", "total worlds");
    require_same(a, b, "steps", "steps");
    require_same_keys(a.worlds, b.worlds, a, b, "worlds.csv", "points and worlds");
    require_same_keys(a.governments, b.governments, a, b, "governments.csv", "government ids in the same order");
    const PointRows points = rows_per_point(a.worlds);
    const auto worlds = compare_worlds(a, b, points);
    std::vector<GovernmentRow> governments;
    add_from_trajectories(a, b, governments);
    add_from_governments_csv(a, b, points, governments);
    if (!o.out.empty()) {
        std::error_code ec;
        for (const std::string& run : {o.run_a, o.run_b})
            if (fs::equivalent(o.out, run, ec))
                throw ConfigError(o.out + ": --out is one of the compared run folders; write the comparison elsewhere");
        fs::create_directories(o.out, ec);
        if (ec) throw IoError(o.out + ": cannot create folder: " + ec.message());
        write_worlds(fs::path(o.out) / "compare_worlds.csv", worlds);
        write_governments(fs::path(o.out) / "compare_governments.csv", governments);
    }
    if (o.is_quiet) return 0;
    print_summary(o, a, b, worlds, governments, points.size());
    if (!o.out.empty()) std::printf("wrote %s/compare_worlds.csv and compare_governments.csv\n", o.out.c_str());
    return 0;
}

}  // namespace fundsim
