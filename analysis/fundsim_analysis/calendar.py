"""Time axes, scheduled events and government names for fundsim figures.

A run's step 0 is ``experiment.start_date`` (ISO date, optional); one step
lasts ``experiment.months_per_step`` months. With a start date, time axes
show calendar dates; without one they show steps. Scheduled events (the
experiment's ``events`` with ``at``) are marked as dotted vertical lines.
Government names come from the manifest's ``government_names`` (written by
``fundsim run``) or the experiment's ``governments.list``; ids otherwise.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from .load import Run, manifest_value



def start_date(run: Run) -> Optional[pd.Timestamp]:
    """``experiment.start_date`` as a Timestamp, or None when absent or not a date."""
    value = manifest_value(run.manifest, "start_date")
    if not isinstance(value, str) or not value:
        return None
    try:
        return pd.Timestamp(value)
    except ValueError:
        return None


def time_values(run: Run, steps: Sequence[float]) -> np.ndarray:
    """X values for ``steps``: dates (numpy datetime64) when the run has a start
    date, else the steps themselves (floats)."""
    steps = np.asarray(steps, dtype=float)
    start = start_date(run)
    if start is None:
        return steps
    months = np.rint(steps * run.months_per_step).astype(int)
    return np.array([(start + pd.DateOffset(months=int(m))).to_datetime64() for m in months])


def time_label(run: Run) -> str:
    """The time axis label, with its unit."""
    per_step = run.months_per_step
    unit = "1 step = 1 month" if per_step == 1 else f"1 step = {per_step:g} months"
    start = start_date(run)
    if start is None:
        return f"Step ({unit})"
    return f"Date (step 0 = {start:%d %b %Y}; {unit})"


def format_time_axis(ax, run: Run) -> None:
    """Concise date ticks when the axis holds dates; the label in every case."""
    if start_date(run) is not None:
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel(time_label(run))


def step_text(run: Run, step: float) -> str:
    """A step as text: "Sep 2025" with a start date, "step 5" without."""
    if step != step:  # NaN
        return "—"
    start = start_date(run)
    if start is None:
        return f"step {step:.1f}".replace(".0", "")
    return f"{start + pd.DateOffset(months=int(round(step * run.months_per_step))):%b %Y}"


def scheduled_events(run: Run) -> List[Tuple[int, str]]:
    """(step, label) of the scheduled events after step 0, one entry per step,
    in step order. Labels name summits, count deals and tariff changes."""
    events = manifest_value(run.manifest, "events")
    if not isinstance(events, list):
        return []
    per_step: Dict[int, List[dict]] = {}
    for event in events:
        at = event.get("at") if isinstance(event, dict) else None
        if isinstance(at, (int, float)) and 0 < at <= run.steps:
            per_step.setdefault(int(at), []).append(event)
    return [(step, _label(found)) for step, found in sorted(per_step.items())]


def mark_events(ax, run: Run, labels: bool = True) -> None:
    """Dotted vertical lines at the scheduled events, labelled at the top."""
    for step, label in scheduled_events(run):
        x = time_values(run, [step])[0]
        ax.axvline(x, color="grey", linestyle=":", linewidth=0.8, zorder=0)
        if labels:
            ax.text(x, 0.98, f" {label}", transform=ax.get_xaxis_transform(), rotation=90, va="top",
                    ha="right", fontsize=7, color="dimgrey")


def government_names(run: Run) -> Dict[str, str]:
    """{id: name} for the governments that have a name."""
    names = run.manifest.get("government_names")
    found = {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}
    governments = manifest_value(run.manifest, "governments")
    listed = governments.get("list") if isinstance(governments, dict) else None
    for entry in listed if isinstance(listed, list) else []:
        if isinstance(entry, dict) and entry.get("name") and str(entry.get("id")) not in found:
            found[str(entry["id"])] = str(entry["name"])
    return found


def display_name(names: Dict[str, str], government: str) -> str:
    """"Name (ID)" when the government has a name, else its id."""
    name = names.get(str(government))
    return f"{name} ({government})" if name else str(government)


def _label(events: List[dict]) -> str:
    parts = []
    summits = [e.get("name") or "summit" for e in events if e.get("type") == "summit"]
    parts += summits
    deals = sum(e.get("type") == "trade_deal" for e in events)
    if deals:
        parts.append(f"{deals} deal{'s' if deals > 1 else ''}")
    tariffs = sum(e.get("type") == "tariff" for e in events)
    if tariffs:
        parts.append(f"tariff{'s' if tariffs > 1 else ''}")
    for kind in ("market_shock", "policy_shift", "join", "exit"):
        count = sum(e.get("type") == kind for e in events)
        if count:
            parts.append(kind.replace("_", " ") + (f" ×{count}" if count > 1 else ""))
    return ", ".join(parts)
