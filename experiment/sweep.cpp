#include "experiment/sweep.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <string>

#include "world/error.hpp"
#include "world/random.hpp"

namespace fundsim {
namespace {

/// Designs bigger than this are almost certainly a typo in a grid.
constexpr std::size_t kMaxPoints = 10'000'000;
/// Stream "world" ids for latin_hypercube permutations (above any sample id).
constexpr std::uint64_t kPermutationStream = 1ull << 32;
/// The sweep draws share no stream with worlds (dedicated point), so any
/// purpose would do; population is the one that "sets up" things.
constexpr StreamPurpose kSweepPurpose = StreamPurpose::population;

struct Split {
    std::vector<const SweepParameter*> lists;
    std::vector<const SweepParameter*> ranges;
};

[[noreturn]] void fail(const SweepParameter& p, const std::string& why) {
    throw ConfigError("sweep.parameters." + p.path + ": " + why);
}

Split split(const SweepSpec& sweep) {
    Split s;
    for (const auto& p : sweep.parameters) {
        const bool is_range = p.min.has_value() || p.max.has_value();
        if (is_range && !p.values.empty()) fail(p, "give either a list of values or {min, max}, not both");
        if (!is_range && p.values.empty()) fail(p, "an empty list gives no point; list at least one value");
        if (is_range) {
            if (!p.min || !p.max) fail(p, "a range needs both min and max");
            if (!(*p.min <= *p.max)) fail(p, "min must not exceed max");
            if (sweep.design == SweepDesign::grid)
                fail(p, "a {min, max} range needs design random, latin_hypercube, sobol or saltelli (grid takes lists)");
            s.ranges.push_back(&p);
        } else {
            if (sweep.design == SweepDesign::saltelli)
                fail(p, "design saltelli varies every parameter over a range; expected {min, max}, not a list");
            s.lists.push_back(&p);
        }
    }
    if (!s.ranges.empty() && sweep.samples < 1) throw ConfigError("sweep.samples: must be at least 1");
    if (sweep.design == SweepDesign::sobol && s.ranges.size() > 3667)
        throw ConfigError("sweep.parameters: sobol supports at most 3667 ranges");
    if (sweep.design == SweepDesign::saltelli && 2 * s.ranges.size() > 3667)
        throw ConfigError("sweep.parameters: saltelli supports at most 1833 ranges");
    return s;
}

std::size_t sampled_count(const SweepSpec& sweep, const Split& s) {
    if (s.ranges.empty()) return 1;
    const auto n = static_cast<std::size_t>(sweep.samples);
    return sweep.design == SweepDesign::saltelli ? n * saltelli_rows_per_sample(s.ranges.size()) : n;
}

/// Saltelli (2010) point `index`: base row j = index / (k + 2) of the
/// matrices A and B (the first and last k coordinates of the 2k-dimensional
/// Sobol point j), then A, AB_1 .. AB_k (A with column i from B), B.
std::vector<double> saltelli_draws(std::size_t k, std::size_t index) {
    const std::size_t row = index / saltelli_rows_per_sample(k), kind = index % saltelli_rows_per_sample(k);
    boost::random::sobol qrng(2 * k);
    qrng.seed(row);
    std::vector<double> ab(2 * k);
    for (auto& x : ab) x = static_cast<double>(qrng() >> 11) * 0x1.0p-53;
    if (kind == k + 1) return {ab.begin() + static_cast<std::ptrdiff_t>(k), ab.end()};
    std::vector<double> t(ab.begin(), ab.begin() + static_cast<std::ptrdiff_t>(k));
    if (kind >= 1) t[kind - 1] = ab[k + kind - 1];
    return t;
}

/// Strata permutation of every range under latin_hypercube (else empty).
std::vector<std::vector<std::uint32_t>> lhs_strata(const SweepSpec& sweep, const Split& s,
                                                   std::uint64_t seed) {
    std::vector<std::vector<std::uint32_t>> all;
    if (sweep.design != SweepDesign::latin_hypercube) return all;
    const auto n = static_cast<std::uint32_t>(sweep.samples);
    for (std::size_t j = 0; j < s.ranges.size(); ++j) {
        std::vector<std::uint32_t> strata(n);
        std::iota(strata.begin(), strata.end(), 0u);
        RandomStream shuffle(seed, kSweepStreamPoint, kPermutationStream + j, kSweepPurpose);
        for (std::uint32_t i = n - 1; i > 0; --i) std::swap(strata[i], strata[shuffle.below(i + 1)]);
        all.push_back(std::move(strata));
    }
    return all;
}

/// Unit draws t in [0, 1) of one sample, one per range, in range order.
std::vector<double> unit_draws(const SweepSpec& sweep, const Split& s, std::uint64_t seed,
                               const std::vector<std::vector<std::uint32_t>>& strata,
                               std::size_t sample) {
    std::vector<double> t(s.ranges.size());
    if (t.empty()) return t;
    if (sweep.design == SweepDesign::saltelli) return saltelli_draws(t.size(), sample);
    if (sweep.design == SweepDesign::sobol) {
        boost::random::sobol qrng(t.size());
        qrng.seed(sample);  // sequence index = sample
        for (auto& x : t) x = static_cast<double>(qrng() >> 11) * 0x1.0p-53;
        return t;
    }
    RandomStream draws(seed, kSweepStreamPoint, sample, kSweepPurpose);
    for (auto& x : t) x = draws.uniform();
    if (sweep.design != SweepDesign::latin_hypercube) return t;
    const double n = sweep.samples;
    for (std::size_t j = 0; j < t.size(); ++j)
        t[j] = std::min((strata[j][sample] + t[j]) / n, std::nextafter(1.0, 0.0));
    return t;
}

std::string scaled(const SweepParameter& p, double t) {
    const double lo = *p.min, hi = *p.max;
    if (p.is_integer) {
        const double v = std::min(lo + std::floor(t * (hi - lo + 1)), hi);
        return format_scalar(v, true);
    }
    return format_scalar(lo + t * (hi - lo), false);
}

}  // namespace

std::string format_scalar(double value, bool is_integer) {
    if (is_integer) return std::to_string(static_cast<long long>(std::llround(value)));
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
}

std::size_t design_size(const SweepSpec& sweep) {
    const Split s = split(sweep);
    std::size_t n = sampled_count(sweep, s);
    for (const auto* p : s.lists) {
        if (n > kMaxPoints / p->values.size())
            throw ConfigError("the design has more than " + std::to_string(kMaxPoints) +
                              " points; use fewer values or a sampled design");
        n *= p->values.size();
    }
    return n;
}

namespace {

/// One design with its latin_hypercube permutations computed once.
class Design {
public:
    Design(const SweepSpec& sweep, std::uint64_t seed)
        : sweep_(sweep), seed_(seed), split_(split(sweep)), size_(design_size(sweep)),
          strata_(lhs_strata(sweep, split_, seed)) {}

    std::size_t size() const { return size_; }

    std::vector<Override> point(std::size_t index) const {
        if (index >= size_) throw ConfigError("sweep point " + std::to_string(index) + " does not exist");
        const std::size_t per_combo = sampled_count(sweep_, split_);
        std::size_t combo = index / per_combo;
        // Decode the list combination, the first list varying slowest.
        std::vector<std::size_t> choice(split_.lists.size());
        for (std::size_t j = split_.lists.size(); j-- > 0;) {
            choice[j] = combo % split_.lists[j]->values.size();
            combo /= split_.lists[j]->values.size();
        }
        const auto t = unit_draws(sweep_, split_, seed_, strata_, index % per_combo);
        std::vector<Override> point;
        std::size_t next_list = 0, next_range = 0;
        for (const auto& p : sweep_.parameters) {
            if (next_list < split_.lists.size() && split_.lists[next_list] == &p)
                point.push_back({p.path, p.values[choice[next_list++]]});
            else
                point.push_back({p.path, scaled(p, t[next_range++])});
        }
        return point;
    }

private:
    const SweepSpec& sweep_;
    std::uint64_t seed_;
    Split split_;
    std::size_t size_;
    std::vector<std::vector<std::uint32_t>> strata_;
};

}  // namespace

std::vector<Override> design_point(const SweepSpec& sweep, std::uint64_t seed, std::size_t index) {
    return Design(sweep, seed).point(index);
}

std::vector<std::vector<Override>> design_points(const SweepSpec& sweep, std::uint64_t seed) {
    const Design design(sweep, seed);
    std::vector<std::vector<Override>> points;
    points.reserve(design.size());
    for (std::size_t i = 0; i < design.size(); ++i) points.push_back(design.point(i));
    return points;
}

}  // namespace fundsim
