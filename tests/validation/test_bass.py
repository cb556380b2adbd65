"""Bass (1969), global scope: the mean adoption per step over worlds follows
the discrete Bass recursion F(t+1) = F(t) + (1 - F(t)) (p + q F(t)) within
sampling error."""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fsv  # noqa: E402

Z_MAX = 4.0  # per-step bound; 31 correlated steps, P(any |z| > 4) < 0.2 % under H0


def compare(out, p, q, n_gov):
    s = fsv.series(out, "adoption")
    steps = int(s.step.max())
    f = fsv.bass_recursion(p, q, steps)
    mean, sd, n = s["mean"].to_numpy(), s["sd"].to_numpy(), s["n"].to_numpy()
    # standard error of the mean over worlds; floor: the binomial error of a
    # single step's draws (so steps where every world is at 0 or 1 are judged
    # by whether that is plausible, not divided by zero)
    se = np.sqrt(sd ** 2 / n + f * (1 - f) / (n_gov * n))
    z = np.where(se > 0, (mean - f) / np.where(se > 0, se, 1), np.where(mean == f, 0, np.inf))
    return mean, f, se, z


class Bass(unittest.TestCase):
    def check(self, name, p, q, sets=()):
        out = fsv.run(fsv.config("bass.yaml"), fsv.scratch(name), sets=sets)
        mean, f, se, z = compare(out, p, q, 1000)
        self.assertEqual(mean[0], 0.0)
        self.assertLess(np.max(np.abs(z)), Z_MAX, "max |z| = %.2f at step %d" % (np.max(np.abs(z)), int(np.argmax(np.abs(z)))))
        self.assertLess(np.max(np.abs(mean - f)), 0.01)
        # the curve is an S: growth peaks mid-way, within a step of the recursion's peak
        peak = int(np.argmax(np.diff(mean)))
        self.assertLessEqual(abs(peak - int(np.argmax(np.diff(f)))), 1)
        self.assertTrue(0 < peak < len(mean) - 2)

    def test_recursion_p003_q038(self):
        self.check("bass", 0.03, 0.38)

    def test_recursion_other_point(self):
        # a second (p, q): slower innovation, stronger imitation
        self.check("bass_p001_q05", 0.01, 0.5, sets=["behavior.bass.p=0.01", "behavior.bass.q=0.5"])

    def test_first_steps_exact(self):
        # step 1: adoption ~ Binomial(1000, p) / 1000 exactly: mean p, sd
        # sqrt(p (1 - p) / 1000); step 2: E[F2] = E[F1] + p (1 - E[F1]) +
        # q (E[F1] - E[F1^2]) exactly (the recursion drops the variance term)
        p, q, n_gov = 0.03, 0.38, 1000
        out = fsv.scratch("bass")
        if not os.path.exists(os.path.join(out, "series.csv")):
            fsv.run(fsv.config("bass.yaml"), out)
        s = fsv.series(out, "adoption")
        mean, sd, n = s["mean"].to_numpy(), s["sd"].to_numpy(), s["n"].to_numpy()
        s1 = np.sqrt(p * (1 - p) / n_gov)
        self.assertLess(abs(mean[1] - p) / (s1 / np.sqrt(n[1])), Z_MAX)
        self.assertLess(abs(sd[1] / s1 - 1), 0.25)  # relative s.e. of an sd over 200 worlds: 5 %
        e2 = p + p * (1 - p) + q * (p - (s1 ** 2 + p * p))
        self.assertLess(abs(mean[2] - e2) / (sd[2] / np.sqrt(n[2])), Z_MAX)

    def test_rule_is_not_the_continuous_closed_form(self):
        # sanity of the comparison itself: the continuous-time closed form
        # differs from the discrete recursion by far more than the error,
        # so the test above can fail
        out = fsv.scratch("bass")
        if not os.path.exists(os.path.join(out, "series.csv")):
            fsv.run(fsv.config("bass.yaml"), out)
        s = fsv.series(out, "adoption")
        c = fsv.bass_closed_form(0.03, 0.38, s.step.to_numpy())
        self.assertGreater(np.max(np.abs(s["mean"].to_numpy() - c)), 0.03)


if __name__ == "__main__":
    unittest.main(verbosity=2)
