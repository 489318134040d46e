"""The header of an indicator table: each column's role, read from one or several header rows.

Roles: seq (序号), category (类别), name (指标), unit (单位), baseline (a year's actuals:
``2015年完成``, ``2020年``), target (``2025年目标``), growth (``年均增长(%)``, ``“十三五”年均增长``),
attribute (属性), owner (责任单位), note (备注). A growth column is a growth *target* when its
period ends after the table's latest actuals, else a growth *history* (``growth_end`` is the last
year of its period). A header spread over rows (``2015年`` over ``完成``; a merged ``2020年`` over
``绝对值 | 增速``) is read by joining each column's header cells top-down.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

TARGET_WORDS = r"目标值?|预期(?:目标|值)?|规划(?:目标|值)?|计划|目标任务"


BASE_WORDS = r"完成值?|完成情况|实际值?|现状值?|基期值?|基数|基准值?|实绩|预计(?:完成|值|数)?|绝对值|总量|规模"


YEAR_COL = re.compile(rf"(?:(?:“|\")?十[一二三四五]五(?:”|\")?末)?\(?(\d{{4}})年?(?:底|末)?\)?"
                      rf"(?:(?P<t>{TARGET_WORDS})|(?P<b>{BASE_WORDS})|值|数据?|水平)?(?:\([^)]*\))?")


WORD_YEAR = re.compile(rf"(?:(?P<t>{TARGET_WORDS})|{BASE_WORDS})\((?P<y>\d{{4}})年?\)")


PERIODS = {"十一五": (2005, 2010), "十二五": (2010, 2015), "十三五": (2015, 2020), "十四五": (2020, 2025),
           "十五五": (2025, 2030)}


GROWTH = r"(?:年均|年平均|每年)?(?:增长|增速|增幅|递增|增长率)率?(?:\[累计\]|〔累计〕|/累计|\(累计\))?"


GROWTH_COL = re.compile(rf"(?P<period>十[一二三四五]五|(?P<y0>\d{{4}})[-~—至到](?P<y1>\d{{4}})年?|(?P<y>\d{{4}})年?)?"
                        rf"(?:时期|期间)?(?P<w>{GROWTH}|年均/累计|年均\(累计\)|年均)(?:\((?:%|％)\)|%)?")


HEADER_ROLES = [  # (pattern of a header cell, role), tried in order; year columns come between
    (r"序号|编号|No\.?", "seq"),
    (r"类别|领域|分类|类型|方面|维度|板块|指标类别|指标类型", "category"),
    (r"(?:指标)?属性|指标性质|性质", "attribute"),
    (r"(?:责任|牵头|主责|实施|配合)(?:单位|部门|主体)(?:\(.*\))?|责任单位及.*", "owner"),
    (r"(?:计量)?单位", "unit"),
    (r"备注|说明", "note"),
]


NAMED_ROLES = [
    (rf"(?:{BASE_WORDS})(?:\([^)]*\))?", "baseline"),
    (rf"(?:{TARGET_WORDS})(?:\([^)]*\))?", "target"),
    (r"(?:主要|具体|核心)?指标(?:名称)?(?:\(单位\))?|项目|名称|内容|指标名称及单位|指标名称\(单位\)", "name"),
]


@dataclass(frozen=True)
class Column:
    """A column's role; ``year`` for value columns; ``growth_end`` for a growth column's period end."""
    role: str
    year: int | None = None
    label: str = ""
    growth_end: int | None = None
    growth_kind: str | None = None          # target | history, for growth columns once resolved


def _clean(text: str) -> str:
    return re.sub(r"[\s“”\"‘’'《》]", "", text)


def column(text: str) -> Column | None:
    """The role a header cell names, or None if it is not a header word."""
    t = _clean(text)
    for pattern, role in HEADER_ROLES:
        if re.fullmatch(pattern, t):
            return Column(role, label=t)
    g = GROWTH_COL.fullmatch(t)
    if g:
        end = (PERIODS[g["period"]][1] if g["period"] in PERIODS else
               int(g["y1"]) if g["y1"] else int(g["y"]) if g["y"] else None)
        return Column("growth", label=t, growth_end=end)
    m = YEAR_COL.fullmatch(t)
    if m:
        role = "target" if m["t"] else "baseline" if m["b"] else "year"
        return Column(role, year=int(m.group(1)), label=t)
    m = WORD_YEAR.fullmatch(t)                 # 基期(2020年), 目标值(2025年)
    if m:
        return Column("target" if m["t"] else "baseline", year=int(m["y"]), label=t)
    for pattern, role in NAMED_ROLES:
        if re.fullmatch(pattern, t):
            return Column(role, label=t)
    return None


def is_header(cols: list[Column | None]) -> bool:
    roles = {c.role for c in cols if c}
    return "name" in roles and bool(roles & {"baseline", "target", "year", "growth"})


def combine(rows: list[list[str]]) -> list[str]:
    """Column labels of a header over several rows: each column's cells joined top-down; an empty
    cell of an upper row under a merged cell (its left neighbour spans it) takes the neighbour's text."""
    width = max(len(r) for r in rows)
    grid = [list(r) + [""] * (width - len(r)) for r in rows]
    for i in range(len(grid) - 1):
        below = grid[i + 1]
        for j in range(1, width):
            if not grid[i][j] and grid[i][j - 1] and below[j] and below[j - 1]:
                grid[i][j] = grid[i][j - 1]
    out = []
    for j in range(width):
        parts: list[str] = []
        for r in grid:
            c = r[j].strip()
            if c and (not parts or parts[-1] != c):
                parts.append(c)
        out.append("".join(parts))
    return out


def header_columns(labels: list[str]) -> list[Column] | None:
    """Columns of a header row (labels already combined), or None if it is not an indicator header.
    One empty label is allowed where the names stand (a header that leaves the 指标 cell blank)."""
    cols = [column(s) if s.strip() else None for s in labels]
    if len(cols) < 2:
        return None
    if not any(c and c.role == "name" for c in cols):
        blanks = [k for k, s in enumerate(labels) if not s.strip()]
        if len(blanks) == 1:
            cols[blanks[0]] = Column("name", label="")
    if not all(cols) or not is_header(cols):
        return None
    return resolve(cols)


def resolve(cols: list[Column]) -> list[Column]:
    """Bare year columns: the latest is the target unless a 目标 column is later; the others are
    actuals. A growth column is a target when its period ends after the latest actuals (or, with no
    period, when a target column stands before it or no actuals column does), else history."""
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
            c = replace(c, role="target" if is_target else "baseline")
        out.append(c)
    base = max((c.year for c in out if c.role == "baseline" and c.year), default=None)
    final = []
    for k, c in enumerate(out):
        if c.role == "growth":
            if c.growth_end is not None and base is not None:
                kind = "history" if c.growth_end <= base else "target"
                end = c.growth_end
            else:
                left = next((x for x in reversed(out[:k]) if x.role in ("baseline", "target")), None)
                right_target = any(x.role == "target" for x in out[k + 1:])
                kind = "history" if left is not None and left.role == "baseline" and right_target else "target"
                end = c.growth_end or (left.year if kind == "history" and left is not None else None)
            c = replace(c, growth_kind=kind, growth_end=end)
        final.append(c)
    return final


def merge_stream_labels(cells: list[str]) -> list[str]:
    """Header cells given one per line where a bare year and its qualifier came as two cells
    (``2015年`` then ``完成``): joined into one label."""
    out: list[str] = []
    for c in cells:
        t = _clean(c)
        if out and re.fullmatch(r"\d{4}年", _clean(out[-1])) and re.fullmatch(
                rf"(?:{TARGET_WORDS}|{BASE_WORDS})(?:\([^)]*\))?", t):
            out[-1] = out[-1] + t
        else:
            out.append(c)
    return out
