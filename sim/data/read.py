"""Reading a table of actuals (CSV in UTF-8, UTF-8 with BOM or GB18030; .xlsx) with pandas, in long
or wide form, with English or Chinese headers, into raw rows located by file, sheet and row."""
from __future__ import annotations

import io
import math
import re
from pathlib import Path

from sim.errors import SimError

MAX_BYTES = 20 * 1024 * 1024


HEADERS = {  # column -> header names (compared without spaces, case-insensitive)
    "indicator": ("indicator", "id", "name", "指标", "指标名称", "指标代码", "项目"),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "值", "数据"),
    "unit": ("unit", "单位", "计量单位"),
    "source": ("source", "source_url", "来源", "数据来源", "出处"),
    "vintage": ("vintage", "数据类型", "口径"),
    "published": ("published", "发布日期", "发布时间"),
}


ALIAS = {name.lower(): col for col, names in HEADERS.items() for name in names}


YEAR_COLUMN = re.compile(r"^(\d{4})(?:\.0)?\s*年?$")


HEADER_ROWS = 10   # a header is looked for in the first rows (a yearbook table may have a title above it)


def cell_text(v) -> str:
    """A cell as text: '' for empty or NaN, whole floats without '.0'."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _key(v) -> str:
    return re.sub(r"\s+", "", cell_text(v)).lower()


def _decode(raw: bytes, shown: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):   # a UTF-8 mark, but the text after it may be GB18030 all the same
        raw = raw[3:]
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise SimError("the file is neither UTF-8 nor GB18030 text", file=shown,
                   hint="save the table as CSV UTF-8 (or GB18030) from Excel, or as .xlsx")


def _grid_csv(path: Path, shown: str) -> list[list]:
    """The cells of a CSV (comma or tab) as text, every row as wide as the first; the standard
    library's reader (no type guessing, and no pandas import on the plain check path)."""
    import csv

    text = _decode(path.read_bytes(), shown)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    sep = "\t" if first.count("\t") > first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True))
    except csv.Error as e:
        raise SimError(f"cannot read the CSV: {e}", file=shown,
                       hint="quote cells that contain commas, and close every quote") from None
    width = len(rows[0]) if rows else 0
    for k, row in enumerate(rows, start=1):
        if len(row) > width:
            raise SimError(f"row {k} has {len(row)} cells, the first row {width}", file=shown, line=k,
                           hint="every row needs the same number of columns; quote cells that contain commas")
    return [row + [""] * (width - len(row)) for row in rows]


def _grid_xlsx(path: Path, shown: str, sheet: str | None) -> tuple[list[list], str]:
    import pandas as pd

    try:
        book = pd.ExcelFile(path, engine="openpyxl")
    except Exception as e:  # openpyxl raises many kinds for a damaged or foreign file
        raise SimError(f"cannot open the workbook: {e}", file=shown, hint="save it again as .xlsx") from None
    names = book.sheet_names
    if sheet is not None and sheet not in names:
        raise SimError(f"no sheet '{sheet}'", file=shown, field="sheet", hint="sheets: " + ", ".join(names))
    for name in [sheet] if sheet is not None else names:
        grid = pd.read_excel(book, sheet_name=name, header=None, dtype=object).values.tolist()
        if any(cell_text(v) for row in grid for v in row):
            return grid, name
    raise SimError("the workbook has no sheet with data", file=shown)


def read_grid(path: Path, shown: str, sheet: str | None = None) -> tuple[list[list], str | None]:
    """The cells of the file (rows of values) and the sheet read (None for CSV)."""
    if not path.is_file():
        raise SimError("data file not found", file=shown, hint="paths in `data:` are relative to the spec file")
    if path.stat().st_size > MAX_BYTES:
        raise SimError(f"the file is over {MAX_BYTES // 2**20} MB", file=shown,
                       hint="keep the plan's indicators only, or split the file")
    if path.suffix.lower() == ".xlsx":
        return _grid_xlsx(path, shown, sheet)
    return _grid_csv(path, shown), None


def _layout(header: list) -> tuple[str, dict[str, int], dict[int, int]] | None:
    """('long' | 'wide', column -> index, index -> year of a wide year column) if ``header`` is one."""
    cols: dict[str, int] = {}
    years: dict[int, int] = {}
    for j, v in enumerate(header):
        k = _key(v)
        if (m := YEAR_COLUMN.match(k)) and j > 0:
            years[j] = int(m[1])
        elif k in ALIAS and ALIAS[k] not in cols:
            cols[ALIAS[k]] = j
    if {"indicator", "year", "value"} <= set(cols):
        return "long", cols, {}
    if years and "year" not in cols and "value" not in cols:
        cols["indicator"] = 0
        return "wide", cols, years
    return None


def raw_rows(path: Path, shown: str, sheet: str | None = None) -> tuple[list[dict], str | None]:
    """One dict per value cell: file, sheet, row (1-based, as a spreadsheet shows it), name, year,
    value, unit, source, vintage, published (cells as read). Rows with an empty indicator cell are
    blank lines, not data."""
    grid, used = read_grid(path, shown, sheet)
    for h, header in enumerate(grid[:HEADER_ROWS]):
        found = _layout(header)
        if found:
            break
    else:
        raise SimError("no header row: need columns indicator/指标, year/年份, value/数值 (long form), or a "
                       "first column of indicators and year columns such as 2019 or 2019年 (wide form)",
                       file=shown, line=None, field=used)
    form, cols, years = found
    out = []
    where = {"file": shown, "sheet": used}

    def get(row, col):
        return cell_text(row[cols[col]]) if col in cols and cols[col] < len(row) else ""

    for i, row in enumerate(grid[h + 1:], start=h + 2):
        name = get(row, "indicator")
        if not name:
            if any(cell_text(v) for v in row):
                raise SimError("a row with values but no indicator", file=shown, line=i, field=used,
                               hint="name the indicator (its id or its name) in the first column")
            continue
        common = where | {"row": i, "name": name, "unit": get(row, "unit"), "source": get(row, "source"),
                          "vintage": get(row, "vintage"), "published": _cell(row, cols.get("published"))}
        if form == "long":
            out.append(common | {"year": _cell(row, cols["year"]), "value": _cell(row, cols["value"])})
        else:
            out.extend(common | {"year": y, "value": _cell(row, j)} for j, y in years.items())
    return out, used


def _cell(row: list, j: int | None):
    if j is None or j >= len(row):
        return None
    return row[j]
