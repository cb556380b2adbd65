"""`fundsim compare` (SPEC §12): its paired differences, standard errors and
intervals equal those computed with pandas and scipy from the two runs'
worlds.csv; per-government rows match governments.csv and trajectories.csv;
runs that are not comparable are refused with exit 2 and one line.

    FUNDSIM_BIN=build/fundsim FUNDSIM_ROOT=. /usr/bin/python3 -m unittest tests/python/test_compare.py
"""
import os
import subprocess
import tempfile
import unittest

import numpy as np
import pandas as pd
from scipy import stats

ROOT = os.environ.get("FUNDSIM_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("FUNDSIM_BIN", os.path.join(ROOT, "build", "fundsim"))
CONFIG = os.path.join(ROOT, "configs", "us_japan_fund.yaml")


def fundsim(*args, check=True):
    return subprocess.run([BIN, *args], check=check, capture_output=True, text=True)


class CompareTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        t = cls.tmp.name
        cls.a, cls.b, cls.out = (os.path.join(t, n) for n in ("a", "b", "cmp"))
        common = ["run", CONFIG, "--worlds", "300", "--quiet"]
        fundsim(*common, "--out", cls.a)
        fundsim(*common, "--set", "behavior.logit.alliance=1.5", "--out", cls.b)
        cls.summary = fundsim("compare", cls.a, cls.b, "--out", cls.out).stdout
        cls.worlds = pd.read_csv(os.path.join(cls.out, "compare_worlds.csv"))
        cls.governments = pd.read_csv(os.path.join(cls.out, "compare_governments.csv"))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_worlds_arithmetic_matches_pandas(self):
        wa = pd.read_csv(os.path.join(self.a, "worlds.csv"))
        wb = pd.read_csv(os.path.join(self.b, "worlds.csv"))
        paired = wa.merge(wb, on=["point", "world"], suffixes=("_a", "_b"))
        outcomes = [c for c in wa.columns if c not in ("point", "world")]
        self.assertEqual(sorted(self.worlds["outcome"]), sorted(outcomes))
        for _, row in self.worlds.iterrows():
            c = row["outcome"]
            both = paired[[c + "_a", c + "_b"]].dropna()
            d = both[c + "_b"] - both[c + "_a"]
            n = len(d)
            self.assertEqual(row["n_pairs"], n, c)
            self.assertEqual(row["n_a"], wa[c].notna().sum(), c)
            np.testing.assert_allclose(row["mean_a"], wa[c].mean(), rtol=1e-12, err_msg=c)
            np.testing.assert_allclose(row["mean_b"], wb[c].mean(), rtol=1e-12, err_msg=c)
            np.testing.assert_allclose(row["mean_diff"], d.mean(), rtol=1e-9, atol=1e-12, err_msg=c)
            se = d.std(ddof=1) / np.sqrt(n)
            np.testing.assert_allclose(row["se_diff"], se, rtol=1e-9, atol=1e-12, err_msg=c)
            half = stats.t.ppf(0.975, n - 1) * se
            np.testing.assert_allclose(row["ci95_low"], d.mean() - half, rtol=1e-9, atol=1e-12, err_msg=c)
            np.testing.assert_allclose(row["ci95_high"], d.mean() + half, rtol=1e-9, atol=1e-12, err_msg=c)
            welch = np.sqrt(wa[c].var(ddof=1) / wa[c].count() + wb[c].var(ddof=1) / wb[c].count())
            np.testing.assert_allclose(row["se_unpaired"], welch, rtol=1e-9, atol=1e-12, err_msg=c)

    def test_pairing_narrows_the_intervals(self):
        varying = self.worlds[self.worlds["se_diff"] > 0]
        self.assertGreaterEqual(varying["se_ratio"].median(), 3.0)
        self.assertIn("paired standard error is", self.summary)

    def test_government_probabilities_use_binomial_errors(self):
        ga = pd.read_csv(os.path.join(self.a, "governments.csv")).set_index("government")
        gb = pd.read_csv(os.path.join(self.b, "governments.csv")).set_index("government")
        rows = self.governments[(self.governments["outcome"] == "p_member_final")].set_index("government")
        self.assertTrue((rows["method"] == "binomial").all())
        pa, pb = ga["p_member_final"], gb["p_member_final"]
        se = np.sqrt(pa * (1 - pa) / 300 + pb * (1 - pb) / 300)
        np.testing.assert_allclose(rows["diff"], (pb - pa)[rows.index], atol=1e-12)
        np.testing.assert_allclose(rows["se"], se[rows.index], rtol=1e-9, atol=1e-15)
        np.testing.assert_allclose(rows["ci95_high"], (pb - pa + stats.norm.ppf(0.975) * se)[rows.index], rtol=1e-9, atol=1e-12)

    def test_governments_csv_has_wilson_intervals(self):
        g = pd.read_csv(os.path.join(self.a, "governments.csv"))
        z, n = stats.norm.ppf(0.975), 300
        for column in ("p_member_final", "p_joined"):
            p = g[column]
            centre = (p + z * z / (2 * n)) / (1 + z * z / n)
            half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
            np.testing.assert_allclose(g[column + "_ci95_low"], np.clip(centre - half, 0, p), atol=1e-12)
            np.testing.assert_allclose(g[column + "_ci95_high"], np.clip(centre + half, p, 1), atol=1e-12)
            self.assertTrue(((g[column + "_ci95_low"] <= p) & (p <= g[column + "_ci95_high"])).all())

    def test_government_pairs_from_trajectories(self):
        ta = pd.read_csv(os.path.join(self.a, "trajectories.csv"))
        tb = pd.read_csv(os.path.join(self.b, "trajectories.csv"))
        last = ta["step"].max()
        fa = ta[ta["step"] == last].set_index(["world", "government"])
        fb = tb[tb["step"] == last].set_index(["world", "government"])
        member = ((fb["status"] == "member").astype(float) - (fa["status"] == "member").astype(float)).groupby("government")
        rows = self.governments[(self.governments["outcome"] == "member_final")].set_index("government")
        self.assertTrue((rows["method"] == "paired").all())
        np.testing.assert_allclose(rows["diff"], member.mean()[rows.index], atol=1e-12)
        np.testing.assert_allclose(rows["se"], (member.std(ddof=1) / np.sqrt(member.count()))[rows.index], atol=1e-12)

    def test_incomparable_runs_exit_2(self):
        other = os.path.join(self.tmp.name, "other_seed")
        fundsim("run", CONFIG, "--worlds", "300", "--quiet", "--set", "experiment.seed=7", "--out", other)
        r = fundsim("compare", self.a, other, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("not comparable: different seed", r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1)
        fewer = os.path.join(self.tmp.name, "fewer")
        fundsim("run", CONFIG, "--worlds", "100", "--quiet", "--out", fewer)
        r = fundsim("compare", self.a, fewer, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("not comparable: different worlds per point", r.stderr)
        r = fundsim("compare", self.a, os.path.join(self.tmp.name), check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("no manifest.json", r.stderr)

    def test_out_may_not_be_a_compared_run(self):
        r = fundsim("compare", self.a, self.b, "--out", self.b, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--out is one of the compared run folders", r.stderr)

    def test_quiet_prints_nothing(self):
        self.assertEqual(fundsim("compare", self.a, self.b, "--quiet").stdout, "")


if __name__ == "__main__":
    unittest.main()
