"""The office report as one self-contained HTML page."""
from __future__ import annotations

from html import escape

from sim.assess.statuses import WATCH
from sim.report.check import reason_text
from sim.report.htmlsections import (
    _assumptions,
    _findings,
    _prob,
    _provenance,
    _swatch,
    _table,
)
from sim.report.htmltext import L, _color, _sc_name, num, pace_text, status_label
from sim.report.labels import localize
from sim.report.palette import DARK_TEXT, STATUS_COLORS
from sim.report.presetlabels import status_text, status_tone
from sim.report.reportdata import (
    LEVEL_KINDS,
    _rows_by_indicator,
    bands,
    ordered_indicators,
    probabilities,
)
from sim.report.svg import (
    FONT_STACK,
    TARGET_COLOR,
    line_chart,
    pace_chart,
    status_chart,
)


def _counts_text(by_status: dict, lang: str) -> str:
    sep = "," if lang == "zh" else ", "
    return sep.join(f"{status_label(k, lang)} {v}" for k, v in by_status.items() if v)


CSS = """
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { font-family: %(font)s; color: var(--fg); margin: 0; background: #fff; line-height: 1.55;
       font-size: 15px; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 32px 60px; }
header.top { border-bottom: 3px solid #0969da; padding-bottom: 14px; margin-bottom: 18px; }
header.top .kicker { color: #0969da; font-weight: 700; letter-spacing: .08em; font-size: 13px; }
h1 { font-size: 24px; margin: 4px 0 6px; line-height: 1.35; }
h2 { font-size: 19px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15.5px; margin: 0 0 2px; }
h4 { font-size: 14.5px; margin: 18px 0 6px; }
.meta { color: var(--muted); font-size: 13.5px; }
.note { color: var(--muted); font-size: 13px; margin: 4px 0 10px; }
.key { background: var(--bg); border-left: 4px solid #0969da; padding: 10px 16px; margin: 12px 0; }
.key ul { margin: 4px 0; padding-left: 20px; }
table { border-collapse: collapse; width: 100%%; font-size: 13.5px; margin: 6px 0 10px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 7px; text-align: left; vertical-align: top; }
th { background: var(--bg); font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chip { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12.5px; color: #fff;
        white-space: nowrap; margin: 1px 2px 1px 0; }
.chip.dark { color: #1f2328; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 4px; padding: 0 5px;
       font-size: 12px; color: var(--muted); }
.tag.binding { border-color: #cf222e; color: #cf222e; }
.assumed { color: #9a6700; }
.legend { font-size: 12.5px; color: var(--muted); margin: 4px 0 8px; }
.legend span.sw { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin: 0 4px 0 10px; }
.legend span.sq { display: inline-block; width: 11px; height: 11px; vertical-align: -1px; margin: 0 4px 0 10px;
                  border-radius: 2px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px 8px; break-inside: avoid; }
.card .sub { color: var(--muted); font-size: 13px; margin-bottom: 4px; }
.card table { font-size: 12.5px; }
.card td:first-child { white-space: nowrap; }
.card th { white-space: normal; }
.why { color: var(--muted); font-size: 12px; line-height: 1.35; margin-top: 2px; }
.nw { white-space: nowrap; }
.pv { display: inline-block; min-width: 3.6em; margin-right: 4px; font-variant-numeric: tabular-nums; }
ul.plain { list-style: none; padding-left: 0; }
ul.plain li { margin-bottom: 8px; }
svg.chart { width: 100%%; height: auto; display: block; font-family: %(font)s; }
svg .grid { stroke: #e6eaef; stroke-width: 1; }
svg .axis { stroke: #8c959f; stroke-width: 1; }
svg .tick { font-size: 12px; fill: #59636e; }
svg .unit { font-size: 12px; fill: #59636e; }
svg .muted { font-size: 11.5px; fill: #8c959f; }
svg .split { stroke: #afb8c1; stroke-dasharray: 2 3; }
svg .history { fill: none; stroke: #1f2328; stroke-width: 2.2; }
svg .history-dot { fill: #1f2328; }
svg .assumed-start { fill: #fff; stroke: #9a6700; stroke-width: 2; }
svg .path { fill: none; stroke-width: 2.2; stroke-dasharray: 7 4; }
svg .band { opacity: .16; }
svg .target { stroke: %(target)s; stroke-width: 1.4; stroke-dasharray: 5 4; }
svg .target-mark { stroke: %(target)s; stroke-width: 1.5; }
svg .target-range { fill: %(target)s; opacity: .08; }
svg .target-label { font-size: 12.5px; fill: %(target)s; }
svg .value { font-size: 12px; fill: #1f2328; }
svg .end-label { font-size: 13px; font-weight: 600; }
svg .row-label { font-size: 13px; fill: #1f2328; }
svg .row-note { font-size: 12px; fill: #59636e; }
svg .row-line { stroke: #eef1f4; }
svg .ok-zone { fill: #dafbe1; opacity: .6; }
svg .required { stroke: %(target)s; stroke-width: 1.5; }
svg .required-label { font-size: 11.5px; fill: %(target)s; }
svg .seg-label { font-size: 12.5px; font-weight: 600; }
a { color: #0969da; word-break: break-all; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; }
@media print { main { padding: 0; } .card, table, svg { break-inside: avoid; } h2 { break-after: avoid; } }
""" % {"font": FONT_STACK, "target": TARGET_COLOR}


def _chip(code: str, lang: str, count: int | None = None, row: dict | None = None) -> str:
    """A status chip; for a ``row`` under a preset, the preset's class in its nearest status colour."""
    if row is not None:
        code = status_tone(row)
    dark = " dark" if code in DARK_TEXT else ""
    text = (status_text(row, lang) if row is not None else status_label(code, lang)) + (
        f" {count}" if count is not None else "")
    return f'<span class="chip{dark}" style="background:{STATUS_COLORS[code]}">{escape(text)}</span>'


def _reason(r: dict, lang: str) -> str:
    return r["preset_reason"] if r.get("preset_status") else reason_text(r, lang)


def _legend(runs: list[dict], lang: str, history: bool = True, target: bool = True, band: bool = False) -> str:
    t = L[lang]
    parts = ['<span class="sw" style="background:#1f2328"></span>' + escape(t["history"])] if history else []
    parts += [f'<span class="sw" style="background:{_color(k)}"></span>' + escape(_sc_name(r))
              for k, r in enumerate(runs)]
    if target:
        parts.append(f'<span class="sw" style="background:{TARGET_COLOR}"></span>' + escape(t["target_line"]))
    if band:
        parts.append('<span class="sq" style="background:#0969da;opacity:.25"></span>' + escape(t["band"]))
    return '<div class="legend">' + "".join(parts) + "</div>"


def _target_cell(ind: dict, lang: str) -> str:
    return "; ".join(f"{x['text'] or num(x['value'])} ({_year(x['year'], lang)})" for x in ind["targets"]) or "—"


def _year(y: int | None, lang: str) -> str:
    return str(y) if y is not None else L[lang]["no_year"]


def _baseline_cell(ind: dict) -> str:
    b = ind["baseline"]
    return f"{num(b['value'])} ({b['year']})" if b else "—"


def _has_data(ind: dict, runs: list[dict]) -> bool:
    """Whether an indicator has anything to draw or assess (else it only serves relations)."""
    return bool(ind["targets"] or ind["baseline"] or ind["history"] or any(
        p["path"] for run in runs for p in run["project"]["indicators"] if p["indicator"] == ind["id"]))


def _owner_counts(inds: list[dict], rows_by: list[dict]) -> list[tuple[str | None, int, list[dict]]]:
    """(owner, number of targets, status counts per run) in the report's order."""
    out = []
    for o in dict.fromkeys(i["owner"] for i in inds):
        ids = [i["id"] for i in inds if i["owner"] == o]
        n = sum(len(rows_by[0].get(i, [])) for i in ids) if rows_by else 0
        if not n:
            continue
        counts = []
        for rb in rows_by:
            c: dict[str, int] = {}
            for i in ids:
                for r in rb.get(i, []):
                    c[r["status"]] = c.get(r["status"], 0) + 1
            counts.append({k: c[k] for k in STATUS_COLORS if c.get(k)})
        out.append((o, n, counts))
    return out


def _time(iso: str) -> str:
    """'2025-01-02T03:04:05+00:00' as '2025-01-02 03:04 UTC'."""
    return iso[:10] + " " + iso[11:16] + (" UTC" if iso.endswith("+00:00") else "") if len(iso) >= 16 else iso


def render_html(data: dict, lang: str = "zh") -> str:
    """The office report as one self-contained HTML page (see the module docstring)."""
    data = localize(data, lang)
    t = L[lang]
    plan = data["plan"]
    runs = data["runs"]
    inds = [i for i in ordered_indicators(data) if _has_data(i, runs)]
    aux = [i for i in ordered_indicators(data) if not _has_data(i, runs)]
    rows_by = [_rows_by_indicator(run) for run in runs]
    cards, n_charts = _cards(inds, aux, runs, rows_by, data, lang)
    body = (_head(data, inds, lang) + _summary(data, inds, rows_by, lang) + _overview(inds, runs, rows_by, lang)
            + f'<h2 id="pace">{escape(t["pace"])}</h2><p class="note">{escape(t["pace_note"])}</p>'
            + _legend(runs, lang, history=False, target=False) + pace_chart(data, lang)
            + cards + _findings(data, lang) + _assumptions(data, lang) + _provenance(data, inds, lang))
    version = runs[0]["provenance"]["sim_version"] if runs else ""
    return ('<!DOCTYPE html>\n'
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            'style-src \'unsafe-inline\'; img-src data:">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="icon" href="data:,">'
            f'<title>{escape(plan["title"])} — {escape(t["report"])}</title><style>{CSS}</style></head>'
            f'<body data-charts="{2 + n_charts}"><main>' + body
            + f'<footer>sim {escape(version)} · {escape(plan["id"])}</footer></main></body></html>\n')


def _head(data: dict, inds: list[dict], lang: str) -> str:
    t = L[lang]
    plan, runs = data["plan"], data["runs"]
    sep = "、" if lang == "zh" else ", "
    names = sep.join(_sc_name(r) for r in runs)
    gen = _time(runs[0]["provenance"]["time"]) if runs else ""
    out = (f'<header class="top"><div class="kicker">{escape(t["report"])}</div>'
           f'<h1>{escape(plan["title"])}</h1><div class="meta">'
           f'{escape(plan["region"] or "")} · {escape(t["plan_period"])} {plan["base_year"]}–{plan["target_year"]}'
           f' · {escape(t["scenarios"])}: {escape(names)} · {escape(t["generated"])} {escape(gen)}'
           + (f" · preset {escape(data['preset'])}" if data["preset"] != "default" else "") + "</div></header>")
    items = [escape(t["sum_line"].format(sc=_sc_name(run), n=run["check"]["summary"]["targets"],
                                         counts=_counts_text(run["check"]["summary"]["by_status"], lang)))
             for run in runs]
    watch = [r for r in runs[0]["check"]["rows"] if r["status"] in WATCH] if runs else []
    if watch:
        items.append(escape(t["attention"].format(sc=_sc_name(runs[0]))) + " " + "; ".join(
            f"{escape(r['name'])} {_chip(r['status'], lang, row=r)} {escape(r['owner'] or t['no_owner'])}"
            for r in watch))
    items.append(escape(t["binding_first"] if any(i["attribute"] == "binding" for i in inds) else t["no_binding"]))
    return out + (f'<section class="key"><strong>{escape(t["key"])}</strong><ul>'
                  + "".join(f"<li>{x}</li>" for x in items) + "</ul></section>")


def _summary(data: dict, inds: list[dict], rows_by: list[dict], lang: str) -> str:
    t = L[lang]
    runs = data["runs"]
    legend = '<div class="legend">' + "".join(
        f'<span class="sq" style="background:{c}"></span>{escape(status_label(k, lang))}'
        for k, c in STATUS_COLORS.items()) + "</div>"
    binding_owners = {i["owner"] for i in inds if i["attribute"] == "binding"}
    rows = [[escape(o or t["no_owner"]) + (f' <span class="tag binding">{escape(t["binding"])}</span>'
                                          if o in binding_owners else ""), str(n)]
            + ["".join(_chip(k, lang, v) for k, v in c.items()) for c in counts]
            for o, n, counts in _owner_counts(inds, rows_by)]
    return (f'<h2 id="summary">{escape(t["summary"])}</h2>' + status_chart(data, lang) + legend
            + f'<h3>{escape(t["by_owner"])}</h3>'
            + _table([t["owner"], t["n_targets"]] + [_sc_name(r) for r in runs], rows, {1}))


def _projected(r: dict) -> str:
    if r["projected"] is None:
        return ""
    return f"{r['projected']:.2f}%" if r["pace_model"] == "growth_rate" else num(r["projected"])


def _overview(inds: list[dict], runs: list[dict], rows_by: list[dict], lang: str) -> str:
    t = L[lang]
    rows = []
    for ind in inds:
        for k, r in enumerate(rows_by[0].get(ind["id"], []) if runs else []):
            attr = f' <span class="tag binding">{escape(t["binding"])}</span>' if ind["attribute"] == "binding" else ""
            cells = [f'<a href="#ind-{escape(ind["id"])}">{escape(ind["name"])}</a>{attr}',
                     escape(ind["unit"] or ""), f'<span class="nw">{escape(_baseline_cell(ind))}</span>',

                     escape(f"{r['text'] or '—'} ({_year(r['target_year'], lang)})")]
            for rb in rows_by:
                rr = rb[ind["id"]][k]
                shown = _projected(rr)
                cells.append('<span class="nw">' + (f'<span class="pv">{escape(shown)}</span>' if shown else "")
                             + _chip(rr["status"], lang, row=rr) + "</span>")
            cells.append(escape(ind["owner"] or t["no_owner"]))
            rows.append(cells)
    return (f'<h2 id="overview">{escape(t["overview"])}</h2>'
            + _table([t["indicator"], t["unit"], t["baseline"], t["target"]]
                     + [f"{_sc_name(r)}: {t['projected']}" for r in runs] + [t["owner"]], rows))


def _cards(inds, aux, runs, rows_by, data, lang) -> tuple[str, int]:
    """One card per indicator: chart and a row per scenario; and the number of charts."""
    t = L[lang]
    prob_of = [{id(r): p for r, p in zip(run["check"]["rows"], probabilities(run))} for run in runs]
    with_prob = any(p is not None for run in runs for p in probabilities(run))
    cards, n_charts = [], 0
    for ind in inds:
        attr = ind["attribute"]
        tag = f' <span class="tag{" binding" if attr == "binding" else ""}">{escape(t[attr])}</span>' if attr else ""
        mine = [rb.get(ind["id"], []) for rb in rows_by]
        sub = [f"{t['owner']}: {ind['owner'] or t['no_owner']}", f"{t['baseline']} {_baseline_cell(ind)}",
               f"{t['target']} {_target_cell(ind, lang)}"]
        n_targets = len(mine[0]) if mine else 0
        same_req = [len({(rows[j]["required_pace"], rows[j]["pace_unit"]) for rows in mine}) == 1
                    for j in range(n_targets)]
        if n_targets == 1 and same_req[0] and mine[0][0]["required_pace"] is not None:
            sub.append(f"{t['required_pace']} {pace_text(mine[0][0]['required_pace'], mine[0][0]['pace_unit'], lang)}")
        show_req = not (n_targets == 1 and same_req[0])
        body = []
        for k, run in enumerate(runs):
            for j, r in enumerate(mine[k]):
                pace = escape(pace_text(r["assumed_pace"], r["pace_unit"], lang))
                if r["assumed_pace"] is not None and "pace" in r["assumed"]:
                    pace += f' <span class="assumed">({escape(t["assumed"])})</span>'
                cells = [_swatch(k) + escape(_sc_name(run)) + (f" ({_year(r['target_year'], lang)})" if n_targets > 1 else "")]
                if show_req:
                    cells.append(escape(pace_text(r["required_pace"], r["pace_unit"], lang)))
                cells.append(pace)
                cells.append(escape(_projected(r) or "—"))
                if with_prob:
                    cells.append(escape(_prob(prob_of[k].get(id(r)))))
                body.append(cells + [_chip(r["status"], lang, row=r)
                                     + f'<div class="why">{escape(_reason(r, lang))}</div>'])
        heads = ([t["scenarios"]] + ([t["required_pace"]] if show_req else [])
                 + [t["assumed_pace"], t["projected"]] + ([t["probability"]] if with_prob else []) + [t["status"]])
        no_target = [x for x in ind["targets"] if x["kind"] not in LEVEL_KINDS + ("none",)]
        extra = (f'<div class="note">{escape(t["no_chart_target"])}: '
                 f'{escape("; ".join(x["text"] or "" for x in no_target))}</div>') if no_target else ""
        if any(x["kind"] == "none" for x in ind["targets"]):
            extra += f'<div class="note">{escape(t["no_numeric"])}</div>'
        table = _table(heads, body, {heads.index(t["projected"])} | (
            {heads.index(t["probability"])} if with_prob else set())) if body else ""
        chart = line_chart(ind, runs, lang)
        n_charts += bool(chart)
        cards.append(f'<article class="card" id="ind-{escape(ind["id"])}"><h3>{escape(ind["name"])} '
                     f'<span class="tag">{escape(ind["id"])}</span>{tag}</h3>'
                     f'<div class="sub">{escape(" · ".join(sub))}</div>' + chart + extra + table + "</article>")
    aux_note = (f'<p class="note">{escape(t["aux"])}: '
                + escape((", " if lang == "en" else "、").join(f"{i['name']} ({i['id']})" for i in aux))
                + "</p>") if aux else ""
    return (f'<h2 id="charts">{escape(t["charts"])}</h2><p class="note">{escape(t["charts_note"])}</p>'
            + _legend(runs, lang, band=any(bands(r) for r in runs)) + '<div class="cards">' + "".join(cards)
            + "</div>" + aux_note, n_charts)
