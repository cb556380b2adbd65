#include <doctest/doctest.h>

#include <cmath>

#include "support/experiment_builder.hpp"
#include "world/trade.hpp"

using namespace fundsim;
using namespace fundsim::testing;

namespace {
Scenario two_exporters() {
    Experiment ex = make_experiment(3);
    ex.trade.base_tariff = 0.0;
    ex.trade.elasticity = 4;
    ex.trade_flows = {{1, 0, 100}, {2, 0, 50}, {0, 1, 80}};
    ex.fund.founders = {{0, 1.0}};
    return Scenario::build(ex);
}
}  // namespace

TEST_CASE("TradeBook.trade_falls_with_the_tariff_at_constant_elasticity") {
    const Scenario s = two_exporters();
    TradeBook book(s, {1, 0, 0});
    book.update();
    CHECK(book.exports_to(1, 0) == doctest::Approx(100));
    book.set_tariff(0, 1, 0.25);
    book.update();
    CHECK(book.exports_to(1, 0) == doctest::Approx(100 * std::pow(1.25, -4.0)));
    CHECK(book.exports_to_founders(1) == doctest::Approx(100 * std::pow(1.25, -4.0)));
    CHECK(book.exports_to_founders(0) == 0);
}

TEST_CASE("TradeBook.faced_and_average_tariffs_are_trade_weighted") {
    const Scenario s = two_exporters();
    TradeBook book(s, {1, 0, 0});
    book.set_tariff(0, 1, 0.10);
    book.set_tariff(0, 2, 0.30);
    book.update();
    CHECK(book.tariff_faced(1) == doctest::Approx(0.10));
    CHECK(book.tariff_faced(2) == doctest::Approx(0.30));
    const double x1 = 100 * std::pow(1.10, -4.0), x2 = 50 * std::pow(1.30, -4.0);
    CHECK(book.average_tariff() == doctest::Approx((x1 * 0.10 + x2 * 0.30) / (x1 + x2 + 80)));
    CHECK(book.volume() == doctest::Approx(x1 + x2 + 80));
}
