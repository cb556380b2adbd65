"""Full-size validation runs, figures (docs/img/validation_*.png) and the
numbers of docs/validation.md.  Run through scripts/validate_full.sh.

    FUNDSIM_BIN=build/fundsim /usr/bin/python3 tests/validation/full.py [--out runs/validation] [--quick]

--quick shrinks every run (for checking the script, not for the numbers).
"""
import argparse
import json
import os
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import calibrate_aiib as cal  # noqa: E402
import fsv  # noqa: E402
import reference as ref  # noqa: E402
import test_bass  # noqa: E402
import test_reference as tref  # noqa: E402
import test_watts  # noqa: E402
import watts_theory as wt  # noqa: E402

IMG = os.path.join(fsv.ROOT, "docs", "img")


def save(fig, name):
    os.makedirs(IMG, exist_ok=True)
    path = os.path.join(IMG, "validation_%s.png" % name)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def granovetter(out):
    a = fsv.run(fsv.config("granovetter.yaml"), os.path.join(out, "granovetter"), worlds=10)
    b = fsv.run(fsv.config("granovetter.yaml"), os.path.join(out, "granovetter_raised"), worlds=10,
                sets=["governments.from_csv=data/granovetter_raised.csv"])
    ma, mb = fsv.series(a, "members"), fsv.series(b, "members")
    fig, ax = plt.subplots(figsize=(6, 3.6))
    ax.plot(ma.step, ma["mean"], label="thresholds 0,1,...,99 (fundsim)")
    ax.plot(mb.step, mb["mean"], label="threshold-1 agent raised to 2 (fundsim)")
    ax.plot([0, 100, 110], [0, 100, 100], "k:", lw=1, label="Granovetter: one joiner per step, all 100")
    ax.set_xlabel("step")
    ax.set_ylabel("members (of 100 governments)")
    ax.set_title("Granovetter (1978) threshold example, complete graph")
    ax.legend(fontsize=8)
    save(fig, "granovetter")
    wa, wb = fsv.read(a, "worlds"), fsv.read(b, "worlds")
    return dict(final=sorted(set(wa.members_final)), final_raised=sorted(set(wb.members_final)),
                steps_to_all=int(ma.loc[ma["mean"] >= 100, "step"].min()), worlds=len(wa))


def bass(out, worlds):
    o = fsv.run(fsv.config("bass.yaml"), os.path.join(out, "bass"), worlds=worlds)
    mean, f, se, z = test_bass.compare(o, 0.03, 0.38, 1000)
    steps = np.arange(len(mean))
    c = fsv.bass_closed_form(0.03, 0.38, steps)
    fig, ax = plt.subplots(1, 2, figsize=(10, 3.8))
    ax[0].errorbar(steps, mean, yerr=3 * se, fmt="o", ms=3, label="fundsim mean adoption (±3 s.e.), %d worlds" % worlds)
    ax[0].plot(steps, f, "-", label="discrete Bass recursion")
    ax[0].plot(steps, c, "--", label="continuous closed form F(t)")
    ax[0].set_xlabel("step (month)")
    ax[0].set_ylabel("adoption (members / 1,000)")
    ax[0].set_title("Bass (1969), p = 0.03, q = 0.38, global")
    ax[0].legend(fontsize=8)
    # exact Monte Carlo of the same finite-N rule (reference.py): the
    # recursion is a mean-field approximation, E[F(t+1)] differs from it by
    # -q Var(F(t)), which 2,000 worlds resolve
    import scipy.sparse as sp
    mc_runs = 10000
    g = ref.Graph(["G%d" % i for i in range(1000)], sp.csr_matrix((1000, 1000)))
    mc = ref.bass_runs(g, len(mean) - 1, 0.03, 0.38, "global", runs=mc_runs, rng=5) / 1000
    s = fsv.series(o, "adoption")
    se_mc = np.sqrt(s["sd"].to_numpy() ** 2 / s["n"].to_numpy() + mc.var(0, ddof=1) / mc_runs)
    z_mc = np.where(se_mc > 0, (mean - mc.mean(0)) / np.where(se_mc > 0, se_mc, 1), 0)
    ax[1].bar(steps - 0.2, z, width=0.4, color="tab:blue", label="vs discrete recursion")
    ax[1].bar(steps + 0.2, z_mc, width=0.4, color="tab:orange", label="vs NumPy Monte Carlo (%d runs)" % mc_runs)
    ax[1].axhline(3, color="k", ls=":")
    ax[1].axhline(-3, color="k", ls=":")
    ax[1].set_xlabel("step (month)")
    ax[1].set_ylabel("(fundsim − prediction) / s.e.")
    ax[1].set_title("standardised deviation per step (±3 dotted)")
    ax[1].legend(fontsize=8)
    save(fig, "bass")
    return dict(worlds=worlds, max_abs_dev=float(np.max(np.abs(mean - f))), max_abs_z=float(np.max(np.abs(z))),
                steps_within_3se=int(np.sum(np.abs(z) <= 3)), steps=len(mean),
                max_abs_dev_closed_form=float(np.max(np.abs(mean - c))), max_se=float(np.max(se)),
                mc_runs=mc_runs, max_abs_dev_mc_vs_recursion=float(np.max(np.abs(mc.mean(0) - f))),
                max_abs_z_vs_mc=float(np.max(np.abs(z_mc))), steps_within_3se_mc=int(np.sum(np.abs(z_mc) <= 3)))


def watts(out, worlds, n_gov):
    t0 = time.time()
    o = fsv.run(fsv.config("watts.yaml"), os.path.join(out, "watts"), worlds=worlds,
                sets=["governments.generate.count=%d" % n_gov])
    secs = time.time() - t0
    rows = test_watts.cascade_table(o)
    w = fsv.read(o, "worlds")
    pts = fsv.read(o, "points")
    zs = sorted(rows)
    lo, hi = wt.cascade_window(0.18)
    zz = np.linspace(0.3, 8.5, 165)
    fth = [wt.cascade_frequency(z, 0.18) for z in zz]
    sth = [wt.cascade_size(z, 0.18) for z in zz]
    freq = np.array([rows[z]["freq"] for z in zs])
    ci95 = np.array([fsv.wilson(rows[z]["k"], rows[z]["n"], 0.95) for z in zs])
    size, size_se = [], []
    for z in zs:
        p = int(pts.loc[pts["network.generator.mean_degree"] == z, "point"].iloc[0])
        s = w[(w.point == p) & (w.adoption_final > 0.1)].adoption_final
        size.append(s.mean() if len(s) else np.nan)
        size_se.append(s.std(ddof=1) / np.sqrt(len(s)) if len(s) > 1 else np.nan)
    fig, ax = plt.subplots(figsize=(7, 4.2))
    ax.axvspan(lo, hi, color="0.92", label="analytic window %.2f < z < %.2f" % (lo, hi))
    ax.errorbar(zs, freq, yerr=[np.maximum(0, freq - ci95[:, 0]), np.maximum(0, ci95[:, 1] - freq)], fmt="o", color="tab:blue", ms=4,
                label="frequency of global cascades (fundsim, 95 % CI)")
    ax.plot(zz, fth, "-", color="tab:blue", lw=1, label="tree-like prediction of the frequency")
    ax.errorbar(zs, size, yerr=size_se, fmt="s", color="tab:red", ms=4, label="mean size of global cascades (fundsim)")
    ax.plot(zz, sth, "-", color="tab:red", lw=1, label="Gleeson–Cahalane size prediction")
    ax.set_xlabel("mean degree z")
    ax.set_ylabel("frequency / fraction of governments")
    ax.set_title("Watts (2002): ER graphs, N = %s, φ = 0.18, %d worlds per z" % (format(n_gov, ","), worlds))
    ax.set_ylim(-0.02, 1.05)
    ax.legend(fontsize=7, loc="center right", bbox_to_anchor=(1.0, 0.33), framealpha=0.95)
    save(fig, "watts")
    table = [dict(z=z, k=rows[z]["k"], n=rows[z]["n"], freq=rows[z]["freq"], ci95=list(ci95[i]),
                  size=None if np.isnan(size[i]) else float(size[i]),
                  size_se=None if np.isnan(size_se[i]) else float(size_se[i]),
                  freq_theory=wt.cascade_frequency(z, 0.18), size_theory=wt.cascade_size(z, 0.18))
             for i, z in enumerate(zs)]
    inside = [r for r in table if lo < r["z"] < hi]
    return dict(n=n_gov, worlds=worlds, seconds=secs, window=[lo, hi], table=table,
                first_z_with_cascades=min(r["z"] for r in table if r["k"] > 0),
                last_z_with_cascades=max(r["z"] for r in table if r["k"] > 0),
                min_freq_inside=min(r["freq"] for r in inside))


def reference(out):
    folder = os.path.join(out, "reference_fixed")
    ids, ties, phi = tref.fixed_graph_files(folder)
    g = ref.graph_from_ties(ids, ties, phi=phi)
    # threshold: exact replay of every recorded world
    steps, worlds = 40, 50
    cfg = tref.write_config(folder, "  decision_rule: threshold", worlds, steps, worlds)
    got = fsv.member_sets_per_step(fsv.run(cfg, os.path.join(folder, "threshold_out")))
    identical = total = 0
    first_diff = None
    for (p, w), per_step in sorted(got.items()):
        f0 = np.array([x in per_step[0] for x in ids])
        expect = tref.sets_from_run(ref.threshold_run(g, steps, members0=f0, join_events=tref.event_index(g)), ids)
        for t in range(steps + 1):
            total += 1
            if per_step.get(t, frozenset()) == expect[t]:
                identical += 1
            elif first_diff is None:
                first_diff = dict(world=w, step=t, fundsim=len(per_step.get(t, ())), reference=len(expect[t]))
    res = dict(threshold_fixed=dict(worlds=worlds, world_steps=total, identical=identical, first_diff=first_diff))
    # threshold on exported (generated) graphs, when available
    if ref.export_graph_available(fsv.binary()):
        cfg = fsv.config("reference_threshold.yaml")
        o = fsv.run(cfg, os.path.join(out, "reference_threshold"))
        got = fsv.member_sets_per_step(o)
        identical = total = 0
        for (p, w), per_step in sorted(got.items()):
            ge = ref.export_graph(fsv.binary(), cfg, w, os.path.join(out, "reference_threshold_graph_%d" % w))
            expect = tref.sets_from_run(ref.threshold_run(ge, 60, phi=0.18), ge.ids)
            for t in range(61):
                total += 1
                identical += per_step.get(t, frozenset()) == expect[t]
        res["threshold_exported"] = dict(worlds=len(got), world_steps=total, identical=identical)
    # bass network: mean curves
    bw = 4000
    cfg = tref.write_config(folder, "  decision_rule: bass\n  bass: {p: 0.02, q: 0.3, scope: network}", bw, 20, 0)
    s = fsv.series(fsv.run(cfg, os.path.join(folder, "bass_out")), "members")
    counts = ref.bass_runs(g, 20, 0.02, 0.3, "network", runs=bw, rng=2024, random_founders=2, join_events=tref.event_index(g))
    mf, sf, nf = s["mean"].to_numpy(), s["sd"].to_numpy(), s["n"].to_numpy()
    mr = counts.mean(0)
    se = np.sqrt(sf ** 2 / nf + counts.var(0, ddof=1) / bw)
    z = np.where(se > 0, (mf - mr) / np.where(se > 0, se, 1), 0)
    fig, ax = plt.subplots(figsize=(6, 3.8))
    st = np.arange(len(mf))
    ax.errorbar(st, mf, yerr=3 * sf / np.sqrt(nf), fmt="o", ms=3, label="fundsim, %d worlds (±3 s.e.)" % bw)
    ax.plot(st, mr, "-", label="NumPy reference, %d runs" % bw)
    ax.set_xlabel("step")
    ax.set_ylabel("members (of %d governments)" % len(ids))
    ax.set_title("Bass, network scope, fixed weighted graph, join events at 3, 6")
    ax.legend(fontsize=8)
    save(fig, "reference")
    res["bass_fixed"] = dict(worlds=bw, reference_runs=bw, max_abs_z=float(np.max(np.abs(z))),
                             max_abs_diff=float(np.max(np.abs(mf - mr))))
    return res


def aiib(out, samples, worlds, confirm):
    res = {}
    for target in ("signal", "approval"):
        folder = os.path.join(out, "aiib_" + target)
        peer = cal.calibrate(folder, samples, worlds, 8, confirm, target, peer=True)
        nopeer = cal.calibrate(folder, samples, worlds, 8, confirm, target, peer=False)
        th = cal.threshold_grid(folder, target)
        res[target] = dict(observed=cal.observed(target).tolist(), peer=peer, nopeer=nopeer, threshold=th)
    # the shipped config (calibrated on signal dates)
    o = fsv.run(fsv.config("aiib.yaml"), os.path.join(out, "aiib_config"), worlds=confirm)
    _, mean, sd, n = cal.curves(o)
    gov = fsv.read(o, "governments").set_index("government")
    months = ["Oct 14", "Nov", "Dec", "Jan 15", "Feb", "Mar", "Apr"]
    fig, ax = plt.subplots(figsize=(7, 4.2))
    st = np.arange(7)
    ax.plot(st, res["signal"]["observed"], "ko-", label="observed: signed MoU / applied")
    ax.plot(st, res["approval"]["observed"], "k^:", label="observed: accepted as founding member")
    ax.plot(st, mean[0], "C0s-", label="logit + peer influence (calibrated), mean")
    ax.fill_between(st, mean[0] - sd[0], mean[0] + sd[0], color="C0", alpha=0.2, label="±1 sd over worlds")
    b = res["signal"]["nopeer"]["best"]
    ax.plot(st, b["mean"], "C1d--", label="logit, no peer influence (best fit)")
    ax.plot(st, res["signal"]["threshold"]["curve"], "C2v-.", label="threshold rule, φ = %.2f (best)" % res["signal"]["threshold"]["phi"])
    ax.axvline(5, color="0.6", ls=":", lw=1)
    ax.text(5.05, 22, "UK applies\n12 Mar 2015\n(join event)", fontsize=7)
    ax.set_xticks(st)
    ax.set_xticklabels(months)
    ax.set_xlabel("month (end of month; Apr = 15 Apr 2015)")
    ax.set_ylabel("cumulative members (of 69 governments)")
    ax.set_title("AIIB founding cascade 2014–15: observed vs fundsim")
    ax.legend(fontsize=7, loc="upper left")
    save(fig, "aiib")
    res["config"] = dict(mean=mean[0].tolist(), sd=sd[0].tolist(), n=int(n[0][0]),
                         rmse_signal=float(cal.rmse(mean[0], np.array(res["signal"]["observed"]))),
                         rmse_approval=float(cal.rmse(mean[0], np.array(res["approval"]["observed"]))),
                         p_member={g: float(gov.loc[g, "p_member_final"]) for g in
                                   ("USA", "JPN", "CAN", "AUS", "KOR", "FRA", "DEU", "ITA", "BRA", "IDN", "JOR")})

    def clean(r):
        out = {}
        for k, v in r.items():
            if isinstance(v, dict):
                out[k] = clean(v)
            elif isinstance(v, np.ndarray):
                out[k] = v.tolist()
            elif isinstance(v, list):
                out[k] = [clean(x) if isinstance(x, dict) else x for x in v]
            elif k == "out":
                continue
            else:
                out[k] = v
        return out
    return clean(res)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(fsv.ROOT, "runs", "validation"))
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", nargs="*")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    q = a.quick
    summary_path = os.path.join(a.out, "summary.json")
    summary = json.load(open(summary_path)) if os.path.exists(summary_path) else {}
    jobs = dict(granovetter=lambda: granovetter(a.out),
                bass=lambda: bass(a.out, 200 if q else 2000),
                watts=lambda: watts(a.out, 50 if q else 1000, 2000 if q else 10000),
                reference=lambda: reference(a.out),
                aiib=lambda: aiib(a.out, 32 if q else 256, 50 if q else 100, 200 if q else 2000))
    for name, job in jobs.items():
        if a.only and name not in a.only:
            continue
        t0 = time.time()
        summary[name] = job()
        summary[name]["wall_s"] = time.time() - t0
        print("%s done in %.0f s" % (name, time.time() - t0), flush=True)
        with open(summary_path, "w") as f:
            json.dump(summary, f, indent=1, default=float)
    print(json.dumps(summary, indent=1, default=float)[:20000])


if __name__ == "__main__":
    main()
