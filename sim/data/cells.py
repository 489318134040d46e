"""Cells of a data file read as years, values, vintages and dates, with errors located by file, sheet
and row. ``—``, ``/``, ``-`` and empty cells are missing values; any other text is an error."""
from __future__ import annotations

import datetime as dt
import math
import re

from sim.data.read import cell_text
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
    5.5 in % (the row's unit becomes %) where the row gives no other unit; ``1,234.5`` is 1234.5."""
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


def year(r: dict) -> int:
    y = r["year"]
    text = cell_text(y).removesuffix("年").strip()
    if isinstance(y, bool) or not re.fullmatch(r"\d{4}", text) or not YEARS[0] <= int(text) <= YEARS[1]:
        fail(r, f"{r['name']}: '{cell_text(y)}' is not a year", f"a year between {YEARS[0]} and {YEARS[1]}")
    return int(text)


def vintage(r: dict) -> str | None:
    text = r["vintage"]
    if not text:
        return None
    v = vintage_of(text)
    if v is None:
        fail(r, f"{r['name']}: '{text}' is not a vintage",
             "one of 预计, 快报, 初步核实, 最终核实 (or estimate, flash, preliminary, final)")
    return v


def published(r: dict) -> str | None:
    v = r["published"]
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    text = cell_text(v)
    if text in MISSING:
        return None
    try:
        return parse_date(text.split(" ")[0]).isoformat()
    except ValueError:
        fail(r, f"{r['name']}: '{text}' is not a publication date", "write it as 2024-03-31 or 2024年3月31日")
