// ExperimentFile: YAML -> validated Experiment (experiment/experiment_file.hpp).
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "experiment/experiment_file.hpp"
#include "experiment/scalar_text.hpp"
#include "experiment/schema.hpp"
#include "experiment/sweep.hpp"
#include "world/error.hpp"

namespace fs = std::filesystem;
using namespace fundsim;

namespace {

const std::string kData = std::string(FUNDSIM_SOURCE_DIR) + "/tests/experiment_data/";

/// Writes `text` to a fresh file in the temp folder and returns its path.
std::string write_temp(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / ("fundsim_test_experiment_file_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

const char* kMinimal = R"(experiment:
  name: tiny
governments:
  list:
    - {id: USA, gdp: 29184}
    - {id: JPN}
    - {id: KOR, alliance: 0.8}
)";

double table_default(const char* path) {
    const KeySpec* spec = find_key(path);
    REQUIRE(spec != nullptr);
    return *parse_number(spec->default_text).value;
}

std::string load_error(const std::string& path, const std::vector<Override>& sets = {}) {
    try {
        ExperimentFile::load(path, sets);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("ExperimentFile.loads_full_experiment_into_every_section") {
    const ExperimentFile file = ExperimentFile::load(kData + "full.yaml");
    const Experiment ex = file.resolve();
    CHECK(ex.name == "full_test");
    CHECK(ex.file == kData + "full.yaml");
    CHECK(ex.seed == 42);
    CHECK(ex.worlds == 250);
    CHECK(ex.steps == 48);
    CHECK(ex.months_per_step == 3);
    CHECK(ex.output_dir == "out/full");
    CHECK(ex.trajectories == 5);

    SUBCASE("governments from csv with defaults and trade columns") {
        REQUIRE(ex.governments.size() == 5);
        const GovIndex jpn = ex.find_government("JPN");
        REQUIRE(jpn == 1);
        const GovernmentSpec& j = ex.governments[1];
        CHECK(j.name == "Japan");
        CHECK(j.gdp_usd_bn == doctest::Approx(4027.598));
        CHECK(j.fiscal_capacity_gdp_share == doctest::Approx(0.01));  // empty cell -> table default
        CHECK(j.stake_gdp_share == doctest::Approx(0.003));            // governments.defaults
        CHECK(j.risk_aversion == doctest::Approx(1.5));
        CHECK(j.alliance == doctest::Approx(0.9));
        REQUIRE(j.threshold.has_value());
        CHECK(*j.threshold == doctest::Approx(0.3));
        CHECK_FALSE(ex.governments[0].threshold.has_value());
        CHECK(ex.governments[2].name == "Korea, Rep.");
        CHECK(ex.governments[3].alliance == doctest::Approx(0.5));
        CHECK(ex.find_government("XXX") == kNoGovernment);
        REQUIRE(ex.trade_flows.size() == 8);
        bool jpn_to_usa = false, usa_to_jpn = false;
        for (const TradeFlow& f : ex.trade_flows) {
            if (f.exporter == 1 && f.importer == 0) jpn_to_usa = f.value_usd_bn == doctest::Approx(148.209);
            if (f.exporter == 0 && f.importer == 1) usa_to_jpn = f.value_usd_bn == doctest::Approx(79.741);
        }
        CHECK(jpn_to_usa);
        CHECK(usa_to_jpn);
        CHECK_FALSE(ex.governments_generated);
    }
    SUBCASE("fund") {
        REQUIRE(ex.fund.founders.size() == 2);
        CHECK(ex.fund.founders[0].first == 0);
        CHECK(ex.fund.founders[0].second == doctest::Approx(0.6));
        CHECK(ex.fund.random_founders == -1);
        CHECK(ex.fund.initial_capital_usd_bn == 250);
        CHECK(ex.fund.max_leverage == 4.5);
        CHECK(ex.fund.cost_of_debt_per_year == doctest::Approx(0.05));
        CHECK(ex.fund.management_fee_per_year == doctest::Approx(0.01));
        CHECK(ex.fund.distribution_rate == doctest::Approx(0.7));
        CHECK(ex.fund.governance_quality == doctest::Approx(0.6));
        CHECK(ex.fund.hurdle_rate_per_year == doctest::Approx(0.07));
        CHECK(ex.fund.risk_penalty == doctest::Approx(0.3));
        CHECK(ex.fund.fire_sale_haircut == doctest::Approx(0.2));
        CHECK(ex.fund.cash_return_per_year == doctest::Approx(0.03));
        CHECK(ex.fund.tax_rate == doctest::Approx(0.25));
        CHECK(ex.fund.incentive_cost_share == doctest::Approx(0.06));
    }
    SUBCASE("network ties from csv, trade") {
        REQUIRE(ex.network.ties.size() == 4);
        CHECK(ex.network.ties[0].a == 0);
        CHECK(ex.network.ties[0].b == 1);
        CHECK(ex.network.ties[0].weight == 3);
        CHECK(ex.network.ties[2].weight == 1);  // empty cell
        CHECK(ex.network.generator == NetworkGenerator::none);
        CHECK(ex.trade.elasticity == 5);
        CHECK(ex.trade.base_tariff == doctest::Approx(0.03));
    }
    SUBCASE("negotiators, investors, sponsors") {
        const NegotiatorSpec& n = ex.negotiators;
        CHECK(n.enabled);
        CHECK(n.counterpart == 0);
        CHECK(n.parties == std::vector<GovIndex>{2, 3});
        CHECK(n.start_step == 2);
        CHECK(n.deadline_months == 9);
        CHECK(n.target_tariff == doctest::Approx(0.01));
        CHECK(n.reservation_tariff == doctest::Approx(0.15));
        CHECK(n.reservation_sd == doctest::Approx(0.02));
        CHECK(n.counterpart_reservation == doctest::Approx(0.12));
        CHECK(n.boulware_share == doctest::Approx(0.4));
        CHECK(n.boulware_beta == doctest::Approx(0.2));
        CHECK(n.conceder_beta == 4);
        CHECK(n.initial_concession == doctest::Approx(0.1));
        CHECK(n.deficit_premium == doctest::Approx(0.05));
        CHECK(n.commitment_price == doctest::Approx(12));
        CHECK(n.pledge_capacity_gdp_share == doctest::Approx(0.3));
        CHECK(n.swf_pledge_share == doctest::Approx(0.5));
        CHECK(n.horizon_years == doctest::Approx(4));
        CHECK(n.commitment_cost == doctest::Approx(0.35));
        CHECK(n.alliance_discount == doctest::Approx(0.4));
        CHECK(n.commitment_fixed_cost == doctest::Approx(0.001));
        CHECK(n.stake_share == doctest::Approx(0.03));
        CHECK(n.lock_in_months == 18);
        CHECK(n.escalation_probability == doctest::Approx(0.6));
        CHECK(n.escalation_tariff == doctest::Approx(0.15));
        CHECK(n.cooldown_months == 3);
        CHECK(ex.investors.expected_return_prior_per_year == doctest::Approx(0.07));
        CHECK(ex.investors.belief_weight == doctest::Approx(0.3));
        CHECK(ex.investors.sensitivity == 15);
        CHECK(ex.investors.adjustment_speed == doctest::Approx(0.25));
        REQUIRE(ex.investors.classes.size() == 2);
        CHECK(ex.investors.classes[0].country == 1);
        CHECK(ex.investors.classes[0].kind == InvestorKind::pension);
        CHECK(ex.investors.classes[0].count == 3);
        CHECK(ex.investors.classes[0].capital_usd_bn == doctest::Approx(2.5));
        CHECK(ex.investors.classes[0].hurdle_per_year == doctest::Approx(0.05));
        CHECK(ex.investors.classes[0].herding == doctest::Approx(0.5));
        CHECK(ex.investors.classes[0].home_bias == doctest::Approx(1.5));
        CHECK(ex.investors.classes[1].kind == InvestorKind::citizens);
        CHECK(ex.investors.classes[1].hurdle_per_year == doctest::Approx(0.06));
        REQUIRE(ex.sponsors.size() == 2);
        const SponsorSpec& s = ex.sponsors[0];
        CHECK(s.name == "AI data centres");
        CHECK(s.sector == "ai");
        CHECK(s.location == 0);
        CHECK(s.capex_usd_bn == 20);
        CHECK(s.capex_cv == doctest::Approx(0.4));
        CHECK(s.expected_return_per_year == doctest::Approx(0.11));
        CHECK(s.volatility_per_year == doctest::Approx(0.25));
        CHECK(s.duration_months == 72);
        CHECK(s.rate_per_year == 6);
        CHECK(s.program_usd_bn == 500);
        CHECK(s.start_step == 0);
        CHECK(ex.sponsors[1].sector == "other");
        CHECK(ex.sponsors[1].location == 1);
    }
    SUBCASE("behavior") {
        CHECK(ex.behavior.rule == DecisionRule::bass);
        CHECK(ex.behavior.logit.intercept == -3);
        CHECK(ex.behavior.logit.peer == doctest::Approx(2.5));
        CHECK(ex.behavior.logit.alliance == doctest::Approx(table_default("behavior.logit.alliance")));
        CHECK(ex.behavior.logit.member_tariff == doctest::Approx(0.12));
        CHECK(ex.behavior.logit.performance == doctest::Approx(1.5));
        CHECK(ex.behavior.logit.adjustment_speed == doctest::Approx(0.2));
        CHECK(ex.behavior.phi == doctest::Approx(0.25));
        CHECK(ex.behavior.bass_p == doctest::Approx(0.02));
        CHECK(ex.behavior.bass_q == doctest::Approx(0.4));
        CHECK(ex.behavior.bass_scope == BassScope::global);
    }
    SUBCASE("events of every type") {
        REQUIRE(ex.events.size() == 10);
        const auto& e = ex.events;
        CHECK(e[0].type == EventType::tariff);
        CHECK(e[0].at == 0);
        CHECK(e[0].from == 0);
        CHECK(e[0].to_all);
        CHECK(e[0].rate == doctest::Approx(0.1));
        CHECK(e[1].targets == std::vector<GovIndex>{2, 3});
        CHECK_FALSE(e[2].at.has_value());
        CHECK(e[2].rate_per_year == doctest::Approx(0.5));
        CHECK(e[2].from == kRandomGovernment);
        CHECK(e[2].targets == std::vector<GovIndex>{kRandomGovernment});
        CHECK(e[3].type == EventType::trade_deal);
        CHECK(e[3].from == 0);
        CHECK(e[3].to_one == 4);
        CHECK(e[3].rate_back == doctest::Approx(0.05));
        CHECK(e[3].commitment_usd_bn == 20);
        CHECK(e[3].membership);
        CHECK(e[4].to_one == kRandomGovernment);
        CHECK_FALSE(e[4].rate_back.has_value());
        CHECK_FALSE(e[4].membership);
        CHECK(e[5].type == EventType::summit);
        CHECK(e[5].name == "G7");
        CHECK(e[5].targets.size() == 4);
        CHECK(e[6].type == EventType::market_shock);
        CHECK(e[6].size == doctest::Approx(-0.3));
        CHECK(e[6].size_sd == doctest::Approx(0.1));
        CHECK(e[6].sector == "ai");
        CHECK(e[7].type == EventType::policy_shift);
        CHECK(e[7].government == 3);
        CHECK(e[7].volatility == doctest::Approx(0.6));
        CHECK(e[8].type == EventType::join);
        CHECK(e[8].government == 2);
        CHECK(e[9].type == EventType::exit);
        CHECK(e[9].government == kRandomGovernment);
    }
    SUBCASE("sweep") {
        CHECK(ex.sweep.design == SweepDesign::latin_hypercube);
        CHECK(ex.sweep.samples == 32);
        REQUIRE(ex.sweep.parameters.size() == 3);
        CHECK(ex.sweep.parameters[0].path == "behavior.bass.q");
        CHECK(ex.sweep.parameters[0].values == std::vector<std::string>{"0.2", "0.4"});
        CHECK(ex.sweep.parameters[1].min == 1);
        CHECK(ex.sweep.parameters[1].max == 5);
        CHECK_FALSE(ex.sweep.parameters[1].is_integer);
        CHECK(ex.sweep.parameters[2].is_integer);  // an integer key
    }
}

TEST_CASE("ExperimentFile.applies_table_defaults_when_keys_absent") {
    const Experiment ex = ExperimentFile::load(write_temp("tiny.yaml", kMinimal)).resolve();
    CHECK(ex.output_dir == "runs/tiny");
    CHECK(ex.seed == 1);
    CHECK(ex.worlds == static_cast<int>(table_default("experiment.worlds")));
    CHECK(ex.steps == static_cast<int>(table_default("experiment.steps")));
    CHECK(ex.trajectories == static_cast<int>(table_default("experiment.output.trajectories")));
    CHECK(ex.fund.founders.empty());
    CHECK(ex.fund.max_leverage == table_default("fund.max_leverage"));
    CHECK(ex.fund.initial_capital_usd_bn == table_default("fund.initial_capital"));
    CHECK(ex.fund.tax_rate == table_default("fund.tax_rate"));
    CHECK(ex.governments[1].gdp_usd_bn == table_default("governments.defaults.gdp"));
    CHECK(ex.governments[1].political_volatility == table_default("governments.defaults.political_volatility"));
    CHECK(ex.governments[1].name == "JPN");
    CHECK(ex.governments[2].alliance == 0.8);
    CHECK(ex.network.generator == NetworkGenerator::none);
    CHECK(ex.network.mean_degree == table_default("network.generator.mean_degree"));
    CHECK(ex.negotiators.enabled == false);
    CHECK(ex.negotiators.cooldown_months == static_cast<int>(table_default("negotiators.cooldown_months")));
    CHECK(ex.investors.sensitivity == table_default("investors.sensitivity"));
    CHECK(ex.behavior.rule == DecisionRule::logit);
    CHECK(ex.behavior.logit.intercept == table_default("behavior.logit.intercept"));
    CHECK(ex.behavior.phi == table_default("behavior.threshold.phi"));
    CHECK(ex.behavior.bass_q == table_default("behavior.bass.q"));
    CHECK(ex.trade.base_tariff == table_default("trade.base_tariff"));
    CHECK(ex.events.empty());
    CHECK(ex.sweep.parameters.empty());
}

TEST_CASE("ExperimentFile.reads_list_governments_with_trade_flows") {
    const std::string path = write_temp("flows.yaml", std::string(kMinimal) + R"(    - {id: DEU, exports: {USA: 160, JPN: 20}, imports: {KOR: 5}}
  defaults: {gdp: 700, threshold: 0.2}
fund: {founders: {random: 2}}
network: {generator: {type: watts_strogatz, k: 2, beta: 0.3}}
)");
    const Experiment ex = ExperimentFile::load(path).resolve();
    REQUIRE(ex.governments.size() == 4);
    CHECK(ex.governments[1].gdp_usd_bn == 700);
    CHECK(ex.governments[0].gdp_usd_bn == 29184);
    CHECK(ex.governments[3].threshold == 0.2);
    REQUIRE(ex.trade_flows.size() == 3);
    CHECK(ex.trade_flows[0].exporter == 3);
    CHECK(ex.trade_flows[0].importer == 0);
    CHECK(ex.trade_flows[0].value_usd_bn == 160);
    CHECK(ex.trade_flows[2].exporter == 2);
    CHECK(ex.trade_flows[2].importer == 3);
    CHECK(ex.fund.random_founders == 2);
    CHECK(ex.network.generator == NetworkGenerator::watts_strogatz);
    CHECK(ex.network.k == 2);
    CHECK(ex.network.beta == doctest::Approx(0.3));
}

TEST_CASE("ExperimentFile.generates_governments") {
    const std::string path = write_temp("gen.yaml", R"(experiment: {name: big}
governments:
  generate: {count: 1000, gdp_median: 50, gdp_sigma: 0.5}
  defaults: {threshold: 0.18}
network: {generator: {type: erdos_renyi, mean_degree: 4}}
events: [{at: 1, type: join, government: G17}]
)");
    const Experiment ex = ExperimentFile::load(path).resolve();
    REQUIRE(ex.governments.size() == 1000);
    CHECK(ex.governments_generated);
    CHECK(ex.generate_gdp_sigma == 0.5);
    CHECK(ex.governments[999].id == "G999");
    CHECK(ex.governments[5].gdp_usd_bn == 50);
    CHECK(ex.governments[5].threshold == 0.18);
    CHECK(ex.events[0].government == 17);
}

TEST_CASE("ExperimentFile.set_overrides_nested_keys") {
    const std::string path = write_temp("tiny.yaml", kMinimal);
    const Experiment ex = ExperimentFile::load(path, {parse_override("fund.max_leverage=4"),
                                                      parse_override("network.generator.type=erdos_renyi"),
                                                      parse_override("network.generator.mean_degree=1.5"),
                                                      parse_override("behavior.bass.scope=global"),
                                                      parse_override("fund.founders={USA: 0.5, JPN: 0.5}"),
                                                      parse_override("negotiators.parties=[KOR]"),
                                                      parse_override("negotiators.counterpart=USA"),
                                                      parse_override("experiment.output.dir=/tmp/x")})
                              .resolve();
    CHECK(ex.fund.max_leverage == 4);
    CHECK(ex.network.generator == NetworkGenerator::erdos_renyi);
    CHECK(ex.network.mean_degree == 1.5);
    CHECK(ex.behavior.bass_scope == BassScope::global);
    CHECK(ex.fund.founders.size() == 2);
    CHECK(ex.negotiators.parties == std::vector<GovIndex>{2});
    CHECK(ex.output_dir == "/tmp/x");
    // an id-map entry can be set too
    const Experiment one = ExperimentFile::load(path, {parse_override("fund.founders.USA=1")}).resolve();
    CHECK(one.fund.founders.size() == 1);
}

TEST_CASE("ExperimentFile.set_rejects_unknown_paths_and_bad_values") {
    const std::string path = write_temp("tiny.yaml", kMinimal);
    const std::string unknown = load_error(path, {parse_override("fund.max_levrage=4")});
    CHECK(unknown.find("--set fund.max_levrage=4: ") == 0);
    CHECK(unknown.find("unknown key 'fund.max_levrage'") != std::string::npos);
    CHECK(unknown.find("did you mean 'fund.max_leverage'?") != std::string::npos);
    const std::string range = load_error(path, {parse_override("fund.max_leverage=0.5")});
    CHECK(range.find("--set fund.max_leverage=0.5: fund.max_leverage: '0.5' is out of range") == 0);
    const std::string type = load_error(path, {parse_override("experiment.worlds=2.5")});
    CHECK(type.find("experiment.worlds: '2.5' is not a whole number; expected an integer >= 1") != std::string::npos);
    const std::string nan = load_error(path, {parse_override("fund.max_leverage=nan")});
    CHECK(nan.find("is not finite") != std::string::npos);
    const std::string id = load_error(path, {parse_override("fund.founders={USA: 0.5, XYZ: 0.5}")});
    CHECK(id.find("--set fund.founders={USA: 0.5, XYZ: 0.5}: fund.founders.XYZ: unknown government id 'XYZ'") == 0);
    CHECK_THROWS_AS(parse_override("fund.max_leverage"), ConfigError);
    CHECK_THROWS_AS(parse_override("=4"), ConfigError);
    const Override o = parse_override("behavior.logit.peer=a=b");
    CHECK(o.path == "behavior.logit.peer");
    CHECK(o.value == "a=b");
}

TEST_CASE("ExperimentFile.resolve_applies_and_checks_sweep_points") {
    const ExperimentFile file = ExperimentFile::load(kData + "full.yaml");
    const Experiment p = file.resolve({{"behavior.bass.q", "0.2"}, {"fund.max_leverage", "2.75"}});
    CHECK(p.behavior.bass_q == doctest::Approx(0.2));
    CHECK(p.fund.max_leverage == doctest::Approx(2.75));
    CHECK(file.resolve().fund.max_leverage == 4.5);  // the base is unchanged
    std::string message;
    try {
        file.resolve({{"fund.max_leverage", "0.5"}});
    } catch (const ConfigError& e) {
        message = e.what();
    }
    // points at the sweep entry in the file
    CHECK(message.find("full.yaml:") != std::string::npos);
    CHECK(message.find("fund.max_leverage: '0.5' is out of range") != std::string::npos);
    CHECK_THROWS_AS(file.resolve({{"events", "[]"}}), ConfigError);
    CHECK_THROWS_AS(file.resolve({{"experiment.steps", "3"}}), ConfigError);
}

TEST_CASE("ExperimentFile.resolved_text_has_defaults_and_overrides") {
    const ExperimentFile file = ExperimentFile::load(write_temp("tiny.yaml", kMinimal), {parse_override("fund.max_leverage=4")});
    CHECK(file.path().find("tiny.yaml") != std::string::npos);
    const std::string yaml = file.resolved_yaml();
    CHECK(yaml.find("max_leverage: 4") != std::string::npos);
    CHECK(yaml.find("cost_of_debt: 0.045") != std::string::npos);
    CHECK(yaml.find("dir: runs/tiny") != std::string::npos);
    const std::string json = file.resolved_json();
    CHECK(json.find("\"max_leverage\": 4") != std::string::npos);
    CHECK(json.find("\"decision_rule\": \"logit\"") != std::string::npos);
    CHECK(json.find("\"gdp\": 29184") != std::string::npos);
    // the resolved YAML loads back to the same experiment
    const Experiment again = ExperimentFile::load(write_temp("again.yaml", yaml)).resolve();
    CHECK(again.fund.max_leverage == 4);
    CHECK(again.governments.size() == 3);
}

TEST_CASE("ExperimentFile.rejects_unknown_key_with_suggestion") {
    const std::string path = write_temp("typo.yaml", std::string(kMinimal) + "fund:\n  max_levrage: 4\n");
    const std::string message = load_error(path);
    CHECK(message == path + ":9:3: fund.max_levrage: unknown key 'max_levrage'; did you mean 'max_leverage'?");
}

TEST_CASE("ExperimentFile.include_extends_another_file") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("fundsim_test_include_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "base" / "data");
    std::ofstream(dir / "base" / "data" / "govs.csv") << "id,gdp\nA,10\nB,20\nC,30\n";
    std::ofstream(dir / "base" / "base.yaml")
        << "experiment: {name: base, worlds: 7, steps: 5}\n"
           "fund: {founders: {A: 1.0}, max_leverage: 2.5, initial_capital: 50}\n"
           "governments: {from_csv: data/govs.csv}\n";
    std::ofstream(dir / "child.yaml")
        << "include: base/base.yaml\n"
           "experiment: {name: child, worlds: 3}\n"
           "fund: {max_leverage: 4}\n";
    const fundsim::Experiment ex = fundsim::ExperimentFile::load((dir / "child.yaml").string()).resolve();
    CHECK(ex.name == "child");
    CHECK(ex.worlds == 3);
    CHECK(ex.steps == 5);                                 // from the base
    CHECK(ex.fund.max_leverage == doctest::Approx(4));    // replaced
    CHECK(ex.fund.initial_capital_usd_bn == doctest::Approx(50));  // merged
    CHECK(ex.governments.size() == 3);                    // data path relative to base.yaml
    std::ofstream(dir / "loop.yaml") << "include: loop.yaml\nexperiment: {name: loop}\n";
    CHECK_THROWS_AS(fundsim::ExperimentFile::load((dir / "loop.yaml").string()), fundsim::ConfigError);
    std::ofstream(dir / "missing.yaml") << "include: nowhere.yaml\nexperiment: {name: m}\n";
    CHECK_THROWS_WITH_AS(fundsim::ExperimentFile::load((dir / "missing.yaml").string()),
                         doctest::Contains("missing.yaml:1:10: include: cannot read 'nowhere.yaml'"), fundsim::ConfigError);
    fs::remove_all(dir);
}

TEST_CASE("ExperimentFile.include_null_removes_a_key_and_errors_name_the_including_file") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "fundsim_test_include_null";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "base.yaml") << "experiment: {name: base, worlds: 7, steps: 5}\n"
                                        "fund: {founders: {A: 0.5, B: 0.5}, max_leverage: 2.5}\n"
                                        "governments: {list: [{id: A}, {id: B}, {id: C}]}\n";
    std::ofstream(dir / "one.yaml") << "include: base.yaml\nfund:\n  founders: {B: ~, A: 1.0}\n  max_leverage:\n";
    const fundsim::Experiment ex = fundsim::ExperimentFile::load((dir / "one.yaml").string()).resolve();
    REQUIRE(ex.fund.founders.size() == 1);
    CHECK(ex.fund.founders[0].first == 0);
    CHECK(ex.fund.founders[0].second == doctest::Approx(1.0));
    CHECK(ex.fund.max_leverage == doctest::Approx(3.0));  // removed: the schema default applies
    std::ofstream(dir / "sum.yaml") << "include: base.yaml\nfund:\n  founders: {A: 1.0}\n";
    const std::string sum_error = (dir / "sum.yaml").string() + ":3:13: fund.founders: shares sum to 1.5; "
                                                                "expected shares summing to 1 (an include merges maps key by key";
    CHECK_THROWS_WITH_AS(fundsim::ExperimentFile::load((dir / "sum.yaml").string()).resolve(),
                         doctest::Contains(sum_error.c_str()), fundsim::ConfigError);
    std::ofstream(dir / "absent.yaml") << "include: base.yaml\nfund:\n  founders: {C: ~}\n";
    CHECK_THROWS_WITH_AS(fundsim::ExperimentFile::load((dir / "absent.yaml").string()),
                         doctest::Contains("absent.yaml:3:14: fund.founders.C: is null, which removes a key of the included file"),
                         fundsim::ConfigError);
    fs::remove_all(dir);
}

TEST_CASE("ExperimentFile.founders_and_counterpart_can_be_swept_seed_cannot") {
    const std::string ok = write_temp("sweep_founders.yaml",
                                      "experiment: {name: s}\n"
                                      "governments: {list: [{id: A}, {id: B}, {id: C}, {id: D}]}\n"
                                      "fund: {founders: {A: 1.0}}\n"
                                      "negotiators: {counterpart: A, parties: [D]}\n"
                                      "sweep:\n  parameters:\n"
                                      "    fund.founders: [{A: 1.0}, {A: 0.5, B: 0.5}]\n"
                                      "    negotiators.counterpart: [A, B]\n");
    const auto file = fundsim::ExperimentFile::load(ok);
    const fundsim::Experiment base = file.resolve();
    CHECK(fundsim::design_size(base.sweep) == 4);
    const fundsim::Experiment p3 = file.resolve(fundsim::design_point(base.sweep, base.seed, 3));
    CHECK(p3.fund.founders.size() == 2);
    CHECK(p3.negotiators.counterpart == 1);
    const std::string seed = write_temp("sweep_seed.yaml", std::string(kMinimal) +
                                                               "sweep:\n  parameters:\n    experiment.seed: [1, 2]\n");
    const std::string message = load_error(seed);
    CHECK(message.find("'experiment.seed' cannot be swept") != std::string::npos);
    CHECK(message.find("experiment.worlds") != std::string::npos);
    CHECK(message.find("did you mean") == std::string::npos);
}
