"""Errors of a scenario file and of --assume: code -> (English, 中文)."""
from __future__ import annotations


def _join(lang: str, items) -> str:
    return ("、" if lang == "zh" else ", ").join(str(x) for x in items)


def _of(lang: str, plan, portfolio: bool) -> str:
    if lang == "zh":
        return "多规划中任何规划" if portfolio else f"规划 {plan} "
    return "any plan of the portfolio" if portfolio else f"plan {plan}"


TEMPLATES: dict[str, tuple] = {
    "dist.triangular": ("a triangular distribution needs low <= mode <= high and low < high "
                        "(got low {low:g}, mode {mode:g}, high {high:g})",
                        "三角分布需要 low <= mode <= high 且 low < high(实际 low {low:g}、mode {mode:g}、high {high:g})"),
    "dist.uniform": ("a uniform distribution needs low < high (got low {low:g}, high {high:g})",
                     "均匀分布需要 low < high(实际 low {low:g}、high {high:g})"),
    "scen.rate": ("a growth rate must be above -1 (-100% a year) and at most {max:g} (+{max:.0%}); rates are "
                  "fractions, e.g. 0.07 for 7%",
                  "增速须大于 -1(每年 -100%)且不超过 {max:g}(+{max:.0%});增速用小数表示,如 0.07 表示 7%"),
    "scen.rate_field": ("{field}: a growth rate must be above -1 (-100% a year); rates are fractions, e.g. 0.07 for 7%",
                        "{field}:增速须大于 -1(每年 -100%);增速用小数表示,如 0.07 表示 7%"),
    "scen.beyond": ("{what} {value:g} is beyond {limit:.0e}: no plan's number", "{what} {value:g} 超出 {limit:.0e},不是规划中可能的数字"),
    "scen.deflator": ("deflator {value:g} must be above -1 (-100%) and at most {max:g}",
                      "价格指数 deflator {value:g} 须大于 -1(-100%)且不超过 {max:g}"),
    "scen.factor_one": ("factor '{id}' needs exactly one of `sd` (its own normal draws) or `of` (an indicator whose "
                        "growth surprise it is)",
                        "因子 '{id}' 须且只能有 `sd`(自身的正态抽样)或 `of`(以某指标增速的意外变动为因子)之一"),
    "corr.twice": ("an indicator is listed twice in `indicators`", "`indicators` 中有指标重复列出"),
    "corr.shape": ("the matrix must be {k} x {k}, one row and column per listed indicator",
                   "矩阵须为 {k} x {k},每个列出的指标一行一列"),
    "corr.not_corr": ("not a correlation matrix: symmetric, 1 on the diagonal, entries in [-1, 1]",
                      "不是相关矩阵:须对称、对角线为 1、元素在 [-1, 1] 之间"),
    "corr.not_psd": ("not positive semi-definite (smallest eigenvalue {smallest:.3g}): the correlations contradict "
                     "each other; lower some of them",
                     "不是半正定矩阵(最小特征值 {smallest:.3g}):各相关系数相互矛盾;请调低其中一些"),
    "scen.mapping": ("a scenario is a mapping with `scenario:`", "情景文件应为含 `scenario:` 的映射"),
    "scen.is_spec": ("this is a plan spec, not a scenario", "这是规划规格文件,不是情景文件"),
    "scen.is_spec_hint": ("give the spec as the argument and a scenario file with -s", "规格文件作为参数,情景文件用 -s 给出"),
    "scen.drawn_rate": ("a drawn growth rate of {value:g} is beyond +{max:g} (+{max:.0%} a year): no plan's assumption",
                        "抽样增速 {value:g} 超出 +{max:g}(每年 +{max:.0%}),不是规划的假设"),
    "scen.rates_hint": ("rates are fractions, e.g. 0.07 for 7%", "增速用小数表示,如 0.07 表示 7%"),
    "scen.baseline_positive": ("assumed baseline {value:g} is not positive, but '{id}' grows on a compound model",
                               "假设的基期值 {value:g} 不是正数,但 '{id}' 按复合增长模型计算"),
    "scen.baseline_positive_hint": ("assume a positive baseline, or set `model: linear` in the spec",
                                    "请假设正的基期值,或在规格中设 `model: linear`"),
    "scen.not_indicator": (lambda lang, id, plan, portfolio=False: f"'{id}' is not an indicator of "
                           + _of(lang, plan, portfolio),
                           lambda lang, id, plan, portfolio=False: f"'{id}' 不是{_of(lang, plan, portfolio)}的指标"),
    "scen.known_ids": (lambda lang, ids: "known ids: " + _join(lang, ids),
                       lambda lang, ids: "可用的 id:" + _join(lang, ids)),
    "assume.unread": ("cannot read --assume '{item}'", "无法读取 --assume '{item}'"),
    "assume.unread_hint": ("write ID.FIELD=VALUE, e.g. gdp.growth=0.07 or defaults.deflator=0.02",
                           "请写 ID.FIELD=VALUE,如 gdp.growth=0.07 或 defaults.deflator=0.02"),
    "assume.unknown_default": ("unknown default '{field}' in --assume '{item}'", "--assume '{item}' 中有未知的默认项 '{field}'"),
    "assume.defaults": (lambda lang, fields: "defaults: " + _join(lang, fields),
                        lambda lang, fields: "可用的默认项:" + _join(lang, fields)),
    "assume.not_indicator": (lambda lang, id, item, plan, portfolio=False: f"'{id}' in --assume '{item}' is not an "
                             "indicator of " + _of(lang, plan, portfolio),
                             lambda lang, id, item, plan, portfolio=False: f"--assume '{item}' 中的 '{id}' 不是"
                             f"{_of(lang, plan, portfolio)}的指标"),
    "assume.unknown_field": ("unknown field '{field}' in --assume '{item}'", "--assume '{item}' 中有未知的字段 '{field}'"),
    "assume.fields": (lambda lang, fields: "fields: " + _join(lang, fields),
                      lambda lang, fields: "可用的字段:" + _join(lang, fields)),
    "assume.invalid": ("--assume gives an invalid value: {error}", "--assume 给出的值无效:{error}"),
    "assume.not_number": ("'{raw}' in --assume '{item}' is not a number", "--assume '{item}' 中的 '{raw}' 不是数字"),
    "assume.not_finite": ("'{raw}' in --assume '{item}' is not a finite number a plan can mean",
                          "--assume '{item}' 中的 '{raw}' 不是规划中可能的有限数字"),
    "assume.example": ("e.g. 0.07 or 7%", "如 0.07 或 7%"),
}
