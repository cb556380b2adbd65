#pragma once
/// Why a government joined (SPEC §12, governments.csv `share_<channel>`):
///   founder   — a founder at step 0;
///   deal      — a commitment made in negotiated talks (N7);
///   bloc      — its bloc's single logit decision (a bloc of two or more);
///   utility   — its own logit choice (G1, D3);
///   threshold — the threshold rule (D1);
///   bass      — the Bass rule (D2);
///   event     — a scripted `join` or `trade_deal` (membership) event.
#include <array>
#include <string_view>

#include "core/enum_names.hpp"

namespace fundsim {

#define FUNDSIM_JOIN_CHANNELS(X) X(founder) X(deal) X(bloc) X(utility) X(threshold) X(bass) X(event)
FUNDSIM_NAMED_ENUM(JoinChannel, unsigned char, FUNDSIM_JOIN_CHANNELS);

/// Number of join channels.
inline constexpr int kJoinChannelCount = static_cast<int>(enum_count<JoinChannel>());

/// The weighted utility terms recorded at a logit join, in this order
/// (governments.csv `mean_u_<term>`; agents/government.hpp UtilityTerms).
inline constexpr std::array<std::string_view, 7> kUtilityTermNames = {
    "tariff_relief", "fund_return", "peer", "alliance", "risk", "fiscal_cost", "founding"};
inline constexpr int kUtilityTermCount = static_cast<int>(kUtilityTermNames.size());

}  // namespace fundsim
