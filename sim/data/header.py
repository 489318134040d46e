"""The header row of a table of actuals: long form (indicator, year, value, ...) or wide form (a
first column of indicators, then one column per year), in English or Chinese; year labels with a
vintage (``2020E``, ``2022(预计)``); every column that cannot be read is a located error."""
from __future__ import annotations

import math
import re

from sim.data.vintages import vintage_of
from sim.errors import SimError
from sim.meta import Msg
from sim.spec.schema import YEARS

HEADERS = {  # column -> header names (compared without spaces, case-insensitive)
    "indicator": ("indicator", "id", "name", "指标", "指标名称", "指标代码", "项目"),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "值", "数据"),
    "unit": ("unit", "单位", "计量单位"),
    "source": ("source", "source_url", "来源", "数据来源", "出处"),
    "vintage": ("vintage", "数据类型", "口径"),
    "published": ("published", "发布日期", "发布时间"),
}


ALIAS = {name.lower(): col for col, names in HEADERS.items() for name in names}


HEADER_ROWS = 10   # a header is looked for in the first rows (a yearbook table may have a title above it)


_YEAR_LABEL = re.compile(r"^(\d{4})(?:\.0)?(?:年(?:末|底|度)?)?(.*)$")
_BRACKETS = str.maketrans("（）【】［］", "()[][]")
ESTIMATE = ("e", "est", "est.", "estimate", "estimated")


def cell_text(v) -> str:
    """A cell as text: '' for empty or NaN, whole floats without '.0'."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def key(v) -> str:
    """A header cell compared: no spaces, lower case."""
    return re.sub(r"\s+", "", cell_text(v)).lower()


def year_label(v) -> tuple[int, str | None] | None:
    """(year, vintage or None) of a year header or cell: ``2019``, ``2019年``, ``2019.0``, and with a
    vintage after it ``2020E`` / ``2021年E`` (预计), ``2022(预计)``, ``2023（快报）``; None if it is not one
    (or the year is outside the years sim reads)."""
    if isinstance(v, bool):
        return None
    m = _YEAR_LABEL.match(key(v).translate(_BRACKETS))
    if not m or not YEARS[0] <= int(m[1]) <= YEARS[1]:
        return None
    rest = m[2]
    if len(rest) > 2 and rest[0] in "([" and rest[-1] in ")]":
        rest = rest[1:-1]
    if not rest:
        return int(m[1]), None
    if rest in ESTIMATE:
        return int(m[1]), "预计"
    v = vintage_of(rest)
    return (int(m[1]), v) if v else None


def column_name(j: int, letters: bool) -> Msg:
    """Column ``j`` (0-based) as a spreadsheet shows it (A, B, ..., AA) or as a CSV's number (a Msg:
    "column B", "B 列")."""
    if not letters:
        return Msg("data.column", name=str(j + 1), letters=False)
    name, n = "", j + 1
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return Msg("data.column", name=name, letters=True)


class Layout:
    """A header row: its form ('long' | 'wide'), the column of each field (several indicator columns
    may be given, e.g. an id and a name), and the wide form's year columns (index -> label)."""

    def __init__(self, form: str, cols: dict[str, list[int]], years: dict[int, str], row: int):
        self.form, self.cols, self.years, self.row = form, cols, years, row


def _classify(header: list) -> tuple[dict[str, list[int]], dict[int, str], list[int]]:
    """Field columns, readable year columns and year-like columns that cannot be read."""
    cols: dict[str, list[int]] = {}
    years: dict[int, str] = {}
    bad: list[int] = []
    for j, v in enumerate(header):
        k = key(v)
        if j > 0 and year_label(v):
            years[j] = cell_text(v)
        elif j > 0 and re.match(r"\d{4}", k):
            bad.append(j)
        elif k in ALIAS:
            cols.setdefault(ALIAS[k], []).append(j)
    return cols, years, bad


def find_layout(grid: list[list], shown: str, sheet: str | None, letters: bool) -> Layout:
    """The header among the first HEADER_ROWS rows; a located error for a header that repeats a
    field, a year, or has a year column sim cannot read (never a column silently left out)."""
    where = {"file": shown, "field": f"sheet '{sheet}'" if sheet else None}
    for h, header in enumerate(grid[:HEADER_ROWS]):
        cols, years, bad = _classify(header)
        if {"indicator", "year", "value"} <= set(cols):
            form = "long"
        elif (years or bad) and "year" not in cols and "value" not in cols:
            form = "wide"
            cols["indicator"] = [0]
        else:
            continue
        for j in bad + (list(years) if form == "long" else []):
            raise SimError(Msg("data.bad_year_column", header=cell_text(header[j]), column=column_name(j, letters),
                               long=j in years), line=h + 1, **where, hint=Msg("data.bad_year_column_hint"))
        for field, js in cols.items():
            if len(js) > 1 and field != "indicator":
                names = [(cell_text(header[j]), column_name(j, letters)) for j in js]
                raise SimError(Msg("data.columns", n=len(js), field=field, names=names), line=h + 1, **where,
                               hint=Msg("data.columns_hint"))
        seen: dict[tuple, int] = {}
        for j, label in years.items():
            first = seen.setdefault(year_label(label), j)
            if first != j:
                raise SimError(Msg("data.year_repeats", label=label, column=column_name(j, letters),
                                   first=cell_text(header[first]), first_column=column_name(first, letters)),
                               line=h + 1, **where, hint=Msg("data.year_repeats_hint"))
        return Layout(form, cols, years, h)
    raise SimError(Msg("data.no_header"), **where)


def is_header(row: list) -> bool:
    """A row that is itself a header (a second table, or the header repeated below the first)."""
    cols, years, bad = _classify(row)
    return "indicator" in cols and ({"year", "value"} <= set(cols) or bool(years or bad))
