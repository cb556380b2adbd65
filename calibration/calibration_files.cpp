#include "calibration/calibration_files.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "experiment/calibration_spec.hpp"
#include "experiment/csv_table.hpp"
#include "experiment/scalar_text.hpp"
#include "output/csv.hpp"
#include "world/error.hpp"
#include "world/metrics.hpp"

namespace fundsim {
namespace fs = std::filesystem;
namespace {

double weighted_quantile(const Generation& g, std::size_t d, double q) {
    std::vector<std::size_t> order(g.particles.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return g.particles[a].theta[d] < g.particles[b].theta[d]; });
    double cumulative = 0;
    for (std::size_t i : order) {
        cumulative += g.particles[i].weight;
        if (cumulative >= q) return g.particles[i].theta[d];
    }
    return g.particles[order.back()].theta[d];
}

double number_cell(const CsvTable& csv, const CsvCell& cell) {
    if (cell.text.empty()) return std::numeric_limits<double>::infinity();  // epsilon of generation 0
    const auto v = parse_number(cell.text);
    if (!v.value) throw csv.error(cell, "'" + cell.text + "' " + v.problem + "; expected a number");
    return *v.value;
}

int column_of(const CsvTable& csv, const std::string& name) {
    const int c = csv.column(name);
    if (c < 0) throw ConfigError(csv.file + ": no column '" + name + "'; expected the posterior.csv of this calibration");
    return c;
}

}  // namespace

ParameterSummary summarize_parameter(const Generation& g, std::size_t d) {
    ParameterSummary s;
    for (const auto& p : g.particles) s.mean += p.weight * p.theta[d];
    double variance = 0;
    for (const auto& p : g.particles) variance += p.weight * (p.theta[d] - s.mean) * (p.theta[d] - s.mean);
    s.sd = std::sqrt(variance);
    s.q05 = weighted_quantile(g, d, 0.05);
    s.q50 = weighted_quantile(g, d, 0.5);
    s.q95 = weighted_quantile(g, d, 0.95);
    return s;
}

void write_posterior(const fs::path& dir, const CalibrationSpec& spec, const std::vector<Generation>& generations) {
    std::vector<std::string> header{"generation", "particle", "weight", "distance", "attempt"};
    for (const auto& p : spec.parameters) header.push_back(p.path);
    CsvWriter posterior(dir / "posterior.csv", header);
    CsvWriter table(dir / "generations.csv", {"generation", "epsilon", "simulations", "acceptance_rate",
                                              "effective_sample_size", "distance_min", "distance_median"});
    for (const auto& g : generations) {
        double squares = 0;
        std::vector<double> distances;
        for (std::size_t i = 0; i < g.particles.size(); ++i) {
            const Particle& p = g.particles[i];
            posterior.integer(g.index).integer(static_cast<std::int64_t>(i)).number(p.weight).number(p.distance);
            posterior.integer(p.attempt);
            for (double x : p.theta) posterior.number(x);
            posterior.end_row();
            squares += p.weight * p.weight;
            distances.push_back(p.distance);
        }
        std::sort(distances.begin(), distances.end());
        table.integer(g.index).number(std::isinf(g.epsilon) ? std::numeric_limits<double>::quiet_NaN() : g.epsilon);
        table.integer(static_cast<std::int64_t>(g.simulations));
        table.number(static_cast<double>(g.particles.size()) / static_cast<double>(g.simulations));
        table.number(1.0 / squares).number(distances.front()).number(distances[distances.size() / 2]);
        table.end_row();
    }
    CsvWriter summary(dir / "posterior_summary.csv", {"parameter", "prior_min", "prior_max", "mean", "sd", "q05", "q50", "q95"});
    for (std::size_t d = 0; d < spec.parameters.size() && !generations.empty(); ++d) {
        const ParameterSummary s = summarize_parameter(generations.back(), d);
        summary.text(spec.parameters[d].path).number(spec.parameters[d].min).number(spec.parameters[d].max);
        summary.number(s.mean).number(s.sd).number(s.q05).number(s.q50).number(s.q95);
        summary.end_row();
    }
    posterior.commit();
    table.commit();
    summary.commit();
}

std::vector<Generation> read_posterior(const fs::path& dir, const CalibrationSpec& spec) {
    const CsvTable posterior = read_csv_file((dir / "posterior.csv").string(), "posterior.csv");
    const CsvTable table = read_csv_file((dir / "generations.csv").string(), "generations.csv");
    std::vector<int> theta_columns;
    for (const auto& p : spec.parameters) theta_columns.push_back(column_of(posterior, p.path));
    const int gen = column_of(posterior, "generation"), weight = column_of(posterior, "weight"),
              distance = column_of(posterior, "distance"), attempt = column_of(posterior, "attempt");
    std::vector<Generation> generations(table.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        generations[r].index = static_cast<int>(r);
        generations[r].epsilon = number_cell(table, table.rows[r][static_cast<std::size_t>(column_of(table, "epsilon"))]);
        generations[r].simulations = static_cast<std::uint64_t>(
            number_cell(table, table.rows[r][static_cast<std::size_t>(column_of(table, "simulations"))]));
    }
    for (const auto& row : posterior.rows) {
        const auto g = static_cast<std::size_t>(number_cell(posterior, row[static_cast<std::size_t>(gen)]));
        // posterior.csv is committed before generations.csv: a kill between
        // the two leaves a generation that generations.csv does not list yet.
        if (g >= generations.size()) continue;
        Particle p;
        p.weight = number_cell(posterior, row[static_cast<std::size_t>(weight)]);
        p.distance = number_cell(posterior, row[static_cast<std::size_t>(distance)]);
        p.attempt = static_cast<std::uint32_t>(number_cell(posterior, row[static_cast<std::size_t>(attempt)]));
        for (int c : theta_columns) p.theta.push_back(number_cell(posterior, row[static_cast<std::size_t>(c)]));
        generations[g].particles.push_back(std::move(p));
    }
    for (const auto& g : generations)
        if (g.particles.size() != static_cast<std::size_t>(spec.particles))
            throw ConfigError((dir / "posterior.csv").string() + ": generation " + std::to_string(g.index) + " has " +
                              std::to_string(g.particles.size()) + " particles; expected calibration.particles = " +
                              std::to_string(spec.particles));
    return generations;
}

void write_best_fit(const fs::path& dir, const CalibrationSpec& spec, const Experiment& experiment,
                    const std::vector<double>& simulated) {
    CsvWriter csv(dir / "best_fit.csv", {"target", "metric", "step", "government", "observed", "simulated", "scaled_residual"});
    std::size_t i = 0;
    for (std::size_t t = 0; t < spec.targets.size(); ++t) {
        const CalibrationTarget& target = spec.targets[t];
        for (const auto& o : target.observations) {
            const double sim = simulated[i++];
            csv.integer(static_cast<std::int64_t>(t)).text(target.name);
            if (target.source == TargetSource::series) csv.integer(o.step).empty();
            else csv.empty().text(experiment.governments[static_cast<std::size_t>(o.government)].id);
            csv.number(o.value).number(sim).number((sim - o.value) / target.scale);
            csv.end_row();
        }
    }
    csv.commit();
}

}  // namespace fundsim
