// The phases of a step that decide and apply (see world/world.hpp).
#include <algorithm>
#include <numeric>

#include "agents/decision_rules.hpp"
#include "world/world.hpp"

namespace fundsim {

double World::founders_volatility() const {
    if (founders_.empty()) return 0.0;
    double sum = 0;
    for (GovIndex f : founders_) sum += govs_[static_cast<std::size_t>(f)].political_volatility;
    return sum / static_cast<double>(founders_.size());
}

JoinView World::join_view(GovIndex g) const {
    JoinView v;
    const double degree = (*degree_)[static_cast<std::size_t>(g)];
    v.exports_to_founders_usd_bn = trade_.exports_to_founders(g);
    v.peer_fraction = degree > 0 ? member_weight_[static_cast<std::size_t>(g)] / degree : 0.0;
    v.expected_fund_return_per_year = return_belief_;
    v.fund_leverage = fund_.risk_leverage();
    v.founders_volatility = founders_volatility();
    v.governance_quality = ex_.fund.governance_quality;
    v.safe_rate_per_year = ex_.fund.cash_return_per_year;
    return v;
}

void World::decide_governments(int t) {
    pending_joins_.clear();
    pending_exits_.clear();
    switch (ex_.behavior.rule) {
        case DecisionRule::logit: decide_logit(t); break;
        case DecisionRule::threshold: decide_threshold(); break;
        case DecisionRule::bass: decide_bass(); break;
    }
}

void World::decide_logit(int) {
    const LogitSpec& logit = ex_.behavior.logit;
    for (GovIndex g = 0; g < government_count(); ++g) {
        const GovernmentState& s = govs_[static_cast<std::size_t>(g)];
        if (s.is_founder) continue;  // founders do not reconsider
        const GovernmentSpec& spec = ex_.governments[static_cast<std::size_t>(g)];
        const double u = membership_utility(spec, s, join_view(g), logit);
        if (s.is_member()) {
            const double p = logit_exit_probability(u, logit.exit_inertia, logit.adjustment_speed, s.political_volatility);
            if (rng_decisions_.bernoulli(p)) pending_exits_.push_back(g);
        } else if (can_afford_stake(spec, s)) {
            if (rng_decisions_.bernoulli(logit_join_probability(u, logit.adjustment_speed))) pending_joins_.push_back(g);
        }
    }
}

void World::decide_threshold() {
    std::vector<GovIndex> check;
    if (all_candidates_) {
        check.resize(govs_.size());
        std::iota(check.begin(), check.end(), 0);
        all_candidates_ = false;
        candidates_.clear();
    } else {
        check.swap(candidates_);
        if (exits_pending_) {
            std::sort(check.begin(), check.end());
            check.erase(std::unique(check.begin(), check.end()), check.end());
            exits_pending_ = false;
        }
    }
    ++stamp_;
    for (GovIndex g : check) {
        const auto i = static_cast<std::size_t>(g);
        if (govs_[i].is_member()) continue;  // every non-member, exited founders included (SPEC §3)
        const double phi = ex_.governments[i].threshold.value_or(ex_.behavior.phi);
        if (threshold_joins(member_weight_[i], (*degree_)[i], phi)) pending_joins_.push_back(g);
    }
}

void World::decide_bass() {
    const BehaviorSpec& b = ex_.behavior;
    const double global_fraction = govs_.empty() ? 0.0 : static_cast<double>(members_) / static_cast<double>(govs_.size());
    for (GovIndex g = 0; g < government_count(); ++g) {
        const auto i = static_cast<std::size_t>(g);
        if (govs_[i].is_member()) continue;  // every non-member, exited founders included (SPEC §3)
        double fraction = global_fraction;
        if (b.bass_scope == BassScope::network)
            fraction = (*degree_)[i] > 0 ? member_weight_[i] / (*degree_)[i] : 0.0;
        if (rng_decisions_.bernoulli(bass_join_probability(b.bass_p, b.bass_q, fraction))) pending_joins_.push_back(g);
    }
}

void World::decide_talks(int t) {
    pending_talks_.clear();
    for (Negotiator& n : negotiators_) {
        const TalkOutcome out = n.step(t, rng_negotiation_);
        if (out.kind != TalkOutcome::none) pending_talks_.emplace_back(n.party(), out);
    }
}

void World::decide_investors() {
    InvestorView view;
    view.expected_return_per_year = return_belief_;
    view.fund_risk = fund_.risk_leverage() * founders_volatility() * (1.0 - ex_.fund.governance_quality);
    for (std::size_t c = 0; c < investors_.size(); ++c) {
        const bool home_member = govs_[static_cast<std::size_t>(investors_[c].spec().country)].is_member();
        pending_commits_[c] = investors_[c].decide(view, home_member, ex_.investors, rng_investors_);
    }
}

void World::realise_fund() {
    const double equity_before = fund_.equity();
    const FundStepResult r = fund_.realise(rng_fund_);
    // Distributions go to the owners of the start of the step, pro rata.   [F3]
    if (r.distributed_usd_bn > 0) {
        const double owners = fund_.total_stakes() + fund_.lp_capital();
        if (owners > 0) {
            paid_per_usd_ += r.distributed_usd_bn / owners;
            revenue_total_ += r.distributed_usd_bn * (fund_.total_stakes() / owners);
        }
    }
    // C2: the classic regime taxes each project's profit where it is located.
    for (const Project& p : fund_.projects())
        if (p.last_income_usd_bn > 0) {
            const double tax = ex_.fund.tax_rate * p.last_income_usd_bn;
            govs_[static_cast<std::size_t>(p.location)].counterfactual_usd_bn += tax;
            counterfactual_total_ += tax;
        }
    // I2: the public belief follows the realised annualised return on equity.
    if (equity_before > 0) {
        const double realised = r.profit_usd_bn / equity_before * 12.0 / ex_.months_per_step;
        return_belief_ = update_return_belief(return_belief_, realised, ex_.investors.belief_weight);
    }
    distressed_step_ = fund_.mature_and_deleverage() || distressed_step_;
}

void World::apply_decisions(int t) {
    for (GovIndex g : pending_joins_) force_join(g, t);
    for (GovIndex g : pending_exits_) force_exit(g);
    const NegotiatorSpec& ns = ex_.negotiators;
    for (const auto& [party, out] : pending_talks_) {
        GovernmentState& s = govs_[static_cast<std::size_t>(party)];
        if (out.kind == TalkOutcome::deal) {
            ++deals_closed_;
            s.closed_deal = true;
            trade_.set_tariff(ns.counterpart, party, out.agreed_tariff);
            // A commitment under the logit rule makes the party a member; the
            // network-only rules leave membership to the network, so there the
            // commitment is invested alongside the limited partners.
            if (out.commits_to_fund) {
                const double stake = ns.commitment_gdp_share * s.gdp_usd_bn;
                if (ex_.behavior.rule != DecisionRule::logit) fund_.add_lp_capital(stake);
                else if (s.is_member()) add_stake(party, stake);
                else force_join(party, t, stake);
            }
        } else {
            ++talks_broken_;
            if (out.escalates)
                trade_.set_tariff(ns.counterpart, party, trade_.tariff(ns.counterpart, party) + ns.escalation_tariff);
        }
    }
    for (const Negotiator& n : negotiators_) govs_[static_cast<std::size_t>(n.party())].in_talks = n.is_talking();
    for (std::size_t c = 0; c < investors_.size(); ++c) {
        investors_[c].apply(pending_commits_[c]);
        fund_.add_lp_capital(pending_commits_[c] * investors_[c].spec().capital_usd_bn);
    }
}

void World::finance_projects() {
    // Redemptions in phase 4 may have pushed leverage over the cap.   [F6]
    if (fund_.enforce_leverage_cap()) distressed_step_ = true;
    for (std::size_t i : fund_.finance(proposals_)) {
        const Proposal& p = proposals_[i];
        sponsors_[static_cast<std::size_t>(p.sponsor)].record_financed(p.capex_usd_bn);
        ++projects_financed_;
        // C1: the classic regime pays an incentive to attract the project.
        const double incentive = ex_.fund.incentive_cost_share * p.capex_usd_bn;
        govs_[static_cast<std::size_t>(p.location)].counterfactual_usd_bn -= incentive;
        counterfactual_total_ -= incentive;
    }
}

}  // namespace fundsim
