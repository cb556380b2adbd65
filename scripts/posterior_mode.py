#!/usr/bin/python3
"""The posterior mode of a `fundsim calibrate` run, as --set arguments.

    /usr/bin/python3 scripts/posterior_mode.py runs/NAME-calibration

Reads posterior.csv, keeps the last generation, fits a weighted Gaussian
kernel density (scipy.stats.gaussian_kde, Scott's bandwidth) to its particles
and prints the particle where that density is highest, one `--set KEY=VALUE`
per parameter (ready for `fundsim run` or scripts/hindcast_check.py), then the
posterior median the same way on a second line.
"""
import os
import sys

import numpy as np
import pandas as pd
from scipy.stats import gaussian_kde


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    p = pd.read_csv(os.path.join(sys.argv[1], "posterior.csv"))
    last = p[p.generation == p.generation.max()].reset_index(drop=True)
    fixed = {"generation", "particle", "weight", "distance", "attempt"}
    cols = [c for c in p.columns if c not in fixed]
    x = last[cols].to_numpy().T
    density = gaussian_kde(x, weights=last.weight.to_numpy())(x)
    mode = last.loc[int(np.argmax(density)), cols]
    print(" ".join("--set %s=%.4g" % (c, mode[c]) for c in cols))
    print(" ".join("--set %s=%.4g" % (c, np.median(last[c])) for c in cols))
    return 0


if __name__ == "__main__":
    sys.exit(main())
