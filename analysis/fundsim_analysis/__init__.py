"""fundsim_analysis — read a fundsim result folder and draw its standard plots.

A fundsim run writes one folder: ``manifest.json``, ``points.csv``,
``worlds.csv``, ``series.csv``, ``governments.csv`` and, for the first K worlds
of each point, ``trajectories.csv``. This package turns that folder into pandas
DataFrames and matplotlib Figures; it works the same on a single run, a merged
shard folder (``fundsim merge``) or an MPI run.

Typical use in a notebook::

    import fundsim_analysis as fa
    run = fa.load_run("runs/us_japan_fund")
    run.worlds.head()                 # one row per world, sweep parameters merged on
    fa.adoption_curve(run)            # each plot function returns a Figure
    fa.join_probabilities(run, top=20)

From a shell, ``analysis/report.py RUN_DIR --out DIR`` writes every plot as a
PNG together with a ``summary.md``.
"""

from .joins import has_fund_activity, join_table, revenue_by_owner
from .load import Run, load_run, validate_run
from .plots import (
    adoption_curve,
    fund_balance_sheet,
    join_probabilities,
    join_timing,
    parameter_effect,
    revenue_vs_counterfactual,
)
from .sensitivity import load_sensitivity, sensitivity_bars

__all__ = [
    "Run",
    "load_run",
    "validate_run",
    "adoption_curve",
    "join_probabilities",
    "join_timing",
    "fund_balance_sheet",
    "revenue_vs_counterfactual",
    "parameter_effect",
    "load_sensitivity",
    "sensitivity_bars",
    "join_table",
    "revenue_by_owner",
    "has_fund_activity",
]
