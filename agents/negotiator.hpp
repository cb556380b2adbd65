#pragma once
/// Negotiator agents: a government's (or a bloc's) side in bilateral talks
/// with a founder (the counterpart) over two issues, the tariff the
/// counterpart applies and an investment commitment to the fund
/// (docs/ODD.md "Negotiator"; linkage bargaining after Faratin, Sierra &
/// Jennings 1998 for the time-dependent tactics).
///
/// Time-dependent concession, as a share of the way from start to deadline:
///   alpha(t) = kappa + (1 - kappa) * (min(t - t0, T - t0) / (T - t0))^(1/beta)   [N1]
/// The party's acceptable rate rises from its target towards its reservation:
///   x_p(t) = target_p + alpha_p(t) * (reservation_p - target_p)                   [N2]
/// The counterpart opens at the rate the party faces or has been threatened
/// with (o = max(tau_now, threat)) and concedes linearly, without a
/// commitment, towards a floor that is higher the larger the party's
/// bilateral surplus:
///   floor = min(o, res_c + premium * max(0, (X - M) / X))                         [N5]
///   x_c(t) = o - alpha_c(t) * (o - floor)                                          [N3]
/// A commitment buys more: the counterpart sells market access at `price` USD
/// of commitment per USD of yearly exports regained, down to res_c:
///   C(tau) = price * X * (g(x_c) - g(tau)),  g(tau) = 1 - ((1+tau)/(1+tau_base))^-eps   [N6]
/// The party commits C* = min(C(res_c), capacity) (buying tau* with g(tau*) =
/// g(x_c) - C*/(price X)) when it gains by it:
///   H * X * (g(x_c) - g(tau*)) - u * C* - fixed * GDP > 0,
///   u = cost * (1 - discount * alliance) - stake_share * (r_hat - r_safe) * H     [N7]
/// The deal closes when x_p(t) >= the counterpart's effective offer (tau* with
/// a commitment, x_c without), at that offer and never above o [N4]; at the
/// deadline without a deal, talks break down and may escalate. A summit moves
/// the deadline to the summit's step. Not thread-safe (one per party per
/// world); deterministic.
#include "experiment/experiment.hpp"
#include "world/random.hpp"

namespace fundsim {

enum class TalkState : unsigned char { waiting, talking, cooldown, done };

/// What the party sees when it bargains (start of the step).
struct TalkView {
    double tariff_now = 0;            ///< rate the counterpart applies to it now
    double threat = 0;                ///< rate announced for it (0 = none)
    double exports_usd_bn = 0;        ///< reference exports to the counterpart, per year
    double imports_usd_bn = 0;        ///< reference imports from the counterpart, per year
    double gdp_usd_bn = 0;
    double capacity_usd_bn = 0;       ///< the most it can pledge
    double alliance = 0;              ///< 0..1
    double expected_fund_return_per_year = 0;
    double safe_rate_per_year = 0;
    double base_tariff = 0;           ///< trade.base_tariff
    double elasticity = 0;            ///< trade.elasticity
};

/// The counterpart's offer at one step and the party's best reply to it.
struct TalkOffer {
    double opening = 0;          ///< o = max(tariff_now, threat)
    double counter_rate = 0;     ///< x_c(t): the rate without a commitment   [N3]
    double commitment_usd_bn = 0; ///< C*: 0 when committing does not pay    [N6, N7]
    double effective_rate = 0;   ///< the rate the party gets for C*
};

/// What one step of talks produced.
struct TalkOutcome {
    enum Kind : unsigned char { none, deal, breakdown } kind = none;
    double agreed_tariff = 0;          ///< deal: the rate the counterpart will apply
    double commitment_usd_bn = 0;      ///< deal: what the party commits (0 = none)
    bool escalates = false;            ///< breakdown: the counterpart raises its rate
};

class Negotiator {
public:
    /// Draws the party's reservation (target + noise) and tactic. `party` is
    /// the government, or a bloc's first member; `bloc` the bloc index or -1.
    Negotiator(GovIndex party, int bloc, const NegotiatorSpec& spec, int months_per_step, RandomStream& rng);

    GovIndex party() const { return party_; }
    int bloc() const { return bloc_; }
    TalkState state() const { return state_; }
    bool is_talking() const { return state_ == TalkState::talking; }
    double beta() const { return beta_; }
    double reservation() const { return reservation_; }
    int deadline() const { return deadline_; }

    /// Concession alpha(t) of a tactic with exponent beta.       [N1]
    static double concession(int t, int start, int deadline, double kappa, double beta);

    /// The counterpart's offer and the party's commitment at step t of talks
    /// opened at `start` with deadline `deadline`. Pure.   [N3, N5-N7]
    static TalkOffer offer(const NegotiatorSpec& spec, const TalkView& view, int t, int start, int deadline);

    /// Moves the deadline earlier (a summit at step t).
    void summon(int t);
    /// Ends the talks without a deal (a trade-deal event settled the matter).
    void settle() { state_ = TalkState::done; }

    /// One step of talks at step t; draws from `rng` only at a breakdown.
    /// Talks open only when the counterpart's opening rate is above its floor.
    TalkOutcome step(int t, const TalkView& view, RandomStream& rng);

private:
    void open(int t);

    GovIndex party_;
    int bloc_;
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
