#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "engine/prepare.hpp"
#include "experiment/schema_markdown.hpp"
#include "experiment/sweep.hpp"
#include "output/agent_graph.hpp"
#include "output/government_columns.hpp"
#include "world/error.hpp"
#include "world/graph.hpp"

namespace fundsim {
namespace {

constexpr std::size_t kListed = 8;  // governments, sponsors, ... shown by name

std::string gov(const Experiment& e, GovIndex g) {
    if (g == kRandomGovernment) return "random";
    if (g < 0 || static_cast<std::size_t>(g) >= e.governments.size()) return "-";
    return e.governments[static_cast<std::size_t>(g)].id;
}

std::string gov_list(const Experiment& e, const std::vector<GovIndex>& list) {
    std::string text;
    for (std::size_t i = 0; i < list.size() && i < kListed; ++i) text += (i ? " " : "") + gov(e, list[i]);
    if (list.size() > kListed) text += " ... (" + std::to_string(list.size()) + ")";
    return text;
}

std::string event_targets(const Experiment& e, const EventSpec& ev) {
    switch (ev.type) {
        case EventType::tariff:
            return gov(e, ev.from) + " -> " + (ev.to_all ? "all" : gov_list(e, ev.targets)) +
                   " rate " + format_scalar(ev.rate, false);
        case EventType::trade_deal: return gov(e, ev.from) + " <-> " + gov(e, ev.to_one);
        case EventType::summit: return ev.name + " [" + gov_list(e, ev.targets) + "]";
        case EventType::market_shock: return "size " + format_scalar(ev.size, false) + (ev.sector.empty() ? "" : " sector " + ev.sector);
        default: return gov(e, ev.government);
    }
}

void describe_agents(const Experiment& e) {
    std::printf("governments: %zu%s\n ", e.governments.size(), e.governments_generated ? " (generated)" : "");
    for (std::size_t i = 0; i < e.governments.size() && i < kListed; ++i) std::printf(" %s", e.governments[i].id.c_str());
    std::printf("%s\n", e.governments.size() > kListed ? " ..." : "");
    if (e.fund.random_founders >= 0) {
        std::printf("founders: %d drawn at random per world\n", e.fund.random_founders);
    } else {
        std::printf("founders:");
        for (const auto& [g, share] : e.fund.founders) std::printf(" %s (%s)", gov(e, g).c_str(), format_scalar(share, false).c_str());
        std::printf("%s\n", e.fund.founders.empty() ? " none" : "");
    }
    std::printf("negotiators: %zu%s\n", e.negotiators.enabled ? e.negotiators.parties.size() : 0,
                e.negotiators.enabled ? (" parties, counterpart " + gov(e, e.negotiators.counterpart)).c_str() : "");
    int investors = 0;
    for (const auto& c : e.investors.classes) investors += c.count;
    std::printf("investors: %zu classes, %d investors\n", e.investors.classes.size(), investors);
    std::printf("sponsors: %zu", e.sponsors.size());
    for (std::size_t i = 0; i < e.sponsors.size() && i < kListed; ++i) std::printf("%s%s", i ? ", " : " (", e.sponsors[i].name.c_str());
    std::printf("%s\n", e.sponsors.empty() ? "" : e.sponsors.size() > kListed ? ", ...)" : ")");
    std::printf("decision rule: %s\n", std::string(enum_name(e.behavior.rule)).c_str());
}

}  // namespace

int validate_command(const std::string& file, const std::vector<std::string>& sets) {
    const PreparedExperiment prepared = prepare_experiment(file, parse_overrides(sets));
    const Experiment& e = prepared.scenarios.front().experiment;
    std::printf("ok: %zu governments, %zu points, %d worlds each\n", e.governments.size(), prepared.scenarios.size(),
                e.worlds);
    return 0;
}

int describe_command(const std::string& file, const std::vector<std::string>& sets) {
    const PreparedExperiment prepared = prepare_experiment(file, parse_overrides(sets));
    const Scenario& scenario = prepared.scenarios.front();
    const Experiment& e = scenario.experiment;
    std::printf("experiment: %s (seed %llu, %d worlds x %d steps)\n", e.name.c_str(),
                static_cast<unsigned long long>(e.seed), e.worlds, e.steps);
    describe_agents(e);
    const GraphStats g = graph_stats(build_graph(scenario, 0, 0));
    std::printf("graph (point 0, world 0): %zu vertices, %zu ties, mean degree %.3g, max degree %zu, %zu isolated, "
                "%zu components\n", g.vertices, g.ties, g.mean_degree, g.max_degree, g.isolated, g.components);
    const AgentGraph agents = build_agent_graph(scenario, 0, 0);
    std::printf("agent graph (point 0, world 0; fundsim export-graph): %zu nodes, %zu edges\n", agents.nodes.size(),
                agents.edges.size());
    std::printf("events: %zu\n", e.events.size());
    for (const auto& ev : e.events) {
        const std::string when = ev.at ? "step " + std::to_string(*ev.at)
                                       : format_scalar(ev.rate_per_year, false) + "/year";
        std::printf("  %-12s %-13s %s\n", when.c_str(), std::string(enum_name(ev.type)).c_str(),
                    event_targets(e, ev).c_str());
    }
    const auto& plan = prepared.plan;
    std::printf("sweep: %zu point%s", plan.points.size(), plan.points.size() == 1 ? "" : "s");
    if (!plan.parameters.empty()) std::printf(" (%s)", std::string(enum_name(e.sweep.design)).c_str());
    for (const auto& path : plan.parameters) std::printf("%s%s", &path == &plan.parameters.front() ? " over " : ", ", path.c_str());
    std::printf("; %llu worlds in all\n", static_cast<unsigned long long>(plan.total_worlds));
    return 0;
}

int schema_command() {
    std::fputs((schema_markdown() + result_columns_markdown()).c_str(), stdout);
    return 0;
}

int export_graph_command(const ExportGraphOptions& options) {
    namespace fs = std::filesystem;
    const PreparedExperiment prepared = prepare_experiment(options.file, parse_overrides(options.sets));
    if (options.point >= prepared.scenarios.size())
        throw ConfigError("--point " + std::to_string(options.point) + ": the experiment has " +
                          std::to_string(prepared.scenarios.size()) + " point(s); expected 0.." +
                          std::to_string(prepared.scenarios.size() - 1));
    // The files it would write: never an input, never an existing file without --force.
    const fs::path out(options.out);
    const std::vector<fs::path> targets =
        options.format == "csv" ? std::vector<fs::path>{out / "nodes.csv", out / "edges.csv"} : std::vector<fs::path>{out};
    for (const fs::path& target : targets) {
        std::error_code ec;
        for (const std::string& input : prepared.file.input_files())
            if (fs::equivalent(target, input, ec))
                throw ConfigError("--out " + options.out + ": would overwrite " + input +
                                  ", an input of this experiment; choose another --out");
        if (fs::exists(fs::symlink_status(target, ec)) && (!options.is_force || !fs::is_regular_file(target, ec)))
            throw ConfigError("--out " + options.out + ": " + target.string() +
                              (options.is_force ? " exists and is not a plain file; choose another --out"
                                                : " already exists; pass --force to replace it or choose another --out"));
    }
    const AgentGraph graph = build_agent_graph(prepared.scenarios[options.point], options.point, options.world, options.step);
    if (options.format == "csv") write_agent_graph_csv(graph, options.out);
    else write_agent_graphml(graph, options.out);
    std::printf("wrote %s: %zu nodes, %zu edges (point %u, world %llu, state after step %d)\n", options.out.c_str(),
                graph.nodes.size(), graph.edges.size(), options.point, static_cast<unsigned long long>(options.world),
                options.step);
    return 0;
}

}  // namespace fundsim
