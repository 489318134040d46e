"""Sections of the HTML report: findings, assumptions, provenance."""
from __future__ import annotations

from html import escape

from sim.report.htmltext import L, _color, _sc_name, num
from sim.report.svg import (
    TARGET_COLOR,
)


def assumption_text(a: dict | None, lang: str) -> str:
    """One scenario assumption for an indicator, e.g. 'growth 10%/yr; note'."""
    t = L[lang]
    if not a:
        return t["no_assumption"]
    parts = []
    for k in ("baseline", "growth", "real_growth", "change", "deflator"):
        if k in a:
            parts.append(f"{t['fields'][k]} {_assumed_value(k, a[k], lang)}")
    if a.get("note"):
        parts.append(a["note"])
    return "; ".join(parts)


def _assumed_value(field: str, v, lang: str) -> str:
    pct = field in ("growth", "real_growth", "deflator")
    if isinstance(v, dict) and "dist" in v:
        inner = ", ".join(f"{k} {_pct(x) if pct and k in ('mean', 'sd', 'low', 'mode', 'high') else x}"
                          for k, x in v.items() if k != "dist")
        return f"{v['dist']}({inner})"
    if isinstance(v, dict):
        return ", ".join(f"{y}: {_pct(x) if pct else num(x)}" for y, x in v.items())
    if isinstance(v, str):
        return v
    if pct:
        return _pct(v) + (L[lang]["per_year"] if field != "deflator" else "")
    return (f"{v:+g}" + L[lang]["per_year"]) if field == "change" else num(v)


def _pct(x) -> str:
    return f"{x * 100:.3g}%" if isinstance(x, (int, float)) else str(x)


def _table(headers: list[str], rows: list[list[str]], num_cols: set[int] = frozenset()) -> str:
    """``rows`` are already-escaped HTML cells."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if j in num_cols else f"<td>{c}</td>"
                                    for j, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _swatch(k: int) -> str:
    return f'<span style="color:{_color(k)}">&#9632;</span> '


def _findings(data: dict, lang: str) -> str:
    t = L[lang]
    f = data["findings"]
    if f is None:
        body = f'<p class="note">{escape(t["not_run"])}</p>'
    elif not f:
        body = f"<p>{escape(t['no_findings'])}</p>"
    else:
        n_runs = len(data["runs"])
        body = _table([t["relation"], t["kind"], t["message"], t["implied"], t["stated"], t["difference"],
                       t["scenarios"]],
                      [[escape(x["relation"] or "") + (f' <span class="chip" style="background:{TARGET_COLOR}">'
                                                        f'{escape(t["inconsistent"])}</span>' if x["inconsistent"] else ""),
                        escape(x["kind"]), escape(x["message"]),
                        escape(num(x["implied"]) + (f" {x['unit']}" if x["unit"] and x["implied"] is not None else "")),
                        escape(num(x["stated"])), escape(num(x["difference"])),
                        escape("、".join(x["scenarios"]) if len(x["scenarios"]) < n_runs else t["all"])]
                       for x in f], {3, 4, 5})
    return f'<h2 id="consistency">{escape(t["consistency"])}</h2>' + body


def _defaults_text(d: dict, lang: str) -> str:
    t = L[lang]
    out = []
    for k, v in d.items():
        if v in (None, [], {}):
            continue
        label = t["default_fields"].get(k, k)
        if k in ("growth", "real_growth", "deflator") and isinstance(v, (int, float)):
            out.append(f"{label} {_pct(v)}")
        else:
            out.append(f"{label} {t['default_values'].get(v, v) if isinstance(v, str) else v}")
    return "; ".join(out)


def _assumptions(data: dict, lang: str) -> str:
    """Each scenario's description, defaults and shocks; one table of assumptions, scenarios side by side."""
    t = L[lang]
    runs = data["runs"]
    items = []
    for k, run in enumerate(runs):
        sc = run["scenario"]
        shocks = "; ".join(f"{s['year']} " + (", ".join(s["indicators"]) if isinstance(s["indicators"], list)
                                              else str(s["indicators"]))
                           + f" {s['growth']:+.1%}" + (f" (p={s['probability']:g})" if s.get("probability", 1) < 1 else "")
                           + (f" — {s['note']}" if s.get("note") else "") for s in sc["shocks"])
        items.append(f"<li>{_swatch(k)}<strong>{escape(_sc_name(run))}</strong> <span class=\"tag\">"
                     f"{escape(sc['id'])}</span> {escape(sc['description'] or '')}<br>"
                     f'<span class="note">{escape(t["defaults"])}: {escape(_defaults_text(sc["defaults"], lang))}'
                     + (f"; {escape(t['shocks'])}: {escape(shocks)}" if shocks else "") + "</span></li>")
    ids = list(dict.fromkeys(i for run in runs for i in run["scenario"]["assumptions"]))
    names = {i["id"]: i["name"] for i in data["indicators"]}
    rows = [[escape(names.get(i, i)) + f' <span class="tag">{escape(i)}</span>']
            + [_assumption_cell(run["scenario"]["assumptions"].get(i), lang) for run in runs] for i in ids]
    return (f'<h2 id="assumptions">{escape(t["assumptions"])}</h2><ul class="plain">{"".join(items)}</ul>'
            + (_table([t["indicator"]] + [_sc_name(r) for r in runs], rows) if rows else ""))


def _assumption_cell(a: dict | None, lang: str) -> str:
    if not a:
        return f'<span class="note">{escape(L[lang]["no_assumption"])}</span>'
    note = a.get("note")
    return (escape(assumption_text({k: v for k, v in a.items() if k != "note"}, lang))
            + (f'<br><span class="note">{escape(note)}</span>' if note else ""))


def _provenance(data: dict, inds: list[dict], lang: str) -> str:
    t = L[lang]
    plan, runs = data["plan"], data["runs"]
    rows = []
    for ind in inds:
        src = ind["source"]
        plan_cell = "—"
        if src and src.get("line"):
            plan_cell = escape(t["line"].format(n=src["line"])) + (f": 「{escape(src['text'])}」" if src.get("text") else "")
        elif src and src.get("text"):
            plan_cell = escape(src["text"])
        links = []
        if ind["baseline"] and ind["baseline"].get("source"):
            links.append(_link(f"{ind['baseline']['year']}: {num(ind['baseline']['value'])}", ind["baseline"]["source"]))
        for y, v in sorted(ind["history"].items()):
            s = ind["history_sources"].get(y)
            links.append(_link(f"{y}: {num(v)}", s) if s else escape(f"{y}: {num(v)}"))
        assumed: dict[str, list[str]] = {}
        for run in runs:
            for r in run["check"]["rows"]:
                if r["indicator"] == ind["id"]:
                    for a in r["assumed"]:
                        assumed.setdefault(a, [])
                        if _sc_name(run) not in assumed[a]:
                            assumed[a].append(_sc_name(run))
        sep = "、" if lang == "zh" else ", "
        assumed_cell = "; ".join(f"{t['assumed_fields'].get(a, a)} ({t['all'] if len(s) == len(runs) else sep.join(s)})"
                                 for a, s in assumed.items())
        rows.append([escape(ind["name"]), plan_cell, "<br>".join(links) or "—",
                     f'<span class="assumed">{escape(assumed_cell)}</span>' if assumed_cell else "—"])
    refs = "".join(f"<li>{escape(r['name'])} ({escape(k)}): "
                   + escape(", ".join(f"{y}: {num(v)} {r['unit']}" for y, v in r["values"].items()))
                   + (" — " + _link(r["source"], r["source"]) if r["source"] else "") + "</li>"
                   for k, r in data["references"].items())
    files = []
    if runs:
        p0 = runs[0]["provenance"]
        files.append([escape(t["spec_file"]), escape(p0["spec"] or "—"), escape(p0["spec_sha256"] or "")])
        files += [[escape(t["scenario_file"]) + " " + _swatch(k) + escape(_sc_name(r)),
                   escape(r["provenance"]["scenario"] or "—"), escape(r["provenance"]["scenario_sha256"] or "")]
                  for k, r in enumerate(runs)]
        files.append([escape(t["sim_version"]), escape(p0["sim_version"]), ""])
    if data["simulation"]:
        files.append([escape(t["draws"]), escape(f"draws {data['simulation']['draws']}, seed "
                                                 f"{data['simulation']['seed']}"), ""])
    return (f'<h2 id="provenance">{escape(t["provenance"])}</h2><p class="note">{escape(t["prov_note"])}</p>'
            + _table([t["indicator"], t["plan_text"] + (f" ({plan['source']})" if plan.get("source") else ""),
                      t["data"], t["assumed_numbers"]], rows)
            + (f"<h4>{escape(t['references'])}</h4><ul>{refs}</ul>" if refs else "")
            + f"<h4>{escape(t['files'])}</h4>" + _table(["", "", "sha256"], files))


def _prob(p) -> str:
    """A probability for people: whole percents, one decimal near 0 and 1, never a rounded 0% or 100%."""
    if p is None:
        return "—"
    if p in (0, 1) or 0.01 <= p <= 0.99:
        return f"{p:.0%}"
    return "<0.1%" if p < 0.001 else ">99.9%" if p > 0.999 else f"{p:.1%}"


def _link(text: str, url: str) -> str:
    return f'<a href="{escape(url)}" rel="noreferrer">{escape(text)}</a>'
