#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "output/series_stats.hpp"
#include "world/random.hpp"

using namespace fundsim;

TEST_CASE("SeriesStats.exact_quantiles_interpolate_like_numpy") {
    SeriesStats s(0, 1, 10);
    CHECK(s.is_exact());
    for (double v : {7.0, 1.0, 10.0, 3.0, 5.0, 2.0, 9.0, 4.0, 8.0, 6.0}) s.add_world(&v);
    const CellStats c = s.cell(0, 0);
    CHECK(c.n == 10);
    CHECK(c.mean == doctest::Approx(5.5));
    CHECK(c.sd == doctest::Approx(3.0276503540974917));  // sample sd (n - 1)
    CHECK(c.min == 1);
    CHECK(c.max == 10);
    // numpy.quantile(range(1, 11), [.05, .25, .5, .75, .95])
    const double expected[] = {1.45, 3.25, 5.5, 7.75, 9.55};
    for (int q = 0; q < 5; ++q) CHECK(c.quantiles[q] == doctest::Approx(expected[q]));
}

TEST_CASE("SeriesStats.sd_is_missing_below_two_values_and_nan_is_missing") {
    SeriesStats s(0, 2, 3);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double a[] = {4.0, nan}, b[] = {nan, nan}, c[] = {nan, 1.0};
    s.add_world(a);
    s.add_world(b);
    s.add_world(c);
    const CellStats first = s.cell(0, 0);
    CHECK(first.n == 1);
    CHECK(first.mean == 4);
    CHECK(std::isnan(first.sd));
    CHECK(first.quantiles[2] == 4);
    const CellStats second = s.cell(0, 1);
    CHECK(second.n == 1);
    CHECK(second.max == 1);
}

TEST_CASE("SeriesStats.switches_to_p2_beyond_the_exact_limit_and_stays_close" * doctest::timeout(300)) {
    const std::uint32_t n = 20000;
    const int metrics = 250;  // 2 x 250 cells x 20,000 worlds > kExactQuantileValues
    SeriesStats s(1, metrics, n);
    CHECK_FALSE(s.is_exact());
    SeriesStats again(1, metrics, n);
    RandomStream r(1, 0, 0, StreamPurpose::fund);
    std::vector<double> v(2 * metrics, 1.0);
    for (std::uint32_t i = 0; i < n; ++i) {
        v[0] = r.uniform();
        s.add_world(v.data());
        again.add_world(v.data());
    }
    const CellStats c = s.cell(0, 0);
    CHECK(c.n == n);
    for (int q = 0; q < 5; ++q) CHECK(c.quantiles[q] == doctest::Approx(kQuantileProbabilities[q]).epsilon(0.02));
    CHECK(c.mean == doctest::Approx(0.5).epsilon(0.02));
    const CellStats d = again.cell(0, 0);
    CHECK(std::memcmp(&c.quantiles, &d.quantiles, sizeof c.quantiles) == 0);  // same input, same bits
    CHECK(s.cell(1, 0).quantiles[2] == doctest::Approx(1.0));
    CHECK(SeriesStats(0, 1, static_cast<std::uint32_t>(kExactQuantileValues)).is_exact());
    CHECK_FALSE(SeriesStats(0, 1, static_cast<std::uint32_t>(kExactQuantileValues + 1)).is_exact());
    CHECK(SeriesStats(36, 30, 7000).is_exact());        // the default experiment, 7,000 worlds
    CHECK_FALSE(SeriesStats(36, 30, 8000).is_exact());
}

TEST_CASE("SeriesStats.adding_worlds_together_gives_the_bits_of_one_at_a_time") {
    // Exact quantiles, then P² just past the exact limit: 2 x 250 cells x
    // 16,100 worlds > kExactQuantileValues (more worlds test nothing more).
    for (const std::uint32_t n : {300u, 16100u}) {
        const int metrics = 250;
        SeriesStats one(1, metrics, n), many(1, metrics, n);
        CHECK(many.is_exact() == (n == 300u));
        RandomStream r(5, 0, 0, StreamPurpose::fund);
        std::vector<std::vector<double>> block(64, std::vector<double>(2 * metrics));
        for (std::uint32_t done = 0; done < n;) {
            std::vector<const double*> worlds;
            for (std::uint32_t w = 0; w < 64 && done < n; ++w, ++done) {
                for (double& x : block[w]) x = r.uniform();
                one.add_world(block[w].data());
                worlds.push_back(block[w].data());
            }
            many.add_worlds(worlds);
        }
        for (int m = 0; m < metrics; m += 37) {
            const CellStats a = one.cell(1, m), b = many.cell(1, m);
            CHECK(std::memcmp(&a, &b, sizeof a) == 0);
        }
    }
}

TEST_CASE("SeriesStats.constant_cells_skip_the_sort_with_the_same_bits") {
    // A cell whose worlds all hold the same bits is not sorted; its quantiles
    // must be the bits the sorted path gives, -0.0 included (and a cell
    // mixing -0.0 and 0.0, equal but not the same bits, is still sorted).
    auto type7 = [](std::vector<double> v, double p) {
        std::sort(v.begin(), v.end());
        const double h = (static_cast<double>(v.size()) - 1) * p;
        const auto lo = static_cast<std::size_t>(std::floor(h));
        if (lo + 1 >= v.size()) return v.back();
        return v[lo] + (h - static_cast<double>(lo)) * (v[lo + 1] - v[lo]);
    };
    const std::vector<std::vector<double>> cells = {
        std::vector<double>(300, 3.5), std::vector<double>(300, -0.0), std::vector<double>(300, 0.0),
        {0.0, -0.0, 0.0, -0.0, -0.0, 0.0, 0.0}, {2.0, 1.0, 2.0, 2.0}};
    const double probabilities[] = {0.05, 0.25, 0.50, 0.75, 0.95};
    for (const auto& values : cells) {
        SeriesStats s(0, 1, static_cast<std::uint32_t>(values.size()));
        for (const double& v : values) s.add_world(&v);
        const CellStats c = s.cell(0, 0);
        for (int q = 0; q < 5; ++q) {
            const double expected = type7(values, probabilities[q]);
            CHECK(std::memcmp(&c.quantiles[q], &expected, sizeof expected) == 0);
        }
    }
}
