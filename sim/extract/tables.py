"""Indicator tables in plan texts: cells separated by `|`, a row per line or a cell per line.

A table is a run of lines holding `|`. Its header names each column's role: the indicator
(指标, 指标名称), years (2022年 baseline, 2027年目标 target, 2020年完成, 2025年目标), 年均增长,
属性, 责任单位/牵头单位, 单位, 序号, 类别, 备注. A run whose first cells are not such a header is
not an indicator table (a boxed 专栏 paragraph, say) and is left to the sentence reader.
Where every line holds one cell (text taken from a PDF often looks so), cells are regrouped
into rows of the header's width, starting a new row at each row number. Names carry their unit
in parentheses (全社会研发投入强度(%)). A row that cannot be read becomes an ``Unread``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sim.extract.cells import (
    _baseline,
    _growth,
    _target,
    _unit_from_cells,
    split_name_unit,
)
from sim.extract.doc import Doc, Entry, Unread, owner_of
from sim.spec.phrases import (
    NONE_TEXTS,
    plain,
)


@dataclass(frozen=True)
class Cell:
    text: str
    line: int


@dataclass(frozen=True)
class Column:
    """A column's role: seq, category, name, unit, baseline, target, year (either), growth,
    attribute, owner or note; ``year`` for value columns."""
    role: str
    year: int | None = None
    label: str = ""


@dataclass
class Table:
    header_line: int
    columns: list[Column]
    base_year: int | None = None
    target_year: int | None = None
    entries: list[Entry] = field(default_factory=list)


TARGET_WORDS = r"目标值?|预期(?:目标|值)?|规划(?:目标|值)?|计划|目标任务"


BASE_WORDS = r"完成值?|完成情况|实际值?|现状值?|基期值?|基数|基准值?|实绩"


YEAR_COL = re.compile(rf"(\d{{4}})年?(?:底|末)?(?:(?P<t>{TARGET_WORDS})|(?P<b>{BASE_WORDS})|值|数据?|水平)?"
                      r"(?:\([^)]*\))?")


ROW_NUMBER = re.compile(r"^(?:\((\d+)\)|(\d+)[.、)](?!\d))")


HEADER_ROLES = [  # (pattern of a header cell, role), tried in order; year columns come between
    (r"序号|编号|No\.?", "seq"),
    (r"类别|领域|分类|类型|方面|维度|板块", "category"),
    (r"(?:指标)?属性|指标性质|性质", "attribute"),
    (r"(?:责任|牵头|主责|实施|配合)(?:单位|部门|主体)(?:\(.*\))?|责任单位及.*", "owner"),
    (r"(?:计量)?单位", "unit"),
    (r"备注|说明", "note"),
    (r"(?:年均|年平均|每年)(?:增长|增速|增幅|递增)率?(?:\(%\)|%)?", "growth"),
]


NAMED_ROLES = [
    (rf"(?:{BASE_WORDS})(?:\([^)]*\))?", "baseline"),
    (rf"(?:{TARGET_WORDS})(?:\([^)]*\))?", "target"),
    (r"(?:主要|具体|核心)?指标(?:名称)?(?:\(单位\))?|项目|名称|内容|指标名称及单位", "name"),
]


def column(text: str) -> Column | None:
    """The role a header cell names, or None if it is not a header word."""
    t = re.sub(r"\s", "", text)
    for pattern, role in HEADER_ROLES:
        if re.fullmatch(pattern, t):
            return Column(role, label=t)
    m = YEAR_COL.fullmatch(t)
    if m:
        role = "target" if m["t"] else "baseline" if m["b"] else "year"
        return Column(role, year=int(m.group(1)), label=t)
    for pattern, role in NAMED_ROLES:
        if re.fullmatch(pattern, t):
            return Column(role, label=t)
    return None


def _is_header(cols: list[Column | None]) -> bool:
    roles = {c.role for c in cols if c}
    return "name" in roles and bool(roles & {"baseline", "target", "year", "growth"})


def _resolve(cols: list[Column]) -> list[Column]:
    """Bare year columns: the latest is the target unless a 目标 column is later; others baselines."""
    explicit_t = [c.year for c in cols if c.role == "target" and c.year]
    bare = sorted(c.year for c in cols if c.role == "year")
    out = []
    for c in cols:
        if c.role == "year":
            later_target = any(y > c.year for y in explicit_t)
            is_target = not later_target and c.year == bare[-1] and (len(bare) > 1 or not any(
                x.role == "baseline" and (x.year or 0) > c.year for x in cols))
            if len(bare) == 1 and not explicit_t and not any(x.role == "baseline" for x in cols):
                is_target = True
            c = Column("target" if is_target else "baseline", year=c.year, label=c.label)
        out.append(c)
    return out


def _regions(lines: tuple[str, ...]) -> list[list[tuple[int, str]]]:
    """Runs of lines holding '|' (blank lines and one short unpiped line inside allowed)."""
    out, i, n = [], 0, len(lines)
    while i < n:
        if "|" not in lines[i]:
            i += 1
            continue
        region, j, pending = [(i + 1, lines[i])], i + 1, []
        while j < n:
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


def _cells(line_no: int, s: str) -> list[Cell] | None:
    """Cells of one line; None for a separator row such as |---|---|."""
    t = s.strip()
    if re.fullmatch(r"[|\-:=+ ]+", t) and "-" in t:
        return None
    parts = t.split("|")
    if t.endswith("|"):
        parts = parts[:-1]
    if t.startswith("|") and len(parts) > 1:
        parts = parts[1:]
    return [Cell(p.strip(), line_no) for p in parts]


def read_tables(doc: Doc) -> tuple[list[Table], list[Unread], set[int]]:
    """Indicator tables of ``doc``, their unread rows, and the line numbers they cover."""
    tables, unread, covered = [], [], set()
    for region in _regions(doc.lines):
        rows: list[list[Cell]] = []
        carry = ""
        for line_no, s in region:
            if "|" not in s:
                carry += s
                continue
            cells = _cells(line_no, s)
            if cells is None:
                continue
            if carry and cells:
                cells[0] = Cell(carry + cells[0].text, cells[0].line)
                carry = ""
            rows.append(cells)
        found = _read_region(doc, rows)
        if found:
            tables.extend(found[0])
            unread.extend(found[1])
            covered.update(n for n, _ in region)
    return tables, unread, covered


def _read_region(doc: Doc, rows: list[list[Cell]]):
    if not rows:
        return None
    stream = sum(len(r) == 1 for r in rows) > len(rows) / 2
    if stream:
        return _read_stream(doc, [c for r in rows for c in r])
    return _read_rows(doc, rows)


def _read_stream(doc: Doc, cells: list[Cell]):
    """One cell per line: the header is the leading run of header cells."""
    for start in range(min(3, len(cells))):
        cols = []
        for c in cells[start:]:
            col = column(c.text)
            if col is None:
                break
            cols.append(col)
        if len(cols) >= 2 and _is_header(cols):
            break
    else:
        return None
    cols = _resolve(cols)
    width = len(cols)
    table = _table(cols, cells[start].line)
    unread = []
    data = cells[start + width:]
    first_col = cols[0].role
    numbered = bool(data) and first_col in ("name", "seq") and _row_number(data[0].text) is not None
    chunks: list[list[Cell]] = []
    if numbered:
        expect = _row_number(data[0].text)
        for c in data:
            if not chunks or _row_number(c.text) == expect:
                chunks.append([])
                expect = (_row_number(c.text) or expect) + 1
            chunks[-1].append(c)
    else:
        chunks = [data[k:k + width] for k in range(0, len(data), width)]
    category = None
    for chunk in chunks:
        if len(chunk) != width:
            unread.append(Unread(chunk[0].line, " | ".join(c.text for c in chunk),
                                 f"{len(chunk)} cells where the header has {width}"))
            continue
        category = _row(doc, table, cols, chunk, category, unread)
    return [table], unread


def _read_rows(doc: Doc, rows: list[list[Cell]]):
    """A row per line; a header row may come again and start another table."""
    tables, unread = [], []
    table, cols, category = None, None, None
    for cells in rows:
        found = [column(c.text) for c in cells]
        if len(cells) >= 2 and all(found) and _is_header(found):
            cols = _resolve(found)
            table = _table(cols, cells[0].line)
            tables.append(table)
            category = None
            continue
        if table is None:
            continue
        if len(cells) == 1 and cells[0].text and len(cols) > 1:
            category = cells[0].text          # a section row such as 经济发展
            continue
        if len(cells) == len(cols) - 1 and cols[0].role == "category" and category:
            cells = [Cell(category, cells[0].line)] + cells
        if len(cells) != len(cols):
            unread.append(Unread(cells[0].line, " | ".join(c.text for c in cells),
                                 f"{len(cells)} cells where the header has {len(cols)}"))
            continue
        category = _row(doc, table, cols, cells, category, unread)
    if not tables:
        return None
    return tables, unread


def _table(cols: list[Column], line: int) -> Table:
    bases = [c.year for c in cols if c.role == "baseline" and c.year]
    targets = [c.year for c in cols if c.role == "target" and c.year]
    return Table(header_line=line, columns=cols, base_year=max(bases) if bases else None,
                 target_year=max(targets) if targets else None)


def _row_number(text: str) -> int | None:
    m = ROW_NUMBER.match(text)
    return int(m.group(1) or m.group(2)) if m else None


def _row(doc: Doc, table: Table, cols: list[Column], cells: list[Cell], category, unread) -> str | None:
    """Read one row into an Entry on ``table``; returns the category in force after it."""
    by = {}
    for col, cell in zip(cols, cells):
        by.setdefault(col.role, []).append((col, cell))
    if "category" in by and by["category"][0][1].text:
        category = by["category"][0][1].text
    name_cell = by["name"][0][1]
    text = " | ".join(c.text for c in cells)
    name = re.sub(r"^(?:\(\d+\)|\d+[.、)](?!\d)|[一二三四五六七八九十]+[、.])", "", name_cell.text).strip()
    if not name:
        unread.append(Unread(name_cell.line, text, "no indicator name"))
        return category
    e = Entry(name=name, line=name_cell.line, text=text, origin="table")
    unit_cell = by.get("unit", [(None, None)])[0][1]
    e.name, e.unit = split_name_unit(name)
    if unit_cell is not None and unit_cell.text and unit_cell.text not in NONE_TEXTS:
        e.unit = unit_cell.text
    if not e.unit and not re.search(r"(比|指数|系数)$", e.name):
        guess = _unit_from_cells(cells, by)
        if guess:
            e.unit = guess
            e.review.append(f"unit not given: '{guess}' taken from a value cell")
        else:
            e.review.append("unit not given in the table")
    base_year = table.base_year
    for col, cell in by.get("baseline", []):
        value, why = _baseline(cell.text, e.unit, col.year or base_year or 2000)
        if why:
            e.review.append(why)
            e.notes.append(f"{col.label}: {cell.text}")
        if value is None:
            continue
        if col.year == base_year or col.year is None:
            e.baseline, e.baseline_year = value, col.year
        elif isinstance(value, float):
            e.notes.append(f"{col.label}: {plain(value)}")
    for role, read in (("target", _target), ("growth", _growth)):   # a level or a 年均增长 column
        for col, cell in by.get(role, []):
            year = col.year if role == "target" else table.target_year
            phrase, why = read(cell.text, e.unit, year or 2100, base_year)
            if why:
                e.review.append(why)
                e.notes.append(f"{col.label}: {cell.text}")
            if phrase is not None:
                e.targets.append((year, phrase))
    for col, cell in by.get("owner", []):
        if cell.text not in NONE_TEXTS:
            e.owner = owner_of(cell.text, doc.owner_first) if "牵头" in cell.text else cell.text
    for col, cell in by.get("attribute", []):
        attr = {"预期性": "expected", "预期": "expected", "约束性": "binding", "约束": "binding"}.get(cell.text)
        if attr:
            e.attribute = attr
        elif cell.text not in NONE_TEXTS:
            e.notes.append(f"{col.label}: {cell.text}")
            e.review.append(f"attribute '{cell.text}' is neither 预期性 nor 约束性")
    for col, cell in by.get("note", []):
        if cell.text not in NONE_TEXTS:
            e.notes.append(f"{col.label}: {cell.text}")
    if category:
        e.notes.append(f"类别: {category}")
    if any(c.year is None for c in cols if c.role in ("target", "baseline")):
        e.review.append("a value column names no year: the plan's years are used")
    table.entries.append(e)
    return category
