"""The sections of the HTML report as plain data for its template (templates/report.html.j2):
overview rows, indicator cards, findings, assumptions, provenance. Text only; the template adds
the markup and escapes every value."""
from __future__ import annotations

from sim.report.checktext import reason_text
from sim.report.dataview import data_file_rows, vintage_mark
from sim.report.htmltext import L, _sc_name, num, pace_text
from sim.report.reportdata import LEVEL_KINDS, probabilities
from sim.report.reportview import (
    assumption_text,
    baseline_cell,
    defaults_text,
    prob_text,
    projected_text,
    target_cell,
    year_text,
)


def overview_rows(inds: list[dict], runs: list[dict], rows_by: list[dict], lang: str) -> list[dict]:
    """One row per indicator and target: the target and, per scenario, the projection and status."""
    rows = []
    for ind in inds:
        for k, r in enumerate(rows_by[0].get(ind["id"], []) if runs else []):
            rows.append({"ind": ind, "baseline": baseline_cell(ind),
                         "target": f"{r['text'] or '—'} ({year_text(r['target_year'], lang)})",
                         "cells": [{"shown": projected_text(rb[ind["id"]][k]), "row": rb[ind["id"]][k]}
                                   for rb in rows_by]})
    return rows


def cards(inds: list[dict], runs: list[dict], rows_by: list[dict], lang: str) -> list[dict]:
    """One card per indicator: what its chart's caption says and a row per scenario and target."""
    t = L[lang]
    prob_of = [{id(r): p for r, p in zip(run["check"]["rows"], probabilities(run))} for run in runs]
    with_prob = any(p is not None for run in runs for p in probabilities(run))
    out = []
    for ind in inds:
        mine = [rb.get(ind["id"], []) for rb in rows_by]
        sub = [f"{t['owner']}: {ind['owner'] or t['no_owner']}", f"{t['baseline']} {baseline_cell(ind)}",
               f"{t['target']} {target_cell(ind, lang)}"]
        n_targets = len(mine[0]) if mine else 0
        same_req = [len({(rows[j]["required_pace"], rows[j]["pace_unit"]) for rows in mine}) == 1
                    for j in range(n_targets)]
        if n_targets == 1 and same_req[0] and mine[0][0]["required_pace"] is not None:
            sub.append(f"{t['required_pace']} {pace_text(mine[0][0]['required_pace'], mine[0][0]['pace_unit'], lang)}")
        body = [{"k": k, "label": _sc_name(run) + (f" ({year_text(r['target_year'], lang)})" if n_targets > 1 else ""),
                 "required": pace_text(r["required_pace"], r["pace_unit"], lang),
                 "pace": pace_text(r["assumed_pace"], r["pace_unit"], lang),
                 "pace_assumed": r["assumed_pace"] is not None and "pace" in r["assumed"],
                 "projected": projected_text(r) or "—", "prob": prob_text(prob_of[k].get(id(r))),
                 "row": r, "why": r["preset_reason"] if r.get("preset_status") else reason_text(r, lang)}
                for k, run in enumerate(runs) for r in mine[k]]
        no_target = [x for x in ind["targets"] if x["kind"] not in LEVEL_KINDS + ("none",)]
        out.append({"ind": ind, "sub": " · ".join(sub), "rows": body, "with_prob": with_prob,
                    "show_required": not (n_targets == 1 and same_req[0]),
                    "no_chart_target": "; ".join(x["text"] or "" for x in no_target),
                    "no_numeric": any(x["kind"] == "none" for x in ind["targets"])})
    return out


def finding_rows(data: dict, lang: str) -> list[dict] | None:
    """The consistency findings with their numbers written, or None when the check was not run."""
    if data["findings"] is None:
        return None
    n_runs = len(data["runs"])
    return [x | {"implied_text": num(x["implied"]) + (f" {x['unit']}" if x["unit"] and x["implied"] is not None else ""),
                 "stated_text": num(x["stated"]), "difference_text": num(x["difference"]),
                 "scenarios_text": "、".join(x["scenarios"]) if len(x["scenarios"]) < n_runs else L[lang]["all"]}
            for x in data["findings"]]


def scenario_items(runs: list[dict], lang: str) -> list[dict]:
    """Each scenario's name, id, description, defaults and shocks in words."""
    out = []
    for run in runs:
        sc = run["scenario"]
        shocks = "; ".join(f"{s['year']} " + (", ".join(s["indicators"]) if isinstance(s["indicators"], list)
                                              else str(s["indicators"]))
                           + f" {s['growth']:+.1%}" + (f" (p={s['probability']:g})" if s.get("probability", 1) < 1 else "")
                           + (f" — {s['note']}" if s.get("note") else "") for s in sc["shocks"])
        out.append({"name": _sc_name(run), "id": sc["id"], "description": sc["description"] or "",
                    "defaults": defaults_text(sc["defaults"], lang), "shocks": shocks})
    return out


def assumption_rows(data: dict, lang: str) -> list[dict]:
    """One row per assumed indicator: per scenario its assumption in words and its note (or None)."""
    runs = data["runs"]
    ids = list(dict.fromkeys(i for run in runs for i in run["scenario"]["assumptions"]))
    names = {i["id"]: i["name"] for i in data["indicators"]}
    rows = []
    for i in ids:
        cells = []
        for run in runs:
            a = run["scenario"]["assumptions"].get(i)
            cells.append({"text": assumption_text({k: v for k, v in a.items() if k != "note"}, lang),
                          "note": a.get("note")} if a else None)
        rows.append({"id": i, "name": names.get(i, i), "cells": cells})
    return rows


def provenance_rows(inds: list[dict], runs: list[dict], lang: str) -> list[dict]:
    """Per indicator: its plan line and text, its data with their sources, the numbers scenarios assume."""
    t = L[lang]
    rows = []
    for ind in inds:
        src = ind["source"] or {}
        links = []
        if ind["baseline"] and ind["baseline"].get("source"):
            links.append((f"{ind['baseline']['year']}: {num(ind['baseline']['value'])}", ind["baseline"]["source"]))
        links += [(f"{y}: {num(v)}{vintage_mark(ind.get('history_vintages', {}).get(y), lang)}",
                   ind["history_sources"].get(y)) for y, v in sorted(ind["history"].items())]
        assumed: dict[str, list[str]] = {}
        for run in runs:
            for r in run["check"]["rows"]:
                if r["indicator"] == ind["id"]:
                    for a in r["assumed"]:
                        names = assumed.setdefault(a, [])
                        if _sc_name(run) not in names:
                            names.append(_sc_name(run))
        sep = "、" if lang == "zh" else ", "
        rows.append({"name": ind["name"], "line": t["line"].format(n=src["line"]) if src.get("line") else None,
                     "text": src.get("text"), "links": links,
                     "assumed": "; ".join(f"{t['assumed_fields'].get(a, a)} "
                                          f"({t['all'] if len(s) == len(runs) else sep.join(s)})"
                                          for a, s in assumed.items())})
    return rows


def reference_items(data: dict) -> list[dict]:
    return [{"key": k, "name": r["name"], "source": r["source"],
             "series": ", ".join(f"{y}: {num(v)} {r['unit']}" for y, v in r["values"].items())}
            for k, r in data["references"].items()]


def file_rows(data: dict, lang: str) -> list[dict]:
    """The spec and scenario files with their sha256, the sim version and the simulation's seed."""
    t, runs = L[lang], data["runs"]
    rows = []
    if runs:
        p0 = runs[0]["provenance"]
        rows.append({"label": t["spec_file"], "path": p0["spec"] or "—", "sha": p0["spec_sha256"] or ""})
        rows += [{"label": t["scenario_file"], "run": k, "name": _sc_name(r), "path": r["provenance"]["scenario"] or "—",
                  "sha": r["provenance"]["scenario_sha256"] or ""} for k, r in enumerate(runs)]
        rows += data_file_rows(p0, lang)
        rows.append({"label": t["sim_version"], "path": p0["sim_version"], "sha": ""})
    if data["simulation"]:
        rows.append({"label": t["draws"], "path": f"draws {data['simulation']['draws']}, seed "
                                                  f"{data['simulation']['seed']}", "sha": ""})
    return rows
