"""The words of target phrases: operators before and after a number, neutral words, conventions
(Civil Code art. 1259), and the reading of leading and trailing operator words."""
from __future__ import annotations

import functools
import re
import unicodedata

from sim.errors import Invalid
from sim.meta import Msg
from sim.spec.numerals import ARABIC, CHINESE
from sim.spec.schema import MAX_MAGNITUDE  # noqa: F401  (read from here by phrases)

APPROX_TOLERANCE = 0.05  # relative, for 左右/约 when the spec gives no tolerance


NONE_TEXTS = {"", "—", "-", "--", "——", "/", "无", "不适用", "n/a", "N/A"}


MASK = r"\*+(?:\.\*+)?"


NUM = rf"(?:{ARABIC}|{CHINESE})"


# Leading words: (token, op or None for neutral). Longest first when matching.
PRE_OPS = {
    "不少于": ">=", "不低于": ">=", "不小于": ">=", "不超过": "<=", "不高于": "<=", "不大于": "<=",
    "不多于": "<=", "不少": ">=", "接近": "~", "超过": ">", "突破": ">", "高于": ">", "大于": ">", "多于": ">", "超": ">",
    "低于": "<", "小于": "<", "少于": "<", "不满": "<", "不足": "<", "控制在": "<=", "约": "~",
    "降至": "<=", "降到": "<=", "下降到": "<=", "降低到": "<=", "减少到": "<=", "下降至": "<=",
    "提高到": ">=", "提高至": ">=", "提升到": ">=", "提升至": ">=", "增加到": ">=", "增至": ">=",
    "增长到": ">=", "增长至": ">=", "达到": ">=", "达": ">=",
    ">=": ">=", "<=": "<=", "≥": ">=", "≤": "<=", "⩾": ">=", "⩽": "<=", ">": ">", "<": "<",
}


SYMBOLS = {">=", "<=", "≥", "≤", "⩾", "⩽", ">", "<"}   # plan-table notation (＞ ＜ become > < by NFKC)




WEAK_OPS = {"达到", "达", "提高到", "提高至", "提升到", "提升至", "增加到", "增至", "增长到", "增长至"}


BY_DIRECTION = {"保持在", "保持", "稳定在", "维持在", "维持"}


NEUTRAL = {"确保", "完成", "实现", "新增", "总量", "规模", "年度", "全年", "为", "在", "至", "到",
           "总数", "总额", "共", "累计"}


SUFFIX_OPS = {"及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<=",
              "之内": "<=", "内": "<=", "左右": "~", "上下": "~", "多": ">", "余": ">"}


CONVENTIONS = {   # how an operator is read (sim.report.labels.conventions writes them)
    ">=": Msg("convention.ge"), "<=": Msg("convention.le"), ">": Msg("convention.gt"), "<": Msg("convention.lt"),
    "~": Msg("convention.approx", tolerance=APPROX_TOLERANCE), "between": Msg("convention.range"),
}


def both(first: Msg, then: Msg | None) -> Msg:
    """Two readings of one phrase, in order (``first; then``)."""
    return Msg("convention.and", first=first, then=then) if then is not None else first


REFERENCE_RE = re.compile(
    r"(全国|全省|全市|省|市|长三角|同类地区)?[^,，]*?(平均水平|平均增速|平均值|平均|下达的?任务|同步)")


RANK_RE = re.compile(r"前列|领先|第一|首位|前茅")


GROWTH_WORDS = r"(?P<gw>增长|增速|增幅|递增|提高|提升|增加|上升|下降|降低|减少|下降率|增长率)"


DECREASE_WORDS = ("下降", "降低", "减少")


class PhraseError(Invalid):
    """A phrase that cannot be read (``msg``); ``hint`` says how to write it."""


def plain(x: float) -> str:
    """A number as a plan writes it: 2 not 2.0, 1.38 not 1.3800000001."""
    return f"{x:.10f}".rstrip("0").rstrip(".")


_SPACE = re.compile(r"\s+")


INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def normalize(text) -> str:
    """NFKC (full-width digits and punctuation to ASCII), spaces and invisible format marks (zero
    width spaces and joiners, direction marks, soft hyphens) removed, ～ to ~: the phrase as read."""
    return _normalized(str(text))


@functools.lru_cache(maxsize=1 << 14)
def _normalized(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    return _SPACE.sub("", INVISIBLE.sub("", s)).replace("～", "~").replace("－", "-")


# one leading word, the longest that fits (an alternation tries its branches in this order)
_PRE_WORD = re.compile("|".join(re.escape(t) for t in sorted({*PRE_OPS, *BY_DIRECTION, *NEUTRAL},
                                                              key=lambda t: (-len(t), t))))


def _strip_pre(s: str) -> tuple[list[str], str]:
    """Leading operator and neutral words of ``s`` and what is left."""
    found = []
    while s and (m := _PRE_WORD.match(s)):
        found.append(m.group())
        s = s[m.end():]
    return found, s


def _combine_ops(pre: list[str], suffix: str | None, direction: str | None, raw: str) -> tuple[str, Msg]:
    """The operator from leading words and a trailing word; returns (op, convention)."""
    default = "<=" if direction == "decrease" else ">="
    strong = [PRE_OPS[t] for t in pre if t in PRE_OPS and t not in WEAK_OPS]
    weak = [PRE_OPS[t] for t in pre if t in WEAK_OPS]
    suf = SUFFIX_OPS[suffix] if suffix else None
    ops = set(strong) | ({suf} if suf else set())
    if len(ops) > 1:
        raise PhraseError(Msg("phrase.contradictory", raw=raw, ops=sorted(ops)), Msg("phrase.contradictory_hint"))
    if ops:
        op = ops.pop()
        sym = next((t for t in pre if t in SYMBOLS), None)
        if sym:
            return op, Msg("convention.symbol", symbol=sym, op=op)
        return op, CONVENTIONS[op]
    if weak:
        return ">=", CONVENTIONS[">="]
    if any(t in BY_DIRECTION for t in pre):
        return default, Msg("convention.keep", op=default)
    return default, Msg("convention.plain", rule=CONVENTIONS[default], by_direction=True)


def _tolerance(op: str, value: float | None) -> float | None:
    return APPROX_TOLERANCE * abs(value) if op == "~" and value is not None else None
