"""Assessment across many plans at once (placeholder: row by row)."""
from __future__ import annotations

from sim.assess.derived import assess_with_relations


def assess_many(specs, scs, preset="default", margin=0.1, progress=None) -> list[list[dict]]:
    out = []
    for k, (s, sc) in enumerate(zip(specs, scs)):
        out.append(assess_with_relations(s, sc, preset, margin))
        if progress:
            progress(k + 1, len(specs))
    return out
