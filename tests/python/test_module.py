"""The Python module `fundsim` (SPEC §13, issue 15): its DataFrames equal the
CSV files the program writes for the same run; overrides, dict experiments,
located ConfigErrors, Ctrl-C and resume; the analysis package takes its results.

    PYTHONPATH=build/python:analysis FUNDSIM_BIN=build/fundsim FUNDSIM_ROOT=. \\
        /usr/bin/python3 -m unittest tests/python/test_module.py

With FUNDSIM_INSTALLED_ONLY=1 (the install test) only the first case runs,
against whatever `fundsim` PYTHONPATH finds (the installed package).
"""
import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

import pandas as pd

import fundsim

ROOT = Path(os.environ.get("FUNDSIM_ROOT", Path(__file__).resolve().parents[2]))
BIN = os.environ.get("FUNDSIM_BIN", str(ROOT / "build" / "fundsim"))
CONFIG = ROOT / "configs" / "us_japan_fund.yaml"
TABLES = ("points", "worlds", "series", "governments", "trajectories")


def run_program(*args):
    return subprocess.run([BIN, "run", *map(str, args), "--quiet"], check=True, capture_output=True, text=True)


class ModuleEqualsProgram(unittest.TestCase):
    def test_default_200_worlds_dataframes_equal_the_csv_files(self):
        if os.environ.get("FUNDSIM_INSTALLED_ONLY"):  # imported from the install prefix, not the tree
            self.assertTrue(fundsim.__file__.startswith(os.environ["PYTHONPATH"]), fundsim.__file__)
        with tempfile.TemporaryDirectory() as tmp:
            run_program(CONFIG, "--worlds", 200, "--threads", 2, "--out", Path(tmp) / "cli")
            results = fundsim.run(str(CONFIG), worlds=200, threads=3, out=Path(tmp) / "py", progress=False)
            self.assertEqual(results.manifest["status"], "complete")
            for name in TABLES:
                with self.subTest(table=name):
                    file = Path(tmp) / "cli" / f"{name}.csv"
                    exact = pd.read_csv(file, float_precision="round_trip")
                    pd.testing.assert_frame_equal(getattr(results, name), exact, check_exact=True)
                    # pandas' default (fast) float parser: equal within its last-place error.
                    pd.testing.assert_frame_equal(getattr(results, name), pd.read_csv(file), rtol=1e-15)
                    self.assertEqual((Path(tmp) / "py" / f"{name}.csv").read_bytes(),
                                     (Path(tmp) / "cli" / f"{name}.csv").read_bytes())
            # out=None: the same tables, no folder left behind.
            again = fundsim.run(CONFIG, worlds=200, progress=False)
            self.assertIsNone(again.dir)
            pd.testing.assert_frame_equal(again.series, results.series, check_exact=True)


@unittest.skipIf(os.environ.get("FUNDSIM_INSTALLED_ONLY"), "install test: first case only")
class ModuleFeatures(unittest.TestCase):
    def test_overrides_and_dict_experiments_equal_the_file_with_set(self):
        with tempfile.TemporaryDirectory() as tmp:
            run_program(CONFIG, "--worlds", 60, "--set", "fund.max_leverage=3", "--set", "behavior.bass.q=0.3",
                        "--out", Path(tmp) / "cli")
            expected = pd.read_csv(Path(tmp) / "cli" / "worlds.csv", float_precision="round_trip")
            by_set = fundsim.run(CONFIG, worlds=60, set={"fund.max_leverage": 3, "behavior.bass.q": 0.3},
                                 progress=False)
            pd.testing.assert_frame_equal(by_set.worlds, expected, check_exact=True)
            as_dict = {"include": "us_japan_fund.yaml", "fund": {"max_leverage": 3},
                       "behavior": {"bass": {"q": 0.3}}}
            by_dict = fundsim.run(as_dict, worlds=60, base_dir=CONFIG.parent, progress=False)
            self.assertEqual(by_dict.worlds.shape, expected.shape)
            self.assertEqual(list(CONFIG.parent.glob(".fundsim-*")), [])  # the temporary file is gone

    def test_validate_raises_a_located_config_error(self):
        self.assertEqual(fundsim.validate(CONFIG)["points"], 1)
        with tempfile.TemporaryDirectory() as tmp:
            bad = Path(tmp) / "bad.yaml"
            bad.write_text(textwrap.dedent(f"""\
                include: {CONFIG}
                fund:
                  max_leverage: 0.5
                """))
            with self.assertRaises(fundsim.ConfigError) as caught:
                fundsim.validate(bad)
            e = caught.exception
            self.assertEqual((e.file, e.line, e.column, e.key_path), (str(bad), 3, 17, "fund.max_leverage"))
            self.assertIn("expected", e.reason)
            self.assertIsInstance(e, ValueError)
            with self.assertRaises(fundsim.ConfigError) as caught:
                fundsim.run(CONFIG, set={"fund.max_levrage": 3}, progress=False)
            self.assertEqual(caught.exception.key_path, "fund.max_levrage")
            self.assertIn("did you mean", str(caught.exception))
            with self.assertRaises(fundsim.ConfigError) as caught:
                fundsim.validate({"include": str(CONFIG), "experiment": {"worlds": -1}})
            self.assertEqual((caught.exception.file, caught.exception.key_path), ("<dict>", "experiment.worlds"))

    def test_ctrl_c_stops_cleanly_and_resume_completes(self):
        # A child Python sends itself SIGINT once the first block is on disk.
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "run"
            child = textwrap.dedent(f"""\
                import os, signal, threading, time
                from pathlib import Path
                import fundsim
                def interrupt():
                    while not list(Path({str(out)!r}, ".blocks").glob("*.bin")):
                        time.sleep(0.01)
                    os.kill(os.getpid(), signal.SIGINT)
                threading.Thread(target=interrupt, daemon=True).start()
                try:
                    fundsim.run({str(CONFIG)!r}, worlds=6000, threads=1, out={str(out)!r})
                    print("completed")
                except KeyboardInterrupt:
                    print("interrupted")
                """)
            done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                                  env=dict(os.environ), timeout=600)
            self.assertEqual(done.stdout.strip(), "interrupted", done.stderr)
            manifest = json.loads((out / "manifest.json").read_text())
            self.assertTrue(manifest["message"].startswith("interrupted"))
            resumed = fundsim.run(CONFIG, worlds=6000, out=out, resume=True, progress=False)
            run_program(CONFIG, "--worlds", 6000, "--out", Path(tmp) / "whole")
            for name in TABLES:
                self.assertEqual((out / f"{name}.csv").read_bytes(),
                                 (Path(tmp) / "whole" / f"{name}.csv").read_bytes(), name)
            self.assertEqual(resumed.ending, "complete")

    @unittest.skipIf(importlib.util.find_spec("h5py") is None, "h5py (python3-h5py) not installed")
    def test_hdf5_results_equal_the_csv_run_value_for_value(self):
        import h5py
        with tempfile.TemporaryDirectory() as tmp:
            try:
                run_program(CONFIG, "--worlds", 300, "--set", "experiment.output.format=hdf5", "--out",
                            Path(tmp) / "h5")
            except subprocess.CalledProcessError as e:
                if "not built into this fundsim" in e.stderr:
                    self.skipTest("fundsim built without HDF5")
                raise
            run_program(CONFIG, "--worlds", 300, "--out", Path(tmp) / "csv")
            self.assertEqual(sorted(p.name for p in (Path(tmp) / "h5").iterdir()), ["manifest.json", "results.h5"])
            from_h5 = fundsim.read_hdf5_tables(Path(tmp) / "h5" / "results.h5")
            for name in TABLES:
                with self.subTest(table=name):
                    exact = pd.read_csv(Path(tmp) / "csv" / f"{name}.csv", float_precision="round_trip")
                    pd.testing.assert_frame_equal(from_h5[name], exact, check_exact=True)
            with h5py.File(Path(tmp) / "h5" / "results.h5", "r") as f:
                manifest = json.loads((Path(tmp) / "h5" / "manifest.json").read_text())
                self.assertEqual(f.attrs["experiment_hash"], manifest["experiment_hash"])
                self.assertGreater(f["trajectories"]["stake"].compression_opts, 0)  # compressed

    def test_analysis_takes_a_folder_or_the_module_results(self):
        import fundsim_analysis as fa
        import matplotlib
        matplotlib.use("Agg")
        with tempfile.TemporaryDirectory() as tmp:
            results = fundsim.run(CONFIG, worlds=40, out=Path(tmp) / "r", progress=False)
            from_results = fa.load_run(results)
            from_folder = fa.load_run(Path(tmp) / "r")
            pd.testing.assert_frame_equal(from_results.worlds, from_folder.worlds)
            self.assertIsNotNone(fa.adoption_curve(results))
            in_memory = fundsim.run(CONFIG, worlds=40, progress=False)  # no folder at all
            self.assertIsNotNone(fa.adoption_curve(in_memory))


if __name__ == "__main__":
    unittest.main()
