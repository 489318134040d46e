"""Reading a table of actuals (CSV in UTF-8, UTF-8 with BOM or GB18030; .xlsx), in long
or wide form, with English or Chinese headers, into raw rows located by file, sheet and row."""
from __future__ import annotations

import io
from functools import partial
from pathlib import Path

from sim.data.header import (
    HEADER_ROWS,
    cell_text,
    column_name,
    find_layout,
    is_header,
    key,
)
from sim.data.xlsx import BadCell, grid_xlsx
from sim.errors import SimError
from sim.meta import Msg, os_reason

__all__ = ["cell_text", "key", "raw_rows", "read_grid"]

MAX_BYTES = 20 * 1024 * 1024


def _decode(raw: bytes, shown: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):   # a UTF-8 mark, but the text after it may be GB18030 all the same
        raw = raw[3:]
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise SimError(Msg("data.encoding"), file=shown, hint=Msg("data.encoding_hint"))


def _grid_csv(path: Path, shown: str) -> list[list]:
    """The cells of a CSV (comma or tab, whichever the first lines hold more of) as text, rows as
    written; the standard library's reader (no type guessing, and no pandas import on the plain check
    path)."""
    import csv

    text = _decode(path.read_bytes(), shown)
    head = "\n".join(text.splitlines()[:HEADER_ROWS])
    sep = "\t" if head.count("\t") > head.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True))
    except csv.Error as e:
        raise SimError(Msg("data.csv", detail=str(e)), file=shown, hint=Msg("data.csv_hint")) from None
    return rows


def read_grid(path: Path, shown: str, sheet: str | None = None) -> tuple[list[list], str | None]:
    """The cells of the file (rows of values) and the sheet read (None for CSV)."""
    if path.is_dir():
        raise SimError(Msg("data.is_folder"), file=shown, hint=Msg("data.not_found_hint"))
    if not path.is_file():
        try:
            path.stat()
        except OSError as e:
            if path.is_symlink():   # a link loop or a link to nowhere: say which
                raise SimError(Msg("input.cannot_read", why=os_reason(e)), file=shown) from None
        raise SimError(Msg("data.not_found"), file=shown, hint=Msg("data.not_found_hint"))
    if path.stat().st_size > MAX_BYTES:
        raise SimError(Msg("data.too_big", mb=MAX_BYTES // 2**20), file=shown, hint=Msg("data.too_big_hint"))
    if path.suffix.lower() == ".xlsx":
        return grid_xlsx(path, shown, sheet)
    return _grid_csv(path, shown), None


def _filled(v) -> bool:
    return isinstance(v, BadCell) or bool(cell_text(v))


def raw_rows(path: Path, shown: str, sheet: str | None = None) -> tuple[list[dict], str | None]:
    """One dict per value cell: file, sheet, row (1-based, as a spreadsheet shows it), name, year,
    value, unit, source, vintage, published (cells as read; a wide table's year is its column's
    label, e.g. ``2022(预计)``). Rows with an empty indicator cell are blank lines, not data; a row
    with a value beyond the header's columns, or a second header row, is an error."""
    grid, used = read_grid(path, shown, sheet)
    letters = path.suffix.lower() == ".xlsx"
    lay = find_layout(grid, shown, used, letters)
    width = max(j for j, v in enumerate(grid[lay.row]) if cell_text(v)) + 1
    where = {"file": shown, "field": f"sheet '{used}'" if used else None}
    out = []

    def get(row, col):
        return next((cell_text(row[j]) for j in lay.cols.get(col, ()) if j < len(row) and cell_text(row[j])), "")

    def cell(row, col):
        j = lay.cols[col][0] if col in lay.cols else None
        return row[j] if j is not None and j < len(row) else None

    for i, row in enumerate(grid[lay.row + 1:], start=lay.row + 2):
        if extra := [j for j in range(width, len(row)) if _filled(row[j])]:
            raise SimError(Msg("data.beyond_header", column=column_name(extra[0], letters),
                               last=column_name(width - 1, letters)), line=i, **where, hint=Msg("data.beyond_header_hint"))
        if is_header(row):
            raise SimError(Msg("data.second_header", first=lay.row + 1), line=i, **where,
                           hint=Msg("data.second_header_hint"))
        for j in lay.cols["indicator"]:
            if j < len(row) and isinstance(row[j], BadCell):
                raise SimError(row[j].message, line=i, **where, hint=row[j].hint)
        name = get(row, "indicator")
        if not name:
            if any(_filled(v) for v in row):
                raise SimError(Msg("data.no_indicator"), line=i, **where, hint=Msg("data.no_indicator_hint"))
            continue
        common = {"file": shown, "sheet": used, "row": i, "name": name, "unit": get(row, "unit"),
                  "source": get(row, "source"), "vintage": get(row, "vintage"), "published": cell(row, "published")}
        bad = [c for c in map(partial(cell, row), ("unit", "source", "vintage", "published")) if isinstance(c, BadCell)]
        if lay.form == "long":
            year, value = cell(row, "year"), cell(row, "value")
            out.append(common | {"year": year, "value": value,
                                 "bad": bad + [c for c in (year, value) if isinstance(c, BadCell)]})
        else:
            for j, label in lay.years.items():
                value = row[j] if j < len(row) else None
                out.append(common | {"year": label, "value": value,
                                     "bad": bad + [value] if isinstance(value, BadCell) else bad})
    if not out:   # a header and nothing under it: never a silent file with no values
        raise SimError(Msg("data.no_rows", header=lay.row + 1), **where, hint=Msg("data.no_rows_hint"))
    return out, used
