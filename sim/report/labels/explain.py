"""The steps of `--explain`: formulas and notes of an assessed row: code -> (English, 中文)."""
from __future__ import annotations


def _years(ys) -> str:
    return ", ".join(map(str, ys))


TEMPLATES: dict[str, tuple] = {
    "formula.real_growth": ("real growth = (1 + nominal)/(1 + deflator {deflator:.1%}) - 1 for levels and paces "
                            "(GDP and value-added growth targets are at comparable prices)",
                            "实际增速 = (1 + 名义增速)/(1 + 价格指数 {deflator:.1%}) - 1,用于总量和速度"
                            "(GDP和增加值增速目标按可比价计算)"),
    "formula.average_growth": ("average growth = prod(1 + g_y)^(1/n) - 1 over the years of the period",
                               "年均增速 = ∏(1 + g_y)^(1/n) - 1,按期内各年计算"),
    "formula.growth_ratio": ("pace ratio = assumed growth / target growth", "速度比 = 假设增速 / 目标增速"),
    "formula.cumulative": ("累计法: solve sum_(i=1..{n}) {latest:g}(1+r)^i = {remaining:g} "
                           "(total {total:g} less {done:g} done)",
                           "累计法:解 Σ_(i=1..{n}) {latest:g}(1+r)^i = {remaining:g}"
                           "(总量{total:g}减去已完成{done:g})"),
    "formula.required_compound": ("required = ({target:g}/{latest:g})^(1/{n}) - 1",
                                  lambda lang, target, latest, n, result=None: f"所需速度 = ({target:g}/{latest:g})"
                                  f"^(1/{n}) - 1" + ("" if result is None else f" = {result}")),
    "formula.required_linear": ("required = ({target:g} - {latest:g})/{n} units per year",
                                lambda lang, target, latest, n, result=None: f"所需速度 = ({target:g} - "
                                f"{latest:g})/{n}" + ("" if result is None else f" = {result}")),
    "formula.real_pace": ("real pace needed = (1 + nominal)/(1 + deflator {deflator:.1%}) - 1",
                          "所需实际速度 = (1 + 名义速度)/(1 + 价格指数 {deflator:.1%}) - 1"),
    "formula.projected": (
        lambda lang, year, latest, mode, result=None: f"projected {year} = {latest:g} along the {mode} path "
        f"({'x(1+g)' if mode == 'rate' else 'x + d'} each year)",
        lambda lang, year, latest, mode, result=None: f"{year}年预计值 = 从{latest:g}起按"
        + ("增速路径逐年 x(1+g)" if mode == "rate" else "增量路径逐年 x + d")
        + ("" if result is None else f" = {result}")),
    "formula.share": ("share of required change P = (projected - latest)/(target - latest)",
                      "所需变化完成度 P = (预计值 - 最新值)/(目标值 - 最新值)"),
    "formula.midterm": ("tau = (t-b)/(T-b); s = task done (log shares for compound)",
                        "时间进度 tau = (t-b)/(T-b);s = 任务完成度(复合增长按对数计算)"),
    "note.baseline_unused": ("the scenario's assumed baseline {value:g} is not used: the data have an actual "
                             "for {year} ({actual:g}), the start",
                             "情景假设的基期值{value:g}未采用:数据已有{year}年实际值{actual:g},以此为起点"),
    "note.start_assumed": ("start value {value:g} in {year} assumed by the scenario",
                           "起始值{value:g}({year}年)为情景假设"),
    "note.reference_target": (
        lambda lang, ref, name, year, value, held: f"target = reference '{ref}' ({name}) {year}: {value:g}"
        + (" (held constant to the target year)" if held else ""),
        lambda lang, ref, name, year, value, held: f"目标 = 参照序列“{ref}”({name}){year}年:{value:g}"
        + ("(保持到目标年份不变)" if held else "")),
    "note.growth_missing": (lambda lang, years: f"no growth for {_years(years)}: averaged over the other years",
                            lambda lang, years: f"{_years(years)}年无增速数据:按其余年份平均"),
    "note.non_positive": ("non-positive value: linear pace instead of compound", "数值非正:改用线性速度而非复合增速"),
    "note.break_linked": ("series break {year} linked by factor {factor:g}", "{year}年口径变化,按系数{factor:g}衔接"),
    "note.break_unlinked": (
        lambda lang, year, note, dropped: f"series break {year} ({note or '口径变化'}) without a link factor: "
        f"years {_years(dropped)} not used",
        lambda lang, year, note, dropped: f"{year}年口径变化({note or '口径变化'})无衔接系数:{_years(dropped)}年数据未使用"),
    "note.trend_linear": ("values not all positive: linear trend instead of compound", "数值并非全为正:改用线性趋势"),
    "note.shock": (
        lambda lang, year, size, growth, p: f"shock {year}: growth {size:+.1%}"
        + (f" (expected: {growth:+.1%} x p={p:g})" if p < 1 else ""),
        lambda lang, year, size, growth, p: f"{year}年冲击:增速{size:+.1%}"
        + (f"(期望值:{growth:+.1%} × 概率{p:g})" if p < 1 else "")),
    "note.derived_anchor": ("components give {derived:.4g} in {year}; the actual is {actual:g}: the derived path "
                            "is anchored at the actual",
                            "由分项计算{year}年为{derived:.4g},实际值为{actual:g}:推算路径以实际值为起点"),
    "note.derived": ("projected from its components by relation {relation}: {expr}",
                     "由关系式{relation}按分项推算:{expr}"),
}


BRANCH = {   # explain.branch (a JSON value) in words
    "zh": {"no target year": "无目标年份", "kind none": "无数值目标", "kind masked": "目标数字被隐去",
           "kind change, unresolved": "相对变化目标缺少参照年数值", "kind reference": "参照目标无数值",
           "no start value": "无起始值", "growth target": "增速目标:按假设增速判断",
           "growth target, actual known": "增速目标:实际增速已知", "growth target passed": "增速目标:目标年已过",
           "growth target, no pace": "增速目标:无速度", "growth target, no level": "增速目标:无起始水平",
           "target year passed": "目标年份已过", "keep level, no pace": "保持类目标:无速度", "no pace": "无速度",
           "keep the level": "保持类目标", "already met": "已达到目标",
           "already met, projection breaks": "已达到目标但预计回落", "projection meets": "预计值达到目标",
           "projection misses": "预计值未达到目标", "share of required change": "按所需变化完成度判断",
           "preset": "官方方法预设"},
    "en": {},
}

STEP = {   # the headings of `--explain`
    "zh": {"status": "状态", "branch": "判断分支", "convention": "目标解读", "pace": "速度来源", "assumed_mark": "(情景假设)",
           "inputs": "输入", "formula": "计算步骤", "results": "结果", "data_points": "数据点", "source": "来源",
           "notes": "说明", "baseline_range": "按可能的基期值所需速度", "assumed": "情景假设的输入", "preset": "预设方法",
           "derived": "由分项推算"},
    "en": {"status": "status", "branch": "branch", "convention": "target read as", "pace": "pace",
           "assumed_mark": " [assumed]", "inputs": "inputs", "formula": "formula", "results": "results",
           "data_points": "data points", "source": "source", "notes": "note",
           "baseline_range": "pace needed by plausible baseline", "assumed": "assumed", "preset": "preset",
           "derived": "derived"},
}

INPUT = {   # explain.inputs keys
    "zh": {"latest_year": "最新值年份", "latest": "最新值(起点)", "target_year": "目标年份", "target": "目标值",
           "years_left": "剩余年数 n", "op": "比较符", "pace_by_year": "逐年速度", "target_growth_pct": "目标增速(%)",
           "assumed_growth_pct": "假设增速(%)", "year": "年份", "deflator": "价格指数", "years": "逐年增速(%)",
           "time_elapsed": "时间进度 tau", "task_done": "任务完成度 s", "margin": "容差 m"},
    "en": {},
}

RESULT = {
    "zh": {"required_pace": "所需速度", "required_pace_from_base": "自基期所需速度", "required_real_pace": "所需实际速度",
           "assumed_pace": "假设速度(折合)", "projected": "预计值", "gap": "与目标差距",
           "share_of_required": "所需变化完成度 P", "pace_ratio": "速度比 RR"},
    "en": {},
}

ASSUMED = {"zh": {"pace": "速度", "baseline": "基期值", "deflator": "价格指数"}, "en": {}}

FROM = {"zh": {"published": "公布", "levels": "由总量计算", "projected": "预计"},
        "en": {"published": "published", "levels": "levels", "projected": "projected"}}
