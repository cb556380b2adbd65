// The parameter table (experiment/schema.hpp) and the key reference generated from it.
#include <doctest/doctest.h>

#include "output/government_columns.hpp"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "experiment/config_node.hpp"
#include "experiment/schema.hpp"
#include "experiment/schema_check.hpp"
#include "experiment/schema_markdown.hpp"
#include "experiment/yaml_source.hpp"

using namespace fundsim;

TEST_CASE("Schema.every_key_has_a_declared_parent_and_valid_default") {
    std::set<std::string_view> paths;
    for (const KeySpec& spec : schema_table()) {
        CAPTURE(spec.path);
        CHECK(paths.insert(spec.path).second);  // declared once
        CHECK_FALSE(spec.description.empty());
        CHECK(find_key(spec.path) == &spec);
        const std::size_t dot = spec.path.rfind('.');
        if (dot != std::string_view::npos) {
            std::string_view parent = spec.path.substr(0, dot);
            const bool item = parent.ends_with("[]");
            if (item) parent.remove_suffix(2);
            const KeySpec* p = find_key(parent);
            REQUIRE(p != nullptr);
            CHECK(p->type == (item ? KeyType::item_list : KeyType::section));
        }
        CHECK_FALSE((spec.required && !spec.default_text.empty()));
        if (!spec.inherit.empty()) CHECK(find_key(spec.inherit) != nullptr);
        if (spec.type == KeyType::enumeration) CHECK_FALSE(spec.choices.empty());
        const bool scalar = spec.type == KeyType::integer || spec.type == KeyType::number ||
                            spec.type == KeyType::boolean || spec.type == KeyType::enumeration;
        if (scalar && !spec.default_text.empty()) {
            const ConfigNode node = parse_yaml_text(std::string(spec.default_text), "default");
            CHECK(scalar_problem(spec, node) == "");
        }
    }
    CHECK(paths.size() > 120);
}

TEST_CASE("Schema.lookups_and_suggestions") {
    CHECK(find_key("fund.max_leverage")->type == KeyType::number);
    CHECK(find_key("events[].rate") != nullptr);
    CHECK(find_key("fund.nope") == nullptr);
    CHECK(key_name("events[].rate") == "rate");
    const auto fund = child_keys("fund");
    CHECK(fund.size() == 13);
    CHECK(fund.front()->path == "fund.founders");
    CHECK(closest_match("max_levrage", {"max_leverage", "initial_capital"}) == "max_leverage");
    CHECK(closest_match("zzzz", {"max_leverage", "initial_capital"}) == "");
    CHECK(allows_event_type(*find_key("events[].rate"), "tariff"));
    CHECK_FALSE(allows_event_type(*find_key("events[].rate"), "summit"));
    CHECK(allows_event_type(*find_key("events[].at"), "summit"));
    CHECK(is_sweepable(*find_key("behavior.bass.q")));
    CHECK_FALSE(is_sweepable(*find_key("events[].rate")));
    CHECK_FALSE(is_sweepable(*find_key("experiment.steps")));
    CHECK_FALSE(is_sweepable(*find_key("network.from_csv")));
    CHECK(range_text(*find_key("fund.max_leverage")) == ">= 1");
    CHECK(range_text(*find_key("fund.tax_rate")) == "0 .. 1");
    CHECK(range_text(*find_key("fund.initial_capital")) == "> 0");
    CHECK(expected_text(*find_key("fund.max_leverage")) == "a number >= 1 (assets/equity)");
    CHECK(expected_text(*find_key("behavior.decision_rule")) == "one of logit, threshold, bass");
}

TEST_CASE("Schema.scalar_checks_follow_the_table") {
    const KeySpec& worlds = *find_key("experiment.worlds");
    const auto check = [](const KeySpec& spec, const std::string& yaml) {
        return scalar_problem(spec, parse_yaml_text(yaml, "t"));
    };
    CHECK(check(worlds, "10") == "");
    CHECK(check(worlds, "0").find("is out of range; expected an integer >= 1") != std::string::npos);
    CHECK(check(worlds, "2.5").find("is not a whole number") != std::string::npos);
    CHECK(check(worlds, "\"10\"").find("quoted") != std::string::npos);
    CHECK(check(worlds, "[1]").find("is a list") != std::string::npos);
    const KeySpec& lev = *find_key("fund.max_leverage");
    CHECK(check(lev, "3") == "");
    CHECK(check(lev, "1e400").find("range of a double") != std::string::npos);
    CHECK(check(lev, ".inf").find("not finite") != std::string::npos);
    CHECK(check(lev, "abc").find("is not a number") != std::string::npos);
    const KeySpec& rule = *find_key("behavior.decision_rule");
    CHECK(check(rule, "bass") == "");
    CHECK(check(rule, "treshold").find("did you mean 'threshold'?") != std::string::npos);
    CHECK(check(*find_key("events[].membership"), "yes").find("not true or false") != std::string::npos);
    CHECK(check(*find_key("sponsors[].location"), "random").find("not allowed") != std::string::npos);
    CHECK(check(*find_key("events[].government"), "random") == "");
}

TEST_CASE("Schema.configs_readme_matches_table") {
    // Set FUNDSIM_REGENERATE_DOCS=1 to rewrite configs/README.md from the table.
    const std::string path = std::string(FUNDSIM_SOURCE_DIR) + "/configs/README.md";
    const std::string generated = schema_markdown() + result_columns_markdown();
    if (const char* regen = std::getenv("FUNDSIM_REGENERATE_DOCS"); regen && std::string(regen) == "1") {
        std::ofstream(path, std::ios::binary) << generated;
        MESSAGE("rewrote " << path);
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream committed;
    committed << in.rdbuf();
    const bool is_current = committed.str() == generated;
    CHECK_MESSAGE(is_current, "configs/README.md is out of date; run FUNDSIM_REGENERATE_DOCS=1 build/tests/fundsim_tests "
                              "-tc='Schema.configs_readme_matches_table'");
    for (const KeySpec& spec : schema_table()) CHECK(generated.find("`" + std::string(spec.path) + "`") != std::string::npos);
}
