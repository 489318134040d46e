"""Rendering a list of rows as a terminal table (rich: aligns Chinese text), Markdown or CSV."""
from __future__ import annotations

import csv
import io

from sim.report.numbers import people


def fmt_cell(v) -> str:
    """A cell for people: '—' for nothing, numbers without scientific notation (sim.report.numbers)."""
    if v is None:
        return "—"
    if isinstance(v, float):
        return people(v)
    return str(v)


def who(r: dict, fmt: str, ids: bool = False) -> str:
    """How a row names its indicator: 指标名称 in a terminal table (the id with ``ids``, or when the
    indicator has no name), the id in md and csv (which scripts and other tables join on)."""
    return r["indicator"] if ids or fmt != "table" else r.get("name") or r["indicator"]


def terminal_width() -> int:
    """The width asked for in ``COLUMNS``, else the terminal's when printing to one, else wide
    enough for a file (200)."""
    import os
    import shutil
    import sys
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return max(shutil.get_terminal_size((200, 24)).columns, 40)
    return 200


def render(headers: list[str], rows: list[list], fmt: str, title: str | None = None,
           width: int | None = None, drop: tuple[int, ...] = ()) -> str:
    """``rows`` as ``fmt``: table (rich, wide CJK-aware), md, or csv. A table narrower than its
    columns first leaves out the columns ``drop`` lists (indexes, the first goes first) so that
    numbers and statuses stay whole, then wraps."""
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(headers)
        w.writerows([["" if c is None else people(c, sep=False) if isinstance(c, float) else c for c in r]
                     for r in rows])
        return buf.getvalue()
    cells = [[fmt_cell(c) for c in r] for r in rows]
    if fmt == "md":
        esc = lambda s: s.replace("|", "\\|").replace("\n", " ")  # noqa: E731
        out = [f"### {title}", ""] if title else []
        out.append("| " + " | ".join(map(esc, headers)) + " |")
        out.append("|" + "|".join("---" for _ in headers) + "|")
        out += ["| " + " | ".join(map(esc, r)) + " |" for r in cells]
        return "\n".join(out) + "\n"
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    table = Table(title=title, show_lines=False, header_style="bold")
    widest = [max([cell_len(r[k]) for r in cells] + [cell_len(h)]) for k, h in enumerate(headers)]
    width = width or terminal_width()
    keys, drop = list(range(len(headers))), [k for k in drop if k < len(headers)]
    while True:
        whole = _whole(widest, keys, width)
        if whole is not None or not drop:
            break
        keys.remove(drop.pop(0))
    whole = whole or {k: False for k in keys}
    for k in keys:
        table.add_column(headers[k], overflow="fold", no_wrap=whole[k], min_width=min(widest[k], WRAP_MIN))
    cells = [[r[k] for k in keys] for r in cells]
    for r in cells:
        table.add_row(*r)
    console = Console(file=io.StringIO(), width=width, force_terminal=False,
                      color_system=None, legacy_windows=False)
    console.print(table)
    return console.file.getvalue()


WRAP_MIN = 8
"""Cells a wrapped column keeps at the least (four Chinese characters)."""


def _whole(widest: list[int], keys: list[int], width: int) -> dict[int, bool] | None:
    """Which of the columns ``keys`` print whole within ``width``: short ones (9 cells or fewer)
    always, the first (key) column too if it fits; None if even that does not fit."""
    for keep_key in (True, False):
        whole = {k: (k == keys[0] and keep_key) or widest[k] <= 9 for k in keys}
        need = sum(min(widest[k], 10**6 if whole[k] else WRAP_MIN) + 3 for k in keys) + 1
        if need <= width:
            return whole
    return None
