#include <doctest/doctest.h>

#include "world/fund.hpp"

using namespace fundsim;

namespace {
FundSpec quiet_fund() {
    FundSpec f;
    f.max_leverage = 3;
    f.cost_of_debt_per_year = 0.12;
    f.management_fee_per_year = 0;
    f.cash_return_per_year = 0;
    f.distribution_rate = 0.5;
    f.hurdle_rate_per_year = 0.05;
    f.risk_penalty = 0;
    f.fire_sale_haircut = 0.1;
    return f;
}
Proposal proposal(double capex, double ret, double vol = 0, int months = 12) {
    static const std::string sector = "energy";
    return {capex, ret, vol, months, &sector, 0, 0};
}
}  // namespace

TEST_CASE("Fund.equity_is_assets_minus_debt_and_finances_with_leverage") {
    const FundSpec spec = quiet_fund();
    Fund fund(spec, 1, 3);
    fund.add_stake(0, 100);
    CHECK(fund.equity() == 100);
    const auto financed = fund.finance({proposal(150, 0.10), proposal(100, 0.08), proposal(100, 0.07)});
    // 150 from cash 100 + debt 50 (assets 150); 100 more -> assets 250; third
    // would make 350 > 3 x 100.
    CHECK(financed.size() == 2);
    CHECK(fund.debt() == doctest::Approx(150));
    CHECK(fund.assets() == doctest::Approx(250));
    CHECK(fund.leverage() == doctest::Approx(2.5));
}

TEST_CASE("Fund.rejects_projects_below_the_risk_adjusted_hurdle") {
    FundSpec spec = quiet_fund();
    spec.risk_penalty = 0.5;
    Fund fund(spec, 1, 1);
    fund.add_stake(0, 100);
    // 0.12 - 0.5 * 0.2 = 0.02 < 0.05
    CHECK(fund.finance({proposal(10, 0.12, 0.2)}).empty());
    CHECK(fund.finance({proposal(10, 0.12, 0.0)}).size() == 1);
}

TEST_CASE("Fund.distributes_profit_pro_rata") {
    const FundSpec spec = quiet_fund();
    Fund fund(spec, 12, 3);  // one step = one year
    fund.add_stake(0, 60);
    fund.add_stake(1, 20);
    fund.add_lp_capital(20);
    fund.finance({proposal(100, 0.10, 0.0, 60)});
    RandomStream rng(1, 0, 0, StreamPurpose::fund);
    const FundStepResult r = fund.realise(rng);
    CHECK(r.profit_usd_bn == doctest::Approx(10));
    CHECK(r.distributed_usd_bn == doctest::Approx(5));
    CHECK(fund.owner_share(0) == doctest::Approx(0.6));
    CHECK(fund.owner_share(1) == doctest::Approx(0.2));
    CHECK(fund.equity() == doctest::Approx(105));  // half retained
}

TEST_CASE("Fund.losses_cut_equity_and_a_breach_forces_deleveraging") {
    const FundSpec spec = quiet_fund();
    Fund fund(spec, 1, 1);
    fund.add_stake(0, 100);
    fund.finance({proposal(150, 0.10), proposal(140, 0.10)});
    CHECK(fund.leverage() == doctest::Approx(2.9));
    const double lost = fund.shock("energy", -0.2);
    CHECK(lost == doctest::Approx(58));
    CHECK(fund.equity() == doctest::Approx(42));
    CHECK(fund.mature_and_deleverage());  // 232 / 42 > 3
    CHECK(fund.leverage() <= 3.0 + 1e-9);
    CHECK(fund.active_projects() < 2);
    CHECK(fund.equity() < 42);  // the fire sale haircut is a loss too
}

TEST_CASE("Fund.matured_projects_return_value_and_repay_debt") {
    const FundSpec spec = quiet_fund();
    Fund fund(spec, 1, 1);
    fund.add_stake(0, 100);
    fund.finance({proposal(200, 0.10, 0.0, 1)});
    CHECK(fund.debt() == doctest::Approx(100));
    RandomStream rng(1, 0, 0, StreamPurpose::fund);
    fund.realise(rng);
    CHECK_FALSE(fund.mature_and_deleverage());
    CHECK(fund.active_projects() == 0);
    CHECK(fund.debt() == doctest::Approx(0));
}

TEST_CASE("Fund.redeeming_a_stake_pays_its_share_of_equity") {
    const FundSpec spec = quiet_fund();
    Fund fund(spec, 1, 2);
    fund.add_stake(0, 75);
    fund.add_stake(1, 25);
    CHECK(fund.redeem_stake(1) == doctest::Approx(25));
    CHECK(fund.equity() == doctest::Approx(75));
    CHECK(fund.owner_share(0) == doctest::Approx(1.0));
}
