"""One body row of an indicator table, fitted to its columns, read into an ``Entry``.

Actuals columns (``2015年完成``, ``2020年``) give the baseline (the table's latest actuals year)
and ``history`` (the earlier years); target columns give level, change (``提高13.4个
百分点``) or cumulative (``[13.5]``) targets; growth columns give a growth target
(``年均增长7%``) or a published growth history point at the end of their period; ``/``, ``—``
and empty cells are missing.
"""
from __future__ import annotations

import re

from sim.extract.cells import (
    BRACKETS,
    _baseline,
    _growth,
    _target,
    _unit_from_cells,
    split_name_unit,
)
from sim.extract.doc import Doc, Entry, Unread, owner_of
from sim.extract.header import Column
from sim.meta import Msg
from sim.spec.numerals import ARABIC
from sim.spec.phrases import NONE_TEXTS

ATTRIBUTE = {"预期性": "expected", "预期": "expected", "约束性": "binding", "约束": "binding",
             "预期性指标": "expected", "约束性指标": "binding"}


RATE_NAME = re.compile(r"(?:增长|增速|增幅|率|比重|比例|占比|强度|降低|下降|贡献率)$")


def _footnote(cell: str) -> tuple[str, bool]:
    """``60.6*`` -> (60.6, True): a starred value (a different statistical basis, per the table's note)."""
    m = re.fullmatch(rf"({ARABIC})\s*[*※]", cell.strip())
    return (m.group(1), True) if m else (cell.strip(), False)


def read_row(doc: Doc, table, cols: list[Column], cells: list[str], line: int, category,
             unread: list[Unread]) -> str | None:
    """Read one fitted row into an Entry on ``table``; returns the category in force after it."""
    by: dict[str, list[tuple[Column, str]]] = {}
    for col, cell in zip(cols, cells):
        by.setdefault(col.role, []).append((col, cell))
    if "category" in by and by["category"][0][1]:
        category = by["category"][0][1]
    name_cell = by["name"][0][1]
    text = " | ".join(cells)
    name = re.sub(r"^(?:\(\d+\)|\d+[.、)](?!\d)|[一二三四五六七八九十]+[、.])", "", name_cell).strip()
    if not name:
        unread.append(Unread(line, text, Msg("draft.no_name")))
        return category
    e = Entry(name=name, line=line, text=text, origin="table")
    e.where = doc.where[line - 1][1] if doc.where else None
    unit_cell = by.get("unit", [(None, None)])[0][1]
    e.name, e.unit = split_name_unit(name)
    if unit_cell and unit_cell not in NONE_TEXTS:
        e.unit = unit_cell.strip("()")
    if not e.unit and not re.search(r"(比|指数|系数)$", e.name):
        guess = _unit_from_cells(by)
        if guess:
            e.unit = guess
            e.review.append(Msg("draft.unit_from_value", unit=guess))
        else:
            e.review.append(Msg("draft.unit_not_in_table"))
    _actuals(e, table, by.get("baseline", []))
    _targets(e, table, by)
    for _, cell in by.get("owner", []):
        if cell not in NONE_TEXTS:
            e.owner = owner_of(cell, doc.owner_first) if "牵头" in cell else cell
    for col, cell in by.get("attribute", []):
        if cell in ATTRIBUTE:
            e.attribute = ATTRIBUTE[cell]
        elif cell not in NONE_TEXTS:
            e.notes.append(f"{col.label}: {cell}")
            e.review.append(Msg("draft.attribute_unknown", cell=cell))
    for col, cell in by.get("note", []):
        if cell not in NONE_TEXTS:
            e.notes.append(f"{col.label}: {cell}")
    if category:
        e.notes.append(f"类别: {category}")
    if any(c.year is None for c in cols if c.role in ("target", "baseline")):
        e.review.append(Msg("draft.value_column_no_year"))
    table.entries.append(e)
    return category


def _actuals(e: Entry, table, cells: list[tuple[Column, str]]):
    """Actuals columns: the baseline from the latest year's, history from the earlier ones
    (the spec's ``actuals()`` joins them)."""
    base_year = table.base_year
    for col, raw in cells:
        cell, starred = _footnote(raw)
        value, why = _baseline(cell, e.unit, col.year or base_year or 2000)
        if why:
            e.review.append(why)
            e.notes.append(f"{col.label}: {raw}")
        if value is None:
            continue
        if starred:
            e.notes.append(Msg("draft.starred_note", label=col.label, raw=raw))
            _add(e.review, Msg("draft.starred"))
        if col.year == base_year or col.year is None:
            e.baseline, e.baseline_year = value, col.year
        elif isinstance(value, float) and col.year:
            e.history[col.year] = value


def _targets(e: Entry, table, by):
    """Target columns (levels, changes, cumulative totals) and growth columns."""
    base_year = table.base_year
    for col, raw in by.get("target", []):
        cell, _ = _footnote(raw)
        year = col.year or table.target_year
        phrase, why = _target(cell, e.unit, year or 2100, base_year, e.name)
        _read(e, col, raw, year, phrase, why)
    for col, raw in by.get("growth", []):
        cell, _ = _footnote(raw)
        if col.growth_kind == "history":
            _growth_history(e, col, cell, raw)
            continue
        year = table.target_year if col.growth_end is None or col.growth_end <= (base_year or 0) \
            else col.growth_end
        if cell in NONE_TEXTS:
            continue
        if BRACKETS.match(cell):
            phrase, why = _bracketed(e, cell, year or 2100, base_year)
        elif e.unit == "%" and RATE_NAME.search(e.name):     # the indicator is itself a rate
            phrase, why = _target(cell, e.unit, year or 2100, base_year, e.name)
        else:
            phrase, why = _growth(cell, e.unit, year or 2100, base_year)
            if phrase is None and why:
                alt, alt_why = _target(cell, e.unit, year or 2100, base_year, e.name)
                if alt is not None and alt not in NONE_TEXTS:
                    phrase, why = alt, alt_why
        _read(e, col, raw, year, phrase, why)
    if any(t not in NONE_TEXTS for _, t in e.targets):     # '—' beside a real target says nothing
        e.targets = [(y, t) for y, t in e.targets if t not in NONE_TEXTS]


def _bracketed(e: Entry, cell: str, year: int, base_year) -> tuple[str | None, str | None]:
    """A bracketed cell of a 年均增长[累计] column: the change over the period. With a baseline it
    is a change of the level (in points for %: ``提高N个百分点``; other units are not converted);
    without one, a total over the period (``累计N``)."""
    inner = BRACKETS.match(cell).group(1).strip()
    if e.baseline is None:
        return _target(cell, e.unit, year, base_year, e.name)
    m = re.fullmatch(rf"(-?)({ARABIC})", inner)
    if e.unit == "%" and m:
        if float(m.group(2).replace(",", "")) == 0:
            return None, None
        return f"{'降低' if m.group(1) else '提高'}{m.group(2)}个百分点", None
    return None, Msg("draft.bracket_change", cell=cell, unit=e.unit)


def _read(e: Entry, col: Column, raw: str, year, phrase, why):
    if why:
        e.review.append(why)
        e.notes.append(f"{col.label}: {raw}")
    if phrase is not None:
        e.targets.append((year, phrase))


def _growth_history(e: Entry, col: Column, cell: str, raw: str):
    """A growth column of actuals: one published point at the period's last year."""
    if cell in NONE_TEXTS:
        return
    m = re.fullmatch(rf"(-?{ARABIC})%?", cell)
    if m and col.growth_end:
        e.growth_history[col.growth_end] = (float(m.group(1).replace(",", "")), col.label)
        return
    e.notes.append(f"{col.label}: {raw}")
    _add(e.review, Msg("draft.growth_history_unread", cell=raw))


def _add(reasons: list[Msg], reason: Msg):
    if reason not in reasons:
        reasons.append(reason)

