#include "output/government_columns.hpp"

#include "world/join_channel.hpp"

namespace fundsim {

const std::vector<std::pair<std::string, std::string>>& governments_columns() {
    static const std::vector<std::pair<std::string, std::string>> columns = [] {
        std::vector<std::pair<std::string, std::string>> c = {
            {"point", "sweep point"},
            {"government", "government id"},
            {"p_member_final", "share of worlds where it is a member at the last step"},
            {"p_joined", "share of worlds where it ever joined (non-founders)"},
            {"mean_join_step", "mean of its last join step, over the worlds where it joined"},
            {"mean_stake_usd_bn", "mean final stake, USD bn"},
            {"mean_revenue_usd_bn", "mean cumulative distributions received, USD bn"},
            {"mean_counterfactual_usd_bn", "mean tax-incentive counterfactual as host, USD bn"},
            {"p_deal", "share of worlds where it closed a deal (talks or trade_deal event)"},
            {"p_exited", "share of worlds where it ends exited"},
            {"p_founder", "share of worlds where it is a founder"},
            {"mean_tariff_faced_final", "mean trade-weighted tariff it faces at the end"},
            {"p_committed", "share of worlds where it made a commitment (deal, join by utility, trade_deal event)"},
            {"mean_commitment_usd_bn", "mean of its headline commitments, USD bn, over all worlds"},
            {"p_member_final_ci95_low", "95 % Wilson interval of p_member_final, low end"},
            {"p_member_final_ci95_high", "95 % Wilson interval of p_member_final, high end"},
            {"p_joined_ci95_low", "95 % Wilson interval of p_joined, low end"},
            {"p_joined_ci95_high", "95 % Wilson interval of p_joined, high end"},
            {"first_join_mean", "mean first join step, over the worlds where it joined (empty if none)"},
            {"first_join_p05", "5 % quantile of the first join step over those worlds (linear interpolation, numpy's default)"},
            {"first_join_p50", "median first join step over those worlds"},
            {"first_join_p95", "95 % quantile of the first join step over those worlds"},
        };
        for (std::string_view channel : EnumNames<JoinChannel>::names)
            c.emplace_back("share_" + std::string(channel),
                           "share of its joins (all worlds, rejoins included) made through channel " + std::string(channel) +
                               " (world/join_channel.hpp); empty if it never joined");
        for (std::string_view term : kUtilityTermNames)
            c.emplace_back("mean_u_" + std::string(term),
                           "logit rule: mean weighted utility term " + std::string(term) +
                               " at the moment of joining (ODD G1; risk and fiscal_cost negative); empty otherwise");
        return c;
    }();
    return columns;
}

std::string result_columns_markdown() {
    std::string out = "\n## Result columns: `governments.csv`\n\nOne row per (point, government); names are stable.\n\n"
                      "| column | meaning |\n|---|---|\n";
    for (const auto& [name, meaning] : governments_columns()) out += "| `" + name + "` | " + meaning + " |\n";
    return out;
}

}  // namespace fundsim
