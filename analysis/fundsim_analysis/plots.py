"""Standard plots of a fundsim run. Each function takes a loaded
:class:`~fundsim_analysis.load.Run` and returns a matplotlib Figure (it does not
show or save it), with titles, axis labels with units and legends.

Time axes show calendar dates when the experiment has ``experiment.start_date``
(step × ``months_per_step`` months after it), steps otherwise, with the
scheduled events marked (see :mod:`.calendar`). Bands are the p05–p95 range
over worlds. Governments are shown by name.
"""

from __future__ import annotations

from typing import List, Optional

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter

from . import calendar, join_panels
from .joins import first_joins, join_table, revenue_by_owner
from .load import Run

#: Above this many points, bands are left out (they would hide each other).
MAX_BANDS = 6
#: Above this many points, lines are coloured by the first parameter with a colourbar.
MAX_LEGEND = 10


def adoption_curve(run: Run) -> Figure:
    """Mean adoption (members / governments) over time, with the p05–p95 band
    over worlds; one line per sweep point; scheduled events marked."""
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.add_subplot()
    _plot_metric_per_point(ax, run, "adoption")
    calendar.mark_events(ax, run)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1))
    calendar.format_time_axis(ax, run)
    ax.set_ylabel("Adoption (% of governments that are members)")
    ax.set_title(f"{run.name}: adoption of the fund (mean, band p05–p95 over worlds)")
    _finish_point_legend(fig, ax, run)
    return fig


def join_probabilities(run: Run, top: int = 20) -> Figure:
    """Who joins and when, for the ``top`` most likely members at the end
    (founders left out), by name.

    Left: probability of being a member at the end and of ever joining, with
    95 % intervals (pooled over points). Right: the first join time, median
    and p05–p95 over the trajectory worlds where the government joined
    (without trajectories: the mean join step of governments.csv).
    """
    full = join_table(run)
    if len(full) > join_panels.MAX_NAMED:
        return join_panels.join_distribution(run, full)
    table = full.head(top)
    names = calendar.government_names(run)
    ids = list(table.index)[::-1]  # barh draws bottom-up; most likely on top
    fig = Figure(figsize=(11, max(3.0, 0.32 * len(ids) + 1.8)), layout="constrained")
    ax_p, ax_t = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [3, 2]})
    y = np.arange(len(ids))
    rows = table.reindex(ids)
    for offset, column, color, label in ((0.2, "p_member_final", "C0", "member at the end"),
                                         (-0.2, "p_joined", "C1", "ever joined")):
        err = np.vstack([rows[column] - rows[column + "_low"], rows[column + "_high"] - rows[column]])
        ax_p.barh(y + offset, rows[column], height=0.4, xerr=err, color=color, capsize=2,
                  label=f"P({label}), 95 % CI")
    ax_p.set_yticks(y, [calendar.display_name(names, g) for g in ids])
    ax_p.set_xlim(0, 1)
    ax_p.xaxis.set_major_formatter(PercentFormatter(xmax=1))
    ax_p.set_xlabel(f"Probability (% of {int(table['n_worlds'].max()) if len(table) else 0} worlds)")
    ax_p.set_ylabel("Government")
    ax_p.set_title(f"Who joins (top {len(ids)}, founders excluded)")
    ax_p.legend(loc="lower right", fontsize="small")
    join_panels.first_join_panel(ax_t, run, rows, y)
    calendar.mark_events(ax_t, run, labels=False)
    calendar.format_time_axis(ax_t, run)
    fig.suptitle(f"{run.name}: membership per government")
    return fig


def join_timing(run: Run, top: int = 8) -> Figure:
    """When joining happens. Left: distribution over worlds of the first step
    at which any non-founder joined (worlds.csv ``first_join_step``). Right:
    with trajectories and up to MAX_NAMED governments, the share of trajectory
    worlds in which each of the ``top`` most likely members has joined by each
    date; otherwise the mean number of joins per step (series.csv ``joins``)."""
    fig = Figure(figsize=(12, 4.5), layout="constrained")
    axes = fig.subplots(1, 2)
    first = run.worlds["first_join_step"].dropna()
    never = run.worlds["first_join_step"].isna().mean()
    bins = np.arange(-0.5, run.steps + 1.5, 1.0)
    counts, _ = np.histogram(first, bins=bins)
    x = calendar.time_values(run, np.arange(run.steps + 1))
    width = (x[1] - x[0]) * 0.8 if len(x) > 1 else 0.8
    axes[0].bar(x, counts / max(1, len(run.worlds)), width=width, color="C0",
                label=f"first non-founder join (none in {never:.1%} of worlds)")
    axes[0].yaxis.set_major_formatter(PercentFormatter(xmax=1))
    axes[0].set_ylabel("Share of worlds")
    axes[0].set_title("When the first non-founder joins")
    axes[0].legend(loc="upper left", fontsize="small")
    calendar.mark_events(axes[0], run)
    last = max([first.max() if len(first) else 0] + [s for s, _ in calendar.scheduled_events(run)])
    shown = calendar.time_values(run, [-0.7, min(run.steps, last + 1) + 0.7])
    axes[0].set_xlim(shown[0], shown[1])  # the horizon after the last first join is empty
    calendar.format_time_axis(axes[0], run)
    few = run.governments[run.government_column].nunique() <= join_panels.MAX_NAMED
    if first_joins(run) is not None and few:
        join_panels.cumulative_joins(axes[1], run, top)
    else:
        join_panels.joins_per_step(axes[1], run)
    fig.suptitle(f"{run.name}: timing of joins")
    return fig


def fund_balance_sheet(run: Run) -> Figure:
    """Fund equity, debt and assets over time in USD bn (mean, band p05–p95).

    One point: the three on one axes. Several points: one panel each, one
    line per point.
    """
    metrics = [("fund_assets", "Assets"), ("fund_debt", "Debt"), ("fund_equity", "Equity")]
    if len(run.points) <= 1:
        fig = Figure(figsize=(8, 4.5), layout="constrained")
        ax = fig.add_subplot()
        for index, (metric, label) in enumerate(metrics):
            _band_line(ax, run, run.metric(metric), label, f"C{index}", band=True)
        calendar.mark_events(ax, run)
        calendar.format_time_axis(ax, run)
        ax.set_ylabel("USD bn")
        ax.set_title(f"{run.name}: fund balance sheet (mean, band p05–p95 over worlds)")
        ax.legend(loc="lower right")
        return fig
    fig = Figure(figsize=(14, 4.5), layout="constrained")
    axes = fig.subplots(1, 3, sharex=True)
    for ax, (metric, label) in zip(axes, metrics):
        _plot_metric_per_point(ax, run, metric)
        calendar.format_time_axis(ax, run)
        ax.set_ylabel(f"{label} (USD bn)")
        ax.set_title(label)
    _finish_point_legend(fig, axes[-1], run)
    fig.suptitle(f"{run.name}: fund balance sheet (mean, band p05–p95 over worlds)")
    return fig


def revenue_vs_counterfactual(run: Run) -> Figure:
    """Direct fund returns against the tax-incentive counterfactual, USD bn.

    Left: cumulative revenue paid to member governments (solid) and the
    counterfactual (tax on project profits minus incentive cost, dashed),
    one colour per point. With known founders, middle: both at the end for
    the founders and for the other members (the counterfactual goes to the
    projects' host governments only); right: fund revenue per USD committed.
    """
    by_owner = revenue_by_owner(run)
    fig = Figure(figsize=(8 if by_owner is None else 15, 4.5), layout="constrained")
    axes = fig.subplots(1, 1 if by_owner is None else 3, squeeze=False,
                        gridspec_kw={"width_ratios": [1] if by_owner is None else [2.2, 1, 1]})[0]
    ax = axes[0]
    revenue, counter = run.metric("revenue_total"), run.metric("revenue_tax_counterfactual")
    band = len(run.points) <= MAX_BANDS
    named = len(run.points) <= MAX_LEGEND // 2  # else two style entries, not 2 × points
    for index, (point, color) in enumerate(zip(run.points["point"], _point_colors(run))):
        prefix = "" if len(run.points) <= 1 or not named else f"{run.point_label(point)}: "
        labels = (f"{prefix}fund revenue", f"{prefix}tax-incentive counterfactual")
        if not named and index > 0:
            labels = ("_nolegend_", "_nolegend_")
        _band_line(ax, run, revenue[revenue["point"] == point], labels[0], color, band)
        _band_line(ax, run, counter[counter["point"] == point], labels[1], color, band, linestyle="--")
    calendar.mark_events(ax, run, labels=False)
    calendar.format_time_axis(ax, run)
    ax.set_ylabel("Cumulative revenue to governments (USD bn)")
    ax.set_title("Over time (mean, band p05–p95)")
    _add_colorbar(fig, ax, run)
    title = None if named else f"one colour per point ({len(run.points)} points)"
    ax.legend(loc="upper left", fontsize="small", title=title, title_fontsize="small")
    if by_owner is not None:
        _owner_panels(axes[1], axes[2], run, by_owner)
    fig.suptitle(f"{run.name}: direct fund returns vs classic tax incentives")
    return fig


def parameter_effect(run: Run, parameter: Optional[str] = None, outcome: str = "adoption_final") -> Figure:
    """``outcome`` (a worlds.csv column, default final adoption) against each
    swept parameter, one panel per parameter (or only ``parameter``): sweep
    points binned by the parameter's value (one bin per value up to MAX_BINS
    distinct values, else MAX_BINS quantile bins), mean ± 95 % CI (Student t)
    per bin, over the points' means (over worlds when a bin holds one point).
    Other parameters vary within a bin: the panels are marginal effects.

    Raises ValueError when the run has no sweep or ``parameter`` was not swept.
    """
    if not run.parameters:
        raise ValueError(f"{run.path}: this run has no sweep (points.csv has only 'point'), so there is "
                         "no parameter to plot against; add a `sweep:` section to the experiment file")
    if parameter is not None and parameter not in run.parameters:
        raise ValueError(f"'{parameter}' was not swept in {run.path}; swept: {', '.join(run.parameters)}")
    chosen = [parameter] if parameter else list(run.parameters)
    columns = min(3, len(chosen))
    rows = -(-len(chosen) // columns)
    fig = Figure(figsize=(5 * columns, 3.8 * rows), layout="constrained")
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    for ax, name in zip(axes, chosen):
        _effect_panel(ax, run, name, outcome)
    for ax in axes[len(chosen):]:
        ax.set_visible(False)
    fig.suptitle(f"{run.name}: {outcome} per swept parameter (binned points, mean ± 95 % CI; "
                 f"{len(run.points)} points × {run.worlds_per_point} worlds)")
    return fig


#: Up to this many distinct values, a parameter gets one bin per value.
MAX_BINS = 8


def _effect_panel(ax, run: Run, parameter: str, outcome: str) -> None:
    """Binned means of ``outcome`` against ``parameter``. The sweep point is the
    unit: a bin holding several points gets the mean and Student-t interval of
    their means (the other parameters vary between them); a bin holding one
    point, those of its worlds."""
    worlds = run.worlds[["point", parameter, outcome]].dropna()
    per_point = worlds.groupby("point").agg(value=(parameter, "first"), mean=(outcome, "mean"))
    numeric = pd.api.types.is_numeric_dtype(per_point["value"])
    if numeric and per_point["value"].nunique() > MAX_BINS:
        per_point["bin"] = pd.qcut(per_point["value"], MAX_BINS, duplicates="drop")
    else:
        per_point["bin"] = per_point["value"]
    x, means, halves = [], [], []
    for key, group in per_point.groupby("bin", observed=True, sort=True):
        units = group["mean"] if len(group) > 1 else worlds.loc[worlds["point"] == group.index[0], outcome]
        stats = _mean_ci(units)
        x.append(group["value"].mean() if numeric else str(key))
        means.append(stats["mean"])
        halves.append(stats["ci95"])
    if not numeric:
        ax.set_xticks(range(len(x)), x, rotation=20, ha="right", fontsize="small")
        x = list(range(len(x)))
    ax.errorbar(x, means, yerr=halves, fmt="o-", color="C0", capsize=3, label="mean ± 95 % CI")
    ax.legend(loc="best", fontsize="x-small")
    if outcome == "adoption_final":
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1))
        ax.set_ylabel("Final adoption (% of governments)")
    else:
        ax.set_ylabel(outcome)
    ax.set_xlabel(parameter)
    ax.set_title(parameter, fontsize="medium")


def _mean_ci(values: pd.Series) -> dict:
    """Mean and 95 % CI half-width (Student t; 0 for a single value)."""
    from scipy import stats as sps  # local: only the effect panels need scipy

    n = int(values.count())
    if n < 2:
        return {"mean": float(values.mean()), "ci95": 0.0}
    half = sps.t.ppf(0.975, n - 1) * values.std(ddof=1) / np.sqrt(n)
    return {"mean": float(values.mean()), "ci95": float(half)}


def _owner_panels(ax_total, ax_ratio, run: Run, by_owner: pd.DataFrame) -> None:
    groups = list(by_owner.index)
    x = np.arange(len(groups))
    ax_total.bar(x - 0.2, by_owner["revenue_usd_bn"], width=0.4, color="C0", label="fund revenue")
    ax_total.bar(x + 0.2, by_owner["counterfactual_usd_bn"], width=0.4, color="C0", alpha=0.4, hatch="//",
                 label="tax-incentive counterfactual")
    ax_total.set_xticks(x, groups)
    ax_total.set_xlabel("Owners")
    ax_total.set_ylabel("Cumulative at the end, USD bn (mean per world)")
    ax_total.set_title("Who receives it\n(the counterfactual goes to the projects' hosts)", fontsize="medium")
    ax_total.legend(loc="upper right", fontsize="small")
    ax_ratio.bar(x, 100 * by_owner["revenue_per_usd"], width=0.5, color="C2")
    for xi, value, committed in zip(x, by_owner["revenue_per_usd"], by_owner["committed_usd_bn"]):
        ax_ratio.annotate(f"{100 * value:.1f} ¢\non {committed:,.0f} bn", (xi, 100 * value),
                          ha="center", va="bottom", fontsize="small")
    ax_ratio.set_xticks(x, groups)
    ax_ratio.set_xlabel(f"Owners (committed: {by_owner.attrs.get('basis', '')})", fontsize="small")
    ax_ratio.set_ylabel("Fund revenue per USD committed (US cents)")
    ax_ratio.set_title("Revenue per dollar committed", fontsize="medium")
    ax_ratio.margins(y=0.2)


def _band_line(ax, run: Run, rows: pd.DataFrame, label: str, color, band: bool,
               linestyle: str = "-") -> None:
    """One mean line with (optionally) its p05–p95 band."""
    x = calendar.time_values(run, rows["step"])
    ax.plot(x, rows["mean"], color=color, linestyle=linestyle, label=label)
    if band:
        ax.fill_between(x, rows["p05"], rows["p95"], color=color, alpha=0.15, linewidth=0)


def _point_colors(run: Run) -> List:
    """A colour per point: the default cycle, or a colormap of the first
    parameter when there are too many points for a legend."""
    points = run.points
    if len(points) <= MAX_LEGEND or not run.parameters \
            or not pd.api.types.is_numeric_dtype(points[run.parameters[0]]):
        return [f"C{i % 10}" for i in range(len(points))]
    values = points[run.parameters[0]].astype(float)
    norm = Normalize(values.min(), values.max())
    return [colormaps["viridis"](norm(v)) for v in values]


def _plot_metric_per_point(ax, run: Run, metric: str) -> None:
    rows = run.metric(metric)
    band = len(run.points) <= MAX_BANDS
    for point, color in zip(run.points["point"], _point_colors(run)):
        _band_line(ax, run, rows[rows["point"] == point], run.point_label(point), color, band)


def _finish_point_legend(fig: Figure, ax, run: Run) -> None:
    """A legend of the points, or a colourbar of the first parameter when
    there are too many points to list."""
    if len(run.points) <= MAX_LEGEND:
        title = ", ".join(run.parameters) if run.parameters else None
        ax.legend(loc="best", fontsize="small", title=title, title_fontsize="small")
        return
    _add_colorbar(fig, ax, run)
    proxy = [Line2D([], [], color="grey", label=f"mean of each of {len(run.points)} points")]
    ax.legend(handles=proxy, loc="best", fontsize="small")


def _add_colorbar(fig: Figure, ax, run: Run) -> None:
    """The colour key of :func:`_point_colors` when it maps the first parameter."""
    parameter = run.parameters[0] if run.parameters else None
    if len(run.points) <= MAX_LEGEND or not parameter \
            or not pd.api.types.is_numeric_dtype(run.points[parameter]):
        return
    values = run.points[parameter].astype(float)
    mappable = ScalarMappable(Normalize(values.min(), values.max()), colormaps["viridis"])
    fig.colorbar(mappable, ax=ax, label=parameter)
