"""A draft spec written as commented YAML for review, and its summary."""
from __future__ import annotations

import json
import re
from pathlib import Path

from sim.extract.doc import MONEY, Doc, Draft, Entry
from sim.meta import Msg
from sim.report.labels import text
from sim.spec.phrases import plain


def _q(s) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(str(s), ensure_ascii=False)


def _v(x) -> str:
    return plain(x) if isinstance(x, (int, float)) else _q(x)


def render(doc: Doc, plan: dict, year_note: list[Msg], entries: list[Entry], ids, unread,
           lang: str = "zh") -> str:
    """The draft as spec YAML, with unread rows as ``# unread:`` comments in line order; comments
    and review reasons in ``lang``."""
    out = [text(Msg("draft.draft_header", source=doc.source, encoding=doc.encoding, lines=len(doc.lines),
                    years=year_note), lang),
           "plan:",
           f"  id: {_plan_id(doc.source)}",
           f"  title: {_q(doc.title)}"]
    if doc.region:
        out.append(f"  region: {_q(doc.region)}")
    out += [f"  source: {_q(doc.source)}", f"  base_year: {plan['base_year']}",
            f"  target_year: {plan['target_year']}", "indicators:"]
    items = [(e.line, 0, k) for k, e in enumerate(entries)] + [(u.line, 1, k) for k, u in enumerate(unread)]
    for line, kind, k in sorted(items):
        if kind:
            u = unread[k]
            at = text(doc.where[u.line - 1][1] if doc.where else Msg("draft.at_line", line=u.line), lang)
            out.append(f"  # unread: {at}: {_q(u.text[:200])}: {text(u.reason, lang)}".replace("\n", " "))
        else:
            e = entries[k]
            if doc.where and not e.where:
                e.where = doc.where[e.line - 1][1]
            out += _entry_yaml(e, ids[k], plan, lang)
    return "\n".join(out) + "\n"


def _plan_id(source: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", Path(source).stem.lower()).strip("-")
    return s if s else "draft"


def _entry_yaml(e: Entry, ident: tuple[str, Msg | None], plan: dict, lang: str) -> list[str]:
    ident, id_reason = ident
    review = list(e.review) + ([id_reason] if id_reason else [])
    lines = [f"  - id: {ident}", f"    name: {_q(e.name)}", f"    unit: {_q(e.unit)}"]
    if e.unit.endswith(MONEY):
        lines.append("    basis: nominal")
    if e.direction:
        lines.append(f"    direction: {e.direction}")
    if e.attribute:
        lines.append(f"    attribute: {e.attribute}")
    if e.owner:
        lines.append(f"    owner: {_q(e.owner)}")
    if e.baseline is None:
        lines.append("    baseline: null")
    elif e.baseline_year and e.baseline_year != plan["base_year"] and isinstance(e.baseline, float):
        lines.append(f"    baseline: {{year: {e.baseline_year}, value: {_v(e.baseline)}}}")
    else:
        lines.append(f"    baseline: {_v(e.baseline)}")
        if e.baseline_year and e.baseline_year != plan["base_year"]:
            review.append(Msg("draft.baseline_year", year=e.baseline_year, base=plan["base_year"]))
    if e.history:
        lines.append("    history: {" + ", ".join(f"{y}: {plain(v)}" for y, v in sorted(e.history.items())) + "}")
    if e.growth_history:
        lines.append("    growth_history:")
        lines += [f"      {y}: {{value: {plain(v)}, source: {_q(label)}}}"
                  for y, (v, label) in sorted(e.growth_history.items())]
    compound = isinstance(e.baseline, str) or any(isinstance(t, str) and _is_compound(t, e.unit)
                                                  for _, t in e.targets)
    if len(e.targets) == 1 and (e.targets[0][0] == plan["target_year"] or compound):
        lines.append(f"    target: {_v(e.targets[0][1])}")
    elif e.targets:
        lines.append("    targets:")
        lines += [f"      - {{year: {y}, target: {_v(t)}}}" for y, t in e.targets]
    labels = _compound_labels(e)
    if labels:
        parts = ", ".join(f"{_q(lab)}: {ident}_{k}" for k, lab in enumerate(labels, 1))
        lines.append(f"    parts: {{{parts}}}")
        review.append(Msg("draft.compound", id=ident))
    if e.notes:
        lines.append(f"    notes: {_q(_join([text(n, lang) for n in e.notes], lang))}")
    if review:
        lines += ["    review: true", f"    review_reason: {_q(_join([text(r, lang) for r in review], lang))}"]
    if e.where:
        lines.append(f"    source: {{text: {_q(text(e.where, lang) + ': ' + e.text)}}}")
    else:
        lines.append(f"    source: {{line: {e.line}, text: {_q(e.text)}}}")
    return lines


def _is_compound(cell: str, unit: str) -> bool:
    from sim.spec.phrases import split_compound
    return split_compound(cell, unit) is not None


def _compound_labels(e: Entry) -> list[str]:
    from sim.spec.phrases import split_compound
    for cell in [e.baseline] + [t for _, t in e.targets]:
        parts = split_compound(cell, e.unit) if isinstance(cell, str) else None
        if parts:
            return [lab for lab, _ in parts]
    return []


def _join(parts: list[str], lang: str) -> str:
    return ("; " if lang == "en" else ";").join(parts)


def summary_text(d: Draft, output: str | None, lang: str = "zh") -> str:
    """The stderr summary in ``lang``: tables, indicators, targets by kind, review and unread counts."""
    return text(Msg("draft.summary", s=d.summary, output=output), lang)
