#!/usr/bin/python3
"""Build the default scenario's data files from the copied source data.

    /usr/bin/python3 scripts/build_scenario_data.py          # rewrite outputs
    /usr/bin/python3 scripts/build_scenario_data.py --check  # exit 1 if stale

Reads  configs/data/source/{countries,investment_pledges_2025,swf_list}.csv
       (unchanged copies of the project's shared reference data)
Writes configs/data/governments.csv     (governments.from_csv)
       configs/data/ties.csv            (network.from_csv)
       configs/data/derived_values.csv  (numbers typed into configs/us_japan_fund.yaml)

Standard library only; the output is deterministic (fixed order, fixed
rounding). Every rule below is explained in configs/scenario_notes.md; the
membership lists are modelling judgements as of April 2025, not data.
"""
import csv
import io
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "configs", "data")
SRC = os.path.join(DATA, "source")

FOUNDERS = {"USA": 0.5, "JPN": 0.5}      # fund.founders
INITIAL_CAPITAL_USD_BN = 300.0           # fund.initial_capital (seed)

# EU27 is dropped as a government: its 11 member states listed in
# countries.csv are modelled separately (joining a fund is a national fiscal
# decision); keeping both would double count their GDP and trade.
EU_AGGREGATE = "EU27"
EU_MEMBERS = ["DEU", "FRA", "ITA", "NLD", "ESP", "BEL", "IRL", "AUT", "SWE", "POL", "DNK"]

# ---- alliance: additive score, clipped to [0.05, 1]; founders = 1 ----------
ALLIANCE_BASE = 0.3
ALLIANCE_RULES = [  # (points, label, members)
    (+0.3, "U.S. mutual-defence treaty ally (NATO; ANZUS; US-KOR; US-PHL; Manila Pact)",
     ["CAN", "GBR", "DEU", "FRA", "ITA", "NLD", "ESP", "BEL", "POL", "DNK", "NOR", "SWE", "TUR",
      "AUS", "NZL", "KOR", "PHL", "THA"]),
    (+0.2, "G7 member", ["GBR", "CAN", "DEU", "FRA", "ITA"]),
    (+0.1, "Quad member or U.S. Major Non-NATO Ally / Major Defense Partner",
     ["AUS", "IND", "ARG", "BRA", "COL", "ISR", "KOR", "KWT", "NZL", "PHL", "QAT", "THA", "TWN", "ARE"]),
    (+0.1, "CPTPP member (trade tie to Japan)",
     ["AUS", "CAN", "CHL", "MEX", "MYS", "NZL", "PER", "SGP", "VNM", "GBR"]),
    (+0.1, "EU member (EU-Japan EPA; transatlantic ties)", EU_MEMBERS),
    (-0.1, "BRICS full member (Jan 2025)", ["BRA", "CHN", "IND", "RUS", "ZAF", "ARE", "IDN"]),
    (-0.3, "named U.S. strategic competitor (incl. Hong Kong SAR)", ["CHN", "RUS", "HKG"]),
]
ALLIANCE_FLAGS = {
    "NZL": "alliance: ANZUS counted though U.S. obligations to NZ suspended since 1986",
    "TWN": "alliance: treated as MNNA under Pub.L. 107-228",
    "SAU": "alliance: BRICS status unconfirmed - not counted",
    "ARE": "alliance: Major Defense Partner (2024) counted with MNNA",
}

# ---- political volatility: coarse classes (judgement) ----------------------
VOLATILITY = {
    0.10: ("low: stable government; no unscheduled change of government Jan 2024-Apr 2025",
           ["AUS", "NZL", "CHE", "NOR", "SWE", "DNK", "NLD", "IRL", "BEL", "ESP", "ITA", "GBR",
            "SGP", "QAT", "ARE", "SAU", "CHL", "CRI"]),
    0.20: ("moderate: coalition collapse or snap election 2024-25; or policy set by a narrow leadership",
           ["JPN", "CAN", "DEU", "AUT", "POL", "IND", "IDN", "MYS", "PHL", "TWN", "VNM", "CHN",
            "HKG", "KWT", "MEX", "COL", "ZAF", "BRA", "KHM"]),
    0.30: ("elevated: government fell / war / court removal of PM 2024-25; U.S. policy by executive order",
           ["USA", "FRA", "ISR", "THA"]),
    0.40: ("high: constitutional crisis / regime change / frequent presidential removal / abrupt policy swings",
           ["KOR", "BGD", "PER", "ECU", "ARG", "TUR", "RUS"]),
}

# ---- fiscal capacity and stake ---------------------------------------------
FISCAL_DEFAULT = 0.01     # = schema default governments.defaults.fiscal_capacity
FISCAL_CAP = 0.25         # no government commits more than a quarter of GDP
SWF_EXCLUDED = {          # countries.csv swf_aum_usd_bn not used as a national SWF
    "USA": "SWF: Alaska PFC is a state fund - no federal SWF",
    "FRA": "SWF: Bpifrance arguably not a SWF - not used",
}
STAKE_DEFAULT = 0.002     # = schema default governments.defaults.stake; no look-ahead (SPEC 3.1.7):
                          # the 2025 pledges are what the model must produce, never an input

# ---- ties ------------------------------------------------------------------
BLOCS = [  # (weight per pair, name, members)
    (1.0, "G7", ["USA", "JPN", "GBR", "CAN", "DEU", "FRA", "ITA"]),
    (1.0, "Quad", ["USA", "JPN", "AUS", "IND"]),
    (1.0, "USMCA", ["USA", "CAN", "MEX"]),
    (1.0, "GCC (Gulf states)", ["SAU", "ARE", "QAT", "KWT"]),
    (1.0, "China-Hong Kong SAR", ["CHN", "HKG"]),
    (0.5, "NATO", ["USA", "CAN", "GBR", "DEU", "FRA", "ITA", "NLD", "ESP", "BEL", "POL", "DNK",
                   "NOR", "SWE", "TUR"]),
    (0.5, "U.S. Asia-Pacific treaty allies", ["USA", "JPN", "KOR", "AUS", "NZL", "PHL", "THA"]),
    (0.5, "EU-27 members", EU_MEMBERS),
    (0.5, "ASEAN", ["IDN", "MYS", "THA", "SGP", "PHL", "VNM", "KHM"]),
    (0.5, "BRICS", ["CHN", "IND", "BRA", "RUS", "ZAF", "ARE", "IDN"]),
    (0.25, "CPTPP", ["JPN", "AUS", "CAN", "CHL", "MEX", "MYS", "NZL", "PER", "SGP", "VNM", "GBR"]),
]
EUROPEAN_PARTNERS = (0.25, "European partners (EEA/bilaterals/TCA) to each EU member", ["GBR", "NOR", "CHE"])
TRADE_HALF = 0.05         # trade tie weight = s / (s + 0.05), s = goods trade with U.S. / GDP

NEGOTIATION_TRADE_MIN = 20.0  # USD bn goods trade with the U.S. (2024) to get a negotiator


def read(name):
    with open(os.path.join(SRC, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def num(text):
    return float(text) if text.strip() else None


def fmt(x):
    return repr(round(x, 4))


def clean(text):
    """CSV-safe text: no commas, quotes or line breaks (any reader splits it)."""
    text = re.sub(r"(\d),(\d{3})", r"\1\2", text)  # thousands separators
    return " ".join(text.replace(",", ";").replace('"', "'").split())


def alliance_of(iso):
    if iso in FOUNDERS:
        return 1.0
    score = ALLIANCE_BASE + sum(p for p, _, members in ALLIANCE_RULES if iso in members)
    return round(min(1.0, max(0.05, score)), 2)


def volatility_of(iso):
    for value, (_, members) in VOLATILITY.items():
        if iso in members:
            return value
    raise SystemExit(f"no volatility class for {iso}")


def threats_apr2(tariffs):
    """The 2 April 2025 Annex I rate announced per iso3 (EU27 for its members): known at step 0."""
    out = {}
    for r in tariffs:
        if r["event"] == "reciprocal_annexI_apr2":
            out[r["iso3"]] = float(r["rate_pct"]) / 100
    for m in EU_MEMBERS:
        out.setdefault(m, out.get(EU_AGGREGATE, 0.0))
    return out


def governments(countries, tariffs):
    threats = threats_apr2(tariffs)
    rows = []
    for r in countries:
        iso = r["iso3"]
        if iso == EU_AGGREGATE:
            continue
        gdp = float(r["gdp_2024_usd_bn"])
        notes = [clean(r["note"])] if r["note"].strip() else []
        aum = num(r["swf_aum_usd_bn"])
        if aum is not None and iso not in SWF_EXCLUDED:
            fiscal = min(FISCAL_CAP, max(FISCAL_DEFAULT, aum / gdp))
        else:
            fiscal = FISCAL_DEFAULT
            if iso in SWF_EXCLUDED:
                notes.append(SWF_EXCLUDED[iso])
        src = "countries.csv[gdp_2024_usd_bn goods_exports_to_us_2024_usd_bn goods_imports_from_us_2024_usd_bn"
        src += " swf_aum_usd_bn] <- " + clean(r["sources"])
        if iso in FOUNDERS:
            stake = FOUNDERS[iso] * INITIAL_CAPITAL_USD_BN / gdp
            fiscal = max(fiscal, stake)
            notes.append("founder: stake = founding capital share (fund.founders x initial_capital)")
        else:
            stake = STAKE_DEFAULT
        swf = aum if aum is not None and iso not in SWF_EXCLUDED else 0.0
        if swf and r["swf_as_of"].strip() > "2025-04":
            notes.append(f"swf_assets: snapshot {r['swf_as_of']} used for holdings at April 2025")
        if iso in ALLIANCE_FLAGS:
            notes.append(ALLIANCE_FLAGS[iso])
        rows.append({
            "id": iso, "name": clean(r["country"]), "gdp": r["gdp_2024_usd_bn"],
            "exports_to_USA": "" if iso == "USA" else r["goods_exports_to_us_2024_usd_bn"],
            "imports_from_USA": "" if iso == "USA" else r["goods_imports_from_us_2024_usd_bn"],
            "alliance": fmt(alliance_of(iso)), "political_volatility": fmt(volatility_of(iso)),
            "fiscal_capacity": fmt(fiscal), "stake": fmt(stake), "swf_assets": fmt(swf),
            "threat_tariff": fmt(threats.get(iso, 0.0)) if iso not in FOUNDERS else "0.0",
            "source": src, "note": " | ".join(n for n in notes if n),
        })
    return rows


def ties(govs):
    order = {g["id"]: i for i, g in enumerate(govs)}
    weight, why = {}, {}

    def add(a, b, w, label):
        if a == b or a not in order or b not in order:
            return
        key = tuple(sorted((a, b), key=order.get))
        weight[key] = weight.get(key, 0.0) + w
        why.setdefault(key, []).append(label)

    for w, name, members in BLOCS:
        present = [m for m in members if m in order]
        for i, a in enumerate(present):
            for b in present[i + 1:]:
                add(a, b, w, name)
    w, name, partners = EUROPEAN_PARTNERS
    for p in partners:
        for m in EU_MEMBERS:
            add(p, m, w, name)
    for g in govs:
        if g["id"] == "USA":
            continue
        s = (float(g["exports_to_USA"]) + float(g["imports_from_USA"])) / float(g["gdp"])
        add("USA", g["id"], s / (s + TRADE_HALF), "trade with U.S.")
    rows = [{"source": a, "target": b, "weight": fmt(weight[(a, b)])}
            for (a, b) in sorted(weight, key=lambda k: (order[k[0]], order[k[1]]))]
    return rows


# partners whose July deal (announced step 3) or May deal (step 1) already set
# their rate; the 31 July Annex I applies to the others at step 4
DEAL_BEFORE_AUGUST = ["GBR", "JPN", "KOR", "VNM", "IDN", "PHL"] + EU_MEMBERS
ANNEX_SEPARATE = {"BRA": "10 % Annex I + 40 % EO 14323 = one event at 0.50"}


def annex_jul31_groups(govs, tariffs):
    present = {g["id"] for g in govs}
    groups = {}
    for r in tariffs:
        iso = r["iso3"]
        if (r["event"] == "reciprocal_annexI_jul31" and iso in present
                and iso not in DEAL_BEFORE_AUGUST and iso not in ANNEX_SEPARATE):
            groups.setdefault(float(r["rate_pct"]) / 100, []).append(iso)
    return [(f"events.at4.tariff[Annex I 31 Jul] rate {fmt(rate)}", " ".join(groups[rate]),
             "us_tariffs_2025.csv event reciprocal_annexI_jul31 (effective 2025-08-07) for partners without an earlier deal",
             "us_tariffs_2025.csv[rate_pct]") for rate in sorted(groups)]


def derived(govs, pledges, countries):
    """Values typed into the YAML, recomputed here so that they can be checked."""
    out = []
    parties = [g["id"] for g in govs if g["id"] not in FOUNDERS and g["id"] not in EU_MEMBERS
               and float(g["threat_tariff"]) > 0.10
               and float(g["exports_to_USA"]) + float(g["imports_from_USA"]) >= NEGOTIATION_TRADE_MIN]
    out.append(("negotiators.parties", " ".join(parties),
                f"non-founder non-EU governments named in the 2 April 2025 Annex I (threat_tariff > 0.10) with goods "
                f"trade with U.S. >= {NEGOTIATION_TRADE_MIN} bn (2024); CAN and MEX (fentanyl IEEPA, USMCA) are not in it",
                "countries.csv[goods_exports_to_us_2024_usd_bn goods_imports_from_us_2024_usd_bn] + us_tariffs_2025.csv[reciprocal_annexI_apr2]"))
    for iso, label in (("KOR", "KOR"), ("CHE", "CHE"), ("EU27", "DEU (EU bloc)")):
        p = next(r for r in pledges if r["iso3"] == iso)
        out.append((f"default events.trade_deal[USA {label}].commitment", fmt(float(p["headline_usd_bn"])),
                    f"headline pledge announced {p['announce_date']} "
                    "(the default replays 2025; the hindcast never reads it)",
                    "investment_pledges_2025.csv[headline_usd_bn]"))
    return out


# swf_list.csv spells one fund several ways; map each spelling to one fund.
FUND_NAMES = [("Norges Bank", "NBIM"), ("Government Pension Fund Global", "NBIM"),
              ("SAFE", "SAFE IC"), ("China Investment Corporation", "CIC"),
              ("Public Investment Fund", "PIF"), ("Abu Dhabi Investment Authority", "ADIA"),
              ("Kuwait Investment Authority", "KIA"), ("GIC", "GIC"),
              ("Qatar Investment Authority", "QIA"), ("Investment Corporation of Dubai", "ICD"),
              ("Temasek", "Temasek"), ("Mubadala", "Mubadala"), ("ADQ", "ADQ"),
              ("Korea Investment Corporation", "KIC"), ("Future Fund", "Future Fund"),
              ("Iran", "NDFI"), ("Danantara", "Danantara"), ("Hong Kong Monetary Authority", "HKMA"),
              ("Social Security Fund", "NCSSF")]
NOT_SOVEREIGN_LP = {"NCSSF": "a pension fund", "NDFI": "Iran is not a modelled government"}
LP_SHARE_OF_AUM = 0.01
# funds listed only in countries.csv (old snapshots) that become LP classes
COUNTRY_ONLY_FUNDS = {"USA": "Alaska Permanent Fund (state fund)", "TUR": "Turkiye Wealth Fund"}


def fund_id(name):
    for key, fid in FUND_NAMES:
        if key in name:
            return fid
    raise SystemExit(f"unknown fund spelling: {name}")


def sovereign_classes(swfs, countries):
    """One class per country: count = its funds, capital = 1 % of their mean AUM.

    Per fund the figure used is the latest Global SWF ranking (2025-07 before
    2024-01), else SWFI end-2022; rows the file flags uncertain are skipped."""
    gdp = {r["iso3"] for r in countries}
    best = {}
    for r in swfs:
        fid = fund_id(r["fund"])
        if "uncertain" in r["note"] or r["iso3"] not in gdp or fid in NOT_SOVEREIGN_LP:
            continue
        rank = (r["ranking_body"].startswith("Global SWF"), r["as_of"])
        if fid not in best or rank > best[fid][0]:
            best[fid] = (rank, r)
    by_iso = {}
    for fid, (_, r) in sorted(best.items()):
        by_iso.setdefault(r["iso3"], []).append((fid, r["aum_usd_bn"], r["as_of"]))
    for r in countries:
        if r["iso3"] in COUNTRY_ONLY_FUNDS and num(r["swf_aum_usd_bn"]):
            by_iso[r["iso3"]] = [(COUNTRY_ONLY_FUNDS[r["iso3"]], r["swf_aum_usd_bn"], r["swf_as_of"])]
    order = [r["iso3"] for r in countries]
    out = []
    for iso in sorted(by_iso, key=order.index):
        funds = by_iso[iso]
        mean = sum(float(a) for _, a, _ in funds) / len(funds)
        out.append((f"investors.classes[{iso} sovereign]",
                    f"count {len(funds)} capital {fmt(LP_SHARE_OF_AUM * mean)}",
                    f"{LP_SHARE_OF_AUM} x mean AUM of: " + "; ".join(f"{f} {a} ({d})" for f, a, d in funds),
                    "countries.csv[swf_aum_usd_bn]" if iso in COUNTRY_ONLY_FUNDS else "swf_list.csv[aum_usd_bn]"))
    return out


def render(rows, header):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def main():
    check = "--check" in sys.argv[1:]
    countries = read("countries.csv")
    pledges = read("investment_pledges_2025.csv")
    swfs = read("swf_list.csv")
    tariffs = read("us_tariffs_2025.csv")
    govs = governments(countries, tariffs)
    values = (derived(govs, pledges, countries)
              + annex_jul31_groups(govs, tariffs) + sovereign_classes(swfs, countries))
    files = {
        "governments.csv": render(govs, ["id", "name", "gdp", "exports_to_USA", "imports_from_USA", "alliance",
                                         "political_volatility", "fiscal_capacity", "stake", "swf_assets",
                                         "threat_tariff", "source", "note"]),
        "ties.csv": render(ties(govs), ["source", "target", "weight"]),
        "derived_values.csv": render([dict(zip(["key", "value", "rule", "source"], v)) for v in values],
                                     ["key", "value", "rule", "source"]),
    }
    stale = []
    for name, text in files.items():
        path = os.path.join(DATA, name)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            stale.append(name)
            if not check:
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
    for key, value, rule, _ in values:
        print(f"{key} = {value}    # {rule}")
    if check and stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
