"""fundsim from Python: run an experiment, get its result tables as DataFrames.

    import fundsim
    results = fundsim.run("configs/us_japan_fund.yaml", worlds=200, threads=4,
                          set={"fund.max_leverage": 4})
    results.worlds.head()            # worlds.csv as a pandas DataFrame
    results.series                   # series.csv; also points, governments, trajectories
    fundsim.validate("my.yaml")      # raises fundsim.ConfigError(file, line, column, key_path)

The experiment is a file path or a dict (the YAML file's content; a relative
``include`` or data path in a dict resolves against ``base_dir``, default the
current folder). The tables are read back from the files the run writes, so
they are identical to the program's CSVs; with ``out=None`` those files go to
a temporary folder that is removed afterwards. The GIL is released while the
worlds run; progress shows with tqdm when it is installed; Ctrl-C (or a
notebook's interrupt) stops the run after the blocks in flight and raises
KeyboardInterrupt.
"""

from __future__ import annotations

from .errors import ConfigError, IoError, ModelError
from .runner import Results, read_hdf5_tables, read_results, run, validate
from ._core import __version__

__all__ = ["run", "validate", "Results", "read_results", "read_hdf5_tables", "ConfigError", "ModelError", "IoError", "__version__"]
