"""How a target phrase was read (``explain.convention``, the spec's ``Target.convention``):
code -> (English, 中文). English is the JSON contract's text: keep it as it is."""
from __future__ import annotations

_CIVIL = "(Civil Code art. 1259)"
_ZH_CIVIL = "(民法典第1259条)"


def _op_words(kind_en: str, kind_zh: str, op: str, words: str, verb: str) -> tuple:
    return (f"{kind_en} ({op}): {words} {verb} the number {_CIVIL}",
            f"{kind_zh}({op}):{words} {'包括' if verb == 'include' else '不包括'}本数{_ZH_CIVIL}")


def _symbol(lang, symbol, op):
    excludes = op in (">", "<")
    if lang == "en":
        return f"plan-table notation: '{symbol}' {'excludes' if excludes else 'includes'} the number ({op})"
    return f"规划表记号“{symbol}”:{'不包括' if excludes else '包括'}本数({op})"


def _relative(lang, reading, year, named):
    if lang == "en":
        return f"{reading} from {year}, " + ("the year the phrase names" if named else
                                            "the plan's base year (the phrase names no year)")
    return f"{reading},自{year}年" + ("(文中所指年份)起" if named else "(规划基期,文中未写年份)起")


TEMPLATES: dict[str, tuple] = {
    "convention.ge": _op_words("inclusive", "含本数", ">=", "以上/不少于/不低于/达到", "include"),
    "convention.le": _op_words("inclusive", "含本数", "<=", "以下/以内/不超过/控制在", "include"),
    "convention.gt": _op_words("exclusive", "不含本数", ">", "超过/突破/高于", "exclude"),
    "convention.lt": _op_words("exclusive", "不含本数", "<", "低于/不满/不足", "exclude"),
    "convention.approx": ("approximate (~): 左右/约, tolerance ±{tolerance:.0%} of the value by default",
                          "约数(~):左右/约,默认容差为数值的±{tolerance:.0%}"),
    "convention.range": ("range: both ends included", "区间:含两端"),
    "convention.symbol": (_symbol, _symbol),
    "convention.keep": ("保持: keep the level ({op} by direction)", "保持:保持水平(按方向取{op})"),
    "convention.plain": (
        lambda lang, rule, by_direction: f"plain number: {rule}" + ("; by the indicator's direction"
                                                                   if by_direction else ""),
        lambda lang, rule, by_direction: f"单独数字:{rule}" + (";按指标方向" if by_direction else "")),
    "convention.long_form": ("long form: operator as given", "完整写法:按给定比较符"),
    "convention.long_form_direction": ("long form without op: by the indicator's direction",
                                       "完整写法未给比较符:按指标方向"),
    "convention.in_step": ("基本同步: the average yearly growth difference within the growth margin",
                           "基本同步:年均增速差在容差之内"),
    "convention.reference_growth": ("every year's growth {op} the reference's growth", "每年增速{op}参照序列增速"),
    "convention.rank": ("qualitative: a rank, not a series value", "定性:排名,不是序列数值"),
    "convention.no_number": ("qualitative: no number to assess", "定性:无可评估的数字"),
    "convention.masked": ("masked digits: value not published", "数字被隐去:数值未公布"),
    "convention.growth": ("growth rate in % per year", "增速(%/年)"),
    "convention.ratio": ("ratio written x:1, value is x", "比值写作x:1,取x"),
    "convention.flow": ("〔〕 on a flow: the sum over the plan period ({start}-{end})",
                        "〔〕用于流量:规划期({start}—{end}年)累计"),
    "convention.bracket_change": (
        lambda lang, down, pct, year: f"〔〕 on an indicator of change: the level {'falls' if down else 'rises'} "
        f"{pct:g}% from {year} (the plan's base year)",
        lambda lang, down, pct, year: f"〔〕用于变化类指标:自{year}年(规划基期)起{'下降' if down else '上升'}{pct:g}%"),
    "convention.bracket_level": ("〔〕 on a level: the level changes by {change:+g} {unit} from {year} "
                                 "(the plan's base year)",
                                 "〔〕用于总量:自{year}年(规划基期)起变化{change:+g}{unit}"),
    "convention.times": (lambda lang, x, year: f"增加{x:g}倍 read as x{x + 1:g} of the {year} value",
                         lambda lang, x, year: f"增加{x:g}倍解读为{year}年数值的{x + 1:g}倍"),
    "convention.points": ("percentage points added to the reference value", "在参照值上加百分点"),
    "convention.percent": ("percent change from the reference value", "相对参照值的百分比变化"),
    "convention.relative": (_relative, _relative),
    "convention.double": ("翻{k}番: x{times} of the {year} value", "翻{k}番:{year}年数值的{times}倍"),
    "convention.and": ("{first}; {then}", "{first};{then}"),
}
