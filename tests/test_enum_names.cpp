// The checked name tables (core/enum_names.hpp) and what is derived from
// them: the schema's allowed values, the builder's parsing (no silent
// fallback), the metric names and the worlds.csv event columns.
#include <doctest/doctest.h>

#include <set>
#include <stdexcept>
#include <string>

#include "core/enum_names.hpp"
#include "engine/world_columns.hpp"
#include "experiment/experiment.hpp"
#include "experiment/schema.hpp"
#include "world/metrics.hpp"

using namespace fundsim;

namespace {

template <class E>
void check_round_trip() {
    CHECK(enum_count<E>() > 0);
    for (std::size_t i = 0; i < enum_count<E>(); ++i) {
        const E e = static_cast<E>(i);
        const std::string_view name = enum_name(e);
        CAPTURE(name);
        REQUIRE(enum_from_name<E>(name).has_value());
        CHECK(*enum_from_name<E>(name) == e);
        CHECK(enum_from_checked_name<E>(name, "key") == e);
    }
    CHECK_FALSE(enum_from_name<E>("no_such_name").has_value());
    CHECK_FALSE(enum_from_name<E>("").has_value());
    CHECK_THROWS_AS(enum_from_checked_name<E>("no_such_name", "some.key"), std::logic_error);
}

/// The schema row at `path` allows exactly E's names.
template <class E>
void check_schema_choices(const char* path) {
    CAPTURE(path);
    const KeySpec* spec = find_key(path);
    REQUIRE(spec != nullptr);
    CHECK(spec->type == KeyType::enumeration);
    CHECK(spec->choices == enum_name_list<E>());
}

}  // namespace

TEST_CASE("EnumNames.every_name_round_trips_and_an_unknown_one_is_an_error") {
    check_round_trip<DecisionRule>();
    check_round_trip<BassScope>();
    check_round_trip<NetworkGenerator>();
    check_round_trip<EventType>();
    check_round_trip<InvestorKind>();
    check_round_trip<SweepDesign>();
    check_round_trip<Status>();
    CHECK(enum_name(EventType::market_shock) == "market_shock");
    CHECK(status_name(Status::negotiating) == "negotiating");
    CHECK(kEventTypeCount == static_cast<int>(enum_count<EventType>()));
}

TEST_CASE("EnumNames.distinctness_check_rejects_duplicates_and_empty_names") {
    using Names = std::array<std::string_view, 3>;
    static_assert(are_distinct_names(Names{"a", "b", "c"}));
    static_assert(!are_distinct_names(Names{"a", "b", "a"}));
    static_assert(!are_distinct_names(Names{"a", "", "c"}));
    CHECK(are_distinct_names(Names{"x", "y", "z"}));
}

TEST_CASE("EnumNames.the_schema_allows_exactly_the_enum_names") {
    check_schema_choices<DecisionRule>("behavior.decision_rule");
    check_schema_choices<BassScope>("behavior.bass.scope");
    check_schema_choices<NetworkGenerator>("network.generator.type");
    check_schema_choices<EventType>("events[].type");
    check_schema_choices<InvestorKind>("investors.classes[].kind");
    check_schema_choices<SweepDesign>("sweep.design");
    // Every enumeration row's default is one of its names, and every event
    // type an events[] key is restricted to exists.
    for (const KeySpec& spec : schema_table()) {
        CAPTURE(spec.path);
        if (spec.type == KeyType::enumeration && !spec.default_text.empty()) {
            bool is_listed = false;
            for (std::string_view c : spec.choices) is_listed |= c == spec.default_text;
            CHECK(is_listed);
        }
        std::string_view rest = spec.event_types;
        while (!rest.empty()) {
            const std::size_t space = rest.find(' ');
            CHECK(enum_from_name<EventType>(rest.substr(0, space)).has_value());
            rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
        }
    }
}

TEST_CASE("EnumNames.each_event_type_has_its_metric_and_worlds_column") {
    std::set<std::string_view> metrics(kMetricNames.begin(), kMetricNames.end());
    CHECK(metrics.size() == kMetricNames.size());
    CHECK(metric_name(Metric::members) == "members");
    CHECK(metric_name(Metric::events_fired) == "events_fired");
    for (int k = 0; k < kEventTypeCount; ++k) {
        const auto type = static_cast<EventType>(k);
        const std::string expected = "events_" + std::string(enum_name(type));
        CAPTURE(expected);
        CHECK(metric_name(event_metric(type)) == expected);
        const int column = world_column_index(expected);
        REQUIRE(column >= 0);
        CHECK(kWorldColumns[static_cast<std::size_t>(column)].metric == event_metric(type));
    }
    CHECK(static_cast<int>(event_metric(EventType::exit)) == kMetricCount - 1);
}
