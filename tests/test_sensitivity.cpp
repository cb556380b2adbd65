// Sobol indices (output/sensitivity.hpp) on functions with known indices.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "experiment/sweep.hpp"
#include "output/sensitivity.hpp"

using namespace fundsim;

namespace {

SweepParameter range(const std::string& path, double lo, double hi) {
    SweepParameter p;
    p.path = path;
    p.min = lo;
    p.max = hi;
    return p;
}

/// Ishigami (1990) at every point of a saltelli design over [-pi, pi]^3 and
/// a fourth, inert parameter.
std::vector<double> ishigami_outputs(int samples) {
    SweepSpec s;
    s.design = SweepDesign::saltelli;
    s.samples = samples;
    const double pi = std::numbers::pi;
    s.parameters = {range("x1", -pi, pi), range("x2", -pi, pi), range("x3", -pi, pi), range("inert", 0, 1)};
    std::vector<double> y;
    for (const auto& point : design_points(s, 1)) {
        const double x1 = std::stod(point[0].value), x2 = std::stod(point[1].value), x3 = std::stod(point[2].value);
        y.push_back(std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1));
    }
    return y;
}

}  // namespace

TEST_CASE("Sensitivity.ishigami_indices_match_the_analytic_values") {
    const auto indices = sobol_indices(ishigami_outputs(8192), 4, 42, 200);
    REQUIRE(indices.size() == 4);
    // a = 7, b = 0.1 (Saltelli et al. 2008, section 4.6).
    const double s1[4] = {0.3139, 0.4424, 0.0, 0.0}, st[4] = {0.5576, 0.4424, 0.2437, 0.0};
    for (int i = 0; i < 4; ++i) {
        CAPTURE(i);
        CHECK(std::abs(indices[i].first_order - s1[i]) < 0.02);
        CHECK(std::abs(indices[i].total - st[i]) < 0.02);
        CHECK(indices[i].first_lo <= indices[i].first_order);
        CHECK(indices[i].first_order <= indices[i].first_hi);
        CHECK(indices[i].total_lo <= indices[i].total);
        CHECK(indices[i].total <= indices[i].total_hi);
    }
    CHECK(indices[0].first_hi - indices[0].first_lo > 0);
}

TEST_CASE("Sensitivity.inert_parameter_has_total_index_near_zero") {
    const auto indices = sobol_indices(ishigami_outputs(1024), 4, 3, 100);
    CHECK(std::abs(indices[3].total) < 1e-12);  // f never changes when only the inert column does
    CHECK(indices[3].total_hi < 1e-12);
    CHECK(indices[2].total > 0.15);               // x3 acts through its interaction with x1
}

TEST_CASE("Sensitivity.bootstrap_is_a_function_of_the_seed") {
    const auto y = ishigami_outputs(256);
    const auto a = sobol_indices(y, 4, 9, 50), b = sobol_indices(y, 4, 9, 50), c = sobol_indices(y, 4, 10, 50);
    CHECK(a[0].first_lo == b[0].first_lo);
    CHECK(a[0].total_hi == b[0].total_hi);
    CHECK(a[0].first_order == c[0].first_order);
    CHECK(a[0].first_lo != c[0].first_lo);
}

TEST_CASE("Sensitivity.constant_or_missing_output_gives_no_index") {
    std::vector<double> y(4 * 5, 1.0);
    CHECK(std::isnan(sobol_indices(y, 3, 1, 10)[0].first_order));
    y[0] = std::nan("");
    CHECK(std::isnan(sobol_indices(y, 3, 1, 10)[1].total));
    CHECK_THROWS(sobol_indices(std::vector<double>(7, 1.0), 3, 1, 10));
}
