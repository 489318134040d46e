"""Notation of national and provincial plan tables (METHODS.md): 〔N〕 five-year cumulative figures,
read by what the indicator measures, and reference growth phrases (与经济增长基本同步, 高于…增长)."""
from __future__ import annotations

import re

BRACKET_RE = re.compile(r"^[〔\[【](?P<inner>[^〔〕\[\]【】]+)[〕\]】]$")


FLOW_WORDS = ("新增", "累计", "投资", "就业", "造林", "新建", "改造", "建设", "培训", "转移", "完成")


CHANGE_WORDS = ("降低", "下降", "减少", "提高", "提升", "增长", "增加", "上升")


REF_GROWTH_RE = re.compile(
    r"^(?:与|同)?(?P<pre>不低于|不慢于|略高于|高于|快于|超过|低于|慢于)?(?P<name>[^\d,，;；]+?)"
    r"(?P<w>增长|增速)?(?P<sync>基本同步|保持同步|同步)?$")


DIGIT_RE = re.compile(r"\d")


REF_GROWTH_OPS = {"不低于": ">=", "不慢于": ">=", "略高于": ">", "高于": ">", "快于": ">",
                  "超过": ">", "低于": "<", "慢于": "<"}


def bare_name(name: str) -> str:
    """An indicator name without its unit in brackets: 单位GDP能耗降低(%) -> 单位GDP能耗降低."""
    return re.sub(r"[(（][^()（）]*[)）]\s*$", "", name or "").strip()


def _change_word(name: str) -> str | None:
    """The word of change an indicator's name ends with (…降低, …提高), or None."""
    n = bare_name(name)
    return next((w for w in CHANGE_WORDS if n.endswith(w)), None)


def bracket_reading(name: str | None) -> str:
    """What a 〔N〕 figure means on this indicator: 'flow' (sum over the period), 'change' (the
    cumulative % change of the underlying level from the base year) or 'level' (the change of the
    level from the base year, in its unit)."""
    n = bare_name(name or "")
    if _change_word(n):
        return "change"
    if any(w in n for w in FLOW_WORDS):
        return "flow"
    return "level"


def reference_growth(s: str) -> tuple[str, str] | None:
    """(op, reference name) of a reference growth phrase, or None: 与经济增长基本同步 -> ('~', '经济增长'),
    高于地区生产总值增长 -> ('>', '地区生产总值增长')."""
    if DIGIT_RE.search(s):
        return None
    m = REF_GROWTH_RE.match(s)
    if not m or not (m["sync"] or (m["pre"] and m["w"])):
        return None
    op = "~" if m["sync"] else REF_GROWTH_OPS[m["pre"]]
    return op, m["name"] + (m["w"] or "")
