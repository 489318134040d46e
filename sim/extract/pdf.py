"""A PDF's text layer (pdfplumber): ruled tables as found, unruled tables from word positions, text.

Ruled tables (cell borders drawn) come from ``page.find_tables()``. Tables drawn without rules are
found among the remaining words: lines are words sharing a baseline; a run of lines that starts at
an indicator header (指标 and a year or growth column) and whose lines hold several cells is a
table; its columns are the x-intervals its cells cover (overlapping intervals are one column, unless
that would put two cells of one line together), so a blank cell stays blank. The rest is text, line by
line, in reading order. A PDF without any character (a scan) is refused.
"""
from __future__ import annotations

from pathlib import Path

from sim.errors import SimError


def read_pdf(path: Path, data: bytes, out, encoding) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        if not any(page.chars for page in pdf.pages):
            raise SimError(f"{path.name} has no text layer (a scanned PDF): there is no text to read",
                           file=str(path), hint="run OCR on it first (e.g. ocrmypdf), or extract from "
                                                "the .docx/.html the plan was published as")
        for p, page in enumerate(pdf.pages, 1):
            found = page.find_tables()
            boxes = [t.bbox for t in found]
            items = [(t.bbox[1], "table", (f"p{p}t{k}", f"page {p}, table {k}", t.extract()))
                     for k, t in enumerate(found, 1)]

            def outside(obj, boxes=boxes):
                return not any(b[0] <= obj["x0"] and obj["x1"] <= b[2] and b[1] <= obj["top"]
                               and obj["bottom"] <= b[3] for b in boxes)
            words = page.filter(outside).extract_words(x_tolerance=1.5, keep_blank_chars=False)
            items += _unruled(_lines(words), p, len(found))
            for _, kind, item in sorted(items, key=lambda x: x[0]):
                if kind == "text":
                    out.text(item, f"page {p}")
                else:
                    key, place, rows = item
                    out.table(rows, key, place)
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


def _unruled(lines: list[list[dict]], page: int, ruled: int) -> list[tuple]:
    """Text lines and unruled tables of a page as (top, kind, item) items."""
    from sim.extract.delimit import _is_header

    items, k, n, count = [], 0, len(lines), ruled
    while k < n:
        cells = _cells(lines[k])
        if len(cells) >= 3 and _is_header([_text(c) for c in cells]):
            j = k + 1
            while j < n and (len(_cells(lines[j])) >= 2 or len(lines[j]) == 1 and
                             lines[j][0]["x1"] - lines[j][0]["x0"] < 300):
                j += 1
            count += 1
            rows = _grid(lines[k:j])
            items.append((lines[k][0]["top"], "table", (f"p{page}t{count}", f"page {page}, table {count}", rows)))
            k = j
            continue
        items.append((lines[k][0]["top"], "text", " ".join(w["text"] for w in lines[k])))
        k += 1
    return items


def _text(cell: list[dict]) -> str:
    return " ".join(w["text"] for w in cell)


def _grid(lines: list[list[dict]]) -> list[list[str]]:
    """Rows of an unruled table: columns are the merged x-intervals of its multi-cell lines (two cells
    of one line never share a column)."""
    spans = sorted((c[0]["x0"], c[-1]["x1"], k) for k, line in enumerate(lines)
                   for c in _cells(line) if len(_cells(line)) >= 2)
    cols: list[list] = []                  # [x0, x1, lines in it]: never two cells of one line
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
    return rows
