"""Labels, colours and number formats of the HTML report."""
from __future__ import annotations

from sim.report.labels import STATUS as STATUS_LABELS

L = {
    "zh": {
        "report": "规划指标监测评估报告", "generated": "生成时间", "scenarios": "情景", "plan_period": "规划期",
        "key": "要点", "summary": "目标状态汇总", "by_owner": "按责任单位", "owner": "责任单位",
        "no_owner": "未注明", "n_targets": "目标数", "overview": "指标一览", "indicator": "指标",
        "unit": "单位", "baseline": "基期值", "target": "目标", "projected": "预计", "status": "状态",
        "binding": "约束性", "expected": "预期性", "binding_first": "约束性指标排在前面。",
        "no_binding": "规划未将任何指标标注为约束性或预期性。",
        "pace": "所需速度与假设速度",
        "pace_note": "横轴为假设速度占所需速度的比例:100% 表示恰好达到目标,左侧偏慢,右侧偏快;"
                     "超出 0–200% 的以三角标出。保持现有水平类目标(所需速度为 0)不在图中。",
        "required": "所需", "assumed_pace": "假设速度", "required_pace": "所需速度",
        "charts": "分指标走势", "charts_note": "实线为实际值,虚线为各情景预测,阴影为模拟的 P10–P90 区间,"
                                          "红色菱形和虚线为目标。空心圆为情景假设的起点。",
        "history": "实际", "target_line": "目标", "forecast": "预测", "assumed": "假设",
        "band": "P10–P90", "no_chart_target": "目标不是某一年的水平值,未在图中标出",
        "consistency": "目标之间的一致性", "no_findings": "未发现目标之间的不一致。",
        "not_run": "本报告未包含一致性检查。", "relation": "关系", "kind": "类型", "message": "说明",
        "implied": "推算值", "stated": "规划值", "difference": "差异",
        "assumptions": "情景假设", "defaults": "默认设置", "shocks": "冲击",
        "no_assumption": "无(按默认设置)",
        "provenance": "数据来源", "prov_note": "每个数字的出处:规划原文(行号)、数据来源(链接)或情景中的命名假设。",
        "plan_text": "规划原文", "line": "第{n}行", "data": "数据", "references": "参照序列",
        "files": "文件与版本", "spec_file": "规划文件", "scenario_file": "情景文件",
        "sim_version": "sim 版本",
        "sum_line": "{sc}:{n} 项目标中,{counts}。", "attention": "{sc}下需重点关注(难以实现、背离或有风险):",
        "no_year": "未注明年份", "probability": "达标概率", "inconsistent": "不一致", "all": "全部情景",
        "aux": "以下指标规划未给出数值,仅用于目标之间的一致性检查", "assumed_numbers": "假设的数字(见情景假设)",
        "assumed_fields": {"pace": "速度", "baseline": "起点值", "deflator": "平减指数"},
        "default_fields": {"growth": "未假设指标的增速", "real_growth": "未假设指标的实际增速", "deflator": "平减指数",
                           "trend_weights_half_life": "趋势权重半衰期", "exclude_years": "趋势排除年份"},
        "default_values": {"none": "不预测", "trend": "按历史趋势"}, "draws": "模拟",
        "fields": {"baseline": "基期值", "growth": "增速", "real_growth": "实际增速", "change": "年变化",
                   "deflator": "平减指数"},
        "pace_units": {"%/yr": "%/年", "pp/yr": "百分点/年"},
        "per_year": "/年",
        "no_numeric": "规划未给出数值目标",
    },
    "en": {
        "report": "Plan indicator monitoring report", "generated": "Generated", "scenarios": "Scenarios",
        "plan_period": "Plan period", "key": "Key messages", "summary": "Targets by status",
        "by_owner": "By responsible unit", "owner": "Responsible unit", "no_owner": "unspecified",
        "n_targets": "Targets", "overview": "Indicators at a glance", "indicator": "Indicator",
        "unit": "Unit", "baseline": "Baseline", "target": "Target", "projected": "Projected",
        "status": "Status", "binding": "binding", "expected": "expected",
        "binding_first": "Binding indicators come first.",
        "no_binding": "The plan marks no indicator as binding or expected.",
        "pace": "Required against assumed pace",
        "pace_note": "The axis shows the assumed pace as a share of the pace required: 100% lands exactly "
                     "on the target, left is too slow, right is faster; values beyond 0–200% are drawn as "
                     "triangles. Keep-the-level targets (required pace 0) are not shown.",
        "required": "needs", "assumed_pace": "Assumed pace", "required_pace": "Required pace",
        "charts": "Indicator paths", "charts_note": "Solid: actuals; dashed: each scenario's projection; "
                                                   "shaded: simulated P10–P90; red diamond and dashed line: "
                                                   "the target. A hollow circle is a start assumed by the "
                                                   "scenario.",
        "history": "actual", "target_line": "target", "forecast": "projection", "assumed": "assumed",
        "band": "P10–P90", "no_chart_target": "the target is not a level in a year; not drawn",
        "consistency": "Consistency between targets", "no_findings": "No inconsistency found between targets.",
        "not_run": "This report does not include the consistency check.", "relation": "Relation",
        "kind": "Kind", "message": "Message", "implied": "Implied", "stated": "Stated",
        "difference": "Difference", "assumptions": "Scenario assumptions", "defaults": "Defaults",
        "shocks": "Shocks",
        "no_assumption": "none (defaults apply)", "provenance": "Provenance",
        "prov_note": "Where every number comes from: the plan (line), a data source (link), or a named "
                     "assumption of a scenario.",
        "plan_text": "Plan text", "line": "line {n}", "data": "Data", "references": "Reference series",
        "files": "Files and versions", "spec_file": "Plan spec", "scenario_file": "Scenario",
        "sim_version": "sim version",
        "sum_line": "{sc}: of {n} targets, {counts}.",
        "attention": "{sc}, to watch (off track, moving away or at risk):",
        "no_year": "no year", "probability": "Probability", "inconsistent": "inconsistent",
        "all": "all scenarios",
        "aux": "Indicators without values in the plan, used only to check consistency between targets",
        "assumed_numbers": "Assumed numbers (see scenario assumptions)",
        "assumed_fields": {"pace": "pace", "baseline": "start value", "deflator": "deflator"},
        "default_fields": {"growth": "growth of indicators not assumed", "real_growth": "real growth of indicators "
                           "not assumed", "deflator": "deflator", "trend_weights_half_life": "trend weight half-life",
                           "exclude_years": "years excluded from trends"},
        "default_values": {"none": "no projection", "trend": "recent trend"}, "draws": "simulated",
        "fields": {"baseline": "baseline", "growth": "growth", "real_growth": "real growth",
                   "change": "change per year", "deflator": "deflator"},
        "pace_units": {"%/yr": "%/yr", "pp/yr": "pp/yr"},
        "per_year": "/yr",
        "no_numeric": "the plan gives no numeric target",
    },
}

SCENARIO_COLORS = ["#0969da", "#1f883d", "#bc4c00", "#8250df", "#0f7b8a", "#bf3989"]



def num(v, digits: int = 4) -> str:
    """A number for people: 4 significant digits, thousands separated; None as —."""
    if v is None:
        return "—"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    s = f"{v:.{digits}g}"
    return s if "e" not in s else f"{v:.3g}"


def pace_text(v, unit: str | None, lang: str) -> str:
    if v is None:
        return "—"
    t = L[lang]
    if unit == "%/yr":
        return f"{v:.2f}{t['pace_units']['%/yr']}"
    shown = t["pace_units"].get(unit or "", (unit or "").replace("/yr", t["per_year"]))
    return f"{v:+.3g} {shown}"


def status_label(code: str, lang: str) -> str:
    return STATUS_LABELS[lang][code]


def _sc_name(run: dict) -> str:
    return run["scenario"]["name"] or run["scenario"]["id"]


def _color(k: int) -> str:
    return SCENARIO_COLORS[k % len(SCENARIO_COLORS)]
