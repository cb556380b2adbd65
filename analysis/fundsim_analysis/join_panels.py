"""The join panels of :mod:`.plots`: first-join times per government, the
cumulative share of worlds where each top member has joined, joins per step,
and the distributions drawn instead of named governments for large runs."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from . import calendar
from .joins import first_joins, join_table, trajectory_worlds
from .load import Run

#: Above this many governments, figures show distributions instead of named governments.
MAX_NAMED = 60
#: Above this many points, no legend of points.
MAX_LEGEND = 10


def join_distribution(run: Run, table: pd.DataFrame) -> Figure:
    """join_probabilities for many (unnamed) governments: histograms over governments."""
    fig = Figure(figsize=(11, 4.5), layout="constrained")
    ax_p, ax_t = fig.subplots(1, 2)
    bins = np.histogram_bin_edges(pd.concat([table["p_member_final"], table["p_joined"]]), bins=40)
    ax_p.hist(table["p_member_final"], bins=bins, color="C0", alpha=0.8, label="member at the end")
    ax_p.hist(table["p_joined"], bins=bins, color="C1", alpha=0.5, label="ever joined")
    ax_p.xaxis.set_major_formatter(PercentFormatter(xmax=1))
    ax_p.set_xlabel(f"Probability (% of {int(table['n_worlds'].max())} worlds)")
    ax_p.set_ylabel(f"Governments (of {len(table)}, founders excluded)")
    ax_p.set_title("Who joins: distribution over governments")
    ax_p.legend(loc="upper left", fontsize="small")
    steps = run.governments.groupby(run.government_column)["mean_join_step"].mean().dropna()
    ax_t.hist(steps, bins=40, color="C1")
    ax_t.set_xlabel(f"Mean join step of a government (1 step = {run.months_per_step:g} month"
                    f"{'' if run.months_per_step == 1 else 's'})")
    ax_t.set_ylabel("Governments")
    ax_t.set_title("When: mean join step, over the worlds where it joined")
    fig.suptitle(f"{run.name}: membership over {len(table)} governments")
    return fig


def joins_per_step(ax, run: Run) -> None:
    """All joins over time: mean joins per step over worlds (series.csv ``joins``)."""
    for index, point in enumerate(run.points["point"]):
        rows = run.metric("joins")
        rows = rows[rows["point"] == point]
        ax.plot(calendar.time_values(run, rows["step"]), rows["mean"], color=f"C{index % 10}",
                label=run.point_label(point))
    calendar.mark_events(ax, run, labels=False)
    calendar.format_time_axis(ax, run)
    ax.set_ylabel("Joins per step (mean over worlds)")
    ax.set_title("Every join over time")
    if len(run.points) <= MAX_LEGEND:
        ax.legend(loc="upper right", fontsize="small")


def first_join_panel(ax, run: Run, rows: pd.DataFrame, y: np.ndarray) -> None:
    if "first_join_p50" in rows.columns:
        has = rows["first_join_p50"].notna()
        mid = calendar.time_values(run, rows["first_join_p50"].fillna(0))
        low = calendar.time_values(run, rows["first_join_p05"].fillna(0))
        high = calendar.time_values(run, rows["first_join_p95"].fillna(0))
        for i in np.flatnonzero(has.to_numpy()):
            ax.plot([low[i], high[i]], [y[i], y[i]], color="C1", linewidth=2, alpha=0.6)
        ax.plot(mid[has.to_numpy()], y[has.to_numpy()], "o", color="C1", label="median")
        ax.set_title(f"First join: median, p05–p95\n(of {trajectory_worlds(run)} trajectory worlds, where it joined)",
                     fontsize="medium")
    else:
        gov = run.government_column
        mean_step = run.governments.groupby(gov)["mean_join_step"].mean().reindex(rows.index)
        ok = mean_step.notna().to_numpy()
        ax.plot(calendar.time_values(run, mean_step.fillna(0))[ok], y[ok], "o", color="C1",
                label="mean step of the last join (no trajectories)")
        ax.set_title("When they join")


def cumulative_joins(ax, run: Run, top: int) -> None:
    """Share of trajectory worlds in which each of the ``top`` most likely
    members has joined by each date. Governments with the same curve (a bloc
    joining together) share one line, labelled with the first and a count,
    so that ``top`` distinct curves are drawn."""
    first = first_joins(run)
    n = trajectory_worlds(run)
    names = calendar.government_names(run)
    steps = np.arange(run.steps + 1)
    x = calendar.time_values(run, steps)
    curves = {}  # curve -> governments, in rank order
    for government in join_table(run).index:
        joined = first.loc[first["government"].astype(str) == str(government), "first_join_step"].to_numpy()
        share = tuple(np.array([(joined <= s).sum() for s in steps]) / max(1, n))
        if share not in curves and len(curves) == top:
            continue
        curves.setdefault(share, []).append(government)
    for index, (share, governments) in enumerate(curves.items()):
        label = calendar.display_name(names, governments[0])
        if len(governments) > 1:
            label += f" + {len(governments) - 1} with the same curve"
        ax.step(x, share, where="post", color=f"C{index % 10}", label=label)
    calendar.mark_events(ax, run, labels=False)
    calendar.format_time_axis(ax, run)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1))
    ax.set_ylabel(f"Has joined (% of {n} trajectory worlds)")
    ax.set_title(f"First join by date, the {len(curves)} most likely members (distinct curves)")
    ax.legend(loc="lower right", fontsize="x-small")
