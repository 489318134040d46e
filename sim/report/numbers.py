"""Numbers written for people (every format but JSON): never scientific notation, a precision fitted
to the size of the number and its unit, thousands separators in tables."""
from __future__ import annotations

import math

PERCENT_UNITS = ("%", "‰", "%/yr", "pp/yr")


def people(x: float | None, unit: str = "", *, signed: bool = False, sep: bool = True) -> str:
    """``x`` for a table: 0 decimals from 1000 on, 1 from 100, 2 from 1 (and for percent units),
    3 below 1, 6 significant digits for tiny values; trailing zeros dropped; thousands separated
    with ',' when ``sep``. '—' for None or a non-finite value."""
    if x is None or not math.isfinite(x):
        return "—"
    a = abs(x)
    if a >= 1000:
        dp = 0
    elif a >= 100:
        dp = 1
    elif a >= 1 or unit in PERCENT_UNITS:
        dp = 2
    elif a >= 0.001 or a == 0:
        dp = 3
    else:
        dp = min(15, 5 - math.floor(math.log10(a)))
    s = f"{x:{'+' if signed else ''}{',' if sep else ''}.{dp}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "+0") else s


def with_unit(x: float | None, unit: str, lang: str = "zh", **kw) -> str:
    """``x`` and its unit: '359.5 亿元', '7.59%'."""
    s = people(x, unit, **kw)
    if s == "—" or not unit:
        return s
    return s + unit if unit in ("%", "‰") else f"{s} {unit}"


def pace_unit(unit: str | None, lang: str) -> str:
    """The unit of a pace in ``lang``: '%/yr' → '%/年', 'pp/yr' → '个百分点/年', 'x/yr' → 'x/年'."""
    if not unit:
        return ""
    if lang == "en":
        return unit
    if unit == "pp/yr":
        return "个百分点/年"
    return unit[:-3].replace("units", "单位") + "/年" if unit.endswith("/yr") else unit
