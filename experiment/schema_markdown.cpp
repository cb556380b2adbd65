#include "experiment/schema_markdown.hpp"

#include "experiment/schema.hpp"

namespace fundsim {
namespace {

constexpr const char* kIntro = R"(# Experiment files: key reference

<!-- Generated from the parameter table in experiment/schema.cpp by
     schema_markdown(); do not edit by hand. To regenerate:
     FUNDSIM_REGENERATE_DOCS=1 build/tests/fundsim_tests -tc='Schema.configs_readme_matches_table' -->

One YAML file holds one experiment (see `us_japan_fund.yaml` in this folder).
Sections other than `experiment` and `governments` are optional. Unknown keys
are errors, with a suggestion. Every key below is checked by the loader from
this same table: `fundsim validate FILE.yaml` reports the first problem as
`FILE:LINE:COL: key.path: what was wrong; expected ...` and exits 2.

- Paths of data files (`from_csv`) are relative to the experiment file's
  folder; a relative `experiment.output.dir` is relative to the current
  directory.
- `key[]` marks the keys of each item of a list (`events[].rate`).
- Any key outside lists can be overridden on the command line:
  `--set fund.max_leverage=4`, `--set network.generator.type=erdos_renyi`.
- Sweep parameters are named by the same dotted paths (scalar keys outside
  lists, `experiment` and `sweep`): a list gives grid values, `{min, max}` a
  range that a sampled design draws from (`integer: true` rounds). Founders
  and the negotiators' counterpart are swept by lists:
  `fund.founders: [{USA: 0.5, JPN: 0.5}, {random: 3}]`,
  `negotiators.counterpart: [USA, JPN]`. The seed is not swept: every point
  and world already has its own random streams.
- `sweep.design: saltelli` is the Saltelli (2010) design for global
  sensitivity: every parameter a `{min, max}` range, `samples` = N base rows,
  N * (k + 2) points for k parameters. The run then also writes
  `sensitivity.csv`: `parameter, outcome, S1, S1_lo, S1_hi, ST, ST_lo,
  ST_hi`, one row per swept parameter and per `worlds.csv` outcome (its mean
  over the point's worlds is the model output): first-order indices by the
  Saltelli (2010) estimator, total indices by Jansen (1999), and 95 %
  percentile-bootstrap intervals over 1000 resamples of the base rows drawn
  from streams of the master seed. Empty cells: the outcome does not vary
  (or is missing at some point). `fundsim merge` writes it too.
- Rates are fractions (0.10 = 10 %); money is USD bn.
- Limits (so that a run fits the machine and finishes; `fundsim validate`
  applies them too): every number, here and in data files, is at most 1e12
  in magnitude; random events and sponsor proposals at most 1000 per year
  each. Before anything runs, one world's memory is estimated (56 bytes per
  directed tie of the generated graph, 8 per tariff setter and government,
  1 KB per government) and refused above half the machine's memory divided by
  the worlds run at once (`--threads`), or above 2^31 directed ties; a sweep
  is refused above 100,000 points or above a quarter of the memory (64 KB +
  512 bytes per government per point); a run is refused when its block and
  CSV files would not fit the free space of the results folder's disk, and
  announced on stderr when they exceed 1 GB. `--threads` is at most 4 x the
  cores. A world whose outcome turns non-finite ends the run with exit 1
  naming point, world, step and quantity. The estimates are in
  `engine/resource_limits.hpp`.
- `events[]` keys marked with event types apply only to those types; a key
  given for another type is an error. Each event needs exactly one of `at`
  (a step in 0 .. experiment.steps) or `rate_per_year`.
- `governments.from_csv`: header row; column `id` is required; the other
  columns are the attributes of `governments.list[]` (`name`, `gdp`, ...),
  `exports_to_<ID>` and `imports_from_<ID>` (USD bn per year); an empty cell
  takes the default; any other column is an error unless listed in
  `governments.ignore_columns`.
- `network.from_csv`: header `source,target[,weight]`; undirected; weight > 0,
  default 1; each tie once.
)";

/// A table cell; inside a code span only '|' needs escaping.
std::string cell(std::string_view text, bool is_code = false) {
    std::string out;
    for (const char c : text) {
        if (c == '|') out += "\\|";
        else if (!is_code && (c == '<' || c == '>')) out += std::string("\\") + c;  // not an HTML tag
        else out += c;
    }
    return out;
}

std::string values_text(const KeySpec& spec) {
    if (spec.type == KeyType::enumeration) {
        std::string out;
        for (const std::string_view c : spec.choices) out += (out.empty() ? "" : " \\| ") + std::string(c);
        return out;
    }
    return range_text(spec);
}

std::string default_text(const KeySpec& spec) {
    if (spec.required) return spec.event_types.empty() ? "**required**" : "**required** (" + std::string(spec.event_types) + ")";
    if (!spec.inherit.empty()) return "`" + std::string(spec.inherit) + "`";
    if (spec.default_text.empty()) return "absent";
    return "`" + cell(spec.default_text, true) + "`";
}

}  // namespace

std::string schema_markdown() {
    std::string out = kIntro;
    for (const KeySpec& spec : schema_table()) {
        if (spec.path.find('.') == std::string_view::npos && spec.path.find("[]") == std::string_view::npos) {
            out += "\n## `" + std::string(spec.path) + "`" + (spec.required ? " (required)" : "") + "\n\n";
            out += cell(spec.description) + ".\n\n";
            out += "| key | type | unit | range / values | default | event types | fills | description |\n";
            out += "|---|---|---|---|---|---|---|---|\n";
            continue;
        }
        out += "| `" + std::string(spec.path) + "` | " + std::string(type_name(spec.type)) + " | " + cell(spec.unit) + " | " +
               values_text(spec) + " | " + default_text(spec) + " | " + std::string(spec.event_types) + " | " +
               (spec.field.empty() ? "" : "`" + cell(spec.field, true) + "`") + " | " + cell(spec.description) + " |\n";
    }
    return out;
}

}  // namespace fundsim
