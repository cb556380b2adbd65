// network: ties read from CSV (same in every world) and the random-graph generator.
#include <algorithm>
#include <map>

#include "experiment/build_context.hpp"
#include "experiment/scalar_text.hpp"

namespace fundsim::build {
namespace {

void build_ties(const ConfigNode& root, const CsvTable& t, Experiment& ex, const GovIds& ids) {
    const std::string suffix = named_by(root, "network.from_csv");
    const auto fail = [&](const CsvCell& cell, const std::string& what) { return t.error(cell, what + suffix); };
    const int source = t.column("source"), target = t.column("target"), weight = t.column("weight");
    for (const auto& [col, name] : {std::pair{source, "source"}, std::pair{target, "target"}})
        if (col < 0)
            throw fail(t.header.front(), std::string("missing required column '") + name + "'; expected a header source,target[,weight]");
    for (const CsvCell& head : t.header)
        if (head.text != "source" && head.text != "target" && head.text != "weight")
            throw fail(head, "unknown column '" + head.text + "'; expected a header source,target[,weight]");
    std::map<std::pair<GovIndex, GovIndex>, std::string> seen;
    for (const std::vector<CsvCell>& row : t.rows) {
        GovIndex ends[2];
        for (int side = 0; side < 2; ++side) {
            const CsvCell& cell = row[static_cast<std::size_t>(side == 0 ? source : target)];
            ends[side] = ids.find(cell.text);
            if (ends[side] == kNoGovernment) {
                const ConfigNode n = make_scalar(cell.text, SourcePos{std::make_shared<const std::string>(t.file), cell.line, cell.column});
                try {
                    ids.resolve(n, "network.from_csv");
                } catch (const ConfigError& e) {
                    throw ConfigError(e.what() + suffix);
                }
            }
        }
        if (ends[0] == ends[1]) throw fail(row[static_cast<std::size_t>(source)], "a tie from '" + row[static_cast<std::size_t>(source)].text + "' to itself; expected two different governments");
        TieSpec tie{ends[0], ends[1], 1.0};
        if (weight >= 0 && !row[static_cast<std::size_t>(weight)].text.empty()) {
            const CsvCell& cell = row[static_cast<std::size_t>(weight)];
            const auto w = parse_number(cell.text);
            if (!w.value || !(*w.value > 0))
                throw fail(cell, "weight '" + cell.text + "' " + (w.value ? std::string("is not positive") : w.problem) + "; expected a number > 0");
            tie.weight = *w.value;
        }
        const auto key = std::minmax(tie.a, tie.b);
        const auto [it, fresh] = seen.emplace(std::make_pair(key.first, key.second), t.where(row.front()));
        if (!fresh)
            throw fail(row.front(), "the tie " + ex.governments[tie.a].id + " - " + ex.governments[tie.b].id +
                                        " is listed twice (also at " + it->second + "); expected each undirected tie once");
        ex.network.ties.push_back(tie);
    }
}

}  // namespace

void build_network(const ConfigNode& root, const CsvTables& csvs, Experiment& ex, const GovIds& ids) {
    const MapView net(root.find("network"), "network");
    const MapView gen = net.child("generator");
    const std::string type = gen.text("type");
    if (net.has("from_csv") && type != "none")
        throw gen.error("type", "a generator together with network.from_csv; expected at most one of from_csv, generator");
    if (net.has("from_csv")) build_ties(root, csvs.at("network.from_csv"), ex, ids);
    NetworkSpec& n = ex.network;
    n.generator = gen.choice<NetworkGenerator>("type");
    n.mean_degree = gen.number("mean_degree");
    n.k = gen.integer("k");
    n.beta = gen.number("beta");
    n.m = gen.integer("m");
    const double count = static_cast<double>(ex.governments.size());
    if (n.generator == NetworkGenerator::erdos_renyi && n.mean_degree > count - 1)
        throw gen.error("mean_degree", "exceeds " + format_number(count - 1) + " (governments - 1); expected a mean degree below the number of governments");
    if (n.generator == NetworkGenerator::watts_strogatz && (n.k % 2 != 0 || n.k >= count))
        throw gen.error("k", std::to_string(n.k) + " is odd or not below the number of governments (" + format_number(count) +
                                 "); expected an even k < governments");
    if (n.generator == NetworkGenerator::barabasi_albert && n.m >= count)
        throw gen.error("m", std::to_string(n.m) + " is not below the number of governments (" + format_number(count) +
                                 "); expected m < governments");
}

}  // namespace fundsim::build
