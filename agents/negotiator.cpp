#include "agents/negotiator.hpp"

#include <algorithm>
#include <cmath>

#include "world/trade_loss.hpp"

namespace fundsim {

Negotiator::Negotiator(GovIndex party, int bloc, const NegotiatorSpec& spec, int months_per_step, RandomStream& rng)
    : party_(party), bloc_(bloc), spec_(spec), months_per_step_(months_per_step) {
    reservation_ = std::max(spec.target_tariff, spec.reservation_tariff + spec.reservation_sd * rng.normal());
    beta_ = rng.uniform() < spec.boulware_share ? spec.boulware_beta : spec.conceder_beta;
    resume_at_ = spec.start_step;
}

double Negotiator::concession(int t, int start, int deadline, double kappa, double beta) {
    const int horizon = std::max(1, deadline - start);
    const double progress = std::clamp(static_cast<double>(t - start) / horizon, 0.0, 1.0);
    return kappa + (1.0 - kappa) * std::pow(progress, 1.0 / beta);
}

TalkOffer Negotiator::offer(const NegotiatorSpec& spec, const TalkView& v, int t, int start, int deadline) {
    TalkOffer o;
    o.opening = std::max(v.tariff_now, v.threat);
    // N5: without a commitment the counterpart keeps more of a large surplus.
    const double surplus = v.exports_usd_bn > 0 ? std::max(0.0, (v.exports_usd_bn - v.imports_usd_bn) / v.exports_usd_bn) : 0.0;
    const double floor = std::min(o.opening, spec.counterpart_reservation + spec.deficit_premium * surplus);
    o.counter_rate = o.opening - concession(t, start, deadline, spec.initial_concession, 1.0) * (o.opening - floor);  // N3
    o.effective_rate = o.counter_rate;
    if (v.exports_usd_bn <= 0 || o.counter_rate <= spec.counterpart_reservation) return o;
    // N6: the commitment that buys the counterpart's floor, within capacity.
    const double g_now = lost_export_share(o.counter_rate, v.base_tariff, v.elasticity);
    const double g_floor = lost_export_share(spec.counterpart_reservation, v.base_tariff, v.elasticity);
    const double full = spec.commitment_price * v.exports_usd_bn * (g_now - g_floor);
    const double pledge = std::min(full, std::max(0.0, v.capacity_usd_bn));
    if (pledge <= 0) return o;
    const double regained = pledge / spec.commitment_price;  // USD bn of yearly exports
    // N7: the party commits when the exports regained over its horizon are
    // worth more than the commitment costs it.
    const double unit_cost = spec.commitment_cost * (1.0 - spec.alliance_discount * v.alliance) -
                             spec.stake_share * (v.expected_fund_return_per_year - v.safe_rate_per_year) * spec.horizon_years;
    const double gain = spec.horizon_years * regained - unit_cost * pledge - spec.commitment_fixed_cost * v.gdp_usd_bn;
    if (gain <= 0) return o;
    o.commitment_usd_bn = pledge;
    o.effective_rate = pledge >= full ? spec.counterpart_reservation
                                      : rate_losing(g_now - regained / v.exports_usd_bn, v.base_tariff, v.elasticity);
    return o;
}

void Negotiator::open(int t) {
    state_ = TalkState::talking;
    start_ = t;
    // A deadline in months, at least one step after the opening.
    deadline_ = t + std::max(1, (spec_.deadline_months + months_per_step_ - 1) / months_per_step_);
}

void Negotiator::summon(int t) {
    if (state_ == TalkState::talking) deadline_ = std::min(deadline_, std::max(t, start_));
}

TalkOutcome Negotiator::step(int t, const TalkView& view, RandomStream& rng) {
    TalkOutcome out;
    if ((state_ == TalkState::waiting || state_ == TalkState::cooldown) && t >= resume_at_) {
        // Nothing to bargain over while the party faces no more than the floor.
        if (std::max(view.tariff_now, view.threat) <= spec_.counterpart_reservation + 1e-12) return out;
        open(t);
    }
    if (state_ != TalkState::talking) return out;
    const TalkOffer o = offer(spec_, view, t, start_, deadline_);
    const double acceptable = spec_.target_tariff + concession(t, start_, deadline_, spec_.initial_concession, beta_) *
                                                        (reservation_ - spec_.target_tariff);  // N2
    if (acceptable >= o.effective_rate) {  // N4: the party takes the offer
        out.kind = TalkOutcome::deal;
        out.agreed_tariff = std::min(o.opening, o.effective_rate);
        out.commitment_usd_bn = o.commitment_usd_bn;
        state_ = TalkState::done;
    } else if (t >= deadline_) {
        out.kind = TalkOutcome::breakdown;
        out.escalates = rng.bernoulli(spec_.escalation_probability);
        state_ = TalkState::cooldown;
        resume_at_ = t + std::max(1, (spec_.cooldown_months + months_per_step_ - 1) / months_per_step_);
    }
    return out;
}

}  // namespace fundsim
