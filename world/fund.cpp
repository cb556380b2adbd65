#include "world/fund.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fundsim {

Fund::Fund(const FundSpec& spec, int months_per_step, std::size_t governments)
    : spec_(spec), months_per_step_(months_per_step), step_years_(months_per_step / 12.0), stakes_(governments, 0.0) {}

double Fund::leverage() const {
    const double e = equity();
    return e > 0 ? assets() / e : 0.0;
}

double Fund::owner_share(GovIndex g) const {
    const double owners = total_stakes_ + lp_capital_;
    return owners > 0 ? stakes_[static_cast<std::size_t>(g)] / owners : 0.0;
}

void Fund::add_stake(GovIndex g, double usd_bn) {
    if (usd_bn <= 0) return;
    stakes_[static_cast<std::size_t>(g)] += usd_bn;
    total_stakes_ += usd_bn;
    cash_ += usd_bn;
}

void Fund::add_lp_capital(double usd_bn) {
    if (usd_bn <= 0) return;
    lp_capital_ += usd_bn;
    cash_ += usd_bn;
}

double Fund::redeem_stake(GovIndex g) {
    const double paid = std::max(0.0, equity()) * owner_share(g);
    total_stakes_ -= stakes_[static_cast<std::size_t>(g)];
    stakes_[static_cast<std::size_t>(g)] = 0;
    cash_ -= paid;
    if (cash_ < 0) {  // an overdraft becomes debt
        debt_ -= cash_;
        cash_ = 0;
    }
    return paid;
}

FundStepResult Fund::realise(RandomStream& rng) {
    FundStepResult r;
    const double root = std::sqrt(step_years_);
    double income = 0;
    for (Project& p : projects_) {
        // F1: a project's income this step, a normal draw around its expected return.
        const double rate = p.expected_return_per_year * step_years_ + p.volatility_per_year * root * rng.normal();
        p.last_income_usd_bn = p.value_usd_bn * rate;
        income += p.last_income_usd_bn;
        p.months_left -= months_per_step_;
    }
    r.project_profit_usd_bn = income;
    // F2: profit = project income + cash return - interest - management fee.
    r.profit_usd_bn = income + cash_ * spec_.cash_return_per_year * step_years_ -
                      debt_ * spec_.cost_of_debt_per_year * step_years_ -
                      assets() * spec_.management_fee_per_year * step_years_;
    // F3: a positive profit is paid out at the distribution rate, the rest retained.
    if (r.profit_usd_bn > 0 && equity() > 0) r.distributed_usd_bn = spec_.distribution_rate * r.profit_usd_bn;
    cash_ += r.profit_usd_bn - r.distributed_usd_bn;
    distributions_total_ += r.distributed_usd_bn;
    return r;
}

bool Fund::mature_and_deleverage() {
    // F4: matured projects return their book value to cash, which repays debt first.
    auto matured = std::stable_partition(projects_.begin(), projects_.end(),
                                         [](const Project& p) { return p.months_left > 0; });
    for (auto it = matured; it != projects_.end(); ++it) cash_ += it->value_usd_bn;
    projects_.erase(matured, projects_.end());
    project_value_ = std::accumulate(projects_.begin(), projects_.end(), 0.0,
                                     [](double s, const Project& p) { return s + p.value_usd_bn; });
    if (cash_ < 0) {
        debt_ -= cash_;
        cash_ = 0;
    }
    const double repay = std::min(cash_, debt_);
    cash_ -= repay;
    debt_ -= repay;
    const bool forced = enforce_leverage_cap();
    return forced || equity() <= 0;
}

bool Fund::enforce_leverage_cap() {
    bool forced = false;
    // F6: sell the oldest projects at the haircut until assets/equity <= cap.
    while (!projects_.empty() && (equity() <= 0 || assets() > spec_.max_leverage * equity()) && debt_ > 0) {
        forced = true;
        const Project sold = projects_.front();
        projects_.erase(projects_.begin());
        project_value_ -= sold.value_usd_bn;
        const double proceeds = (1 - spec_.fire_sale_haircut) * sold.value_usd_bn;
        writedowns_usd_bn_ += sold.value_usd_bn - proceeds;
        const double repay = std::min(proceeds, debt_);
        debt_ -= repay;
        cash_ += proceeds - repay;
    }
    return forced;
}

std::vector<std::size_t> Fund::finance(const std::vector<Proposal>& proposals) {
    std::vector<std::size_t> order(proposals.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    auto score = [&](const Proposal& p) {
        return p.expected_return_per_year - spec_.risk_penalty * p.volatility_per_year;
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return score(proposals[a]) > score(proposals[b]); });
    std::vector<std::size_t> financed;
    for (std::size_t i : order) {
        const Proposal& p = proposals[i];
        if (score(p) < spec_.hurdle_rate_per_year) break;  // F8: below the hurdle
        const double e = equity();
        if (e <= 0 || assets() + std::max(0.0, p.capex_usd_bn - cash_) > spec_.max_leverage * e) continue;
        const double from_cash = std::min(cash_, p.capex_usd_bn);
        cash_ -= from_cash;
        debt_ += p.capex_usd_bn - from_cash;
        project_value_ += p.capex_usd_bn;
        projects_.push_back({p.capex_usd_bn, p.expected_return_per_year, p.volatility_per_year,
                             p.duration_months, p.sector, p.location});
        financed.push_back(i);
    }
    return financed;
}

double Fund::shock(const std::string& sector, double size) {
    double lost = 0;
    for (Project& p : projects_) {
        if (!sector.empty() && (p.sector == nullptr || *p.sector != sector)) continue;
        const double after = std::max(0.0, p.value_usd_bn * (1 + size));
        lost += p.value_usd_bn - after;
        p.value_usd_bn = after;
    }
    project_value_ -= lost;
    writedowns_usd_bn_ += lost;
    return lost;
}

}  // namespace fundsim
