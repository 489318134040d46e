"""The normalized plan as plain data (`sim show --format json`, schema_version 1)."""
from __future__ import annotations

from sim.meta import SCHEMA_VERSION, provenance
from sim.spec.model import Spec
from sim.spec.targets import Target


def target_dict(t: Target) -> dict:
    """Normalized target: year, op, value, unit, kind, text, then the optional details (``convention``
    a Msg: sim.report.show writes it)."""
    d = t.model_dump()
    head = {k: d.pop(k) for k in ("year", "op", "value", "unit", "kind", "text")}
    return head | d


def spec_dict(spec: Spec) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": spec.plan.model_dump(mode="json"),
        "indicators": [{
            "id": i.id, "name": i.name, "unit": i.unit, "direction": i.direction,
            "basis": i.basis, "model": i.model,
            "baseline": {"year": i.baseline.year, "value": i.baseline.value} if i.baseline else None,
            "history": {str(y): v for y, v in i.history.items()},
            "growth_history": {str(y): v for y, v in i.growth_history.items()},
            "targets": [target_dict(t) for t in i.targets],
            "owner": i.owner, "attribute": i.attribute, "parent": i.parent,
            "reference": i.reference, "review": i.review, "review_reason": i.review_reason,
            "source": i.source.model_dump() if i.source else None,
        } for i in spec.indicators],
        "references": {k: r.model_dump(mode="json") for k, r in spec.references.items()},
        "relations": [{"id": r.id, "expr": r.expr, "tolerance": r.tolerance, "names": list(r.names)}
                      for r in spec.relations],
        "provenance": provenance(spec),
    }


def kind_counts(spec: Spec) -> dict[str, int]:
    counts: dict[str, int] = {}
    for i in spec.indicators:
        for t in i.targets:
            counts[t.kind] = counts.get(t.kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))
