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
    v.relief_usd_bn = trade_.relief_as_member(g);
    const NegotiatorSpec& ns = ex_.negotiators;
    v.commitment_price = ns.commitment_price;
    v.pledge_capacity_usd_bn = ns.pledge_capacity_gdp_share * govs_[static_cast<std::size_t>(g)].gdp_usd_bn +
                               ns.swf_pledge_share * ex_.governments[static_cast<std::size_t>(g)].swf_assets_usd_bn;
    // G6: founders are members by construction, so ties to them are left out
    // of both sides of the fraction: a government whose only tie is a
    // founder has no peers to follow (SPEC §3.1.5).
    const double founder_weight = founder_weight_[static_cast<std::size_t>(g)];
    const double peers = degree - founder_weight;
    v.peer_fraction = peers > 1e-12 ? std::clamp((member_weight_[static_cast<std::size_t>(g)] - founder_weight) / peers, 0.0, 1.0)
                                    : 0.0;
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

void World::decide_logit(int t) {
    const LogitSpec& logit = ex_.behavior.logit;
    // D4: exits follow the fund's realised performance (write-downs included).
    const double return_gap_pct = 100.0 * (ex_.fund.cash_return_per_year - return_belief_);
    for (GovIndex g = 0; g < government_count(); ++g) {
        const GovernmentState& s = govs_[static_cast<std::size_t>(g)];
        if (s.is_founder) continue;  // founders do not reconsider
        const std::vector<GovIndex>& unit = decision_unit(g);
        if (unit.front() != g) continue;  // a bloc decides once, through its first member
        if (s.is_member()) {
            if (t < s.locked_until_step) continue;  // a deal commitment binds
            const double p = logit_exit_probability(return_gap_pct, logit.performance, logit.exit_inertia,
                                                    logit.adjustment_speed, s.political_volatility);
            if (rng_decisions_.bernoulli(p)) pending_exits_.insert(pending_exits_.end(), unit.begin(), unit.end());
            continue;
        }
        // A bloc weighs the GDP-weighted mean of its members' utilities.
        double u = 0, weight = 0;
        bool affordable = true;
        for (GovIndex m : unit) {
            const GovernmentSpec& spec = ex_.governments[static_cast<std::size_t>(m)];
            const GovernmentState& ms = govs_[static_cast<std::size_t>(m)];
            JoinView view = join_view(m);
            view.founding_at_stake = founding_at_stake(logit, t);
            affordable = affordable && can_afford_stake(spec, ms);
            u += ms.gdp_usd_bn * membership_utility(spec, ms, view, logit);
            weight += ms.gdp_usd_bn;
        }
        if (!affordable || weight <= 0) continue;
        if (rng_decisions_.bernoulli(logit_join_probability(u / weight, logit.adjustment_speed)))
            pending_joins_.insert(pending_joins_.end(), unit.begin(), unit.end());
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

TalkView World::talk_view(const Negotiator& n) const {
    TalkView v;
    const NegotiatorSpec& ns = ex_.negotiators;
    const std::vector<GovIndex>& unit = decision_unit(n.party());
    // A bloc bargains with its members' totals; rates and alliance are
    // export- and GDP-weighted means.
    double gdp = 0, alliance = 0, rate_weight = 0;
    for (GovIndex m : unit) {
        const auto i = static_cast<std::size_t>(m);
        const GovernmentSpec& spec = ex_.governments[i];
        const double x = exports_to_counterpart_[i];
        const double w = unit.size() == 1 ? 1.0 : x;
        v.tariff_now += w * trade_.tariff(ns.counterpart, m);
        v.threat += w * spec.threat_tariff;
        rate_weight += w;
        v.exports_usd_bn += x;
        v.imports_usd_bn += imports_from_counterpart_[i];
        v.gdp_usd_bn += govs_[i].gdp_usd_bn;
        v.capacity_usd_bn += ns.pledge_capacity_gdp_share * govs_[i].gdp_usd_bn + ns.swf_pledge_share * spec.swf_assets_usd_bn;
        alliance += govs_[i].gdp_usd_bn * spec.alliance;
        gdp += govs_[i].gdp_usd_bn;
    }
    if (rate_weight > 0) {
        v.tariff_now /= rate_weight;
        v.threat /= rate_weight;
    } else {  // no recorded exports: the plain mean
        v.tariff_now = v.threat = 0;
        for (GovIndex m : unit) {
            v.tariff_now += trade_.tariff(ns.counterpart, m) / static_cast<double>(unit.size());
            v.threat += ex_.governments[static_cast<std::size_t>(m)].threat_tariff / static_cast<double>(unit.size());
        }
    }
    v.alliance = gdp > 0 ? alliance / gdp : 0.0;
    v.expected_fund_return_per_year = return_belief_;
    v.safe_rate_per_year = ex_.fund.cash_return_per_year;
    v.base_tariff = ex_.trade.base_tariff;
    v.elasticity = ex_.trade.elasticity;
    return v;
}

void World::decide_talks(int t) {
    pending_talks_.clear();
    for (std::size_t k = 0; k < negotiators_.size(); ++k) {
        Negotiator& n = negotiators_[k];
        if (govs_[static_cast<std::size_t>(n.party())].is_member() && !n.is_talking()) n.settle();  // joined meanwhile
        const TalkOutcome out = n.step(t, talk_view(n), rng_negotiation_);
        if (out.kind != TalkOutcome::none) pending_talks_.emplace_back(k, out);
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
    // I2: the public belief follows the realised annualised return on
    // equity, write-downs (shocks, fire sales) included.
    const double writedowns = fund_.take_writedowns();
    if (equity_before + writedowns > 0) {
        const double realised = (r.profit_usd_bn - writedowns) / (equity_before + writedowns) * 12.0 / ex_.months_per_step;
        return_belief_ = update_return_belief(return_belief_, realised, ex_.investors.belief_weight);
    }
    distressed_step_ = fund_.mature_and_deleverage() || distressed_step_;
}

void World::apply_decisions(int t) {
    for (GovIndex g : pending_joins_) {
        if (govs_[static_cast<std::size_t>(g)].is_member()) continue;
        if (ex_.behavior.rule == DecisionRule::threshold) force_join(g, t, 0, JoinChannel::threshold);
        else if (ex_.behavior.rule == DecisionRule::bass) force_join(g, t, 0, JoinChannel::bass);
        else if (decision_unit(g).front() == g) join_by_utility(g, t);
    }
    for (GovIndex g : pending_exits_) force_exit(g);
    for (const auto& [k, out] : pending_talks_) apply_deal(negotiators_[k], out, t);
    for (const Negotiator& n : negotiators_)
        for (GovIndex m : decision_unit(n.party())) govs_[static_cast<std::size_t>(m)].in_talks = n.is_talking();
    for (std::size_t c = 0; c < investors_.size(); ++c) {
        investors_[c].apply(pending_commits_[c]);
        fund_.add_lp_capital(pending_commits_[c] * investors_[c].spec().capital_usd_bn);
    }
}

void World::record_utility_at_join(GovIndex g) {
    // The terms of U as they stand when g joins (phase 4, or an event's phase 1). [G1]
    const auto i = static_cast<std::size_t>(g);
    const UtilityTerms u = utility_terms(ex_.governments[i], govs_[i], join_view(g), ex_.behavior.logit);
    const auto terms = u.as_array();
    for (int k = 0; k < kUtilityTermCount; ++k) utility_at_join_[i][static_cast<std::size_t>(k)] += terms[static_cast<std::size_t>(k)];
    ++logit_joins_[i];
}

void World::join_by_utility(GovIndex g, int t) {
    // G7: a join by utility commits the price of the relief it buys (a share
    // of it as stake, bound for the lock-in) and gets that relief. A bloc
    // pays its members' total, shared by GDP share.
    const std::vector<GovIndex>& unit = decision_unit(g);
    const double price_per_usd = ex_.negotiators.commitment_price;
    // Relief and what capacity buys of it, per member, before anyone joins.
    std::vector<std::pair<double, double>> relief;  // (bought, whole)
    double price = 0, gdp = 0;
    for (GovIndex m : unit) {
        const JoinView view = join_view(m);
        relief.emplace_back(relief_bought(view, price_per_usd), view.relief_usd_bn);
        price += price_per_usd * relief.back().first;
        gdp += govs_[static_cast<std::size_t>(m)].gdp_usd_bn;
    }
    if (price > 0) count_commitment(price);
    for (std::size_t k = 0; k < unit.size(); ++k) {
        const GovIndex m = unit[k];
        const auto [bought, whole] = relief[k];
        force_join(m, t, 0, unit.size() > 1 ? JoinChannel::bloc : JoinChannel::utility);
        if (price > 0) {
            const double committed = price * govs_[static_cast<std::size_t>(m)].gdp_usd_bn / gdp;
            record_commitment(m, committed);
            add_stake(m, ex_.negotiators.stake_share * committed);
            lock_in(m, t);
        }
        grant_member_rate(m, bought >= whole - 1e-12 ? 1.0 : bought / whole);
    }
}

void World::apply_deal(const Negotiator& n, const TalkOutcome& out, int t) {
    const NegotiatorSpec& ns = ex_.negotiators;
    const std::vector<GovIndex>& unit = decision_unit(n.party());
    if (out.kind == TalkOutcome::breakdown) {
        ++talks_broken_;
        if (out.escalates)
            for (GovIndex m : unit) trade_.set_tariff(ns.counterpart, m, trade_.tariff(ns.counterpart, m) + ns.escalation_tariff);
        return;
    }
    ++deals_closed_;
    double gdp = 0;
    for (GovIndex m : unit) gdp += govs_[static_cast<std::size_t>(m)].gdp_usd_bn;
    if (out.commitment_usd_bn > 0) count_commitment(out.commitment_usd_bn);
    for (GovIndex m : unit) {
        GovernmentState& s = govs_[static_cast<std::size_t>(m)];
        s.closed_deal = true;
        trade_.set_tariff(ns.counterpart, m, out.agreed_tariff);
        if (out.commitment_usd_bn <= 0) continue;
        // A bloc's commitment is shared by GDP share; a share of it becomes
        // the stake. Under logit the commitment makes the party a member,
        // bound for the lock-in; the network-only rules leave membership to
        // the network, so there the stake is invested alongside the LPs.
        const double committed = out.commitment_usd_bn * s.gdp_usd_bn / gdp;
        const double stake = ns.stake_share * committed;
        record_commitment(m, committed);
        if (ex_.behavior.rule != DecisionRule::logit) {
            fund_.add_lp_capital(stake);
            continue;
        }
        if (s.is_member()) add_stake(m, stake);
        else force_join(m, t, stake, JoinChannel::deal);
        lock_in(m, t);
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
