#!/usr/bin/python3
"""Write the standard plots and a summary of a fundsim run.

    /usr/bin/python3 analysis/report.py runs/us_japan_fund --out runs/us_japan_fund/report

writes adoption_curve.png, join_probabilities.png, fund_balance_sheet.png,
revenue_vs_counterfactual.png, parameter_effect.png (only when the run has a
sweep) and summary.md, which embeds them by relative links.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Sequence

import matplotlib

matplotlib.use("Agg")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fundsim_analysis as fa  # noqa: E402
from fundsim_analysis.load import founders  # noqa: E402

#: (file stem, plot function, caption) in report order.
PLOTS = [
    ("adoption_curve", fa.adoption_curve, "Adoption over time (mean, band p05–p95 over worlds)"),
    ("join_probabilities", fa.join_probabilities, "Who joins, with what probability, and when"),
    ("fund_balance_sheet", fa.fund_balance_sheet, "Fund balance sheet, USD bn"),
    ("revenue_vs_counterfactual", fa.revenue_vs_counterfactual,
     "Revenue to member governments vs the tax-incentive counterfactual, USD bn"),
    ("parameter_effect", fa.parameter_effect, "Final adoption against the first swept parameter"),
]


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status (0 ok, 2 bad input)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", metavar="RUN_DIR", help="a fundsim result folder")
    parser.add_argument("--out", metavar="DIR", help="where to write the report (default RUN_DIR/report)")
    parser.add_argument("--top", type=int, default=20, help="governments in the join plot (default 20)")
    parser.add_argument("--dpi", type=int, default=120, help="PNG resolution (default 120)")
    args = parser.parse_args(argv)
    try:
        run = fa.load_run(args.run_dir)
    except (FileNotFoundError, ValueError, KeyError) as error:
        print(f"report.py: {error}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else run.path / "report"
    out.mkdir(parents=True, exist_ok=True)
    figures = write_figures(run, out, args.top, args.dpi)
    (out / "summary.md").write_text(summary_markdown(run, figures), encoding="utf-8")
    print(f"report written to {out}/summary.md ({len(figures)} figures)")
    return 0


def write_figures(run: fa.Run, out: Path, top: int, dpi: int) -> List[tuple]:
    """Save each plot as OUT/<stem>.png. Returns (stem, caption) of those written;
    the parameter-effect plot is skipped when the run has no sweep."""
    written = []
    for stem, plot, caption in PLOTS:
        if stem == "parameter_effect" and not run.parameters:
            continue
        fig = plot(run, top=top) if stem == "join_probabilities" else plot(run)
        fig.savefig(out / f"{stem}.png", dpi=dpi)
        written.append((stem, caption))
    if fa.load_sensitivity(run) is not None:  # a design: saltelli run
        fa.sensitivity_bars(run).savefig(out / "sensitivity.png", dpi=dpi)
        written.append(("sensitivity", "Sobol indices of final adoption per swept parameter (sensitivity.csv)"))
    return written


def summary_markdown(run: fa.Run, figures: List[tuple]) -> str:
    """The text of summary.md for ``run``, embedding ``figures`` (stem, caption)."""
    lines = [f"# {run.name}", "", f"Result folder: `{run.path}`", ""]
    lines += [f"- points: {len(run.points)}"
              + (f" (swept: {', '.join(f'`{p}`' for p in run.parameters)})" if run.parameters else ""),
              f"- worlds per point: {run.worlds_per_point} ({len(run.worlds)} in all)",
              f"- steps: {run.steps} ({run.steps * run.months_per_step:g} months)",
              f"- status: {run.manifest.get('status', 'unknown')}", ""]
    lines += ["## Final adoption", "", "Share of governments that are members at the end, over worlds.", ""]
    lines += _table(["point", "mean", "p05", "p95"], _adoption_rows(run))
    lines += ["", "## Who joins (top 10, founders excluded)", ""]
    if len(run.points) > 1:
        lines += [f"Mean over the {len(run.points)} points.", ""]
    lines += _table(["government", "P(member at end)", f"mean join month (since {fa.plots.START_LABEL})"],
                    _join_rows(run, 10))
    lines += ["", "## Fund at the end (USD bn, mean [p05–p95])", ""]
    lines += _table(["point", "equity", "assets", "debt"], _fund_rows(run))
    lines += ["", "## Revenue to member governments vs tax-incentive counterfactual (cumulative, USD bn)", ""]
    lines += _table(["point", "fund revenue", "counterfactual", "revenue / counterfactual"], _revenue_rows(run))
    lines += ["", "## Figures", ""]
    for stem, caption in figures:
        lines += [f"### {caption}", "", f"![{caption}]({stem}.png)", ""]
    if not run.parameters:
        lines += ["The parameter-effect plot is skipped: this run has no sweep "
                  "(points.csv has only `point`).", ""]
    return "\n".join(lines)


def _adoption_rows(run: fa.Run) -> List[list]:
    grouped = run.worlds.groupby("point")["adoption_final"]
    stats = grouped.agg(mean="mean", p05=lambda s: s.quantile(0.05), p95=lambda s: s.quantile(0.95))
    return [[run.point_label(p), _pct(r["mean"]), _pct(r["p05"]), _pct(r["p95"])]
            for p, r in stats.iterrows()]


def _join_rows(run: fa.Run, top: int) -> List[list]:
    gov = run.government_column
    table = run.governments[~run.governments[gov].astype(str).isin(founders(run))]
    stats = table.groupby(gov)[["p_member_final", "mean_join_step"]].mean()
    stats = stats.sort_values("p_member_final", ascending=False).head(top)
    return [[name, _pct(r["p_member_final"]), _num(r["mean_join_step"] * run.months_per_step)]
            for name, r in stats.iterrows()]


def _final(run: fa.Run, metric: str):
    rows = run.metric(metric)
    return rows[rows["step"] == rows["step"].max()].set_index("point")


def _fund_rows(run: fa.Run) -> List[list]:
    equity, assets, debt = (_final(run, m) for m in ("fund_equity", "fund_assets", "fund_debt"))
    return [[run.point_label(p)] + [_band(t.loc[p]) for t in (equity, assets, debt)]
            for p in equity.index]


def _revenue_rows(run: fa.Run) -> List[list]:
    revenue, counter = _final(run, "revenue_total"), _final(run, "revenue_tax_counterfactual")
    rows = []
    for p in revenue.index:
        r, c = revenue.loc[p, "mean"], counter.loc[p, "mean"]
        rows.append([run.point_label(p), _band(revenue.loc[p]), _band(counter.loc[p]),
                     _num(r / c, 2) if c else "—"])
    return rows


def _table(header: List[str], rows: List[list]) -> List[str]:
    if not rows:
        return ["(no rows)"]
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return out


def _pct(value) -> str:
    return "—" if value != value else f"{100 * value:.1f} %"


def _num(value, digits: int = 1) -> str:
    return "—" if value != value else f"{value:,.{digits}f}".replace(",", " ")


def _band(row) -> str:
    return f"{_num(row['mean'])} [{_num(row['p05'])}–{_num(row['p95'])}]"


if __name__ == "__main__":
    sys.exit(main())
