"""Excel workbooks (openpyxl, imported when a workbook is made) for check, project, simulate,
compare and report.

Sheets: the check table (one row per scenario and target), year-by-year projections, simulation
probabilities and percentiles (when simulated), scenario assumptions, consistency findings (when
given) and provenance. Numbers are stored as numbers (never as text) with their unit in the
header or in the row's unit column; shares and probabilities are fractions shown as percentages;
header rows are frozen; statuses are colour-coded as in the HTML report.
"""
from __future__ import annotations

import io

from sim.report.dataview import VINTAGE_LABELS
from sim.report.labels import localize
from sim.report.labels.xlsx import XLSX as T
from sim.report.palette import DARK_TEXT, STATUS_COLORS
from sim.report.presetlabels import status_text

PCT = "0%"


PCT1 = "0.0%"


# (row key, zh header, en header, number format or None)
CHECK_COLUMNS = [
    ("indicator", "指标代码", "indicator", None), ("name", "名称", "name", None),
    ("unit", "单位", "unit", None), ("owner", "责任单位", "owner", None),
    ("attribute", "属性", "attribute", None),
    ("baseline", "基期值 (单位列)", "baseline (unit column)", None),
    ("baseline_year", "基期年", "baseline year", "0"),
    ("latest", "最新值 (单位列)", "latest (unit column)", None),
    ("latest_year", "最新年", "latest year", "0"),
    ("latest_vintage", "最新值口径", "latest vintage", None),
    ("start", "起点值 (单位列)", "start (unit column)", None),
    ("start_assumed", "起点为假设", "start assumed", None),
    ("text", "目标 (原文)", "target (as written)", None),
    ("target", "目标值 (单位列)", "target value (unit column)", None),
    ("target_year", "目标年", "target year", "0"),
    ("required_pace", "所需速度 (速度单位列)", "required pace (pace unit column)", None),
    ("required_pace_from_base", "自基期所需速度 (速度单位列)", "required pace from base (pace unit column)", None),
    ("required_real_pace", "所需实际速度 (速度单位列)", "required real pace (pace unit column)", None),
    ("assumed_pace", "假设速度 (速度单位列)", "assumed pace (pace unit column)", None),
    ("pace_unit", "速度单位", "pace unit", None),
    ("projected", "预计值 (单位列)", "projected (unit column)", None),
    ("gap", "差距 (单位列)", "gap (unit column)", None),
    ("share_of_required", "完成度P (%)", "share of required P (%)", PCT),
    ("pace_ratio", "速度比RR (%)", "pace ratio RR (%)", PCT),
    ("status", "状态", "status", None), ("status_code", "状态代码", "status code", None),
    ("assumed", "假设项", "assumed", None), ("pace_source", "速度来源", "pace source", None),
    ("reason", "说明", "reason", None),
]


SIM_COLUMNS = [
    ("probability", "达标概率 (%)", "probability (%)", PCT1), ("se", "标准误 (%)", "standard error (%)", "0.00%"),
    ("p10", "P10 (目标年, 单位列)", "P10 (target year, unit column)", None),
    ("p50", "P50 (目标年, 单位列)", "P50 (target year, unit column)", None),
    ("p90", "P90 (目标年, 单位列)", "P90 (target year, unit column)", None),
    ("method", "方法", "method", None), ("draws", "抽样次数", "draws", "0"),
    ("draw_per", "抽样方式", "drawn per", None), ("uncertainty", "不确定性", "uncertainty", None),
]


def workbook(reports: list[dict], projections: list[dict] = (), lang: str = "zh",
             findings: list[dict] | None = None, indicators: list[dict] | None = None) -> bytes:
    """An .xlsx file as bytes.

    ``reports``: `sim check` or `sim simulate` reports (one per scenario; a simulate report adds
    the probability and percentile sheets); ``projections``: `sim project` reports; ``findings``:
    consistency findings (with ``scenarios`` when merged over scenarios); ``indicators``: the
    spec's indicators as in ``sim.report.reportdata.report_data`` (sources of every number).
    """
    reports, projections = localize(list(reports), lang), localize(list(projections), lang)
    from openpyxl import Workbook

    t = T[lang]
    wb = Workbook()
    ws = wb.active
    ws.title = t["check"]
    _check_sheet(ws, reports, lang)
    if projections:
        _project_sheet(wb.create_sheet(t["project"]), projections, lang)
    sims = [r for r in reports if "simulation" in r]
    if sims:
        _simulate_sheets(wb, sims, lang)
    scenarios = list({(r["scenario"]["id"], r["scenario"]["name"]): r["scenario"]
                      for r in list(reports) + list(projections)}.values())
    _assumption_sheet(wb.create_sheet(t["assumptions"]), scenarios, lang)
    if findings is not None:
        _findings_sheet(wb.create_sheet(t["findings"]), findings, lang)
    _provenance_sheet(wb.create_sheet(t["provenance"]), list(reports) + list(projections), indicators, lang)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def report_workbook(data: dict, lang: str = "zh") -> bytes:
    """The workbook of ``sim.report.reportdata.report_data``: every scenario's check, projections, simulation."""
    data = localize(data, lang)
    reports = []
    for run in data["runs"]:
        rep = run["check"]
        sim = run["simulation"]
        if sim:   # the simulate report's shape: check rows with the simulation's fields
            rep = rep | {"simulation": sim["settings"], "fan": sim["fan"],
                         "rows": [r | s for r, s in zip(rep["rows"], sim["rows"])]}
        reports.append(rep)
    return workbook(reports, [run["project"] for run in data["runs"]], lang, data["findings"],
                    data["indicators"])


def tables_workbook(tables: list[tuple[str, list[str], list[list]]]) -> bytes:
    """A workbook of one sheet per (title, headers, rows) table, headers frozen."""
    import re

    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, heads, rows in tables:
        ws = wb.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", title)[:31])
        _header(ws, heads, "A2")
        for r in rows:
            ws.append(r)
        _widths(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _header(ws, headers: list[str], freeze: str):
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.append(headers)
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="EAEEF2")
        c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = freeze
    ws.auto_filter.ref = ws.dimensions


def _widths(ws, cap: int = 48):
    """Column widths from the longest cell (CJK characters count double)."""
    from openpyxl.utils import get_column_letter

    for col in ws.iter_cols():
        longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(c.value)) for c in col
                       if c.value is not None), default=6)
        ws.column_dimensions[get_column_letter(col[0].column)].width = min(max(longest, 6) + 2, cap)


def _status_style(cell, code: str):
    from openpyxl.styles import Font, PatternFill

    cell.fill = PatternFill("solid", fgColor=STATUS_COLORS[code].lstrip("#").upper())
    cell.font = Font(bold=True, color="1F2328" if code in DARK_TEXT else "FFFFFF")


def _check_sheet(ws, reports: list[dict], lang: str):
    t = T[lang]
    cols = CHECK_COLUMNS
    _header(ws, [t["scenario"], t["scenario_name"]] + [c[1] if lang == "zh" else c[2] for c in cols], "D2")
    for rep in reports:
        sc = rep["scenario"]
        for r in rep["rows"]:
            vals = []
            for key, *_ in cols:
                if key == "status":
                    vals.append(status_text(r, lang))
                elif key == "status_code":
                    vals.append(r["status"])
                elif key == "assumed":
                    vals.append(", ".join(r["assumed"]) or None)
                elif key == "latest_vintage":
                    vals.append(VINTAGE_LABELS[lang].get(r.get(key)))
                else:
                    vals.append(r.get(key))
            ws.append([sc["id"], sc["name"]] + vals)
            row = ws.max_row
            for j, (key, _, _, fmt) in enumerate(cols, start=3):
                if fmt:
                    ws.cell(row, j).number_format = fmt
                if key == "status":
                    _status_style(ws.cell(row, j), r["status"])
    ws.auto_filter.ref = ws.dimensions
    _widths(ws)


def _project_sheet(ws, projections: list[dict], lang: str):
    from openpyxl.styles import Font

    t = T[lang]
    years = sorted({int(y) for p in projections for i in p["indicators"]
                    for y in list(i["path"]) + list(i["actuals"])})
    head = [t["scenario"], t["scenario_name"], "指标代码" if lang == "zh" else "indicator",
            "名称" if lang == "zh" else "name", t["unit"]] + [str(y) for y in years] + \
        [t["first_projected"], t["target"], t["target_year"], t["pace_source"]]
    _header(ws, head, "F2")
    italic = Font(italic=True, color="0969DA")
    for p in projections:
        sc = p["scenario"]
        for i in p["indicators"]:
            cells = []
            for y in years:
                v = i["actuals"].get(str(y), i["path"].get(str(y)))
                cells.append(v)
            tgt = sorted(i["targets"].items())
            first = min((int(y) for y in i["path"]), default=None)
            ws.append([sc["id"], sc["name"], i["indicator"], i["name"], i["unit"]] + cells
                      + [first, tgt[-1][1] if tgt else None, int(tgt[-1][0]) if tgt else None, i["pace_source"]])
            row = ws.max_row
            for j, y in enumerate(years, start=6):
                if str(y) in i["path"] and str(y) not in i["actuals"]:
                    ws.cell(row, j).font = italic
    ws.cell(ws.max_row + 2, 1, t["actual_note"])
    _widths(ws)


def _simulate_sheets(wb, sims: list[dict], lang: str):
    t = T[lang]
    ws = wb.create_sheet(t["simulate"])
    cols = [("indicator", "指标代码", "indicator", None), ("name", "名称", "name", None),
            ("unit", "单位", "unit", None), ("text", "目标 (原文)", "target (as written)", None),
            ("target_year", "目标年", "target year", "0")] + SIM_COLUMNS
    _header(ws, [t["scenario"], t["scenario_name"]] + [c[1] if lang == "zh" else c[2] for c in cols]
            + [t["seed"]], "D2")
    for rep in sims:
        sc = rep["scenario"]
        for r in rep["rows"]:
            ws.append([sc["id"], sc["name"]] + [r.get(k) for k, *_ in cols] + [rep["simulation"]["seed"]])
            for j, (_, _, _, fmt) in enumerate(cols, start=3):
                if fmt:
                    ws.cell(ws.max_row, j).number_format = fmt
    _widths(ws)
    ws = wb.create_sheet(t["fan"])
    _header(ws, [t["scenario"], t["scenario_name"], "指标代码" if lang == "zh" else "indicator", t["unit"],
                 t["year"]] + [f"{p} ({t['unit']}列)" if lang == "zh" else f"{p} (unit column)" for p in t["p"]],
            "F2")
    units = {}
    for rep in sims:
        units.update({r["indicator"]: r["unit"] for r in rep["rows"]})
    for rep in sims:
        sc = rep["scenario"]
        for ind, by in rep["fan"].items():
            for y, v in sorted(by.items()):
                ws.append([sc["id"], sc["name"], ind, units.get(ind), int(y), v["p10"], v["p50"], v["p90"]])
    _widths(ws)


def _assumption_sheet(ws, scenarios: list[dict], lang: str):
    t = T[lang]
    _header(ws, [t["scenario"], t["scenario_name"], t["subject"], t["field"], t["year"], t["value"],
                 t["value_unit"], t["note"]], "D2")
    fraction = {"growth", "real_growth", "deflator"}
    for sc in scenarios:
        base = [sc["id"], sc["name"]]
        for k, v in sc["defaults"].items():
            if v not in (None, [], {}):
                ws.append(base + [t["defaults"], k, None, *_value(k, v, t), None])
        for ind, a in sc["assumptions"].items():
            for k, v in a.items():
                if k == "note":
                    continue
                if isinstance(v, dict) and "dist" not in v:
                    for y, x in v.items():
                        ws.append(base + [ind, k, int(y), x, t["fraction"] if k in fraction else None, a.get("note")])
                else:
                    ws.append(base + [ind, k, None, *_value(k, v, t), a.get("note")])
        for s in sc["shocks"]:
            who = ", ".join(s["indicators"]) if isinstance(s["indicators"], list) else s["indicators"]
            ws.append(base + [who, t["shock"], s["year"], s["growth"], t["fraction"],
                              (s.get("note") or "") + (f" (p={s['probability']:g})" if s.get("probability", 1) < 1
                                                       else "")])
    _widths(ws)


def _value(field: str, v, t: dict) -> tuple:
    """(value, unit of the value) for one assumption field; a distribution as text."""
    if isinstance(v, dict):
        return ", ".join(f"{k}={x}" for k, x in v.items()), t["fraction"] if field in (
            "growth", "real_growth", "deflator") else None
    if isinstance(v, (list, str)):
        return (", ".join(map(str, v)) if isinstance(v, list) else v), None
    if field in ("growth", "real_growth", "deflator"):
        return v, t["fraction"]
    if field == "change":
        return v, t["units_per_year"]
    return v, None


def _findings_sheet(ws, findings: list[dict], lang: str):
    t = T[lang]
    _header(ws, [t["relation"], t["kind"], t["indicators"], t["year"], t["implied"], t["stated"],
                 t["difference"], t["unit"], t["inconsistent"], t["message"], t["scenario_name"]], "B2")
    for f in findings:
        ws.append([f["relation"], f["kind"], ", ".join(f["indicators"]), f["year"], f["implied"], f["stated"],
                   f["difference"], f["unit"], bool(f["inconsistent"]), f["message"],
                   ", ".join(f.get("scenarios", []))])
    _widths(ws, cap=60)


def _provenance_sheet(ws, reports: list[dict], indicators: list[dict] | None, lang: str):
    t = T[lang]
    _header(ws, [t["item"], t["subject"], t["year"], t["value"], t["source"]], "A2")
    seen = set()
    p0 = reports[0]["provenance"] if reports else {}
    ws.append([t["sim_version"], None, None, None, p0.get("sim_version")])
    ws.append([t["spec"], p0.get("spec"), None, None, p0.get("spec_sha256")])
    for r in reports:
        p = r["provenance"]
        key = (p.get("scenario"), p.get("scenario_sha256"), p.get("seed"))
        if key in seen:
            continue
        seen.add(key)
        ws.append([t["scenario_file"], r["scenario"]["name"], None, None,
                   f"{p.get('scenario') or '—'} sha256 {p.get('scenario_sha256') or '—'}"])
        if p.get("seed") is not None:
            ws.append([t["seed"], r["scenario"]["name"], None, p["seed"], None])
    ws.append([t["time"], None, None, None, p0.get("time")])
    for ind in indicators or []:
        src = ind["source"] or {}
        where = (t["plan_line"].format(n=src["line"]) + ": " if src.get("line") else "") + (src.get("text") or "")
        b = ind["baseline"]
        if b:
            ws.append([t["baseline"], ind["id"], b["year"], b["value"], b.get("source") or where or None])
        for x in ind["targets"]:
            ws.append([t["target_item"], ind["id"], x["year"], x["value"], f"「{x['text']}」 " + where])
        for y, v in sorted(ind["history"].items()):
            ws.append([t["history"], ind["id"], int(y), v, ind["history_sources"].get(y)])
    _widths(ws, cap=70)
