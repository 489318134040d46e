"""Cells of a data file read as years, values, vintages and dates, with errors located by file, sheet
and row. ``—``, ``/``, ``-`` and empty cells are missing values; any other text is an error."""
from __future__ import annotations

import datetime as dt
import math
import re

from sim.data.header import cell_text, year_label
from sim.data.vintages import parse_date, vintage_of
from sim.errors import SimError
from sim.spec.schema import YEARS

MISSING = {"", "—", "——", "-", "--", "–", "－", "/", "／"}


MAX_ABS = 1e15


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def fail(r: dict, msg: str, hint: str | None = None, indicator: str | None = None):
    """A SimError at the raw row ``r`` (file:row, and its sheet)."""
    raise SimError(msg, file=r["file"], line=r["row"], indicator=indicator,
                   field=f"sheet '{r['sheet']}'" if r.get("sheet") else None, hint=hint)


def value(r: dict) -> float | None:
    """The value cell as a finite float within ±1e15, or None when it is marked missing; ``5.5%`` is
    5.5 in % (the row's unit becomes %) where the row gives no other unit; ``1,234.5`` is 1234.5.
    A cell the file holds no value for (merged, an uncalculated formula) is an error."""
    readable(r)
    v = r["value"]
    if isinstance(v, (bool, dt.date, dt.datetime)):
        fail(r, f"{r['name']} {r['year']}: '{v}' is not a number")
    if isinstance(v, (int, float)) and not (isinstance(v, float) and math.isnan(v)):
        x = float(v)
    else:
        text = cell_text(v).replace("\u3000", "").strip()
        if text in MISSING:
            return None
        if text.endswith(("%", "％")) and r["unit"].strip() in ("", "%"):
            text, r["unit"] = text[:-1].strip(), "%"     # a percent written into the cell
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        try:
            x = float(text)
        except ValueError:
            fail(r, f"{r['name']} {cell_text(r['year'])}: the text '{text}' is not a number",
                 "write the number alone (the unit goes in the 单位 column), or —, / or - for a missing value")
    if not math.isfinite(x) or abs(x) > MAX_ABS:
        fail(r, f"{r['name']} {cell_text(r['year'])}: {x:g} is not a usable value",
             f"values must be finite and within ±{MAX_ABS:g}")
    return x


def readable(r: dict) -> None:
    """A located error for the first cell of the row that the file holds no value for (merged cells,
    a formula never calculated)."""
    for bad in r.get("bad", ()):
        fail(r, f"{r['name']}: {bad.message}", bad.hint)


def year(r: dict) -> int:
    """The year of the row (``2021``, ``2021年``, or with a vintage: ``2021E``, ``2022(预计)``)."""
    got = year_label(r["year"])
    if got is None:
        fail(r, f"{r['name']}: '{cell_text(r['year'])}' is not a year",
             f"a year between {YEARS[0]} and {YEARS[1]} (2019, 2019年; an estimate as 2020E or 2020(预计))")
    return got[0]


def vintage(r: dict) -> str | None:
    """The row's vintage: its vintage cell, or the one its year label gives (``2020E``: 预计)."""
    text = r["vintage"]
    label = (year_label(r["year"]) or (0, None))[1]
    if not text:
        return label
    v = vintage_of(text)
    if v is None:
        fail(r, f"{r['name']}: '{text}' is not a vintage",
             "one of 预计, 快报, 初步核实, 最终核实 (or estimate, flash, preliminary, final)")
    if label and v != label:
        fail(r, f"{r['name']}: the vintage '{text}' contradicts the year '{cell_text(r['year'])}' ({label})",
             "keep one of them")
    return v


def published(r: dict) -> str | None:
    """The publication date (ISO), no earlier than the data's own year and within the years sim
    reads."""
    v = r["published"]
    if isinstance(v, (dt.date, dt.datetime)) and not isinstance(v, bool):
        d = v.date() if isinstance(v, dt.datetime) else v
        text = d.isoformat()
    else:
        text = cell_text(v)
        if text in MISSING:
            return None
        try:
            d = parse_date(text.split(" ")[0])
        except ValueError:
            fail(r, f"{r['name']}: '{text}' is not a publication date", "write it as 2024-03-31 or 2024年3月31日")
    y = year_label(r["year"])
    if not YEARS[0] <= d.year <= YEARS[1] + 1:
        fail(r, f"{r['name']}: the publication date '{text}' is outside {YEARS[0]}-{YEARS[1] + 1}",
             "write it as 2024-03-31 or 2024年3月31日")
    if y and d.year < y[0]:
        fail(r, f"{r['name']} {y[0]}: published on {d.isoformat()}, before the year it reports",
             "a value is published during or after its year: check the date or the year")
    return d.isoformat()
