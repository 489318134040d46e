"""Target sentences in running text: ``到2025年，X达到Y``, ``X增长8.5%左右``, ``新增…10个``.

A line is cut into sentences (。；) and clauses (，：), with parenthetical remarks set aside
(a trailing ``(责任单位:…)`` or ``(…牵头)`` names the owner). In a clause, a number is a target
when a comparison word is attached to it (达到, 不少于, 以上, 突破, 力争超, 增长…%) or when it
carries a unit and the clause says what is to be done (新增, 引进, 完成, 实施 …). The name is
the rest of the clause; lists (``工厂1家、平台2家``) are split after each number and carry their
verb over. The year comes from the clause (到2025年, 2024年), else from its paragraph or section,
else from the title (``2024年…工作要点`` means 2024); unknown years are left None for the
assembler to settle and mark for review. Masked digits (``**%``) are read as masked targets.
"""
from __future__ import annotations

import re

from sim.extract.doc import Doc, Entry, Unread, indicator_unit, owner_of
from sim.extract.quantities import (
    _Q,
    GROWTH_TOKENS,
    TARGET_VERBS,
    YEAR_MARK,
    _in_quotes,
    _quantities,
)
from sim.meta import Msg
from sim.spec.phrases import (
    REFERENCE_RE,
    PhraseError,
    parse_target,
)

CARRY_VERBS = re.compile(r"^(新增|新建|新培育|培育|新引进|引进|创建|建设|完成|实施|新招引|招引|打造|举办)")


REF_RE = re.compile(r"(?P<op>不低于|不高于|高于|低于|达到|接近|超过|快于|优于|好于|完成)"
                    r"(?P<ref>(?:全国|全省|全市|长三角|省|市|同类地区)[^,;。]*?(?:平均水平|平均增速|平均值|平均|下达的?任务))")


LEAD_FILLERS = re.compile(r"^(?:的|全年|年度|每年|年内|力争|确保|努力|推动|进一步|加快|同时|其中|并且|并|且|以及|"
                          r"和|及|全县|全区|全市|全省|全镇|累计|今年|当年|共|实现)+")


TRAIL_FILLERS = re.compile(r"(?:的|为|要|在|到|至|是|共|、|和|及|达|超|约)+$")


LINE_PREFIX = re.compile(r"^(?:(?:\d+|\*+)[.、](?!\d)|\(\d+\)|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|"
                         r"——|-|·|•|专栏\d+|第[一二三四五六七八九十]+[章节条部分])+")


HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+[章节部分])")


UNIT_GUESS = [("生产总值", "亿元"), ("GDP", "亿元"), ("财政收入", "亿元"), ("预算收入", "亿元"),
              ("固定资产投资", "亿元"), ("零售", "亿元"), ("进出口", "亿元"), ("增加值", "亿元"),
              ("产值", "亿元"), ("可支配收入", "元"), ("投资", "亿元")]


OWNER_TAIL_NO_PAREN = re.compile(r"(?:市|区|县|省)[^,;。、()]{1,15}?(?:局|委|办|中心|部|院|会|集团|公司|站|所)"
                                 r"(?:、[^,;。()]{2,15})*牵头$")


def read_sentences(doc: Doc, skip: set[int]) -> tuple[list[Entry], list[Unread]]:
    """Target sentences of ``doc`` outside the lines in ``skip`` (tables)."""
    entries, unread = [], []
    section_year, para_year = None, None
    for k, line in enumerate(doc.lines, 1):
        if k in skip or not line:
            continue
        body = LINE_PREFIX.sub("", line)
        bullet = body != line and line.startswith(("——", "-", "·", "•"))
        start = YEAR_MARK.match(body)
        if HEADING.match(line) and len(line) <= 40:
            section_year = _year(start.group(1)) if start else None
            para_year = None
        if start:
            para_year = _year(start.group(1))
        elif not bullet:
            para_year = None
        year = para_year or section_year or doc.doc_year
        found, bad = _line(doc, k, line, year)
        entries += found
        unread += bad
    return entries, unread


def _year(s: str) -> int | str:
    return "masked" if s.startswith("*") else int(s)


def _analysis(line: str, owner_first: bool):
    """The line without its parenthetical remarks and numbering, an index map back to the
    line, and the owners the remarks name as (position in the analysis text, owner)."""
    out, idx, owners = [], [], []
    prefix = LINE_PREFIX.match(line)
    i = prefix.end() if prefix else 0
    while i < len(line):
        c = line[i]
        if c == "(":
            depth, j = 0, i
            while j < len(line):
                depth += (line[j] == "(") - (line[j] == ")")
                if depth == 0:
                    break
                j += 1
            owner = owner_of(line[i + 1:j], owner_first)
            if owner:
                owners.append((len(out), owner))
            i = j + 1
            continue
        if c == ")":
            tail = OWNER_TAIL_NO_PAREN.search("".join(out[-40:]))
            if tail:
                cut = len(tail.group(0))
                owners.append((len(out) - cut, tail.group(0)[:-2]))
                del out[-cut:], idx[-cut:]
            i += 1
            continue
        out.append(c)
        idx.append(i)
        i += 1
    return "".join(out), idx, owners


def _spans(text: str, seps: str) -> list[tuple[int, int]]:
    """Spans of ``text`` cut at ``seps`` (a separator between two digits is not a cut)."""
    out, a = [], 0
    for m in re.finditer(f"[{re.escape(seps)}]", text):
        i = m.start()
        if 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue
        out.append((a, i))
        a = i + 1
    out.append((a, len(text)))
    return [(x, y) for x, y in out if y > x]


def _line(doc: Doc, k: int, line: str, year) -> tuple[list[Entry], list[Unread]]:
    text, idx, owners = _analysis(line, doc.owner_first)
    text = text.replace("|", "。")
    entries, unread = [], []
    for sa, sb in _spans(text, "。;!?"):
        found: list[Entry] = []          # entries of this sentence so far
        context = ""                      # the sentence's clauses before this one
        for ca, cb in _spans(text[sa:sb], ",:"):
            a, b = sa + ca, sa + cb
            clause = text[a:b]
            marks = list(YEAR_MARK.finditer(clause))
            owner = next((o for p, o in owners if p >= a), None)
            quote = line[idx[a]:idx[b - 1] + 1]
            qs = _quantities(clause, listing=bool(found) and found[-1].line == k)
            if not qs:
                ref = REF_RE.search(clause)
                e = _reference(clause, ref, k, quote, owner,
                               _year(marks[-1].group(1)) if marks else year) if ref else None
                if e:
                    entries.append(e)
                    found.append(e)
            for seg_a, seg_b, q, others in _segments(clause, qs):
                y = year
                for m in marks:
                    if m.start() < q.start:
                        y = _year(m.group(1))
                e, bad = _entry(clause, seg_a, seg_b, q, others, k, quote, owner, y, found,
                                context + clause[:seg_a])
                if bad:
                    unread.append(bad)
                elif e is not None:
                    entries.append(e)
                    found.append(e)
            if marks:
                year = _year(marks[-1].group(1))
            context = clause
    return entries, unread


def _segments(clause: str, qs: list[_Q]):
    """(start, end, target quantity, other quantities) for each list item of the clause.

    An item ends after a number followed by 、/和/及/与, or between two numbers that both have
    comparison words (达到**%…力争达*.*%). In an item with several numbers the last is the target (3亿元以上项目20个),
    except a count right before another number (4个20亿元以上项目: 4个).
    """
    groups, cur = [], []
    for q in qs:
        if cur and q.ops and cur[-1].ops and q.op_start > cur[-1].end:
            groups.append(cur)
            cur = []
        cur.append(q)
        if clause[q.end:q.end + 1] in ("、", "和", "及", "与"):
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    out, a = [], 0
    for n, g in enumerate(groups):
        last = n == len(groups) - 1
        b = len(clause) if last else g[-1].end
        target = g[-1]
        if len(g) > 1 and g[1].start == g[0].end and g[0].unit in ("个", "家", "项", "名", "所", "座"):
            target = g[0]
        out.append((a, b, target, [q for q in g if q is not target]))
        a = b + (clause[b:b + 1] in ("、", "和", "及", "与"))
    return out


def _entry(clause, a, b, q: _Q, others, k, quote, owner, year, previous, context):
    """An Entry for quantity ``q`` in ``clause[a:b]`` (None if it only adds a target to the
    previous entry), or an Unread when its phrase cannot be read.

    The name is the text before the comparison words (X达到Y); a number written without them
    may come first (推动50家中小企业完成数字化改造), so the text after it joins the name.
    """
    review = []
    left = clause[a:q.op_start]
    right = "" if q.ops else clause[q.end:b]
    stretch = "力争" in left and "力争" not in q.ops
    cumulative = "累计" in left and not q.percent
    phrase = ("力争" if stretch else "") + ("累计" if cumulative else "") + q.ops + q.num + q.unit + q.suffix
    name = _clean(left + right)
    if _in_quotes(clause, q.start):
        name = _clean(clause[clause.find("”", q.end) + 1:b]) or name
        review.append(Msg("draft.slogan"))
    unit, why = _unit(q, name)
    if why:
        review.append(why)
    if others:
        review.append(Msg("draft.several_numbers"))
    if year == "masked":
        review.append(Msg("draft.year_masked"))
        year = None
    if "*" in q.num:
        review.append(Msg("draft.digits_masked"))
    try:
        parse_target(phrase, unit=unit, year=year or 2100, base_year=(year or 2100) - 1)
    except PhraseError as e:
        return None, Unread(k, quote, Msg("draft.phrase_not_understood", phrase=phrase, error=e.msg))
    prev = previous[-1] if previous and previous[-1].line == k else None
    if not name and prev is not None and _compatible(prev, unit):
        prev.targets.append((year, phrase))
        if not prev.unit or prev.unit == "%" and unit != "%":
            prev.unit = unit
            prev.review = [r for r in prev.review if not r.code.startswith("draft.unit_")]
        return None, None
    if prev is not None and name and not TARGET_VERBS.search(left) and prev.unit == unit:
        verb = CARRY_VERBS.match(prev.name)
        if verb and not name.startswith(verb.group(1)):
            name = verb.group(1) + name
    if len(name) < 2 or (len(name) <= 3 and TARGET_VERBS.fullmatch(name)):
        before = _clean(context)
        if not before:
            return None, Unread(k, quote, Msg("draft.no_name_sentence", phrase=phrase))
        name = before + name
        review.append(Msg("draft.name_before"))
    elif len(name) > 30:
        review.append(Msg("draft.long_name"))
    e = Entry(name=name, line=k, text=quote, unit=unit, targets=[(year, phrase)], owner=owner,
              review=review)
    if "每年" in clause[:q.start]:
        e.notes.append(Msg("draft.each_year"))
    return e, None


def _compatible(prev: Entry, unit: str) -> bool:
    from sim.spec.units import factor
    return not prev.unit or factor(unit, prev.unit) is not None or prev.unit == "%" and all(
        isinstance(t, str) and "增" in t for _, t in prev.targets)


def _unit(q: _Q, name: str) -> tuple[str, str | None]:
    """The indicator's unit for quantity ``q`` and a reason when it is guessed."""
    if q.percent and any(w in q.ops for w in GROWTH_TOKENS):
        if re.search(r"率|比重|占比|强度|比例", name):
            return "%", None
        guess = next((u for w, u in UNIT_GUESS if w in name), None)
        if guess:
            return guess, Msg("draft.unit_from_name", unit=guess)
        return "", Msg("draft.unit_not_stated_growth")
    if q.unit == "":
        return "", Msg("draft.unit_not_stated")
    return indicator_unit(q.unit)


def _reference(clause: str, m: re.Match, k, quote, owner, year) -> Entry | None:
    """A target set relative to another series: 不低于全省平均增速, 达到全省平均水平."""
    phrase = m.group("op") + m.group("ref")
    if not REFERENCE_RE.search(phrase):
        return None
    name = _clean(clause[:m.start()])
    if len(name) < 2:
        return None
    unit = "%" if re.search(r"增速|增幅|增长", name + phrase) else ""
    if year == "masked":
        year = None
    return Entry(name=name, line=k, text=quote, unit=unit, targets=[(year, phrase)], owner=owner,
                 notes=[Msg("draft.reference_target")])


def _clean(s: str) -> str:
    """A name from clause text: no year marks, fillers (全年, 力争, 全县 …) or trailing particles;
    全区生产总值 is 地区生产总值."""
    s = re.sub(r"^(全县|全区|全市|全省|全镇)生产总值", "地区生产总值", YEAR_MARK.sub("", s).strip(" ,:;、"))
    s = re.sub(r"[“”\"']", lambda m: m.group(0) if "“" in s and "”" in s else "", s)
    prev = None
    while prev != s:
        prev = s
        s = LEAD_FILLERS.sub("", s.strip(" ,:;、"))
        s = TRAIL_FILLERS.sub("", s)
    return s
