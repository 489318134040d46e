"""Renderers of `sim backtest` and `sim diff` results: table, md, csv, json and xlsx, zh and en."""
from __future__ import annotations

from sim.report.dataview import vintage_mark
from sim.report.labels import STATUS as STATUS_LABELS
from sim.report.labels import localize, to_json
from sim.report.tables import render

T = {
    "zh": {"title": "回测", "plan": "规划", "as_of": "截至年份", "indicator": "指标", "name": "名称", "target": "目标",
           "target_year": "目标年", "status": "当时判断", "probability": "概率", "latest_year": "最新数据年",
           "latest": "最新值", "outcome": "结果", "met": "已实现", "missed": "未实现", "summary": "汇总",
           "rows": "判断", "hit_rate": "命中率", "brier": "Brier 分数", "band": "概率区间", "n": "个数",
           "mean_p": "平均概率", "observed": "实际实现比例", "none": "无", "reliability": "可靠性",
           "table": "判断 × 结果", "no_outcome": "目标年结果已知的目标: {k}/{n};其余目标无法回测(数据中尚无目标年实际值)",
           "diff": "状态变化", "old": "原状态", "new": "新状态", "old_latest": "原最新值", "new_latest": "新最新值", "why": "原因", "unchanged": "无状态变化",
           "changed": "{c}/{n} 个目标状态变化", "added_label": "(无)",
           "reasons": {"new_data": "新一年数据", "revised": "数据修订", "scenario": "情景不同",
                       "preset": "方法不同", "added": "新增目标", "removed": "目标已删除", "other": "其他"}},
    "en": {"title": "Backtest", "plan": "plan", "as_of": "as of", "indicator": "indicator", "name": "name", "target": "target",
           "target_year": "by", "status": "verdict then", "probability": "probability",
           "latest_year": "latest data", "latest": "latest", "outcome": "outcome", "met": "met",
           "missed": "missed", "summary": "Summary", "rows": "verdicts", "hit_rate": "hit rate",
           "brier": "Brier score", "band": "probability band", "n": "n", "mean_p": "mean probability",
           "observed": "share met", "none": "none", "reliability": "Reliability", "table": "Verdict x outcome",
           "no_outcome": "targets with a known outcome: {k}/{n}; the others cannot be backtested (no actual "
                         "for their target year in the data)",
           "diff": "Status changes", "old": "old status", "new": "new status", "old_latest": "old latest",
           "new_latest": "new latest", "why": "why",
           "unchanged": "no status changed", "changed": "{c}/{n} targets changed status", "added_label": "(none)",
           "reasons": {"new_data": "new year of data", "revised": "revised value", "scenario": "different scenario",
                       "preset": "different preset", "added": "target added", "removed": "target removed",
                       "other": "other"}},
}


def _pct(x) -> str | None:
    return None if x is None else f"{x:.0%}"


def backtest_tables(report: dict, lang: str) -> list[tuple[str, list[str], list[list]]]:
    """(title, headers, rows) of the verdicts, the status x outcome table and the reliability bands."""
    t = T[lang]
    s = report["summary"]
    heads = [t[k] for k in ("indicator", "name", "target", "target_year", "as_of", "status", "probability",
                            "latest_year", "latest", "outcome")]
    rows = [[r["indicator"], r["name"], r["text"], r["target_year"], r["as_of"], STATUS_LABELS[lang][r["status"]],
             _pct(r["probability"]), r["latest_year"],
             None if r["latest"] is None else f"{r['latest']:g}{vintage_mark(r['latest_vintage'], lang)}",
             t[r["outcome"]]] for r in report["rows"]]
    table = [[STATUS_LABELS[lang][k], v["met"], v["missed"]] for k, v in s["status_by_outcome"].items()]
    bands = [[f"{b['low']:.0%}–{b['high']:.0%}", b["n"], _pct(b["mean_probability"]), _pct(b["observed"])]
             for b in s["reliability"]]
    return [(f"{t['title']}: {report['plan']['title']}", heads, rows),
            (t["table"], [t["status"], t["met"], t["missed"]], table),
            (t["reliability"], [t["band"], t["n"], t["mean_p"], t["observed"]], bands)]


def summary_lines(report: dict, lang: str) -> list[str]:
    t = T[lang]
    s = report["summary"]
    return [f"{t['summary']}: {t['rows']} {s['rows']}, {t['hit_rate']} {_pct(s['hit_rate']) or t['none']} "
            f"({s['hits']}/{s['scored']}), {t['brier']} "
            + (f"{s['brier']:.3f} (n={s['with_probability']})" if s["brier"] is not None else t["none"]),
            t["no_outcome"].format(k=s["targets_with_outcome"], n=s["targets"])]


def render_backtest(report: dict, fmt: str, lang: str = "zh") -> str | bytes:
    if fmt == "json":   # to_json writes the sentences in English
        return to_json(report)
    report = localize(report, lang)
    tables = backtest_tables(report, lang)
    if fmt == "xlsx":
        from sim.report.xlsx import tables_workbook
        return tables_workbook(tables + [(T[lang]["summary"], [""], [[x] for x in summary_lines(report, lang)])])
    if fmt == "csv":
        return render(*backtest_table(report, lang, tables), "csv")
    parts = [render(h, rows, fmt, title=title) for title, h, rows in tables]
    lines = summary_lines(report, lang)
    return "\n".join(parts) + "\n" + "\n".join(f"**{x}**" if fmt == "md" else x for x in lines) + "\n"


def backtest_table(report: dict, lang: str, tables: list | None = None) -> tuple[list[str], list[list]]:
    """(headers, rows) of the verdicts as csv writes them: the table's cells and the status and
    outcome codes (``tables``: backtest_tables of the localized report, if made already)."""
    _, heads, rows = (tables or backtest_tables(localize(report, lang), lang))[0]
    return heads + ["status_code", "outcome_code"], [r + [x["status"], x["outcome"]]
                                                     for r, x in zip(rows, report["rows"])]


def render_backtest_plans(report: dict, fmt: str, lang: str = "zh") -> str | bytes:
    """A portfolio of backtests (sim.report.plans): each plan's verdicts, then the verdict x outcome
    and reliability tables and the summary of every plan's verdicts together."""
    from sim.report.plans import render_plans
    whole = {"plan": {"title": ""}, "rows": [], "summary": report["summary"]}
    return render_plans(report, fmt, lang, render_backtest, backtest_table,
                        tables=lambda rep, lg: backtest_tables(whole, lg)[1:],
                        lines=lambda rep, lg: summary_lines(whole, lg))


def diff_table(report: dict, lang: str, csv: bool = False) -> tuple[list[str], list[list]]:
    t = T[lang]
    label = lambda s: STATUS_LABELS[lang][s] if s else t["added_label"]  # noqa: E731

    def latest(r, side):
        v = r[f"{side}_latest"]
        return None if v is None else f"{v:g} ({r[f'{side}_latest_year']}){vintage_mark(r[f'{side}_latest_vintage'], lang)}"

    heads = [t["indicator"], t["name"], t["target"], t["target_year"], t["old"], t["new"], t["why"],
             t["old_latest"], t["new_latest"]]
    rows = [[r["indicator"], r["name"], r["text"], r["target_year"], label(r["old_status"]),
             label(r["new_status"]), "; ".join(t["reasons"][x] for x in r["reasons"]),
             latest(r, "old"), latest(r, "new")] for r in report["rows"]]
    if "portfolio" in report or any(r.get("plan") is not None for r in report["rows"]):   # rows with their plan
        return ["plan" if csv else t["plan"]] + heads, [[r.get("plan")] + x for r, x in zip(report["rows"], rows)]
    return heads, rows


def render_diff(report: dict, fmt: str, lang: str = "zh") -> str:
    if fmt == "json":   # to_json writes the sentences in English
        return to_json(report)
    report = localize(report, lang)
    t = T[lang]
    heads, rows = diff_table(report, lang, fmt == "csv")
    old, new = report["old"], report["new"]
    title = f"{t['diff']}: {old['label'] or old['as_of']} → {new['label'] or new['as_of']}"
    if fmt == "csv":
        return render(heads + ["old_code", "new_code", "reasons"],
                      [r + [x["old_status"], x["new_status"], ";".join(x["reasons"])]
                       for r, x in zip(rows, report["rows"])], "csv")
    s = report["summary"]
    if not rows:
        return f"{title}: {t['unchanged']}\n"
    return render(heads, rows, fmt, title=title) + "\n" + t["changed"].format(c=s["changed"], n=s["compared"]) + "\n"


def render_diff_plans(report: dict, fmt: str, lang: str = "zh") -> str:
    """The status changes of a portfolio (a sim.report.plans document of per-plan diffs): one table
    with the plan of each row (csv: as one plan's, with a plan column), then the changes by plan,
    the plans that could not be read and the summary."""
    from sim.report.labels.plans import PLANS_TEXT
    from sim.report.plans import render_plans
    from sim.report.portfolio import to_json_fast
    if fmt in ("json", "csv"):
        return to_json_fast(report) if fmt == "json" else render_diff(report, fmt, lang)

    def by_plan(rep: dict, lg: str):
        t = PLANS_TEXT[lg]
        return [(t["by_plan"], [t["plan"], t["changed"]], [[p, n] for p, n in rep["summary"]["by_plan"].items()])]
    return render_diff(report, fmt, lang) + "\n" + render_plans({**report, "per_plan": {}, "rows": []}, fmt, lang, render_diff, None,
                                                         tables=by_plan)
