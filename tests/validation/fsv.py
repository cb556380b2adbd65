"""Shared helpers of the validation checks: locate the fundsim binary, run an
experiment into a scratch folder, read its result files, and small
statistics (standard errors, binomial intervals).

The binary is taken from the environment variable FUNDSIM_BIN (ctest sets it
to $<TARGET_FILE:fundsim>), else from build*/fundsim under the repository.
Scratch output goes to FUNDSIM_VALIDATION_OUT (ctest: the build folder), else
to a temporary folder.
"""
import glob
import math
import os
import subprocess
import tempfile

import numpy as np
import pandas as pd
from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIGS = os.path.join(ROOT, "configs", "validation")


def binary():
    b = os.environ.get("FUNDSIM_BIN")
    if b:
        return b
    for cand in sorted(glob.glob(os.path.join(ROOT, "build*", "fundsim"))):
        if os.access(cand, os.X_OK):
            return cand
    raise RuntimeError("fundsim binary not found: set FUNDSIM_BIN")


def scratch(name):
    base = os.environ.get("FUNDSIM_VALIDATION_OUT")
    if not base:
        base = os.path.join(tempfile.gettempdir(), "fundsim_validation")
    path = os.path.join(base, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def threads():
    return int(os.environ.get("FUNDSIM_THREADS", "2"))


def config(name):
    return os.path.join(CONFIGS, name)


def run(cfg, out, worlds=None, sets=(), extra=()):
    """fundsim run CFG --out OUT --force --quiet [--worlds N] [--set K=V]..."""
    cmd = [binary(), "run", cfg, "--out", out, "--force", "--quiet", "--threads", str(threads())]
    if worlds is not None:
        cmd += ["--worlds", str(worlds)]
    for s in sets:
        cmd += ["--set", s]
    cmd += list(extra)
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("fundsim failed (%d): %s\n%s%s" % (r.returncode, " ".join(cmd), r.stdout, r.stderr))
    return out


def read(out, name):
    return pd.read_csv(os.path.join(out, name + ".csv"))


def series(out, metric, point=None):
    s = read(out, "series")
    s = s[s.metric == metric]
    if point is not None:
        s = s[s.point == point]
    return s.sort_values(["point", "step"]).reset_index(drop=True)


def members_per_step(out):
    """From trajectories.csv: {(point, world): array of member counts per step}."""
    t = read(out, "trajectories")
    t = t.assign(is_member=(t.status == "member").astype(int))
    g = t.groupby(["point", "world", "step"]).is_member.sum()
    res = {}
    for (p, w), sub in g.groupby(level=[0, 1]):
        res[(int(p), int(w))] = sub.sort_index(level=2).to_numpy()
    return res


def member_sets_per_step(out):
    """From trajectories.csv: {(point, world): list (per step) of frozensets of member ids}."""
    t = read(out, "trajectories")
    t = t[t.status == "member"]
    res = {}
    for (p, w), sub in t.groupby(["point", "world"]):
        steps = int(sub.step.max())
        res[(int(p), int(w))] = {int(s): frozenset(g.government.astype(str)) for s, g in sub.groupby("step")}
    return res


def wilson(successes, n, conf=0.999):
    """Wilson score interval for a binomial proportion."""
    if n == 0:
        return (0.0, 1.0)
    zq = stats.norm.ppf(0.5 + conf / 2)
    ph = successes / n
    den = 1 + zq * zq / n
    centre = (ph + zq * zq / (2 * n)) / den
    half = zq * math.sqrt(ph * (1 - ph) / n + zq * zq / (4 * n * n)) / den
    return (max(0.0, centre - half), min(1.0, centre + half))


def clopper_pearson(successes, n, conf=0.95):
    a = 1 - conf
    lo = 0.0 if successes == 0 else stats.beta.ppf(a / 2, successes, n - successes + 1)
    hi = 1.0 if successes == n else stats.beta.ppf(1 - a / 2, successes + 1, n - successes)
    return (float(lo), float(hi))


def bass_recursion(p, q, steps, f0=0.0):
    """Discrete Bass: F(t+1) = F(t) + (1 - F(t)) (p + q F(t))."""
    f = np.zeros(steps + 1)
    f[0] = f0
    for t in range(steps):
        f[t + 1] = f[t] + (1 - f[t]) * (p + q * f[t])
    return f


def bass_closed_form(p, q, t):
    """Continuous-time Bass (1969): F(t) = (1 - e^-(p+q)t) / (1 + (q/p) e^-(p+q)t)."""
    t = np.asarray(t, dtype=float)
    e = np.exp(-(p + q) * t)
    return (1 - e) / (1 + (q / p) * e)
