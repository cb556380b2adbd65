"""Calibrate configs/validation/aiib.yaml against the observed AIIB cascade.

    /usr/bin/python3 tests/validation/calibrate_aiib.py [--bin FUNDSIM]
        [--out DIR] [--samples 256] [--worlds 100] [--top 8] [--confirm 1000]
        [--target signal|approval] [--json FILE]

Model: the peer-only logit of aiib.yaml, join probability per month
adjustment_speed * logistic(intercept + peer * P_i).  Target: the observed
cumulative number of members at the end of each month, steps 1..6
(data/aiib_observed.csv; step 0 = the 21 founders, equal by construction).
Score of a sweep point: RMSE (members) of the mean simulated cumulative curve
vs the observed one over steps 1..6.

Procedure, for the peer model and for the no-peer baseline (peer = 0, only
intercept and speed):
  1. a latin-hypercube sweep (`sweep: design: latin_hypercube`) over
     intercept in [-10, 0], peer in [0, 40], adjustment_speed in [0.02, 1],
     `--worlds` worlds per point;
  2. the `--top` best points re-run with `--confirm` worlds (fresh seed), so
     that the choice is not a winner's curse of stage 1; best = lowest RMSE.
Also a grid over behavior.threshold.phi with the threshold rule (it is
deterministic: one world per point).
Prints a report and, with --json, writes the numbers.
"""
import argparse
import json
import os
import re
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fsv  # noqa: E402

DATA = os.path.join(fsv.CONFIGS, "data")
RANGES = {"behavior.logit.intercept": (-10.0, 0.0),
          "behavior.logit.peer": (0.0, 40.0),
          "behavior.logit.adjustment_speed": (0.02, 1.0)}


def observed(target="signal"):
    o = pd.read_csv(os.path.join(DATA, "aiib_observed.csv"))
    return o["members_" + target].to_numpy(float)


def base_yaml():
    """aiib.yaml with absolute data paths (so a copy can live elsewhere)."""
    text = open(fsv.config("aiib.yaml")).read()
    return re.sub(r"from_csv: data/", "from_csv: %s/" % DATA, text)


def write_yaml(folder, name, sweep=None, seed=None, worlds=None):
    text = base_yaml()
    if seed is not None:
        text = re.sub(r"seed: \d+", "seed: %d" % seed, text, count=1)
    if worlds is not None:
        text = re.sub(r"worlds: \d+", "worlds: %d" % worlds, text, count=1)
    if sweep:
        text += "\nsweep:\n" + sweep
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name + ".yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


def curves(out):
    """(points DataFrame, array points x steps of mean members, sd, n)."""
    s = fsv.read(out, "series")
    s = s[s.metric == "members"].sort_values(["point", "step"])
    pts = fsv.read(out, "points")
    mean = s.pivot(index="point", columns="step", values="mean").to_numpy()
    sd = s.pivot(index="point", columns="step", values="sd").to_numpy()
    n = s.pivot(index="point", columns="step", values="n").to_numpy()
    return pts, mean, sd, n


def rmse(mean, obs):
    return np.sqrt(np.mean((mean[..., 1:] - obs[1:]) ** 2, axis=-1))


def lhs_sweep(folder, name, params, samples, worlds, seed, sets=()):
    lines = ["  design: latin_hypercube", "  samples: %d" % samples, "  parameters:"]
    for k, (lo, hi) in params.items():
        lines.append("    %s: {min: %r, max: %r}" % (k, lo, hi))
    cfg = write_yaml(folder, name, "\n".join(lines) + "\n", seed=seed, worlds=worlds)
    return fsv.run(cfg, os.path.join(folder, name + "_out"), sets=sets)


def confirm(folder, name, points, worlds, seed, obs, sets=()):
    """Re-run each candidate (dict of parameter values) with many worlds."""
    res = []
    for i, p in enumerate(points):
        cfg = write_yaml(folder, "%s_%d" % (name, i), seed=seed, worlds=worlds)
        out = fsv.run(cfg, os.path.join(folder, "%s_%d_out" % (name, i)),
                      sets=list(sets) + ["%s=%r" % (k, float(v)) for k, v in p.items()])
        _, mean, sd, n = curves(out)
        gov = fsv.read(out, "governments")
        res.append(dict(params=p, mean=mean[0], sd=sd[0], n=int(n[0][0]), rmse=float(rmse(mean[0], obs)), out=out,
                        p_member={g: float(gov.loc[gov.government == g, "p_member_final"].iloc[0])
                                  for g in ("USA", "JPN", "AUS", "KOR", "FRA", "DEU", "CAN")}))
    return sorted(res, key=lambda r: r["rmse"])


def calibrate(folder, samples, worlds, top, confirm_worlds, target="signal", peer=True):
    obs = observed(target)
    params = dict(RANGES)
    sets = []
    if not peer:
        params.pop("behavior.logit.peer")
        sets = ["behavior.logit.peer=0"]
    tag = ("peer" if peer else "nopeer") + "_" + target
    out = lhs_sweep(folder, "lhs_" + tag, params, samples, worlds, seed=101 if peer else 202, sets=sets)
    pts, mean, _, _ = curves(out)
    r = rmse(mean, obs)
    order = np.argsort(r)[:top]
    cands = [{k: float(pts.loc[pts.point == pts.point.iloc[i], k].iloc[0]) for k in params} for i in order]
    if not peer:
        for c in cands:
            c["behavior.logit.peer"] = 0.0
    best = confirm(folder, "confirm_" + tag, cands, confirm_worlds, seed=303 if peer else 404, obs=obs)
    return dict(stage1_best_rmse=float(r[order[0]]), stage1_points=len(r), best=best[0], candidates=best, observed=obs)


def threshold_grid(folder, target="signal"):
    obs = observed(target)
    phis = [round(x, 3) for x in np.arange(0.01, 0.601, 0.01)]
    sweep = "  design: grid\n  parameters:\n    behavior.threshold.phi: [%s]\n" % ", ".join(map(str, phis))
    cfg = write_yaml(folder, "threshold_grid", sweep, worlds=1)
    out = fsv.run(cfg, os.path.join(folder, "threshold_grid_out"), sets=["behavior.decision_rule=threshold"])
    pts, mean, _, _ = curves(out)
    r = rmse(mean, obs)
    i = int(np.argmin(r))
    return dict(phi=float(pts["behavior.threshold.phi"].iloc[i]), rmse=float(r[i]), curve=mean[i].tolist(),
                all=list(zip(pts["behavior.threshold.phi"].tolist(), r.tolist())))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin")
    ap.add_argument("--out", default=None)
    ap.add_argument("--samples", type=int, default=256)
    ap.add_argument("--worlds", type=int, default=100)
    ap.add_argument("--top", type=int, default=8)
    ap.add_argument("--confirm", type=int, default=1000)
    ap.add_argument("--target", default="signal", choices=["signal", "approval"])
    ap.add_argument("--json")
    a = ap.parse_args(argv)
    if a.bin:
        os.environ["FUNDSIM_BIN"] = a.bin
    folder = a.out or fsv.scratch("aiib_calibration")
    obs = observed(a.target)
    peer = calibrate(folder, a.samples, a.worlds, a.top, a.confirm, a.target, peer=True)
    nopeer = calibrate(folder, a.samples, a.worlds, a.top, a.confirm, a.target, peer=False)
    th = threshold_grid(folder, a.target)

    def fmt(c):
        return " ".join("%.1f" % x for x in c)

    print("AIIB calibration, target = cumulative members by %s date" % a.target)
    print("observed            :", fmt(obs))
    for name, res in (("logit + peer", peer), ("logit, no peer", nopeer)):
        b = res["best"]
        se = b["sd"] / np.sqrt(b["n"])
        print("%-20s: %s   RMSE %.2f members (stage 1: %d points, best %.2f)" % (
            name, fmt(b["mean"]), b["rmse"], res["stage1_points"], res["stage1_best_rmse"]))
        print("%-20s  params %s; s.e. of mean per step <= %.2f" % (
            "", ", ".join("%s=%.3f" % (k.split(".")[-1], v) for k, v in b["params"].items()), float(se.max())))
        print("%-20s  P(member by Apr 2015): %s" % ("", ", ".join("%s %.2f" % kv for kv in b["p_member"].items())))
    print("%-20s: %s   RMSE %.2f members (phi = %.2f)" % ("threshold", fmt(th["curve"]), th["rmse"], th["phi"]))
    if a.json:
        def clean(r):
            b = r["best"]
            return dict(params=b["params"], rmse=b["rmse"], mean=b["mean"].tolist(), sd=b["sd"].tolist(), n=b["n"],
                        p_member=b["p_member"], stage1_best_rmse=r["stage1_best_rmse"], stage1_points=r["stage1_points"],
                        candidates=[dict(params=c["params"], rmse=c["rmse"]) for c in r["candidates"]])
        with open(a.json, "w") as f:
            json.dump(dict(target=a.target, observed=obs.tolist(), peer=clean(peer), nopeer=clean(nopeer),
                           threshold=dict(phi=th["phi"], rmse=th["rmse"], curve=th["curve"])), f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
