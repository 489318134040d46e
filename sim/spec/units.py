"""Units and the conversion of a phrase's unit into an indicator's unit.

A unit is a magnitude prefix (万, 亿, 千亿, …) on a base (元, 人, 人次, 美元, …):
``2万人`` in unit 人 is 20000; ``一千亿`` in unit 亿元 is 1000. Percent and per-mille
convert between each other. Units that share no base do not convert.
"""
from __future__ import annotations

MAGNITUDES = {"": 1.0, "十": 1e1, "百": 1e2, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6,
              "千万": 1e7, "亿": 1e8, "十亿": 1e9, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12}


FRACTIONS = {"%": 1e-2, "‰": 1e-3}


# Units whose leading character is not a magnitude even though it looks like one.
WHOLE_UNITS = {"千米", "千克", "千瓦", "千瓦时", "百分点", "个百分点"}


PERCENT_UNITS = {"%", "‰", "个百分点", "百分点"}


RATIO_UNITS = {"", ":1", "x:1", "倍"}


def split_unit(unit: str) -> tuple[float, str]:
    """``亿元`` -> (1e8, '元'); ``人`` -> (1, '人'); longest magnitude prefix first."""
    unit = unit.strip()
    if unit in WHOLE_UNITS or unit in FRACTIONS:
        return 1.0, unit
    if unit in MAGNITUDES:  # a bare magnitude: 万 means 万 of the indicator's base
        return MAGNITUDES[unit], ""
    for prefix in sorted(MAGNITUDES, key=len, reverse=True):
        if prefix and unit.startswith(prefix) and len(unit) > len(prefix):
            return MAGNITUDES[prefix], unit[len(prefix):]
    return 1.0, unit


def factor(phrase_unit: str, indicator_unit: str) -> float | None:
    """Multiplier taking a value in ``phrase_unit`` to ``indicator_unit``; None if they differ.

    An empty phrase unit is the indicator's own unit. A bare magnitude (``2万``) applies to
    the indicator's base.
    """
    p, u = phrase_unit.strip(), (indicator_unit or "").strip()
    if p == "" or p == u:
        return 1.0
    if p in FRACTIONS and u in FRACTIONS:
        return FRACTIONS[p] / FRACTIONS[u]
    pm, pb = split_unit(p)
    um, ub = split_unit(u)
    if pb == "" or pb == ub:
        return pm / um
    return None


def is_share(unit: str) -> bool:
    """Percent-type units, whose values are bounded shares or rates."""
    return (unit or "").strip() in PERCENT_UNITS


def is_linear_unit(unit: str) -> bool:
    """Units judged on a linear pace (METHODS.md): %, ‰, ratios, and 'per' quantities."""
    u = (unit or "").strip()
    return u in PERCENT_UNITS or u in RATIO_UNITS or u.startswith("每")
