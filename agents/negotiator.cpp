#include "agents/negotiator.hpp"

#include <algorithm>
#include <cmath>

namespace fundsim {

Negotiator::Negotiator(GovIndex party, const NegotiatorSpec& spec, int months_per_step, RandomStream& rng)
    : party_(party), spec_(spec), months_per_step_(months_per_step) {
    reservation_ = std::max(spec.target_tariff, spec.reservation_tariff + spec.reservation_sd * rng.normal());
    beta_ = rng.uniform() < spec.boulware_share ? spec.boulware_beta : spec.conceder_beta;
    resume_at_ = spec.start_step;
}

double Negotiator::concession(int t, int start, int deadline, double kappa, double beta) {
    const int horizon = std::max(1, deadline - start);
    const double progress = std::clamp(static_cast<double>(t - start) / horizon, 0.0, 1.0);
    return kappa + (1.0 - kappa) * std::pow(progress, 1.0 / beta);
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

TalkOutcome Negotiator::step(int t, RandomStream& rng) {
    TalkOutcome out;
    if ((state_ == TalkState::waiting || state_ == TalkState::cooldown) && t >= resume_at_) open(t);
    if (state_ != TalkState::talking) return out;
    const double kappa = spec_.initial_concession;
    const double party_offer = spec_.target_tariff +
                               concession(t, start_, deadline_, kappa, beta_) * (reservation_ - spec_.target_tariff);
    const double counter_offer = spec_.counterpart_target -
                                 concession(t, start_, deadline_, kappa, 1.0) *
                                     (spec_.counterpart_target - spec_.counterpart_reservation);
    if (party_offer >= counter_offer) {  // N4: the offers cross
        out.kind = TalkOutcome::deal;
        out.agreed_tariff = 0.5 * (party_offer + counter_offer);
        out.commits_to_fund = rng.bernoulli(spec_.commitment_probability);
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
