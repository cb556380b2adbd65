"""fundsim.run and fundsim.validate: the engine API with DataFrames, dicts and progress."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple, Union

import pandas as pd

from . import _core
from .errors import translate

#: The result tables, in the order the run writes them (SPEC §6).
TABLES: Tuple[str, ...] = ("points", "worlds", "series", "governments", "trajectories")

Experiment = Union[str, os.PathLike, Mapping[str, Any]]


@dataclass(frozen=True)
class Results:
    """The result tables of a run, each a DataFrame equal to
    ``pandas.read_csv(file, float_precision="round_trip")`` of the file the
    program writes (``points.csv``, ``worlds.csv``, ...): the exact doubles
    of the run (pandas' default parser can be one unit in the last place off).

    Attributes:
        points, worlds, series, governments, trajectories: the tables.
        manifest: ``manifest.json`` as a dict.
        dir: the results folder, or None when the run wrote to a temporary one.
        ending: ``"complete"``, or ``"already_complete"`` for a resume of a finished run.
    """

    points: pd.DataFrame
    worlds: pd.DataFrame
    series: pd.DataFrame
    governments: pd.DataFrame
    trajectories: pd.DataFrame
    manifest: Dict[str, Any]
    dir: Optional[Path]
    ending: str = "complete"

    def tables(self) -> Dict[str, pd.DataFrame]:
        """The five tables by name (``"worlds"`` -> DataFrame)."""
        return {name: getattr(self, name) for name in TABLES}


def read_results(folder: Union[str, os.PathLike], keep_dir: bool = True, ending: str = "complete") -> Results:
    """The Results of a finished results folder (written by the program or by
    run): its CSV files, or its ``results.h5`` (``experiment.output.format:
    hdf5``, read with h5py) as the same DataFrames."""
    folder = Path(folder)
    if (folder / "results.h5").is_file():
        tables = read_hdf5_tables(folder / "results.h5")
    else:
        tables = {name: pd.read_csv(folder / f"{name}.csv", float_precision="round_trip") for name in TABLES}
    manifest = json.loads((folder / "manifest.json").read_text())
    return Results(manifest=manifest, dir=folder if keep_dir else None, ending=ending, **tables)


def read_hdf5_tables(path: Union[str, os.PathLike]) -> Dict[str, pd.DataFrame]:
    """The tables of a ``results.h5`` as DataFrames equal to ``pandas.read_csv``
    (``float_precision="round_trip"``) of the CSV run: text that reads as numbers becomes numbers, and real
    columns holding only whole numbers become int64, as read_csv infers them."""
    import h5py  # Debian's python3-h5py; only needed for HDF5 results

    tables = {}
    with h5py.File(path, "r") as f:
        for name in TABLES:
            group = f[name]
            columns = [c.decode() if isinstance(c, bytes) else str(c) for c in group.attrs["columns"]]
            tables[name] = pd.DataFrame({c: _as_read_csv_would(group[c][()]) for c in columns}, columns=columns)
    return tables


def _as_read_csv_would(values) -> pd.Series:
    """One HDF5 column with the dtype read_csv gives the same CSV column."""
    series = pd.Series(values)
    if series.dtype == object:  # UTF-8 strings
        series = series.map(lambda v: v.decode() if isinstance(v, bytes) else v)
        numeric = pd.to_numeric(series, errors="coerce")
        return numeric if not numeric.isna().any() and len(series) else series
    if series.dtype.kind == "f" and len(series) and series.notna().all():
        whole = (series % 1 == 0) & (series.abs() < 1e15)
        if whole.all():
            return series.astype("int64")
    return series


def run(experiment: Experiment, worlds: Optional[int] = None, threads: Optional[int] = None,
        set: Optional[Mapping[str, Any]] = None, out: Optional[Union[str, os.PathLike]] = None, *,
        force: bool = False, resume: bool = False, force_size: bool = False, progress: bool = True,
        base_dir: Optional[Union[str, os.PathLike]] = None) -> Results:
    """Runs an experiment and returns its result tables.

    Args:
        experiment: an experiment file path, or a dict with the file's content.
        worlds: worlds per point (replaces ``experiment.worlds``).
        threads: worker threads (default: all cores).
        set: overrides, ``{"fund.max_leverage": 4}`` (like ``--set``).
        out: the results folder to keep (default: a temporary folder, removed).
        force: replace an existing results folder ``out`` (like ``--force``).
        resume: continue an interrupted run in ``out`` (like ``--resume``).
        force_size: write results estimated above the 500 MB limit.
        progress: show a tqdm progress bar when tqdm is installed.
        base_dir: where a dict's relative paths resolve (default: the current folder).

    Raises:
        fundsim.ConfigError: bad input (file, line, column, key_path); nothing written.
        KeyboardInterrupt: Ctrl-C; finished blocks stay in ``out`` for ``resume=True``.
    """
    if force and resume:
        raise ValueError("force and resume exclude each other; pick one")
    folder = "force" if force else "resume" if resume else "fresh"
    with _experiment_file(experiment, base_dir) as (file, temp_file):
        temp_out = None if out is not None else tempfile.mkdtemp(prefix="fundsim-run-")
        target = str(out) if out is not None else os.path.join(temp_out, "results")
        try:
            with _progress_bar(progress) as on_progress:
                try:
                    done = _core.run(file, _overrides(set), worlds, threads, target, folder, force_size,
                                     _command_line(experiment, worlds, threads, set), on_progress)
                except (_core.ConfigError, _core.ModelError, _core.IoError) as e:
                    raise translate(e, temp_file) from None
            return read_results(done["dir"], keep_dir=out is not None, ending=done["ending"])
        finally:
            if temp_out is not None:
                shutil.rmtree(temp_out, ignore_errors=True)


def validate(experiment: Experiment, set: Optional[Mapping[str, Any]] = None,
             base_dir: Optional[Union[str, os.PathLike]] = None) -> Dict[str, int]:
    """Checks an experiment (file or dict) and every sweep point; writes nothing.

    Returns ``{"points": P, "worlds": W}`` (W: worlds in all). Raises
    fundsim.ConfigError with ``file``, ``line``, ``column`` and ``key_path``.
    """
    with _experiment_file(experiment, base_dir) as (file, temp_file):
        try:
            points, worlds = _core.validate(file, _overrides(set))
        except _core.ConfigError as e:
            raise translate(e, temp_file) from None
    return {"points": points, "worlds": worlds}


def _overrides(values: Optional[Mapping[str, Any]]) -> List[Tuple[str, str]]:
    """``{"a.b": 4}`` as the engine's (path, YAML scalar text) pairs."""
    pairs = []
    for key, value in (values or {}).items():
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, (list, tuple, dict)):
            text = json.dumps(value)  # JSON is YAML flow syntax
        else:
            text = str(value)
        pairs.append((str(key), text))
    return pairs


@contextlib.contextmanager
def _experiment_file(experiment: Experiment, base_dir) -> Iterator[Tuple[str, Optional[str]]]:
    """Yields (path, temporary file or None). A dict is written as YAML (indented
    JSON, so errors have lines) next to ``base_dir`` so its relative paths work."""
    if not isinstance(experiment, Mapping):
        yield os.fspath(experiment), None
        return
    folder = Path(base_dir) if base_dir is not None else Path.cwd()
    text = json.dumps(experiment, indent=2) + "\n"
    try:
        handle = tempfile.NamedTemporaryFile("w", suffix=".yaml", prefix=".fundsim-", dir=folder, delete=False)
    except OSError:  # a read-only folder: relative paths must then be absolute
        handle = tempfile.NamedTemporaryFile("w", suffix=".yaml", prefix="fundsim-", delete=False)
    try:
        with handle:
            handle.write(text)
        yield handle.name, handle.name
    finally:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)


def _command_line(experiment, worlds, threads, values) -> str:
    """What the manifest records as the command line of a Python run."""
    what = "<dict>" if isinstance(experiment, Mapping) else os.fspath(experiment)
    return f"fundsim.run({what!r}, worlds={worlds!r}, threads={threads!r}, set={dict(values or {})!r})"


@contextlib.contextmanager
def _progress_bar(enabled: bool):
    """Yields the engine's progress callback: a tqdm bar (a notebook widget
    when ipywidgets is there), or None without tqdm or when disabled."""
    bar_class = _tqdm_class() if enabled else None
    if bar_class is None:
        yield None
        return
    bar = bar_class(total=0, unit="worlds", desc="fundsim", mininterval=0.25, leave=True)

    def on_progress(phase: str, done: int, total: int) -> None:
        if bar.total != total:
            bar.total = total
        if phase == "writing":
            bar.set_description("fundsim: writing the CSV files", refresh=False)
        bar.update(done - bar.n)

    try:
        yield on_progress
    finally:
        bar.close()


def _tqdm_class():
    try:
        from tqdm.std import tqdm
    except ImportError:
        return None
    if "ipykernel" in sys.modules:
        try:
            import ipywidgets  # noqa: F401  (tqdm.notebook needs it)
            from tqdm.notebook import tqdm as notebook_tqdm
            return notebook_tqdm
        except ImportError:
            pass
    return tqdm
