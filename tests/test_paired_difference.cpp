#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "output/paired_difference.hpp"

using namespace fundsim;

// Expected values from numpy/scipy (see tests/python/test_compare.py for the full check on run folders).
TEST_CASE("PairedDifference.pairs_present_worlds_and_uses_student_t") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const PairedDifference d = paired_difference({1, 2, 3, 4, nan}, {1.5, 2.0, 3.9, 4.2, 7.0});
    CHECK(d.n_a == 4);
    CHECK(d.n_b == 5);
    CHECK(d.n_pairs == 4);
    CHECK(d.mean_a == doctest::Approx(2.5));
    CHECK(d.mean_b == doctest::Approx(3.72));
    CHECK(d.mean_diff == doctest::Approx(0.4));
    CHECK(d.se_diff == doctest::Approx(0.19578900207451216));
    CHECK(t_quantile_95(3) == doctest::Approx(3.182446305284263));
    CHECK(d.ci_low == doctest::Approx(-0.22308798626732407));
    CHECK(d.se_unpaired == doctest::Approx(1.1670761186258019));
}

TEST_CASE("PairedDifference.common_shocks_cancel") {
    // B = A + 1 world by world: the paired difference has no spread, the unpaired one does.
    const PairedDifference d = paired_difference({0, 10, 20, 30}, {1, 11, 21, 31});
    CHECK(d.mean_diff == doctest::Approx(1));
    CHECK(d.se_diff == doctest::Approx(0));
    CHECK(d.se_unpaired > 5);
    CHECK_THROWS_AS(paired_difference({1}, {1, 2}), std::invalid_argument);
    CHECK(std::isnan(paired_difference({1}, {2}).se_diff));
}

TEST_CASE("PairedDifference.proportions_use_binomial_errors") {
    const ProportionDifference p = proportion_difference(0.2, 100, 0.35, 200);
    CHECK(p.diff == doctest::Approx(0.15));
    CHECK(p.se == doctest::Approx(0.052321123841140876));
    CHECK(p.ci_high == doctest::Approx(0.25254751835929606));
    CHECK(std::isnan(proportion_difference(0.2, 0, 0.3, 10).diff));
}

TEST_CASE("PairedDifference.wilson_interval_stays_in_0_1") {
    // the Wilson formula in Python with z = 1.959963984540054
    const ProportionInterval half = wilson_interval_95(50, 100);
    CHECK(half.low == doctest::Approx(0.4038315303659956));
    CHECK(half.high == doctest::Approx(0.5961684696340044));
    const ProportionInterval none = wilson_interval_95(0, 2000);
    CHECK(none.low == 0);
    CHECK(none.high == doctest::Approx(0.0019170).epsilon(1e-3));  // 3.84 / (2000 + 3.84)
    const ProportionInterval all = wilson_interval_95(10, 10);
    CHECK(all.high == 1);
    CHECK(all.low == doctest::Approx(0.7224672).epsilon(1e-4));
    CHECK(std::isnan(wilson_interval_95(0, 0).low));
}
