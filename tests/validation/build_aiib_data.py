"""Build the AIIB validation data (configs/validation/data/aiib_*.csv) from
the unchanged copies in configs/validation/data/source/.

    /usr/bin/python3 tests/validation/build_aiib_data.py           # rewrite
    /usr/bin/python3 tests/validation/build_aiib_data.py --check   # exit 1 if stale

Outputs
  aiib_governments.csv  id,name,gdp,group,signal_step,approval_step,source
                        69 governments: the 57 prospective founding members
                        (PFMs), the United States and Japan (stayed out), and
                        the ten other economies of countries.csv that were not
                        PFMs (Canada, Mexico, Argentina, Belgium, Ireland,
                        Colombia, Chile, Costa Rica, Ecuador, Peru).  Taiwan
                        and North Korea (applications refused) are left out:
                        the refusal by incumbents is not modelled.  Hong Kong
                        and the EU27 are not sovereign governments.
                        gdp: World Bank 2024 (countries.csv) where listed, else
                        empty (= the default 100; GDP does not enter the
                        peer-only logit used for AIIB, see docs/validation.md).
  aiib_ties.csv         source,target,weight: one row per pair; weight = number
                        of the blocs below that both belong to (2014-15
                        memberships, restricted to the 69).
  aiib_observed.csv     step,month,members_signal,members_approval: the
                        observed cumulative count at the end of each monthly
                        step (step 0 = 31 Oct 2014 ... step 6 = 15 Apr 2015),
                        by the date a government signed the MoU or applied
                        (signal) and by the date it became a PFM (approval).
"""
import csv
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "configs", "validation", "data")
SRC = os.path.join(DATA, "source")

MONTHS = ["2014-10", "2014-11", "2014-12", "2015-01", "2015-02", "2015-03", "2015-04"]
OTHERS = ["CAN", "MEX", "ARG", "BEL", "IRL", "COL", "CHL", "CRI", "ECU", "PER"]
LEFT_OUT = {"TWN", "PRK"}

# Blocs (membership in 2014-15, restricted to the governments modelled).
BLOCS = {
    "ASEAN": "BRN KHM IDN LAO MYS MMR PHL SGP THA VNM",
    "SAARC": "BGD IND MDV NPL PAK LKA",
    "GCC": "KWT OMN QAT SAU ARE",
    "Arab League": "EGY JOR KWT OMN QAT SAU ARE",
    "SCO members and observers": "CHN KAZ KGZ RUS TJK UZB MNG IND PAK IRN",
    "CIS": "AZE KAZ KGZ RUS TJK UZB",
    "ECO": "IRN PAK TUR AZE KAZ KGZ TJK UZB",
    "GUAM": "GEO AZE",
    "BRICS": "BRA RUS IND CHN ZAF",
    "G20": "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA",
    "APEC": "AUS BRN CAN CHL CHN IDN JPN KOR MYS MEX NZL PER PHL RUS SGP THA USA VNM",
    "G7": "USA JPN DEU FRA GBR ITA CAN",
    "EU": "AUT BEL DNK FIN FRA DEU IRL ITA LUX MLT NLD POL PRT ESP SWE GBR",
    "EFTA": "CHE ISL NOR",
    "NATO": "USA CAN GBR FRA DEU ITA NLD BEL LUX DNK NOR ISL PRT ESP TUR POL",
    "OECD": "AUS AUT BEL CAN CHL DNK FIN FRA DEU ISL IRL ISR ITA JPN KOR LUX MEX NLD NZL NOR POL PRT ESP SWE CHE TUR GBR USA",
    "CELAC": "ARG BRA CHL COL CRI ECU MEX PER",
}
# U.S. treaty alliances in the Asia-Pacific (hub and spokes, not a clique).
US_SPOKES = "JPN KOR AUS PHL THA"


def month_step(date):
    """Step of a date string: 2014-10-24 -> 0; '<=2015-03-31' -> 5; windows
    'a..b' -> the step of b (the latest possible); 'YYYY-MM (...)' -> month."""
    d = date.strip()
    if not d:
        return None
    if ".." in d:
        d = d.split("..")[1]
    d = d.replace("<=", "").strip()[:7]
    return MONTHS.index(d)


def build():
    with open(os.path.join(SRC, "aiib_membership.csv"), newline="") as f:
        aiib = list(csv.DictReader(f))
    with open(os.path.join(SRC, "countries.csv"), newline="") as f:
        countries = {r["iso3"]: r for r in csv.DictReader(f)}

    govs = []
    for r in aiib:
        iso = r["iso3"]
        if iso in LEFT_OUT:
            continue
        pfm = r["group"] not in ("non-joiner",)
        sig = month_step(r["signal_date"]) if pfm else None
        app = month_step(r["pfm_approval_date"]) if pfm else None
        govs.append((iso, r["country"], r["group"], sig, app))
    for iso in OTHERS:
        govs.append((iso, countries[iso]["country"], "not a founding member", None, None))

    ids = [g[0] for g in govs]
    assert len(ids) == len(set(ids)) == 69, len(ids)

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "name", "gdp", "group", "signal_step", "approval_step", "source"])
    for iso, name, group, sig, app in govs:
        c = countries.get(iso)
        gdp = c["gdp_2024_usd_bn"] if c else ""
        src = "aiib_membership.csv" + ("; gdp: countries.csv (World Bank WDI 2024)" if c else "; gdp: not in countries.csv (default)")
        w.writerow([iso, name, gdp, group, "" if sig is None else sig, "" if app is None else app, src])
    gov_csv = out.getvalue()

    idset = set(ids)
    weight = {}
    for bloc, members in BLOCS.items():
        ms = members.split()
        for m in ms:
            assert m in idset, (bloc, m)
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                key = tuple(sorted((a, b)))
                weight[key] = weight.get(key, 0) + 1
    for b in US_SPOKES.split():
        key = tuple(sorted(("USA", b)))
        weight[key] = weight.get(key, 0) + 1
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["source", "target", "weight"])
    order = {g: i for i, g in enumerate(ids)}
    for (a, b) in sorted(weight, key=lambda k: (order[k[0]], order[k[1]])):
        if order[a] > order[b]:
            a, b = b, a
        w.writerow([a, b, weight[tuple(sorted((a, b)))]])
    ties_csv = out.getvalue()
    isolated = [g for g in ids if not any(g in k for k in weight)]
    assert not isolated, isolated

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["step", "month", "members_signal", "members_approval"])
    for s, m in enumerate(MONTHS):
        ns = sum(1 for g in govs if g[3] is not None and g[3] <= s)
        na = sum(1 for g in govs if g[4] is not None and g[4] <= s)
        w.writerow([s, m, ns, na])
    obs_csv = out.getvalue()
    return {"aiib_governments.csv": gov_csv, "aiib_ties.csv": ties_csv, "aiib_observed.csv": obs_csv}


def main(argv):
    files = build()
    stale = []
    for name, text in files.items():
        path = os.path.join(DATA, name)
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            stale.append(name)
            if "--check" not in argv:
                with open(path, "w") as f:
                    f.write(text)
    if "--check" in argv:
        if stale:
            print("stale:", ", ".join(stale))
            return 1
        print("up to date")
        return 0
    print("wrote", ", ".join(sorted(files)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
