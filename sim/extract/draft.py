"""`sim extract`: a document's tables and sentences -> a draft spec that validates."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from sim.errors import SimError, SpecErrors
from sim.extract.doc import Doc, Draft, Entry, Unread, read_doc
from sim.extract.ids import _ids
from sim.extract.render import render
from sim.extract.text import traditional_count
from sim.meta import Msg


def extract_file(path: str | Path, encoding: str | None = None, lang: str = "zh", **years) -> Draft:
    """Read the document at ``path`` and draft a spec (see ``extract_text``)."""
    from sim.extract.files import load

    p = Path(path)
    text, used, where = load(p, encoding)
    return extract_text(text, source=p.name, encoding=used, where=where, lang=lang, **years)


def extract_text(text: str, source: str = "<text>", encoding: str = "utf-8",
                 base_year: int | None = None, target_year: int | None = None, where=None,
                 lang: str = "zh") -> Draft:
    """Draft a spec from a plan's text: tables and target sentences, checked by loads_spec.

    ``base_year``/``target_year`` override the plan years read from the document; ``where`` gives
    each line's location in a converted .docx/.xlsx/.html/.pdf file (``sim.extract.files``); the
    draft's comments and review reasons are written in ``lang`` (zh or en).
    """
    from sim.extract.sentences import read_sentences
    from sim.extract.tables import read_tables

    doc = read_doc(text, source, encoding, where)
    tables, table_unread, table_lines = read_tables(doc)
    sentences, text_unread = read_sentences(doc, skip=table_lines)
    entries = [e for t in tables for e in t.entries] + sentences
    unread = table_unread + text_unread
    if not entries:
        raise SimError(Msg("extract.nothing", source=source), hint=Msg("extract.nothing_hint"))
    plan, year_note = _plan_years(doc, tables, entries, base_year, target_year)
    entries, dropped = _settle_years(entries, plan)
    unread += dropped
    entries = _merge(entries)
    for e in entries:
        _direction(e)
    if not entries:
        raise SimError(Msg("extract.all_past", source=source), hint=Msg("extract.all_past_hint"))
    spec, yaml_text, unread = _checked(doc, plan, year_note, entries, unread, lang)
    from sim.spec.specjson import kind_counts
    summary = {
        "source": source, "encoding": encoding, "lines": len(doc.lines),
        "traditional_converted": traditional_count(text),
        "tables": len(tables), "table_rows": sum(len(t.entries) for t in tables),
        "indicators": len(spec.indicators),
        "entries": {"table": sum(1 for e in entries if e.origin == "table"),
                    "text": sum(1 for e in entries if e.origin == "text")},
        "targets": kind_counts(spec),
        "review": sum(1 for i in spec.indicators if i.review and not i.parent)
        + len({i.parent for i in spec.indicators if i.review and i.parent}),
        "unread": len(unread), "base_year": plan["base_year"], "target_year": plan["target_year"],
    }
    return Draft(yaml=yaml_text, spec=spec, summary=summary)


def _plan_years(doc: Doc, tables, entries, base_year, target_year) -> tuple[dict, list[Msg]]:
    """plan.base_year and target_year (given, or from a table header, the title, the plan period,
    the targets' years) and a note saying where each came from."""
    how = []
    header = next(((t.base_year, t.target_year) for t in tables if t.target_year), None)
    years = Counter(y for e in entries for y, _ in e.targets if y is not None)
    if target_year is not None:
        how.append(Msg("draft.year_given", key="target_year", year=target_year))
    elif header:
        target_year = header[1]
        how.append(Msg("draft.year_header", key="target_year", year=target_year))
    elif doc.doc_year:
        target_year = doc.doc_year
        how.append(Msg("draft.year_title", key="target_year", year=target_year))
    elif doc.period:
        target_year = doc.period[1]
        how.append(Msg("draft.year_period", key="target_year", year=target_year))
    elif years:
        target_year = max(years, key=lambda y: (years[y], y))
        how.append(Msg("draft.year_most", key="target_year", year=target_year))
    else:
        raise SimError(Msg("extract.no_target_year", source=doc.source), hint=Msg("extract.pass_target_year"))
    if base_year is not None:
        how.append(Msg("draft.year_given", key="base_year", year=base_year))
    elif header and header[0]:
        base_year = header[0]
        how.append(Msg("draft.year_header", key="base_year", year=base_year))
    elif doc.period and doc.period[1] == target_year:
        base_year = doc.period[0]
        how.append(Msg("draft.year_period", key="base_year", year=base_year))
    else:
        base_year = min([y for y in years if y <= target_year] or [target_year]) - 1
        how.append(Msg("draft.base_guessed", year=base_year))
    if base_year >= target_year:
        raise SimError(Msg("extract.years_order", base=base_year, target=target_year), hint=Msg("extract.pass_years"))
    return {"base_year": base_year, "target_year": target_year}, how


def _settle_years(entries: list[Entry], plan: dict) -> tuple[list[Entry], list[Unread]]:
    """Unstated target years become the plan's target year (marked for review); targets for a
    year not after the base year are not targets and become unread."""
    kept, unread = [], []
    for e in entries:
        targets = []
        for y, t in e.targets:
            if y is None:
                y = plan["target_year"]
                if Msg("draft.year_masked") not in e.review:
                    _add(e.review, Msg("draft.year_not_stated", year=y))
            if y <= plan["base_year"]:
                unread.append(Unread(e.line, e.text, Msg("draft.not_after_base", target=t, year=y,
                                                             base=plan["base_year"])))
                continue
            targets.append((y, t))
        if e.targets and not targets:
            continue
        e.targets = targets
        kept.append(e)
    return kept, unread


DECREASE_NAME = re.compile(r"浓度|能耗|排放|失业率|死亡率|发生率|事故|收入比|差距|用时|时长|通勤圈|交通圈")


OP_WORDS = re.compile(r"以上|以下|以内|不少于|不低于|不超过|不高于|超过|突破|高于|低于|控制在|降|减少|增长|提高|"
                      r"达到|达|力争|左右|约|累计|平均|任务|[~<>]")


def _direction(e: Entry):
    """A plain-number target of an indicator whose name says less is better: decrease (review)."""
    if e.direction or not DECREASE_NAME.search(e.name):
        return
    plain_targets = [t for _, t in e.targets if not isinstance(t, str)
                     or re.search(r"[\d*]", t) and not OP_WORDS.search(t)]
    if plain_targets:
        e.direction = "decrease"
        _add(e.review, Msg("draft.direction_guessed"))


def _merge(entries: list[Entry]) -> list[Entry]:
    """Text entries with the same name and unit as an earlier entry (a sentence or a table row)
    join it: one indicator with all their targets."""
    out: list[Entry] = []
    by_key: dict[tuple, Entry] = {}
    for e in entries:
        key = (e.name, e.unit)
        first = by_key.get(key) if e.origin == "text" else None
        if first is None:
            by_key.setdefault(key, e)
            out.append(e)
            continue
        for t in e.targets:
            if not any(_same_target(t, u, first.unit) for u in first.targets):
                first.targets.append(t)
        first.notes.append(Msg("draft.also_at", line=e.line, text=e.text))
        for r in e.review:
            _add(first.review, r)
    return out


def _same_target(a: tuple, b: tuple, unit: str) -> bool:
    """Whether two (year, phrase) targets say the same: equal, or read to the same kind, operator
    and value (``800`` and ``达到800亿元`` in 亿元)."""
    if a == b:
        return True
    if a[0] != b[0]:
        return False
    from sim.spec.phrases import PhraseError, parse_target

    try:
        ta, tb = (parse_target(x[1], unit=unit, year=x[0]) for x in (a, b))
    except PhraseError:
        return False
    key = lambda ts: [(t.kind, t.op, t.value, t.low, t.high, t.stretch) for t in ts]   # noqa: E731
    return key(ta) == key(tb)


def _add(reasons: list[Msg], reason: Msg):
    if reason not in reasons:
        reasons.append(reason)


def _checked(doc, plan, year_note, entries, unread, lang):
    """Render and check; entries the spec checker refuses become unread comments."""
    from sim.spec.load import loads_spec

    while True:
        ids = _ids(entries)
        text = render(doc, plan, year_note, entries, ids, unread, lang)
        try:
            return loads_spec(text, doc.source), text, unread
        except SpecErrors as e:
            bad = {err.indicator for err in e.errors}
            if None in bad:
                raise
            keep = []
            for entry, (ident, _) in zip(entries, ids):
                if ident in bad:
                    why = [err.msg for err in e.errors if err.indicator == ident]
                    unread = unread + [Unread(entry.line, entry.text, Msg("draft.refused", why=why))]
                else:
                    keep.append(entry)
            entries = keep
            if not entries:
                reasons = [Msg("extract.line_reason", line=u.line, reason=u.reason) for u in unread[:3]]
                raise SimError(Msg("extract.all_refused", source=doc.source, reasons=reasons),
                               hint=Msg("extract.check_years")) from None
