"""Derived indicators (a share, per capita, an intensity): paths computed from their components'
projections and assessed against their own targets."""
from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import NamedTuple

import numpy as np

from sim.assess.classify import classify
from sim.assess.consistency import DEFAULT_REL_TOL
from sim.assess.facts import _indicator, equations, reference_value
from sim.assess.presets import Method
from sim.assess.status import as_method, assess_plan, assess_target
from sim.meta import Msg
from sim.scenario.model import Assumption, Scenario
from sim.scenario.projection import Projection, project_indicator, project_plan
from sim.spec import algebra
from sim.spec import relations as rel_
from sim.spec.model import Indicator, Relation, Spec


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


def _path(p: Projection) -> Path | None:
    if p.pace is None:
        return None
    return Path({p.start.year: p.start.value} | p.values, p.pace.source, p.pace.assumed, p.start.assumed)


def path_of(spec: Spec, ind: Indicator, sc: Scenario) -> Path | None:
    """The indicator's deterministic path under ``sc`` to its last target year, or None."""
    return _path(project_indicator(spec, ind, sc))


def projected_paths(spec: Spec, sc: Scenario, projection: Mapping[str, Projection] | None = None) -> dict[str, Path]:
    """Deterministic path of every indicator with a start and a pace (start value included), from
    the scenario's ``projection`` when the caller has it."""
    projection = projection if projection is not None else project_plan(spec, sc)
    return {k: p for k, proj in projection.items() if (p := _path(proj)) is not None}


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
    return algebra.evaluate(eq.rhs, env)


def resolve(spec: Spec, available: set[str], compute: Callable[[Relation, rel_.Equation, list[str]], bool],
            exclude: Collection[str] = ()) -> None:
    """Walk the relations that compute an indicator from others, in dependency order, calling
    ``compute(relation, equation, component ids)`` for each one whose components are all
    ``available`` (references need values). The first relation defining an indicator is its
    relation; an indicator in ``exclude`` keeps its own path. When ``compute`` returns False the
    indicator stays on its own path (available if it is in ``available``); a cycle leaves the rest
    on their own paths. The one mechanism of derived indicators: check (derive_paths), simulate
    (spec_derived) and verify."""
    defining: dict[str, tuple] = {}
    for r, eq in equations(spec):
        if _indicator(spec, eq.lhs.id) is not None and eq.lhs.id not in exclude:
            defining.setdefault(eq.lhs.id, (r, eq))
    have = set(available) - set(defining)
    todo = dict(defining)
    while todo:
        ready = [lhs for lhs, (_, eq) in todo.items() if not any(n in todo for n in rel_.names(eq.rhs))]
        if not ready:   # a cycle
            return
        for lhs in ready:
            r, eq = todo.pop(lhs)
            comps = [n for n in rel_.names(eq.rhs) if n not in spec.references]
            refs_ok = all(spec.references[n].values for n in rel_.names(eq.rhs) if n in spec.references)
            done = bool(comps) and refs_ok and all(n in have for n in comps) and compute(r, eq, comps)
            if done or lhs in available:
                have.add(lhs)


def derive_paths(spec: Spec, paths: Mapping[str, Mapping[int, float]]) -> dict[str, Derived]:
    """Left-hand sides of relations computed from their components' paths (``resolve``), over the
    years all components have; an indicator stays on its own path when they share none."""
    final = dict(paths)
    out: dict[str, Derived] = {}

    def compute(r, eq, comps) -> bool:
        years = sorted(set.intersection(*(set(final[n]) for n in comps)))
        if not years:
            return False
        vals = derive_values(spec, eq, {n: np.array([final[n][y] for y in years]) for n in comps}, years)
        final[eq.lhs.id] = {y: float(v) for y, v in zip(years, np.atleast_1d(vals))}
        out[eq.lhs.id] = Derived(r.id, r.expr, final[eq.lhs.id], tuple(comps))
        return True

    resolve(spec, set(paths), compute)
    return out


def _derived_scenario(spec: Spec, sc: Scenario, ind: Indicator, d: Derived,
                      derived_ids: set[str]) -> tuple[Scenario, list[Msg]] | None:
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
            notes.append(Msg("note.derived_anchor", derived=ref, year=a_year, actual=a_val))
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


def assess_with_relations(spec: Spec, sc: Scenario, preset: str | Method = "default",
                          margin: float = 0.1, projection: Mapping[str, Projection] | None = None) -> list[dict]:
    """``assess_plan`` rows, with the targets of derived indicators assessed against the path
    computed from their components (the scenario's ``projection``, computed here when not given);
    a preset then adds its class (from actuals) to every row."""
    method = as_method(preset, margin)
    projection = project_plan(spec, sc) if projection is None else projection
    rows = assess_plan(spec, sc, projection=projection)
    if spec.relations:
        rows = _with_derived(spec, sc, rows, projection)
    if method.preset == "default":
        return rows
    pairs = [(ind, t) for ind in spec.indicators for t in ind.targets]
    return [classify(r, spec, ind, t, sc, method) for r, (ind, t) in zip(rows, pairs)]


def _with_derived(spec: Spec, sc: Scenario, rows: list[dict],
                  projection: Mapping[str, Projection] | None) -> list[dict]:
    paths = projected_paths(spec, sc, projection)
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
            new = assess_target(spec, ind, t, sc2)
            comps = {n: {"start_year": min(paths[n].values), "start": paths[n].values[min(paths[n].values)],
                         "pace_source": paths[n].source, "assumed_pace": paths[n].assumed_pace,
                         "assumed_start": paths[n].assumed_start}
                     for n in d.components if n in paths}
            new["pace_source"] = Msg("pace.derived", expr=d.expr,
                                     parts=[(n, c["pace_source"]) for n, c in comps.items()])
            if new["start_assumed"]:
                new["start_assumed"] = any(c["assumed_start"] for c in comps.values())
            new["assumed"] = [x for x in new["assumed"] if x not in ("pace", "baseline")] + (
                ["pace"] if any(c["assumed_pace"] for c in comps.values()) else []) + (
                ["baseline"] if new["start_assumed"] else [])
            new["explain"]["derived"] = {"relation": d.relation, "expr": d.expr, "components": comps,
                                         "path": {str(y): v for y, v in d.values.items()}}
            new["explain"]["notes"] = [n for n in new["explain"]["notes"]
                                       if n.code != "note.start_assumed"] + notes + [
                Msg("note.derived", relation=d.relation, expr=d.expr)]
            out.append(new)
    return out
