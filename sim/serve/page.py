"""The what-if page: indicators grouped by 责任单位, an input per assumed pace, results in slots.

Every pace input carries ``data-indicator="ID"`` and ``data-key="ID.FIELD"``; every status cell
``data-status-for="ID"`` and ``data-status="CODE"`` (the JSON status code). Rates are typed in
percent per year (``data-scale="100"``: the page sends value / 100), changes in units per year.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from sim.report.html import report_css
from sim.report.htmltext import L
from sim.report.labels import error_text
from sim.report.labels.page import PAGE
from sim.scenario.model import Scenario
from sim.scenario.paths import deflator_of, pace_dist
from sim.serve.slots import slots
from sim.serve.state import center_of
from sim.spec.model import Indicator, Spec

PAGE_CSS = """
.bar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 10px 0 4px; }
button { font: inherit; font-size: 13.5px; padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px;
         background: var(--bg); cursor: pointer; }
button:hover { border-color: #0969da; }
#state { color: var(--muted); font-size: 13px; }
.in { display: block; white-space: nowrap; margin: 1px 0; font-size: 13px; }
.in input { width: 6.2em; font: inherit; padding: 1px 4px; border: 1px solid #8c959f; border-radius: 4px;
            text-align: right; }
.in input.changed { background: #fff8c5; border-color: #d4a72c; }
.in input.bad { border-color: #cf222e; background: #ffebe9; }
.err { color: #cf222e; font-size: 12.5px; white-space: normal; max-width: 22em; }
#error { margin: 6px 0; }
.busy [data-slot] { opacity: .55; }
table.ind { table-layout: fixed; }
table.ind th:nth-child(1) { width: 25%; } table.ind th:nth-child(2) { width: 13%; }
table.ind th:nth-child(3) { width: 11%; } table.ind th:nth-child(4) { width: 23%; }
table.ind th:nth-child(5) { width: 12%; }
table.ind td { overflow-wrap: anywhere; }
.cards { grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 12px; margin: 8px 0 18px; }
.card h4 { margin: 0 0 2px; font-size: 13.5px; }
li.bad { color: #cf222e; }
code { font-size: 12px; color: var(--muted); }
"""


@dataclass(frozen=True)
class Field:
    """One input: ``key`` ID.FIELD, ``mode`` assume or center, ``scale`` 100 for rates typed in %."""
    key: str
    label: str
    mode: str
    scale: int
    value: float | None
    unit: str
    note: str = ""
    pace: bool = False


def _shown(v: float | None, scale: int) -> str:
    """The value as typed in the input: 4 decimals at most (an untouched input is never sent)."""
    return "" if v is None else f"{round(v * scale, 4):g}"


def _rate_unit(lang: str) -> str:
    return L[lang]["pace_units"]["%/yr"]


def pace_field(ind: Indicator, sc: Scenario, lang: str) -> Field:
    """The pace the scenario uses for ``ind`` (growth, real_growth or change) as an input."""
    p = PAGE[lang]
    fields = L[lang]["fields"]
    field, dist = pace_dist(ind, sc)
    a = sc.assumptions.get(ind.id)
    note, value, mode = "", None, "assume"
    if field is not None and (a is None or getattr(a, field) is None):
        value = center_of(getattr(sc.defaults, field))   # the defaults' distribution: a number replaces it
    elif field is not None:
        v = getattr(a, field)
        value = center_of(v)
        if isinstance(v, dict):
            note, mode = p["path"], "center"
        elif dist is not None:
            note, mode = (p["bootstrap"], "assume") if value is None else (p["dist"], "center")
    elif a is not None and isinstance(a.growth, str):
        field, note = "growth", p[a.growth]
    elif ind.model == "linear":
        field = "change"
    elif sc.defaults.real_growth is not None:
        field, value = "real_growth", sc.defaults.real_growth
    else:
        field = "growth"
        d = sc.defaults.growth
        value, note = (d, "") if not isinstance(d, str) else (None, p[d])
    if field == "change":
        unit = (p["units"].get(ind.unit or "", ind.unit or "")) + L[lang]["per_year"]
        return Field(f"{ind.id}.change", fields["change"], mode, 1, value, unit, note, True)
    return Field(f"{ind.id}.{field}", fields[field], mode, 100, value, _rate_unit(lang), note, True)


def extra_fields(ind: Indicator, sc: Scenario, pace: Field, lang: str) -> list[Field]:
    """The deflator of a real pace on a nominal indicator; the start value where none is given."""
    out = []
    if pace.key.endswith(".real_growth") and ind.basis == "nominal":
        out.append(Field(f"{ind.id}.deflator", L[lang]["fields"]["deflator"], "assume", 100,
                         deflator_of(sc, ind), _rate_unit(lang)))
    a = sc.assumptions.get(ind.id)
    if (a is not None and a.baseline is not None) or (ind.baseline is None and not ind.actuals()):
        out.append(Field(f"{ind.id}.baseline", PAGE[lang]["baseline"], "assume", 1,
                         a.baseline if a is not None else None, ind.unit or ""))
    return out


def _input(f: Field, ident: str) -> str:
    attr = f' class="pace" data-indicator="{escape(ident)}"' if f.pace else f' data-for="{escape(ident)}"'
    value = _shown(f.value, f.scale)
    return (f'<label class="in">{escape(f.label)} <input type="text" inputmode="decimal" autocomplete="off"'
            f'{attr} data-key="{escape(f.key)}" data-mode="{f.mode}" data-scale="{f.scale}" value="{value}"'
            f' aria-label="{escape(ident + " " + f.label)}"> {escape(f.unit)}</label>'
            + (f'<div class="why">{escape(f.note)}</div>' if f.note else "")
            + f'<div class="err" data-error-for="{escape(f.key)}" hidden></div>')


def _groups(spec: Spec, rows: list[dict]) -> list[tuple[str | None, list[tuple[int, dict]]]]:
    """Check rows (with their index) by 责任单位, binding indicators first within the order of owners."""
    out: dict[str | None, list[tuple[int, dict]]] = {}
    order = sorted(range(len(rows)), key=lambda k: rows[k]["attribute"] != "binding")
    for k in order:
        out.setdefault(rows[k]["owner"], []).append((k, rows[k]))
    return list(out.items())


def render_page(spec: Spec, sc: Scenario, data: dict, lang: str, nav: str = "") -> str:
    """The whole page for the scenario's ``data`` (sim.serve.slots.results); ``nav``: the plan
    selector of a page among several plans (``plan_nav``)."""
    t, p = L[lang], PAGE[lang]
    html, codes = slots(data, lang)
    run = data["runs"][0]
    rows = run["check"]["rows"]
    with_prob = any(k.startswith("prob:") and v != "—" for k, v in html.items())
    inds = {i.id: i for i in spec.indicators}
    head = [t["indicator"], t["target"], t["required_pace"], p["pace"], t["projected"], t["status"]]
    head += [t["probability"]] if with_prob else []
    groups = []
    for owner, members in _groups(spec, rows):
        body, seen = [], set()
        for k, r in members:
            ind = inds[r["indicator"]]
            cells = [_name_cell(r, lang), escape(f"{r['text'] or '—'} ({r['target_year'] or t['no_year']})")]
            cells.append(f'<td class="num" data-slot="req:{k}">{html[f"req:{k}"]}</td>')
            if ind.id in seen:
                cells.append("")
            else:
                seen.add(ind.id)
                pace = pace_field(ind, sc, lang)
                cells.append("".join(_input(f, ind.id) for f in [pace] + extra_fields(ind, sc, pace, lang)))
            cells.append(f'<td class="num" data-slot="proj:{k}">{html[f"proj:{k}"]}</td>')
            cells.append(f'<td class="st" data-slot="status:{k}" data-status-for="{escape(ind.id)}" '
                         f'data-status="{codes[f"status:{k}"]}">{html[f"status:{k}"]}</td>')
            if with_prob:
                cells.append(f'<td class="num" data-slot="prob:{k}">{html[f"prob:{k}"]}</td>')
            body.append("<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in cells) + "</tr>")
        charts = "".join(f'<div class="card"><h4>{escape(inds[i].name)}</h4>'
                         f'<div data-slot="chart:{escape(i)}">{html[f"chart:{i}"]}</div></div>'
                         for i in dict.fromkeys(r["indicator"] for _, r in members) if html.get(f"chart:{i}"))
        groups.append(f'<h3>{escape(owner or t["no_owner"])}</h3><table class="ind"><thead><tr>'
                      + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>"
                      + "".join(body) + f'</tbody></table><div class="cards">{charts}</div>')
    plan = data["plan"]
    name = run["scenario"]["name"] or run["scenario"]["id"]
    buttons = (f'<button type="button" id="reset">{escape(p["reset"])}</button>'
               + "".join(f'<button type="button" data-download="{k}" data-filename="{escape(fn)}">'
                         f'{escape(p["download_" + k])}</button>'
                         for k, fn in (("scenario", f"{run['scenario']['id']}.yaml"),
                                       ("html", f"{plan['id']}.html"), ("xlsx", f"{plan['id']}.xlsx"))))
    sim_info = data["simulation"]
    version = run["provenance"]["sim_version"]
    return ('<!DOCTYPE html>\n'
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
            f'<title>{escape(plan["title"])} — {escape(p["kicker"])}</title>'
            f'<style>{report_css()}{PAGE_CSS}</style></head><body data-lang="{lang}"><main>'
            f'<header class="top">{nav}<div class="kicker">{escape(p["kicker"])}</div><h1>{escape(plan["title"])}</h1>'
            f'<div class="meta">{escape(plan["region"] or "")} · {escape(t["plan_period"])} '
            f'{plan["base_year"]}–{plan["target_year"]} · {escape(p["scenario"])}: {escape(name)}</div>'
            f'<p class="note">{escape(p["intro"])}</p><div class="bar">{buttons}'
            f'<span id="state" role="status" data-busy="{escape(p["busy"])}" '
            f'data-elapsed="{escape(p["elapsed"])}"></span></div>'
            f'<div id="error" class="err" role="alert" data-title="{escape(p["error"])}" hidden></div></header>'
            f'<h2 id="summary">{escape(t["summary"])}</h2><div data-slot="summary">{html["summary"]}</div>'
            f'<h2 id="indicators">{escape(t["by_owner"])}</h2>' + "".join(groups)
            + f'<h2 id="consistency">{escape(t["consistency"])}</h2><div data-slot="findings">{html["findings"]}</div>'
            f'<footer>sim {escape(version)} · {escape(plan["id"])}'
            + (f' · {escape(t["draws"])} {sim_info["draws"]:,} · seed {sim_info["seed"]}' if sim_info else "")
            + '</footer></main><script src="static/page.js"></script></body></html>\n')


def _name_cell(r: dict, lang: str) -> str:
    tag = (f' <span class="tag binding">{escape(L[lang]["binding"])}</span>' if r["attribute"] == "binding" else "")
    unit = f" ({escape(r['unit'])})" if r["unit"] else ""
    return f"{escape(r['name'])}{unit}{tag}<br><code>{escape(r['indicator'])}</code>"


def _plan_links(specs: list[Spec], href, current: str | None = None) -> str:
    items = []
    for s in specs:
        p = s.plan
        text = escape(f"{p.title} ({p.region + ' · ' if p.region else ''}{p.base_year}–{p.target_year})")
        items.append(f"<li><strong>{text}</strong></li>" if p.id == current else
                     f'<li><a href="{escape(href(p.id))}">{text}</a> <code>{escape(p.id)}</code></li>')
    return "<ul>" + "".join(items) + "</ul>"


def plan_nav(specs: list[Spec], current: str, lang: str, query: str = "") -> str:
    """The plan selector of a page among several plans: links to the other plans' pages (no script),
    each with ``query`` (e.g. '?lang=en')."""
    p = PAGE[lang]
    return (f'<nav class="plans"><details><summary>{escape(p["choose"])} · '
            f'{escape(p["plans"].format(n=len(specs)))}</summary>'
            + _plan_links(specs, lambda pid: f"../{quote(pid, safe='')}/{query}", current) + "</details></nav>")


def plan_index(specs: list[Spec], unread, lang: str, query: str = "") -> str:
    """The first page of several plans: every plan as a link to its what-if page (with ``query``),
    and the specs that could not be read with their located errors."""
    p = PAGE[lang]
    bad = ("<h2>" + escape(p["unread"]) + "</h2><ul>" + "".join(f"<li class=\"bad\">{escape(error_text(e, lang))}</li>"
                                                                 for e in unread) + "</ul>") if unread else ""
    title = f'{p["kicker"]} — {p["portfolio"]}'
    return ('<!DOCTYPE html>\n'
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
            f'<title>{escape(title)}</title><style>{report_css()}{PAGE_CSS}</style></head>'
            f'<body data-lang="{lang}"><main><header class="top"><div class="kicker">{escape(p["kicker"])}</div>'
            f'<h1>{escape(p["portfolio"])}</h1></header><h2>{escape(p["choose"])} · '
            f'{escape(p["plans"].format(n=len(specs)))}</h2>'
            + _plan_links(specs, lambda pid: f"plans/{quote(pid, safe='')}/{query}") + bad + "</main></body></html>\n")
