"""Watts (2002), small version: global cascades (final adoption > 10 %) on
Erdos-Renyi graphs with N = 2,000, phi = 0.18, one random initial member,
200 worlds per mean degree z in {0.5, 2, 4, 7}.

Analytic window for phi = 0.18: 1.02 < z < 5.76 (roots of
sum_k k(k-1) rho_k p_k = z, computed in watts_theory.py).  Assertions use
99.9 % Wilson intervals of the cascade frequency, not point values:
  * z = 0.5 (below, no giant component): no global cascade at all;
  * z = 2, 4 (inside; tree-like prediction 0.75, 0.87): lower bound > 0.5;
  * z = 7 (above; prediction 0, finite N = 2,000 leaves a few): upper bound < 0.15
    (0 of 200 already gives a 99.9 % upper bound of 0.05);
  * inside the window a global cascade takes most of the network: mean size
    of global cascades > 0.7 at z = 2 (giant component 0.80) and > 0.95 at
    z = 4 (prediction 0.98).
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fsv  # noqa: E402
import watts_theory  # noqa: E402


def cascade_table(out):
    pts = fsv.read(out, "points")
    w = fsv.read(out, "worlds")
    w = w.assign(glob=w.adoption_final > 0.10)
    rows = {}
    for p, sub in w.groupby("point"):
        z = float(pts.loc[pts.point == p, "network.generator.mean_degree"].iloc[0])
        k, n = int(sub.glob.sum()), len(sub)
        size = float(sub.loc[sub.glob, "adoption_final"].mean()) if k else float("nan")
        rows[z] = dict(k=k, n=n, freq=k / n, ci=fsv.wilson(k, n, 0.999), size=size)
    return rows


class Watts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rows = cascade_table(fsv.run(fsv.config("watts_ci.yaml"), fsv.scratch("watts_ci")))

    def test_window_edges(self):
        lo, hi = watts_theory.cascade_window(0.18)
        self.assertAlmostEqual(lo, 1.02, places=2)
        self.assertAlmostEqual(hi, 5.76, places=2)

    def test_no_cascades_below_window(self):
        self.assertEqual(self.rows[0.5]["k"], 0)

    def test_frequent_inside_window(self):
        for z in (2.0, 4.0):
            r = self.rows[z]
            self.assertGreater(r["ci"][0], 0.5, "z=%g: %d/%d" % (z, r["k"], r["n"]))

    def test_rare_above_window(self):
        r = self.rows[7.0]
        self.assertLess(r["ci"][1], 0.15, "z=7: %d/%d" % (r["k"], r["n"]))

    def test_global_cascades_are_large(self):
        self.assertGreater(self.rows[2.0]["size"], 0.7)
        self.assertGreater(self.rows[4.0]["size"], 0.95)


if __name__ == "__main__":
    unittest.main(verbosity=2)
