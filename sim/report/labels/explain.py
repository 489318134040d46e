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
                                  "所需速度 = ({target:g}/{latest:g})^(1/{n}) - 1"),
    "formula.required_linear": ("required = ({target:g} - {latest:g})/{n} units per year",
                                "所需速度 = ({target:g} - {latest:g})/{n},单位/年"),
    "formula.real_pace": ("real pace needed = (1 + nominal)/(1 + deflator {deflator:.1%}) - 1",
                          "所需实际速度 = (1 + 名义速度)/(1 + 价格指数 {deflator:.1%}) - 1"),
    "formula.projected": (
        lambda lang, year, latest, mode: f"projected {year} = {latest:g} along the {mode} path "
        f"({'x(1+g)' if mode == 'rate' else 'x + d'} each year)",
        lambda lang, year, latest, mode: f"{year}年预计值 = 从{latest:g}起按"
        + ("增速路径逐年 x(1+g)" if mode == "rate" else "增量路径逐年 x + d")),
    "formula.share": ("share of required change P = (projected - latest)/(target - latest)",
                      "所需变化完成度 P = (预计值 - 最新值)/(目标值 - 最新值)"),
    "formula.midterm": ("tau = (t-b)/(T-b); s = task done (log shares for compound)",
                        "时间进度 tau = (t-b)/(T-b);s = 任务完成度(复合增长按对数计算)"),
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
