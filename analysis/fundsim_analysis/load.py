"""Loading a fundsim result folder (SPEC §6) into pandas.

Every CSV is read with plain ``pandas.read_csv`` (the format guarantees it:
header row, ``.`` decimal mark, empty cell for missing). The sweep parameters
of ``points.csv`` are merged onto every table that has a ``point`` column, so
``run.worlds.groupby("fund.max_leverage")`` works without a join.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import pandas as pd

#: Columns each result file must have (SPEC §6). Extra columns are allowed.
REQUIRED_COLUMNS: Dict[str, Tuple[str, ...]] = {
    "points.csv": ("point",),
    "worlds.csv": ("point", "world", "members_final", "adoption_final", "first_join_step"),
    "series.csv": ("point", "step", "metric", "n", "mean", "sd", "min",
                   "p05", "p25", "p50", "p75", "p95", "max"),
    "governments.csv": ("point", "p_member_final", "mean_join_step"),
    "trajectories.csv": ("point", "world", "step", "government", "status", "stake",
                         "tariff_faced"),
}

#: Columns that hold text; every other required column must be numeric.
TEXT_COLUMNS = frozenset({"metric", "government", "status", "id", "government_id"})

#: Metrics series.csv must contain (SPEC §6).
REQUIRED_METRICS: Tuple[str, ...] = (
    "members", "adoption", "joins", "exits", "fund_equity", "fund_debt", "fund_assets",
    "leverage", "lp_capital", "projects_financed", "deals_closed", "talks_broken",
    "revenue_total", "revenue_tax_counterfactual", "avg_tariff",
)

#: Names the government id column may have in governments.csv.
GOVERNMENT_ID_COLUMNS: Tuple[str, ...] = ("government", "id", "government_id")


@dataclass(frozen=True)
class Run:
    """One fundsim result folder, loaded.

    Attributes:
        path: the folder.
        manifest: ``manifest.json`` as a dict (empty if the file is absent).
        points: ``points.csv`` — ``point`` and one column per swept parameter.
        worlds: ``worlds.csv`` — one row per (point, world), parameters merged on.
        series: ``series.csv`` — one row per (point, step, metric), parameters merged on.
        governments: ``governments.csv`` — one row per (point, government).
        trajectories: ``trajectories.csv`` or None when the run recorded none.
        parameters: the swept parameters (dotted paths), in points.csv order;
            empty when the run has no sweep.
    """

    path: Path
    manifest: Dict[str, Any]
    points: pd.DataFrame
    worlds: pd.DataFrame
    series: pd.DataFrame
    governments: pd.DataFrame
    trajectories: Optional[pd.DataFrame]
    parameters: Tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        """The experiment name from the manifest, else the folder name."""
        value = manifest_value(self.manifest, "name")
        return str(value) if isinstance(value, str) and value else self.path.name

    @property
    def months_per_step(self) -> float:
        """Months one step lasts (manifest ``months_per_step``, default 1)."""
        value = manifest_value(self.manifest, "months_per_step")
        try:
            return float(value) if value is not None else 1.0
        except (TypeError, ValueError):
            return 1.0

    @property
    def steps(self) -> int:
        """The last step in series.csv (steps run 0 … steps)."""
        return int(self.series["step"].max()) if len(self.series) else 0

    @property
    def worlds_per_point(self) -> int:
        """The largest number of worlds any point has in worlds.csv."""
        return int(self.worlds.groupby("point").size().max()) if len(self.worlds) else 0

    @property
    def government_column(self) -> str:
        """The name of the government id column of governments.csv."""
        for name in GOVERNMENT_ID_COLUMNS:
            if name in self.governments.columns:
                return name
        raise KeyError(f"{self.path / 'governments.csv'}: no government id column "
                       f"(expected one of {', '.join(GOVERNMENT_ID_COLUMNS)})")

    def metric(self, name: str) -> pd.DataFrame:
        """The series.csv rows of one metric, sorted by point and step.

        Raises KeyError naming the metrics the run does have.
        """
        rows = self.series[self.series["metric"] == name]
        if rows.empty:
            have = ", ".join(sorted(self.series["metric"].unique()))
            raise KeyError(f"{self.path / 'series.csv'} has no metric '{name}' (it has: {have})")
        return rows.sort_values(["point", "step"])

    def point_label(self, point: int) -> str:
        """A short legend label for a point: its parameter values, or "point N"."""
        if not self.parameters:
            return self.name if len(self.points) <= 1 else f"point {point}"
        row = self.points.loc[self.points["point"] == point]
        if row.empty:
            return f"point {point}"
        parts = [f"{p.split('.')[-1]}={_fmt(row.iloc[0][p])}" for p in self.parameters]
        return ", ".join(parts)


def load_run(run_dir) -> Run:
    """Load a fundsim result folder (a run, or a merged shard folder).

    Args:
        run_dir: path to the folder holding points.csv, worlds.csv, ...; or
            the results of ``fundsim.run(...)`` (the Python module), or a Run.
    Returns:
        a :class:`Run` whose tables carry the sweep parameters on every row
        that has a ``point``.
    Raises:
        FileNotFoundError: the folder or one of its required files is missing.
    Warns when the manifest says the run is ``partial`` (an unfinished shard).
    """
    if isinstance(run_dir, Run):
        return run_dir
    if hasattr(run_dir, "tables") and hasattr(run_dir, "manifest"):
        return _from_module_results(run_dir)
    path = Path(run_dir)
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no such result folder (run `fundsim run CONFIG --out {path}` first)")
    manifest = _read_manifest(path)
    if manifest.get("status") == "partial":
        warnings.warn(f"{path}: manifest status is 'partial' — results cover only part of the work "
                      "(finish it with `fundsim run ... --resume` or merge the shards)")
    points = _read_csv(path, "points.csv")
    parameters = tuple(c for c in points.columns if c != "point")
    tables = {name: _with_parameters(_read_csv(path, f"{name}.csv"), points, parameters)
              for name in ("worlds", "series", "governments")}
    trajectories = None
    if (path / "trajectories.csv").is_file():
        trajectories = _with_parameters(_read_csv(path, "trajectories.csv"), points, parameters)
    return Run(path=path, manifest=manifest, points=points, trajectories=trajectories,
               parameters=parameters, **tables)


def _from_module_results(results) -> Run:
    """A Run from ``fundsim.run``'s Results: the same tables load_run reads from files."""
    tables = {name: frame.copy() for name, frame in results.tables().items()}
    for frame in tables.values():
        for column in ("status", "metric"):
            if column in frame.columns:
                frame[column] = frame[column].astype("category")
    points = tables.pop("points")
    parameters = tuple(c for c in points.columns if c != "point")
    merged = {name: _with_parameters(frame, points, parameters) for name, frame in tables.items()}
    name = results.manifest.get("name") or "fundsim-run"
    path = Path(results.dir) if results.dir is not None else Path(str(name))
    return Run(path=path, manifest=dict(results.manifest), points=points, parameters=parameters, **merged)


def validate_run(run_dir) -> List[str]:
    """Check a result folder against the SPEC §6 contract.

    Reads every CSV with ``pandas.read_csv`` and no options, and checks the
    required columns are present, that they are numeric (except the text
    columns ``metric``, ``government``, ``status``), and that series.csv has
    every required metric. Returns a list of problems; empty means valid.
    """
    path = Path(run_dir)
    problems: List[str] = []
    for name, required in REQUIRED_COLUMNS.items():
        file = path / name
        if not file.is_file():
            if name != "trajectories.csv":
                problems.append(f"{file}: missing")
            continue
        try:
            frame = pd.read_csv(file)
        except Exception as error:  # noqa: BLE001 — any parser failure is a finding
            problems.append(f"{file}: pandas.read_csv failed: {error}")
            continue
        problems += _check_columns(file, frame, required)
        if name == "series.csv" and "metric" in frame.columns:
            missing = [m for m in REQUIRED_METRICS if m not in set(frame["metric"])]
            if missing:
                problems.append(f"{file}: missing metrics {', '.join(missing)}")
    if not (path / "manifest.json").is_file():
        problems.append(f"{path / 'manifest.json'}: missing")
    return problems


def manifest_value(manifest: Dict[str, Any], key: str) -> Any:
    """Find ``key`` in the manifest or its resolved experiment.

    Looks at the top level, then under ``experiment`` / ``resolved_experiment``
    / ``resolved`` / ``config`` and their ``experiment`` section. Returns None
    when absent.
    """
    for container in _manifest_sections(manifest):
        if key in container:
            return container[key]
    return None


def founders(run: Run) -> List[str]:
    """Founding governments: from governments.csv ``is_founder`` if present,
    else the resolved experiment's ``fund.founders`` map; [] when unknown
    (for example with ``founders: {random: K}``)."""
    flag = next((c for c in ("is_founder", "founder") if c in run.governments.columns), None)
    if flag is not None:
        gov = run.government_column
        share = run.governments.groupby(gov)[flag].mean()
        return sorted(share[share > 0.5].index.astype(str))
    fund = manifest_value(run.manifest, "fund")
    names = fund.get("founders") if isinstance(fund, dict) else None
    if isinstance(names, dict) and "random" not in names:
        return sorted(str(k) for k in names)
    if isinstance(names, list):  # [{id: USA, share: 0.5}, ...] or [USA, JPN]
        return sorted(str(n.get("id")) if isinstance(n, dict) else str(n) for n in names)
    return []


def _manifest_sections(manifest: Dict[str, Any]):
    """The manifest dicts that may hold experiment keys, outermost first."""
    seen = [manifest]
    for key in ("experiment", "resolved_experiment", "resolved", "config"):
        inner = manifest.get(key)
        if isinstance(inner, dict):
            seen.append(inner)
            nested = inner.get("experiment")
            if isinstance(nested, dict):
                seen.append(nested)
    return seen


def _read_manifest(path: Path) -> Dict[str, Any]:
    file = path / "manifest.json"
    if not file.is_file():
        warnings.warn(f"{file}: missing; experiment name and months per step take defaults")
        return {}
    with open(file, encoding="utf-8") as handle:
        return json.load(handle)


def _read_csv(path: Path, name: str) -> pd.DataFrame:
    file = path / name
    if not file.is_file():
        raise FileNotFoundError(f"{file}: missing — is {path} a complete fundsim result folder?")
    frame = pd.read_csv(file)
    for column in ("status", "metric"):
        if column in frame.columns:
            frame[column] = frame[column].astype("category")
    return frame


def _with_parameters(frame: pd.DataFrame, points: pd.DataFrame,
                     parameters: Sequence[str]) -> pd.DataFrame:
    """Left-join the sweep parameters onto ``frame`` by ``point`` (row order kept)."""
    if "point" not in frame.columns or not parameters:
        return frame
    new = [p for p in parameters if p not in frame.columns]
    if not new:
        return frame
    return frame.merge(points[["point", *new]], on="point", how="left", validate="many_to_one")


def _check_columns(file: Path, frame: pd.DataFrame, required: Sequence[str]) -> List[str]:
    problems = []
    missing = [c for c in required if c not in frame.columns]
    if missing:
        problems.append(f"{file}: missing columns {', '.join(missing)}")
    if file.name == "governments.csv" and not any(c in frame.columns for c in GOVERNMENT_ID_COLUMNS):
        problems.append(f"{file}: no government id column ({', '.join(GOVERNMENT_ID_COLUMNS)})")
    for column in required:
        if column in frame.columns and column not in TEXT_COLUMNS \
                and not pd.api.types.is_numeric_dtype(frame[column]):
            problems.append(f"{file}: column '{column}' is not numeric (dtype {frame[column].dtype})")
    return problems


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
