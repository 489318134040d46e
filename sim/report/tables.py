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
           width: int | None = None) -> str:
    """``rows`` as ``fmt``: table (rich, wide CJK-aware), md, or csv."""
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
    for keep_key in (True, False):   # short columns (and the key column if it fits) never wrap
        whole = [(k == 0 and keep_key) or w <= 9 for k, w in enumerate(widest)]
        need = sum(w + 3 for w, keep in zip(widest, whole) if keep) + 7 * whole.count(False) + 1
        if need <= width:
            break
    else:
        whole = [False] * len(headers)
    for h, keep in zip(headers, whole):
        table.add_column(h, overflow="fold", no_wrap=keep)
    for r in cells:
        table.add_row(*r)
    console = Console(file=io.StringIO(), width=width, force_terminal=False,
                      color_system=None, legacy_windows=False)
    console.print(table)
    return console.file.getvalue()
