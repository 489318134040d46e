"""The cells of an .xlsx sheet as the file saved them (openpyxl): values, not formulas; a cell that
cannot be read as shown (part of merged cells, a formula whose value was never saved) is a BadCell,
an error only where a row of the plan needs it."""
from __future__ import annotations

from pathlib import Path

from sim.data.header import cell_text
from sim.errors import SimError
from sim.meta import Msg


class BadCell:
    """A cell whose value the file does not hold: ``message`` says why, ``hint`` how to fix it."""

    __slots__ = ("hint", "message")

    def __init__(self, message: Msg, hint: Msg):
        self.message, self.hint = message, hint

    def __str__(self) -> str:
        return ""


def _open(path: Path, shown: str, **kw):
    from openpyxl import load_workbook

    try:
        return load_workbook(path, **kw)
    except Exception as e:  # openpyxl raises many kinds for a damaged or foreign file
        raise SimError(Msg("data.workbook", detail=str(e)), file=shown, hint=Msg("data.workbook_hint")) from None


def _merged(ws, grid: list[list]) -> None:
    for rng in ws.merged_cells.ranges:
        top = f"{rng.start_cell.coordinate}"
        for r, c in rng.cells:
            if (r, c) != (rng.min_row, rng.min_col) and r <= len(grid) and c <= len(grid[r - 1]):
                grid[r - 1][c - 1] = BadCell(Msg("data.merged", range=rng.coord, top=top), Msg("data.merged_hint"))


def _uncached(path: Path, shown: str, name: str, grid: list[list]) -> None:
    """Formula cells that the file holds no saved value for (written by a program, never opened in
    Excel) become BadCells."""
    if not any(v is None for row in grid for v in row):
        return
    ws = _open(path, shown, read_only=True, data_only=False)[name]
    for r, row in enumerate(ws.iter_rows(max_row=len(grid)), start=1):
        for cell in row:
            c = getattr(cell, "column", None)
            if c is None or c > len(grid[r - 1]) or grid[r - 1][c - 1] is not None:
                continue
            f = cell.value
            if isinstance(f, str) and f.startswith("=") or type(f).__name__ in ("ArrayFormula", "DataTableFormula"):
                grid[r - 1][c - 1] = BadCell(Msg("data.formula", cell=cell.coordinate, formula=str(getattr(f, "text", f))),
                                             Msg("data.formula_hint"))


def grid_xlsx(path: Path, shown: str, sheet: str | None) -> tuple[list[list], str]:
    """The cells of the sheet (the first with data when ``sheet`` is None) and its name."""
    book = _open(path, shown, data_only=True)
    names = book.sheetnames
    if sheet is not None and sheet not in names:
        raise SimError(Msg("data.no_sheet", sheet=sheet), file=shown, field="sheet", hint=Msg("data.sheets", names=names))
    for name in [sheet] if sheet is not None else names:
        ws = book[name]
        if not hasattr(ws, "iter_rows"):
            continue   # a chart sheet
        grid = [list(row) for row in ws.iter_rows(values_only=True)]
        while grid and not any(cell_text(v) for v in grid[-1]):
            grid.pop()
        if grid:
            _merged(ws, grid)
            _uncached(path, shown, name, grid)
            return grid, name
    raise SimError(Msg("data.empty_workbook"), file=shown)
