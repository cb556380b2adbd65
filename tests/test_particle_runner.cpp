// engine/particle_runner.hpp: the per-particle means of world summaries.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "engine/particle_runner.hpp"
#include "support/experiment_builder.hpp"

using namespace fundsim;

namespace {

Scenario bass_scenario(double q, std::uint64_t seed) {
    Experiment ex = testing::make_experiment(30, 10);
    ex.seed = seed;
    ex.behavior.rule = DecisionRule::bass;
    ex.behavior.bass_p = 0.05;
    ex.behavior.bass_q = q;
    ex.behavior.bass_scope = BassScope::global;
    return Scenario::build(ex);
}

/// Members at step 10, and G0's join step (NaN when it never joined).
void summary(const WorldOutcome& o, double* v) {
    v[0] = o.at(10, Metric::members);
    v[1] = o.governments[0].join_step >= 0 ? o.governments[0].join_step : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

TEST_CASE("ParticleRunner.means_are_per_scenario_in_world_order_at_any_thread_count" * doctest::timeout(120)) {
    const Scenario a = bass_scenario(0.1, 1), b = bass_scenario(0.6, 2);
    const auto reference = mean_over_worlds({&a, &b}, 40, 2, summary, 1);
    for (int threads : {3, 2, 4}) {
        const auto again = mean_over_worlds({&a, &b}, 40, 2, summary, threads);
        CHECK(again == reference);  // the same bits
    }
    // By hand, serially: the mean of world 0..39 of scenario b.
    double sum = 0, joined = 0, join_sum = 0;
    for (std::uint64_t w = 0; w < 40; ++w) {
        WorldOutcome out;
        simulate_world(b, 0, w, false, out);
        double v[2];
        summary(out, v);
        sum += v[0];
        if (!std::isnan(v[1])) join_sum += v[1], joined += 1;
    }
    CHECK(reference[1][0] == doctest::Approx(sum / 40).epsilon(1e-12));
    REQUIRE(joined > 0);
    CHECK(reference[1][1] == doctest::Approx(join_sum / joined).epsilon(1e-12));  // NaN worlds left out
    CHECK(reference[1][0] > reference[0][0]);  // more imitation, more members
}
