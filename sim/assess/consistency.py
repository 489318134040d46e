"""Consistency between targets (METHODS.md "Consistency between targets"): implied targets,
contradictions and bounds of relations, growth vs level targets. Findings are data; report/findings renders them."""
from __future__ import annotations

import math
from typing import Mapping, Sequence

from sim.assess.facts import (
    REFERENCE_SOURCES,
    Val,
    _assumed_starts,
    _compound,
    _indicator,
    _inputs,
    _show_inputs,
    _years,
    dated,
    equations,
    finding,
    is_share,
    stated,
    unit_of,
)
from sim.assess.records import _pace_limits, pace_findings, pace_findings_many
from sim.assess.rows import num
from sim.errors import SimError
from sim.meta import Msg
from sim.scenario.model import Scenario
from sim.scenario.paths import deflator_of
from sim.scenario.projection import Projection
from sim.spec import algebra
from sim.spec import relations as rel_
from sim.spec.model import Indicator, Relation, Spec
from sim.spec.targets import Target

DEFAULT_REL_TOL = 0.005     # tolerance of a relation without one: 0.5% of the larger side


def findings(spec: Spec, scenario: Scenario | None = None, max_growth: float | None = None,
             projection: Mapping[str, Projection] | None = None) -> list[dict]:
    """Every consistency finding of ``spec`` (with ``scenario``: its assumed baselines count as
    values; their starts read from the scenario's ``projection`` when given). ``max_growth``: a
    plausibility limit on compound paces, fraction per year."""
    assumed = _assumed_starts(spec, scenario, projection)
    return (relation_findings(spec, assumed, max_growth) + growth_level_findings(spec, assumed, scenario)
            + pace_findings(spec, assumed, max_growth))


def findings_many(specs: Sequence[Spec], scenarios: Sequence[Scenario], max_growth: float | None = None
                  ) -> list[list[dict] | SimError]:
    """``findings`` of each plan under its scenario, the compound paces of all plans computed as
    arrays at once; a plan whose relations cannot be read gets its SimError."""
    assumed = [_assumed_starts(s, sc) for s, sc in zip(specs, scenarios)]
    paces = pace_findings_many(specs, assumed, max_growth)
    out: list = []
    for s, sc, a, p in zip(specs, scenarios, assumed, paces):
        try:
            out.append(relation_findings(s, a, max_growth) + growth_level_findings(s, a, sc) + p)
        except SimError as e:
            out.append(e)
    return out


def relation_findings(spec: Spec, assumed: Mapping[str, Val] | None = None,
                      max_growth: float | None = None) -> list[dict]:
    """Contradictions on stated values, then implied values chained through the relations."""
    assumed = assumed or {}
    eqs = equations(spec)
    out: list[tuple[int, int, dict]] = []
    pending = []
    for k, (r, eq) in enumerate(eqs):
        for y in _years(spec, eq, assumed):
            vals = {n: v for n in eq.names if (v := stated(spec, n, y, assumed)) is not None}
            if all(v.source in REFERENCE_SOURCES for v in vals.values()):
                continue
            if len(vals) == len(eq.names):
                f = _contradiction(spec, r, eq, y, vals)
                if f:
                    out.append((k, y, f))
            else:
                pending.append((k, r, eq, y))
    implied: dict[tuple[str, int], Val] = {}
    solved = []
    changed = True
    while changed:
        changed = False
        for k, r, eq, y in pending:
            vals = _values(spec, eq, y, assumed, implied)
            missing = [n for n in eq.names if n not in vals]
            if len(missing) != 1 or (missing[0], y) in implied:
                continue
            u = missing[0]
            try:
                value = float(algebra.evaluate(algebra.solve(eq, u), {n: v.value for n, v in vals.items()}))
            except rel_.RelationError:
                continue
            if not math.isfinite(value):
                continue
            implied[(u, y)] = Val(value, "implied", y, r.id)
            solved.append((k, r, eq, y, u, value, vals))
            changed = True
    found = [f for _, _, f in sorted(out, key=lambda x: (x[0], x[1]))]
    for k, r, eq, y, u, value, vals in solved:   # in the order found: chained values last
        found += _implied(spec, r, eq, y, u, value, vals, assumed, implied, max_growth)
    return found


def _values(spec, eq, y, assumed, implied) -> dict[str, Val]:
    out = {}
    for n in eq.names:
        v = stated(spec, n, y, assumed) or implied.get((n, y))
        if v is not None:
            out[n] = v
    return out


def _contradiction(spec: Spec, r: Relation, eq: rel_.Equation, y: int, vals: dict) -> dict | None:
    lhs = eq.lhs.id
    s = vals[lhs].value
    i = float(algebra.evaluate(eq.rhs, {n: v.value for n, v in vals.items()}))
    if not math.isfinite(i):
        return None
    d = s - i
    tol = r.tolerance if r.tolerance is not None else DEFAULT_REL_TOL * max(abs(s), abs(i))
    if abs(d) <= tol * (1 + 1e-9):
        return None
    unit = unit_of(spec, lhs)
    return finding(
        "contradiction",
        Msg("finding.contradiction", year=y, name=lhs, stated=s, rhs=algebra.to_text(eq.rhs), implied=i,
            unit=unit, difference=d, tolerance=tol, inputs=_show_inputs(spec, vals)),
        relation=r.id, indicators=eq.names, year=y, implied=i, stated=s, difference=d,
        tolerance=tol, unit=unit, inputs=_inputs(vals), inconsistent=True)


def _implied(spec, r, eq, y, u, value, vals, assumed, implied, max_growth) -> list[dict]:
    unit = unit_of(spec, u)
    ind = _indicator(spec, u)
    formula = algebra.to_text(algebra.solve(eq, u)) if rel_.occurrences(eq.rhs, u) <= 1 else \
        Msg("finding.solved_for", expr=r.expr, name=u)
    head = Msg("finding.implied_head", year=y, name=u, value=value, unit=unit, relation=r.id, formula=formula,
               inputs=_show_inputs(spec, vals))
    inputs = _inputs(vals)
    common = dict(relation=r.id, indicators=eq.names, year=y, implied=value, unit=unit, inputs=inputs)
    if is_share(ind) and not 0 <= value <= 100:
        return [finding("bounds", Msg("finding.bounds_share", head=head), inconsistent=True, **common)]
    if _compound(spec, u) and value <= 0:
        return [finding("bounds", Msg("finding.bounds_level", head=head), inconsistent=True, **common)]
    pace, text = _implied_pace(spec, eq, r, y, u, value, assumed, implied)
    t = next((t for t in (dated(ind) if ind else ()) if t.year >= y and t.kind == "level"
              and t.value is not None), None)
    own = (t.text, t.year) if t is not None else None
    out = [finding("implied", Msg("finding.implied", head=head, pace=text, own=own), pace=pace, **common)]
    if pace and pace.get("value") is not None and pace["unit"] == "%/yr":
        out += _pace_limits(spec, u, pace["value"] / 100, pace["from_year"], y, max_growth,
                            relation=r.id, what=Msg("what.implied_pace", relation=r.id))
    return out


def _implied_pace(spec, eq, r, y, u, value, assumed, implied) -> tuple[dict | None, Msg | None]:
    """The pace ``u`` needs to reach ``value`` in ``y``: from its previous value, or relative to
    the one component whose earlier value is unknown (monomial relations)."""
    earlier = {}
    for y0 in _years(spec, eq, assumed):
        if y0 < y:
            v = stated(spec, u, y0, assumed) or implied.get((u, y0))
            if v is not None:
                earlier[y0] = v
    unit = unit_of(spec, u)
    if earlier:
        y0 = max(earlier)
        v0 = earlier[y0].value
        n = y - y0
        if _compound(spec, u) and v0 > 0 and value > 0:
            rate = (value / v0) ** (1 / n) - 1
            pace = {"from_year": y0, "to_year": y, "from": num(v0), "value": num(rate * 100),
                    "unit": "%/yr", "relative_to": None, "factor": None}
            return pace, Msg("implied_pace.compound", start=v0, unit=unit, year=y0, source=earlier[y0].source,
                             via=earlier[y0].via, rate=rate)
        d = (value - v0) / n
        pace = {"from_year": y0, "to_year": y, "from": num(v0), "value": num(d),
                "unit": f"{unit or 'units'}/yr", "relative_to": None, "factor": None}
        return pace, Msg("implied_pace.linear", start=v0, unit=unit, year=y0, change=d)
    solved = algebra.solve(eq, u)
    vals = _values(spec, eq, y, assumed, implied)
    for y0 in reversed([y0 for y0 in _years(spec, eq, assumed) if y0 < y]):
        vals0 = _values(spec, eq, y0, assumed, implied)
        missing = [n for n in eq.names if n != u and n not in vals0]
        if len(missing) != 1 or missing[0] not in vals:
            continue
        w = missing[0]
        k = algebra.exponent(solved, w)
        if not k:
            continue
        env0 = {n: v.value for n, v in vals0.items()} | {w: vals[w].value}
        base = float(algebra.evaluate(solved, env0))
        if not (math.isfinite(base) and base > 0):
            continue
        ratio = value / base
        if not ratio > 0:
            continue
        f = ratio ** (1 / (y - y0))
        pace = {"from_year": y0, "to_year": y, "from": None, "value": num((f - 1) * 100),
                "unit": "%/yr relative", "relative_to": w, "factor": num(f), "exponent": k}
        return pace, Msg("implied_pace.relative", name=u, start=y0, end=y, other=w, factor=f, exponent=k)
    return None, None


def _interval(t: Target) -> tuple[float, float]:
    if t.op == "between":
        return t.low, t.high
    v = t.value
    if t.op in (">=", ">"):
        return v, math.inf
    if t.op in ("<=", "<"):
        return -math.inf, v
    tol = t.tolerance or 0.0
    return v - tol, v + tol


def growth_level_findings(spec: Spec, assumed: Mapping[str, Val] | None = None,
                          scenario: Scenario | None = None) -> list[dict]:
    """A growth-rate target and a level target on one indicator and year. A real growth target
    (GDP, value added) meets a nominal level through the scenario's deflator."""
    assumed = assumed or {}
    out = []
    for ind in spec.indicators:
        for g in dated(ind):
            if g.kind != "growth" or g.value is None:
                continue
            for lv in dated(ind):
                if lv.kind == "level" and lv.year == g.year and lv.value is not None:
                    defl = deflator_of(scenario, ind) if scenario is not None and ind.growth_is_real else None
                    out.append(_growth_level(spec, ind, g, lv, assumed, defl))
    return out


def _growth_level(spec: Spec, ind: Indicator, g: Target, lv: Target, assumed,
                  deflator: float | None = None) -> dict:
    if g.period == "annual_average":
        y0 = ind.baseline.year if ind.baseline else spec.plan.base_year
    else:
        y0 = g.year - 1
    n = g.year - y0
    prev = ind.actuals().get(y0)
    a = assumed.get(ind.id)
    src = "actual"
    if prev is None and a is not None and a.year == y0:
        prev, src = a.value, "assumed by the scenario"   # the JSON's inputs.source
    d = deflator or 0.0
    nominal = lambda pct: ((1 + pct / 100) * (1 + d) - 1) * 100 if math.isfinite(pct) else pct  # noqa: E731
    factor = (1 + nominal(g.value) / 100) ** n
    if ind.growth_is_real:
        basis = (Msg("finding.basis_real", growth=g.value, nominal=nominal(g.value), deflator=d)
                 if deflator is not None else Msg("finding.basis_no_deflator"))
    else:
        basis = None
    level = dict(op=lv.op, level=lv.value, stretch=lv.stretch, unit=ind.unit, basis=basis)
    unit = ind.unit
    common = dict(indicators=[ind.id], unit=unit)
    if prev is None or prev <= 0:
        at = lv.value / factor
        return finding(
            "growth_level",
            Msg("finding.growth_level_unknown", year=g.year, name=ind.id, text=g.text, gop=g.op, growth=g.value,
                base_year=y0, at=at, **level),
            year=y0, implied=at, **common)
    glo, ghi = (nominal(x) for x in _interval(g))
    llo, lhi = _interval(lv)
    need = [((x / prev) ** (1 / n) - 1) * 100 if x > 0 else -100.0 if math.isfinite(x) else x
            for x in (llo, lhi)]
    gap = max(glo - need[1], need[0] - ghi, 0.0)
    gives = prev * factor
    need_txt = need[0] if math.isfinite(need[0]) else need[1]
    msg = Msg("finding.growth_level", year=g.year, start=prev, base_year=y0, assumed=src != "actual", gop=g.op,
              growth=g.value, gives=gives, need=need_txt, gap=gap,
              harder="level" if need[0] > glo else "growth", **level)
    return finding("growth_level", msg, year=g.year, implied=gives, stated=lv.value,
                   difference=lv.value - gives, inconsistent=gap > 0,
                   inputs={ind.id: {"value": prev, "year": y0, "source": src, "via": None}}, **common)
