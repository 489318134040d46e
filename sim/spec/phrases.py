"""Target phrases as plans write them -> normalized targets (DESIGN.md "Spec format v1").

Conventions (Civil Code art. 1259 and the plans' usage): 以上/以下/以内/不少于/不低于/不超过/达到
include the number (>=, <=); 超过/突破/超/高于/低于/不满 exclude it (>, <); 左右/约 are
approximate (``~``, tolerance ``APPROX_TOLERANCE`` of the value unless the spec sets one); a
plain number means at least (or at most, for an indicator that should decrease). 力争 marks a
stretch value, kept as a second target. Text with no number is kind ``none``; a phrase with a
number that cannot be read is an error, never a guess.
"""
from __future__ import annotations

import functools
import math
import re

from sim.meta import Msg
from sim.spec.notation import (
    BRACKET_RE,
    _change_word,
    bracket_reading,
    reference_growth,
)
from sim.spec.numerals import ARABIC, parse_number
from sim.spec.phrasewords import (  # noqa: F401  (NONE_TEXTS, PRE_OPS, ... are read from here too)
    APPROX_TOLERANCE,
    BY_DIRECTION,
    CONVENTIONS,
    DECREASE_WORDS,
    GROWTH_WORDS,
    MASK,
    MAX_MAGNITUDE,
    NEUTRAL,
    NONE_TEXTS,
    NUM,
    PRE_OPS,
    RANK_RE,
    REFERENCE_RE,
    SUFFIX_OPS,
    PhraseError,
    _combine_ops,
    _strip_pre,
    _tolerance,
    both,
    normalize,
    plain,
)
from sim.spec.compound import split_compound  # noqa: F401  (read from here too)
from sim.spec.targets import RelativeTo, Target
from sim.spec.units import factor


def infer_direction(text, name: str | None = None) -> str | None:
    """'decrease' for phrases that bound from above or ask for a fall (and a 〔N〕 cumulative
    figure on an indicator of a fall, e.g. 单位GDP能耗降低), 'increase' otherwise."""
    s = normalize(text)
    if BRACKET_RE.match(s) and name and _change_word(name) in DECREASE_WORDS:
        return "decrease"
    if not NUMBER_RE.search(s):
        return None
    if any(w in s for w in DECREASE_WORDS) or AT_MOST_RE.search(s):
        return "decrease"
    return "increase"


NUMBER_RE = re.compile(rf"{NUM}|{MASK}")


AT_MOST_RE = re.compile(r"以下|以内|之内|不超过|不高于|控制在|低于|不满|不足|降至|降到|<|≤|⩽")


MASK_RE = re.compile(MASK)


ARABIC_RE = re.compile(ARABIC)


STRETCH_RE = re.compile(r"[,;，；、]?力争")


def parse_target(text, *, unit: str, year: int | None, direction: str | None = None,
                 base_year: int | None = None, name: str | None = None) -> list[Target]:
    """Targets meant by ``text`` for ``year``, values in ``unit``.

    A number is a plain level target. A 力争 clause gives a second target with
    ``stretch=True``. A 〔N〕 five-year figure is read by the indicator's ``name`` (a flow, an
    indicator of change, or a level). Raises PhraseError quoting the phrase when it cannot be read.
    A pure function of its arguments: a phrase that recurs (across the plans of a portfolio) is read once.
    """
    if type(text) in (str, int, float):
        return list(_parse_once(text, type(text), unit, year, direction, base_year, name))
    return _parse(text, unit=unit, year=year, direction=direction, base_year=base_year, name=name)


@functools.lru_cache(maxsize=1 << 16)
def _parse_once(text, _type, unit, year, direction, base_year, name) -> tuple[Target, ...]:
    return tuple(_parse(text, unit=unit, year=year, direction=direction, base_year=base_year, name=name))


def _parse(text, *, unit, year, direction, base_year, name) -> list[Target]:
    if isinstance(text, bool):
        raise PhraseError(Msg("phrase.not_target", text=str(text)), Msg("phrase.not_target_hint"))
    if isinstance(text, str) and EXPONENT.fullmatch(text.strip()) and math.isfinite(float(text)):
        text = float(text)   # 1e14: YAML 1.1 leaves an exponent without a point and a sign as text
    if isinstance(text, (int, float)):
        _bounded(float(text), str(text))
        op = "<=" if direction == "decrease" else ">="
        return [Target(year=year, op=op, value=float(text), unit=unit, kind="level",
                       text=plain(text), convention=Msg("convention.plain", rule=CONVENTIONS[op], by_direction=False))]
    s = normalize(text)
    _finite_words(s, str(text))
    if s in NONE_TEXTS:
        return [Target(year=year, op="==", kind="none", unit=unit, text=str(text))]
    parts = STRETCH_RE.split(s) if "力争" in s else [s]
    main, stretches = parts[0], parts[1:]
    out = []
    ctx = dict(unit=unit, year=year, direction=direction, base_year=base_year, raw=str(text))
    if main:
        t = _level(main, **ctx) if _only_level(main) else None
        out.append(t or (_bracket(main, name=name, **ctx) if BRACKET_RE.match(main) else _parse_one(main, **ctx)))
    for p in stretches:
        if not p:
            raise PhraseError(Msg("phrase.stretch_empty", text=text), Msg("phrase.stretch_empty_hint"))
        t = _parse_one(p, **ctx)
        out.append(t.model_copy(update={"stretch": True}))
    for t in out:
        for v in (t.value, t.low, t.high):
            if v is not None:
                _bounded(v, str(text), growth=t.kind == "growth")
    return out


# first characters of the phrases read before levels: 〔N〕, 比/较/相比/累计 changes, 翻番, growth words
NOT_LEVEL_START = frozenset("〔[【比较相累翻年平每增递提上下降减")


def _only_level(s: str) -> bool:
    """True when ``s`` can only be a level (or a range): it has an Arabic number, no masked digits
    and starts with none of the words of the other forms, so _parse_one would reach _level."""
    return s[0] not in NOT_LEVEL_START and "*" not in s and ARABIC_RE.search(s) is not None


def _bounded(v: float, raw: str, growth: bool = False) -> float:
    """``v`` if a plan can mean it: finite, |v| <= MAX_MAGNITUDE, a growth rate within ±1000%/yr."""
    limit = 1000.0 if growth else MAX_MAGNITUDE
    if not math.isfinite(v) or abs(v) > limit:
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        raise PhraseError(Msg("phrase.gives", shown=shown, growth=growth, limit=MAX_MAGNITUDE),
                          Msg("phrase.check_number"))
    return v


EXPONENT = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+")


NON_FINITE = re.compile(r"(?<![a-z])(?:[+-]?(?:nan|inf(?:inity)?)|∞)(?![a-z])|\d(?:\.\d*)?e[+-]?\d+", re.I)


def _finite_words(s: str, raw: str) -> None:
    """A PhraseError for a phrase that writes a number which is not finite (``inf``, ``NaN``,
    ``Infinity``, ``∞``, ``1e400``): not a qualitative target, a number sim cannot use."""
    for m in NON_FINITE.finditer(s):
        word = m[0]
        if word[0].isdigit() and math.isfinite(float(word)):
            continue
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        raise PhraseError(Msg("phrase.not_finite", shown=shown, word=word), Msg("phrase.not_finite_hint"))


def _parse_one(s: str, *, unit, year, direction, base_year, raw) -> Target:
    masked = bool(MASK_RE.search(s))
    has_number = masked or NUMBER_RE.search(s)
    rg = reference_growth(s)
    if rg:
        op, name = rg
        conv = Msg("convention.in_step") if op == "~" else Msg("convention.reference_growth", op=op)
        return Target(year=year, op=op, kind="reference", unit="%", text=raw, reference=name,
                      period="year", convention=conv)
    words_only = not masked and not ARABIC_RE.search(s)
    ref = words_only and REFERENCE_RE.search(s)
    if ref:
        return _reference(s, ref, unit=unit, year=year, direction=direction, raw=raw)
    rank = words_only and RANK_RE.search(s)
    if rank or not has_number:
        return Target(year=year, op="==", kind="none", unit=unit, text=raw,
                      convention=Msg("convention.rank" if rank else "convention.no_number"))
    for fn in (_relative_change, _growth, _level):
        t = fn(s, unit=unit, year=year, direction=direction, base_year=base_year, raw=raw)
        if t is not None:
            return t
    raise PhraseError(Msg("phrase.unread", raw=raw), Msg("phrase.unread_hint"))


def _reference(s, m, *, unit, year, direction, raw) -> Target:
    pre, _ = _strip_pre(s)
    op = next((PRE_OPS[t] for t in pre if t in PRE_OPS), "<=" if direction == "decrease" else ">=")
    name = s[m.start():m.end()]
    for tok in pre:
        name = name.removeprefix(tok)
    growth = "增速" in s or "增长" in s or "同步" in s
    if "同步" in s:
        op = "~"
    return Target(year=year, op=op, kind="reference", unit="%" if growth else unit, text=raw,
                  reference=name, period="year" if growth else None, convention=CONVENTIONS[op])


def _bracket(s, *, name, unit, year, direction, base_year, raw) -> Target:
    """A 〔N〕 five-year figure: the sum over the period on a flow, the cumulative % change of the
    level from the base year on an indicator of change (…降低/…提高), the change of the level
    from the base year on a level (METHODS.md "Notation of national and provincial plan tables")."""
    inner = BRACKET_RE.match(s)["inner"]
    reading = bracket_reading(name)
    if reading == "flow":
        t = _level(inner, unit=unit, year=year, direction=direction, base_year=base_year, raw=raw)
        if t is None:
            raise PhraseError(Msg("phrase.part_unread", part=inner, raw=raw), Msg("phrase.bracket_hint", example="〔5500〕"))
        flow = Msg("convention.flow", start=base_year, end=year)
        return t.model_copy(update={"kind": "cumulative", "convention": both(flow, t.convention)})
    m = re.fullmatch(rf"(?P<pre>[^\d]*?)(?P<num>{ARABIC})(?P<u>%|个百分点|百分点)?(?P<suf>以上|以下|以内|左右)?", inner)
    if not m:
        raise PhraseError(Msg("phrase.part_unread", part=inner, raw=raw), Msg("phrase.bracket_hint", example="〔13.5〕"))
    if base_year is None:
        raise PhraseError(Msg("phrase.no_base_year", raw=raw), Msg("phrase.set_base_year"))
    pre, rest = _strip_pre(m["pre"])
    if rest:
        raise PhraseError(Msg("phrase.part_unread", part=rest, raw=raw))
    x = parse_number(m["num"])
    if reading == "change":
        down = _change_word(name) in DECREASE_WORDS
        change, mode = (-x if down else x) / 100, "ratio"
        what = Msg("convention.bracket_change", down=down, pct=x, year=base_year)
    else:
        down = direction == "decrease"
        change, mode = (-x if down else x), "points"
        what = Msg("convention.bracket_level", change=change, unit=unit, year=base_year)
    op, conv = _combine_ops(pre, m["suf"], "decrease" if down else "increase", raw)
    if down and op in (">", ">="):   # 〔>18〕 on …降低: a fall of more than 18%
        op = {">": "<", ">=": "<="}[op]
    return Target(year=year, op=op, kind="change", unit=unit, text=raw,
                  relative_to=RelativeTo(year=base_year, change=change, mode=mode),
                  convention=both(what, conv))


RELATIVE_RE = re.compile(
    rf"^(?:比|较|相比)(?P<year>\d{{4}})年?末?(?:水平)?(?:累计)?(?P<verb>下降|降低|减少|增长|提高|提升|增加|上升)"
    rf"(?P<num>{NUM}|{MASK})(?P<u>%|个百分点|百分点|倍)?(?P<suf>以上|左右|以内)?$")


DOUBLE_RE = re.compile(r"^(?:(?:比|较)(?P<year>\d{4})年?)?翻(?P<k>一|两|二|三)番$")


CUMUL_CHANGE_RE = re.compile(
    rf"^累计(?P<verb>下降|降低|减少|增长|提高)(?P<num>{NUM}|{MASK})(?P<u>%|个百分点|百分点)(?P<suf>以上|左右|以内)?$")


def _relative_change(s, *, unit, year, direction, base_year, raw) -> Target | None:
    m = RELATIVE_RE.match(s) or CUMUL_CHANGE_RE.match(s)
    if m:
        named = m.groupdict().get("year")
        ref_year = int(named or 0) or base_year
        if ref_year is None:
            raise PhraseError(Msg("phrase.no_base_year", raw=raw), Msg("phrase.set_base_year"))
        down = m["verb"] in DECREASE_WORDS
        u = m["u"] or ""
        if MASK_RE.fullmatch(m["num"]):
            return Target(year=year, op="<=" if down else ">=", kind="masked", unit=unit, text=raw,
                          masked_kind="level", convention=Msg("convention.masked"))
        x = _number(m["num"], raw)
        if u == "倍":
            change, mode, conv = x, "ratio", Msg("convention.times", x=x, year=ref_year)
        elif u in ("个百分点", "百分点"):
            change, mode, conv = (-x if down else x), "points", Msg("convention.points")
        elif u == "%":
            change, mode, conv = (-x if down else x) / 100, "ratio", Msg("convention.percent")
        else:
            raise PhraseError(Msg("phrase.change_unit", raw=raw), Msg("phrase.change_unit_hint"))
        at_most = m["suf"] == "以内"
        if m["suf"] == "左右":
            op = "~"
        elif down:
            op = ">=" if at_most else "<="
        else:
            op = "<=" if at_most else ">="
        return Target(year=year, op=op, kind="change", unit=unit, text=raw,
                      relative_to=RelativeTo(year=ref_year, change=change, mode=mode),
                      convention=both(Msg("convention.relative", reading=conv, year=ref_year, named=bool(named)),
                                     CONVENTIONS[op]))
    m = DOUBLE_RE.match(s)
    if m:
        ref_year = int(m["year"]) if m["year"] else base_year
        if ref_year is None:
            raise PhraseError(Msg("phrase.no_base_year_doubles", raw=raw), Msg("phrase.set_base_year"))
        k = {"一": 1, "两": 2, "二": 2, "三": 3}[m["k"]]
        return Target(year=year, op=">=", kind="change", unit=unit, text=raw,
                      relative_to=RelativeTo(year=ref_year, change=2 ** k - 1, mode="ratio"),
                      convention=both(Msg("convention.double", k=m["k"], times=2 ** k, year=ref_year),
                                     CONVENTIONS[">="]))
    return None


GROWTH_RE = re.compile(
    rf"^(?P<avg>年均|年平均|平均每年|每年)?{GROWTH_WORDS}率?(?P<pre>[^\d*]*?)(?P<num>{NUM}|{MASK})"
    rf"(?P<u>%|‰|个百分点|百分点)(?P<suf>以上|以下|以内|左右|上下)?$")


def _growth(s, *, unit, year, direction, base_year, raw) -> Target | None:
    m = GROWTH_RE.match(s)
    if not m:
        return None
    if m["u"] in ("个百分点", "百分点"):
        if base_year is None:
            raise PhraseError(Msg("phrase.no_base_year_points", raw=raw), Msg("phrase.set_base_year"))
        return _relative_change(f"比{base_year}年{m['gw']}{m['num']}{m['u']}{m['suf'] or ''}",
                                unit=unit, year=year, direction=direction, base_year=base_year, raw=raw)
    pre, rest = _strip_pre(m["pre"])
    if rest:
        raise PhraseError(Msg("phrase.part_unread_in", part=rest, raw=raw), Msg("phrase.growth_hint"))
    down = m["gw"] in DECREASE_WORDS
    op, conv = _combine_ops(pre, m["suf"], "increase", raw)  # on the size of the change
    if down and op in (">=", ">", "<=", "<"):  # 下降3%(以上): a growth of -3% or lower
        op = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}[op]
    period = "annual_average" if m["avg"] else "year"
    if MASK_RE.fullmatch(m["num"]):
        return Target(year=year, op=op, kind="masked", unit="%", text=raw, masked_kind="growth",
                      period=period, convention=Msg("convention.masked"))
    x = _number(m["num"], raw) * (0.1 if m["u"] == "‰" else 1.0)
    value = -x if down else x
    return Target(year=year, op=op, value=value, unit="%", kind="growth", text=raw, period=period,
                  tolerance=_tolerance(op, value), convention=both(Msg("convention.growth"), conv))


LEVEL_RE = re.compile(
    rf"^(?P<pre>[^\d*零〇一二两三四五六七八九十百千]*?)(?P<num>{NUM}|{MASK})(?P<ratio>:1)?"
    rf"(?P<u>[^\d*]*?)(?P<suf>及以上|以上|及以下|以下|以内|之内|内|左右|上下|多|余)?$")


RANGE_RE = re.compile(
    rf"^(?P<pre>[^\d]*?)(?P<a>{ARABIC})(?P<ua>[^\d~至到-]*)(?:-|~|至|到)(?P<b>{ARABIC})(?P<u>[^\d]*)$")


RANGE_MARK_RE = re.compile(r"[-~至到]")   # RANGE_RE needs one of these


def _level(s, *, unit, year, direction, base_year, raw) -> Target | None:
    cumulative = s.startswith("累计") or "累计" in s[:6]
    kind = "cumulative" if cumulative else "level"
    m = RANGE_RE.match(s) if RANGE_MARK_RE.search(s) else None
    if m:
        pre, rest = _strip_pre(m["pre"])
        if rest:
            raise PhraseError(Msg("phrase.part_unread_in", part=rest, raw=raw))
        f = _factor(m["u"] or m["ua"], unit, raw)
        lo, hi = sorted((parse_number(m["a"]) * f, parse_number(m["b"]) * f))
        return Target(year=year, op="between", low=lo, high=hi, unit=unit, kind=kind, text=raw,
                      convention=CONVENTIONS["between"])
    m = LEVEL_RE.match(s)
    if not m:
        return None
    pre, rest = _strip_pre(m["pre"])
    if rest:
        raise PhraseError(Msg("phrase.part_unread_in", part=rest, raw=raw), Msg("phrase.value_hint"))
    op, conv = _combine_ops(pre, m["suf"], direction, raw)
    phrase_unit = m["u"]
    if m["ratio"]:
        if phrase_unit:
            raise PhraseError(Msg("phrase.ratio_unit", unit=phrase_unit, raw=raw))
        conv = both(conv, Msg("convention.ratio"))
    if MASK_RE.fullmatch(m["num"]):
        _factor(phrase_unit, unit, raw)
        return Target(year=year, op=op, kind="masked", unit=unit, text=raw, masked_kind=kind,
                      convention=both(Msg("convention.masked"), conv))
    value = _number(m["num"], raw) * _factor(phrase_unit, unit, raw)
    return Target(year=year, op=op, value=value, unit=unit, kind=kind, text=raw,
                  tolerance=_tolerance(op, value), convention=conv)


def _number(num: str, raw: str) -> float:
    """The number ``num`` of the phrase ``raw``; a PhraseError for a malformed Chinese numeral (一千一千)."""
    try:
        return parse_number(num)
    except ValueError:
        raise PhraseError(Msg("phrase.number", num=num, raw=raw), Msg("phrase.number_hint")) from None


def _factor(phrase_unit: str, unit: str, raw: str) -> float:
    f = factor(phrase_unit, unit)
    if f is None:
        raise PhraseError(Msg("phrase.unit", unit=phrase_unit, raw=raw, target=unit), Msg("phrase.unit_hint"))
    return f
