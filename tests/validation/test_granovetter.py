"""Granovetter (1978): thresholds 0, 1, ..., 99 others on a complete graph of
100 -> everyone joins, one per step; raise the threshold-1 agent to 2 -> only
the threshold-0 agent joins."""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fsv  # noqa: E402


class Granovetter(unittest.TestCase):
    def test_everyone_joins_one_per_step(self):
        out = fsv.run(fsv.config("granovetter.yaml"), fsv.scratch("granovetter"), worlds=3)
        w = fsv.read(out, "worlds")
        self.assertEqual(list(w.members_final), [100, 100, 100])
        m = fsv.series(out, "members")
        # members at step t = min(t, 100), identical in every world (sd 0)
        np.testing.assert_array_equal(m["mean"].to_numpy(), np.minimum(np.arange(len(m)), 100))
        self.assertEqual(float(m["sd"].max()), 0.0)
        # the agent with threshold k joins at step k + 1
        sets = fsv.member_sets_per_step(out)[(0, 0)]
        for k in (0, 1, 2, 50, 99):
            self.assertNotIn("G%d" % k, sets.get(k, frozenset()))
            self.assertIn("G%d" % k, sets[k + 1])

    def test_raised_threshold_stops_at_one(self):
        out = fsv.run(fsv.config("granovetter.yaml"), fsv.scratch("granovetter_raised"), worlds=3,
                      sets=["governments.from_csv=data/granovetter_raised.csv"])
        w = fsv.read(out, "worlds")
        self.assertEqual(list(w.members_final), [1, 1, 1])
        sets = fsv.member_sets_per_step(out)[(0, 0)]
        self.assertEqual(sets[max(sets)], frozenset({"G0"}))


if __name__ == "__main__":
    unittest.main(verbosity=2)
