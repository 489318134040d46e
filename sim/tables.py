"""Rendering a list of rows as a terminal table (rich: aligns Chinese text), Markdown or CSV."""
from __future__ import annotations

import csv
import io


def fmt_cell(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.4g}" if abs(v) < 1e6 else f"{v:,.0f}"
    return str(v)


def render(headers: list[str], rows: list[list], fmt: str, title: str | None = None,
           width: int | None = None) -> str:
    """``rows`` as ``fmt``: table (rich, wide CJK-aware), md, or csv."""
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(headers)
        w.writerows([["" if c is None else c for c in r] for r in rows])
        return buf.getvalue()
    cells = [[fmt_cell(c) for c in r] for r in rows]
    if fmt == "md":
        esc = lambda s: s.replace("|", "\\|").replace("\n", " ")  # noqa: E731
        out = [f"### {title}", ""] if title else []
        out.append("| " + " | ".join(map(esc, headers)) + " |")
        out.append("|" + "|".join("---" for _ in headers) + "|")
        out += ["| " + " | ".join(map(esc, r)) + " |" for r in cells]
        return "\n".join(out) + "\n"
    from rich.console import Console
    from rich.table import Table
    table = Table(title=title, show_lines=False, header_style="bold")
    for h in headers:
        table.add_column(h, overflow="fold")
    for r in cells:
        table.add_row(*r)
    console = Console(file=io.StringIO(), width=width or 200, force_terminal=False,
                      color_system=None, legacy_windows=False)
    console.print(table)
    return console.file.getvalue()
