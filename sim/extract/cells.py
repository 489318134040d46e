"""Cells of an indicator table: a name and its unit, a baseline, a target, a growth rate."""
from __future__ import annotations

import re

from sim.extract.doc import UNIT_RE
from sim.meta import Msg
from sim.spec.notation import bracket_reading
from sim.spec.numerals import ARABIC
from sim.spec.phrases import (
    NONE_TEXTS,
    PhraseError,
    parse_target,
    split_compound,
)

UNIT_PAREN = re.compile(r"^(?P<name>.+?)\((?P<unit>[^()]*)\)$")


def split_name_unit(cell: str) -> tuple[str, str]:
    """``全社会研发投入强度(%)`` -> (全社会研发投入强度, %); a last parenthesis that is not a
    unit (``(PM2.5)``) stays in the name."""
    m = UNIT_PAREN.match(cell)
    if m and is_unit(m["unit"]):
        return m["name"], m["unit"]
    return cell, ""


def is_unit(s: str) -> bool:
    m = UNIT_RE.fullmatch(s)
    return bool(m) or bool(re.fullmatch(r"[^\d()]{1,4}/[^\d()]{1,6}", s))


def _unit_from_cells(by) -> str | None:
    for role in ("target", "baseline"):
        for _, cell in by.get(role, []):
            m = re.search(rf"{ARABIC}([^\d]+?)(?:以上|以下|以内|左右)?$", cell)
            if m and UNIT_RE.fullmatch(m.group(1)):
                return m.group(1)
    return None


def _baseline(cell: str, unit: str, year: int) -> tuple[float | str | None, str | None]:
    """A baseline cell: a number, a compound cell, a value with a magnitude ('2万'), or None."""
    s = cell.strip()
    if s in NONE_TEXTS:
        return None, None
    if re.fullmatch(ARABIC, s):
        return float(s.replace(",", "")), None
    m = re.fullmatch(rf"(?:约|近|预计|≈|~)\s*({ARABIC})", s)
    if m:                                    # an estimated actual: its value, marked
        return float(m.group(1).replace(",", "")), Msg("draft.baseline_estimate", cell=cell, value=m.group(1))
    if split_compound(s, unit):
        return s, None
    try:
        t = parse_target(s, unit=unit, year=year)
        if len(t) == 1 and t[0].kind == "level" and t[0].plain:
            return s, None
    except PhraseError:
        pass
    return None, Msg("draft.baseline_not_plain", cell=cell)


SYMBOLS = {">=": "不低于", "≥": "不低于", "<=": "不超过", "≤": "不超过", ">": "超过", "<": "低于",
           "≈": "约", "~": "约"}


def symbols(cell: str) -> str:
    """A leading comparison sign as the plan's word: ``>6.5`` -> ``超过6.5``, ``≤5.5`` -> ``不超过5.5``;
    inside brackets too (``[>5000]`` -> ``[超过5000]``)."""
    return re.sub(r"^([\[〔【(]?)\s*(>=|<=|≥|≤|>|<|≈|~)\s*(?=\d)",
                  lambda m: m.group(1) + SYMBOLS[m.group(2)], cell.strip())


BRACKETS = re.compile(r"^[\[〔【(]([^\]〕】)]+)[\]〕】)]$")


def _target(cell: str, unit: str, year: int, base_year, name: str | None = None
            ) -> tuple[float | str | None, str | None]:
    """A target cell as the phrase to write; a reason when it cannot be read. A bracketed figure on
    an indicator of change (``〔13.5〕`` on …降低: the level falls 13.5% from the base year, METHODS.md
    "Notation") is kept as written for the spec to read; any other is read as a total (累计)."""
    s = symbols(cell)
    if s == "":
        return None, None
    if s in NONE_TEXTS:
        return s, None
    if re.fullmatch(ARABIC, s):
        return float(s.replace(",", "")), None
    if split_compound(s, unit):
        return s, None
    why = None
    m = BRACKETS.match(s)
    if m and name and bracket_reading(name) == "change":
        try:
            parse_target(s, unit=unit, year=year, base_year=base_year, name=name)
            return s, Msg("draft.bracket_notation", cell=cell, name=name)
        except PhraseError:
            pass
    if m:
        s, why = "累计" + m.group(1), Msg("draft.bracket_total", cell=cell)
    try:
        parse_target(s, unit=unit, year=year, base_year=base_year)
    except PhraseError as e:
        return None, Msg("draft.target_not_understood", cell=cell, error=e.msg)
    return s, why


def _growth(cell: str, unit: str, year: int, base_year) -> tuple[str | None, str | None]:
    """A 年均增长 cell ('7', '7左右', '7%以上', '>6.5') as '年均增长7%…'; brackets are not read."""
    s = symbols(cell)
    if s in NONE_TEXTS:
        return None, None
    if BRACKETS.match(s):
        return None, Msg("draft.bracket_growth", cell=cell)
    m = re.fullmatch(rf"(?P<pre>[^\d]*?)(?P<n>-?{ARABIC})%?(?P<suf>以上|以下|以内|左右|上下)?", s)
    if not m:
        return None, Msg("draft.growth_not_understood", cell=cell)
    n = m["n"]
    word = "年均下降" if n.startswith("-") else "年均增长"
    phrase = f"{m['pre'] if m['pre'] in ('', '不低于', '不超过', '不少于', '约', '超过', '低于') else ''}"
    phrase = f"{word}{phrase}{n.lstrip('-')}%{m['suf'] or ''}"
    try:
        parse_target(phrase, unit=unit, year=year, base_year=base_year)
    except PhraseError as e:
        return None, Msg("draft.growth_not_understood_why", cell=cell, error=e.msg)
    return phrase, None
