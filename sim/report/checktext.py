"""The `sim check` and `sim project` reports written out: table (names, or ids), md, csv, and
JSON (sentences in English). Imported only to render: a JSON check never needs the table code."""
from __future__ import annotations

from sim.assess.statuses import NEEDS_ASSUMPTION, SHORT_OF_PACE
from sim.report.checktable import terminal_table
from sim.report.dataview import vintage_mark
from sim.report.findings import render_findings
from sim.report.labels import STATUS as STATUS_LABELS
from sim.report.labels import localize, text, to_json, words
from sim.report.labels.tables import CHECK_COLUMNS as COLUMNS
from sim.report.labels.tables import CHECK_REASONS as REASONS
from sim.report.labels.tables import CHECK_TEXT as TEXT
from sim.report.numbers import people
from sim.report.presetlabels import PRESET_LABELS, preset_counts, status_text
from sim.report.tables import render, who

SHORT = {"indicator", "unit", "latest", "text", "target_year", "required_pace", "assumed_pace",
         "projected", "status", "owner"}


def reason_text(r: dict, lang: str) -> str:
    """A short reason in the report's language where the status allows one, else the engine's."""
    t = REASONS[lang]
    branch = r["explain"]["branch"]
    if branch == "keep the level":
        return t["branches"].get(f"{branch}:{r['status']}", text(r["reason"], lang))
    if r["status"] == "on_track" and r["projected"] is not None and r["pace_model"] != "growth_rate":
        return t["on_track_reason"]
    if r["pace_model"] == "growth_rate" and r["assumed_pace"] is not None:
        return t["growth_reason"].format(proj=f"{r['assumed_pace']:.2f}", target=r["text"])
    if r["status"] in SHORT_OF_PACE and \
            r["share_of_required"] is not None:
        return t["share_reason"].format(share=f"{r['share_of_required']:.0%}")
    return t["branches"].get(f"{branch}:{r['status']}", t["branches"].get(branch, text(r["reason"], lang)))


def _cell(r: dict, key: str, lang: str, compact: bool = False):
    """One cell of the check table; ``compact`` (terminal) marks assumed values with * and weak
    evidence with ?, explained under the table."""
    v = r.get(key)
    if key == "reason":
        return r["preset_reason"] if r.get("preset_status") else reason_text(r, lang)
    if key == "status":
        return status_text(r, lang)
    if key in ("required_pace", "assumed_pace") and v is not None:
        shown = f"{people(v, '%')}%" if r["pace_model"] in ("compound", "growth_rate") else people(v, signed=True)
        if key == "assumed_pace":
            shown += ("*" if compact else TEXT[lang]["assumed"]) if "pace" in r["assumed"] else ""
            shown += ("?" if compact else TEXT[lang]["weak"]) if r["weak_evidence"] else ""
        return shown
    if key == "share_of_required" and v is not None:
        return f"{v:.0%}"
    if key == "latest" and v is None and r.get("start_assumed"):
        return people(r["start"]) + ("*" if compact else TEXT[lang]["assumed"])
    if key == "latest" and v is not None and vintage_mark(r.get("latest_vintage"), lang):
        return people(v) + vintage_mark(r.get("latest_vintage"), lang)
    if key == "text" and r.get("stretch"):
        return f"{v} (力争)" if lang == "zh" else f"{v} (stretch)"
    if isinstance(v, float):
        return round(v, 4)
    return v


def render_check(report: dict, fmt: str, lang: str = "zh", group_by: str | None = None,
                 wide: bool = False, ids: bool = False, width: int | None = None) -> str:
    """table (names, or ids with ``ids``; fitted to ``width``), md, csv or json."""
    if fmt == "json":   # to_json writes the sentences in English
        return to_json(report)
    needs = sum(getattr(r["reason"], "code", None) in NEEDS_ASSUMPTION for r in report["rows"])
    report = localize(report, lang)
    cols = [c for c in COLUMNS if wide or fmt == "csv" or c[0] in SHORT
            or (fmt == "md" and c[0] == "reason")]
    headers = [c[1] if lang == "zh" else c[2] for c in cols]
    rows = report["rows"]
    if fmt == "csv":
        assumed = words.ASSUMED[lang]
        return render(headers + ["status_code", "preset_status", "假设项" if lang == "zh" else "assumed"],
                      [[_cell(r, c[0], lang) for c in cols] + [r["status"], r.get("preset_status") or "",
                                                               ";".join(assumed.get(a, a) for a in r["assumed"])]
                       for r in rows], "csv")
    t = TEXT[lang]
    parts = []
    title = f"{report['plan']['title']} — {report['scenario']['name'] or report['scenario']['id']}"
    if report["preset"] != "default":
        title += f" [{report['preset']}]"
    for name, group in _groups(rows, group_by, lang):
        sub = f"{title}" + (f" · {name}" if name else "")
        if fmt == "table" and not wide:
            parts.append(terminal_table(group, lang, sub, ids, width))
        else:
            parts.append(render(headers, [[_cell(r, c[0], lang, fmt == "table") for c in cols] for r in group],
                                fmt, title=sub, width=width))
    s = report["summary"]
    counts = ", ".join(f"{STATUS_LABELS[lang][k]} {v}" for k, v in s["by_status"].items() if v)
    if report["preset"] != "default":
        counts = ", ".join(f"{PRESET_LABELS[lang][k]} {v}" for k, v in preset_counts(rows).items())
    lines = [f"{t['summary']}: {s['targets']} — {counts}"]
    if s["binding_not_on_track"]:
        lines.append(f"{t['binding']}: " + ", ".join(
            f"{b['indicator']} {b['name']} ({STATUS_LABELS[lang][b['status']]}, {b['owner'] or '—'})"
            for b in s["binding_not_on_track"]))
    if needs:
        lines.append(t["needs_assumption"].format(n=needs))
    if report.get("consistency"):
        lines += [f"{t['consistency']}:"] + render_findings(report["consistency"], lang).splitlines()
    if fmt == "md":
        lines = [f"**{lines[0]}**"] + [f"- {x.strip()}" for x in lines[1:]]
    if fmt == "table":
        lines.append(TEXT[lang]["legend"])
        reasons = [f"  {r['indicator'] if ids else r['name'] or r['indicator']} {r['target_year'] or ''}: "
                   f"{_cell(r, 'reason', lang)}" for r in rows
                   if (r["status"] != "on_track" or r.get("preset_status")) and not wide]
        lines += reasons
    return "\n".join(parts) + "\n" + "\n".join(lines) + "\n"


def _groups(rows, group_by, lang):
    if not group_by:
        return [(None, rows)]
    key = (lambda r: r["owner"] or "—") if group_by == "owner" else \
        (lambda r: TEXT[lang]["attribute"][r["attribute"]])
    out: dict[str, list] = {}
    for r in sorted(rows, key=lambda r: (r["attribute"] != "binding",)):
        out.setdefault(key(r), []).append(r)
    return list(out.items())


def render_project(report: dict, fmt: str, lang: str = "zh", ids: bool = False) -> str:
    if fmt == "json":   # to_json writes the sentences in English
        return to_json(report)
    report = localize(report, lang)
    years = sorted({int(y) for i in report["indicators"] for y in list(i["path"]) + list(i["actuals"])})
    headers = (["指标", "单位"] if lang == "zh" else ["indicator", "unit"]) + [str(y) for y in years]
    rows = []
    for i in report["indicators"]:
        cells = []
        for y in years:
            if str(y) in i["actuals"]:
                cells.append(round(i["actuals"][str(y)], 4))
            elif str(y) in i["path"]:
                v = round(i["path"][str(y)], 4)
                cells.append(f"{v:g}*" if fmt != "csv" else v)
            else:
                cells.append(None)
        rows.append([who(i, fmt, ids), i["unit"]] + cells)
    note = ("\n* 预计值" if lang == "zh" else "\n* projected") + "\n" if fmt != "csv" else ""
    drop = tuple(range(2, len(headers) - 2))   # a narrow terminal keeps the latest years
    return render(headers, rows, fmt, drop=drop, title=f"{report['plan']['title']} — "
                                             f"{report['scenario']['name'] or report['scenario']['id']}") + note
