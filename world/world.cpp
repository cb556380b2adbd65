#include "world/world.hpp"

#include <algorithm>
#include <cmath>

#include <boost/range/iterator_range.hpp>

#include "world/error.hpp"
#include "world/events.hpp"
#include "world/trade_loss.hpp"

namespace fundsim {
namespace {

std::vector<unsigned char> draw_founders(const Experiment& ex, RandomStream& rng, std::vector<GovIndex>& founders) {
    const std::size_t n = ex.governments.size();
    std::vector<unsigned char> is_founder(n, 0);
    if (ex.fund.random_founders >= 0) {
        // Partial Fisher-Yates: K distinct governments, uniformly.
        std::vector<GovIndex> ids(n);
        for (std::size_t i = 0; i < n; ++i) ids[i] = static_cast<GovIndex>(i);
        const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(ex.fund.random_founders), n);
        for (std::size_t i = 0; i < k; ++i) {
            const std::size_t j = i + rng.below(static_cast<std::uint32_t>(n - i));
            std::swap(ids[i], ids[j]);
            founders.push_back(ids[i]);
        }
    } else {
        for (const auto& [g, share] : ex.fund.founders) founders.push_back(g);
    }
    for (GovIndex g : founders) is_founder[static_cast<std::size_t>(g)] = 1;
    return is_founder;
}

}  // namespace

World::World(const Scenario& scenario, std::uint32_t point, std::uint64_t world)
    : scenario_(scenario),
      ex_(scenario.experiment),
      point_(point),
      world_(world),
      rng_population_(ex_.seed, point, world, StreamPurpose::population),
      rng_events_(ex_.seed, point, world, StreamPurpose::events),
      rng_negotiation_(ex_.seed, point, world, StreamPurpose::negotiation),
      rng_decisions_(ex_.seed, point, world, StreamPurpose::decisions),
      rng_investors_(ex_.seed, point, world, StreamPurpose::investors),
      rng_sponsors_(ex_.seed, point, world, StreamPurpose::sponsors),
      rng_fund_(ex_.seed, point, world, StreamPurpose::fund),
      is_founder_(draw_founders(ex_, rng_population_, founders_)),
      trade_(scenario, is_founder_),
      fund_(ex_.fund, ex_.months_per_step, ex_.governments.size()),
      events_by_type_(kEventTypeCount, 0) {
    const std::size_t n = ex_.governments.size();
    if (scenario.fixed_graph) {
        graph_ = scenario.fixed_graph.get();
        degree_ = &scenario.fixed_degree;
    } else {
        own_graph_ = build_graph(scenario, point, world);
        own_degree_ = weighted_degrees(own_graph_);
        graph_ = &own_graph_;
        degree_ = &own_degree_;
    }
    member_weight_.assign(n, 0.0);
    govs_.resize(n);
    logit_joins_.assign(n, 0);
    utility_at_join_.assign(n, {});
    candidate_stamp_.assign(n, 0);
    settled_index_.assign(n, 0.0);
    for (std::size_t g = 0; g < n; ++g) {
        const GovernmentSpec& spec = ex_.governments[g];
        GovernmentState& s = govs_[g];
        s.gdp_usd_bn = spec.gdp_usd_bn;
        if (ex_.governments_generated)  // lognormal around the median
            s.gdp_usd_bn = spec.gdp_usd_bn * std::exp(ex_.generate_gdp_sigma * rng_population_.normal());
        s.political_volatility = spec.political_volatility;
        s.is_founder = is_founder_[g] != 0;
    }
    // Blocs negotiate once and decide together (SPEC §3.1.3).
    bloc_of_.assign(n, -1);
    for (std::size_t b = 0; b < ex_.blocs.size(); ++b)
        for (GovIndex g : ex_.blocs[b].members) bloc_of_[static_cast<std::size_t>(g)] = static_cast<int>(b);
    singletons_.resize(n);
    for (std::size_t g = 0; g < n; ++g) singletons_[g] = {static_cast<GovIndex>(g)};
    negotiator_of_.assign(n, -1);
    if (ex_.negotiators.enabled) {
        std::vector<unsigned char> bloc_seated(ex_.blocs.size(), 0);
        for (GovIndex g : ex_.negotiators.parties) {
            if (is_founder_[static_cast<std::size_t>(g)] || g == ex_.negotiators.counterpart) continue;
            const int b = bloc_of_[static_cast<std::size_t>(g)];
            if (b >= 0 && bloc_seated[static_cast<std::size_t>(b)]) continue;
            const auto k = static_cast<GovIndex>(negotiators_.size());
            if (b >= 0) {
                bloc_seated[static_cast<std::size_t>(b)] = 1;
                const GovIndex first = ex_.blocs[static_cast<std::size_t>(b)].members.front();
                for (GovIndex m : ex_.blocs[static_cast<std::size_t>(b)].members) negotiator_of_[static_cast<std::size_t>(m)] = k;
                negotiators_.emplace_back(first, b, ex_.negotiators, ex_.months_per_step, rng_negotiation_);
            } else {
                negotiator_of_[static_cast<std::size_t>(g)] = k;
                negotiators_.emplace_back(g, -1, ex_.negotiators, ex_.months_per_step, rng_negotiation_);
            }
        }
    }
    lock_in_steps_ = (ex_.negotiators.lock_in_months + ex_.months_per_step - 1) / ex_.months_per_step;
    exports_to_counterpart_.assign(n, 0.0);
    imports_from_counterpart_.assign(n, 0.0);
    if (ex_.negotiators.enabled)
        for (const TradeFlow& f : ex_.trade_flows) {
            if (f.importer == ex_.negotiators.counterpart) exports_to_counterpart_[static_cast<std::size_t>(f.exporter)] += f.value_usd_bn;
            if (f.exporter == ex_.negotiators.counterpart) imports_from_counterpart_[static_cast<std::size_t>(f.importer)] += f.value_usd_bn;
        }
    // G6: the peer term compares like with like: ties to founders are left out.
    founder_weight_.assign(n, 0.0);
    for (GovIndex f : founders_)
        for (auto e : boost::make_iterator_range(out_edges(static_cast<std::uint32_t>(f), *graph_)))
            founder_weight_[target(e, *graph_)] += (*graph_)[e].weight;
    investors_.reserve(ex_.investors.classes.size());
    for (const InvestorClassSpec& c : ex_.investors.classes) investors_.emplace_back(c);
    pending_commits_.assign(investors_.size(), 0);
    sponsors_.reserve(ex_.sponsors.size());
    for (std::size_t i = 0; i < ex_.sponsors.size(); ++i) sponsors_.emplace_back(ex_.sponsors[i], static_cast<int>(i));
    return_belief_ = ex_.investors.expected_return_prior_per_year;
}

void World::initialise() {
    // Founders own the initial capital in their shares (equal shares when drawn).
    const double equal_share = founders_.empty() ? 0.0 : 1.0 / static_cast<double>(founders_.size());
    for (std::size_t i = 0; i < founders_.size(); ++i) {
        const double share = ex_.fund.random_founders >= 0 ? equal_share : ex_.fund.founders[i].second;
        set_member(founders_[i], true, 0, JoinChannel::founder);
        add_stake(founders_[i], share * ex_.fund.initial_capital_usd_bn);
    }
    joins_step_ = 0;
    joins_total_ = 0;  // founders are not joins
    fire_events(0);
    trade_.update();
}

void World::run(WorldOutcome& out, bool record_trajectory) {
    out.steps = ex_.steps;
    out.series.assign(static_cast<std::size_t>(ex_.steps + 1) * kMetricCount, 0.0);
    out.trajectory.clear();
    initialise();
    record(0, out, record_trajectory);
    for (int t = 1; t <= ex_.steps; ++t) {
        step(t);
        record(t, out, record_trajectory);
    }
    settle_all();
    out.first_join_step = first_join_step_;
    out.governments.resize(govs_.size());
    for (std::size_t g = 0; g < govs_.size(); ++g) {
        const GovernmentState& s = govs_[g];
        GovernmentFinal& f = out.governments[g];
        f.status = s.status;
        f.is_founder = s.is_founder;
        f.join_step = s.join_step;
        f.closed_deal = s.closed_deal;
        f.stake_usd_bn = fund_.stake(static_cast<GovIndex>(g));
        f.revenue_usd_bn = s.revenue_usd_bn;
        f.counterfactual_usd_bn = s.counterfactual_usd_bn;
        f.tariff_faced = trade_.tariff_faced(static_cast<GovIndex>(g));
        f.committed_usd_bn = s.committed_usd_bn;
        f.first_join_step = s.first_join_step;
        f.joins_by_channel = s.joins_by_channel;
        f.logit_joins = logit_joins_[g];
        f.utility_at_join = utility_at_join_[g];
    }
}

void World::step(int t) {
    joins_step_ = exits_step_ = 0;
    distressed_step_ = false;
    fire_events(t);
    trade_.update();
    decide_governments(t);
    decide_talks(t);
    decide_investors();
    proposals_.clear();
    for (const Sponsor& s : sponsors_) s.propose(t, ex_.months_per_step, rng_sponsors_, proposals_);
    realise_fund();
    apply_decisions(t);
    finance_projects();
    trade_.update();
}

void World::fire_events(int t) {
    const double years = ex_.months_per_step / 12.0;
    for (const EventSpec& e : ex_.events) {
        int times = 0;
        if (e.at) times = (*e.at == t) ? 1 : 0;
        else if (t > 0) times = rng_events_.poisson(e.rate_per_year * years);
        for (int k = 0; k < times; ++k)
            if (fire_event(e, t, *this, rng_events_)) {
                ++events_by_type_[static_cast<int>(e.type)];
                ++events_total_;
            }
    }
}

void World::set_member(GovIndex g, bool member, int step, JoinChannel channel) {
    GovernmentState& s = govs_[static_cast<std::size_t>(g)];
    if (s.is_member() == member) return;
    s.status = member ? Status::member : Status::exited;
    const double sign = member ? 1.0 : -1.0;
    members_ += member ? 1 : -1;
    // The threshold rule re-checks only governments whose member weight rose.
    const bool track = ex_.behavior.rule == DecisionRule::threshold;
    for (auto e : boost::make_iterator_range(out_edges(static_cast<std::uint32_t>(g), *graph_))) {
        const auto u = static_cast<GovIndex>(target(e, *graph_));
        member_weight_[static_cast<std::size_t>(u)] += sign * (*graph_)[e].weight;
        if (track && member && candidate_stamp_[static_cast<std::size_t>(u)] != stamp_) {
            candidate_stamp_[static_cast<std::size_t>(u)] = stamp_;
            candidates_.push_back(u);
        }
    }
    if (track && !member) {
        exits_pending_ = true;
        candidates_.push_back(g);
    }
    if (member) {
        ++s.joins_by_channel[static_cast<std::size_t>(channel)];
        if (ex_.behavior.rule == DecisionRule::logit && channel != JoinChannel::founder) record_utility_at_join(g);
    }
    if (member && !(s.is_founder && step == 0)) {  // founding is not a join
        s.join_step = step;
        if (s.first_join_step < 0 && !s.is_founder) s.first_join_step = step;
        ++joins_step_;
        ++joins_total_;
        if (!s.is_founder && first_join_step_ < 0) first_join_step_ = step;
    } else if (!member) {
        ++exits_step_;
        ++exits_total_;
    }
}

// --- what events do ---

void World::set_tariff(GovIndex setter, GovIndex target, double rate) { trade_.set_tariff(setter, target, rate); }

void World::set_tariff_to_all(GovIndex setter, double rate, bool unless_deal) {
    for (GovIndex g = 0; g < government_count(); ++g)
        if (g != setter && !(unless_deal && has_closed_deal(g))) trade_.set_tariff(setter, g, rate);
}

void World::force_join(GovIndex g, int step, double stake_usd_bn, JoinChannel channel) {
    if (government(g).is_member()) return;
    const GovernmentSpec& spec = ex_.governments[static_cast<std::size_t>(g)];
    set_member(g, true, step, channel);
    add_stake(g, stake_usd_bn > 0 ? stake_usd_bn : stake_on_joining(spec, government(g)));
}

void World::add_stake(GovIndex g, double usd_bn) {
    if (usd_bn <= 0) return;
    settle(g);
    fund_.add_stake(g, usd_bn);
    govs_[static_cast<std::size_t>(g)].contributed_usd_bn += usd_bn;
    contributed_total_ += usd_bn;
}

void World::force_exit(GovIndex g) {
    if (!government(g).is_member()) return;
    set_member(g, false, -1);
    settle(g);
    redeemed_total_ += fund_.redeem_stake(g);
}

void World::grant_member_rate(GovIndex g, double share) {
    // Each founder's rate falls towards the member rate by the share of the
    // relief bought: the lost-export share g(tau) moves that far.      [G7]
    const double member_rate = ex_.behavior.logit.member_tariff;
    const double base = ex_.trade.base_tariff, eps = ex_.trade.elasticity;
    for (GovIndex f : founders_) {
        const double now = trade_.tariff(f, g);
        if (now <= member_rate) continue;
        const double lost_now = lost_export_share(now, base, eps), lost_member = lost_export_share(member_rate, base, eps);
        trade_.set_tariff(f, g, share >= 1.0 ? member_rate : rate_losing(lost_now - share * (lost_now - lost_member), base, eps));
    }
    const GovIndex k = negotiator_of_[static_cast<std::size_t>(g)];
    if (k >= 0) negotiators_[static_cast<std::size_t>(k)].settle();
}

const std::vector<GovIndex>& World::decision_unit(GovIndex g) const {
    const int b = bloc_of_[static_cast<std::size_t>(g)];
    return b >= 0 ? ex_.blocs[static_cast<std::size_t>(b)].members : singletons_[static_cast<std::size_t>(g)];
}

void World::summon(const std::vector<GovIndex>& listed, int step) {
    auto is_listed = [&listed](GovIndex m) { return std::find(listed.begin(), listed.end(), m) != listed.end(); };
    for (GovIndex g : listed) {
        const GovIndex k = negotiator_of_[static_cast<std::size_t>(g)];
        if (k < 0) continue;
        const std::vector<GovIndex>& unit = decision_unit(g);
        if (unit.size() > 1 && !std::all_of(unit.begin(), unit.end(), is_listed)) continue;
        negotiators_[static_cast<std::size_t>(k)].summon(step);
    }
}

void World::settle_talks(GovIndex g) {
    const GovIndex k = negotiator_of_[static_cast<std::size_t>(g)];
    if (k >= 0) negotiators_[static_cast<std::size_t>(k)].settle();
    govs_[static_cast<std::size_t>(g)].in_talks = false;
    govs_[static_cast<std::size_t>(g)].closed_deal = true;
}

void World::shock_projects(const std::string& sector, double size) { fund_.shock(sector, size); }  // counted in take_writedowns

void World::set_volatility(GovIndex g, double volatility) {
    govs_[static_cast<std::size_t>(g)].political_volatility = volatility;
}

}  // namespace fundsim
