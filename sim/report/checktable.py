"""The terminal table of `sim check` (``--format table``): 指标名称 (ids with ``--ids``), numbers for
people with their units, status never broken; at a narrow width the least needed columns go first
(owner, assumed pace, latest value, year, required pace) and names wrap."""
from __future__ import annotations

from sim.report.dataview import vintage_mark
from sim.report.labels.check import TABLE
from sim.report.numbers import pace_unit, people, with_unit
from sim.report.presetlabels import status_text

# (key, wraps); the order of the columns
COLUMNS = [("who", True), ("text", True), ("target_year", False), ("latest", False), ("required_pace", False),
           ("assumed_pace", False), ("projected", False), ("status", False), ("owner", True)]
DROP = ["owner", "assumed_pace", "latest", "target_year", "required_pace"]   # first dropped first
MIN_WRAP = {"who": 8, "text": 10, "owner": 8}    # cells a wrapped column keeps at least


def _pace(r: dict, v: float | None, lang: str) -> str:
    if v is None:
        return "—"
    if r["pace_model"] in ("compound", "growth_rate") or r["pace_unit"] == "%/yr":
        return f"{people(v, '%')}%"
    unit = pace_unit(r["pace_unit"], lang)
    return f"{people(v, signed=True)} {unit}" if unit else people(v, signed=True)


def cell(r: dict, key: str, lang: str, ids: bool) -> str:
    """One cell of the terminal table (assumed values end in *, weak trend evidence in ?)."""
    if key == "who":
        return r["indicator"] if ids else (r["name"] or r["indicator"])
    if key == "text":
        text = r["text"] or "—"
        return text + (TABLE[lang]["stretch"] if r.get("stretch") and "力争" not in text else "")
    if key == "target_year":
        return "—" if r["target_year"] is None else str(r["target_year"])
    if key == "latest":
        unit = r.get("level_unit", r["unit"])
        if r["latest"] is None:
            return with_unit(r["start"], unit, lang) + "*" if r.get("start_assumed") and r["start"] is not None else "—"
        return with_unit(r["latest"], unit, lang) + vintage_mark(r.get("latest_vintage"), lang)
    if key == "required_pace":
        return _pace(r, r["required_pace"], lang)
    if key == "assumed_pace":
        s = _pace(r, r["assumed_pace"], lang)
        if r["assumed_pace"] is not None:
            s += ("*" if "pace" in r["assumed"] else "") + ("?" if r["weak_evidence"] else "")
        return s
    if key == "projected":
        if r["projected"] is None:
            return "—"
        return f"{people(r['projected'], '%')}%" if r["pace_model"] == "growth_rate" else \
            with_unit(r["projected"], r["unit"], lang)
    if key == "status":
        return status_text(r, lang)
    return r.get(key) or "—"


def terminal_table(rows: list[dict], lang: str, title: str | None, ids: bool = False,
                   width: int | None = None) -> str:
    """``rows`` as a rich table at ``width`` columns (the terminal's, else 200 for a file)."""
    from rich.cells import cell_len

    from sim.report.tables import terminal_width
    width = width or terminal_width()
    keys = [k for k, _ in COLUMNS]
    cells = {k: [cell(r, k, lang, ids) for r in rows] for k in keys}
    heads = TABLE[lang]["heads"]
    heads = {**heads, "who": heads["id"] if ids else heads["who"]}
    natural = {k: max([cell_len(c) for c in cells[k]] + [cell_len(heads[k])]) for k in keys}
    wraps = dict(COLUMNS)

    def need(ks):
        return sum(min(natural[k], MIN_WRAP[k]) if wraps[k] else natural[k] for k in ks) + 3 * len(ks) + 1

    drop = list(DROP)
    while drop and need(keys) > width:
        keys.remove(drop.pop(0))
    while True:   # rich crops a table it cannot fit: then one more column goes
        out = _render(rows, keys, cells, heads, natural, wraps, title, width)
        top = next(line for line in out.splitlines() if line.startswith("┏"))
        if top.rstrip().endswith("┓") or not drop:
            return out
        keys.remove(drop.pop(0))


def _render(rows, keys, cells, heads, natural, wraps, title, width) -> str:
    import io

    from rich.console import Console
    from rich.table import Table
    table = Table(title=title, header_style="bold", expand=False)
    for k in keys:
        if wraps[k]:
            table.add_column(heads[k], overflow="fold", min_width=min(natural[k], MIN_WRAP[k]))
        else:
            table.add_column(heads[k], no_wrap=True, min_width=natural[k])
    for i in range(len(rows)):
        table.add_row(*[cells[k][i] for k in keys])
    console = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None,
                      legacy_windows=False)
    console.print(table)
    return console.file.getvalue()
