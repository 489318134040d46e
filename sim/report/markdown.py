"""The office report as a Markdown briefing."""
from __future__ import annotations

from sim.assess.statuses import WATCH
from sim.report.dataview import vintage_mark
from sim.report.htmltext import L, _sc_name, num, status_label
from sim.report.labels import localize
from sim.report.presetlabels import status_text
from sim.report.reportdata import _rows_by_indicator, ordered_indicators
from sim.report.reportview import (
    assumption_text,
    baseline_cell,
    counts_text,
    has_data,
    owner_counts,
    projected_text,
    year_text,
)


def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    esc = lambda s: str(s).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    return "\n".join(["| " + " | ".join(map(esc, headers)) + " |",
                      "|" + "|".join("---" for _ in headers) + "|"]
                     + ["| " + " | ".join(map(esc, r)) + " |" for r in rows]) + "\n"


def render_md(data: dict, lang: str = "zh") -> str:
    """The briefing as Markdown: headings, bullets and tables of at most 3 + scenarios columns."""
    data = localize(data, lang)
    t = L[lang]
    runs = data["runs"]
    plan = data["plan"]
    rows_by = [_rows_by_indicator(run) for run in runs]
    inds = [i for i in ordered_indicators(data) if has_data(i, runs)]
    out = [f"## {plan['title']}", "",
           f"{plan['region'] or ''} · {t['plan_period']} {plan['base_year']}–{plan['target_year']} · "
           f"{t['scenarios']}: " + ", ".join(_sc_name(r) for r in runs), "", f"### {t['key']}", ""]
    for run in runs:
        s = run["check"]["summary"]
        out.append("- " + t["sum_line"].format(sc=_sc_name(run), n=s["targets"],
                                               counts=counts_text(s["by_status"], lang)))
    watch = [r for r in runs[0]["check"]["rows"] if r["status"] in WATCH] if runs else []
    if watch:
        out.append("- " + t["attention"].format(sc=_sc_name(runs[0])) + " " + "; ".join(
            f"{r['name']} ({status_text(r, lang)}, {r['owner'] or t['no_owner']})" for r in watch))
    out += ["- " + (t["binding_first"] if any(i["attribute"] == "binding" for i in inds) else t["no_binding"]),
            "", f"### {t['by_owner']}", ""]
    orows = [[o or t["no_owner"], str(n)] + [", ".join(f"{status_label(k, lang)} {v}" for k, v in c.items())
                                             for c in counts]
             for o, n, counts in owner_counts(inds, rows_by)]
    out.append(_md_table([t["owner"], t["n_targets"]] + [_sc_name(r) for r in runs], orows))
    ov = []
    for ind in inds:
        for k, r in enumerate(rows_by[0].get(ind["id"], [])):
            cells = [ind["name"] + (f" ({t['binding']})" if ind["attribute"] == "binding" else "")
                     + (f" [{ind['unit']}]" if ind["unit"] else ""),
                     baseline_cell(ind), f"{r['text'] or '—'} ({year_text(r['target_year'], lang)})"]
            for rb in rows_by:
                rr = rb[ind["id"]][k]
                cells.append(f"{projected_text(rr) or '—'} {status_text(rr, lang)}")
            ov.append(cells)
    out += ["", f"### {t['overview']}", "",
            _md_table([t["indicator"], t["baseline"], t["target"]]
                      + [f"{_sc_name(r)}: {t['projected']}" for r in runs], ov)]
    f = data["findings"]
    out += ["", f"### {t['consistency']}", ""]
    if f is None:
        out.append(t["not_run"])
    elif not f:
        out.append(t["no_findings"])
    else:
        out += [f"- {x['relation'] or x['kind']}: {x['message']}"
                + (f" ({', '.join(x['scenarios'])})" if len(x["scenarios"]) < len(runs) else "") for x in f]
    out += ["", f"### {t['assumptions']}", ""]
    for run in runs:
        sc = run["scenario"]
        out.append(f"- **{_sc_name(run)}** ({sc['id']}): {sc['description'] or ''}")
        for i, a in sc["assumptions"].items():
            out.append(f"  - {i}: {assumption_text(a, lang)}")
    out += ["", f"### {t['provenance']}", "", t["prov_note"], ""]
    for ind in inds:
        src = ind["source"]
        bits = []
        if src and src.get("line"):
            bits.append(f"{t['plan_text']} {t['line'].format(n=src['line'])}")
        bits += [f"{y}: {num(v)}{vintage_mark(ind.get('history_vintages', {}).get(y), lang)}"
                 + (f" <{ind['history_sources'][y]}>" if y in ind["history_sources"] else "")
                 for y, v in sorted(ind["history"].items())]
        if ind["baseline"] and ind["baseline"].get("source"):
            bits.append(f"{t['baseline']}: <{ind['baseline']['source']}>")
        out.append(f"- {ind['name']} ({ind['id']}): " + ("; ".join(bits) or "—"))
    for k, r in data["references"].items():
        out.append(f"- {r['name']} ({k}): " + ", ".join(f"{y}: {num(v)} {r['unit']}" for y, v in r["values"].items())
                   + (f" <{r['source']}>" if r["source"] else ""))
    p = runs[0]["provenance"] if runs else {}
    out += ["", f"{t['spec_file']}: `{p.get('spec')}` (sha256 {(p.get('spec_sha256') or '')[:16]}); "
            + "; ".join(f"{t['scenario_file']} {_sc_name(r)}: `{r['provenance']['scenario']}`" for r in runs)
            + f"; sim {p.get('sim_version')}; {p.get('time')}", ""]
    return "\n".join(out)
