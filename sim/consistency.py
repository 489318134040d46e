"""Consistency between targets (METHODS.md "Consistency between targets") and projections that
respect the spec's relations.

``findings(spec, scenario)`` lists what `sim validate` and the ``consistency`` section of
`sim check` report, one dict per finding with the keys of ``KEYS``. Kinds:

- ``implied``: all values of a relation but one are given at a year -> the one left, and the
  pace it needs from its previous value (or, when that is unknown too, its pace relative to
  the component whose start is unknown: share 15.7% -> 21% means manufacturing value added
  grows (21/15.7)^(1/5) = 6.0% a year faster than GDP);
- ``contradiction``: all values given, and the left-hand side differs from the right by more
  than the relation's tolerance (default ``DEFAULT_REL_TOL`` of the value);
- ``growth_level``: a growth-rate and a level target on one indicator and year (增长8.5%以上,
  力争超22亿元): the previous value at which they agree, or, when it is known, the growth the
  level needs — inconsistent when no growth meets both;
- ``bounds``: an implied value out of bounds — a share outside 0-100, a level or reference
  at or below 0 (parts larger than their total, a district larger than its city);
- ``pace``: a required pace faster than any year on record, or than a limit the user sets.

Values of a relation at a year are what the plan states: the level target of that year (read
as the value planned, whatever its operator), else the actual, else — with a scenario — the
assumed baseline; a reference's value of that year, else its latest earlier value held
constant (said so). Contradictions use stated values only, so each is local to its relation;
implied values chain from one relation to the next (``inputs`` say where each came from).

Projections (item 3): ``derive_paths`` computes the left-hand side of a relation from its
components' paths (elementwise, so it serves stochastic draws as well), and
``assess_with_relations`` assesses a derived indicator's targets against that path.
"""
from __future__ import annotations

import math
from typing import Mapping, NamedTuple, Sequence

import numpy as np

from sim import relations as rel_
from sim.assess import assess_plan, assess_target, num
from sim.errors import SimError
from sim.model import Indicator, Relation, Spec
from sim.scenario import (
    WEAK_POINTS,
    Assumption,
    Scenario,
    deflator_of,
    linked_history,
    pace_of,
    project_values,
    start_of,
)
from sim.spec import GROWTH_NAME, SHARE_NAME
from sim.targets import Target

DEFAULT_REL_TOL = 0.005     # tolerance of a relation without one: 0.5% of the larger side
KEYS = ("relation", "kind", "indicators", "year", "message", "implied", "stated", "difference",
        "tolerance", "unit", "pace", "inputs", "inconsistent")
KIND_LABELS = {
    "zh": {"implied": "隐含目标", "contradiction": "相互矛盾", "growth_level": "增速与总量",
           "bounds": "越界", "pace": "速度超出记录或上限"},
    "en": {"implied": "implied", "contradiction": "contradiction", "growth_level": "growth vs level",
           "bounds": "out of bounds", "pace": "pace beyond record or limit"},
}
REFERENCE_SOURCES = ("reference", "reference_held")


class Val(NamedTuple):
    """A value of one id at one year and where it came from."""
    value: float
    source: str          # target | actual | assumed | reference | reference_held | implied
    year: int            # reference_held: the year the value was published
    via: str | None = None   # implied: the relation that gave it


# ---- reading a spec ------------------------------------------------------------------------

def equations(spec: Spec) -> list[tuple[Relation, rel_.Equation]]:
    """Each relation of ``spec`` with its parsed equation; a located SimError if one is bad."""
    known = {i.id for i in spec.indicators} | set(spec.references) | {
        i.parent for i in spec.indicators if i.parent}
    out = []
    for r in spec.relations:
        try:
            out.append((r, rel_.parse(r.expr, known)))
        except rel_.RelationError as e:
            raise SimError(e.message, file=spec.file, line=r.line, field=f"relations.{r.id}.expr",
                           hint=e.hint) from None
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


def _assumed_starts(spec: Spec, sc: Scenario | None) -> dict[str, Val]:
    if sc is None:
        return {}
    out = {}
    for ind in spec.indicators:
        s = start_of(ind, sc, spec.plan.base_year)
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


# ---- findings ------------------------------------------------------------------------------

def finding(kind: str, message: str, *, relation: str | None = None, indicators: Sequence[str] = (),
            year: int | None = None, implied=None, stated=None, difference=None, tolerance=None,
            unit: str | None = None, pace: dict | None = None, inputs: dict | None = None,
            inconsistent: bool = False) -> dict:
    """One finding with every key of ``KEYS`` (numbers finite or None)."""
    return {"relation": relation, "kind": kind, "indicators": list(indicators), "year": year,
            "message": message, "implied": num(implied), "stated": num(stated),
            "difference": num(difference), "tolerance": num(tolerance), "unit": unit,
            "pace": pace, "inputs": inputs or {}, "inconsistent": inconsistent}


def findings(spec: Spec, scenario: Scenario | None = None, max_growth: float | None = None) -> list[dict]:
    """Every consistency finding of ``spec`` (with ``scenario``: its assumed baselines count as
    values). ``max_growth``: a plausibility limit on compound paces, fraction per year."""
    assumed = _assumed_starts(spec, scenario)
    return (relation_findings(spec, assumed, max_growth) + growth_level_findings(spec, assumed, scenario)
            + pace_findings(spec, assumed, max_growth))


def inconsistent(items: list[dict]) -> bool:
    """Whether any finding is an inconsistency (for ``--fail-on inconsistent``)."""
    return any(f["inconsistent"] for f in items)


def _fmt(x: float, unit: str = "") -> str:
    """A number for a message (4 significant digits, whole numbers from 1000 on) and its unit."""
    s = f"{x:.0f}" if abs(x) >= 1000 else f"{x:.4g}"
    return s + (f" {unit}" if unit and unit != "%" else unit)


def _inputs(vals: Mapping[str, Val]) -> dict:
    return {n: {"value": num(v.value), "year": v.year, "source": v.source, "via": v.via}
            for n, v in vals.items()}


def _show_inputs(spec: Spec, vals: Mapping[str, Val]) -> str:
    parts = []
    for n, v in vals.items():
        tag = {"target": "target", "actual": "actual", "assumed": "assumed by the scenario",
               "reference": "reference", "implied": f"implied by {v.via}",
               "reference_held": f"reference {v.year}, held constant"}[v.source]
        parts.append(f"{n} {_fmt(v.value, unit_of(spec, n))} ({tag})")
    return ", ".join(parts)


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
                value = float(rel_.evaluate(rel_.solve(eq, u), {n: v.value for n, v in vals.items()}))
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
    i = float(rel_.evaluate(eq.rhs, {n: v.value for n, v in vals.items()}))
    if not math.isfinite(i):
        return None
    d = s - i
    tol = r.tolerance if r.tolerance is not None else DEFAULT_REL_TOL * max(abs(s), abs(i))
    if abs(d) <= tol * (1 + 1e-9):
        return None
    unit = unit_of(spec, lhs)
    return finding(
        "contradiction",
        f"{y}: {lhs} is {_fmt(s, unit)}, but {rel_.to_text(eq.rhs)} gives {_fmt(i, unit)} "
        f"(difference {d:+.4g}, tolerance {tol:.3g}) from {_show_inputs(spec, vals)}",
        relation=r.id, indicators=eq.names, year=y, implied=i, stated=s, difference=d,
        tolerance=tol, unit=unit, inputs=_inputs(vals), inconsistent=True)


def _implied(spec, r, eq, y, u, value, vals, assumed, implied, max_growth) -> list[dict]:
    unit = unit_of(spec, u)
    ind = _indicator(spec, u)
    formula = rel_.to_text(rel_.solve(eq, u)) if rel_.occurrences(eq.rhs, u) <= 1 else \
        f"{r.expr} solved for {u}"
    head = f"{y}: {u} = {_fmt(value, unit)}, implied by {r.id} ({u} = {formula}) from " \
           f"{_show_inputs(spec, vals)}"
    inputs = _inputs(vals)
    common = dict(relation=r.id, indicators=eq.names, year=y, implied=value, unit=unit, inputs=inputs)
    if is_share(ind) and not 0 <= value <= 100:
        return [finding("bounds", head + "; a share must lie within 0-100", inconsistent=True, **common)]
    if _compound(spec, u) and value <= 0:
        return [finding("bounds", head + "; a level must be positive (are the parts larger than "
                                         "their total?)", inconsistent=True, **common)]
    pace, text = _implied_pace(spec, eq, r, y, u, value, assumed, implied)
    t = next((t for t in (dated(ind) if ind else ()) if t.year >= y and t.kind == "level"
              and t.value is not None), None)
    if t is not None:
        text += f"; its own target: {t.text} in {t.year}"
    out = [finding("implied", head + text, pace=pace, **common)]
    if pace and pace.get("value") is not None and pace["unit"] == "%/yr":
        out += _pace_limits(spec, u, pace["value"] / 100, pace["from_year"], y, max_growth,
                            relation=r.id, what=f"the pace implied by {r.id}")
    return out


def _implied_pace(spec, eq, r, y, u, value, assumed, implied) -> tuple[dict | None, str]:
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
            return pace, f"; from {_fmt(v0, unit)} in {y0} ({earlier[y0].source}) that is " \
                         f"{rate:+.2%} a year"
        d = (value - v0) / n
        pace = {"from_year": y0, "to_year": y, "from": num(v0), "value": num(d),
                "unit": f"{unit or 'units'}/yr", "relative_to": None, "factor": None}
        return pace, f"; from {_fmt(v0, unit)} in {y0} that is {d:+.4g} {unit or 'units'} a year"
    solved = rel_.solve(eq, u)
    vals = _values(spec, eq, y, assumed, implied)
    for y0 in reversed([y0 for y0 in _years(spec, eq, assumed) if y0 < y]):
        vals0 = _values(spec, eq, y0, assumed, implied)
        missing = [n for n in eq.names if n != u and n not in vals0]
        if len(missing) != 1 or missing[0] not in vals:
            continue
        w = missing[0]
        k = rel_.exponent(solved, w)
        if not k:
            continue
        env0 = {n: v.value for n, v in vals0.items()} | {w: vals[w].value}
        base = float(rel_.evaluate(solved, env0))
        if not (math.isfinite(base) and base > 0):
            continue
        ratio = value / base
        if not ratio > 0:
            continue
        f = ratio ** (1 / (y - y0))
        pace = {"from_year": y0, "to_year": y, "from": None, "value": num((f - 1) * 100),
                "unit": "%/yr relative", "relative_to": w, "factor": num(f), "exponent": k}
        lead = f"; {u} in {y0} is unknown ({w} is not given for {y0}): whatever {w}'s pace, "
        if k == 1:
            text = (f"{u} must grow {abs(f - 1):.2%} a year {'faster' if f >= 1 else 'slower'} than {w} "
                    f"(1 + g_{u} = {f:.4f} x (1 + g_{w}), {y0}-{y})")
        else:
            text = (f"1 + g_{u} = {f:.4f} x (1 + g_{w})^{k:g} ({y0}-{y}): {u} grows {f - 1:+.2%} "
                    f"a year if {w} stays flat")
        return pace, lead + text
    return None, ""


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
        prev, src = a.value, "assumed by the scenario"
    d = deflator or 0.0
    nominal = lambda pct: ((1 + pct / 100) * (1 + d) - 1) * 100 if math.isfinite(pct) else pct  # noqa: E731
    factor = (1 + nominal(g.value) / 100) ** n
    if ind.growth_is_real:
        basis = (f"; real growth {g.value:g}% is {nominal(g.value):.2f}% nominal with the deflator "
                 f"{d:.1%}" if deflator is not None else
                 "; the growth target is real and the level nominal: with no scenario no deflator is applied")
    else:
        basis = ""
    stretch = " (力争, stretch)" if lv.stretch else ""
    unit = ind.unit
    common = dict(indicators=[ind.id], unit=unit)
    if prev is None or prev <= 0:
        at = lv.value / factor
        return finding(
            "growth_level",
            f"{g.year}: {ind.id} has a growth target {g.text!r} ({g.op} {g.value:g}%/yr) and a level "
            f"target {lv.op} {_fmt(lv.value, unit)}{stretch}; the {y0} value is not in the spec. They "
            f"agree only if {ind.id} was {_fmt(at, unit)} in {y0}: from less, the level needs more "
            f"than {g.value:g}% growth; from more, the growth target is the harder one{basis}",
            year=y0, implied=at, **common)
    glo, ghi = (nominal(x) for x in _interval(g))
    llo, lhi = _interval(lv)
    need = [((x / prev) ** (1 / n) - 1) * 100 if x > 0 else -100.0 if math.isfinite(x) else x
            for x in (llo, lhi)]
    gap = max(glo - need[1], need[0] - ghi, 0.0)
    gives = prev * factor
    need_txt = f"{need[0]:.2f}%" if math.isfinite(need[0]) else f"{need[1]:.2f}%"
    msg = (f"{g.year}: from {_fmt(prev, unit)} in {y0} ({src}), the growth target {g.op} {g.value:g}% "
           f"gives {_fmt(gives, unit)}, the level target {lv.op} {_fmt(lv.value, unit)}{stretch} needs "
           f"{need_txt} growth")
    if gap > 0:
        msg += f": no growth meets both (apart by {gap:.2f} points)"
    else:
        harder = "level" if need[0] > glo else "growth"
        msg += f": both can hold; the {harder} target is the harder one"
    msg += basis
    return finding("growth_level", msg, year=g.year, implied=gives, stated=lv.value,
                   difference=lv.value - gives, inconsistent=gap > 0,
                   inputs={ind.id: {"value": prev, "year": y0, "source": src, "via": None}}, **common)


# ---- paces against the record and the user's limit -----------------------------------------

def record(ind: Indicator, with_published: bool = True, with_levels: bool = True
           ) -> tuple[list[float], list[int]]:
    """Yearly paces on record: growth (fraction) between actuals, annualized over gaps, and
    published growth rates (compound models); changes per year (linear). With their years."""
    pts, _ = linked_history(ind)
    ys = sorted(pts) if with_levels else []
    paces, years = [], []
    for a, b in zip(ys[:-1], ys[1:]):
        if ind.model == "compound" and pts[a] > 0 and pts[b] > 0:
            paces.append((pts[b] / pts[a]) ** (1 / (b - a)) - 1)
        elif ind.model == "linear":
            paces.append((pts[b] - pts[a]) / (b - a))
        else:
            continue
        years.append(b)
    if ind.model == "compound" and with_published:
        for y, v in sorted(ind.growth_history.items()):
            paces.append(v / 100)
            years.append(y)
    return paces, years


def pace_findings(spec: Spec, assumed: Mapping[str, Val] | None = None,
                  max_growth: float | None = None) -> list[dict]:
    """Targets whose required pace is beyond the record or the limit."""
    assumed = assumed or {}
    out = []
    for ind in spec.indicators:
        for t in dated(ind):
            if t.value is None or t.op == "between":
                continue
            if t.kind == "growth":
                out += _pace_limits(spec, ind.id, t.value / 100, t.year - 1, t.year, max_growth,
                                    what=f"the growth target {t.text!r}", growth_target=True)
            elif t.kind == "level":
                start = _start_before(ind, t.year, assumed)
                if start is None:
                    continue
                y0, x0 = start
                n = t.year - y0
                if ind.model == "compound" and x0 > 0 and t.value > 0:
                    req = (t.value / x0) ** (1 / n) - 1
                    out += _pace_limits(spec, ind.id, req, y0, t.year, max_growth,
                                        what=f"the target {t.text!r} (from {x0:g} in {y0})")
                elif ind.model == "linear":
                    out += _linear_record(ind, (t.value - x0) / n, y0, t)
    return out


def _start_before(ind: Indicator, year: int, assumed) -> tuple[int, float] | None:
    before = {y: v for y, v in ind.actuals().items() if y < year}
    if before:
        return max(before), before[max(before)]
    a = assumed.get(ind.id)
    return (a.year, a.value) if a is not None and a.year < year else None


def _pace_limits(spec: Spec, name: str, req: float, y0: int, y: int, max_growth: float | None, *,
                 relation: str | None = None, what: str, growth_target: bool = False) -> list[dict]:
    ind = _indicator(spec, name)
    out = []
    base = dict(relation=relation, indicators=[name], year=y, unit="%/yr", inconsistent=True)
    if ind is not None and ind.model == "compound":
        real = ind.growth_is_real   # real growth is compared with published (real) rates only,
        paces, years = record(ind, with_published=growth_target or not real,   # nominal paces with
                              with_levels=not (growth_target and real))       # level-to-level ones
        if paces:
            hi, lo = max(paces), min(paces)
            if req > 0 and req > hi:
                out.append(finding("pace", f"{y}: {name}: {what} needs {req:.2%} a year, faster than "
                                           f"any year on record (highest {hi:.2%}; {_on_record(years)})",
                                   implied=req * 100, stated=hi * 100, difference=(req - hi) * 100,
                                   **base))
            elif req < 0 and req < lo:
                out.append(finding("pace", f"{y}: {name}: {what} needs {req:.2%} a year, a faster fall "
                                           f"than any year on record (lowest {lo:.2%}; {_on_record(years)})",
                                   implied=req * 100, stated=lo * 100, difference=(req - lo) * 100,
                                   **base))
    if max_growth is not None and abs(req) > max_growth and (ind is None or ind.model == "compound"):
        out.append(finding("pace", f"{y}: {name}: {what} needs {req:.2%} a year ({y0}-{y}), beyond the "
                                   f"plausibility limit of ±{max_growth:.2%}",
                           implied=req * 100, stated=max_growth * 100,
                           difference=(abs(req) - max_growth) * 100, tolerance=None, **base))
    return out


def _on_record(years: list[int]) -> str:
    weak = ", weak evidence" if len(years) < WEAK_POINTS else ""
    return f"{len(years)} year(s) on record: {', '.join(map(str, years))}{weak}"


def _linear_record(ind: Indicator, req: float, y0: int, t: Target) -> list[dict]:
    paces, years = record(ind)
    if not paces:
        return []
    hi, lo = max(paces), min(paces)
    if (req > 0 and req > hi) or (req < 0 and req < lo):
        edge = hi if req > 0 else lo
        unit = f"{ind.unit or 'units'}/yr"
        return [finding("pace", f"{t.year}: {ind.id}: the target {t.text!r} needs {req:+.4g} {unit} "
                                f"from {y0}, beyond any year on record ({'highest' if req > 0 else 'lowest'} "
                                f"{edge:+.4g}; {_on_record(years)})",
                        indicators=[ind.id], year=t.year, implied=req, stated=edge,
                        difference=req - edge, unit=unit, inconsistent=True)]
    return []


def render_findings(items: list[dict], lang: str = "zh") -> str:
    """Findings as indented text lines (for `sim validate`)."""
    labels = KIND_LABELS[lang]
    return "".join(f"  {labels[f['kind']]}{' [!]' if f['inconsistent'] else ''}: {f['message']}\n"
                   for f in items)


# ---- projections that respect relations ----------------------------------------------------

class Path(NamedTuple):
    values: dict[int, float]     # start year first, then the projected years
    source: str
    assumed_pace: bool
    assumed_start: bool


class Derived(NamedTuple):
    relation: str
    expr: str
    values: dict[int, float]
    components: tuple[str, ...]


def path_of(spec: Spec, ind: Indicator, sc: Scenario) -> Path | None:
    """The indicator's deterministic path under ``sc`` to its last target year, or None."""
    until = max([t.year for t in dated(ind)] + [spec.plan.target_year])
    start = start_of(ind, sc, spec.plan.base_year)
    pace = pace_of(ind, sc, start, until) if start else None
    if pace is None:
        return None
    return Path({start.year: start.value} | project_values(start, pace), pace.source,
                pace.assumed, start.assumed)


def projected_paths(spec: Spec, sc: Scenario) -> dict[str, Path]:
    """Deterministic path of every indicator with a start and a pace (start value included)."""
    return {ind.id: p for ind in spec.indicators if (p := path_of(spec, ind, sc)) is not None}


def reference_array(spec: Spec, name: str, years: Sequence[int]) -> np.ndarray:
    """A reference by year: its value, else the latest earlier one, else the earliest (held)."""
    vals = spec.references[name].values
    out = []
    for y in years:
        v = reference_value(spec, name, y)
        out.append(v.value if v else (vals[min(vals)] if vals else np.nan))
    return np.array(out, dtype=float)


def derive_values(spec: Spec, eq: rel_.Equation, paths: Mapping[str, np.ndarray],
                  years: Sequence[int]) -> np.ndarray:
    """The right-hand side of ``eq`` over aligned component paths (last axis = ``years``; any
    leading axes, e.g. draws, broadcast); references are filled in by year."""
    env = {n: (reference_array(spec, n, years) if n in spec.references else paths[n])
           for n in rel_.names(eq.rhs)}
    return rel_.evaluate(eq.rhs, env)


def derive_paths(spec: Spec, paths: Mapping[str, Mapping[int, float]]) -> dict[str, Derived]:
    """Left-hand sides of relations computed from their components' paths, chained in
    dependency order; an indicator stays on its own path when a component has none, or the
    relations form a cycle. The first relation defining an indicator wins."""
    eqs = [(r, eq) for r, eq in equations(spec) if _indicator(spec, eq.lhs.id) is not None]
    defining: dict[str, tuple] = {}
    for r, eq in eqs:
        defining.setdefault(eq.lhs.id, (r, eq))
    final: dict[str, Mapping[int, float]] = {k: v for k, v in paths.items() if k not in defining}
    out: dict[str, Derived] = {}
    todo = dict(defining)
    while todo:
        ready = [lhs for lhs, (_, eq) in todo.items()
                 if not any(n in todo for n in rel_.names(eq.rhs))]
        if not ready:   # a cycle: the rest keep their own paths
            final.update({lhs: paths[lhs] for lhs in todo if lhs in paths})
            break
        for lhs in ready:
            r, eq = todo.pop(lhs)
            comps = [n for n in rel_.names(eq.rhs) if n not in spec.references]
            refs_ok = all(spec.references[n].values for n in rel_.names(eq.rhs) if n in spec.references)
            years = sorted(set.intersection(*(set(final[n]) for n in comps))) \
                if comps and refs_ok and all(n in final for n in comps) else []
            if years:
                vals = derive_values(spec, eq, {n: np.array([final[n][y] for y in years])
                                                for n in comps}, years)
                final[lhs] = {y: float(v) for y, v in zip(years, np.atleast_1d(vals))}
                out[lhs] = Derived(r.id, r.expr, final[lhs], tuple(comps))
            elif lhs in paths:
                final[lhs] = paths[lhs]
    return out


def _derived_scenario(spec: Spec, sc: Scenario, ind: Indicator, d: Derived,
                      derived_ids: set[str]) -> tuple[Scenario, list[str]] | None:
    """``sc`` with the derived path as the indicator's assumption, anchored at its latest actual
    (or starting from the derived value in the base year); shocks no longer hit derived ids."""
    latest = ind.latest()
    notes = []
    if latest is not None:
        a_year, a_val = latest
        if a_year not in d.values:
            return None
        ref = d.values[a_year]
        if not math.isclose(ref, a_val, rel_tol=DEFAULT_REL_TOL, abs_tol=1e-12):
            notes.append(f"components give {ref:.4g} in {a_year}; the actual is {a_val:g}: "
                         f"the derived path is anchored at the actual")
        baseline = None
    else:
        a_year = spec.plan.base_year
        if a_year not in d.values:
            return None
        baseline = d.values[a_year]
    years = [y for y in sorted(d.values) if y > a_year]
    if not years:
        return None
    seq = [d.values[a_year]] + [d.values[y] for y in years]
    if ind.model == "compound" and all(v > 0 for v in seq):
        pace = {"growth": {y: seq[k + 1] / seq[k] - 1 for k, y in enumerate(years)}}
    else:
        pace = {"change": {y: seq[k + 1] - seq[k] for k, y in enumerate(years)}}
    a = Assumption(baseline=baseline, note=f"derived from relation {d.relation}", **pace)
    everyone = [i.id for i in spec.indicators if i.id not in derived_ids]
    shocks = [s.model_copy(update={"indicators": [i for i in (everyone if s.indicators == "all"
                                                              else s.indicators)
                                                  if i not in derived_ids]}) for s in sc.shocks]
    return sc.model_copy(update={"assumptions": {**sc.assumptions, ind.id: a}, "shocks": shocks}), notes


def assess_with_relations(spec: Spec, sc: Scenario, preset: str = "default",
                          margin: float = 0.1) -> list[dict]:
    """``assess_plan`` rows, with the targets of derived indicators assessed against the path
    computed from their components (preset ``default``; the official-method presets use
    observed paces and are left as they are)."""
    rows = assess_plan(spec, sc, preset, margin)
    if preset != "default" or not spec.relations:
        return rows
    paths = projected_paths(spec, sc)
    derived = derive_paths(spec, {k: p.values for k, p in paths.items()})
    if not derived:
        return rows
    out, k = [], 0
    for ind in spec.indicators:
        for t in ind.targets:
            row = rows[k]
            k += 1
            d = derived.get(ind.id)
            built = _derived_scenario(spec, sc, ind, d, set(derived)) if d else None
            if built is None:
                out.append(row)
                continue
            sc2, notes = built
            new = assess_target(spec, ind, t, sc2, preset, margin)
            comps = {n: {"start_year": min(paths[n].values), "start": paths[n].values[min(paths[n].values)],
                         "pace_source": paths[n].source, "assumed_pace": paths[n].assumed_pace,
                         "assumed_start": paths[n].assumed_start}
                     for n in d.components if n in paths}
            new["pace_source"] = f"derived: {d.expr} (from " + "; ".join(
                f"{n}: {c['pace_source']}" for n, c in comps.items()) + ")"
            if new["start_assumed"]:
                new["start_assumed"] = any(c["assumed_start"] for c in comps.values())
            new["assumed"] = [x for x in new["assumed"] if x not in ("pace", "baseline")] + (
                ["pace"] if any(c["assumed_pace"] for c in comps.values()) else []) + (
                ["baseline"] if new["start_assumed"] else [])
            new["explain"]["derived"] = {"relation": d.relation, "expr": d.expr, "components": comps,
                                         "path": {str(y): v for y, v in d.values.items()}}
            new["explain"]["notes"] = [n for n in new["explain"]["notes"]
                                       if not n.startswith("start value")] + notes + [
                f"projected from its components by relation {d.relation}: {d.expr}"]
            out.append(new)
    return out
