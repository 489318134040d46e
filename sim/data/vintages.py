"""Vintages (预计 < 快报 < 初步核实 < 最终核实) and the choice of one actual per year as of a date.

A value without a vintage ranks with 最终核实 (a yearbook figure); a value without a publication
date counts as published on 31 December of its own year, so ``--as-of 2024-03-31`` sees 2023's
undated figures and not 2024's.
"""
from __future__ import annotations

import datetime as dt
import re

from sim.errors import SimError
from sim.meta import Msg
from sim.spec.model import VINTAGES, Observation

ALIASES = {"预计": "预计", "预计数": "预计", "预估": "预计", "estimate": "预计", "estimated": "预计",
           "快报": "快报", "快报数": "快报", "flash": "快报", "初步核实": "初步核实", "初步核算": "初步核实",
           "初核": "初步核实", "preliminary": "初步核实", "最终核实": "最终核实", "最终核算": "最终核实",
           "核实": "最终核实", "final": "最终核实"}


RANK = {v: k for k, v in enumerate(VINTAGES)}


def vintage_of(text: str) -> str | None:
    """The canonical vintage of ``text`` (Chinese or English), or None if it names none."""
    return ALIASES.get(text.strip().lower()) if text.strip() else None


def rank(o: Observation) -> int:
    """Order of vintages; an unqualified value ranks as final."""
    return RANK[o.vintage] if o.vintage else RANK["最终核实"]


_DATE = re.compile(r"^\s*(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*年?\s*$")


def parse_date(text: str, *, end: bool = True) -> dt.date:
    """``2024-03-31``, ``2024/3/31``, ``2024年3月31日``, ``2024-03`` or ``2024``; a month or year alone
    means its last day (``end``) or its first. Raises ValueError."""
    m = _DATE.match(str(text))
    if not m:
        raise ValueError(f"'{text}' is not a date")
    y, mo, d = int(m[1]), m[2], m[3]
    if mo is None:
        return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
    mo = int(mo)
    if d is None:
        if not end:
            return dt.date(y, mo, 1)
        nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(y, mo, int(d))


def as_of_date(text: str | None) -> dt.date | None:
    """The ``--as-of`` date as a date (None for none); a located error otherwise."""
    if text is None:
        return None
    try:
        return parse_date(text)
    except ValueError:
        raise SimError(Msg("date.not_date", text=text), field="--as-of", hint=Msg("date.hint")) from None


def published(o: Observation) -> dt.date:
    """When ``o`` became known: its publication date, else the end of its year."""
    return dt.date.fromisoformat(o.published) if o.published else dt.date(o.year, 12, 31)


def choose(obs: list[Observation], as_of: dt.date | None) -> Observation | None:
    """The actual of one indicator-year as of ``as_of``: published by then, the latest vintage
    (then the latest publication); None when none was known."""
    known = [o for o in obs if as_of is None or published(o) <= as_of]
    return max(known, key=lambda o: (rank(o), published(o)), default=None)
