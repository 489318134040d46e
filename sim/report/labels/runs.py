"""Notes of `sim solve`, `sim simulate` and `sim verify`: code -> (English, 中文). English is the
JSON contract's text: keep it as it is."""
from __future__ import annotations

_P = {"en": lambda p: "p" if p is None else f"{p:g}", "zh": lambda p: "p" if p is None else f"{p:.0%}"}


def _fixed(lang, mode, mean, path) -> str:
    v = f"{mean:.2%}/yr" if mode == "rate" else f"{mean:+.4g}/yr"
    if lang == "en":
        unit = "growth" if mode == "rate" else "change"
        return f"{unit} fixed{' (path)' if path else ''} at {v}" + (" on average" if path else "")
    unit = "增速" if mode == "rate" else "年变化量"
    return f"{unit}固定{'(按路径)' if path else ''}为{v.replace('/yr', '/年')}" + ("(平均)" if path else "")


def _dist(lang, mode, dist, args, pool, per, deflator) -> str:
    a = ", ".join(f"{k} {v:g}" for k, v in args)
    if lang == "en":
        unit = "growth" if mode == "rate" else "change"
        s = f"{unit} ~ {dist}({a or f'{pool} historical paces'}) " + \
            ("drawn each year" if per == "year" else "drawn once per path")
        return s + (f", real + deflator {deflator:.1%}" if deflator else "")
    unit = "增速" if mode == "rate" else "年变化量"
    s = f"{unit} ~ {dist}({a or f'{pool}个历史速度'})," + ("逐年抽样" if per == "year" else "每条路径抽样一次")
    return s + (f",实际增速 + 价格指数{deflator:.1%}" if deflator else "")


def _shock(lang, year, mode, size, p) -> str:
    v = f"{size:+.1%}" if mode == "rate" else f"{size:+.4g}"
    if lang == "en":
        return f"shock {year} {v}" + (f" with p={p:g}" if p < 1 else "")
    return f"{year}年冲击{v}" + (f"(概率{p:g})" if p < 1 else "")


_NOTHING = {"en": {"components_imply_derived": "no relation whose left-hand side has a level target",
                   "shares_in_bounds": "no share indicator (unit %, named 比重/占比/率…)",
                   "binding_targets_hold": "no binding (约束性) indicator with a level target"},
            "zh": {"components_imply_derived": "没有左侧指标带总量目标的关系式",
                   "shares_in_bounds": "没有比重类指标(单位%,名称含比重/占比/率…)",
                   "binding_targets_hold": "没有带总量目标的约束性指标"}}


def _tail(unit: str) -> str:
    return f" {unit}" if unit else ""


TEMPLATES: dict[str, tuple] = {
    "solve.no_spread": ("no uncertainty assumed for this pace (give a distribution in the scenario, or --sd)",
                        "该速度未假设不确定性(请在情景中给出分布,或使用 --sd)"),
    "solve.two_sided": ("a two-sided target: no single pace for a probability", "区间目标:没有对应某一概率的单一速度"),
    "solve.not_reached_p": (lambda lang, p=None: f"not reached with probability {_P['en'](p)} by any pace in the "
                            "searched range",
                            lambda lang, p=None: f"在搜索范围内任何速度下都无法以{_P['zh'](p)}的概率达到"),
    "solve.met_at_lowest": (lambda lang, p=None: f"met with probability {_P['en'](p)} at the lowest pace searched",
                            lambda lang, p=None: f"在搜索范围的最低速度下已能以{_P['zh'](p)}的概率达到"),
    "solve.growth_own": ("a growth target is its own break-even pace", "增速目标本身即为盈亏平衡速度"),
    "solve.no_year": ("the plan gives no year: see the year it is reached", "规划未给出年份:见达到年份"),
    "solve.no_pace_spread": ("no pace in the scenario to add a spread to", "情景中没有可加入波动的速度"),
    "solve.year_not_after": ("target year not after the start", "目标年份不晚于起始年份"),
    "solve.no_pace_reached": ("no pace in the scenario for the year reached (give --pace)",
                              "情景中没有速度,无法求达到年份(请使用 --pace)"),
    "solve.not_within": ("not reached within {years} years at this pace", "按此速度{years}年内无法达到"),
    "solve.no_start": ("no start value: no baseline in the plan or data and none assumed",
                       "无起始值:规划和数据均无基期值,情景也未假设"),
    "solve.baselines": ("no baseline: pace needed from {year} for each assumed baseline",
                        "无基期值:按各假设基期值自{year}年起所需速度"),
    "draw.none": ("not simulated", "未模拟"),
    "draw.fixed": (_fixed, _fixed),
    "draw.dist": (_dist, _dist),
    "draw.factor": ("factor {factor} x{loading:g}", "因子{factor} ×{loading:g}"),
    "draw.correlated": ("correlated (copula)", "相关(copula)"),
    "draw.shock": (_shock, _shock),
    "draw.describe": (lambda lang, parts: "; ".join(parts), lambda lang, parts: "；".join(parts)),
    "draw.derived": ("derived: {expr}", "推算:{expr}"),
    "draw.derived_components": ("derived from its components", "由分项推算"),
    "verify.held_at_mean": ("{ident}.{field}: {dist} distribution held at its mean (give a uniform range to search it)",
                            "{ident}.{field}:{dist}分布取均值(给出均匀分布区间才能搜索)"),
    "verify.no_component_target": ("{relation}: no component of {name} has a level target in {year}",
                                   "{relation}:{name}的分项在{year}年都没有总量目标"),
    "verify.not_derived": ("{relation}: {name} cannot be derived in {year} (a component has no start or pace in "
                           "the scenario, or a reference has no value)",
                           "{relation}:{name}在{year}年无法推算(某分项在情景中没有起点或速度,或参照序列无数值)"),
    "verify.no_path": ("{name}: no path in the scenario", "{name}:情景中没有路径"),
    "verify.no_path_year": ("{name} {year}: no path to {year} in the scenario", "{name} {year}:情景中没有到{year}年的路径"),
    "verify.nothing": (lambda lang, prop: _NOTHING["en"][prop], lambda lang, prop: _NOTHING["zh"][prop]),
    "verify.implies": (
        lambda lang, met, name, value, relation, target, by, unit: ", ".join(
            f"{c} {v:.4g} meets {t}" for c, v, t in met) + f", but {name} = {value:.4g} (from its components, "
        f"relation {relation}) misses {target} by {by:.4g}{_tail(unit)}",
        lambda lang, met, name, value, relation, target, by, unit: "，".join(
            f"{c} {v:.4g} 达到{t}" for c, v, t in met) + f",但{name} = {value:.4g}(由分项按关系式{relation}推算)"
        f"未达到{target},差{by:.4g}{_tail(unit)}"),
    "verify.bounded": (
        lambda lang, name, derived, value, year, by: f"{name} ({'derived from its components' if derived else 'its own path'})"
        f" reaches {value:.4g}% in {year}, outside 0-100 by {by:.4g}",
        lambda lang, name, derived, value, year, by: f"{name}({'由分项推算' if derived else '自身路径'})在{year}年"
        f"达到{value:.4g}%,超出0—100范围{by:.4g}"),
    "verify.holds": (
        lambda lang, name, target, year, value, by, unit: f"binding target {name} {target} ({year}): projected "
        f"{value:.4g} misses it by {by:.4g}{_tail(unit)}",
        lambda lang, name, target, year, value, by, unit: f"约束性目标{name} {target}({year}年):预计值{value:.4g},"
        f"差{by:.4g}{_tail(unit)}"),
}
