"""Target phrases as plans write them -> normalized targets (DESIGN.md "Spec format v1").

Conventions (Civil Code art. 1259 and the plans' usage): 以上/以下/以内/不少于/不低于/不超过/达到
include the number (>=, <=); 超过/突破/超/高于/低于/不满 exclude it (>, <); 左右/约 are
approximate (``~``, tolerance ``APPROX_TOLERANCE`` of the value unless the spec sets one); a
plain number means at least (or at most, for an indicator that should decrease). 力争 marks a
stretch value, kept as a second target. Text with no number is kind ``none``; a phrase with a
number that cannot be read is an error, never a guess.
"""
from __future__ import annotations

import re
import unicodedata

from sim.spec.numerals import ARABIC, CHINESE, parse_number
from sim.spec.targets import RelativeTo, Target
from sim.spec.units import factor

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
}


WEAK_OPS = {"达到", "达", "提高到", "提高至", "提升到", "提升至", "增加到", "增至", "增长到", "增长至"}


BY_DIRECTION = {"保持在", "保持", "稳定在", "维持在", "维持"}


NEUTRAL = {"确保", "完成", "实现", "新增", "总量", "规模", "年度", "全年", "为", "在", "至", "到",
           "总数", "总额", "共", "累计"}


SUFFIX_OPS = {"及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<=",
              "之内": "<=", "内": "<=", "左右": "~", "上下": "~", "多": ">", "余": ">"}


CONVENTIONS = {
    ">=": "inclusive (>=): 以上/不少于/不低于/达到 include the number (Civil Code art. 1259)",
    "<=": "inclusive (<=): 以下/以内/不超过/控制在 include the number (Civil Code art. 1259)",
    ">": "exclusive (>): 超过/突破/高于 exclude the number (Civil Code art. 1259)",
    "<": "exclusive (<): 低于/不满/不足 exclude the number (Civil Code art. 1259)",
    "~": f"approximate (~): 左右/约, tolerance ±{APPROX_TOLERANCE:.0%} of the value by default",
    "between": "range: both ends included",
}


REFERENCE_RE = re.compile(
    r"(全国|全省|全市|省|市|长三角|同类地区)?[^,，]*?(平均水平|平均增速|平均值|平均|下达的?任务|同步)")


RANK_RE = re.compile(r"前列|领先|第一|首位|前茅")


GROWTH_WORDS = r"(?P<gw>增长|增速|增幅|递增|提高|提升|增加|上升|下降|降低|减少|下降率|增长率)"


DECREASE_WORDS = ("下降", "降低", "减少")


class PhraseError(ValueError):
    """A phrase that cannot be read; ``hint`` says how to write it."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


def plain(x: float) -> str:
    """A number as a plan writes it: 2 not 2.0, 1.38 not 1.3800000001."""
    return f"{x:.10f}".rstrip("0").rstrip(".")


def normalize(text) -> str:
    """NFKC (full-width digits and punctuation to ASCII), spaces removed, ～ to ~."""
    s = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", "", s).replace("～", "~").replace("－", "-")


def infer_direction(text) -> str | None:
    """'decrease' for phrases that bound from above or ask for a fall, 'increase' otherwise."""
    s = normalize(text)
    if not re.search(rf"{NUM}|{MASK}", s):
        return None
    if any(w in s for w in DECREASE_WORDS) or re.search(
            r"以下|以内|之内|不超过|不高于|控制在|低于|不满|不足|降至|降到", s):
        return "decrease"
    return "increase"


def parse_target(text, *, unit: str, year: int | None, direction: str | None = None,
                 base_year: int | None = None) -> list[Target]:
    """Targets meant by ``text`` for ``year``, values in ``unit``.

    A number is a plain level target. A 力争 clause gives a second target with
    ``stretch=True``. Raises PhraseError quoting the phrase when it cannot be read.
    """
    if isinstance(text, bool):
        raise PhraseError(f"'{text}' is not a target", "write a number or the plan's phrase")
    if isinstance(text, (int, float)):
        op = "<=" if direction == "decrease" else ">="
        return [Target(year=year, op=op, value=float(text), unit=unit, kind="level",
                       text=plain(text), convention="plain number: " + CONVENTIONS[op])]
    s = normalize(text)
    if s in NONE_TEXTS:
        return [Target(year=year, op="==", kind="none", unit=unit, text=str(text))]
    parts = re.split(r"[,;，；、]?力争", s)
    main, stretches = parts[0], parts[1:]
    out = []
    ctx = dict(unit=unit, year=year, direction=direction, base_year=base_year, raw=str(text))
    if main:
        out.append(_parse_one(main, **ctx))
    for p in stretches:
        if not p:
            raise PhraseError(f"nothing follows 力争 in '{text}'", "write the stretch value after 力争")
        t = _parse_one(p, **ctx)
        out.append(t.model_copy(update={"stretch": True}))
    return out


def split_compound(text, unit: str) -> list[tuple[str, str]] | None:
    """``在地91家属地51家`` with unit 家 -> [('在地', '91家'), ('属地', '51家')]; None if not compound.

    A compound cell is two or more label-number pairs; labels are text without digits or
    operator words.
    """
    if not isinstance(text, str):
        return None
    s = normalize(text)
    pieces = re.split(rf"({ARABIC})", s)
    if len(pieces) < 5:
        return None
    u = (unit or "").strip()
    labels, values = [], []
    for i in range(0, len(pieces) - 1, 2):
        seg = pieces[i]
        if i > 0 and u and seg.startswith(u):
            seg = seg[len(u):]
        labels.append(seg)
        values.append(pieces[i + 1])
    last = pieces[-1]
    if last not in ("", u):
        return None
    words = [w for w in [*PRE_OPS, *SUFFIX_OPS, *NEUTRAL] if len(w) > 1] + ["力争", "增长", "下降", "%"]
    for lab in labels:
        if not lab or any(w in lab for w in words) or re.search(r"[\d*.:~]", lab):
            return None
    return [(lab, f"{v}{u}") for lab, v in zip(labels, values)]


def _strip_pre(s: str) -> tuple[list[str], str]:
    """Leading operator and neutral words of ``s`` and what is left."""
    tokens = sorted(list(PRE_OPS) + list(BY_DIRECTION) + list(NEUTRAL), key=len, reverse=True)
    found = []
    changed = True
    while changed and s:
        changed = False
        for tok in tokens:
            if s.startswith(tok):
                found.append(tok)
                s = s[len(tok):]
                changed = True
                break
    return found, s


def _combine_ops(pre: list[str], suffix: str | None, direction: str | None, raw: str) -> tuple[str, str]:
    """The operator from leading words and a trailing word; returns (op, convention)."""
    default = "<=" if direction == "decrease" else ">="
    strong = [PRE_OPS[t] for t in pre if t in PRE_OPS and t not in WEAK_OPS]
    weak = [PRE_OPS[t] for t in pre if t in WEAK_OPS]
    suf = SUFFIX_OPS[suffix] if suffix else None
    ops = set(strong) | ({suf} if suf else set())
    if len(ops) > 1:
        raise PhraseError(f"contradictory operators in '{raw}' ({', '.join(sorted(ops))})",
                          "keep one of the words that bound the value")
    if ops:
        op = ops.pop()
        return op, CONVENTIONS[op]
    if weak:
        return ">=", CONVENTIONS[">="]
    if any(t in BY_DIRECTION for t in pre):
        return default, f"保持: keep the level ({default} by direction)"
    return default, f"plain number: {CONVENTIONS[default]}; by the indicator's direction"


def _tolerance(op: str, value: float | None) -> float | None:
    return APPROX_TOLERANCE * abs(value) if op == "~" and value is not None else None


def _parse_one(s: str, *, unit, year, direction, base_year, raw) -> Target:
    masked = bool(re.search(MASK, s))
    has_number = masked or re.search(NUM, s)
    ref = REFERENCE_RE.search(s)
    if ref and not re.search(ARABIC, s) and not masked:
        return _reference(s, ref, unit=unit, year=year, direction=direction, raw=raw)
    rank = RANK_RE.search(s) and not re.search(ARABIC, s) and not masked
    if rank or not has_number:
        what = "a rank, not a series value" if rank else "no number to assess"
        return Target(year=year, op="==", kind="none", unit=unit, text=raw,
                      convention=f"qualitative: {what}")
    for fn in (_relative_change, _growth, _level):
        t = fn(s, unit=unit, year=year, direction=direction, base_year=base_year, raw=raw)
        if t is not None:
            return t
    raise PhraseError(f"cannot read the target phrase '{raw}'",
                      "write it as the plan does, e.g. '1200以上', '增长8.5%左右', '比2020年下降18%', "
                      "or give {value, op} in long form")


def _reference(s, m, *, unit, year, direction, raw) -> Target:
    pre, _ = _strip_pre(s)
    op = next((PRE_OPS[t] for t in pre if t in PRE_OPS), "<=" if direction == "decrease" else ">=")
    name = s[m.start():m.end()]
    for tok in pre:
        name = name.removeprefix(tok)
    growth = "增速" in s or "增长" in s
    return Target(year=year, op=op, kind="reference", unit="%" if growth else unit, text=raw,
                  reference=name, period="year" if growth else None, convention=CONVENTIONS[op])


RELATIVE_RE = re.compile(
    rf"^(?:比|较|相比)(?P<year>\d{{4}})年?末?(?:水平)?(?P<verb>下降|降低|减少|增长|提高|提升|增加|上升)"
    rf"(?P<num>{NUM}|{MASK})(?P<u>%|个百分点|百分点|倍)?(?P<suf>以上|左右|以内)?$")


DOUBLE_RE = re.compile(r"^(?:(?:比|较)(?P<year>\d{4})年?)?翻(?P<k>一|两|二|三)番$")


CUMUL_CHANGE_RE = re.compile(
    rf"^累计(?P<verb>下降|降低|减少|增长|提高)(?P<num>{NUM}|{MASK})(?P<u>%|个百分点|百分点)(?P<suf>以上|左右|以内)?$")


def _relative_change(s, *, unit, year, direction, base_year, raw) -> Target | None:
    m = RELATIVE_RE.match(s) or CUMUL_CHANGE_RE.match(s)
    if m:
        ref_year = int(m.groupdict().get("year") or 0) or base_year
        if ref_year is None:
            raise PhraseError(f"'{raw}' is a change from the base year, but the plan has no base_year",
                              "set plan.base_year")
        down = m["verb"] in DECREASE_WORDS
        u = m["u"] or ""
        if re.fullmatch(MASK, m["num"]):
            return Target(year=year, op="<=" if down else ">=", kind="masked", unit=unit, text=raw,
                          masked_kind="level", convention="masked digits: value not published")
        x = parse_number(m["num"])
        if u == "倍":
            change, mode, conv = x, "ratio", f"增加{x:g}倍 read as x{x + 1:g} of the {ref_year} value"
        elif u in ("个百分点", "百分点"):
            change, mode, conv = (-x if down else x), "points", "percentage points added to the reference value"
        elif u == "%":
            change, mode, conv = (-x if down else x) / 100, "ratio", "percent change from the reference value"
        else:
            raise PhraseError(f"'{raw}': a change needs %, 个百分点 or 倍 after the number",
                              "e.g. '比2020年下降18%'")
        at_most = m["suf"] == "以内"
        if m["suf"] == "左右":
            op = "~"
        elif down:
            op = ">=" if at_most else "<="
        else:
            op = "<=" if at_most else ">="
        return Target(year=year, op=op, kind="change", unit=unit, text=raw,
                      relative_to=RelativeTo(year=ref_year, change=change, mode=mode),
                      convention=f"{conv}; {CONVENTIONS[op]}")
    m = DOUBLE_RE.match(s)
    if m:
        ref_year = int(m["year"]) if m["year"] else base_year
        if ref_year is None:
            raise PhraseError(f"'{raw}' doubles the base-year value, but the plan has no base_year",
                              "set plan.base_year")
        k = {"一": 1, "两": 2, "二": 2, "三": 3}[m["k"]]
        return Target(year=year, op=">=", kind="change", unit=unit, text=raw,
                      relative_to=RelativeTo(year=ref_year, change=2 ** k - 1, mode="ratio"),
                      convention=f"翻{m['k']}番: x{2 ** k} of the {ref_year} value; {CONVENTIONS['>=']}")
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
            raise PhraseError(f"'{raw}' is a change in points from the base year, but the plan has no "
                              "base_year", "set plan.base_year")
        return _relative_change(f"比{base_year}年{m['gw']}{m['num']}{m['u']}{m['suf'] or ''}",
                                unit=unit, year=year, direction=direction, base_year=base_year, raw=raw)
    pre, rest = _strip_pre(m["pre"])
    if rest:
        raise PhraseError(f"cannot read '{rest}' in the target phrase '{raw}'",
                          "write the growth as '增长8.5%以上' or '年均增长7%'")
    down = m["gw"] in DECREASE_WORDS
    op, conv = _combine_ops(pre, m["suf"], "increase", raw)  # on the size of the change
    if down and op in (">=", ">", "<=", "<"):  # 下降3%(以上): a growth of -3% or lower
        op = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}[op]
    period = "annual_average" if m["avg"] else "year"
    if re.fullmatch(MASK, m["num"]):
        return Target(year=year, op=op, kind="masked", unit="%", text=raw, masked_kind="growth",
                      period=period, convention="masked digits: value not published")
    x = parse_number(m["num"]) * (0.1 if m["u"] == "‰" else 1.0)
    value = -x if down else x
    return Target(year=year, op=op, value=value, unit="%", kind="growth", text=raw, period=period,
                  tolerance=_tolerance(op, value), convention=f"growth rate in % per year; {conv}")


LEVEL_RE = re.compile(
    rf"^(?P<pre>[^\d*零〇一二两三四五六七八九十百千]*?)(?P<num>{NUM}|{MASK})(?P<ratio>:1)?"
    rf"(?P<u>[^\d*]*?)(?P<suf>及以上|以上|及以下|以下|以内|之内|内|左右|上下|多|余)?$")


RANGE_RE = re.compile(
    rf"^(?P<pre>[^\d]*?)(?P<a>{ARABIC})(?P<ua>[^\d~至到-]*)(?:-|~|至|到)(?P<b>{ARABIC})(?P<u>[^\d]*)$")


def _level(s, *, unit, year, direction, base_year, raw) -> Target | None:
    cumulative = s.startswith("累计") or "累计" in s[:6]
    kind = "cumulative" if cumulative else "level"
    m = RANGE_RE.match(s)
    if m:
        pre, rest = _strip_pre(m["pre"])
        if rest:
            raise PhraseError(f"cannot read '{rest}' in the target phrase '{raw}'")
        f = _factor(m["u"] or m["ua"], unit, raw)
        lo, hi = sorted((parse_number(m["a"]) * f, parse_number(m["b"]) * f))
        return Target(year=year, op="between", low=lo, high=hi, unit=unit, kind=kind, text=raw,
                      convention=CONVENTIONS["between"])
    m = LEVEL_RE.match(s)
    if not m:
        return None
    pre, rest = _strip_pre(m["pre"])
    if rest:
        raise PhraseError(f"cannot read '{rest}' in the target phrase '{raw}'",
                          "give only the value part of the plan's sentence, e.g. '达到3%以上'")
    op, conv = _combine_ops(pre, m["suf"], direction, raw)
    phrase_unit = m["u"]
    if m["ratio"]:
        if phrase_unit:
            raise PhraseError(f"cannot read '{phrase_unit}' after the ratio in '{raw}'")
        conv += "; ratio written x:1, value is x"
    if re.fullmatch(MASK, m["num"]):
        _factor(phrase_unit, unit, raw)
        return Target(year=year, op=op, kind="masked", unit=unit, text=raw, masked_kind=kind,
                      convention="masked digits: value not published; " + conv)
    value = parse_number(m["num"]) * _factor(phrase_unit, unit, raw)
    return Target(year=year, op=op, value=value, unit=unit, kind=kind, text=raw,
                  tolerance=_tolerance(op, value), convention=conv)


def _factor(phrase_unit: str, unit: str, raw: str) -> float:
    f = factor(phrase_unit, unit)
    if f is None:
        raise PhraseError(f"unit '{phrase_unit}' in '{raw}' cannot be converted into the indicator's "
                          f"unit '{unit}'", "fix the indicator's unit or the phrase")
    return f
