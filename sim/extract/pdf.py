"""A PDF's text layer (pdfplumber): ruled tables as found, unruled tables from word positions, text.

Ruled tables (cell borders drawn) come from ``page.find_tables()``. Tables drawn without rules are
found among the remaining words: lines are words sharing a baseline; a run of lines that starts at
an indicator header (指标 and a year or growth column) and whose lines hold several cells is a
table; its columns are the x-intervals its cells cover (overlapping intervals are one column, unless
that would put two cells of one line together), so a blank cell stays blank. The rest is text, line by
line, in reading order. A PDF without any character (a scan) is refused.
"""
from __future__ import annotations

import re
from pathlib import Path

from sim.errors import SimError
from sim.extract.delimit import _is_header
from sim.meta import Msg

PAGE_NUMBER = re.compile(r"[-—–·\s]*(?:\d{1,4}|第\d{1,4}页(?:共\d{1,4}页)?)[-—–·\s]*")


def read_pdf(path: Path, data: bytes, out, encoding) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        if not any(page.chars for page in pdf.pages):
            raise SimError(Msg("extract.scanned", name=path.name), file=str(path), hint=Msg("extract.ocr"))
        carry = None                     # (key, place, width, columns) of a table that ends a page
        for p, page in enumerate(pdf.pages, 1):
            found = page.find_tables()
            boxes = [t.bbox for t in found]
            items = [(t.bbox[1], "table", (f"p{p}t{k}", Msg("where.page_table", page=p, table=k), t.extract(), None))
                     for k, t in enumerate(found, 1)]

            def outside(obj, boxes=boxes):
                return not any(b[0] <= obj["x0"] and obj["x1"] <= b[2] and b[1] <= obj["top"]
                               and obj["bottom"] <= b[3] for b in boxes)
            words = page.filter(outside).extract_words(x_tolerance=1.5, keep_blank_chars=False)
            items += _unruled(_lines(words), p, len(found), carry)
            items = sorted((i for i in items if not (i[1] == "text" and PAGE_NUMBER.fullmatch(i[2]))),
                           key=lambda x: x[0])
            if items and items[0][1] == "table" and carry and items[0][2][0] != carry[0]:
                key, place, rows, cols = items[0][2]     # a ruled table going on from the last page
                if rows and len(rows[0]) == carry[2] and not _is_header([c or "" for c in rows[0]]):
                    items[0] = (items[0][0], "table", (carry[0], Msg("where.continued", place=place), rows, cols))
            for _, kind, item in items:
                if kind == "text":
                    out.text(item, Msg("where.page", page=p))
                else:
                    key, place, rows, _ = item
                    out.table(rows, key, place)
            last = items[-1] if items else None
            carry = ((last[2][0], last[2][1], len(last[2][2][0]) if last[2][2] else 0, last[2][3])
                     if last and last[1] == "table" else None)
    return "pdf"


def _lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines (a shared baseline within a third of the text height), left to right."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["bottom"], 1), w["x0"])):
        if lines and abs(lines[-1][0]["bottom"] - w["bottom"]) <= (w["bottom"] - w["top"]) / 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _cells(line: list[dict]) -> list[list[dict]]:
    """Words of a line grouped into cells: a gap wider than the text height starts a new cell."""
    cells = [[line[0]]]
    for w in line[1:]:
        prev = cells[-1][-1]
        if w["x0"] - prev["x1"] > (w["bottom"] - w["top"]):
            cells.append([w])
        else:
            cells[-1].append(w)
    return cells


def _continued(place: Msg, page: int) -> Msg:
    """The place of a table (page P, table K, maybe itself continued) going on at ``page``."""
    while place.code == "where.continued":
        place = place.args["place"]
    return Msg("where.continued", place=Msg("where.page_table", page=page, table=place.args["table"]))


def _unruled(lines: list[list[dict]], page: int, ruled: int, carry) -> list[tuple]:
    """Text lines and unruled tables of a page as (top, kind, item) items; the page's first lines
    go on with the last page's unruled table (``carry``) when they hold several cells."""
    items, k, n, count = [], 0, len(lines), ruled
    while k < n:
        cells = _cells(lines[k])
        header = len(cells) >= 3 and _is_header([_text(c) for c in cells])
        going_on = k == 0 and carry is not None and carry[3] is not None and len(cells) >= 2
        if header or going_on:
            j = k + 1
            while j < n and (len(_cells(lines[j])) >= 2 or len(lines[j]) == 1 and
                             lines[j][0]["x1"] - lines[j][0]["x0"] < 300):
                j += 1
            if header:
                count += 1
                rows, cols = _grid(lines[k:j])
                item = (f"p{page}t{count}", Msg("where.page_table", page=page, table=count), rows, cols)
            else:
                rows, cols = _grid(lines[k:j], carry[3])
                item = (carry[0], _continued(carry[1], page), rows, cols)
            items.append((lines[k][0]["top"], "table", item))
            k = j
            continue
        items.append((lines[k][0]["top"], "text", " ".join(w["text"] for w in lines[k])))
        k += 1
    return items


def _text(cell: list[dict]) -> str:
    return " ".join(w["text"] for w in cell)


def _grid(lines: list[list[dict]], cols: list | None = None) -> tuple[list[list[str]], list]:
    """Rows of an unruled table and its columns: the merged x-intervals of its multi-cell lines (two
    cells of one line never share a column), or ``cols`` given (a table going on from a page)."""
    if cols is None:
        spans = sorted((c[0]["x0"], c[-1]["x1"], k) for k, line in enumerate(lines)
                       for c in _cells(line) if len(_cells(line)) >= 2)
        cols = []                      # [x0, x1, lines in it]
        for x0, x1, k in spans:
            if cols and x0 < cols[-1][1] and k not in cols[-1][2]:
                cols[-1][1] = max(cols[-1][1], x1)
                cols[-1][2].add(k)
            else:
                cols.append([x0, x1, {k}])
    rows = []
    for line in lines:
        row = [""] * len(cols)
        for c in _cells(line):
            x0, x1 = c[0]["x0"], c[-1]["x1"]
            j = max(range(len(cols)), key=lambda j: (min(x1, cols[j][1]) - max(x0, cols[j][0]), -abs(x0 - cols[j][0])))
            row[j] = (row[j] + _text(c)).strip()
        rows.append(row)
    return _unwrap(lines, rows), cols


def _unwrap(lines: list[list[dict]], rows: list[list[str]]) -> list[list[str]]:
    """A one-cell line closer below a row than rows are to each other (three quarters of the median
    pitch; 1.6 text heights where the rows give no pitch) is the rest of a wrapped cell: joined to it.
    A numbered heading (一、…) never is."""
    from statistics import median

    from sim.extract.align import SECTION

    tops = [line[0]["top"] for line in lines]
    full = [len(_cells(line)) >= 2 for line in lines]
    pitches = [tops[k + 1] - tops[k] for k in range(len(lines) - 1) if full[k] and full[k + 1]]
    pitch = median(pitches) if pitches else None
    out: list[list[str]] = []
    joined = False
    for k, row in enumerate(rows):
        filled = [j for j, c in enumerate(row) if c]
        near = 0.75 * pitch if pitch else 1.6 * (lines[k][0]["bottom"] - lines[k][0]["top"])
        joined = bool(out and len(filled) == 1 and (full[k - 1] or joined)
                      and tops[k] - tops[k - 1] < near and not SECTION.match(row[filled[0]]))
        if joined:
            out[-1][filled[0]] += row[filled[0]]
        else:
            out.append(row)
    return out
