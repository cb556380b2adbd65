#include <doctest/doctest.h>

#include <boost/random/sobol.hpp>

#include <cmath>
#include <set>
#include <string>

#include "experiment/sweep.hpp"
#include "world/error.hpp"

using namespace fundsim;

namespace {

SweepParameter list(const std::string& path, std::vector<std::string> values) {
    SweepParameter p;
    p.path = path;
    p.values = std::move(values);
    return p;
}

SweepParameter range(const std::string& path, double lo, double hi, bool is_integer = false) {
    SweepParameter p;
    p.path = path;
    p.min = lo;
    p.max = hi;
    p.is_integer = is_integer;
    return p;
}

SweepSpec sampled(SweepDesign design, int samples, std::vector<SweepParameter> parameters) {
    SweepSpec s;
    s.design = design;
    s.samples = samples;
    s.parameters = std::move(parameters);
    return s;
}

double value(const Override& o) { return std::stod(o.value); }

}  // namespace

TEST_CASE("Sweep.no_parameters_is_one_empty_point") {
    const auto points = design_points(SweepSpec{}, 1);
    REQUIRE(points.size() == 1);
    CHECK(points[0].empty());
}

TEST_CASE("Sweep.grid_is_the_cartesian_product_first_parameter_slowest") {
    const SweepSpec s = sampled(SweepDesign::grid, 1, {list("a", {"1", "2"}), list("b", {"x", "y", "z"})});
    const auto points = design_points(s, 1);
    REQUIRE(points.size() == 6);
    CHECK(design_size(s) == 6);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"1", "x"}, {"1", "y"}, {"1", "z"}, {"2", "x"}, {"2", "y"}, {"2", "z"}};
    for (std::size_t i = 0; i < points.size(); ++i) {
        REQUIRE(points[i].size() == 2);
        CHECK(points[i][0].path == "a");
        CHECK(points[i][1].path == "b");
        CHECK(points[i][0].value == expected[i].first);
        CHECK(points[i][1].value == expected[i].second);
    }
}

TEST_CASE("Sweep.grid_rejects_a_range") {
    const SweepSpec s = sampled(SweepDesign::grid, 4, {range("fund.max_leverage", 1, 5)});
    CHECK_THROWS_AS(design_points(s, 1), ConfigError);
}

TEST_CASE("Sweep.random_draws_within_ranges_and_depends_on_seed") {
    const SweepSpec s = sampled(SweepDesign::random, 200, {range("a", 1, 5), range("b", -2, -1)});
    const auto points = design_points(s, 42);
    REQUIRE(points.size() == 200);
    for (const auto& p : points) {
        CHECK(value(p[0]) >= 1);
        CHECK(value(p[0]) < 5);
        CHECK(value(p[1]) >= -2);
        CHECK(value(p[1]) < -1);
    }
    CHECK(design_points(s, 43)[0][0].value != points[0][0].value);
    CHECK(design_points(s, 42)[0][0].value == points[0][0].value);
}

TEST_CASE("Sweep.latin_hypercube_has_one_sample_per_stratum_per_parameter") {
    const int n = 37;
    const SweepSpec s = sampled(SweepDesign::latin_hypercube, n, {range("a", 0, 1), range("b", 10, 20), range("c", -3, 3)});
    const auto points = design_points(s, 9);
    REQUIRE(points.size() == static_cast<std::size_t>(n));
    const double lo[] = {0, 10, -3}, hi[] = {1, 20, 3};
    for (int j = 0; j < 3; ++j) {
        std::set<int> strata;
        for (const auto& p : points) strata.insert(static_cast<int>(std::floor((value(p[j]) - lo[j]) / (hi[j] - lo[j]) * n)));
        CHECK(strata.size() == static_cast<std::size_t>(n));
        CHECK(*strata.begin() == 0);
        CHECK(*strata.rbegin() == n - 1);
    }
    // The permutations differ between parameters (independent shuffles).
    int same = 0;
    for (const auto& p : points)
        same += static_cast<int>(std::floor(value(p[0]) * n)) == static_cast<int>(std::floor((value(p[1]) - 10) / 10 * n));
    CHECK(same < n);
}

TEST_CASE("Sweep.sobol_points_are_boosts_sequence_scaled") {
    const SweepSpec s = sampled(SweepDesign::sobol, 16, {range("a", 1, 5), range("b", 0, 10)});
    const auto points = design_points(s, 123);
    boost::random::sobol qrng(2);
    for (const auto& p : points) {
        const double u0 = std::ldexp(static_cast<double>(qrng()), -64);
        const double u1 = std::ldexp(static_cast<double>(qrng()), -64);
        CHECK(value(p[0]) == doctest::Approx(1 + 4 * u0).epsilon(1e-12));
        CHECK(value(p[1]) == doctest::Approx(10 * u1).epsilon(1e-12));
    }
    CHECK(points[0][0].value == "3");  // Boost skips the origin: the first point is the centre
}

TEST_CASE("Sweep.integer_parameters_are_whole_and_cover_the_range") {
    for (auto design : {SweepDesign::random, SweepDesign::latin_hypercube, SweepDesign::sobol}) {
        const SweepSpec s = sampled(design, 60, {range("k", 2, 7, true)});
        std::set<std::string> seen;
        for (const auto& p : design_points(s, 5)) {
            CHECK(p[0].value.find('.') == std::string::npos);
            const double v = value(p[0]);
            CHECK(v >= 2);
            CHECK(v <= 7);
            seen.insert(p[0].value);
        }
        CHECK(seen.size() == 6);
    }
}

TEST_CASE("Sweep.lists_are_crossed_with_the_sampled_points") {
    const SweepSpec s = sampled(SweepDesign::latin_hypercube, 5,
                                {list("rule", {"threshold", "bass"}), range("x", 0, 1)});
    const auto points = design_points(s, 3);
    REQUIRE(points.size() == 10);
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(points[i][0].value == "threshold");
        CHECK(points[i + 5][0].value == "bass");
        CHECK(points[i][1].value == points[i + 5][1].value);  // same samples for every list value
    }
}

TEST_CASE("Sweep.any_point_is_reproducible_alone") {
    for (auto design : {SweepDesign::grid, SweepDesign::random, SweepDesign::latin_hypercube, SweepDesign::sobol}) {
        SweepSpec s = design == SweepDesign::grid
                          ? sampled(design, 1, {list("a", {"1", "2", "3"}), list("b", {"4", "5"})})
                          : sampled(design, 12, {list("a", {"1", "2"}), range("b", 0, 3), range("c", 1, 9, true)});
        const auto all = design_points(s, 77);
        for (std::size_t i = 0; i < all.size(); ++i) {
            const auto alone = design_point(s, 77, i);
            REQUIRE(alone.size() == all[i].size());
            for (std::size_t j = 0; j < alone.size(); ++j) CHECK(alone[j].value == all[i][j].value);
        }
    }
}

TEST_CASE("Sweep.format_scalar_round_trips") {
    CHECK(format_scalar(3, true) == "3");
    CHECK(format_scalar(2.5, false) == "2.5");
    CHECK(format_scalar(0.1, false) == "0.1");
    const double x = 1.0 / 3.0;
    CHECK(std::stod(format_scalar(x, false)) == x);
}

TEST_CASE("Sweep.saltelli_points_are_A_AB_i_B_rows_of_a_2k_sobol_sequence") {
    const SweepSpec s = sampled(SweepDesign::saltelli, 8, {range("a", 0, 1), range("b", 0, 10), range("c", -1, 1)});
    CHECK(design_size(s) == 8 * 5);
    const auto points = design_points(s, 7);
    REQUIRE(points.size() == 40);
    boost::random::sobol qrng(6);
    for (std::size_t j = 0; j < 8; ++j) {
        double u[6];
        for (double& x : u) x = std::ldexp(static_cast<double>(qrng()), -64);
        const double lo[3] = {0, 0, -1}, width[3] = {1, 10, 2};
        for (std::size_t r = 0; r < 5; ++r) {
            const auto& p = points[j * 5 + r];
            for (std::size_t i = 0; i < 3; ++i) {
                // r = 0: A; r = 1..3: A with column r-1 from B; r = 4: B.
                const bool from_b = r == 4 || r == i + 1;
                CHECK(value(p[i]) == doctest::Approx(lo[i] + width[i] * u[from_b ? 3 + i : i]).epsilon(1e-12));
            }
        }
    }
    CHECK(design_point(s, 7, 23)[1].value == points[23][1].value);
}

TEST_CASE("Sweep.saltelli_refuses_list_parameters") {
    const SweepSpec s = sampled(SweepDesign::saltelli, 4, {range("a", 0, 1), list("b", {"1", "2"})});
    CHECK_THROWS_AS(design_size(s), ConfigError);
}
