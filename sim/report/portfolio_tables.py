"""The portfolio's summary tables and labels (zh, en): the plan × status matrix, the summaries by
indicator name and by owner, the summary lines and the errors of the plans that could not be read."""
from __future__ import annotations

from sim.assess.statuses import Status
from sim.report.labels import STATUS as STATUS_LABELS
from sim.report.labels import text

TEXT = {
    "zh": {"title": "规划组合", "plan": "规划", "plan_title": "名称", "targets": "目标数", "plans": "规划数",
           "name": "指标名称", "owner": "责任单位", "not_on_track": "未达预期", "by_plan": "按规划",
           "by_indicator": "按指标名称(跨规划)", "by_owner": "按责任单位", "errors": "未能读取的规划",
           "summary": "汇总", "plans_ok": "{ok} 个规划已检查, {bad} 个未能读取", "file": "文件",
           "error": "错误", "consistency": "目标一致性问题", "inconsistent": "个规划有相互矛盾的目标"},
    "en": {"title": "Portfolio", "plan": "plan", "plan_title": "title", "targets": "targets", "plans": "plans",
           "name": "indicator name", "owner": "owner", "not_on_track": "not on track", "by_plan": "By plan",
           "by_indicator": "By indicator name (across plans)", "by_owner": "By owner",
           "errors": "Plans that could not be read", "summary": "Summary",
           "plans_ok": "{ok} plan(s) checked, {bad} could not be read", "file": "file", "error": "error",
           "consistency": "consistency findings", "inconsistent": "plan(s) with contradicting targets"},
}


def _status_headers(lang: str) -> list[str]:
    return [STATUS_LABELS[lang][s] for s in Status]


def matrix_tables(report: dict, lang: str) -> list[tuple[str, list[str], list[list]]]:
    """(title, headers, rows) of the plan × status matrix and the summaries by indicator and owner."""
    t = TEXT[lang]
    s = report["summary"]
    titles = {p["id"]: p["title"] for p in report["plans"]}
    st = _status_headers(lang)
    plan_rows = [[pid, titles.get(pid), g["targets"]] + [g["by_status"][k] for k in Status] + [g["not_on_track"]]
                 for pid, g in s["by_plan"].items()]
    return [(t["by_plan"], [t["plan"], t["plan_title"], t["targets"]] + st + [t["not_on_track"]], plan_rows)] \
        + group_tables(s, lang)


def group_tables(summary: dict, lang: str) -> list[tuple[str, list[str], list[list]]]:
    """(title, headers, rows) of a summary's statuses by indicator name and by owner across plans."""
    t, st = TEXT[lang], _status_headers(lang)
    out = []
    for key, head in (("by_indicator", t["name"]), ("by_owner", t["owner"])):
        rows = [[k, g["plans"], g["targets"]] + [g["by_status"][x] for x in Status] + [g["not_on_track"]]
                for k, g in summary[key].items()]
        out.append((t[key], [head, t["plans"], t["targets"]] + st + [t["not_on_track"]], rows))
    return out


def _summary_lines(report: dict, lang: str) -> list[str]:
    t = TEXT[lang]
    s = report["summary"]
    p = report["portfolio"]
    counts = ", ".join(f"{STATUS_LABELS[lang][k]} {v}" for k, v in s["by_status"].items() if v)
    lines = [f"{t['summary']}: " + t["plans_ok"].format(ok=p["plans"], bad=p["failed"])
             + f"; {t['targets']} {s['targets']} — {counts}"]
    bad_plans = {f["plan"] for f in report["consistency"] if f["inconsistent"]}
    if report["consistency"]:
        lines.append(f"{t['consistency']}: {len(report['consistency'])}; {len(bad_plans)} {t['inconsistent']}")
    return lines


def _error_rows(report: dict, lang: str) -> list[list]:
    """file, line, indicator, field and the message (with its hint) of each unread plan, in ``lang``."""
    return [[e["file"], e["line"], e["indicator"], e["field"],
             text(e["message"], lang) + (f" ({text(e['hint'], lang)})" if e["hint"] else "")]
            for e in report["errors"]]
