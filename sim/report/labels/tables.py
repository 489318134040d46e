"""The words of the text renderers (table heads, summaries, legends) of check, solve, sweep, simulate,
compare and verify, in Chinese and English."""
from __future__ import annotations

CHECK_REASONS = {  # short reasons in the report's language; English falls back on the engine's own
    "zh": {
        "branches": {"kind none": "无数值目标(定性或“—”)", "kind masked": "目标数字在公开文本中被隐去",
                     "kind reference": "目标参照的序列在规划文件中没有数值",
                     "no start value": "规划和数据均无基期值,情景也未假设",
                     "keep the level:on_track": "保持在目标水平", "keep the level:at_risk": "预计跌破需保持的水平",
                     "already met": "最新实际值已达到目标", "already met, projection breaks": "目前已达标,但预计回落",
                     "target year passed": "目标年份已过"},
        "on_track_reason": "达到目标", "share_reason": "完成所需变化的 {share}",
        "growth_reason": "假设增速 {proj}%,目标 {target}",
    },
    "en": {
        "branches": {},
        "on_track_reason": "meets the target", "share_reason": "{share} of the change needed",
        "growth_reason": "assumed growth {proj}%, target {target}",
    },
}


CHECK_COLUMNS = [  # (key, zh, en)
    ("indicator", "指标", "indicator"), ("name", "名称", "name"), ("unit", "单位", "unit"),
    ("baseline", "基期值", "baseline"), ("latest", "最新值", "latest"),
    ("latest_year", "年份", "year"), ("text", "目标", "target"), ("target_year", "目标年", "by"),
    ("required_pace", "所需速度", "required pace"), ("assumed_pace", "假设速度", "assumed pace"),
    ("pace_unit", "速度单位", "pace unit"), ("projected", "预计值", "projected"),
    ("gap", "差距", "gap"), ("share_of_required", "完成度P", "share P"),
    ("status", "状态", "status"), ("owner", "责任单位", "owner"), ("reason", "说明", "reason"),
]


CHECK_TEXT = {
    "zh": {"summary": "汇总", "binding": "约束性指标未达预期", "assumed": "(假设)", "weak": "(证据弱)",
           "legend": "* 来自情景假设   ? 趋势证据弱(少于4个数据点)",
           "group": "分组", "none": "无", "consistency": "目标一致性",
           "needs_assumption": "其中 {n} 个目标缺少基期值或速度:用 -s 情景文件或 --assume ID.growth=7% 给出假设即可评估"
                               "(“所需速度”列已给出各目标需要的速度;sim serve 可逐项试算)",
           "attribute": {"binding": "约束性", "expected": "预期性", None: "未注明"}},
    "en": {"summary": "Summary", "binding": "Binding indicators not on track", "assumed": "(assumed)",
           "legend": "* from a scenario assumption   ? weak trend evidence (fewer than 4 points)",
           "weak": "(weak evidence)", "group": "group", "none": "none", "consistency": "Consistency",
           "needs_assumption": "{n} target(s) lack a start or a pace: assume them with -s SCENARIO or "
                               "--assume ID.growth=7% to assess them (the required pace column already says what "
                               "each needs; sim serve tries paces interactively)",
           "attribute": {"binding": "binding", "expected": "expected", None: "unspecified"}},
}


SOLVE_TEXT = {
    "zh": {"indicator": "指标", "text": "目标", "by": "目标年", "start": "起点", "break_even": "盈亏平衡速度",
           "for_p": "概率{p:.0%}所需速度", "assumed": "假设速度", "reached": "达到年份", "at": "按速度",
           "notes": "说明", "baselines": "无基期值: 各假设基期值下所需速度", "sweep": "预计值 ({field} × 平减指数)",
           "meets": "✓ 达到目标", "growth": "增速", "real_growth": "实际增速", "change": "年变化量",
           "required": "所需速度", "projected": "预计值", "draw_per": "抽样", "from": " (起点 {x:g}, {y}年)",
           "real_by": "各平减指数下所需实际增速"},
    "en": {"indicator": "indicator", "text": "target", "by": "by", "start": "start", "break_even": "break-even pace",
           "for_p": "pace for P={p:.0%}", "assumed": "assumed pace", "reached": "year reached", "at": "at pace",
           "notes": "notes", "baselines": "no baseline: pace needed by assumed baseline",
           "sweep": "projected ({field} x deflator)", "meets": "✓ meets the target", "growth": "growth",
           "real_growth": "real growth", "change": "change per year", "required": "required pace",
           "projected": "projected", "draw_per": "draws", "from": " (from {x:g} in {y})",
           "real_by": "break-even real growth by deflator"},
}


SIMULATE_LABELS = {
    "zh": {"indicator": "指标", "name": "名称", "text": "目标", "target_year": "目标年", "unit": "单位",
           "projected": "预计值", "probability": "达成概率", "se": "标准误", "p10": "P10", "p50": "P50",
           "p90": "P90", "method": "方法", "draw_per": "抽样", "status": "状态", "owner": "责任单位",
           "uncertainty": "不确定性", "year": "年份", "scenario": "情景",
           "closed_form": "解析解", "monte_carlo": "蒙特卡洛", "observed": "实际值",
           "per_year": "每年抽取", "per_path": "整期一次", "fixed": "固定", "derived": "由分项推算",
           "likely": "很可能 (≥90%)", "more_likely_than_not": "较可能 (50-90%)",
           "unlikely": "不太可能 (10-50%)", "very_unlikely": "很不可能 (<10%)",
           "foot": "达成概率: 模拟路径中目标年达到目标的比例 (解析解: 对数增长服从正态且各年独立时精确计算)。"
                   "P10/P50/P90: 目标年数值的分位数。增速默认每年独立抽取; “整期一次”为整个期间只抽一次。",
           "draws": "抽样 {draws:,} 次, 随机种子 {seed}", "summary": "汇总",
           "few_draws": "抽样仅 {draws:,} 次: 蒙特卡洛的 P10/P50/P90 至少需要 {least:,} 次抽样, 故未给出 (用 --draws {least} 或更多)。",
           "cell": "每格: 预计值 · 状态 · 达成概率 (各情景使用相同随机数; † 整期只抽一次)。"},
    "en": {"indicator": "indicator", "name": "name", "text": "target", "target_year": "by", "unit": "unit",
           "projected": "projected", "probability": "probability", "se": "std. error", "p10": "P10",
           "p50": "P50", "p90": "P90", "method": "method", "draw_per": "draws", "status": "status",
           "owner": "owner", "uncertainty": "uncertainty", "year": "year", "scenario": "scenario",
           "closed_form": "closed form", "monte_carlo": "Monte Carlo", "observed": "observed",
           "per_year": "each year", "per_path": "once per path", "fixed": "fixed", "derived": "derived",
           "likely": "likely (>=90%)", "more_likely_than_not": "more likely than not (50-90%)",
           "unlikely": "unlikely (10-50%)", "very_unlikely": "very unlikely (<10%)",
           "foot": "Probability: share of simulated paths meeting the target in its year (closed form: exact, "
                   "for normal log-growth with independent years). P10/P50/P90: percentiles of the "
                   "target-year value. Paces are drawn afresh each year unless marked once per path.",
           "draws": "{draws:,} draws, seed {seed}", "summary": "Summary",
           "few_draws": "Only {draws:,} draw(s): Monte Carlo P10/P50/P90 need at least {least:,}, so none are "
                        "given (use --draws {least} or more).",
           "cell": "Each cell: projected · status · probability (every scenario drawn with the same "
                   "random numbers; † drawn once per path)."},
}


VERIFY_LABELS = {
    "zh": {"headers": ["性质", "结果", "尝试", "反例(假设)", "违反"],
           "holds": "成立", "broken": "被违反", "not_checked": "未检查", "timed_out": "(超时)",
           "undecided": "未定(搜索未完成)",
           "ranges": "搜索区间", "none": "无", "settings": "随机种子 {seed},每项性质最多 {n} 例"},
    "en": {"headers": ["property", "result", "tried", "counterexample (assumptions)", "broken"],
           "holds": "holds", "broken": "broken", "not_checked": "not checked",
           "undecided": "undecided (search not finished)",
           "timed_out": " (time budget reached)", "ranges": "ranges searched", "none": "none",
           "settings": "seed {seed}, max {n} per property"},
}
