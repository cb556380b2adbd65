"""Standard plots of a fundsim run. Each function takes a loaded
:class:`~fundsim_analysis.load.Run` and returns a matplotlib Figure (it does not
show or save it), with titles, axis labels with units and legends.

Time axes are in months since April 2025 (the story's start): step × the
manifest's ``months_per_step``. Bands are the p05–p95 range over worlds.
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter

from .load import Run, founders

#: What step 0 is, for axis labels.
START_LABEL = "April 2025"
#: Above this many points, bands are left out (they would hide each other).
MAX_BANDS = 6
#: Above this many points, lines are coloured by the first parameter with a colourbar.
MAX_LEGEND = 10
#: Up to this many points, join probabilities are drawn as grouped bars per point.
MAX_GROUPED = 4


def adoption_curve(run: Run) -> Figure:
    """Mean adoption (members / governments) per month, with the p05–p95 band
    over worlds; one line per sweep point."""
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.add_subplot()
    _plot_metric_per_point(ax, run, "adoption")
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1))
    ax.set_xlabel(_time_label())
    ax.set_ylabel("Adoption (% of governments that are members)")
    ax.set_title(f"{run.name}: adoption of the fund (mean, band p05–p95 over worlds)")
    _finish_point_legend(fig, ax, run)
    return fig


def join_probabilities(run: Run, top: int = 20) -> Figure:
    """Each government's probability of being a member at the end (bars) and
    its mean join month (second panel), for the ``top`` most likely joiners.

    Founders are left out (they are members from the start). With up to
    MAX_GROUPED points the bars are grouped per point, otherwise the mean over
    points is drawn with the range over points as an error bar.
    """
    gov = run.government_column
    table = run.governments[~run.governments[gov].astype(str).isin(founders(run))]
    ranked = table.groupby(gov)["p_member_final"].mean().sort_values(ascending=False)
    names = list(ranked.index[:top])[::-1]  # barh draws bottom-up; most likely on top
    fig = Figure(figsize=(10, max(3.0, 0.32 * len(names) + 1.5)), layout="constrained")
    ax_p, ax_t = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [3, 2]})
    y = np.arange(len(names))
    points = list(run.points["point"])
    if len(points) <= MAX_GROUPED:
        _grouped_bars(ax_p, ax_t, run, table, names, points)
    else:
        _summary_bars(ax_p, ax_t, run, table, names)
    ax_p.set_yticks(y, [str(n) for n in names])
    ax_p.set_xlim(0, 1)
    ax_p.xaxis.set_major_formatter(PercentFormatter(xmax=1))
    ax_p.set_xlabel("Probability of being a member at the end (% of worlds)")
    ax_p.set_ylabel("Government")
    ax_p.set_title(f"Who joins (top {len(names)}, founders excluded)")
    ax_t.set_xlabel(f"Mean join month (months since {START_LABEL})")
    ax_t.set_title("When they join (worlds where they join)")
    ax_t.set_xlim(0, max(1.0, run.steps * run.months_per_step))
    ax_p.legend(loc="lower right", fontsize="small")
    ax_t.legend(loc="lower right", fontsize="small")
    fig.suptitle(f"{run.name}: membership probability per government")
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
        ax.set_xlabel(_time_label())
        ax.set_ylabel("USD bn")
        ax.set_title(f"{run.name}: fund balance sheet (mean, band p05–p95 over worlds)")
        ax.legend(loc="best")
        return fig
    fig = Figure(figsize=(14, 4.5), layout="constrained")
    axes = fig.subplots(1, 3, sharex=True)
    for ax, (metric, label) in zip(axes, metrics):
        _plot_metric_per_point(ax, run, metric)
        ax.set_xlabel(_time_label())
        ax.set_ylabel(f"{label} (USD bn)")
        ax.set_title(label)
    _finish_point_legend(fig, axes[-1], run)
    fig.suptitle(f"{run.name}: fund balance sheet (mean, band p05–p95 over worlds)")
    return fig


def revenue_vs_counterfactual(run: Run) -> Figure:
    """Cumulative revenue paid to member governments against the tax-incentive
    counterfactual (tax on project profits minus incentive cost), USD bn.
    Solid: fund revenue; dashed: counterfactual; one colour per point."""
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.add_subplot()
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
    ax.set_xlabel(_time_label())
    ax.set_ylabel("Cumulative revenue to member governments (USD bn)")
    ax.set_title(f"{run.name}: direct fund returns vs classic tax incentives")
    _add_colorbar(fig, ax, run)
    title = None if named else f"one colour per point ({len(run.points)} points)"
    ax.legend(loc="upper left", fontsize="small", title=title, title_fontsize="small")
    return fig


def parameter_effect(run: Run, parameter: Optional[str] = None) -> Figure:
    """Final adoption (worlds.csv ``adoption_final``, mean ± 95 % CI over worlds)
    against a swept parameter (default: the first column of points.csv after
    ``point``). With exactly one other parameter taking few values, one line
    per value of it.

    Raises ValueError when the run has no sweep or ``parameter`` was not swept.
    """
    if not run.parameters:
        raise ValueError(f"{run.path}: this run has no sweep (points.csv has only 'point'), so there is "
                         "no parameter to plot against; add a `sweep:` section to the experiment file")
    parameter = parameter or run.parameters[0]
    if parameter not in run.parameters:
        raise ValueError(f"'{parameter}' was not swept in {run.path}; swept: {', '.join(run.parameters)}")
    stats = _final_adoption_stats(run)
    others = [p for p in run.parameters if p != parameter]
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.add_subplot()
    groups: List[Tuple[str, pd.DataFrame]] = [("all points", stats)]
    if len(others) == 1 and stats[others[0]].nunique() <= MAX_BANDS:
        groups = [(f"{others[0]} = {v}", g) for v, g in stats.groupby(others[0])]
    numeric = pd.api.types.is_numeric_dtype(stats[parameter])
    categories = sorted(stats[parameter].astype(str).unique())
    for index, (label, group) in enumerate(groups):
        group = group.sort_values(parameter)
        x = group[parameter] if numeric else group[parameter].astype(str).map(categories.index)
        connect = "-" if x.is_unique else ""  # grid-like: join the dots
        ax.errorbar(x, group["mean"], yerr=group["ci95"], fmt=f"o{connect}", color=f"C{index}",
                    capsize=3, label=f"{label} (mean ± 95 % CI)")
    if not numeric:
        ax.set_xticks(range(len(categories)), categories)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1))
    ax.set_xlabel(f"{parameter} (swept parameter)")
    ax.set_ylabel("Final adoption (% of governments)")
    ax.set_title(f"{run.name}: final adoption vs {parameter} "
                 f"({run.worlds_per_point} worlds per point)")
    ax.legend(loc="best", fontsize="small")
    return fig


def _final_adoption_stats(run: Run) -> pd.DataFrame:
    """Per point: mean, sd, n and 95 % CI half-width (Student t) of adoption_final."""
    from scipy import stats as sps  # local: only this plot needs scipy

    agg = run.worlds.groupby("point")["adoption_final"].agg(["mean", "std", "count"]).reset_index()
    dof = (agg["count"] - 1).clip(lower=1)
    half = sps.t.ppf(0.975, dof) * agg["std"] / np.sqrt(agg["count"])
    agg["ci95"] = half.where(agg["count"] > 1, 0.0).fillna(0.0)
    return agg.merge(run.points, on="point", how="left")


def _time_label() -> str:
    return f"Months since {START_LABEL}"


def _months(run: Run, steps: Sequence[float]) -> np.ndarray:
    return np.asarray(steps, dtype=float) * run.months_per_step


def _band_line(ax, run: Run, rows: pd.DataFrame, label: str, color, band: bool,
               linestyle: str = "-") -> None:
    """One mean line with (optionally) its p05–p95 band."""
    x = _months(run, rows["step"])
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


def _grouped_bars(ax_p, ax_t, run: Run, table: pd.DataFrame, names: List, points: List) -> None:
    gov = run.government_column
    height = 0.8 / max(1, len(points))
    y = np.arange(len(names))
    for index, point in enumerate(points):
        rows = table[table["point"] == point].set_index(gov).reindex(names)
        offset = ((len(points) - 1) / 2 - index) * height  # first point on top, as in the legend
        label = run.point_label(point)
        ax_p.barh(y + offset, rows["p_member_final"].fillna(0), height=height,
                  color=f"C{index}", label=label)
        ax_t.plot(rows["mean_join_step"] * run.months_per_step, y + offset, "o",
                  color=f"C{index}", label=label)


def _summary_bars(ax_p, ax_t, run: Run, table: pd.DataFrame, names: List) -> None:
    gov = run.government_column
    p = table.groupby(gov)["p_member_final"].agg(["mean", "min", "max"]).reindex(names)
    t = (table.groupby(gov)["mean_join_step"].mean() * run.months_per_step).reindex(names)
    y = np.arange(len(names))
    err = np.vstack([p["mean"] - p["min"], p["max"] - p["mean"]])
    ax_p.barh(y, p["mean"], xerr=err, color="C0", capsize=2,
              label=f"mean over {len(run.points)} points (bar: range)")
    ax_t.plot(t, y, "o", color="C1", label=f"mean over {len(run.points)} points")
