// ABC-SMC (calibration/abc_smc.hpp) on a toy problem with a known answer.
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>

#include "calibration/abc_smc.hpp"
#include "calibration/calibration_files.hpp"

using namespace fundsim;

namespace {

CalibrationSpec toy_spec() {
    CalibrationSpec spec;
    spec.parameters = {{"a", 0, 1, false}, {"b", -2, 2, false}};
    spec.particles = 200;
    spec.generations = 6;
    spec.quantile = 0.5;
    return spec;
}

/// Distance of theta to (0.3, -0.5): the posterior shrinks onto that point.
std::vector<double> toy_distances(const std::vector<Proposal>& proposals) {
    std::vector<double> d;
    for (const auto& p : proposals) d.push_back(std::hypot(p.theta[0] - 0.3, p.theta[1] + 0.5));
    return d;
}

std::vector<Generation> run_all(const CalibrationSpec& spec, std::uint64_t seed) {
    std::vector<Generation> gens;
    for (int g = 0; g < spec.generations; ++g)
        gens.push_back(run_generation(spec, seed, gens.empty() ? nullptr : &gens.back(), g, toy_distances));
    return gens;
}

}  // namespace

TEST_CASE("AbcSmc.shrinks_onto_the_answer_with_decreasing_tolerance") {
    const CalibrationSpec spec = toy_spec();
    const auto gens = run_all(spec, 7);
    for (std::size_t g = 1; g < gens.size(); ++g) {
        CHECK(gens[g].epsilon < gens[g - 1].epsilon);
        for (const auto& p : gens[g].particles) CHECK(p.distance <= gens[g].epsilon);
    }
    const Generation& last = gens.back();
    double total = 0;
    for (const auto& p : last.particles) total += p.weight;
    CHECK(total == doctest::Approx(1.0));
    CHECK(summarize_parameter(last, 0).mean == doctest::Approx(0.3).epsilon(0.05));
    CHECK(summarize_parameter(last, 1).mean == doctest::Approx(-0.5).epsilon(0.05));
    CHECK(summarize_parameter(last, 0).sd < 0.5 * 0.2887);  // half the prior sd (uniform on [0, 1])
    CHECK(last.epsilon < 0.25 * gens[1].epsilon);
    CHECK(gens[0].epsilon == std::numeric_limits<double>::infinity());
    CHECK(gens[0].simulations == 200);  // the prior sample accepts every first proposal
}

TEST_CASE("AbcSmc.importance_weights_are_not_uniform_after_the_prior") {
    const auto gens = run_all(toy_spec(), 3);
    CHECK(gens[0].particles[0].weight == doctest::Approx(1.0 / 200));
    double lo = 1, hi = 0;
    for (const auto& p : gens[2].particles) lo = std::min(lo, p.weight), hi = std::max(hi, p.weight);
    CHECK(hi > 1.5 * lo);  // Beaumont et al. (2009): prior / sum_j w_j K(theta | theta_j)
}

TEST_CASE("AbcSmc.is_a_function_of_the_seed") {
    CalibrationSpec spec = toy_spec();
    spec.generations = 3;
    const auto a = run_all(spec, 5), b = run_all(spec, 5), c = run_all(spec, 6);
    CHECK(a.back().particles[17].theta == b.back().particles[17].theta);
    CHECK(a.back().particles[17].weight == b.back().particles[17].weight);
    CHECK(a.back().particles[17].theta != c.back().particles[17].theta);
    CHECK(proposal_world_seed(5, 1, 2, 3) != proposal_world_seed(5, 1, 2, 4));
    CHECK(proposal_world_seed(5, 1, 2, 3) == proposal_world_seed(5, 1, 2, 3));
}

TEST_CASE("AbcSmc.keeps_the_closest_proposal_after_max_attempts") {
    CalibrationSpec spec = toy_spec();
    spec.max_attempts = 2;
    spec.particles = 20;
    const Generation g0 = run_generation(spec, 1, nullptr, 0, toy_distances);
    // An impossible tolerance: every particle keeps its better of 2 proposals.
    Generation tight = g0;
    for (auto& p : tight.particles) p.distance = 0;
    const Generation g1 = run_generation(spec, 1, &tight, 1, toy_distances);
    CHECK(g1.epsilon == 0);
    CHECK(g1.simulations == 40);
    for (const auto& p : g1.particles) CHECK(p.distance > 0);
}

TEST_CASE("AbcSmc.integer_parameters_are_applied_rounded") {
    CalibrationSpec spec;
    spec.parameters = {{"network.generator.k", 2, 8, true}, {"fund.max_leverage", 1, 4, false}};
    const auto o = parameter_overrides(spec, {3.6, 2.5});
    CHECK(o[0].value == "4");
    CHECK(o[1].value == "2.5");
}
