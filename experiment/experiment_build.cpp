#include "experiment/experiment_build.hpp"

#include <cctype>
#include <cmath>
#include <filesystem>

#include "experiment/build_context.hpp"
#include "experiment/scalar_text.hpp"
#include "experiment/schema.hpp"

namespace fundsim {
namespace build {

const ConfigNode& MapView::need(std::string_view key) const {
    const ConfigNode* n = get(key);
    if (!n || n->kind != ConfigNode::Kind::scalar)
        throw error_here("internal: key '" + std::string(key) + "' has no value after defaults; expected a value");
    return *n;
}

double MapView::number(std::string_view key) const {
    const auto v = parse_number(need(key).scalar);
    if (!v.value) throw error(key, "'" + need(key).scalar + "' " + v.problem + "; expected a number");
    return *v.value;
}

std::optional<double> MapView::maybe_number(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    return number(key);
}

std::int64_t MapView::integer64(std::string_view key) const {
    const auto v = parse_integer(need(key).scalar);
    if (!v.value) throw error(key, "'" + need(key).scalar + "' " + v.problem + "; expected an integer");
    return *v.value;
}

int MapView::integer(std::string_view key) const {
    const std::int64_t v = integer64(key);
    if (v > 2147483647 || v < -2147483647) throw error(key, "is too large; expected an integer below 2^31");
    return static_cast<int>(v);
}

bool MapView::flag(std::string_view key) const { return parse_bool(need(key).scalar).value.value_or(false); }

std::string MapView::text(std::string_view key, std::string fallback) const {
    const ConfigNode* n = get(key);
    return n && n->kind == ConfigNode::Kind::scalar ? n->scalar : fallback;
}

ConfigError MapView::error(std::string_view key, std::string_view what) const {
    const ConfigNode* n = get(key);
    if (!n) return error_here(what);
    return config_error(n->pos, path(key), what);
}

ConfigError MapView::error_here(std::string_view what) const {
    return config_error(node_ ? node_->pos : SourcePos{}, shown_, what);
}

bool GovIds::add(const std::string& id, GovIndex index) {
    if (!index_.emplace(id, index).second) return false;
    ids_.push_back(id);
    return true;
}

GovIndex GovIds::find(std::string_view id) const {
    const auto it = index_.find(std::string(id));
    return it == index_.end() ? kNoGovernment : it->second;
}

GovIndex GovIds::resolve(const ConfigNode& node, const std::string& shown, bool allow_random) const {
    if (allow_random && node.scalar == "random") return kRandomGovernment;
    const GovIndex g = find(node.scalar);
    if (g != kNoGovernment) return g;
    const std::string hint = ids_.size() <= 100000 ? closest_match(node.scalar, ids_) : std::string();
    std::string what = "unknown government id '" + node.scalar + "'; expected one of the " +
                       std::to_string(ids_.size()) + " governments";
    if (!hint.empty()) what += " (did you mean '" + hint + "'?)";
    else if (ids_.size() <= 12) {
        what += ":";
        for (const std::string& id : ids_) what += " " + id;
    }
    throw config_error(node.pos, shown, what);
}

std::string named_by(const ConfigNode& root, const std::string& key) {
    const ConfigNode* n = root.at_path(key);
    return n ? " (file named by " + key + " at " + n->pos.text() + ")" : std::string();
}

namespace {

/// True for a real calendar date written YYYY-MM-DD (Gregorian leap years).
bool is_iso_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(text[static_cast<std::size_t>(i)]))) return false;
    const int year = std::stoi(text.substr(0, 4)), month = std::stoi(text.substr(5, 2)), day = std::stoi(text.substr(8, 2));
    const bool is_leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days[] = {31, is_leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

void build_run(const MapView& run, Experiment& ex) {
    ex.name = run.text("name");
    bool ok = !ex.name.empty() && ex.name.size() <= 100 && ex.name.front() != '.';
    for (const char c : ex.name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) ok = false;
    if (!ok) throw run.error("name", "'" + ex.name + "' is not a usable name; expected letters, digits, _ - . (it names the results folder)");
    ex.seed = static_cast<std::uint64_t>(run.integer64("seed"));
    ex.worlds = run.integer("worlds");
    ex.steps = run.integer("steps");
    ex.months_per_step = run.integer("months_per_step");
    ex.start_date = run.text("start_date");
    if (!ex.start_date.empty() && !is_iso_date(ex.start_date))
        throw run.error("start_date", "'" + ex.start_date + "' is not a date; expected an ISO date YYYY-MM-DD, e.g. 2025-04-01");
    const MapView output = run.child("output");
    ex.output_dir = output.text("dir");
    if (ex.output_dir.empty()) throw output.error("dir", "is empty; expected a folder path");
    ex.trajectories = output.integer("trajectories");
    ex.output_format = output.text("format");
}

void build_behavior(const MapView& b, Experiment& ex) {
    ex.behavior.rule = b.choice<DecisionRule>("decision_rule");
    const MapView logit = b.child("logit");
    LogitSpec& l = ex.behavior.logit;
    l.intercept = logit.number("intercept");
    l.tariff_relief = logit.number("tariff_relief");
    l.fund_return = logit.number("fund_return");
    l.peer = logit.number("peer");
    l.alliance = logit.number("alliance");
    l.risk = logit.number("risk");
    l.fiscal_cost = logit.number("fiscal_cost");
    l.exit_inertia = logit.number("exit_inertia");
    l.member_tariff = logit.number("member_tariff");
    l.performance = logit.number("performance");
    l.adjustment_speed = logit.number("adjustment_speed");
    l.founding_bonus = logit.number("founding_bonus");
    if (logit.has("founding_deadline_step")) l.founding_deadline_step = logit.integer("founding_deadline_step");
    ex.behavior.phi = b.child("threshold").number("phi");
    const MapView bass = b.child("bass");
    ex.behavior.bass_p = bass.number("p");
    ex.behavior.bass_q = bass.number("q");
    ex.behavior.bass_scope = bass.choice<BassScope>("scope");
}

}  // namespace

void build_fund(const MapView& fund, Experiment& ex, const GovIds& ids) {
    FundSpec& f = ex.fund;
    const ConfigNode* founders = fund.get("founders");
    if (const ConfigNode* random = founders ? founders->find("random") : nullptr) {
        const std::int64_t k = *parse_integer(random->scalar).value;
        if (k > static_cast<std::int64_t>(ids.size()))
            throw config_error(random->pos, "fund.founders.random", std::to_string(k) + " founders drawn from " +
                               std::to_string(ids.size()) + " governments; expected at most the number of governments");
        f.random_founders = static_cast<int>(k);
    } else if (founders) {
        double sum = 0;
        for (const ConfigEntry& e : founders->entries) {
            const std::string shown = "fund.founders." + e.key;
            const double share = *parse_number(e.value.scalar).value;
            if (!(share > 0)) throw config_error(e.value.pos, shown, "share " + e.value.scalar + " is not positive; expected a share > 0");
            f.founders.emplace_back(ids.resolve(make_scalar(e.key, e.key_pos), shown), share);
            sum += share;
        }
        if (!f.founders.empty() && std::abs(sum - 1.0) > 1e-9) {
            bool is_merged = false;  // entries from an included file and from the including one
            for (const ConfigEntry& e : founders->entries)
                is_merged = is_merged || e.value.pos.origin != founders->entries.front().value.pos.origin;
            throw fund.error("founders", "shares sum to " + format_number(sum) + "; expected shares summing to 1" +
                                             (is_merged ? " (an include merges maps key by key: remove an included "
                                                          "founder with 'ID: ~')" : ""));
        }
    }
    f.initial_capital_usd_bn = fund.number("initial_capital");
    f.max_leverage = fund.number("max_leverage");
    f.cost_of_debt_per_year = fund.number("cost_of_debt");
    f.management_fee_per_year = fund.number("management_fee");
    f.distribution_rate = fund.number("distribution_rate");
    f.governance_quality = fund.number("governance_quality");
    f.hurdle_rate_per_year = fund.number("hurdle_rate");
    f.risk_penalty = fund.number("risk_penalty");
    f.fire_sale_haircut = fund.number("fire_sale_haircut");
    f.cash_return_per_year = fund.number("cash_return");
    f.tax_rate = fund.number("tax_rate");
    f.incentive_cost_share = fund.number("incentive_cost_share");
}

}  // namespace build

CsvTables read_named_csvs(const ConfigNode& root, const std::string& experiment_file) {
    CsvTables tables;
    const std::filesystem::path folder = std::filesystem::path(experiment_file).parent_path();
    for (const std::string key : {"governments.from_csv", "network.from_csv"}) {
        const ConfigNode* node = root.at_path(key);
        if (!node) continue;
        // Relative to the file that wrote the path (an included file's own
        // folder); a --set value is relative to the experiment file.
        const bool from_file = node->pos.origin && node->pos.line > 0;
        const std::filesystem::path base = from_file ? std::filesystem::path(*node->pos.origin).parent_path() : folder;
        const std::filesystem::path given(node->scalar);
        const std::filesystem::path full = given.is_absolute() ? given : base / given;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(full, ec))
            throw config_error(node->pos, key, "cannot read '" + node->scalar + "' (looked for " + full.string() +
                                                   "); expected an existing CSV file, relative to the experiment file's folder");
        try {
            tables.emplace(key, read_csv_file(full.string(), key));
        } catch (const ConfigError& e) {
            throw ConfigError(e.what() + build::named_by(root, key));
        }
    }
    return tables;
}

Experiment build_experiment(const ConfigNode& root, const std::string& file, const CsvTables& csvs) {
    using namespace build;
    Experiment ex;
    ex.file = file;
    const MapView top(&root, "");
    build_run(top.child("experiment"), ex);
    GovIds ids;
    build_governments(root, csvs, ex, ids);
    build_fund(top.child("fund"), ex, ids);
    build_network(root, csvs, ex, ids);
    const MapView trade = top.child("trade");
    ex.trade.elasticity = trade.number("elasticity");
    ex.trade.base_tariff = trade.number("base_tariff");
    build_agents(root, ex, ids);
    build_behavior(top.child("behavior"), ex);
    build_events(top, ex, ids);
    if (top.has("sweep")) build_sweep(top.child("sweep"), ex);
    if (top.has("calibration")) build_calibration(top.child("calibration"), ex, ids);
    return ex;
}

}  // namespace fundsim
