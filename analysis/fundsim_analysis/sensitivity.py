"""Sobol indices of a ``design: saltelli`` run (``sensitivity.csv``).

``sensitivity.csv`` has one row per (swept parameter, worlds.csv outcome):
first-order (S1) and total (ST) indices with their 95 % bootstrap intervals
(configs/README.md, "Result files").
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import numpy as np
import pandas as pd
from matplotlib.figure import Figure


def load_sensitivity(run_or_dir) -> Optional[pd.DataFrame]:
    """``sensitivity.csv`` of a run (a :class:`Run` or a folder) as a DataFrame,
    or None when the run has none (not a saltelli design)."""
    path = Path(getattr(run_or_dir, "path", run_or_dir)) / "sensitivity.csv"
    return pd.read_csv(path) if path.is_file() else None


def sensitivity_bars(run_or_dir, outcome: str = "adoption_final") -> Figure:
    """Bar chart of S1 and ST per swept parameter for one outcome, with the
    95 % bootstrap intervals as error bars; parameters sorted by ST."""
    table = load_sensitivity(run_or_dir)
    if table is None:
        raise FileNotFoundError("no sensitivity.csv: run a sweep with design: saltelli")
    rows = table[table["outcome"] == outcome]
    if rows.empty:
        raise KeyError(f"sensitivity.csv has no outcome '{outcome}'")
    rows = rows.sort_values("ST", ascending=True, na_position="first")
    names = [p.split(".", 1)[-1] if p.count(".") > 1 else p for p in rows["parameter"]]
    y = np.arange(len(rows))
    fig = Figure(figsize=(7, 1.2 + 0.45 * len(rows)), layout="constrained")
    ax = fig.add_subplot()
    for offset, index, color in ((-0.2, "S1", "#4477aa"), (0.2, "ST", "#ee6677")):
        values = rows[index].to_numpy(dtype=float)
        lo = np.clip(values - rows[f"{index}_lo"].to_numpy(dtype=float), 0, None)
        hi = np.clip(rows[f"{index}_hi"].to_numpy(dtype=float) - values, 0, None)
        label = "first order S1" if index == "S1" else "total ST"
        ax.barh(y + offset, values, height=0.4, color=color, label=label,
                xerr=np.vstack([lo, hi]), error_kw={"elinewidth": 1, "capsize": 2})
    ax.set_yticks(y, names)
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_xlabel(f"Sobol index of the mean {outcome} per point (95 % bootstrap interval)")
    ax.set_title("Which parameters drive the outcome (Saltelli 2010, Jansen 1999)")
    ax.legend(loc="lower right", frameon=False)
    return fig
