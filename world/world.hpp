#pragma once
/// One world: the agents on their graph, the fund, trade, and the step loop
/// (docs/ODD.md "Process overview and scheduling").
///
/// Step 0 is the initial state: founders are members and events `at: 0`
/// have fired; nobody has decided. Each step t >= 1 runs these phases:
///   1. events, in the order of the experiment file: a scheduled one fires
///      when `at` is t, a random one Poisson(rate * months / 12) times;
///   2. every agent decides from the state after phase 1 (synchronous):
///      governments (join/exit by the decision rule), negotiators (talks),
///      investors (commitments), sponsors (proposals);
///   3. the fund realises returns and pays distributions to the owners of
///      the start of the step;
///   4. decisions are applied: memberships and stakes, deals and tariffs,
///      LP capital; then the fund finances proposals;
///   5. trade updates and metrics are recorded.
/// Not thread-safe; deterministic given (scenario, point, world).
#include <cstdint>
#include <vector>

#include "agents/government.hpp"
#include "agents/investor.hpp"
#include "agents/negotiator.hpp"
#include "agents/sponsor.hpp"
#include "world/fund.hpp"
#include "world/graph.hpp"
#include "world/outcome.hpp"
#include "world/random.hpp"
#include "world/scenario.hpp"
#include "world/trade.hpp"

namespace fundsim {

class World {
public:
    World(const Scenario& scenario, std::uint32_t point, std::uint64_t world);

    /// Runs steps 0..steps and fills `out`.
    void run(WorldOutcome& out, bool record_trajectory);

    // --- what events do (world/events.cpp calls these) ---
    void set_tariff(GovIndex setter, GovIndex target, double rate);
    /// Sets setter's rate on every other government (skipping those with a
    /// closed deal when `unless_deal`).
    void set_tariff_to_all(GovIndex setter, double rate, bool unless_deal = false);
    /// Makes g a member now (stake at its usual size, or `stake_usd_bn` if > 0).
    void force_join(GovIndex g, int step, double stake_usd_bn = 0, JoinChannel channel = JoinChannel::event);
    /// A deal commitment at step t binds g for negotiators.lock_in_months.
    void lock_in(GovIndex g, int t) { govs_[static_cast<std::size_t>(g)].locked_until_step = t + lock_in_steps_; }
    /// The governments a decision of g's concerns: g, or every member of its bloc.
    const std::vector<GovIndex>& decision_unit(GovIndex g) const;
    /// True when g has closed a deal (unless_deal tariff events skip it).
    bool has_closed_deal(GovIndex g) const { return govs_[static_cast<std::size_t>(g)].closed_deal; }
    /// Makes g leave now, redeeming its stake.
    void force_exit(GovIndex g);
    /// A summit at `step` of the listed governments: their talks face it as
    /// a deadline. A bloc's talks do only when every member is listed (its
    /// trade policy is the bloc's: a summit of some member states' leaders
    /// is not a deadline for the bloc).
    void summon(const std::vector<GovIndex>& listed, int step);
    void settle_talks(GovIndex g);
    void shock_projects(const std::string& sector, double size);
    void set_volatility(GovIndex g, double volatility);
    void count_deal() { ++deals_closed_; }
    /// Counts one deal commitment of `usd_bn` (headline) in the metrics.
    void count_commitment(double usd_bn) {
        ++commitments_;
        commitments_usd_bn_ += usd_bn;
    }
    /// Adds `usd_bn` to g's headline commitments (governments.csv).
    void record_commitment(GovIndex g, double usd_bn) { govs_[static_cast<std::size_t>(g)].committed_usd_bn += usd_bn; }
    /// Adds to g's stake (g already a member).
    void add_stake(GovIndex g, double usd_bn);
    void add_lp_capital(double usd_bn) { fund_.add_lp_capital(usd_bn); }

    // --- read access for events and tests ---
    int government_count() const { return static_cast<int>(govs_.size()); }
    const GovernmentState& government(GovIndex g) const { return govs_[static_cast<std::size_t>(g)]; }
    const Fund& fund() const { return fund_; }
    const TradeBook& trade() const { return trade_; }
    const Graph& graph() const { return *graph_; }
    double member_weight(GovIndex g) const { return member_weight_[static_cast<std::size_t>(g)]; }
    int members() const { return members_; }
    const Scenario& scenario() const { return scenario_; }
    std::uint32_t point() const { return point_; }
    std::uint64_t world_index() const { return world_; }

private:
    void initialise();
    void step(int t);
    void fire_events(int t);
    void decide_governments(int t);
    void decide_logit(int t);
    void decide_threshold();
    void decide_bass();
    void decide_talks(int t);
    TalkView talk_view(const Negotiator& n) const;
    void apply_deal(const Negotiator& n, const TalkOutcome& out, int t);
    void join_by_utility(GovIndex g, int t);
    void record_utility_at_join(GovIndex g);
    /// A join by utility choice: the founders' tariffs on a new member fall
    /// to the member rate (`share` 1) or by the share of the relief it
    /// bought, and its talks end.                                  [G7]
    void grant_member_rate(GovIndex g, double share);

    void decide_investors();
    void realise_fund();
    void apply_decisions(int t);
    void finance_projects();
    void set_member(GovIndex g, bool member, int step, JoinChannel channel = JoinChannel::event);
    JoinView join_view(GovIndex g) const;
    double founders_volatility() const;
    void record(int t, WorldOutcome& out, bool record_trajectory);

    const Scenario& scenario_;
    const Experiment& ex_;
    std::uint32_t point_;
    std::uint64_t world_;
    RandomStream rng_population_, rng_events_, rng_negotiation_, rng_decisions_, rng_investors_,
        rng_sponsors_, rng_fund_;

    Graph own_graph_;                     ///< this world's graph when generated
    std::vector<double> own_degree_;
    const Graph* graph_ = nullptr;        ///< own_graph_ or the scenario's shared one
    const std::vector<double>* degree_ = nullptr;  ///< weighted degree
    std::vector<double> member_weight_;   ///< weight of member neighbours, kept incrementally
    std::vector<GovernmentState> govs_;
    std::vector<int> logit_joins_;        ///< per government: joins under logit
    std::vector<std::array<double, kUtilityTermCount>> utility_at_join_;  ///< their term sums
    std::vector<GovIndex> founders_;        ///< declared before is_founder_: filled while it is built
    std::vector<unsigned char> is_founder_;
    TradeBook trade_;
    Fund fund_;
    std::vector<Negotiator> negotiators_;
    std::vector<GovIndex> negotiator_of_;  ///< per government, index or -1 (bloc members share one)
    std::vector<int> bloc_of_;             ///< per government, bloc index or -1
    std::vector<std::vector<GovIndex>> singletons_;  ///< {g} per government (decision_unit)
    std::vector<double> founder_weight_;   ///< weight of ties to founders (peer term excludes it) [G6]
    std::vector<double> exports_to_counterpart_, imports_from_counterpart_;  ///< reference flows, USD bn/yr
    int lock_in_steps_ = 0;
    std::vector<InvestorClass> investors_;
    std::vector<Sponsor> sponsors_;

    // decisions of the current step, applied together (synchronous update)
    std::vector<GovIndex> pending_joins_, pending_exits_;
    std::vector<std::pair<std::size_t, TalkOutcome>> pending_talks_;  ///< (negotiator, outcome)
    std::vector<int> pending_commits_;
    std::vector<Proposal> proposals_;
    // threshold rule: only neighbours of last step's joiners can change (may hold duplicates)
    std::vector<GovIndex> candidates_;
    bool all_candidates_ = true;
    std::vector<std::uint32_t> candidate_stamp_;  ///< == stamp_: already queued for the next check
    std::uint32_t stamp_ = 1;
    bool exits_pending_ = false;                  ///< an exit queued a government twice: dedupe
    // Distributions are paid lazily: paid_per_usd_ is the running total paid
    // per USD bn of owner capital; a government's revenue is settled from it
    // whenever its stake changes (and before it is read), so paying a step is
    // O(1) instead of a loop over every government.                    [F3]
    std::vector<double> settled_index_;
    double paid_per_usd_ = 0;
    /// Credits g with what its current stake earned since its last settlement.
    void settle(GovIndex g) {
        const auto i = static_cast<std::size_t>(g);
        govs_[i].revenue_usd_bn += fund_.stake(g) * (paid_per_usd_ - settled_index_[i]);
        settled_index_[i] = paid_per_usd_;
    }
    /// Settles every government (before revenue is read).
    void settle_all() { for (GovIndex g = 0; g < government_count(); ++g) settle(g); }

    double return_belief_ = 0;            ///< public belief r_hat, per year
    int members_ = 0;
    int joins_step_ = 0, exits_step_ = 0, joins_total_ = 0, exits_total_ = 0;
    int deals_closed_ = 0, talks_broken_ = 0, projects_financed_ = 0;
    bool distressed_step_ = false;
    double revenue_total_ = 0, counterfactual_total_ = 0;
    int commitments_ = 0;
    double commitments_usd_bn_ = 0, contributed_total_ = 0, redeemed_total_ = 0;
    int first_join_step_ = -1;
    std::vector<int> events_by_type_;
    int events_total_ = 0;
};

}  // namespace fundsim
