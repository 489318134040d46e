"""Cells of a data file read as years, values, vintages and dates, with errors located by file, sheet
and row. ``—``, ``/``, ``-`` and empty cells are missing values; any other text is an error."""
from __future__ import annotations

import datetime as dt
import math
import re

from sim.data.header import cell_text, year_label
from sim.data.vintages import parse_date, vintage_of
from sim.errors import SimError
from sim.meta import Msg
from sim.spec.schema import YEARS

MISSING = {"", "—", "——", "-", "--", "–", "－", "/", "／"}


MAX_ABS = 1e15


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def fail(r: dict, msg: Msg, hint: Msg | None = None, indicator: str | None = None):
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
        fail(r, Msg("data.not_number", name=r["name"], year=r["year"], value=v))
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
            fail(r, Msg("data.text_not_number", name=r["name"], year=cell_text(r["year"]), value=text),
                 Msg("data.text_not_number_hint"))
    if not math.isfinite(x) or abs(x) > MAX_ABS:
        fail(r, Msg("data.unusable", name=r["name"], year=cell_text(r["year"]), value=x),
             Msg("data.unusable_hint", limit=MAX_ABS))
    return x


def readable(r: dict) -> None:
    """A located error for the first cell of the row that the file holds no value for (merged cells,
    a formula never calculated)."""
    for bad in r.get("bad", ()):
        fail(r, Msg("data.bad_cell", name=r["name"], error=bad.message), bad.hint)


def year(r: dict) -> int:
    """The year of the row (``2021``, ``2021年``, or with a vintage: ``2021E``, ``2022(预计)``)."""
    got = year_label(r["year"])
    if got is None:
        fail(r, Msg("data.not_year", name=r["name"], value=cell_text(r["year"])),
             Msg("data.year_hint", low=YEARS[0], high=YEARS[1]))
    return got[0]


def vintage(r: dict) -> str | None:
    """The row's vintage: its vintage cell, or the one its year label gives (``2020E``: 预计)."""
    text = r["vintage"]
    label = (year_label(r["year"]) or (0, None))[1]
    if not text:
        return label
    v = vintage_of(text)
    if v is None:
        fail(r, Msg("data.not_vintage", name=r["name"], value=text), Msg("data.vintages"))
    if label and v != label:
        fail(r, Msg("data.vintage_contradicts", name=r["name"], text=text, year=cell_text(r["year"]), label=label),
             Msg("data.keep_one"))
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
            fail(r, Msg("data.not_date", name=r["name"], value=text), Msg("data.date_hint"))
    y = year_label(r["year"])
    if not YEARS[0] <= d.year <= YEARS[1] + 1:
        fail(r, Msg("data.date_range", name=r["name"], text=text, low=YEARS[0], high=YEARS[1] + 1), Msg("data.date_hint"))
    if y and d.year < y[0]:
        fail(r, Msg("data.published_early", name=r["name"], year=y[0], date=d.isoformat()), Msg("data.published_early_hint"))
    return d.isoformat()
