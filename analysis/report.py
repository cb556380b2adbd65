#!/usr/bin/python3
"""Write the figures and a one-page summary of a fundsim run: who joins,
when, and what the fund earns them.

    /usr/bin/python3 analysis/report.py runs/us_japan_fund --out runs/us_japan_fund/report

writes adoption_curve.png, join_probabilities.png, join_timing.png,
fund_balance_sheet.png and revenue_vs_counterfactual.png (only when the fund
invests: projects, debt or LP capital), parameter_effect.png (only when the
run has a sweep), summary.md and report.html (the same page with the
figures, for a browser or for printing to PDF). Panels that do not apply to
the run are left out, and the summary says so.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path
from typing import List, Sequence

import matplotlib

matplotlib.use("Agg")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fundsim_analysis as fa  # noqa: E402
from fundsim_analysis import calendar  # noqa: E402

#: (file stem, plot function, caption) in report order.
PLOTS = [
    ("adoption_curve", fa.adoption_curve, "Adoption over time (mean, band p05–p95 over worlds), events marked"),
    ("join_probabilities", fa.join_probabilities, "Who joins, with what probability, and when they first join"),
    ("join_timing", fa.join_timing, "When joining happens: the first join of a world, and of each top member"),
    ("fund_balance_sheet", fa.fund_balance_sheet, "Fund balance sheet, USD bn"),
    ("revenue_vs_counterfactual", fa.revenue_vs_counterfactual,
     "Fund revenue vs the tax-incentive counterfactual, by owner and per dollar committed, USD bn"),
    ("parameter_effect", fa.parameter_effect, "Final adoption per swept parameter (binned points, 95 % CI)"),
]

#: Why a figure is left out, by stem, when it does not apply to a run.
SKIPPED = {
    "parameter_effect": "this run has no sweep (points.csv has only `point`)",
    "fund_balance_sheet": "the fund finances no project and holds no debt or LP capital in any world",
    "revenue_vs_counterfactual": "the fund finances no project and holds no debt or LP capital in any world",
}


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
    summary = summary_markdown(run, figures)
    (out / "summary.md").write_text(summary, encoding="utf-8")
    (out / "report.html").write_text(markdown_to_html(summary, run.name), encoding="utf-8")
    print(f"report written to {out}/summary.md and {out}/report.html ({len(figures)} figures)")
    return 0


def write_figures(run: fa.Run, out: Path, top: int, dpi: int) -> List[tuple]:
    """Save each plot that applies as OUT/<stem>.png. Returns (stem, caption)
    of those written; see SKIPPED and :func:`applies`."""
    written = []
    for stem, plot, caption in PLOTS:
        if not applies(run, stem):
            continue
        fig = plot(run, top=top) if stem == "join_probabilities" else plot(run)
        fig.savefig(out / f"{stem}.png", dpi=dpi)
        written.append((stem, caption))
    if fa.load_sensitivity(run) is not None:  # a design: saltelli run
        fa.sensitivity_bars(run).savefig(out / "sensitivity.png", dpi=dpi)
        written.append(("sensitivity", "Sobol indices of final adoption per swept parameter (sensitivity.csv)"))
    return written


def applies(run: fa.Run, stem: str) -> bool:
    """Whether figure ``stem`` says something about ``run``."""
    if stem == "parameter_effect":
        return bool(run.parameters)
    if stem in ("fund_balance_sheet", "revenue_vs_counterfactual"):
        return fa.has_fund_activity(run)
    return True


def summary_markdown(run: fa.Run, figures: List[tuple]) -> str:
    """The text of summary.md for ``run``, embedding ``figures`` (stem, caption)."""
    start = calendar.start_date(run)
    lines = [f"# {run.name}", "", f"Result folder: `{run.path}`", ""]
    lines += [f"- points: {len(run.points)}"
              + (f" (swept: {', '.join(f'`{p}`' for p in run.parameters)})" if run.parameters else ""),
              f"- worlds per point: {run.worlds_per_point} ({len(run.worlds)} in all)",
              f"- steps: {run.steps} ({run.steps * run.months_per_step:g} months"
              + (f", from {start:%d %B %Y})" if start is not None else "; no `experiment.start_date`)"),
              f"- status: {run.manifest.get('status', 'unknown')}", ""]
    lines += _who_joins(run)
    lines += ["## Final adoption", "", "Share of governments that are members at the end, over worlds.", ""]
    lines += _table(["point", "mean", "p05", "p95"], _adoption_rows(run))
    if fa.has_fund_activity(run):
        lines += ["", "## Fund at the end (USD bn, mean [p05–p95])", ""]
        lines += _table(["point", "equity", "assets", "debt"], _fund_rows(run))
        lines += ["", "## Revenue to governments vs tax-incentive counterfactual (cumulative, USD bn)", ""]
        lines += _table(["point", "fund revenue", "counterfactual", "revenue / counterfactual"], _revenue_rows(run))
        lines += _owner_rows(run)
    lines += ["", "## Figures", ""]
    for stem, caption in figures:
        lines += [f"### {caption}", "", f"![{caption}]({stem}.png)", ""]
    left_out = [(stem, SKIPPED[stem]) for stem, _, _ in PLOTS if not applies(run, stem)]
    for stem, why in left_out:
        name = "parameter-effect" if stem == "parameter_effect" else stem.replace("_", " ")
        lines += [f"The {name} plot is skipped: {why}.", ""]
    return "\n".join(lines)


def _who_joins(run: fa.Run) -> List[str]:
    """The "who joins, when, and why" section: a table a reader can check
    against governments.csv and trajectories.csv."""
    table = fa.join_table(run).head(15)
    names = calendar.government_names(run)
    has_first = "first_join_p50" in table.columns
    header = ["government", "P(member at end) [95 % CI]", "P(ever joined) [95 % CI]"]
    if has_first:
        header += ["first join: median (p05–p95)", "trajectory worlds where it joined"]
    rows = []
    for gov, r in table.iterrows():
        row = [calendar.display_name(names, gov),
               f"{_pct(r['p_member_final'])} [{_pct(r['p_member_final_low'])}–{_pct(r['p_member_final_high'])}]",
               f"{_pct(r['p_joined'])} [{_pct(r['p_joined_low'])}–{_pct(r['p_joined_high'])}]"]
        if has_first:
            row += [f"{calendar.step_text(run, r['first_join_p50'])} ({calendar.step_text(run, r['first_join_p05'])}"
                    f"–{calendar.step_text(run, r['first_join_p95'])})",
                    _num(r["first_join_worlds"], 0) if r["first_join_worlds"] == r["first_join_worlds"] else "0"]
        rows.append(row)
    pooled = f", pooled over the {len(run.points)} points" if len(run.points) > 1 else ""
    lines = ["## Who joins, and when (top 15, founders excluded)", "",
             f"Probabilities: `governments.csv` (`p_member_final`, `p_joined`) over "
             f"{int(table['n_worlds'].max()) if len(table) else 0} worlds{pooled}, with 95 % Wilson intervals."]
    if has_first:
        lines += [f"First join: the first step with status `member` in `trajectories.csv` (the "
                  f"{fa.joins.trajectory_worlds(run)} trajectory worlds), among the worlds where it joined."]
    lines += [""] + _table(header, rows) + [""]
    lines += _why_rows(run, list(table.index))
    lines += ["### Asking the model why", "",
              "Ask the model: run the experiment again with one utility term knocked out and compare the two "
              "runs world by world (same seed, so the worlds are paired):", "",
              "```sh",
              "fundsim run EXPERIMENT.yaml --set behavior.logit.peer=0 --out runs/no_peer",
              f"fundsim compare {run.path} runs/no_peer --out runs/why_peer",
              "```", "",
              "The governments whose membership falls most (`compare_governments.csv`) are those the term "
              "brings in; repeat with `tariff_relief`, `fund_return`, `alliance`, `risk`, `fiscal_cost`.", ""]
    return lines


CHANNELS = ["founder", "deal", "bloc", "utility", "threshold", "bass", "event"]
TERMS = ["tariff_relief", "fund_return", "peer", "alliance", "risk", "fiscal_cost", "founding"]


def _why_rows(run: fa.Run, governments: List[str]) -> List[str]:
    """Why they join, from governments.csv alone: the channel of the joins
    (share_<channel>) and, under logit, the utility terms at joining
    (mean_u_<term>); point 0 when swept."""
    gov = run.governments
    if "share_deal" not in gov.columns:
        return []
    first = gov[gov["point"] == gov["point"].min()].set_index(run.government_column)
    names = calendar.government_names(run)
    rows = []
    for g in governments:
        if g not in first.index:
            continue
        r = first.loc[g]
        channels = ", ".join(f"{c} {_pct(r['share_' + c])}" for c in CHANNELS
                             if f"share_{c}" in r and r[f"share_{c}"] == r[f"share_{c}"] and r[f"share_{c}"] >= 0.05)
        terms = [(t, r.get(f"mean_u_{t}")) for t in TERMS]
        terms = [(t, v) for t, v in terms if v == v and v is not None and abs(v) >= 0.05]
        terms.sort(key=lambda tv: -abs(tv[1]))
        rows.append([calendar.display_name(names, g), channels or "–",
                     ", ".join(f"{t} {v:+.2f}" for t, v in terms[:4]) or "–",
                     f"{calendar.step_text(run, r['first_join_p50'])}" if r.get("first_join_p50") == r.get("first_join_p50") else "–"])
    if not rows:
        return []
    return ["## Why they join", "",
            "From `governments.csv` (point 0): the channel of their joins (`share_<channel>`, all worlds) and, "
            "under the logit rule, the largest weighted utility terms at the moment of joining (`mean_u_<term>`, "
            "utility units; risk and fiscal cost count against), and the median first join (`first_join_p50`).", ""] + \
        _table(["government", "channels of its joins", "largest utility terms at joining", "median first join"], rows) + [""]


def _owner_rows(run: fa.Run) -> List[str]:
    by_owner = fa.revenue_by_owner(run)
    if by_owner is None:
        return []
    rows = [[group, _num(r["revenue_usd_bn"]), _num(r["counterfactual_usd_bn"]), _num(r["committed_usd_bn"]),
             f"{100 * r['revenue_per_usd']:.1f} ¢"] for group, r in by_owner.iterrows()]
    return ["", f"By owner (all worlds; committed and per dollar: {by_owner.attrs.get('basis', '')}). "
                "The counterfactual goes to the governments hosting the projects.", ""] + \
        _table(["owners", "fund revenue", "counterfactual", "committed", "revenue per USD committed"], rows)


def markdown_to_html(text: str, title: str) -> str:
    """summary.md as one self-standing HTML page (headings, paragraphs, lists,
    tables, code and the figures), styled for screen and print."""
    body, table, code, paragraph = [], [], None, []

    def flush():
        if paragraph:
            body.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if table:
            cells = [[c.strip() for c in row.strip("|").split("|")] for row in table if not re.match(r"^\|(-+\|)+$", row)]
            head = "".join(f"<th>{_inline(c)}</th>" for c in cells[0])
            rows = "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in cells[1:])
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
            table.clear()

    for line in text.splitlines():
        if code is not None:
            if line.startswith("```"):
                body.append(f"<pre><code>{html.escape(chr(10).join(code))}</code></pre>")
                code = None
            else:
                code.append(line)
            continue
        image = re.match(r"^!\[(.*)\]\((.*)\)$", line)
        if line.startswith("```"):
            flush()
            code = []
        elif line.startswith("|"):
            table.append(line)
        elif line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            body.append(f"<h{level}>{_inline(line[level:].strip())}</h{level}>")
        elif image:
            flush()
            body.append(f'<figure><img src="{html.escape(image.group(2))}" alt="{html.escape(image.group(1))}">'
                        f"<figcaption>{_inline(image.group(1))}</figcaption></figure>")
        elif line.startswith("- "):
            flush()
            body.append(f"<ul><li>{_inline(line[2:])}</li></ul>")
        elif not line.strip():
            flush()
        else:
            paragraph.append(line)
    flush()
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
             "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.2em .5em;"
             "text-align:left}img{max-width:100%}figure{margin:1em 0;page-break-inside:avoid}"
             "pre{background:#f4f4f4;padding:.5em}ul{margin:.2em 0}")
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def _inline(text: str) -> str:
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", html.escape(text))


def _adoption_rows(run: fa.Run) -> List[list]:
    grouped = run.worlds.groupby("point")["adoption_final"]
    stats = grouped.agg(mean="mean", p05=lambda s: s.quantile(0.05), p95=lambda s: s.quantile(0.95))
    return [[run.point_label(p), _pct(r["mean"]), _pct(r["p05"]), _pct(r["p95"])]
            for p, r in stats.iterrows()]


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
