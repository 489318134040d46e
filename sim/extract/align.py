"""Fitting body cells to a table's columns, checked cell by cell.

Each column role accepts some kinds of cell: a name is a name (never a bare number, an attribute
word or a value phrase), a 序号 is a row number, a value cell is not a name with a row number or
an attribute word, a 属性 cell is 预期性/约束性. ``misfit`` says why a row does not fit (None when
it does). Cells given one per line are cut into rows by the cheapest segmentation: rows that fit
cost nothing, a section row (a heading and empty cells) costs 1, a cell that fits nowhere costs 3
and is reported.
"""
from __future__ import annotations

import re

from sim.extract.cells import is_unit
from sim.extract.header import Column
from sim.meta import Msg
from sim.spec.phrases import NONE_TEXTS

ATTRIBUTES = {"预期性", "预期", "约束性", "约束", "预期性指标", "约束性指标"}


NUMBERISH = re.compile(r"^[<>≥≤~约\[〔【(]*[-+]?\d[\d,.]*\*?%?[\]〕】)]*(?:以上|以下|左右|以内)?$")


SEQ = re.compile(r"^(?:\d{1,3}[.、]?|\(\d{1,3}\)|[一二三四五六七八九十]{1,3}[、.]?|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+)$")


ROW_NAME = re.compile(r"^(?:\(\d+\)|\d{1,3}[.、)])(?!\d)\s*[\u4e00-\u9fffA-Za-z]")


SECTION = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|[A-Z][.、])\s*\S")


def is_empty(s: str) -> bool:
    return s.strip() == ""


def is_numberish(s: str) -> bool:
    return bool(NUMBERISH.match(s.strip()))


def is_name(s: str) -> bool:
    """A cell that can be an indicator's name: words, not a number, an attribute or a none mark."""
    t = s.strip()
    return (bool(t) and t not in NONE_TEXTS and t not in ATTRIBUTES and not is_numberish(t)
            and not SEQ.fullmatch(t) and bool(re.search(r"[\u4e00-\u9fffA-Za-z]{2,}", t))
            and not re.match(r"^(?:提高|降低|下降|增加|减少|增长|累计|[<>≥≤])\s*[\d.]", t))


def cell_misfit(col: Column, s: str) -> tuple[float, str | None]:
    """(soft penalty, hard reason or None) of cell text ``s`` in column ``col``."""
    t = s.strip()
    role = col.role
    if role == "name":
        if not t:
            return 0, Msg("draft.no_name")
        if is_numberish(t) or SEQ.fullmatch(t):
            return 0, Msg("draft.number_in_name", t=t)
        if t in ATTRIBUTES:
            return 0, Msg("draft.attribute_in_name", t=t)
        if is_unit(t):
            return 0, Msg("draft.unit_in_name", t=t)
        return (0, None) if is_name(t) else (1, None)
    if role == "seq":
        return (0, None) if not t or SEQ.fullmatch(t) else (0, Msg("draft.not_row_number", t=t))
    if role == "attribute":
        if not t or t in ATTRIBUTES or t in NONE_TEXTS:
            return 0, None
        return (0, Msg("draft.not_attribute", t=t)) if is_numberish(t) else (2, None)
    if role == "unit":
        return (0, Msg("draft.number_in_unit", t=t)) if t and is_numberish(t) else (0, None)
    if role in ("baseline", "target", "growth"):
        if t in ATTRIBUTES:
            return 0, Msg("draft.attribute_in_column", t=t, label=col.label, role=role)
        if ROW_NAME.match(t):
            return 0, Msg("draft.name_in_column", t=t, label=col.label, role=role)
        if t and role == "baseline" and is_name(t) and not re.search(r"\d", t):
            return 0.5, None
        return 0, None
    return 0, None


def misfit(cols: list[Column], cells: list[str]) -> tuple[float, str | None]:
    """(penalty, reason) of a row: the reason says why its cells do not fit the columns."""
    if len(cells) != len(cols):
        return 0, Msg("draft.cell_count", cells=len(cells), columns=len(cols))
    total = 0.0
    for col, s in zip(cols, cells):
        pen, why = cell_misfit(col, s)
        if why:
            return total, why
        total += pen
    return total, None


def section_title(cols: list[Column], cells: list[str]) -> str | None:
    """The heading of a section row (``一、经济发展`` then empty cells), else None."""
    filled = [s.strip() for s in cells if s.strip()]
    if len(filled) != 1 or len(cols) < 2:
        return None
    t = filled[0]
    first = next(k for k, s in enumerate(cells) if s.strip())
    name_at = next((k for k, c in enumerate(cols) if c.role == "name"), 0)
    if first > name_at or not is_name(t):
        return None
    return re.sub(r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|[A-Z][.、])\s*", "", t)


def fit_row(cols: list[Column], cells: list[str]) -> tuple[list[str] | None, str | None]:
    """The row's cells fitted to the columns, or (None, reason). Repairs tried: trailing empty
    cells beyond the header dropped; a missing first 序号/类别 cell (merged upward) restored."""
    w = len(cols)
    cand = [cells]
    if len(cells) > w and all(is_empty(s) for s in cells[w:]):
        cand.append(cells[:w])
    if len(cells) < w:
        lead = [k for k, c in enumerate(cols[: w - len(cells)]) if c.role in ("seq", "category")]
        if len(lead) == w - len(cells):
            cand.append([""] * len(lead) + cells)
        cand.append(cells + [""] * (w - len(cells)) if all(
            c.role in ("note", "owner", "attribute") for c in cols[len(cells):]) else None)
    best, why0 = None, None
    for c in cand:
        if c is None:
            continue
        pen, why = misfit(cols, c)
        if why is None and (best is None or pen < best[0]):
            best = (pen, c)
        elif why0 is None:
            why0 = why
    return (best[1], None) if best else (None, why0)


def segment(cols: list[Column], cells: list[str]) -> list[tuple[str, int, int, str | None]]:
    """Cut a stream of cells (one per line) into rows: (kind, start, end, reason) with kind
    row | section | unread, by the cheapest segmentation (see the module docstring)."""
    n, w = len(cells), len(cols)
    inf = float("inf")
    cost = [0.0] + [inf] * n
    back: list[tuple[str, int, str | None] | None] = [None] * (n + 1)
    for i in range(n):
        if cost[i] == inf:
            continue
        if i + w <= n:
            pen, why = misfit(cols, cells[i:i + w])
            if why is None and section_title(cols, cells[i:i + w]) is None and cost[i] + pen < cost[i + w]:
                cost[i + w], back[i + w] = cost[i] + pen, ("row", i, None)
        if section_title(cols, cells[i:i + 1]) is not None or is_empty(cells[i]):
            numbered = bool(SECTION.match(cells[i].strip()))      # 一、经济发展: a heading even alone
            j = i + 1
            while True:
                c = cost[i] + (1.0 if cells[i].strip() else 0.2)
                if c < cost[j] and (numbered or j > i + 1 or not cells[i].strip()):
                    cost[j], back[j] = c, ("section", i, None)
                if j >= n or j - i >= w or not is_empty(cells[j]):
                    break
                j += 1
        c = cost[i] + 3.0
        if c < cost[i + 1]:
            cost[i + 1], back[i + 1] = c, ("unread", i, None)
    out = []
    j = n
    while j > 0:
        kind, i, _ = back[j]
        out.append((kind, i, j, None))
        j = i
    out.reverse()
    merged: list[tuple[str, int, int, str | None]] = []
    for kind, i, j, _ in out:                    # neighbouring unread cells: one unread piece
        if kind == "unread" and merged and merged[-1][0] == "unread":
            merged[-1] = ("unread", merged[-1][1], j, None)
        else:
            merged.append((kind, i, j, None))
    return [(k, i, j, _reason(cols, cells[i:j]) if k == "unread" else None) for k, i, j, _ in merged]


def _reason(cols: list[Column], piece: list[str]) -> str:
    if len(piece) == len(cols):
        return misfit(cols, piece)[1] or Msg("draft.cells_misfit")
    return Msg("draft.cell_count", cells=len(piece), columns=len(cols))
