"""The parts of the what-if page that change with the assumptions, as HTML by slot name.

Slots: ``req:K``, ``proj:K``, ``status:K``, ``prob:K`` for check row K (one per indicator and target),
``chart:ID`` per indicator (the report's SVG line chart with its P10–P90 band), ``summary`` and
``findings``. The page and every update are drawn by the same functions.
"""
from __future__ import annotations

from html import escape

from sim.report.checktext import reason_text
from sim.report.findings import KIND_LABELS
from sim.report.htmltext import L, num, pace_text, status_label
from sim.report.labels import text
from sim.report.labels.page import PAGE
from sim.report.reportdata import probabilities, report_data
from sim.report.svg import DARK_TEXT, STATUS_COLORS, line_chart, status_chart
from sim.scenario.model import Scenario
from sim.scenario.paths import pace_dist


def results(served, sc: Scenario) -> dict:
    """The report data of one scenario (check, projections, and a simulation where the scenario
    draws anything: a pace from a distribution, a shock with a probability, a factor)."""
    drawn = (any(pace_dist(ind, sc)[1] is not None for ind in served.spec.indicators)
             or any(s.probability < 1 for s in sc.shocks) or bool(sc.factors))
    return report_data(served.spec, [sc], draws=served.draws if drawn else 0, seed=served.seed,
                       consistency=False)


def chip(code: str, lang: str, count: int | None = None) -> str:
    dark = " dark" if code in DARK_TEXT else ""
    text = status_label(code, lang) + (f" {count}" if count is not None else "")
    return f'<span class="chip{dark}" style="background:{STATUS_COLORS[code]}">{escape(text)}</span>'


def projected_text(r: dict, lang: str) -> str:
    if r["projected"] is None:
        return "—"
    shown = f"{r['projected']:.2f}%" if r["pace_model"] == "growth_rate" else num(r["projected"])
    used = pace_text(r["assumed_pace"], r["pace_unit"], lang)
    return (f'<span class="pv">{escape(shown)}</span>'
            f'<div class="why">{escape(PAGE[lang]["used"])} {escape(used)}</div>')


def slots(data: dict, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """(HTML by slot, status code by status slot) of the page for ``data`` (see the module)."""
    run = data["runs"][0]
    rows = run["check"]["rows"]
    probs = probabilities(run)
    html: dict[str, str] = {}
    codes: dict[str, str] = {}
    for k, (r, p) in enumerate(zip(rows, probs)):
        html[f"req:{k}"] = escape(pace_text(r["required_pace"], r["pace_unit"], lang))
        html[f"proj:{k}"] = projected_text(r, lang)
        html[f"status:{k}"] = chip(r["status"], lang) + (f'<div class="why">{escape(text(reason_text(r, lang), lang))}</div>'
                                                         if r["status"] == "not_assessable" else "")
        codes[f"status:{k}"] = r["status"]
        html[f"prob:{k}"] = "—" if p is None else f"{p:.0%}"
    with_rows = {r["indicator"] for r in rows}
    for ind in data["indicators"]:
        if ind["id"] in with_rows:
            html[f"chart:{ind['id']}"] = line_chart(ind, data["runs"], lang)
    html["summary"] = summary_html(data, lang)
    html["findings"] = findings_html(run["check"]["consistency"], lang)
    return html, codes


def summary_html(data: dict, lang: str) -> str:
    t, p = L[lang], PAGE[lang]
    s = data["runs"][0]["check"]["summary"]
    out = [f'<p><strong>{escape(p["total"].format(n=s["targets"]))}</strong> '
           + "".join(chip(k, lang, v) for k, v in s["by_status"].items() if v) + "</p>",
           status_chart(data, lang)]
    if s["binding_not_on_track"]:
        out.append(f'<p class="note">{escape(p["binding_not_on_track"])}: ' + "; ".join(
            f"{escape(b['name'])} {chip(b['status'], lang)} {escape(b['owner'] or t['no_owner'])}"
            for b in s["binding_not_on_track"]) + "</p>")
    return "".join(out)


def findings_html(items: list[dict], lang: str) -> str:
    t = L[lang]
    if not items:
        return f"<p>{escape(t['no_findings'])}</p>"
    kinds = KIND_LABELS[lang]
    return '<ul class="plain">' + "".join(
        f'<li{" class=bad" if f["inconsistent"] else ""}><span class="tag">{escape(kinds[f["kind"]])}</span> '
        + (f'<span class="chip" style="background:#cf222e">{escape(t["inconsistent"])}</span> '
           if f["inconsistent"] else "") + escape(text(f["message"], lang)) + "</li>" for f in items) + "</ul>"
