#pragma once
/// The validated experiment: plain structs parsed once from the YAML file.
/// The simulation reads only these; it never sees a YAML::Node.
/// Every field is named after its YAML path (docs/ODD.md, configs/README.md);
/// units are in the names or the comments. Defaults live in the schema table
/// (experiment/schema.cpp), not here.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_names.hpp"

namespace fundsim {

/// Index of a government in Experiment::governments.
using GovIndex = std::int32_t;
/// Sentinel: "draw a government uniformly at random when the event fires".
inline constexpr GovIndex kRandomGovernment = -2;
/// Sentinel: "no government".
inline constexpr GovIndex kNoGovernment = -1;

// Each enumeration is one list (core/enum_names.hpp): its values, its names
// in the experiment file and in the output, and its count come from it. The
// schema's allowed values and the builder's parsing read the same table.

/// behavior.decision_rule (SPEC §3).
#define FUNDSIM_DECISION_RULES(X) X(logit) X(threshold) X(bass)
FUNDSIM_NAMED_ENUM(DecisionRule, int, FUNDSIM_DECISION_RULES);
/// behavior.bass.scope.
#define FUNDSIM_BASS_SCOPES(X) X(network) X(global)
FUNDSIM_NAMED_ENUM(BassScope, int, FUNDSIM_BASS_SCOPES);
/// network.generator.type.
#define FUNDSIM_NETWORK_GENERATORS(X) X(none) X(complete) X(erdos_renyi) X(watts_strogatz) X(barabasi_albert)
FUNDSIM_NAMED_ENUM(NetworkGenerator, int, FUNDSIM_NETWORK_GENERATORS);
/// events[].type; each type also has its metric events_<type> (world/metrics.hpp).
#define FUNDSIM_EVENT_TYPES(X) X(tariff) X(trade_deal) X(summit) X(market_shock) X(policy_shift) X(join) X(exit)
FUNDSIM_NAMED_ENUM(EventType, int, FUNDSIM_EVENT_TYPES);
inline constexpr int kEventTypeCount = static_cast<int>(enum_count<EventType>());
/// investors.classes[].kind.
#define FUNDSIM_INVESTOR_KINDS(X) X(pension) X(insurer) X(sovereign) X(bank) X(citizens)
FUNDSIM_NAMED_ENUM(InvestorKind, int, FUNDSIM_INVESTOR_KINDS);
/// sweep.design.
#define FUNDSIM_SWEEP_DESIGNS(X) X(grid) X(random) X(latin_hypercube) X(sobol) X(saltelli)
FUNDSIM_NAMED_ENUM(SweepDesign, int, FUNDSIM_SWEEP_DESIGNS);

/// One government as read from `governments.list`, `from_csv` or `generate`.
struct GovernmentSpec {
    std::string id;                     ///< ISO3 code or generated "G<k>"
    std::string name;                   ///< display name (defaults to id)
    double gdp_usd_bn = 0;              ///< GDP, USD bn per year, > 0
    double fiscal_capacity_gdp_share = 0; ///< most it can commit to the fund, share of GDP
    double stake_gdp_share = 0;         ///< stake it commits on joining, share of GDP
    double risk_aversion = 0;           ///< >= 0, weight on fund risk
    double political_volatility = 0;    ///< 0..1, chance-like instability of its policy
    double alliance = 0;                ///< 0..1, alignment with the founders
    std::optional<double> threshold;    ///< per-government phi (threshold rule), 0..1
    double swf_assets_usd_bn = 0;       ///< sovereign-fund assets it could pledge from, USD bn
    double threat_tariff = 0;           ///< rate the counterpart has announced for it (0 = none)
};

/// A bloc that negotiates once for its member states, which join or stay
/// out together (SPEC §3.1.3). Its commitment is shared by GDP share.
struct BlocSpec {
    std::string name;
    std::vector<GovIndex> members;      ///< at least two, none a founder, none in another bloc
};

/// A bilateral goods flow, USD bn per year at the reference tariff.
struct TradeFlow {
    GovIndex exporter = 0;
    GovIndex importer = 0;
    double value_usd_bn = 0;
};

/// An undirected tie carrying peer influence (trade, alliance).
struct TieSpec {
    GovIndex a = 0;
    GovIndex b = 0;
    double weight = 1;  ///< > 0
};

struct NetworkSpec {
    std::vector<TieSpec> ties;          ///< from `network.from_csv`: same in every world
    NetworkGenerator generator = NetworkGenerator::none;  ///< drawn anew in every world
    double mean_degree = 4;             ///< erdos_renyi: expected degree z
    int k = 4;                          ///< watts_strogatz: ring neighbours (even)
    double beta = 0.1;                  ///< watts_strogatz: rewiring probability
    int m = 2;                          ///< barabasi_albert: edges per new vertex
};

struct FundSpec {
    /// Founders with their share of initial capital (shares sum to 1), or
    /// empty with `random_founders` >= 0: that many drawn per world.
    std::vector<std::pair<GovIndex, double>> founders;
    int random_founders = -1;           ///< -1: founders listed; K >= 0: K random per world
    double initial_capital_usd_bn = 300;
    double max_leverage = 3;            ///< assets / equity cap, >= 1
    double cost_of_debt_per_year = 0.045;
    double management_fee_per_year = 0.005;  ///< on assets
    double distribution_rate = 0.8;     ///< share of positive profit paid to owners
    double governance_quality = 0.7;    ///< 0..1
    double hurdle_rate_per_year = 0.06; ///< project selection hurdle
    double risk_penalty = 0.25;         ///< selection: return - penalty * volatility
    double fire_sale_haircut = 0.1;     ///< loss share when deleveraging
    double cash_return_per_year = 0.04;
    double tax_rate = 0.21;             ///< counterfactual: tax on project profit
    double incentive_cost_share = 0.05; ///< counterfactual: incentive cost, share of capex
};

struct NegotiatorSpec {
    bool enabled = false;               ///< true when the section names parties
    GovIndex counterpart = kNoGovernment;  ///< a founder
    std::vector<GovIndex> parties;      ///< governments that negotiate
    int start_step = 1;
    int deadline_months = 12;
    double target_tariff = 0;           ///< the party's ideal rate it faces
    double reservation_tariff = 0.2;    ///< the most the party accepts
    double reservation_sd = 0.05;       ///< per-world noise on reservation
    double counterpart_reservation = 0.1; ///< counterpart's floor, reached with a commitment
    double boulware_share = 0.5;        ///< share of parties using Boulware (else conceder)
    double boulware_beta = 0.3;         ///< beta < 1: concede late
    double conceder_beta = 3.0;         ///< beta > 1: concede early
    double initial_concession = 0.0;    ///< kappa in alpha(t)
    double deficit_premium = 0.2;       ///< no-commitment floor = reservation + premium x surplus share [N5]
    double commitment_price = 25;       ///< USD bn committed per USD bn of yearly exports per unit of rate cut [N6]
    double pledge_capacity_gdp_share = 0.1; ///< most a party pledges from its budget, share of GDP
    double swf_pledge_share = 0.25;     ///< share of its sovereign-fund assets it can pledge
    double horizon_years = 3;           ///< years over which a party values a tariff cut
    double commitment_cost = 0.3;       ///< cost to the party per USD of commitment
    double alliance_discount = 0.5;     ///< cost cut for a fully allied party (x alliance)
    double commitment_fixed_cost = 0.002; ///< political cost of any pledge, share of GDP [N7]
    double stake_share = 0.02;          ///< share of a commitment placed in the fund as a stake
    int lock_in_months = 24;            ///< a deal commitment binds this long
    double escalation_probability = 0.5; ///< a breakdown escalates tariffs
    double escalation_tariff = 0.1;     ///< added to the counterpart's rate
    int cooldown_months = 6;            ///< wait after a breakdown before new talks
};

struct InvestorClassSpec {
    GovIndex country = 0;               ///< domicile
    InvestorKind kind = InvestorKind::pension;
    int count = 1;                      ///< investors in the class
    double capital_usd_bn = 1;          ///< each investor's ticket
    double hurdle_per_year = 0.06;
    double risk_aversion = 1;
    double herding = 1;                 ///< weight on share of class already committed
    double home_bias = 1;               ///< weight on home government's membership
};

struct InvestorsSpec {
    double expected_return_prior_per_year = 0.08;
    double belief_weight = 0.2;         ///< weight of the latest realised fund return
    double sensitivity = 20;            ///< logit slope on excess return
    double adjustment_speed = 0.2;      ///< per step
    std::vector<InvestorClassSpec> classes;
};

struct SponsorSpec {
    std::string name;
    std::string sector;
    GovIndex location = 0;
    double capex_usd_bn = 10;           ///< mean per project
    double capex_cv = 0.3;              ///< coefficient of variation of capex
    double expected_return_per_year = 0.09;
    double volatility_per_year = 0.15;
    int duration_months = 60;
    double rate_per_year = 4;           ///< proposals per year (Poisson)
    double program_usd_bn = 0;          ///< cap on total capex financed, 0 = none
    int start_step = 1;
};

struct LogitSpec {
    double intercept = -4;
    double tariff_relief = 1;           ///< per pct of GDP of relief
    double fund_return = 1;             ///< per pct of GDP of expected net return
    double peer = 3;
    double alliance = 2;
    double risk = 1;
    double fiscal_cost = 1;
    double exit_inertia = 2;
    double performance = 1;             ///< exit weight per pct point the fund trails the safe rate
    double member_tariff = 0.15;        ///< rate a member expects from the founders
    double adjustment_speed = 0.1;      ///< per step
    /// Worth of founding-member status, utility; it counts only before the
    /// founding deadline (docs/ODD.md G8).
    double founding_bonus = 0;
    std::optional<int> founding_deadline_step;  ///< first step with founding closed; absent = no founding window
};

struct BehaviorSpec {
    DecisionRule rule = DecisionRule::logit;
    LogitSpec logit;
    double phi = 0.18;                  ///< behavior.threshold.phi
    double bass_p = 0.03;
    double bass_q = 0.38;
    BassScope bass_scope = BassScope::network;
};

struct TradeSpec {
    double elasticity = 4;              ///< constant trade elasticity
    double base_tariff = 0.024;         ///< reference rate for every pair
};

/// An event; `at` or `rate_per_year` is set, not both.
struct EventSpec {
    EventType type = EventType::tariff;
    std::optional<int> at;              ///< scheduled step
    double rate_per_year = 0;           ///< random: Poisson rate
    std::string name;
    GovIndex from = kNoGovernment;      ///< tariff setter / trade_deal side A
    GovIndex to_one = kNoGovernment;    ///< trade_deal side B
    bool to_all = false;                ///< tariff: to every other government
    std::vector<GovIndex> targets;      ///< tariff `to` list; summit `members`
    double rate = 0;                    ///< tariff rate, 0..5
    std::optional<double> rate_back;    ///< trade_deal: B's rate on A
    double commitment_usd_bn = 0;       ///< trade_deal: stake committed by B
    bool membership = false;            ///< trade_deal: B joins
    double size = 0;                    ///< market_shock: return shock, fraction of project value
    double size_sd = 0;
    std::string sector;                 ///< market_shock: only this sector ("" = all)
    GovIndex government = kNoGovernment; ///< policy_shift / join / exit
    bool unless_deal = false;           ///< tariff: skip targets that closed a deal with the setter
    double volatility = 0;              ///< policy_shift: new political_volatility
};

struct SweepParameter {
    std::string path;                   ///< dotted YAML path
    std::vector<std::string> values;    ///< grid values (scalar text)
    std::optional<double> min, max;     ///< a sampled range
    bool is_integer = false;
};

/// The `calibration:` section (experiment/calibration_spec.hpp).
struct CalibrationSpec;

struct SweepSpec {
    SweepDesign design = SweepDesign::grid;
    int samples = 16;
    std::vector<SweepParameter> parameters;
};

struct Experiment {
    std::string name;
    std::string file;                   ///< the experiment file as given
    std::uint64_t seed = 1;
    int worlds = 100;
    int steps = 36;
    int months_per_step = 1;
    std::string start_date;             ///< ISO YYYY-MM-DD of step 0, "" = none (only figures read it)
    std::string output_dir;
    int trajectories = 20;
    std::string output_format = "csv";  ///< result files: csv | hdf5

    std::vector<GovernmentSpec> governments;
    std::vector<TradeFlow> trade_flows;
    /// `generate`: attributes drawn per world (gdp lognormal around this median).
    bool governments_generated = false;
    double generate_gdp_sigma = 1.0;

    FundSpec fund;
    NetworkSpec network;
    NegotiatorSpec negotiators;
    InvestorsSpec investors;
    std::vector<SponsorSpec> sponsors;
    BehaviorSpec behavior;
    TradeSpec trade;
    std::vector<EventSpec> events;
    std::vector<BlocSpec> blocs;
    SweepSpec sweep;
    /// `calibration:` as read (null when the file has none); only
    /// `fundsim calibrate` reads it.
    std::shared_ptr<const CalibrationSpec> calibration;

    /// Index of a government id, or kNoGovernment.
    GovIndex find_government(const std::string& id) const;
};

}  // namespace fundsim
