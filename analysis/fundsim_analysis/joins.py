"""Who joins, when, and what they earn: tables computed from a loaded run.

- :func:`first_joins`: the first step each non-founder became a member, per
  trajectory world (``trajectories.csv``, the first K worlds of each point);
- :func:`join_table`: per government, P(member at the end) and P(ever
  joined) with 95 % Wilson intervals over all worlds (``governments.csv``),
  and the first-join step (mean, p05, p50, p95 over the trajectory worlds
  where it joined);
- :func:`revenue_by_owner`: fund revenue and the tax-incentive
  counterfactual for the founders and for the other members, and revenue per
  USD committed (the largest stake each government held in a world).
"""

from __future__ import annotations

from typing import Optional

import numpy as np
import pandas as pd

from .load import Run, founders

#: 97.5 % standard normal quantile (95 % two-sided intervals).
Z95 = 1.959963984540054


def wilson_interval(p: pd.Series, n: pd.Series) -> tuple:
    """95 % Wilson score interval of proportions ``p`` estimated from ``n`` worlds."""
    p, n = np.asarray(p, float), np.asarray(n, float)
    centre = (p + Z95 ** 2 / (2 * n)) / (1 + Z95 ** 2 / n)
    half = Z95 * np.sqrt(p * (1 - p) / n + Z95 ** 2 / (4 * n ** 2)) / (1 + Z95 ** 2 / n)
    return np.clip(centre - half, 0.0, p), np.clip(centre + half, p, 1.0)  # no rounding past p, 0 or 1


def first_joins(run: Run) -> Optional[pd.DataFrame]:
    """(point, world, government, first_join_step) for every non-founder that
    became a member in a trajectory world; None without trajectories.
    Governments that are members at step 0 (founders) are left out."""
    traj = run.trajectories
    if traj is None or traj.empty:
        return None
    gov = "government"
    member = traj[traj["status"].astype(str) == "member"]
    first = member.groupby(["point", "world", gov], observed=True)["step"].min().rename("first_join_step")
    first = first.reset_index()
    return first[first["first_join_step"] > 0].reset_index(drop=True)


def trajectory_worlds(run: Run) -> int:
    """Number of (point, world) pairs recorded in trajectories.csv."""
    traj = run.trajectories
    return 0 if traj is None else int(traj[["point", "world"]].drop_duplicates().shape[0])


def join_table(run: Run) -> pd.DataFrame:
    """Per government (founders left out), pooled over points: p_member_final,
    p_joined with their 95 % intervals (``*_low``, ``*_high``), n_worlds, and
    first_join_mean/p05/p50/p95 (steps) and first_join_worlds from the
    trajectory worlds. Sorted by p_member_final, highest first."""
    gov = run.government_column
    table = run.governments[~run.governments[gov].astype(str).isin(founders(run))]
    worlds = run.worlds.groupby("point").size().rename("n").reset_index()
    table = table.merge(worlds, on="point", how="left")
    for column in ("p_member_final", "p_joined"):
        table[column + "_count"] = table[column] * table["n"]
    pooled = table.groupby(gov).agg(n_worlds=("n", "sum"), member=("p_member_final_count", "sum"),
                                    joined=("p_joined_count", "sum"))
    out = pd.DataFrame(index=pooled.index)
    out["n_worlds"] = pooled["n_worlds"]
    for column, count in (("p_member_final", "member"), ("p_joined", "joined")):
        out[column] = pooled[count] / pooled["n_worlds"]
        out[column + "_low"], out[column + "_high"] = wilson_interval(out[column], out["n_worlds"])
    first = first_joins(run)
    if first is not None and not first.empty:
        steps = first.groupby("government")["first_join_step"]
        out["first_join_mean"] = steps.mean()
        for q in (5, 50, 95):
            out[f"first_join_p{q:02d}"] = steps.quantile(q / 100)
        out["first_join_worlds"] = steps.size()
    return out.sort_values("p_member_final", ascending=False)


def revenue_by_owner(run: Run) -> Optional[pd.DataFrame]:
    """Rows ``founders`` and ``other members``, pooled over points:
    revenue_usd_bn and counterfactual_usd_bn (means per world, summed over
    the group's governments, all worlds), committed_usd_bn and
    revenue_per_usd (revenue / committed over the trajectory worlds, where
    committed is the largest stake each government held in the world; without
    trajectories, the final stake of governments.csv). None when the founders
    are unknown (random founders)."""
    names = set(founders(run))
    needed = {"mean_revenue_usd_bn", "mean_counterfactual_usd_bn", "mean_stake_usd_bn"}
    if not names or not needed.issubset(run.governments.columns):
        return None
    gov = run.government_column
    g = run.governments.assign(group=np.where(run.governments[gov].astype(str).isin(names), "founders",
                                              "other members"))
    per_point = g.groupby(["point", "group"])[["mean_revenue_usd_bn", "mean_counterfactual_usd_bn",
                                               "mean_stake_usd_bn"]].sum()
    means = per_point.groupby("group").mean()
    out = pd.DataFrame({"revenue_usd_bn": means["mean_revenue_usd_bn"],
                        "counterfactual_usd_bn": means["mean_counterfactual_usd_bn"]})
    traj = run.trajectories
    if traj is not None and not traj.empty and "revenue_usd_bn" in traj.columns:
        per_world = traj.groupby(["point", "world", "government"], observed=True).agg(
            committed=("stake", "max"), revenue=("revenue_usd_bn", "last"))
        per_world["group"] = np.where(per_world.index.get_level_values("government").astype(str).isin(names),
                                      "founders", "other members")
        sums = per_world.groupby("group")[["committed", "revenue"]].sum()
        out["committed_usd_bn"] = sums["committed"] / trajectory_worlds(run)
        out["revenue_per_usd"] = sums["revenue"] / sums["committed"]
        out.attrs["basis"] = f"largest stake held, {trajectory_worlds(run)} trajectory worlds"
    else:
        out["committed_usd_bn"] = means["mean_stake_usd_bn"]
        out["revenue_per_usd"] = out["revenue_usd_bn"] / out["committed_usd_bn"]
        out.attrs["basis"] = "final stake (no trajectories)"
    return out.reindex(["founders", "other members"])


def has_fund_activity(run: Run) -> bool:
    """True when the fund invests: projects financed, debt or LP capital in
    some world. Without it the balance-sheet and revenue panels say nothing."""
    for metric in ("projects_financed", "fund_debt", "lp_capital"):
        rows = run.series[run.series["metric"] == metric]
        if not rows.empty and rows["max"].max() > 0:
            return True
    return False
