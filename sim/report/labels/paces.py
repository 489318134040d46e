"""Where a pace came from (``pace_source``, xlsx 速度来源): code -> (English, 中文)."""
from __future__ import annotations

_TREND = {"en": {"compound": "log-linear OLS (compound)", "linear": "linear OLS"},
          "zh": {"compound": "对数线性回归(复合增长)", "linear": "线性回归"}}
_OBSERVED = {"en": {"cagr": "CAGR", "linear": "linear change"}, "zh": {"cagr": "年均复合增速", "linear": "年均线性变化"}}


def _path(values, en) -> str:
    return ("path " if en else "路径 ") + ", ".join(f"{y}: {v:.4g}" for y, v in values)


def _parts(parts, sep) -> str:
    return sep.join(f"{n}: {s}" for n, s in parts)


TEMPLATES: dict[str, tuple] = {
    "scenario.default": ("No scenario file: recent trend where history allows, otherwise not assessable.",
                         "未指定情景文件:有历史数据的按近期趋势外推,否则无法评估。"),
    "show.number": ("{value:.4g}", "{value:.4g}"),
    "show.path": (lambda lang, values: _path(values, True), lambda lang, values: _path(values, False)),
    "show.dist": ("{dist} distribution (mean {mean:.4g})", "{dist}分布(均值{mean:.4g})"),
    "pace.change": ("assumption: change {show} units/yr", "假设:每年变化{show}"),
    "pace.growth": ("assumption: growth {show}", "假设:增速{show}"),
    "pace.real_growth": ("assumption: real_growth", "假设:实际增速"),
    "pace.default_real_growth": ("default: real_growth", "默认:实际增速"),
    "pace.default_growth": ("default: growth {growth:.1%}", "默认:增速{growth:.1%}"),
    "pace.default_growth_dist": ("default: growth", "默认:增速"),
    "pace.dist_mean": ("{base} ({show}: mean used; draws in `sim simulate`)", "{base}({show}:取均值;抽样见 sim simulate)"),
    "pace.nominal": ("{base} + deflator {deflator:.1%} (nominal basis)", "{base} + 价格指数{deflator:.1%}(名义口径)"),
    "pace.trend": (
        lambda lang, model, n, start, end, weighted: f"trend: {_TREND['en'][model]} over {n} points {start}-{end}"
        + (", recency-weighted" if weighted else ""),
        lambda lang, model, n, start, end, weighted: f"趋势:{_TREND['zh'][model]},{start}—{end}年{n}个数据点"
        + (",近期加权" if weighted else "")),
    "pace.published_mean": (
        lambda lang, start, end, n, mean, deflator: f"trend: mean of published growth {start}-{end} ({n} yrs, "
        f"{mean:.1%}" + (f" real + deflator {deflator:.1%}" if deflator else "") + ")",
        lambda lang, start, end, n, mean, deflator: f"趋势:{start}—{end}年公布增速均值({n}年,{mean:.1%}"
        + (f"实际 + 价格指数{deflator:.1%}" if deflator else "") + ")"),
    "pace.observed": (
        lambda lang, what, start, end: f"observed {_OBSERVED['en'][what]} {start}-{end} (official-method preset)",
        lambda lang, what, start, end: f"{start}—{end}年实际{_OBSERVED['zh'][what]}(官方方法预设)"),
    "pace.derived": (lambda lang, expr, parts: f"derived: {expr} (from {_parts(parts, '; ')})",
                     lambda lang, expr, parts: f"推算:{expr}(分项:{_parts(parts, '；')})"),
}
