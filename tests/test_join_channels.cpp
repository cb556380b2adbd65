// SPEC §12: every join records its channel and, under logit, the utility
// terms at that moment; governments.csv reports first-join quantiles.
#include <doctest/doctest.h>

#include <cmath>

#include "engine/block.hpp"
#include "support/experiment_builder.hpp"

using namespace fundsim;
using namespace fundsim::testing;

namespace {
int channel_joins(const WorldOutcome& o, GovIndex g, JoinChannel c) {
    return o.governments[static_cast<std::size_t>(g)].joins_by_channel[static_cast<std::size_t>(c)];
}
}  // namespace

TEST_CASE("JoinChannels.founders_threshold_and_events_are_told_apart") {
    Experiment ex = make_experiment(4, 6);
    ex.fund.founders = {{0, 1.0}};
    ex.behavior.rule = DecisionRule::threshold;
    ex.behavior.phi = 0.5;
    add_tie(ex, 0, 1);
    add_tie(ex, 1, 2);
    EventSpec join;
    join.type = EventType::join;
    join.at = 2;
    join.government = 3;
    ex.events.push_back(join);
    const WorldOutcome o = run(ex);
    CHECK(channel_joins(o, 0, JoinChannel::founder) == 1);
    CHECK(channel_joins(o, 1, JoinChannel::threshold) == 1);  // one of its two ties is the founder
    CHECK(channel_joins(o, 2, JoinChannel::threshold) == 1);
    CHECK(channel_joins(o, 3, JoinChannel::event) == 1);
    CHECK(o.governments[1].first_join_step == 1);
    CHECK(o.governments[2].first_join_step == 2);
    CHECK(o.governments[3].first_join_step == 2);
    CHECK(o.governments[0].first_join_step == -1);  // founding is not a join
    CHECK(o.governments[1].logit_joins == 0);       // terms only under logit
}

TEST_CASE("JoinChannels.logit_joins_record_utility_terms_and_blocs_decide_as_one") {
    Experiment ex = make_experiment(5, 12);
    ex.fund.founders = {{0, 1.0}};
    ex.behavior.logit.intercept = 20;  // everyone joins at once
    ex.behavior.logit.adjustment_speed = 1;
    ex.behavior.logit.exit_inertia = 50;  // nobody leaves: one join each
    ex.behavior.logit.alliance = 2;
    for (auto& g : ex.governments) g.alliance = 0.75;
    ex.blocs.push_back({"B", {3, 4}});
    const WorldOutcome o = run(ex);
    for (GovIndex g : {1, 2}) {
        CHECK(channel_joins(o, g, JoinChannel::utility) == 1);
        const auto& f = o.governments[static_cast<std::size_t>(g)];
        REQUIRE(f.logit_joins == 1);
        CHECK(f.utility_at_join[3] == doctest::Approx(2 * 0.75));  // alliance term b_a * a_i
        CHECK(f.utility_at_join[5] < 0);                             // fiscal cost
    }
    for (GovIndex g : {3, 4}) CHECK(channel_joins(o, g, JoinChannel::bloc) == 1);
    CHECK(o.governments[3].first_join_step == o.governments[4].first_join_step);
}

TEST_CASE("JoinChannels.first_join_quantiles_interpolate_like_numpy") {
    // numpy.quantile([1, 1, 2, 5, 9], [0.05, 0.5, 0.95]) = 1, 2, 8.2; mean 3.6
    GovernmentSums a, b;
    GovernmentFinal f;
    for (int step : {5, 1, 9}) {
        f.first_join_step = step;
        a.add(f);
    }
    for (int step : {2, 1}) {
        f.first_join_step = step;
        b.add(f);
    }
    f.first_join_step = -1;  // never joined: not in the distribution
    b.add(f);
    a.add(b);
    CHECK(a.first_join_mean() == doctest::Approx(3.6));
    CHECK(a.first_join_quantile(0.05) == doctest::Approx(1.0));
    CHECK(a.first_join_quantile(0.5) == doctest::Approx(2.0));
    CHECK(a.first_join_quantile(0.95) == doctest::Approx(8.2));
    CHECK(std::isnan(GovernmentSums{}.first_join_quantile(0.5)));
}
