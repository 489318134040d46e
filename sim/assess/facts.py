"""What the consistency checks read: stated, actual, assumed and reference values of a relation's
terms, and the finding record (every key of ``KEYS``)."""
from __future__ import annotations

from typing import Mapping, NamedTuple, Sequence

from sim.assess.rows import num
from sim.errors import SimError
from sim.meta import Msg
from sim.scenario.model import Scenario
from sim.scenario.paths import start_of
from sim.scenario.projection import Projection
from sim.spec import relations as rel_
from sim.spec.load import GROWTH_NAME, SHARE_NAME
from sim.spec.model import Indicator, Relation, Spec
from sim.spec.targets import Target

KEYS = ("relation", "kind", "indicators", "year", "message", "implied", "stated", "difference",
        "tolerance", "unit", "pace", "inputs", "inconsistent")


REFERENCE_SOURCES = ("reference", "reference_held")


class Val(NamedTuple):
    """A value of one id at one year and where it came from."""
    value: float
    source: str          # target | actual | assumed | reference | reference_held | implied
    year: int            # reference_held: the year the value was published
    via: str | None = None   # implied: the relation that gave it


def equations(spec: Spec) -> list[tuple[Relation, rel_.Equation]]:
    """Each relation of ``spec`` with its parsed equation; a located SimError if one is bad."""
    known = {i.id for i in spec.indicators} | set(spec.references) | {
        i.parent for i in spec.indicators if i.parent}
    out = []
    for r in spec.relations:
        try:
            out.append((r, rel_.parse(r.expr, known)))
        except rel_.RelationError as e:
            raise SimError(e.msg, file=spec.file, line=r.line, field=f"relations.{r.id}.expr",
                           hint=e.hint_msg) from None
    return out


def _indicator(spec: Spec, name: str) -> Indicator | None:
    return next((i for i in spec.indicators if i.id == name), None)


def unit_of(spec: Spec, name: str) -> str:
    ind = _indicator(spec, name) or next((i for i in spec.indicators if i.parent == name), None)
    if ind is not None:
        return ind.unit
    ref = spec.references.get(name)
    return ref.unit if ref else ""


def is_share(ind: Indicator | None) -> bool:
    """A percent share bounded by 0..100 (as sim.spec judges one), not a growth rate."""
    return bool(ind and ind.unit.strip() == "%" and SHARE_NAME.search(ind.name)
                and not GROWTH_NAME.search(ind.name))


def _compound(spec: Spec, name: str) -> bool:
    ind = _indicator(spec, name)
    return ind.model == "compound" if ind else True


def dated(ind: Indicator) -> list[Target]:
    """The targets with a year (a plan may give one none: 突破一千亿)."""
    return [t for t in ind.targets if t.year is not None]


def level_target(ind: Indicator, year: int) -> Target | None:
    """The level target of ``year`` with a single number (a 力争 value only if it is the only one)."""
    ts = [t for t in dated(ind) if t.year == year and t.kind == "level" and t.value is not None
          and t.op != "between"]
    return min(ts, key=lambda t: t.stretch) if ts else None


def _assumed_starts(spec: Spec, sc: Scenario | None, projection: Mapping[str, Projection] | None = None
                    ) -> dict[str, Val]:
    if sc is None or all(a.baseline is None for a in sc.assumptions.values()):
        return {}   # only an assumed baseline makes an assumed start (sim.scenario.paths.start_of)
    out = {}
    for ind in spec.indicators:
        s = projection[ind.id].start if projection is not None else start_of(ind, sc, spec.plan.base_year)
        if s is not None and s.assumed:
            out[ind.id] = Val(s.value, "assumed", s.year)
    return out


def reference_value(spec: Spec, name: str, year: int) -> Val | None:
    """The reference's value of ``year``, else its latest earlier value (held constant)."""
    values = spec.references[name].values
    if year in values:
        return Val(values[year], "reference", year)
    earlier = [y for y in values if y < year]
    return Val(values[max(earlier)], "reference_held", max(earlier)) if earlier else None


def stated(spec: Spec, name: str, year: int, assumed: Mapping[str, Val]) -> Val | None:
    """What the plan (or the data, or the scenario's assumed baseline) says ``name`` is in ``year``."""
    if name in spec.references:
        return reference_value(spec, name, year)
    ind = _indicator(spec, name)
    if ind is None:
        return None
    t = level_target(ind, year)
    if t is not None:
        return Val(t.value, "target", year)
    if year in ind.actuals():
        return Val(ind.actuals()[year], "actual", year)
    a = assumed.get(name)
    return a if a is not None and a.year == year else None


def _years(spec: Spec, eq: rel_.Equation, assumed: Mapping[str, Val]) -> list[int]:
    ys: set[int] = set()
    for n in eq.names:
        ind = _indicator(spec, n)
        if ind is None:
            continue
        ys |= {t.year for t in dated(ind) if level_target(ind, t.year) is not None}
        ys |= set(ind.actuals())
        if n in assumed:
            ys.add(assumed[n].year)
    return sorted(ys)


def finding(kind: str, message: Msg, *, relation: str | None = None, indicators: Sequence[str] = (),
            year: int | None = None, implied=None, stated=None, difference=None, tolerance=None,
            unit: str | None = None, pace: dict | None = None, inputs: dict | None = None,
            inconsistent: bool = False) -> dict:
    """One finding with every key of ``KEYS`` (numbers finite or None)."""
    return {"relation": relation, "kind": kind, "indicators": list(indicators), "year": year,
            "message": message, "implied": num(implied), "stated": num(stated),
            "difference": num(difference), "tolerance": num(tolerance), "unit": unit,
            "pace": pace, "inputs": inputs or {}, "inconsistent": inconsistent}


def inconsistent(items: list[dict]) -> bool:
    """Whether any finding is an inconsistency (for ``--fail-on inconsistent``)."""
    return any(f["inconsistent"] for f in items)


def _inputs(vals: Mapping[str, Val]) -> dict:
    return {n: {"value": num(v.value), "year": v.year, "source": v.source, "via": v.via}
            for n, v in vals.items()}


def _show_inputs(spec: Spec, vals: Mapping[str, Val]) -> Msg:
    """The values a finding was computed from, each with its unit and where it came from."""
    return Msg("finding.inputs", items=[(n, v.value, unit_of(spec, n), v.source, v.year, v.via)
                                        for n, v in vals.items()])
