#include "experiment/schema.hpp"

#include <map>

#include "experiment/experiment.hpp"

namespace fundsim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Builder for one table row: K(path, type, default, description).more()...
class K {
public:
    K(std::string_view path, KeyType type, std::string_view default_text, std::string_view description) {
        s_.path = path;
        s_.type = type;
        s_.default_text = default_text;
        s_.description = description;
    }
    K& unit(std::string_view u) { s_.unit = u; return *this; }
    K& range(double lo, double hi) { s_.min = lo; s_.max = hi; return *this; }
    K& at_least(double lo) { s_.min = lo; return *this; }
    K& above(double lo) { s_.min = lo; s_.min_exclusive = true; return *this; }
    K& at_most(double hi) { s_.max = hi; return *this; }
    K& share() { return range(0, 1); }
    K& rate() { return range(0, 5); }
    K& required() { s_.required = true; return *this; }
    K& one_of(std::vector<std::string_view> c) { s_.choices = std::move(c); return *this; }
    K& events(std::string_view types) { s_.event_types = types; return *this; }
    K& field(std::string_view f) { s_.field = f; return *this; }
    K& inherit(std::string_view from) { s_.inherit = from; return *this; }
    operator KeySpec() const { return s_; }

private:
    KeySpec s_;
};

constexpr KeyType SEC = KeyType::section, LIST = KeyType::item_list, INT = KeyType::integer,
                  NUM = KeyType::number, BOOL = KeyType::boolean, STR = KeyType::string,
                  ENUM = KeyType::enumeration, PATH = KeyType::path, ID = KeyType::id;

std::vector<KeySpec> build_table() {
    return {
        // ---- include --------------------------------------------------------
        K("include", PATH, "", "another experiment file this one extends (relative to this file): its keys are the base, "
                               "this file's keys replace them (maps merge key by key; lists and values are replaced; a null value, "
                               "e.g. `founders: {JPN: ~}`, removes the key, so its default applies)"),
        // ---- experiment ---------------------------------------------------
        K("experiment", SEC, "", "run identity, size and output").required(),
        K("experiment.name", STR, "", "name of the experiment: letters, digits, _ - .; results go to runs/<name>").required().field("name"),
        K("experiment.seed", INT, "1", "master seed of every random stream").at_least(0).field("seed"),
        K("experiment.worlds", INT, "100", "replicate worlds per sweep point").at_least(1).field("worlds"),
        K("experiment.steps", INT, "36", "steps after the initial state (step 0)").range(1, 1200).field("steps"),
        K("experiment.months_per_step", INT, "1", "calendar length of one step").unit("months").range(1, 12).field("months_per_step"),
        K("experiment.start_date", STR, "", "calendar date of step 0, ISO YYYY-MM-DD (optional): figures show dates instead of steps").field("start_date"),
        K("experiment.output", SEC, "{}", "where and how much to write"),
        K("experiment.output.dir", STR, "runs/<name>", "results folder, relative to the current directory").field("output_dir"),
        K("experiment.output.trajectories", INT, "20", "full per-step detail for the first K worlds of each point").at_least(0).field("trajectories"),
        K("experiment.output.format", ENUM, "csv", "result tables: csv (a file per table) or hdf5 (one results.h5, compressed)").one_of({"csv", "hdf5"}).field("output_format"),
        // ---- fund ---------------------------------------------------------
        K("fund", SEC, "{}", "the joint fund: owners, capital, leverage, costs"),
        K("fund.founders", KeyType::id_shares, "{}", "id -> share of initial capital (> 0, summing to 1); or {random: K}: K founders drawn per world").range(0, 1).field("fund.founders / fund.random_founders"),
        K("fund.initial_capital", NUM, "300", "founders' initial equity").unit("USD bn").above(0).field("fund.initial_capital_usd_bn"),
        K("fund.max_leverage", NUM, "3", "cap on assets / equity; a breach forces deleveraging").unit("assets/equity").at_least(1).field("fund.max_leverage"),
        K("fund.cost_of_debt", NUM, "0.045", "interest on the fund's debt").unit("per year").share().field("fund.cost_of_debt_per_year"),
        K("fund.management_fee", NUM, "0.005", "fee on assets").unit("per year").range(0, 0.1).field("fund.management_fee_per_year"),
        K("fund.distribution_rate", NUM, "0.8", "share of positive profit paid to the owners (member stakes and LP capital) pro rata to capital").share().field("fund.distribution_rate"),
        K("fund.governance_quality", NUM, "0.7", "quality of governance; lowers perceived risk").share().field("fund.governance_quality"),
        K("fund.hurdle_rate", NUM, "0.06", "project selection hurdle").unit("per year").range(-1, 1).field("fund.hurdle_rate_per_year"),
        K("fund.risk_penalty", NUM, "0.25", "selection score: expected return - penalty * volatility").at_least(0).field("fund.risk_penalty"),
        K("fund.fire_sale_haircut", NUM, "0.1", "share of value lost on assets sold to deleverage").share().field("fund.fire_sale_haircut"),
        K("fund.cash_return", NUM, "0.04", "return on uninvested cash").unit("per year").range(-1, 1).field("fund.cash_return_per_year"),
        K("fund.tax_rate", NUM, "0.21", "counterfactual: tax on project profit").share().field("fund.tax_rate"),
        K("fund.incentive_cost_share", NUM, "0.05", "counterfactual: incentive cost as a share of capex").share().field("fund.incentive_cost_share"),
        // ---- governments ----------------------------------------------------
        K("governments", SEC, "", "the governments: exactly one of list, from_csv, generate").required(),
        K("governments.defaults", SEC, "{}", "attribute values for governments that do not give them"),
        K("governments.defaults.gdp", NUM, "100", "GDP").unit("USD bn per year").above(0).field("governments[].gdp_usd_bn"),
        K("governments.defaults.fiscal_capacity", NUM, "0.01", "most a government can commit to the fund").unit("share of GDP").share().field("governments[].fiscal_capacity_gdp_share"),
        K("governments.defaults.stake", NUM, "0.002", "stake committed on joining").unit("share of GDP").share().field("governments[].stake_gdp_share"),
        K("governments.defaults.risk_aversion", NUM, "1", "weight on fund risk").at_least(0).field("governments[].risk_aversion"),
        K("governments.defaults.political_volatility", NUM, "0.2", "instability of its policy").share().field("governments[].political_volatility"),
        K("governments.defaults.alliance", NUM, "0.5", "alignment with the founders").share().field("governments[].alliance"),
        K("governments.defaults.threshold", NUM, "", "threshold rule: own phi (absent = behavior.threshold.phi)").share().field("governments[].threshold"),
        K("governments.defaults.swf_assets", NUM, "0", "sovereign-fund assets").unit("USD bn").at_least(0).field("governments[].swf_assets_usd_bn"),
        K("governments.defaults.threat_tariff", NUM, "0", "rate the negotiators' counterpart has announced for it (0 = none)").unit("rate").rate().field("governments[].threat_tariff"),
        K("governments.list", LIST, "", "governments written out"),
        K("governments.list[].id", STR, "", "unique id (ISO3 code): letters, digits, _ -; not all or random, nor NA, nan, None or null (pandas reads those as missing)").required().field("governments[].id"),
        K("governments.list[].name", STR, "", "display name (absent = id)").field("governments[].name"),
        K("governments.list[].gdp", NUM, "", "GDP").unit("USD bn per year").above(0).inherit("governments.defaults.gdp").field("governments[].gdp_usd_bn"),
        K("governments.list[].fiscal_capacity", NUM, "", "most it can commit").unit("share of GDP").share().inherit("governments.defaults.fiscal_capacity").field("governments[].fiscal_capacity_gdp_share"),
        K("governments.list[].stake", NUM, "", "stake committed on joining").unit("share of GDP").share().inherit("governments.defaults.stake").field("governments[].stake_gdp_share"),
        K("governments.list[].risk_aversion", NUM, "", "weight on fund risk").at_least(0).inherit("governments.defaults.risk_aversion").field("governments[].risk_aversion"),
        K("governments.list[].political_volatility", NUM, "", "instability of its policy").share().inherit("governments.defaults.political_volatility").field("governments[].political_volatility"),
        K("governments.list[].alliance", NUM, "", "alignment with the founders").share().inherit("governments.defaults.alliance").field("governments[].alliance"),
        K("governments.list[].threshold", NUM, "", "threshold rule: own phi").share().inherit("governments.defaults.threshold").field("governments[].threshold"),
        K("governments.list[].swf_assets", NUM, "", "sovereign-fund assets").unit("USD bn").at_least(0).inherit("governments.defaults.swf_assets").field("governments[].swf_assets_usd_bn"),
        K("governments.list[].threat_tariff", NUM, "", "rate the counterpart has announced for it").unit("rate").rate().inherit("governments.defaults.threat_tariff").field("governments[].threat_tariff"),
        K("governments.list[].exports", KeyType::id_amounts, "", "goods exports to partner id").unit("USD bn per year").at_least(0).field("trade_flows {this, partner}"),
        K("governments.list[].imports", KeyType::id_amounts, "", "goods imports from partner id").unit("USD bn per year").at_least(0).field("trade_flows {partner, this}"),
        K("governments.from_csv", PATH, "", "CSV with header id[,name,gdp,...,exports_to_<ID>,imports_from_<ID>]; empty cell = default").field("governments"),
        K("governments.ignore_columns", KeyType::string_list, "", "from_csv: extra columns to skip (e.g. [source, note])"),
        K("governments.generate", SEC, "", "synthetic governments G0, G1, ... with the defaults"),
        K("governments.generate.count", INT, "", "number of governments (at most 1,000,000: about 0.5 GB and seconds to build)").range(1, 1000000).required().field("governments"),
        K("governments.generate.gdp_median", NUM, "100", "median GDP (drawn lognormal per world)").unit("USD bn per year").above(0).field("governments[].gdp_usd_bn"),
        K("governments.generate.gdp_sigma", NUM, "1", "sigma of log GDP").at_least(0).field("generate_gdp_sigma"),
        // ---- network --------------------------------------------------------
        K("network", SEC, "{}", "ties that carry peer influence; at most one of from_csv, generator"),
        K("network.from_csv", PATH, "", "CSV with header source,target[,weight]; undirected; same in every world").field("network.ties"),
        K("network.generator", SEC, "{}", "random graph drawn anew in every world"),
        K("network.generator.type", ENUM, "none", "graph model").one_of(enum_name_list<NetworkGenerator>()).field("network.generator"),
        K("network.generator.mean_degree", NUM, "4", "erdos_renyi: expected degree z").at_least(0).field("network.mean_degree"),
        K("network.generator.k", INT, "4", "watts_strogatz: ring neighbours (even)").at_least(2).field("network.k"),
        K("network.generator.beta", NUM, "0.1", "watts_strogatz: rewiring probability").share().field("network.beta"),
        K("network.generator.m", INT, "2", "barabasi_albert: edges per new vertex").at_least(1).field("network.m"),
        // ---- trade ----------------------------------------------------------
        K("trade", SEC, "{}", "trade response to tariffs"),
        K("trade.elasticity", NUM, "4", "constant trade elasticity").at_least(0).field("trade.elasticity"),
        K("trade.base_tariff", NUM, "0.024", "reference tariff for every pair").unit("rate").rate().field("trade.base_tariff"),
        // ---- negotiators ------------------------------------------------------
        K("negotiators", SEC, "{}", "bilateral tariff talks with a founder; enabled when parties is given"),
        K("negotiators.counterpart", ID, "", "the founder every party talks to (required with parties)").field("negotiators.counterpart"),
        K("negotiators.parties", KeyType::ids_or_all, "", "governments that negotiate; all = every non-founder").field("negotiators.parties"),
        K("negotiators.start_step", INT, "1", "first step of talks").at_least(1).field("negotiators.start_step"),
        K("negotiators.deadline_months", INT, "12", "length of talks").unit("months").at_least(1).field("negotiators.deadline_months"),
        K("negotiators.target_tariff", NUM, "0", "party's ideal rate faced").unit("rate").rate().field("negotiators.target_tariff"),
        K("negotiators.reservation_tariff", NUM, "0.2", "most the party accepts").unit("rate").rate().field("negotiators.reservation_tariff"),
        K("negotiators.reservation_sd", NUM, "0.05", "sd of the normal noise on each party's reservation, drawn per party and world (at most 1: larger noise gives absurd tariffs)").unit("rate").range(0, 1).field("negotiators.reservation_sd"),
        K("negotiators.counterpart_reservation", NUM, "0.1", "counterpart's floor (with a commitment)").unit("rate").rate().field("negotiators.counterpart_reservation"),
        K("negotiators.boulware_share", NUM, "0.5", "share of parties using Boulware (else conceder)").share().field("negotiators.boulware_share"),
        K("negotiators.boulware_beta", NUM, "0.3", "Boulware concession exponent (< 1: concede late)").above(0).field("negotiators.boulware_beta"),
        K("negotiators.conceder_beta", NUM, "3", "conceder concession exponent (> 1: concede early)").above(0).field("negotiators.conceder_beta"),
        K("negotiators.initial_concession", NUM, "0", "kappa in alpha(t)").share().field("negotiators.initial_concession"),
        K("negotiators.deficit_premium", NUM, "0.2", "no-commitment floor = counterpart_reservation + premium x the party's surplus share (X - M) / X").at_least(0).field("negotiators.deficit_premium"),
        K("negotiators.commitment_price", NUM, "25", "commitment that buys one unit of tariff rate, per USD bn of yearly exports to the counterpart").unit("USD bn per (USD bn/yr x rate)").above(0).field("negotiators.commitment_price"),
        K("negotiators.pledge_capacity", NUM, "0.1", "most a party pledges from its budget").unit("share of GDP").share().field("negotiators.pledge_capacity_gdp_share"),
        K("negotiators.swf_pledge_share", NUM, "0.25", "share of its sovereign-fund assets a party can pledge").share().field("negotiators.swf_pledge_share"),
        K("negotiators.horizon_years", NUM, "3", "years over which a party values a tariff cut").unit("years").above(0).field("negotiators.horizon_years"),
        K("negotiators.commitment_cost", NUM, "0.3", "cost to a party per USD of commitment").at_least(0).field("negotiators.commitment_cost"),
        K("negotiators.alliance_discount", NUM, "0.5", "share of that cost a fully allied party does not feel (x alliance)").share().field("negotiators.alliance_discount"),
        K("negotiators.commitment_fixed_cost", NUM, "0.002", "political cost of making any pledge").unit("share of GDP").share().field("negotiators.commitment_fixed_cost"),
        K("negotiators.stake_share", NUM, "0.02", "share of a commitment placed in the fund as the party's stake").share().field("negotiators.stake_share"),
        K("negotiators.lock_in_months", INT, "24", "a deal commitment binds the member this long (no exit)").unit("months").at_least(0).field("negotiators.lock_in_months"),
        K("negotiators.escalation_probability", NUM, "0.5", "chance a breakdown escalates tariffs").share().field("negotiators.escalation_probability"),
        K("negotiators.escalation_tariff", NUM, "0.1", "added to the counterpart's rate on escalation").unit("rate").rate().field("negotiators.escalation_tariff"),
        K("negotiators.cooldown_months", INT, "6", "wait after a breakdown before new talks").unit("months").at_least(0).field("negotiators.cooldown_months"),
        // ---- blocs --------------------------------------------------------------
        K("blocs", LIST, "[]", "groups that negotiate once and join or stay out together").field("blocs"),
        K("blocs[].name", STR, "", "bloc name (EU)").required().field("blocs[].name"),
        K("blocs[].members", KeyType::id_list, "", "member states: two or more non-founders, none in another bloc").required().field("blocs[].members"),
        // ---- investors ----------------------------------------------------------
        K("investors", SEC, "{}", "limited partners"),
        K("investors.expected_return_prior", NUM, "0.08", "prior expected fund return").unit("per year").range(-1, 1).field("investors.expected_return_prior_per_year"),
        K("investors.belief_weight", NUM, "0.2", "weight of the latest realised fund return").share().field("investors.belief_weight"),
        K("investors.sensitivity", NUM, "20", "logit slope on excess return").at_least(0).field("investors.sensitivity"),
        K("investors.adjustment_speed", NUM, "0.2", "multiplies the commit probability per step").share().field("investors.adjustment_speed"),
        K("investors.classes", LIST, "[]", "investor classes per country").field("investors.classes"),
        K("investors.classes[].country", ID, "", "domicile").required().field("investors.classes[].country"),
        K("investors.classes[].kind", ENUM, "", "kind of investor").one_of(enum_name_list<InvestorKind>()).required().field("investors.classes[].kind"),
        K("investors.classes[].count", INT, "1", "investors in the class").range(1, 1000000).field("investors.classes[].count"),
        K("investors.classes[].capital", NUM, "", "each investor's ticket").unit("USD bn").above(0).required().field("investors.classes[].capital_usd_bn"),
        K("investors.classes[].hurdle", NUM, "0.06", "required return").unit("per year").range(-1, 1).field("investors.classes[].hurdle_per_year"),
        K("investors.classes[].risk_aversion", NUM, "1", "weight on risk").at_least(0).field("investors.classes[].risk_aversion"),
        K("investors.classes[].herding", NUM, "1", "weight on the share of the class already committed").at_least(0).field("investors.classes[].herding"),
        K("investors.classes[].home_bias", NUM, "1", "weight on the home government's membership").at_least(0).field("investors.classes[].home_bias"),
        // ---- sponsors -----------------------------------------------------------
        K("sponsors", LIST, "[]", "project sponsors").field("sponsors"),
        K("sponsors[].name", STR, "", "sponsor / programme name").required().field("sponsors[].name"),
        K("sponsors[].sector", STR, "other", "sector (market_shock events can target it)").field("sponsors[].sector"),
        K("sponsors[].location", ID, "", "host government").required().field("sponsors[].location"),
        K("sponsors[].capex", NUM, "10", "mean capex per project").unit("USD bn").above(0).field("sponsors[].capex_usd_bn"),
        K("sponsors[].capex_cv", NUM, "0.3", "coefficient of variation of capex").range(0, 10).field("sponsors[].capex_cv"),
        K("sponsors[].expected_return", NUM, "0.09", "expected project return").unit("per year").range(-1, 1).field("sponsors[].expected_return_per_year"),
        K("sponsors[].volatility", NUM, "0.15", "volatility of project return").unit("per year").at_least(0).field("sponsors[].volatility_per_year"),
        K("sponsors[].duration_months", INT, "60", "project life").unit("months").at_least(1).field("sponsors[].duration_months"),
        K("sponsors[].rate_per_year", NUM, "4", "proposals per year (Poisson; at most 1000: the per-step loop is bounded)").unit("per year").range(0, 1000).field("sponsors[].rate_per_year"),
        K("sponsors[].program", NUM, "0", "cap on total capex financed (0 = none)").unit("USD bn").at_least(0).field("sponsors[].program_usd_bn"),
        K("sponsors[].start_step", INT, "1", "first step with proposals").at_least(0).field("sponsors[].start_step"),
        // ---- behavior -----------------------------------------------------------
        K("behavior", SEC, "{}", "how governments decide to join"),
        K("behavior.decision_rule", ENUM, "logit", "decision rule").one_of(enum_name_list<DecisionRule>()).field("behavior.rule"),
        K("behavior.logit", SEC, "{}", "logit rule: utility weights"),
        K("behavior.logit.intercept", NUM, "-4", "utility intercept").field("behavior.logit.intercept"),
        K("behavior.logit.tariff_relief", NUM, "1", "weight per pct of GDP of expected tariff relief").field("behavior.logit.tariff_relief"),
        K("behavior.logit.fund_return", NUM, "1", "weight per pct of GDP of expected net fund return").field("behavior.logit.fund_return"),
        K("behavior.logit.peer", NUM, "3", "weight on the weighted share of member neighbours").field("behavior.logit.peer"),
        K("behavior.logit.alliance", NUM, "2", "weight on alliance with the founders").field("behavior.logit.alliance"),
        K("behavior.logit.risk", NUM, "1", "weight on fund risk").field("behavior.logit.risk"),
        K("behavior.logit.fiscal_cost", NUM, "1", "weight on the fiscal cost of a stake").field("behavior.logit.fiscal_cost"),
        K("behavior.logit.exit_inertia", NUM, "2", "members' reluctance to leave (exit index offset)").field("behavior.logit.exit_inertia"),
        K("behavior.logit.member_tariff", NUM, "0.15", "rate a member expects from the founders (relief: exports regained below it)").unit("rate").rate().field("behavior.logit.member_tariff"),
        K("behavior.logit.performance", NUM, "1", "exit weight per pct point the fund's believed return trails fund.cash_return").field("behavior.logit.performance"),
        K("behavior.logit.adjustment_speed", NUM, "0.1", "share of decisions revised per step").share().field("behavior.logit.adjustment_speed"),
        K("behavior.logit.founding_bonus", NUM, "0", "utility of founding-member status, at stake until founding_deadline_step").field("behavior.logit.founding_bonus"),
        K("behavior.logit.founding_deadline_step", INT, "", "first step at which founding status is closed (absent = no founding window)").at_least(1).field("behavior.logit.founding_deadline_step"),
        K("behavior.threshold", SEC, "{}", "threshold rule (Granovetter 1978; Watts 2002)"),
        K("behavior.threshold.phi", NUM, "0.18", "join when member weight / degree >= phi").share().field("behavior.phi"),
        K("behavior.bass", SEC, "{}", "Bass (1969) rule: hazard p + q F"),
        K("behavior.bass.p", NUM, "0.03", "innovation").unit("per step").share().field("behavior.bass_p"),
        K("behavior.bass.q", NUM, "0.38", "imitation").unit("per step").share().field("behavior.bass_q"),
        K("behavior.bass.scope", ENUM, "network", "F among neighbours (network) or everyone (global)").one_of(enum_name_list<BassScope>()).field("behavior.bass_scope"),
        // ---- events -------------------------------------------------------------
        K("events", LIST, "[]", "scheduled (at) or random (rate_per_year) events").field("events"),
        K("events[].type", ENUM, "", "event type").one_of(enum_name_list<EventType>()).required().field("events[].type"),
        K("events[].at", INT, "", "step it fires (0 .. experiment.steps); exactly one of at, rate_per_year").at_least(0).field("events[].at"),
        K("events[].rate_per_year", NUM, "", "Poisson rate of a random event (at most 1000: the per-step loop is bounded)").unit("per year").above(0).at_most(1000).field("events[].rate_per_year"),
        K("events[].name", STR, "", "label (summit: its name)").field("events[].name"),
        K("events[].from", KeyType::id_or_random, "", "government setting the tariff").events("tariff").required().field("events[].from"),
        K("events[].to", KeyType::tariff_targets, "", "who faces it: all, random, an id or [ids]").events("tariff").required().field("events[].to_all / targets"),
        K("events[].rate", NUM, "", "tariff rate (trade_deal: A's rate on B)").unit("rate").rate().events("tariff trade_deal").required().field("events[].rate"),
        K("events[].between", KeyType::id_pair, "", "[A, B]; B may be random").events("trade_deal").required().field("events[].from / to_one"),
        K("events[].rate_back", NUM, "", "B's rate on A (absent: unchanged)").unit("rate").rate().events("trade_deal").field("events[].rate_back"),
        K("events[].commitment", NUM, "0", "headline commitment of B (shared by GDP in a bloc); negotiators.stake_share of it becomes B's stake").unit("USD bn").at_least(0).events("trade_deal").field("events[].commitment_usd_bn"),
        K("events[].membership", BOOL, "false", "B joins the fund").events("trade_deal").field("events[].membership"),
        K("events[].unless_deal", BOOL, "false", "skip targets that have closed a deal with the setter").events("tariff").field("events[].unless_deal"),
        K("events[].members", KeyType::id_list, "", "governments whose negotiators face the deadline").events("summit").required().field("events[].targets"),
        K("events[].size", NUM, "", "shock to project value").unit("fraction").range(-1, 1).events("market_shock").required().field("events[].size"),
        K("events[].size_sd", NUM, "0", "sd of the normal noise on size, drawn each time the event fires").unit("fraction").at_least(0).events("market_shock").field("events[].size_sd"),
        K("events[].sector", STR, "", "only this sector (absent = all)").events("market_shock").field("events[].sector"),
        K("events[].government", KeyType::id_or_random, "", "the government concerned").events("policy_shift join exit").required().field("events[].government"),
        K("events[].volatility", NUM, "", "its new political_volatility").share().events("policy_shift").required().field("events[].volatility"),
        // ---- sweep --------------------------------------------------------------
        K("sweep", SEC, "", "parameter sweep (absent = one point)"),
        K("sweep.design", ENUM, "grid", "how points are made").one_of(enum_name_list<SweepDesign>()).field("sweep.design"),
        K("sweep.samples", INT, "16", "sampled points (random, latin_hypercube, sobol); saltelli: base rows N, giving N * (k + 2) points for k ranges").range(1, 1000000).field("sweep.samples"),
        K("sweep.parameters", KeyType::sweep_parameters, "", "dotted.path: [grid values] or {min, max, integer: false}").required().field("sweep.parameters"),
        // ---- calibration (fundsim calibrate; docs/calibration.md) -----------------
        K("calibration", SEC, "", "what `fundsim calibrate` fits and to which data (docs/calibration.md); `run` ignores it, `calibrate` ignores `sweep`"),
        K("calibration.parameters", KeyType::sweep_parameters, "", "dotted.path: {min, max, integer: false}, a uniform prior per fitted parameter").required().field("calibration.parameters"),
        K("calibration.targets", LIST, "", "observations, each matched to a result metric").required().field("calibration.targets"),
        K("calibration.targets[].metric", STR, "", "a series.csv metric (members, adoption, ...): the mean over worlds at the observed steps; exactly one of metric, column").field("calibration.targets[].metric"),
        K("calibration.targets[].column", STR, "", "a governments.csv column (p_member_final, p_joined, mean_join_step, ...) per government").field("calibration.targets[].column"),
        K("calibration.targets[].at", INT, "", "metric: the step observed (with value); or give from_csv").at_least(0).field("calibration.targets[].observations"),
        K("calibration.targets[].government", ID, "", "column: the government observed (with value); or give from_csv").field("calibration.targets[].observations"),
        K("calibration.targets[].value", NUM, "", "the observed value at `at` or of `government`").field("calibration.targets[].observations"),
        K("calibration.targets[].from_csv", PATH, "", "observations: CSV step,value (metric) or government,value (column)").field("calibration.targets[].observations"),
        K("calibration.targets[].weight", NUM, "1", "weight of the target in the distance").above(0).field("calibration.targets[].weight"),
        K("calibration.method", ENUM, "abc_smc", "ABC by sequential Monte Carlo (Toni et al. 2009; Beaumont et al. 2009)").one_of({"abc_smc"}).field("calibration.method"),
        K("calibration.distance", ENUM, "rmse", "root mean square of residuals divided by each target's RMS observed value").one_of({"rmse"}).field("calibration.distance"),
        K("calibration.particles", INT, "100", "particles per generation").range(2, 1000000).field("calibration.particles"),
        K("calibration.generations", INT, "5", "SMC generations (the first samples the prior)").range(1, 1000).field("calibration.generations"),
        K("calibration.worlds", INT, "20", "worlds simulated per particle (their mean is compared with the data)").range(1, 1000000).field("calibration.worlds"),
        K("calibration.quantile", NUM, "0.5", "tolerance of a generation: this quantile of the previous generation's distances").range(0.01, 0.99).field("calibration.quantile"),
        K("calibration.max_attempts", INT, "200", "proposals per particle and generation; then the closest one is kept").range(1, 1000000).field("calibration.max_attempts"),
    };
}

}  // namespace

const std::vector<KeySpec>& schema_table() {
    static const std::vector<KeySpec> table = build_table();
    return table;
}

const KeySpec* find_key(std::string_view path) {
    static const std::map<std::string_view, const KeySpec*> index = [] {
        std::map<std::string_view, const KeySpec*> m;
        for (const KeySpec& spec : schema_table()) m.emplace(spec.path, &spec);
        return m;
    }();
    const auto it = index.find(path);
    return it == index.end() ? nullptr : it->second;
}

std::vector<const KeySpec*> child_keys(std::string_view parent) {
    std::vector<const KeySpec*> out;
    for (const KeySpec& spec : schema_table()) {
        const std::string_view p = spec.path;
        const std::size_t cut = p.rfind('.');
        const std::string_view owner = cut == std::string_view::npos ? std::string_view() : p.substr(0, cut);
        if (owner == parent) out.push_back(&spec);
    }
    return out;
}

}  // namespace fundsim
