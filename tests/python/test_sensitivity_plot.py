"""fundsim_analysis.sensitivity on a synthetic sensitivity.csv (no simulator needed)."""

import tempfile
import unittest
from pathlib import Path

import fundsim_analysis as fa

CSV = """parameter,outcome,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi
behavior.logit.peer,adoption_final,0.6,0.5,0.7,0.7,0.6,0.8
fund.max_leverage,adoption_final,0.01,-0.02,0.04,0.02,0.01,0.03
behavior.logit.peer,events_fired,,,,,,
fund.max_leverage,events_fired,,,,,,
"""


class SensitivityPlotTest(unittest.TestCase):
    def test_bars_per_parameter_with_intervals(self):
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "sensitivity.csv").write_text(CSV)
            table = fa.load_sensitivity(tmp)
            self.assertEqual(len(table), 4)
            fig = fa.sensitivity_bars(tmp)
            ax = fig.axes[0]
            self.assertEqual(len(ax.patches), 4)  # S1 and ST for two parameters
            labels = [t.get_text() for t in ax.get_yticklabels()]
            self.assertEqual(labels, ["fund.max_leverage", "logit.peer"])  # sorted by ST, top = largest
            widths = sorted(p.get_width() for p in ax.patches)
            self.assertAlmostEqual(widths[-1], 0.7)
            with self.assertRaises(KeyError):
                fa.sensitivity_bars(tmp, outcome="no_such_outcome")

    def test_no_file_means_no_plot(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.assertIsNone(fa.load_sensitivity(tmp))
            with self.assertRaises(FileNotFoundError):
                fa.sensitivity_bars(tmp)


if __name__ == "__main__":
    unittest.main()
