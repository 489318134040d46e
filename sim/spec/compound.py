"""Compound cells of plan tables: several label-number pairs in one cell (在地91家属地51家), read
as sub-indicators."""
from __future__ import annotations

import re

from sim.spec.numerals import ARABIC
from sim.spec.phrasewords import NEUTRAL, PRE_OPS, SUFFIX_OPS, normalize

SPLIT_NUMBER_RE = re.compile(rf"({ARABIC})")


def split_compound(text, unit: str) -> list[tuple[str, str]] | None:
    """``在地91家属地51家`` with unit 家 -> [('在地', '91家'), ('属地', '51家')]; None if not compound.

    A compound cell is two or more label-number pairs; labels are text without digits or
    operator words.
    """
    if not isinstance(text, str):
        return None
    s = normalize(text)
    pieces = SPLIT_NUMBER_RE.split(s)
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
