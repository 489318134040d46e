"""Errors of a target phrase (sim.spec.phrases) and of a relation's expression (sim.spec.relations):
code -> (English, 中文)."""
from __future__ import annotations

_REFUSED = {   # why a character has no place in a relation: English -> 中文
    "no indexing": "不能取下标", "no strings": "不能有字符串", "no calls or tuples": "不能调用函数或写元组",
    "one equation only": "只能有一个等式", "no slices or lambdas": "不能切片或写 lambda",
    "no decorators or matrix products": "不能有装饰器或矩阵乘法", "no modulo": "不能取模",
    "no comparisons": "不能比较", "no dicts or sets": "不能有字典或集合", "no bit operators": "不能有位运算",
    "no backquotes": "不能有反引号", "no backslashes": "不能有反斜杠", "no comments": "不能有注释",
    "no shell syntax": "不能有命令行语法",
}


def _refused(lang: str, ch: str, pos: int, why: str | None) -> str:
    if lang == "en":
        return f"'{ch}' at position {pos} is not allowed" + (f": {why}" if why else "")
    return f"第{pos}个字符 '{ch}' 不允许" + (f":{_REFUSED.get(why, why)}" if why else "")


def _gives(lang: str, shown: str, growth: bool, limit: float) -> str:
    if lang == "en":
        return f"'{shown}' gives " + ("a growth rate beyond ±1000% a year" if growth else f"a magnitude beyond {limit:.0e}")
    return f"'{shown}' 给出的" + ("增速超出每年 ±1000%" if growth else f"数值超出 {limit:.0e}")


def _not_finite(lang: str, shown: str, word: str) -> str:
    if lang == "en":
        return (f"'{word}' is" if word == shown else f"'{shown}' gives '{word}',") + " a number that is not finite"
    return (f"'{word}'" if word == shown else f"'{shown}' 中的 '{word}'") + " 不是有限的数字"


TEMPLATES: dict[str, tuple] = {
    "phrase.not_target": ("'{text}' is not a target", "'{text}' 不是目标"),
    "phrase.not_target_hint": ("write a number or the plan's phrase", "请写数字或规划原文"),
    "phrase.stretch_empty": ("nothing follows 力争 in '{text}'", "'{text}' 中“力争”后面没有内容"),
    "phrase.stretch_empty_hint": ("write the stretch value after 力争", "请在“力争”后写出力争值"),
    "phrase.gives": (_gives, _gives),
    "phrase.check_number": ("check the number and the unit", "请检查数字和单位"),
    "phrase.not_finite": (_not_finite, _not_finite),
    "phrase.not_finite_hint": ("write the number itself (e.g. '1200以上'), or text without a number for a qualitative "
                               "target", "请写数字本身(如 '1200以上');定性目标请写不含数字的文字"),
    "phrase.unread": ("cannot read the target phrase '{raw}'", "无法读取目标原文 '{raw}'"),
    "phrase.unread_hint": ("write it as the plan does, e.g. '1200以上', '增长8.5%左右', '比2020年下降18%', or give "
                           "{{value, op}} in long form", "请按规划原文书写,如 '1200以上'、'增长8.5%左右'、'比2020年下降18%',"
                           "或用长格式给出 {{value, op}}"),
    "phrase.part_unread": ("cannot read '{part}' in '{raw}'", "无法读取 '{raw}' 中的 '{part}'"),
    "phrase.part_unread_in": ("cannot read '{part}' in the target phrase '{raw}'", "无法读取目标原文 '{raw}' 中的 '{part}'"),
    "phrase.bracket_hint": ("write 〔N〕 with a number, e.g. {example}", "请在〔〕中写数字,如 {example}"),
    "phrase.no_base_year": ("'{raw}' is a change from the base year, but the plan has no base_year",
                            "'{raw}' 是相对基期年的变化,但规划没有 base_year"),
    "phrase.no_base_year_points": ("'{raw}' is a change in points from the base year, but the plan has no base_year",
                                   "'{raw}' 是相对基期年的百分点变化,但规划没有 base_year"),
    "phrase.no_base_year_doubles": ("'{raw}' doubles the base-year value, but the plan has no base_year",
                                    "'{raw}' 是基期年数值的倍数,但规划没有 base_year"),
    "phrase.set_base_year": ("set plan.base_year", "请设定 plan.base_year"),
    "phrase.change_unit": ("'{raw}': a change needs %, 个百分点 or 倍 after the number",
                           "'{raw}':变化量的数字后需要 %、个百分点 或 倍"),
    "phrase.change_unit_hint": ("e.g. '比2020年下降18%'", "如 '比2020年下降18%'"),
    "phrase.growth_hint": ("write the growth as '增长8.5%以上' or '年均增长7%'", "增速请写作 '增长8.5%以上' 或 '年均增长7%'"),
    "phrase.value_hint": ("give only the value part of the plan's sentence, e.g. '达到3%以上'",
                          "只写规划原句中的数值部分,如 '达到3%以上'"),
    "phrase.number": ("cannot read the number '{num}' in '{raw}'", "无法读取 '{raw}' 中的数字 '{num}'"),
    "phrase.number_hint": ("write the number in digits (e.g. 1000) or as one Chinese numeral (e.g. 一千)",
                           "请用阿拉伯数字(如 1000)或一个完整的中文数字(如 一千)书写"),
    "phrase.ratio_unit": ("cannot read '{unit}' after the ratio in '{raw}'", "无法读取 '{raw}' 中比值后的 '{unit}'"),
    "phrase.unit": ("unit '{unit}' in '{raw}' cannot be converted into the indicator's unit '{target}'",
                    "'{raw}' 中的单位 '{unit}' 无法换算为指标的单位 '{target}'"),
    "phrase.unit_hint": ("fix the indicator's unit or the phrase", "请改正指标的单位或目标原文"),
    "phrase.contradictory": (lambda lang, raw, ops: f"contradictory operators in '{raw}' ({', '.join(ops)})",
                             lambda lang, raw, ops: f"'{raw}' 中的限定词相互矛盾({'、'.join(ops)})"),
    "phrase.contradictory_hint": ("keep one of the words that bound the value", "请只保留一个限定数值的词"),
    "rel.allowed": ("an expression has ids, numbers, + - * / and parentheses", "表达式只能有 id、数字、+ - * / 和括号"),
    "rel.refused": (_refused, _refused),
    "rel.power": ("powers ('{tok}' at position {pos}) are not allowed", "不允许乘方(第{pos}个字符 '{tok}')"),
    "rel.power_hint": ("write a product instead, e.g. x * x", "请改写为乘积,如 x * x"),
    "rel.keyword": ("'{name}' is a Python keyword, not an id", "'{name}' 是 Python 关键字,不是 id"),
    "rel.not_slug": ("'{name}' is not an id: ids are ASCII slugs such as mfg_share", "'{name}' 不是 id:id 由英文字母、数字和下划线组成,如 mfg_share"),
    "rel.dunder": ("'{name}' is not an id: names starting with '__' are refused", "'{name}' 不是 id:不接受以 '__' 开头的名称"),
    "rel.attribute": ("attribute access '{tok}' is not allowed", "不允许属性访问 '{tok}'"),
    "rel.attribute_hint": ("a compound sub-indicator is written id.label with the plan's label, e.g. hitech_firms.在地",
                           "复合子指标写作 id.标签(用规划中的标签),如 hitech_firms.在地"),
    "rel.exponent": ("the exponent in '{tok}' is too large (at most e±{max})", "'{tok}' 的指数过大(最多 e±{max})"),
    "rel.units_hint": ("write the number in the indicators' units", "请按指标的单位写数字"),
    "rel.number": ("the number '{tok}' is too large (at most {max:g})", "数字 '{tok}' 过大(最多 {max:g})"),
    "rel.too_long_terms": ("the expression is too long (more than {max} terms)", "表达式过长(超过 {max} 项)"),
    "rel.too_deep": ("the expression is nested too deeply (more than {max} levels)", "表达式嵌套过深(超过 {max} 层)"),
    "rel.ends": ("the expression ends where a number or id is expected", "表达式在应为数字或 id 处结束"),
    "rel.not_closed": ("'(' at position {pos} is not closed", "第{pos}个字符 '(' 没有闭合"),
    "rel.call": ("calls are not allowed ('{tok}(' at position {pos})", "不允许调用函数(第{pos}个字符 '{tok}(')"),
    "rel.unexpected": ("unexpected '{tok}' at position {pos}", "第{pos}个字符出现意外的 '{tok}'"),
    "rel.missing_op": ("an operator is missing between '{a}' and '{b}' (position {pos})",
                       "'{a}' 和 '{b}' 之间缺少运算符(第{pos}个字符)"),
    "rel.not_text": ("an expression is text, got {kind}", "表达式应为文本,实际为 {kind}"),
    "rel.too_long_chars": ("the expression is too long ({n} characters, at most {max})", "表达式过长({n} 个字符,最多 {max} 个)"),
    "rel.empty": ("the expression is empty", "表达式为空"),
    "rel.one_equation": ("a relation is one equation with one '=' (found {n})", "关系式是只有一个 '=' 的等式(实际有 {n} 个)"),
    "rel.example": ("e.g. mfg_share = mfg_va / gdp * 100", "如 mfg_share = mfg_va / gdp * 100"),
    "rel.lhs": ("the left-hand side must be a single id", "等号左边须为单个 id"),
    "rel.nothing_after": ("nothing follows '='", "'=' 后面没有内容"),
    "rel.unknown": ("'{name}' is not an indicator or reference id", "'{name}' 不是指标或参照序列的 id"),
    "rel.unknown_hint": ("define it under `indicators:` or `references:`", "请在 `indicators:` 或 `references:` 下定义"),
    "rel.both_sides": ("'{name}' appears on both sides", "'{name}' 同时出现在等号两边"),
    "rel.both_sides_hint": ("write it once, on the left", "请只在左边写一次"),
    "rel.not_in": ("'{name}' is not in the relation '{text}'", "'{name}' 不在关系式 '{text}' 中"),
    "rel.nonlinear": ("cannot solve '{text}' for '{name}': it appears more than once and not linearly",
                      "无法从 '{text}' 解出 '{name}':它出现不止一次且不是线性的"),
    "rel.nonlinear_hint": ("rewrite the relation with that id on the left", "请把该 id 写在等号左边重写关系式"),
}
