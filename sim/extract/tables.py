"""Indicator tables in a document's lines: cells separated by `|`, a row per line or a cell per line.

(Tab-separated, comma-separated and space-aligned tables were turned into `|` rows by
``sim.extract.delimit``; tables of .docx/.xlsx/.html/.pdf files come as `|` rows, one table each.)

A table is a run of lines holding `|`. Its structure is read as a whole before any cell is
assigned: the header (one or more rows, see ``sim.extract.header``) gives the columns; a run whose
first rows are no such header is not an indicator table and is left to the sentence reader. Body
rows are fitted to the columns and checked cell by cell (``sim.extract.align``): a row that does
not fit (a number where the name belongs, too many or too few cells) becomes an ``Unread`` with
its reason, never an indicator. Where most lines hold one cell (a table pasted from a web page or
a PDF, each cell ending in ``|``), the cells are one stream cut into rows of the header's width.
Section rows (``一、经济发展`` and empty cells) set the category of the rows below.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sim.extract.align import SECTION, fit_row, section_title, segment
from sim.extract.doc import Doc, Entry, Unread
from sim.extract.header import (
    BASE_WORDS,
    TARGET_WORDS,
    Column,
    column,
    combine,
    header_columns,
)
from sim.extract.rows import read_row

HEADER_ROWS = 3       # a header spans at most this many rows


@dataclass(frozen=True)
class Cell:
    text: str
    line: int


@dataclass
class Table:
    header_line: int
    columns: list[Column]
    base_year: int | None = None
    target_year: int | None = None
    entries: list[Entry] = field(default_factory=list)


def _regions(doc: Doc) -> list[list[tuple[int, str]]]:
    """Runs of lines holding '|' (blank lines and one short unpiped line inside allowed); a run
    never crosses from one table of a file to the next."""
    lines, n = doc.lines, len(doc.lines)
    key = (lambda k: doc.where[k][0]) if doc.where else (lambda k: None)
    out, i = [], 0
    while i < n:
        if "|" not in lines[i]:
            i += 1
            continue
        region, j, pending = [(i + 1, lines[i])], i + 1, []
        while j < n and (key(j) == key(i) or not lines[j]):
            s = lines[j]
            if "|" in s:
                region += pending + [(j + 1, s)]
                pending = []
            elif s and (pending or len(s) > 30):
                break
            elif s:
                pending.append((j + 1, s))
            j += 1
        out.append(region)
        i = j - len(pending) if pending else j
    return out


def _row_cells(line_no: int, s: str) -> list[Cell] | None:
    """Cells of a row line (outer bars are borders); None for a separator row such as |---|---|."""
    t = s.strip()
    if re.fullmatch(r"[|\-:=+ ]+", t) and "-" in t:
        return None
    parts = t.split("|")
    if t.endswith("|"):
        parts = parts[:-1]
    if t.startswith("|") and len(parts) > 1:
        parts = parts[1:]
    return [Cell(p.strip(), line_no) for p in parts]


def _stream_cells(region) -> list[Cell]:
    """Cells given one per line: each `|` ends a cell; a line without `|` continues the next cell."""
    cells, carry = [], ""
    for line_no, s in region:
        if "|" not in s:
            carry += s
            continue
        if re.fullmatch(r"[|\-:=+ ]+", s) and "-" in s:
            continue
        parts = s.split("|")
        if parts[-1].strip() == "":
            parts = parts[:-1]
        for k, p in enumerate(parts):
            text = (carry + p.strip()) if k == 0 else p.strip()
            cells.append(Cell(text, line_no))
        carry = ""
    return cells


def read_tables(doc: Doc) -> tuple[list[Table], list[Unread], set[int]]:
    """Indicator tables of ``doc``, their unread rows, and the line numbers they cover."""
    tables, unread, covered = [], [], set()
    for region in _regions(doc):
        rows = []
        carry = ""
        for line_no, s in region:
            if "|" not in s and SECTION.match(s):
                rows.append([Cell(s, line_no)])        # a heading such as 一、经济发展: its own row
                continue
            if "|" not in s:
                carry += s
                continue
            cells = _row_cells(line_no, s)
            if cells is None:
                continue
            if carry and cells and sum(1 for c in cells if c.text and column(c.text)) < 2:
                cells[0] = Cell(carry + cells[0].text, cells[0].line)
            carry = ""                     # (before a header row it was the table's title)
            rows.append(cells)
        if not rows:
            continue
        if sum(sum(1 for c in r if c.text) <= 1 for r in rows) > len(rows) / 2:
            found = _read_stream(doc, _stream_cells(region))
        else:
            found = _read_rows(doc, rows)
        if found:
            tables.extend(found[0])
            unread.extend(found[1])
            covered.update(n for n, _ in region)
    return tables, unread, covered


def _stream_header(cells: list[Cell]) -> tuple[int, int, list[Column]] | None:
    """(start, count of cells used, columns) of the leading run of header cells; a bare year and
    its qualifier given as two cells (``2015年`` then ``完成``) make one label."""
    qualifier = re.compile(rf"(?:{TARGET_WORDS}|{BASE_WORDS})(?:\([^)]*\))?")
    for start in range(min(3, len(cells))):
        labels: list[str] = []
        used = 0
        for c in cells[start:]:
            t = c.text
            if labels and re.fullmatch(r"\d{4}年", labels[-1]) and qualifier.fullmatch(t):
                labels[-1] += t
                used += 1
                continue
            if not t or column(t) is None:
                break
            labels.append(t)
            used += 1
        cols = header_columns(labels) if len(labels) >= 2 else None
        if cols:
            return start, used, cols
    return None


def _read_stream(doc: Doc, cells: list[Cell]):
    found = _stream_header(cells)
    if found is None:
        return None
    start, used, cols = found
    table = _table(cols, cells[start].line)
    unread: list[Unread] = []
    data = cells[start + used:]
    category = None
    for kind, i, j, why in segment(cols, [c.text for c in data]):
        piece = data[i:j]
        if kind == "section":
            title = section_title(cols, [c.text for c in piece])
            category = title or category
        elif kind == "unread":
            unread.append(Unread(piece[0].line, " | ".join(c.text for c in piece), why))
        else:
            category = read_row(doc, table, cols, [c.text for c in piece], piece[0].line,
                                category, unread)
    return [table], unread


def _header_at(rows: list[list[Cell]], k: int) -> tuple[int, list[Column]] | None:
    """(rows used, columns) if a header of 1..HEADER_ROWS rows starts at row ``k``; the longest
    reading whose next row is not itself a header cell row wins."""
    best = None
    for h in range(1, HEADER_ROWS + 1):
        if k + h > len(rows):
            break
        labels = combine([[c.text for c in r] for r in rows[k:k + h]])
        cols = header_columns(labels)
        if cols and (h == 1 or all(not c.text or column(c.text) for c in rows[k + h - 1])):
            best = (h, cols)
    return best


def _read_rows(doc: Doc, rows: list[list[Cell]]):
    """A row per line; a header row may come again and start another table."""
    tables, unread = [], []
    table, cols, category = None, None, None
    k = 0
    while k < len(rows):
        cells = rows[k]
        head = _header_at(rows, k) if len(cells) >= 2 else None
        if head:
            h, cols = head
            table = _table(cols, cells[0].line)
            tables.append(table)
            category = None
            k += h
            continue
        k += 1
        if table is None:
            continue
        texts = [c.text for c in cells]
        title = section_title(cols, texts)
        if title is not None:
            category = title
            continue
        fitted, why = fit_row(cols, texts)
        if fitted is None:
            unread.append(Unread(cells[0].line, " | ".join(texts), why))
            continue
        category = read_row(doc, table, cols, fitted, cells[0].line, category, unread)
    if not tables:
        return None
    return tables, unread


def _table(cols: list[Column], line: int) -> Table:
    bases = [c.year for c in cols if c.role == "baseline" and c.year]
    targets = [c.year for c in cols if c.role == "target" and c.year]
    return Table(header_line=line, columns=cols, base_year=max(bases) if bases else None,
                 target_year=max(targets) if targets else None)
