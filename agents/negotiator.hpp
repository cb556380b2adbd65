#pragma once
/// Negotiator agents: a government's side in bilateral tariff talks with a
/// founder (the counterpart), with time-dependent concession tactics after
/// Faratin, Sierra & Jennings (1998) (docs/ODD.md "Negotiator").
///
/// Offers are tariff rates the party would accept on its exports:
///   alpha(t) = kappa + (1 - kappa) * (min(t - t0, T - t0) / (T - t0))^(1/beta)   [N1]
///   party:        x_p(t) = target_p + alpha_p(t) * (reservation_p - target_p)    [N2]
///   counterpart:  x_c(t) = target_c - alpha_c(t) * (target_c - reservation_c)    [N3]
/// beta < 1 is Boulware (concede late), beta > 1 conceder; the counterpart
/// concedes linearly (beta = 1). A deal closes when x_p >= x_c, at the
/// midpoint (x_p + x_c) / 2 [N4]; at the deadline T without a deal, talks
/// break down. A summit moves the deadline of the listed parties to the
/// summit's step. Not thread-safe (one per party per world); deterministic.
#include "experiment/experiment.hpp"
#include "world/random.hpp"

namespace fundsim {

enum class TalkState : unsigned char { waiting, talking, cooldown, done };

/// What one step of talks produced.
struct TalkOutcome {
    enum Kind : unsigned char { none, deal, breakdown } kind = none;
    double agreed_tariff = 0;          ///< deal: the rate the counterpart will apply
    bool commits_to_fund = false;      ///< deal: it carries a fund commitment
    bool escalates = false;            ///< breakdown: the counterpart raises its rate
};

class Negotiator {
public:
    /// Draws the party's reservation (target + noise) and tactic.
    Negotiator(GovIndex party, const NegotiatorSpec& spec, int months_per_step, RandomStream& rng);

    GovIndex party() const { return party_; }
    TalkState state() const { return state_; }
    bool is_talking() const { return state_ == TalkState::talking; }
    double beta() const { return beta_; }
    double reservation() const { return reservation_; }
    int deadline() const { return deadline_; }

    /// Concession alpha(t) of a tactic with exponent beta.       [N1]
    static double concession(int t, int start, int deadline, double kappa, double beta);

    /// Moves the deadline earlier (a summit at step t).
    void summon(int t);
    /// Ends the talks without a deal (a trade-deal event settled the matter).
    void settle() { state_ = TalkState::done; }

    /// One step of talks at step t; draws from `rng` only when a deal or a
    /// breakdown happens.
    TalkOutcome step(int t, RandomStream& rng);

private:
    void open(int t);

    GovIndex party_;
    const NegotiatorSpec& spec_;
    int months_per_step_;
    double reservation_;
    double beta_;
    TalkState state_ = TalkState::waiting;
    int start_ = 0;
    int deadline_ = 0;
    int resume_at_ = 0;
};

}  // namespace fundsim
