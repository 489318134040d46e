"""`sim simulate` and `sim compare` as tables (table, md, csv)."""
from __future__ import annotations

from sim.assess.simulate import _num
from sim.report.labels import STATUS as STATUS_LABELS
from sim.report.labels import localize, to_json
from sim.report.labels.tables import SIMULATE_LABELS as LABELS
from sim.report.tables import render, who

SIM_COLUMNS = ["indicator", "name", "text", "target_year", "projected", "probability", "se", "p10", "p50",
               "p90", "method", "draw_per", "status", "owner", "uncertainty"]


SIM_SHORT = {"indicator", "text", "target_year", "projected", "probability", "p10", "p50", "p90", "method",
             "draw_per", "status"}


def prob_cell(r: dict) -> str | None:
    """A probability as shown: '41.3%', or '<0.01%' / '>99.99%' when no draw (or every draw) met it."""
    p = r.get("probability")
    if p is None:
        return None
    if r.get("method") == "monte_carlo" and p in (0.0, 1.0):
        one = float(format(100 / r["draws"], ".2g"))
        least = f"{one:f}".rstrip("0").rstrip(".")   # one draw's share in %, no exponent
        places = len(least.partition(".")[2])
        return f"<{least}%" if p == 0 else f">{100 - float(least):.{places}f}%"
    return f"{p:.1%}" if p >= 0.001 or p == 0 else f"{100 * p:.2g}%"


def few_draws(sim: dict, lab: dict) -> str:
    """' ' + the note that Monte Carlo percentiles were not given for too few draws, or ''."""
    least = sim.get("min_band_draws", 0)
    if not sim["monte_carlo_run"] or sim["draws"] >= least:
        return ""
    return " " + lab["few_draws"].format(draws=sim["draws"], least=least)


def sim_cell(r: dict, key: str, lang: str, fmt: str, ids: bool = False):
    if key == "indicator":
        return who(r, fmt, ids)
    v = r.get(key)
    lab = LABELS[lang]
    if v is None:
        return None
    if key == "probability":
        return v if fmt == "csv" else prob_cell(r)
    if key == "method":
        return lab.get(v, v)
    if key == "draw_per":
        return lab.get({"year": "per_year", "path": "per_path"}.get(v, v), v)
    if key == "status":
        return STATUS_LABELS[lang][v]
    if isinstance(v, float):
        return float(f"{v:.6g}") if fmt == "csv" else round(v, 4)
    return v


def render_simulation(report: dict, fmt: str, lang: str = "zh", wide: bool = False,
                      by_year: bool = False, ids: bool = False) -> str:
    if fmt == "json":   # to_json writes the sentences in English
        return to_json(report)
    report = localize(report, lang)
    lab = LABELS[lang]
    sim = report["simulation"]
    if by_year:
        per = {r["indicator"]: r["draw_per"] for r in report["rows"] if r["draw_per"]}
        headers = [lab[k] for k in ("indicator", "year", "p10", "p50", "p90", "draw_per")]
        rows = [[i, int(y), v["p10"], v["p50"], v["p90"], sim_cell({"draw_per": per.get(i, "fixed")}, "draw_per",
                                                                     lang, fmt)]
                for i, by in report["fan"].items() for y, v in by.items()]
        title = f"{report['plan']['title']} — {report['scenario']['name'] or report['scenario']['id']}"
        note = few_draws(sim, lab).strip() if fmt != "csv" else ""   # csv: the empty cells, no stray row
        return render(headers, rows, fmt, title=title + " · P10/P50/P90") + (note + "\n" if note else "")
    cols = [c for c in SIM_COLUMNS if wide or fmt != "table" or c in SIM_SHORT]
    rows = [[sim_cell(r, c, lang, fmt, ids) for c in cols] for r in report["rows"]]
    headers = [lab[c] for c in cols]
    if fmt == "csv":
        return render(headers + ["status_code", "method_code"],
                      [row + [r["status"], r["method"]] for row, r in zip(rows, report["rows"])], "csv")
    draws = lab["draws"].format(draws=sim["draws"], seed=sim["seed"]) if sim["monte_carlo_run"] else \
        lab["closed_form"]
    title = f"{report['plan']['title']} — {report['scenario']['name'] or report['scenario']['id']} · {draws}"
    s = report["summary"]
    lines = [f"{lab['summary']}: {s['with_probability']}/{s['targets']} — " +
             ", ".join(f"{lab[b]} {n}" for b, n in s["by_band"].items() if n), lab["foot"] + few_draws(sim, lab)]
    if fmt == "md":
        lines = [f"**{lines[0]}**", "", lines[1]]
    drop = tuple(cols.index(c) for c in ("draw_per", "method", "p50", "target_year") if c in cols)
    return render(headers, rows, fmt, title=title, drop=drop) + "\n".join(lines) + "\n"


def render_compare(report: dict, fmt: str, lang: str = "zh", ids: bool = False) -> str:
    if fmt == "json":   # to_json writes the sentences in English
        return to_json(report)
    report = localize(report, lang)
    lab = LABELS[lang]
    scs = report["scenarios"]
    if fmt == "csv":
        return render(*compare_table(report, lang), "csv")
    headers = [lab["indicator"], lab["text"], lab["target_year"]] + [f"{sc['name'] or sc['key']}" for sc in scs]
    rows = []
    for r in report["rows"]:
        cells = [who(r, fmt, ids), r["text"], r["target_year"]]
        for sc in scs:          # one cell per scenario: projected · status · probability
            c = r["scenarios"][sc["key"]]
            proj = f"{c['projected']:.4g}" if c["projected"] is not None else "—"
            cells.append(f"{proj} · {STATUS_LABELS[lang][c['status']]}"
                         + (f" · {prob_cell(c)}" if c["probability"] is not None else "")
                         + (" †" if c["draw_per"] == "path" else ""))
        rows.append(cells)
    sim = report["simulation"]
    title = f"{report['plan']['title']} · " + lab["draws"].format(draws=sim["draws"], seed=sim["seed"])
    lines = []
    for sc in scs:
        s = report["summary"][sc["key"]]
        lines.append(f"{sc['name'] or sc['key']}: " + ", ".join(f"{lab[b]} {n}" for b, n in s["by_band"].items()
                                                                if n))
    lines.append(lab["cell"] + " " + lab["foot"] + few_draws(sim, lab))
    if fmt == "md":
        lines = [f"- {x}" for x in lines]
    return render(headers, rows, fmt, title=title) + "\n".join(lines) + "\n"


def compare_table(report: dict, lang: str) -> tuple[list[str], list[list]]:
    """(headers, rows) of a compare report as csv writes it: projected, status code and probability
    per scenario (headed by its key)."""
    lab = LABELS[lang]
    scs = report["scenarios"]
    headers = [lab["indicator"], lab["text"], lab["target_year"]]
    for sc in scs:
        headers += [f"{sc['key']}: {k}" for k in ("projected", "status", "probability")]
    rows = []
    for r in report["rows"]:
        cells = [r["indicator"], r["text"], r["target_year"]]
        for sc in scs:
            c = r["scenarios"][sc["key"]]
            cells += [_num(c["projected"]) if c["projected"] is not None else None, c["status"], c["probability"]]
        rows.append(cells)
    return headers, rows


def render_compare_plans(report: dict, fmt: str, lang: str = "zh", ids: bool = False) -> str | bytes:
    """A portfolio of compare reports (sim.report.plans): each plan's table, then each scenario
    across plans (statuses and probability bands) and the targets not on track by plan and scenario."""
    from sim.assess.statuses import Status
    from sim.report.labels.plans import PLANS_TEXT
    from sim.report.plans import render_plans

    def tables(rep: dict, lg: str):
        t, lab, by = PLANS_TEXT[lg], LABELS[lg], rep["summary"]["by_scenario"]
        names = {sc["key"]: sc["name"] or sc["key"] for sc in rep["scenarios"]}
        bands = [b for b in lab if b in ("likely", "more_likely_than_not", "unlikely", "very_unlikely")]
        across = [[names[k], g["targets"]] + [g["by_status"][s] for s in Status] + [
            sum(g["by_plan"][p]["not_on_track"] for p in g["by_plan"])] + [g["probability"]["by_band"][b]
                                                                            for b in bands]
                  for k, g in by.items()]
        plans = [[p, next(iter(by.values()))["by_plan"][p]["targets"]] + [g["by_plan"][p]["not_on_track"]
                                                                         for g in by.values()]
                 for p in (next(iter(by.values()))["by_plan"] if by else ())]
        return [(t["by_scenario"], [t["scenario"], t["targets"]] + [STATUS_LABELS[lg][s] for s in Status]
                 + [t["not_on_track"]] + [lab[b] for b in bands], across),
                (t["by_plan"], [t["plan"], t["targets"]] + [f"{names[k]}: {t['not_on_track']}" for k in by], plans)]

    def lines(rep: dict, lg: str):
        sim = rep["simulation"]
        return [PLANS_TEXT[lg]["draws"].format(draws=sim["draws"], seed=sim["seed"])]
    return render_plans(report, fmt, lang, lambda r, f, lg: render_compare(r, f, lg, ids), compare_table,
                        tables=tables, lines=lines)
