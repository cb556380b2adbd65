// calibration: the fitted parameters (their paths and ranges were checked
// against the table by schema_check.cpp), the targets with their
// observations (inline or from a CSV file), and the ABC-SMC settings.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "experiment/build_context.hpp"
#include "experiment/calibration_spec.hpp"
#include "experiment/scalar_text.hpp"
#include "experiment/schema.hpp"
#include "world/metrics.hpp"

namespace fundsim {

const std::vector<std::string>& calibration_government_columns() {
    static const std::vector<std::string> columns{"p_member_final", "p_joined", "mean_join_step", "mean_stake_usd_bn",
                                                  "mean_revenue_usd_bn", "p_deal", "p_exited", "mean_tariff_faced_final"};
    return columns;
}

namespace build {
namespace {

std::vector<std::string> metric_names() {
    return {kMetricNames.begin(), kMetricNames.end()};
}

std::string listed(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

/// The CSV named by a target's from_csv, relative to the file that wrote it.
CsvTable read_target_csv(const ConfigNode& node, const std::string& shown, const std::string& experiment_file) {
    const bool from_file = node.pos.origin && node.pos.line > 0;
    const std::filesystem::path base = from_file ? std::filesystem::path(*node.pos.origin).parent_path()
                                                 : std::filesystem::path(experiment_file).parent_path();
    const std::filesystem::path given(node.scalar);
    const std::filesystem::path full = given.is_absolute() ? given : base / given;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(full, ec))
        throw config_error(node.pos, shown, "cannot read '" + node.scalar + "' (looked for " + full.string() +
                                                "); expected an existing CSV file, relative to the experiment file's folder");
    return read_csv_file(full.string(), shown);
}

double cell_number(const CsvTable& csv, const CsvCell& cell) {
    const auto v = parse_number(cell.text);
    if (!v.value) throw csv.error(cell, "'" + cell.text + "' " + v.problem + "; expected a number");
    return *v.value;
}

int cell_step(const CsvTable& csv, const CsvCell& cell, int steps) {
    const auto v = parse_integer(cell.text);
    if (!v.value || *v.value < 0 || *v.value > steps)
        throw csv.error(cell, "'" + cell.text + "' is not a step; expected a whole number in 0 .. " + std::to_string(steps));
    return static_cast<int>(*v.value);
}

void read_observations(const MapView& t, CalibrationTarget& target, const Experiment& ex, const GovIds& ids) {
    const bool is_series = target.source == TargetSource::series;
    const char* key = is_series ? "at" : "government";
    if (const ConfigNode* file = t.get("from_csv")) {
        if (t.has(key) || t.has("value"))
            throw t.error("from_csv", std::string("from_csv with ") + key + "/value; expected one of them");
        const CsvTable csv = read_target_csv(*file, t.path("from_csv"), ex.file);
        const char* first = is_series ? "step" : "government";
        const int k = csv.column(first), v = csv.column("value");
        if (k < 0 || v < 0)
            throw t.error("from_csv", "'" + file->scalar + "' lacks a column '" + (k < 0 ? first : "value") +
                                          "'; expected a header " + first + ",value");
        for (const auto& row : csv.rows) {
            CalibrationObservation o;
            if (is_series) {
                o.step = cell_step(csv, row[static_cast<std::size_t>(k)], ex.steps);
            } else {
                o.government = ids.find(row[static_cast<std::size_t>(k)].text);
                if (o.government == kNoGovernment)
                    throw csv.error(row[static_cast<std::size_t>(k)], "'" + row[static_cast<std::size_t>(k)].text +
                                                                          "' is not a government of the experiment; expected a known id");
            }
            o.value = cell_number(csv, row[static_cast<std::size_t>(v)]);
            target.observations.push_back(o);
        }
        if (target.observations.empty()) throw t.error("from_csv", "'" + file->scalar + "' has no rows; expected observations");
        return;
    }
    if (!t.has(key) || !t.has("value"))
        throw t.error_here(std::string("no observations; expected ") + key + " and value, or from_csv");
    CalibrationObservation o;
    if (is_series) {
        o.step = t.integer("at");
        if (o.step > ex.steps)
            throw t.error("at", "step " + std::to_string(o.step) + " is after the run's end; expected 0 .. " + std::to_string(ex.steps));
    } else {
        o.government = ids.resolve(*t.get("government"), t.path("government"));
    }
    o.value = t.number("value");
    target.observations.push_back(o);
}

CalibrationTarget build_target(const MapView& t, const Experiment& ex, const GovIds& ids) {
    CalibrationTarget target;
    if (t.has("metric") == t.has("column")) throw t.error_here("give exactly one of metric, column");
    if (t.has("metric")) {
        const auto names = metric_names();
        target.name = t.text("metric");
        std::size_t m = 0;
        while (m < names.size() && names[m] != target.name) ++m;
        if (m == names.size()) {
            const std::string hint = closest_match(target.name, names);
            throw t.error("metric", "'" + target.name + "' is not a series metric" +
                                        (hint.empty() ? "" : " (did you mean '" + hint + "'?)") + "; expected one of " + listed(names));
        }
        target.metric = static_cast<int>(m);
    } else {
        target.source = TargetSource::governments;
        target.column = target.name = t.text("column");
        const auto& columns = calibration_government_columns();
        if (std::find(columns.begin(), columns.end(), target.column) == columns.end())
            throw t.error("column", "'" + target.column + "' is not a governments.csv column a target can match; expected one of " +
                                        listed(columns));
    }
    target.weight = t.number("weight");
    read_observations(t, target, ex, ids);
    double sum_squares = 0;
    for (const auto& o : target.observations) sum_squares += o.value * o.value;
    const double rms = std::sqrt(sum_squares / static_cast<double>(target.observations.size()));
    target.scale = rms > 0 ? rms : 1.0;
    return target;
}

}  // namespace

void build_calibration(const MapView& calibration, Experiment& ex, const GovIds& ids) {
    auto spec = std::make_shared<CalibrationSpec>();
    for (const ConfigEntry& e : calibration.get("parameters")->entries) {
        const std::string shown = "calibration.parameters." + e.key;
        if (e.value.kind != ConfigNode::Kind::map)
            throw config_error(e.value.pos, shown, "is a list; expected a prior range {min, max}");
        CalibrationParameter p;
        p.path = e.key;
        p.min = *parse_number(e.value.find("min")->scalar).value;
        p.max = *parse_number(e.value.find("max")->scalar).value;
        p.is_integer = find_key(e.key)->type == KeyType::integer;
        if (const ConfigNode* integer = e.value.find("integer"))
            p.is_integer = p.is_integer || integer->scalar == "true" || integer->scalar == "True" || integer->scalar == "TRUE";
        spec->parameters.push_back(std::move(p));
    }
    const ConfigNode& targets = *calibration.get("targets");
    if (targets.items.empty()) throw calibration.error("targets", "is an empty list; expected at least one target");
    for (std::size_t i = 0; i < targets.items.size(); ++i)
        spec->targets.push_back(
            build_target(MapView(&targets.items[i], "calibration.targets[" + std::to_string(i) + "]"), ex, ids));
    spec->particles = calibration.integer("particles");
    spec->generations = calibration.integer("generations");
    spec->worlds = calibration.integer("worlds");
    spec->quantile = calibration.number("quantile");
    spec->max_attempts = calibration.integer("max_attempts");
    ex.calibration = std::move(spec);
}

}  // namespace build
}  // namespace fundsim
