#pragma once
/// The joint fund's balance sheet and accounting (docs/ODD.md "Fund").
///
/// Assets are idle cash plus the book value of financed projects; equity is
/// assets minus debt (derived, never stored), so every loss cuts equity.
/// Owners are the member governments (stakes) and the limited partners
/// (LP capital); distributions go to them pro rata to contributed capital.
/// Not thread-safe (one per world); deterministic given its stream.
#include <string>
#include <vector>

#include "experiment/experiment.hpp"
#include "world/random.hpp"

namespace fundsim {

/// A project the fund holds.
struct Project {
    double value_usd_bn = 0;           ///< book value (capex, less write-downs)
    double expected_return_per_year = 0;
    double volatility_per_year = 0;
    int months_left = 0;
    const std::string* sector = nullptr;  ///< points into the SponsorSpec
    GovIndex location = 0;
    double last_income_usd_bn = 0;     ///< income of the latest step (F1)
};

/// A proposal a sponsor puts to the fund this step.
struct Proposal {
    double capex_usd_bn = 0;
    double expected_return_per_year = 0;
    double volatility_per_year = 0;
    int duration_months = 0;
    const std::string* sector = nullptr;
    GovIndex location = 0;
    int sponsor = 0;                   ///< index into Experiment::sponsors
};

/// What one step of accounting produced, for the owners and the metrics.
struct FundStepResult {
    double profit_usd_bn = 0;          ///< income less interest and fees
    double distributed_usd_bn = 0;     ///< paid to owners this step
    double project_profit_usd_bn = 0;  ///< gross project income (for the tax counterfactual)
};

class Fund {
public:
    Fund(const FundSpec& spec, int months_per_step, std::size_t governments);

    double equity() const { return assets() - debt_; }
    double debt() const { return debt_; }
    double assets() const { return cash_ + project_value_; }
    /// Assets / equity; 0 when equity <= 0 (insolvent: see distress).   [ODD eq. F5]
    double leverage() const;
    /// The leverage that risk is judged by: assets / equity, and the cap
    /// itself when equity <= 0 (an insolvent fund is no safer than a full one).
    double risk_leverage() const { return equity() > 0 ? leverage() : spec_.max_leverage; }
    double lp_capital() const { return lp_capital_; }
    double stake(GovIndex g) const { return stakes_[static_cast<std::size_t>(g)]; }
    double total_stakes() const { return total_stakes_; }
    double distributions_total() const { return distributions_total_; }
    std::size_t active_projects() const { return projects_.size(); }
    const std::vector<Project>& projects() const { return projects_; }

    /// A government's share of distributions: stake / (stakes + LP capital).
    double owner_share(GovIndex g) const;

    /// Adds capital from a government (stake) or an LP; raises cash.
    void add_stake(GovIndex g, double usd_bn);
    void add_lp_capital(double usd_bn);
    /// Redeems g's stake at its owner share of current equity (paid from
    /// cash, borrowing if needed) and returns the amount paid.   [ODD eq. F7]
    double redeem_stake(GovIndex g);

    /// Realises one step of project returns, interest, fees and
    /// distributions.   [ODD eqs. F1-F3]
    FundStepResult realise(RandomStream& rng);

    /// Returns matured projects' book value to cash, repays debt from cash,
    /// then deleverages if over the cap. Returns true when distressed
    /// (deleveraging forced, or equity <= 0).   [ODD eqs. F4, F6]
    bool mature_and_deleverage();

    /// Ranks proposals by expected_return - risk_penalty * volatility and
    /// finances those above the hurdle within the leverage cap.   [ODD eq. F8]
    /// Returns the proposals financed (indices into `proposals`).
    std::vector<std::size_t> finance(const std::vector<Proposal>& proposals);

    /// Multiplies the value of projects in `sector` ("" = all) by (1 + shock),
    /// floored at 0; the loss falls on equity. Returns the value lost.
    double shock(const std::string& sector, double shock);

    /// Deleverages (fire sales at the haircut) until assets/equity <= cap;
    /// returns true if it had to.   [ODD eq. F6]
    bool enforce_leverage_cap();

    /// Value written off since the last call (shocks, fire-sale haircuts),
    /// USD bn; resets the count. Beliefs about the return include it.   [I2]
    double take_writedowns() {
        const double w = writedowns_usd_bn_;
        writedowns_usd_bn_ = 0;
        return w;
    }

private:
    const FundSpec& spec_;
    int months_per_step_;
    double step_years_;
    double cash_ = 0;
    double debt_ = 0;
    double project_value_ = 0;
    double lp_capital_ = 0;
    double total_stakes_ = 0;
    double distributions_total_ = 0;
    double writedowns_usd_bn_ = 0;
    std::vector<double> stakes_;
    std::vector<Project> projects_;
};

}  // namespace fundsim
