"""fundsim_analysis — read a fundsim result folder and draw its standard plots.

A fundsim run writes one folder: ``manifest.json``, ``points.csv``,
``worlds.csv``, ``series.csv``, ``governments.csv`` and, for the first K worlds
of each point, ``trajectories.csv``. This package turns that folder into pandas
DataFrames and matplotlib Figures; it works the same on a single run, a merged
shard folder (``fundsim merge``) or an MPI run.

Typical use in a notebook::

    import fundsim_analysis as fa
    run = fa.load_run("runs/us_japan_fund")   # or fa.load_run(fundsim.run(...))
    run.worlds.head()                 # one row per world, sweep parameters merged on
    fa.adoption_curve(run)            # each plot function returns a Figure; it also
                                      # takes a folder or fundsim.run's results
    fa.join_probabilities(run, top=20)

From a shell, ``analysis/report.py RUN_DIR --out DIR`` writes every plot as a
PNG together with a ``summary.md``.
"""

import functools as _functools

from . import plots as _plots
from .joins import has_fund_activity, join_table, revenue_by_owner
from .load import Run, load_run, validate_run
from .sensitivity import load_sensitivity, sensitivity_bars


def _takes_any_source(plot):
    """``plot`` accepting a Run, a result folder or ``fundsim.run``'s results."""
    @_functools.wraps(plot)
    def wrapper(run, *args, **kwargs):
        return plot(load_run(run), *args, **kwargs)
    return wrapper


adoption_curve = _takes_any_source(_plots.adoption_curve)
join_probabilities = _takes_any_source(_plots.join_probabilities)
fund_balance_sheet = _takes_any_source(_plots.fund_balance_sheet)
revenue_vs_counterfactual = _takes_any_source(_plots.revenue_vs_counterfactual)
join_timing = _takes_any_source(_plots.join_timing)
parameter_effect = _takes_any_source(_plots.parameter_effect)

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
