"""Tests of analysis/fundsim_analysis and analysis/report.py on a synthetic
result folder with exactly the required columns (2 points sweeping
fund.max_leverage, 3 worlds, 4 steps). Run with

    MPLBACKEND=Agg PYTHONPATH=analysis /usr/bin/python3 -m unittest discover -s tests/python
"""

import json
import subprocess
import sys
import tempfile
import unittest
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "analysis"))
import fundsim_analysis as fa  # noqa: E402

METRICS = ["members", "adoption", "joins", "exits", "fund_equity", "fund_debt", "fund_assets",
           "leverage", "lp_capital", "projects_financed", "deals_closed", "talks_broken",
           "revenue_total", "revenue_tax_counterfactual", "avg_tariff"]
GOVERNMENTS = ["USA", "JPN", "DEU", "GBR", "KOR"]
FOUNDERS = ["USA", "JPN"]
STAT_COLUMNS = ["n", "mean", "sd", "min", "p05", "p25", "p50", "p75", "p95", "max"]


def write_synthetic_run(folder: Path, leverages=(2.0, 4.0), worlds=3, steps=4,
                        months_per_step=1) -> Path:
    """Write a small but complete fundsim result folder; returns it."""
    rng = np.random.default_rng(7)
    folder.mkdir(parents=True, exist_ok=True)
    swept = leverages is not None
    points = pd.DataFrame({"point": range(len(leverages) if swept else 1)})
    if swept:
        points["fund.max_leverage"] = list(leverages)
    manifest = {"fundsim_version": "0.1.0", "status": "complete", "seed": 1, "worlds": worlds,
                "steps": steps, "points": len(points),
                "experiment": {"experiment": {"name": "synthetic", "months_per_step": months_per_step},
                               "fund": {"founders": {"USA": 0.5, "JPN": 0.5}}}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    points.to_csv(folder / "points.csv", index=False)
    world_rows, series_rows, gov_rows, traj_rows = [], [], [], []
    for point in points["point"]:
        values = rng.random((worlds, steps + 1, len(METRICS))) * (10 + point)
        for world in range(worlds):
            members = 2 + int(rng.integers(0, 4))
            world_rows.append({"point": point, "world": world, "members_final": members,
                               "adoption_final": members / len(GOVERNMENTS),
                               "first_join_step": "" if members == 2 else int(rng.integers(1, steps + 1)),
                               "fund_equity_final": float(values[world, -1, 4])})
            for step in range(steps + 1):
                for gi, gov in enumerate(GOVERNMENTS):
                    traj_rows.append({"point": point, "world": world, "step": step, "government": gov,
                                      "status": "member" if gi < 2 else "outside", "stake": 1.5 * (gi < 2),
                                      "tariff_faced": 0.1, "revenue_usd_bn": 0.01 * step})
        for step in range(steps + 1):
            for mi, metric in enumerate(METRICS):
                v = values[:, step, mi]
                q = np.quantile(v, [0.05, 0.25, 0.5, 0.75, 0.95])
                series_rows.append(dict(zip(["point", "step", "metric"] + STAT_COLUMNS,
                                            [point, step, metric, worlds, v.mean(), v.std(ddof=1),
                                             v.min(), *q, v.max()])))
        for gi, gov in enumerate(GOVERNMENTS):
            p = 1.0 if gov in FOUNDERS else [0.9, 0.4, 0.0][gi - 2] / (1 + point)
            gov_rows.append({"point": point, "government": gov, "p_member_final": p, "p_joined": p,
                             "mean_join_step": "" if p in (0.0, 1.0) else 1.5 + gi,
                             "mean_stake_usd_bn": 1.0, "mean_revenue_usd_bn": 0.2})
    pd.DataFrame(world_rows).to_csv(folder / "worlds.csv", index=False)
    pd.DataFrame(series_rows).to_csv(folder / "series.csv", index=False)
    pd.DataFrame(gov_rows).to_csv(folder / "governments.csv", index=False)
    pd.DataFrame(traj_rows).to_csv(folder / "trajectories.csv", index=False)
    return folder


class AnalysisTest(unittest.TestCase):
    """load_run, validate_run and the plot functions on a synthetic sweep."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.sweep_dir = write_synthetic_run(Path(cls.tmp.name) / "sweep", months_per_step=3)
        cls.single_dir = write_synthetic_run(Path(cls.tmp.name) / "single", leverages=None)
        cls.sweep = fa.load_run(cls.sweep_dir)
        cls.single = fa.load_run(cls.single_dir)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_load_run_merges_parameters_onto_every_table(self):
        self.assertEqual(self.sweep.parameters, ("fund.max_leverage",))
        for name in ("worlds", "series", "governments", "trajectories"):
            table = getattr(self.sweep, name)
            self.assertIn("fund.max_leverage", table.columns, name)
            expected = table["point"].map({0: 2.0, 1: 4.0})
            self.assertTrue((table["fund.max_leverage"] == expected).all(), name)
        raw = pd.read_csv(self.sweep_dir / "series.csv")
        self.assertEqual(len(self.sweep.series), len(raw))  # the merge adds no rows

    def test_load_run_reads_manifest_fields(self):
        self.assertEqual(self.sweep.name, "synthetic")
        self.assertEqual(self.sweep.months_per_step, 3)
        self.assertEqual(self.sweep.steps, 4)
        self.assertEqual(self.sweep.worlds_per_point, 3)
        self.assertEqual(self.single.parameters, ())
        self.assertIsInstance(self.sweep.manifest, dict)

    def test_missing_trajectories_give_none(self):
        folder = write_synthetic_run(Path(self.tmp.name) / "no_traj")
        (folder / "trajectories.csv").unlink()
        self.assertIsNone(fa.load_run(folder).trajectories)

    def test_missing_folder_and_partial_status_are_reported(self):
        with self.assertRaises(FileNotFoundError):
            fa.load_run(Path(self.tmp.name) / "nowhere")
        folder = write_synthetic_run(Path(self.tmp.name) / "partial")
        manifest = json.loads((folder / "manifest.json").read_text())
        manifest["status"] = "partial"
        (folder / "manifest.json").write_text(json.dumps(manifest))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fa.load_run(folder)
        self.assertTrue(any("partial" in str(w.message) for w in caught))

    def test_every_csv_reads_plainly_with_numeric_columns(self):
        for name in ("points", "worlds", "series", "governments", "trajectories"):
            frame = pd.read_csv(self.sweep_dir / f"{name}.csv")
            for column in frame.columns:
                if column not in ("metric", "government", "status"):
                    self.assertTrue(pd.api.types.is_numeric_dtype(frame[column]), f"{name}.{column}")
        self.assertEqual(fa.validate_run(self.sweep_dir), [])
        self.assertTrue(self.sweep.worlds["first_join_step"].isna().any())  # empty cell = missing

    def test_validate_run_flags_a_broken_file(self):
        folder = write_synthetic_run(Path(self.tmp.name) / "broken")
        worlds = pd.read_csv(folder / "worlds.csv")
        worlds["members_final"] = worlds["members_final"].map(lambda v: f"{v},000")  # "2,000": a thousands separator
        worlds.drop(columns=["first_join_step"]).to_csv(folder / "worlds.csv", index=False)
        problems = "\n".join(fa.validate_run(folder))
        self.assertIn("members_final", problems)
        self.assertIn("first_join_step", problems)

    def assert_labelled(self, fig):
        self.assertIsInstance(fig, Figure)
        axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
        self.assertTrue(axes)
        has_legend = bool(fig.legends) or any(ax.get_legend() is not None for ax in axes)
        for ax in axes:
            self.assertTrue(ax.get_xlabel(), ax.get_title())
            self.assertTrue(ax.get_ylabel() or ax.get_shared_y_axes().get_siblings(ax) != [ax],
                            ax.get_title())
            self.assertTrue(ax.get_title() or fig.get_suptitle())
            if len(ax.get_lines()) > 1 or len(ax.containers) > 1:
                self.assertTrue(has_legend, ax.get_title())  # panels may share one legend

    def test_each_plot_returns_a_labelled_figure(self):
        for run in (self.sweep, self.single):
            for plot in (fa.adoption_curve, fa.join_probabilities, fa.join_timing, fa.fund_balance_sheet,
                         fa.revenue_vs_counterfactual):
                with self.subTest(plot=plot.__name__, run=run.path.name):
                    self.assert_labelled(plot(run))
        self.assert_labelled(fa.parameter_effect(self.sweep))
        self.assert_labelled(fa.parameter_effect(self.sweep, "fund.max_leverage"))

    def test_adoption_curve_without_start_date_is_in_steps(self):
        ax = fa.adoption_curve(self.sweep).axes[0]
        self.assertEqual(max(ax.get_lines()[0].get_xdata()), 4)
        self.assertIn("1 step = 3 months", ax.get_xlabel())
        self.assertEqual(len(ax.get_legend().get_texts()), 2)

    def test_start_date_gives_calendar_dates_and_events_are_marked(self):
        folder = write_synthetic_run(Path(self.tmp.name) / "dated", leverages=None, months_per_step=3)
        manifest = json.loads((folder / "manifest.json").read_text())
        manifest["experiment"]["experiment"]["start_date"] = "2025-04-01"
        manifest["experiment"]["events"] = [{"at": 0, "type": "tariff"},
                                            {"at": 2, "type": "summit", "name": "G7"},
                                            {"at": 2, "type": "trade_deal"}, {"at": 3, "type": "trade_deal"}]
        manifest["government_names"] = {"DEU": "Germany"}
        (folder / "manifest.json").write_text(json.dumps(manifest))
        run = fa.load_run(folder)
        ax = fa.adoption_curve(run).axes[0]
        mean_line = next(line for line in ax.get_lines() if line.get_label() == "synthetic")
        x = pd.to_datetime(np.asarray(mean_line.get_xdata()))
        self.assertEqual(x.min(), pd.Timestamp("2025-04-01"))
        self.assertEqual(x.max(), pd.Timestamp("2026-04-01"))  # step 4 x 3 months
        self.assertIn("step 0 = 01 Apr 2025", ax.get_xlabel())
        self.assertEqual(fa.calendar.scheduled_events(run), [(2, "G7, 1 deal"), (3, "1 deal")])
        labels = [t.get_text().strip() for t in ax.texts]
        self.assertEqual(labels, ["G7, 1 deal", "1 deal"])
        names = [t.get_text() for t in fa.join_probabilities(run).axes[0].get_yticklabels()]
        self.assertIn("Germany (DEU)", names)
        self.assertEqual(fa.calendar.step_text(run, 3), "Jan 2026")

    def test_join_table_has_wilson_intervals_and_first_joins(self):
        table = fa.join_table(self.single)
        self.assertEqual(list(table.index), ["DEU", "GBR", "KOR"])  # founders left out, most likely first
        p, n = table.loc["DEU", "p_member_final"], table.loc["DEU", "n_worlds"]
        self.assertEqual((p, n), (0.9, 3))
        low, high = fa.joins.wilson_interval(pd.Series([0.5]), pd.Series([100]))
        np.testing.assert_allclose([low[0], high[0]], [0.40383, 0.59617], atol=1e-5)
        # the synthetic trajectories never make DEU a member: no first-join rows
        self.assertTrue(np.isnan(table.loc["DEU"].get("first_join_p50", np.nan)))

    def test_fund_panels_apply_only_with_fund_activity(self):
        self.assertTrue(fa.has_fund_activity(self.single))
        folder = write_synthetic_run(Path(self.tmp.name) / "idle", leverages=None)
        series = pd.read_csv(folder / "series.csv")
        idle = series["metric"].isin(["projects_financed", "fund_debt", "lp_capital"])
        series.loc[idle, ["mean", "sd", "min", "p05", "p25", "p50", "p75", "p95", "max"]] = 0.0
        series.to_csv(folder / "series.csv", index=False)
        self.assertFalse(fa.has_fund_activity(fa.load_run(folder)))

    def test_join_probabilities_leaves_out_founders_and_ranks(self):
        ax = fa.join_probabilities(self.sweep, top=2).axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        self.assertEqual(labels, ["GBR", "DEU"])  # most likely at the top

    def test_parameter_effect_means_and_no_sweep_message(self):
        ax = fa.parameter_effect(self.sweep).axes[0]
        line = ax.containers[0].lines[0]  # the errorbar's data line
        expected = self.sweep.worlds.groupby("point")["adoption_final"].mean().to_numpy()
        np.testing.assert_allclose(np.asarray(line.get_ydata(), float), expected)
        np.testing.assert_allclose(np.asarray(line.get_xdata(), float), [2.0, 4.0])
        with self.assertRaisesRegex(ValueError, "no sweep"):
            fa.parameter_effect(self.single)
        with self.assertRaisesRegex(ValueError, "not swept"):
            fa.parameter_effect(self.sweep, "fund.initial_capital")


class ReportTest(unittest.TestCase):
    """analysis/report.py as a user runs it."""

    def run_report(self, run_dir: Path, out: Path):
        result = subprocess.run([sys.executable, str(ROOT / "analysis" / "report.py"), str(run_dir),
                                 "--out", str(out)], capture_output=True, text=True, check=False)
        self.assertEqual(result.returncode, 0, result.stderr)
        return (out / "summary.md").read_text(encoding="utf-8")

    def test_report_writes_every_png_and_summary(self):
        with tempfile.TemporaryDirectory() as tmp:
            run_dir = write_synthetic_run(Path(tmp) / "sweep")
            summary = self.run_report(run_dir, Path(tmp) / "report")
            for stem in ("adoption_curve", "join_probabilities", "join_timing", "fund_balance_sheet",
                         "revenue_vs_counterfactual", "parameter_effect"):
                png = Path(tmp) / "report" / f"{stem}.png"
                self.assertTrue(png.is_file() and png.read_bytes()[:4] == b"\x89PNG", stem)
                self.assertIn(f"]({stem}.png)", summary)
            self.assertIn("# synthetic", summary)
            self.assertIn("GBR", summary)
            self.assertNotIn("| USA", summary)  # founders are not "joiners"
            self.assertIn("## Who joins, and when", summary)
            self.assertIn("fundsim compare", summary)
            page = (Path(tmp) / "report" / "report.html").read_text(encoding="utf-8")
            self.assertIn('<img src="join_timing.png"', page)
            self.assertIn("<table>", page)

    def test_report_without_sweep_skips_parameter_effect(self):
        with tempfile.TemporaryDirectory() as tmp:
            run_dir = write_synthetic_run(Path(tmp) / "single", leverages=None)
            summary = self.run_report(run_dir, Path(tmp) / "report")
            self.assertFalse((Path(tmp) / "report" / "parameter_effect.png").exists())
            self.assertTrue((Path(tmp) / "report" / "adoption_curve.png").is_file())
            self.assertIn("parameter-effect plot is skipped", summary)

    def test_report_on_missing_folder_exits_2(self):
        result = subprocess.run([sys.executable, str(ROOT / "analysis" / "report.py"), "/nonexistent/run"],
                                capture_output=True, text=True, check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("no such result folder", result.stderr)


class NotebookTest(unittest.TestCase):
    """analysis/quickstart.ipynb as committed, and the checker of executed copies."""

    def setUp(self):
        with open(ROOT / "analysis" / "quickstart.ipynb", encoding="utf-8") as handle:
            self.notebook = json.load(handle)

    def test_notebook_is_nbformat4_without_outputs(self):
        self.assertEqual(self.notebook["nbformat"], 4)
        code = [c for c in self.notebook["cells"] if c["cell_type"] == "code"]
        self.assertTrue(code)
        for cell in code:
            self.assertEqual(cell["outputs"], [])
            self.assertIsNone(cell["execution_count"])
        source = "".join("".join(c["source"]) for c in code)
        for plot in ("adoption_curve", "join_probabilities", "fund_balance_sheet",
                     "revenue_vs_counterfactual", "parameter_effect"):
            self.assertIn(f"fa.{plot}(", source)
        self.assertIn("fundsim.run(", source)  # the notebook runs through the Python module
        self.assertIn("FUNDSIM_ROOT", source)

    def test_check_notebook_flags_unexecuted_and_failed_cells(self):
        sys.path.insert(0, str(ROOT / "tests" / "python"))
        from check_notebook import problems
        self.assertTrue(any("not executed" in p for p in problems(self.notebook, 4)))
        executed = json.loads(json.dumps(self.notebook))
        code = [c for c in executed["cells"] if c["cell_type"] == "code"]
        for count, cell in enumerate(code, 1):
            cell["execution_count"] = count
            cell["outputs"] = [{"output_type": "display_data", "data": {"image/png": "iVBOR"}}]
        self.assertEqual(problems(executed, 4), [])
        code[0]["outputs"] = [{"output_type": "error", "ename": "RuntimeError", "evalue": "boom"}]
        self.assertTrue(any("boom" in p for p in problems(executed, len(code))))


if __name__ == "__main__":
    unittest.main()
