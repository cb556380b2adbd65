#include "world/random.hpp"

#include <boost/random/normal_distribution.hpp>

#include <cmath>
#include <limits>

namespace fundsim {

RandomStream::RandomStream(std::uint64_t seed, std::uint32_t point, std::uint64_t world,
                           StreamPurpose purpose) {
    key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    // counter = {block index, purpose | world high bits, world low bits, point}
    counter_ = {{0u, static_cast<std::uint32_t>(purpose) | (static_cast<std::uint32_t>(world >> 32) << 8),
                 static_cast<std::uint32_t>(world), point}};
}

void RandomStream::refill() {
    block_ = philox_(counter_, key_);
    ++counter_[0];
    used_ = 0;
}

std::uint32_t RandomStream::below(std::uint32_t n) {
    std::uint64_t m = static_cast<std::uint64_t>((*this)()) * n;
    auto low = static_cast<std::uint32_t>(m);
    if (low < n) {
        const std::uint32_t threshold = (0u - n) % n;
        while (low < threshold) {
            m = static_cast<std::uint64_t>((*this)()) * n;
            low = static_cast<std::uint32_t>(m);
        }
    }
    return static_cast<std::uint32_t>(m >> 32);
}

double RandomStream::normal() {
    // Boost.Random's ziggurat: no transcendental function on most draws, and
    // a pure function of the stream, so still reproducible to the bit.
    return boost::random::normal_distribution<double>()(*this);
}

int RandomStream::poisson(double lambda) {
    if (lambda <= 0) return 0;
    if (lambda > 30) {  // normal approximation: one draw, no loop per event, whatever the rate
        const double x = std::round(lambda + std::sqrt(lambda) * normal());
        if (!(x > 0)) return 0;
        return x >= static_cast<double>(std::numeric_limits<int>::max()) ? std::numeric_limits<int>::max()
                                                                         : static_cast<int>(x);
    }
    const double limit = std::exp(-lambda);
    int k = 0;
    double product = uniform();
    while (product > limit) {
        ++k;
        product *= uniform();
    }
    return k;
}

}  // namespace fundsim
