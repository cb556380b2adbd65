"""The AIIB cascade (configs/validation/aiib.yaml): the data are up to date
with their sources, the config runs, the founders and the UK event are where
the history puts them, and the calibrated peer-influence point fits the
observed monthly cumulative membership better than the best no-peer fit
(values from tests/validation/calibrate_aiib.py)."""
import os
import subprocess
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import calibrate_aiib as cal  # noqa: E402
import fsv  # noqa: E402

# best no-peer fit of calibrate_aiib.py (signal dates): join probability
# adjustment_speed * logistic(intercept), the same for every government
NO_PEER = ["behavior.logit.peer=0", "behavior.logit.intercept=-1.406", "behavior.logit.adjustment_speed=0.561"]


class AIIB(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.obs = cal.observed("signal")
        cls.out = fsv.run(fsv.config("aiib.yaml"), fsv.scratch("aiib"))
        cls.base = fsv.run(fsv.config("aiib.yaml"), fsv.scratch("aiib_nopeer"), sets=NO_PEER)

    def test_data_up_to_date(self):
        r = subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "build_aiib_data.py"),
                            "--check"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_observed_curve(self):
        np.testing.assert_array_equal(self.obs, [21, 22, 23, 26, 27, 57, 57])

    def test_founders_and_uk_event(self):
        m = fsv.series(self.out, "members")
        self.assertEqual(float(m.loc[m.step == 0, "mean"].iloc[0]), 21.0)
        self.assertEqual(float(m.loc[m.step == 0, "sd"].iloc[0]), 0.0)
        gov = fsv.read(self.out, "governments").set_index("government")
        self.assertEqual(float(gov.loc["CHN", "p_founder"]), 1.0)
        self.assertEqual(float(gov.loc["GBR", "p_member_final"]), 1.0)  # joined by rule or by the March event
        w = fsv.read(self.out, "worlds")
        self.assertTrue((w.exits_total == 0).all())

    def test_peer_point_beats_no_peer_baseline(self):
        _, mean, sd, n = cal.curves(self.out)
        _, mean0, sd0, n0 = cal.curves(self.base)
        r, r0 = float(cal.rmse(mean[0], self.obs)), float(cal.rmse(mean0[0], self.obs))
        # standard error of each RMSE is < 0.3 members at 400 worlds
        self.assertLess(r + 1.0, r0, "RMSE with peers %.2f, without %.2f" % (r, r0))
        # and it is still a poor fit: the March 2015 jump is not reproduced
        self.assertGreater(r, 3.0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
