"""Tables written without `|`: tab-separated (a copy from Excel), comma-separated (CSV) and columns
aligned with spaces, turned into `|` rows (``| a | b |  |``) before the lines are normalized.

- Tab: a line with a tab between its texts is a row, and so is a line of one text and tabs next to
  such a row; every tab separates two cells (a leading tab is an empty first cell).
- CSV: a run of lines with commas whose first rows hold an indicator header (指标 and a year or
  年均增长 column), read with the csv module (quoted cells may hold commas).
- Space-aligned: a run of lines whose texts are separated by two or more spaces, starting at a
  header line. Columns are the display positions (CJK characters count two) blank in every row of
  the run and not a single space inside a cell (``2015年 完成``); each cell goes to the column where it
  starts, so an empty cell stays empty instead of shifting the row.
"""
from __future__ import annotations

import csv
import re
import unicodedata

GAP = re.compile(r"(?<=\S)(?: {2,}|\u3000+| *\u3000 *)(?=\S)")


def delimit(raw: list[str]) -> list[str]:
    """``raw`` lines with tab, CSV and space-aligned tables rewritten as `|` rows."""
    out = list(raw)
    rows = {k for k, s in enumerate(out) if "|" not in s and re.search(r"\S[ ]*\t[\t ]*\S", s)}
    rows |= {k for k, s in enumerate(out) if "|" not in s and "\t" in s.strip(" ") and s.strip()
             and (k - 1 in rows or k + 1 in rows)}     # a heading row: one cell and its empty cells
    for k in rows:
        out[k] = _row(out[k].rstrip("\r\n").split("\t"))
    _csv_blocks(out)
    _aligned_blocks(out)
    return out


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.strip().replace("|", "/") for c in cells) + " |"


def _is_header(cells: list[str]) -> bool:
    from sim.extract.header import column
    from sim.extract.text import normalize_line

    cols = [column(normalize_line(c)) for c in cells if c.strip()]
    roles = {c.role for c in cols if c}
    return "name" in roles and bool(roles & {"baseline", "target", "year", "growth"})


def _csv_blocks(lines: list[str]):
    k, n = 0, len(lines)
    while k < n:
        if "," not in lines[k] or "|" in lines[k]:
            k += 1
            continue
        j = k
        while j < n and "," in lines[j] and "|" not in lines[j]:
            j += 1
        rows = list(csv.reader(lines[k:j]))
        head = next((h for h in range(min(3, len(rows))) if len(rows[h]) >= 3 and _is_header(rows[h])), None)
        if head is not None and j - k >= 2:
            for m in range(k + head, j):
                lines[m] = _row(rows[m - k])
        k = j


def _width(c: str) -> int:
    return 2 if unicodedata.east_asian_width(c) in "WFA" else 1


def _spans(s: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the cells of a line split at gaps of two or more spaces, in display columns."""
    pos, cells, col = 0, [], 0
    for m in list(GAP.finditer(s)) + [None]:
        end = m.start() if m else len(s.rstrip())
        text = s[pos:end]
        lead = len(text) - len(text.lstrip())
        start = col + sum(_width(c) for c in text[:lead])
        width = sum(_width(c) for c in text)
        if text.strip():
            cells.append((start, col + width, text.strip()))
        col += width
        if m:
            col += sum(_width(c) for c in m.group(0))
            pos = m.end()
    return cells


def _aligned_blocks(lines: list[str]):
    k, n = 0, len(lines)
    while k < n:
        s = lines[k]
        if "|" in s or len(GAP.findall(s)) < 2 or not _is_header([t for _, _, t in _spans(s)]):
            k += 1
            continue
        j = k + 1
        while j < n and lines[j].strip() and "|" not in lines[j] and (
                GAP.search(lines[j]) or len(lines[j].strip()) <= 20):
            j += 1
        _align(lines, k, j)
        k = j


def _align(lines: list[str], k: int, j: int):
    """Rewrite lines k..j-1 (a space-aligned table) as `|` rows."""
    spans = [_spans(lines[m]) for m in range(k, j)]
    ruled = [sp for sp in spans if len(sp) >= 2]
    width = max(e for sp in spans for _, e, _ in sp)
    blank = [True] * (width + 1)
    single = [False] * (width + 1)
    for sp in ruled:
        for a, b, text in sp:
            for x in range(a, b):
                blank[x] = False
            col = a                         # single spaces inside a cell: never a column border
            for c in text:
                if c == " ":
                    single[col] = True
                col += _width(c)
    starts, x = [0], 0
    while x <= width:
        if blank[x] and not single[x]:
            y = x
            while y <= width and blank[y] and not single[y]:
                y += 1
            if y <= width and x > 0:
                starts.append(y)
            x = y
        else:
            x += 1
    starts = sorted(set(starts))
    for m, sp in zip(range(k, j), spans):
        cells = [""] * len(starts)
        for a, _, text in sp:
            c = max(i for i, s0 in enumerate(starts) if s0 <= a) if a >= starts[0] else 0
            cells[c] = (cells[c] + " " + text).strip()
        lines[m] = _row(cells)
