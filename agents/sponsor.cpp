#include "agents/sponsor.hpp"

#include <algorithm>
#include <cmath>

namespace fundsim {

void Sponsor::propose(int step, int months_per_step, RandomStream& rng, std::vector<Proposal>& out) const {
    if (step < spec_.start_step) return;
    double remaining = spec_.program_usd_bn > 0 ? spec_.program_usd_bn - financed_usd_bn_ : INFINITY;
    if (remaining <= 1e-9) return;
    const int n = rng.poisson(spec_.rate_per_year * months_per_step / 12.0);  // S1
    const double sigma = std::sqrt(std::log1p(spec_.capex_cv * spec_.capex_cv));
    for (int k = 0; k < n && remaining > 1e-9; ++k) {
        double capex = spec_.capex_usd_bn * std::exp(sigma * rng.normal() - 0.5 * sigma * sigma);  // S2
        capex = std::min(capex, remaining);
        remaining -= capex;  // proposals of one step never exceed the programme together
        out.push_back({capex, spec_.expected_return_per_year, spec_.volatility_per_year, spec_.duration_months,
                       &spec_.sector, spec_.location, index_});
    }
}

}  // namespace fundsim
