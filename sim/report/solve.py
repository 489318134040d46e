"""`sim solve` and `sim sweep` as tables."""
from __future__ import annotations

from sim.report.labels import STATUS as STATUS_LABELS
from sim.report.labels import localize, to_json
from sim.report.labels.tables import SOLVE_TEXT as TEXT
from sim.report.simulation import sim_cell
from sim.report.tables import render, who


def _pace_cell(x, model: str | None) -> str | None:
    """A pace as `sim check` shows it: '8.70%' for rates, '+0.124' for changes (model or unit)."""
    if x is None:
        return None
    return f"{x:.2f}%" if model in ("compound", "growth_rate", "rate", "%/yr") else f"{x:+.4g}"


def render_solve(report: dict, fmt: str, lang: str = "zh", ids: bool = False) -> str:
    if fmt == "json":   # to_json writes the sentences in English
        return to_json(report)
    report = localize(report, lang)
    t = TEXT[lang]
    headers, rows = solve_table(report, fmt, lang, ids)
    title = f"{report['plan']['title']} — {report['scenario']['name'] or report['scenario']['id']}"
    heads = _heads(report["solve"]["probability"])
    out = render(headers, rows, fmt, title=title, drop=tuple(heads.index(h) for h in NARROW if h in heads))
    if fmt == "csv":
        return out
    extra = [f"{who(r, fmt, ids)} {r['target_year']} — {t['baselines']}: " + ", ".join(
        f"{b['baseline']:.4g} → {_pace_cell(b['required_pace'], r['pace_model'])}" for b in r["baseline_range"])
        for r in report["rows"] if r["baseline_range"]]
    return out + "".join(x + "\n" for x in extra)


NARROW = ("at", "draw_per", "assumed", "start", "by")
"""Columns a narrow terminal leaves out, the first first."""


def _heads(p: float | None) -> list[str]:
    return ["indicator", "text", "by", "start", "break_even"] + (["for_p", "draw_per"] if p is not None else []) \
        + ["assumed", "reached", "at", "notes"]


def solve_table(report: dict, fmt: str, lang: str, ids: bool = False) -> tuple[list[str], list[list]]:
    """(headers, rows) of a localized solve report: paces as shown, or as numbers for csv; indicators
    named as ``sim.report.tables.who`` says."""
    t = TEXT[lang]
    p = report["solve"]["probability"]
    heads = _heads(p)
    headers = [t[h].format(p=p) if h == "for_p" else t[h] for h in heads]
    rows = []
    for r in report["rows"]:
        m = r["pace_model"]
        start = None if r["start"] is None else f"{r['start']:g} ({r['start_year']})"
        cells = [who(r, fmt, ids), r["text"], r["target_year"], start,
                 r["break_even_pace"] if fmt == "csv" else _pace_cell(r["break_even_pace"], m)]
        if p is not None:
            cells.append(r["pace_for_probability"] if fmt == "csv" else
                         _pace_cell(r["pace_for_probability"], r["pace_for_probability_unit"]))
            cells.append(r["draw_per"] if fmt == "csv" or r["draw_per"] is None else
                         sim_cell({"draw_per": r["draw_per"]}, "draw_per", lang, fmt))
        cells += [r["assumed_pace"] if fmt == "csv" else _pace_cell(r["assumed_pace"], m), r["year_reached"],
                  r["year_reached_pace"] if fmt == "csv" else
                  _pace_cell(r["year_reached_pace"], r["year_reached_pace_unit"]),
                  "; ".join(r["notes"]) or None]
        rows.append(cells)
    return headers, rows


def render_sweep(report: dict, fmt: str, lang: str = "zh") -> str:
    if fmt == "json":   # to_json writes the sentences in English
        return to_json(report)
    report = localize(report, lang)
    t = TEXT[lang]
    field = report["field"]
    ind = report["indicator"]
    if fmt == "csv":
        return render(*sweep_table(report), "csv")
    defl = report["deflators"] or [None]
    parts = []
    for tg in report["targets"]:
        cells = {(c[field], c["deflator"]): c for c in report["cells"] if c["target_year"] == tg["year"]
                 and c["text"] == tg["text"]}
        headers = [t[field]] + ([f"{d:.2%}" for d in defl] if report["deflators"] else
                                [f"{t['projected']} ({ind['unit']})" if ind["unit"] else t["projected"]])
        rows = []
        for v in report["values"]:
            row = [f"{v:.2%}" if field != "change" else f"{v:+g}"]
            for d in defl:
                c = cells[(v, d)]
                row.append(None if c["projected"] is None else
                           f"{c['projected']:.4g}" + (" ✓" if c["meets"] else ""))
            rows.append(row)
        title = (f"{ind['id']} {ind['name']} — {tg['text']} ({tg['year']}) · "
                 + t["sweep"].format(field=t[field]) if report["deflators"] else
                 f"{ind['id']} {ind['name']} — {tg['text']} ({tg['year']})")
        parts.append(render(headers, rows, fmt, title=title))
        req = _pace_cell(tg["required_pace"], "rate" if tg["pace_unit"] == "%/yr" else "increment")
        foot = f"{t['meets']}; {t['required']} {req or '—'}" + \
            (t["from"].format(x=tg["start"], y=tg["start_year"]) if tg["start"] is not None else "")
        if tg["break_even_real_by_deflator"]:
            foot += "; " + t["real_by"] + ": " + ", ".join(f"{b['deflator']:.2%} → {_pace_cell(b['real_pace'], 'rate')}"
                                                           for b in tg["break_even_real_by_deflator"])
        parts.append(foot + "\n")
    return "\n".join(parts)


def sweep_table(report: dict, lang: str | None = None) -> tuple[list[str], list[list]]:
    """(headers, rows) of a sweep's cells as csv writes them (codes and numbers, any language)."""
    field = report["field"]
    return (["target_year", field, "deflator", "projected", "status", "meets"],
            [[c["target_year"], c[field], c["deflator"], c["projected"], c["status"], c["meets"]]
             for c in report["cells"]])


def render_solve_plans(report: dict, fmt: str, lang: str = "zh", ids: bool = False) -> str | bytes:
    """A portfolio of solve reports (sim.report.plans): each plan's table, then targets by status by
    plan, by indicator name and by owner."""
    from sim.report.plans import render_plans, tally_table
    from sim.report.portfolio_tables import group_tables
    return render_plans(report, fmt, lang, lambda r, f, lg: render_solve(r, f, lg, ids),
                        lambda r, lg: solve_table(localize(r, lg), "csv", lg),
                        tables=lambda rep, lg: [tally_table(rep, "status", STATUS_LABELS[lg], lg)]
                        + group_tables(rep["summary"], lg))


def render_sweep_plans(report: dict, fmt: str, lang: str = "zh") -> str | bytes:
    """A portfolio of sweeps (sim.report.plans): each plan's grid, then cells meeting the target."""
    from sim.report.plans import render_plans, tally_table
    from sim.report.labels.plans import PLANS_TEXT
    words = {"true": PLANS_TEXT[lang]["meets"]}
    return render_plans(report, fmt, lang, render_sweep, sweep_table, rows_key="cells",
                        tables=lambda rep, lg: [tally_table(rep, "meets", words, lg, "cells")])
