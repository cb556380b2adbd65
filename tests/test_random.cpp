#include <doctest/doctest.h>

#include "world/random.hpp"

using fundsim::RandomStream;
using fundsim::StreamPurpose;

TEST_CASE("RandomStream.is_a_pure_function_of_its_identity") {
    RandomStream a(42, 3, 7, StreamPurpose::decisions);
    RandomStream b(42, 3, 7, StreamPurpose::decisions);
    for (int i = 0; i < 100; ++i) CHECK(a() == b());
}

TEST_CASE("RandomStream.differs_by_seed_point_world_and_purpose") {
    auto first = [](std::uint64_t s, std::uint32_t p, std::uint64_t w, StreamPurpose u) {
        RandomStream r(s, p, w, u);
        return r();
    };
    const auto base = first(42, 3, 7, StreamPurpose::decisions);
    CHECK(first(43, 3, 7, StreamPurpose::decisions) != base);
    CHECK(first(42, 4, 7, StreamPurpose::decisions) != base);
    CHECK(first(42, 3, 8, StreamPurpose::decisions) != base);
    CHECK(first(42, 3, 7, StreamPurpose::fund) != base);
    CHECK(first(42, 3, (7ull << 32) | 7, StreamPurpose::decisions) != base);
}

TEST_CASE("RandomStream.uniform_and_below_have_the_right_moments") {
    RandomStream r(1, 0, 0, StreamPurpose::events);
    double sum = 0;
    int counts[5] = {0, 0, 0, 0, 0};
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double u = r.uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u;
        counts[r.below(5)]++;
    }
    CHECK(sum / n == doctest::Approx(0.5).epsilon(0.01));
    for (int c : counts) CHECK(c == doctest::Approx(n / 5).epsilon(0.02));
}

TEST_CASE("RandomStream.normal_and_poisson_have_the_right_moments") {
    RandomStream r(9, 1, 2, StreamPurpose::fund);
    const int n = 100000;
    double s = 0, s2 = 0, pk = 0;
    for (int i = 0; i < n; ++i) {
        const double z = r.normal();
        s += z;
        s2 += z * z;
        pk += r.poisson(2.5);
    }
    CHECK(s / n == doctest::Approx(0.0).epsilon(0.02));
    CHECK(s2 / n == doctest::Approx(1.0).epsilon(0.02));
    CHECK(pk / n == doctest::Approx(2.5).epsilon(0.02));
}

TEST_CASE("RandomStream.poisson_of_a_huge_mean_is_one_draw_and_never_overflows") {
    RandomStream r(5, 0, 0, StreamPurpose::events);
    double sum = 0;
    for (int i = 0; i < 2000; ++i) sum += r.poisson(1e6);
    CHECK(sum / 2000 == doctest::Approx(1e6).epsilon(0.001));
    // Means far beyond int: clamped, no float-to-int overflow, no loop per event.
    CHECK(r.poisson(1e12) == std::numeric_limits<int>::max());
    CHECK(r.poisson(1e300) == std::numeric_limits<int>::max());
    CHECK(r.poisson(0) == 0);
    CHECK(r.poisson(-1) == 0);
}
