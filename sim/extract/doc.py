"""A document being read: its lines, plan years, owners and units, and the entries read from it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sim.extract.text import normalize_line
from sim.meta import Msg


@dataclass
class Entry:
    """One draft indicator as read from the document. A target year None means 'not stated'."""
    name: str
    line: int
    text: str                                  # the quoted source
    unit: str = ""
    baseline: float | str | None = None
    baseline_year: int | None = None           # None: plan.base_year
    targets: list[tuple[int | None, float | str]] = field(default_factory=list)
    owner: str | None = None
    attribute: str | None = None
    direction: str | None = None
    origin: str = "text"                       # table | text
    history: dict[int, float] = field(default_factory=dict)
    growth_history: dict[int, tuple[float, str]] = field(default_factory=dict)   # year: (%, column)
    where: Msg | None = None                   # location in a .docx/.xlsx/.html/.pdf file
    review: list[Msg] = field(default_factory=list)         # why to review (written in the draft's language)
    notes: list[str | Msg] = field(default_factory=list)


@dataclass(frozen=True)
class Unread:
    """A row or sentence that could not be read, kept as a comment in the draft."""
    line: int
    text: str
    reason: Msg


@dataclass(frozen=True)
class Doc:
    """A normalized document: ``lines[i]`` is line i+1 of the file."""
    lines: tuple[str, ...]
    source: str
    encoding: str
    title: str
    region: str | None
    doc_year: int | None                       # 2024年…工作要点: every target is for 2024
    period: tuple[int, int] | None             # 十四五: (2020, 2025)
    owner_first: bool                          # the plan says the first-named unit leads
    where: tuple[tuple[str, Msg], ...] | None = None   # per line of a converted file: (table key, location)


PERIODS = {"十三五": (2015, 2020), "十四五": (2020, 2025), "十五五": (2025, 2030)}


DOC_YEAR_RE = re.compile(r"(\d{4})年度?[^。]*?(?:工作要点|工作计划|重点工作|工作安排|工作方案|要点)")


def read_doc(text: str, source: str = "<text>", encoding: str = "utf-8", where=None) -> Doc:
    """Split ``text`` into normalized lines and read the title, region and years it states.
    Tab-, comma- and space-separated tables become `|` rows first (``sim.extract.delimit``)."""
    from sim.extract.delimit import delimit

    raw = re.split(r"\r\n|\r|\n", text.lstrip("\ufeff"))
    if len(raw) > 1 and raw[-1] == "":
        raw.pop()                               # the newline that ends the last line
    raw = delimit(raw)
    lines = tuple(normalize_line(s) for s in raw)
    title = _title(lines)
    head = " ".join(lines[:12])
    m = DOC_YEAR_RE.search(title) or DOC_YEAR_RE.search(head)
    period = next((v for k, v in PERIODS.items() if k in title), None)
    region = (re.match(r"(?:\d{4}年度?)?([\u4e00-\u9fff]{1,6}?(?:自治州|自治县|区|县|市|盟|旗))", title)
              or re.match(r"(?:\d{4}年度?)?([\u4e00-\u9fff]{1,6}?州)", title))
    owner_first = bool(re.search(r"(排名)?第一(责任)?单位为牵头单位|第一责任单位(为|是)牵头", "".join(lines)))
    return Doc(lines=lines, source=source, encoding=encoding, title=title,
               region=region.group(1) if region else None, doc_year=int(m.group(1)) if m else None,
               period=period, owner_first=owner_first, where=tuple(where) if where else None)


TITLE_END = re.compile(r"(方案|计划|要点|规划|纲要|意见|通知|办法|措施|清单|公告|报告)(\([^)]*\))?$")


def _title(lines) -> str:
    """The first line among the first 15 that reads as a document's title, else the first line."""
    heads = [s for s in lines[:15] if s and "|" not in s]          # a table row is no title
    first = next((s for s in heads if len(s) <= 100 and (TITLE_END.search(s) or "《" in s)),
                 heads[0] if heads else "")
    inner = re.search(r"《([^》]+)》", first)
    t = inner.group(1) if inner and len(inner.group(1)) > 6 else first
    t = re.sub(r"^关于印发|的通知$|^关于", "", t)
    return re.sub(r"\((征求意见稿|送审稿|草案|试行|修订稿)\)$", "", t).strip() or "untitled"


OWNER_HEAD = re.compile(r"^(?:责任单位|牵头单位|责任部门|牵头部门|责任主体)[:：]?")


OWNER_TAIL = re.compile(r"(牵头|按职责分工|按照职责分工|按照责任分工|按责任分工|负责|具体实施)")


def owner_of(content: str, owner_first: bool) -> str | None:
    """The owner named by a parenthesis such as ``责任单位:区科技局、妙西镇`` or ``市发改委牵头``.

    ``X牵头,…`` gives X; a 责任单位 list gives its first unit when the plan says the first-named
    leads, else the whole list. None when the parenthesis names no owner.
    """
    s = re.sub(r"<[^>]*>", "", content).strip(" ,")
    head = OWNER_HEAD.match(s)
    if head:
        s = s[head.end():]
        units = _split_units(s)
        return (units[0] if owner_first else "、".join(units)) if units else None
    m = re.search(r"牵头", s)
    if m:
        lead = re.split(r"[,;]", s[:m.start()])[-1]
        return lead.strip() or None
    m = OWNER_TAIL.search(s)
    if m and m.start() > 1:
        return re.sub(r"等?(单位)?$", "", s[:m.start()]).strip() or None
    return None


def _split_units(s: str) -> list[str]:
    """Units of a list written with 、 or , (parentheses inside a unit's name kept)."""
    out, depth, cur = [], 0, ""
    for c in s:
        depth += (c == "(") - (c == ")")
        if c in "、," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
    out.append(cur)
    return [u.strip() for u in out if u.strip()]


MAGNITUDE = r"(?:十|百|千|万|十万|百万|千万|亿|十亿|百亿|千亿|万亿)"


UNIT_BASES = sorted("""元 美元 欧元 个 家 项 名 人 人次 位 户 次 场 所 条 件 座 处 套 台 辆 张 床 篇 只 头 部 支 份 例
种 款 艘 列 班 棵 株 宗 笔 间 栋 幢 村 亩 公顷 平方公里 平方米 立方米 公里 千米 米 吨 千瓦 兆瓦 千瓦时
千克 克 天 小时 分钟 年 岁 分 倍 标箱 标准箱 微克/立方米 毫克/立方米 公里/百平方公里 人/万人 床/千人
个百分点 百分点 % ‰ 吨标准煤 吨标煤 吨二氧化碳 千公顷 平方米/人 万千瓦 人年""".split(), key=len, reverse=True)


PER_SUFFIX = r"(?:/(?:年|人|户|天|小时|百平方公里|平方公里|万人|千人|百人|立方米))?"


UNIT_RE = re.compile(rf"(?:{MAGNITUDE}?(?:{'|'.join(map(re.escape, UNIT_BASES))}){PER_SUFFIX}"
                     rf"|:1|{MAGNITUDE})")


MONEY = ("元", "美元", "欧元")


def indicator_unit(phrase_unit: str) -> tuple[str, str | None]:
    """The indicator's unit for a value written with ``phrase_unit``, and a review reason if guessed.

    Money keeps its magnitude (25亿元 -> 亿元); other units drop it (2万人 -> 人, 2.5万亩 -> 亩);
    a bare magnitude is money (60亿 -> 亿元, guessed); ``:1`` is a ratio ``x:1``.
    """
    u = phrase_unit
    if u == ":1":
        return "x:1", None
    if re.fullmatch(MAGNITUDE, u):
        return u + "元", Msg("draft.unit_guessed_money", unit=u)
    base = re.sub(rf"^{MAGNITUDE}", "", u) if u not in UNIT_BASES else u
    if base.startswith(MONEY) or base in MONEY:
        return u, None
    return base or u, None


@dataclass
class Draft:
    """The result of extraction: YAML text, the checked spec and counts for the summary."""
    yaml: str
    spec: object
    summary: dict
