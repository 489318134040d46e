"""`sim verify`: property-based checks of a plan over ranges of assumptions (hypothesis)."""
from __future__ import annotations

import time
from typing import Callable, NamedTuple

from sim.assess.derived import Derived, Path, derive_paths, path_of, projected_paths
from sim.assess.facts import dated, equations, is_share, level_target
from sim.errors import SimError
from sim.meta import SCHEMA_VERSION, Msg, Result, provenance
from sim.scenario.load import scenario_dict
from sim.scenario.model import Scenario, Triangular, Uniform
from sim.spec.model import Indicator, Spec
from sim.spec.targets import Target

PROPERTIES = ("components_imply_derived", "shares_in_bounds", "binding_targets_hold")


PACE_FIELDS = ("change", "real_growth", "growth")   # the precedence of sim.scenario.paths.pace_of


class Range(NamedTuple):
    indicator: str
    field: str
    low: float
    high: float

    @property
    def key(self) -> str:
        return f"{self.indicator}.{self.field}"


def ranges(sc: Scenario) -> tuple[list[Range], list[Msg]]:
    """The searchable ranges of ``sc`` and notes on distributions held at their mean."""
    out, notes = [], []
    for ident, a in sorted(sc.assumptions.items()):
        for field in PACE_FIELDS:
            p = getattr(a, field)
            if p is None:
                continue
            if isinstance(p, (Uniform, Triangular)):
                out.append(Range(ident, field, float(p.low), float(p.high)))
            elif hasattr(p, "dist"):
                notes.append(Msg("verify.held_at_mean", ident=ident, field=field, dist=p.dist))
            break
    return out, notes


class _Plan:
    """Paths of a plan under one point of the ranges: fixed indicators once, ranged ones per point."""

    def __init__(self, spec: Spec, sc: Scenario, rngs: list[Range]):
        self.spec, self.sc, self.rngs = spec, sc, rngs
        self.ranged = {r.indicator for r in rngs}
        self.fixed = {k: p for k, p in projected_paths(spec, sc).items() if k not in self.ranged}
        self.inds = {i.id: i for i in spec.indicators}

    def paths(self, x: tuple[float, ...]) -> tuple[dict[str, dict[int, float]], dict[str, Derived]]:
        assumptions = dict(self.sc.assumptions)
        for r, v in zip(self.rngs, x):
            assumptions[r.indicator] = assumptions[r.indicator].model_copy(update={r.field: float(v)})
        sc = self.sc.model_copy(update={"assumptions": assumptions})
        own: dict[str, Path] = dict(self.fixed)
        for ident in self.ranged:
            p = path_of(self.spec, self.inds[ident], sc)
            if p is not None:
                own[ident] = p
        values = {k: p.values for k, p in own.items()}
        derived = derive_paths(self.spec, values)
        return values | {k: d.values for k, d in derived.items()}, derived


class _OutOfTime(BaseException):
    """Stops a search at the time budget (a BaseException, so hypothesis does not catch it)."""


class _Subject(NamedTuple):
    name: str
    check: Callable[[dict, dict], dict | None]   # (paths, derived) -> broken detail or None


def _by(t: Target, v: float) -> float:
    """How far ``v`` is from meeting ``t`` (0 if it meets it), in the target's unit."""
    if t.meets(v):
        return 0.0
    if t.op == "between":
        return t.low - v if v < t.low else v - t.high
    if t.op == "~":
        return abs(v - t.value) - (t.tolerance or 0.0)
    return abs(v - t.value)


def _level_targets(ind: Indicator) -> list[Target]:
    return [t for t in dated(ind) if t.kind == "level" and t.assessable and not t.stretch]


def subjects(spec: Spec, plan: _Plan, prop: str) -> tuple[list[_Subject], list[Msg]]:
    """What ``prop`` is checked on in ``spec``, and notes on what cannot be checked."""
    paths, derived = plan.paths(tuple((r.low + r.high) / 2 for r in plan.rngs))
    inds = plan.inds
    out, notes = [], []
    if prop == "components_imply_derived":
        for r, eq in equations(spec):
            lhs = inds.get(eq.lhs.id)
            for t in _level_targets(lhs) if lhs else []:
                comps = [(inds[n], level_target(inds[n], t.year)) for n in eq.names[1:] if n in inds]
                comps = [(c, ct) for c, ct in comps if ct is not None and not ct.stretch]
                if not comps:
                    notes.append(Msg("verify.no_component_target", relation=r.id, name=lhs.id, year=t.year))
                elif lhs.id not in derived or t.year not in derived[lhs.id].values:
                    notes.append(Msg("verify.not_derived", relation=r.id, name=lhs.id, year=t.year))
                else:
                    out.append(_Subject(f"{r.id} {t.year}", _implies(r.id, lhs, t, comps)))
    elif prop == "shares_in_bounds":
        for ind in spec.indicators:
            if is_share(ind):
                if ind.id in paths:
                    out.append(_Subject(ind.id, _bounded(ind)))
                else:
                    notes.append(Msg("verify.no_path", name=ind.id))
    else:
        for ind in spec.indicators:
            if ind.attribute != "binding":
                continue
            for t in _level_targets(ind):
                if ind.id in paths and t.year in paths[ind.id]:
                    out.append(_Subject(f"{ind.id} {t.year}", _holds(ind, t)))
                else:
                    notes.append(Msg("verify.no_path_year", name=ind.id, year=t.year))
    if not out and not notes:
        notes.append(Msg("verify.nothing", prop=prop))
    return out, notes


def _implies(rid: str, lhs: Indicator, t: Target, comps: list[tuple[Indicator, Target]]):
    def check(paths, derived):
        vals = {c.id: paths.get(c.id, {}).get(t.year) for c, _ in comps}
        if any(v is None or not ct.meets(v) for (c, ct), v in zip(comps, vals.values())):
            return None
        v = derived[lhs.id].values[t.year]
        if t.meets(v):
            return None
        return {"subject": f"{rid} {t.year}", "indicator": lhs.id, "year": t.year, "value": v,
                "target": t.text, "by": _by(t, v), "unit": lhs.unit, "uses": [c.id for c, _ in comps],
                "message": Msg("verify.implies", met=[(c.id, vals[c.id], ct.text) for c, ct in comps],
                               name=lhs.id, value=v, relation=rid, target=t.text, by=_by(t, v), unit=lhs.unit)}
    return check


def _bounded(ind: Indicator):
    def check(paths, derived):
        path = paths[ind.id]
        bad = {y: v for y, v in path.items() if not 0 <= v <= 100}
        if not bad:
            return None
        y = max(bad, key=lambda y: max(bad[y] - 100, -bad[y]))
        by = max(bad[y] - 100, -bad[y])
        return {"subject": ind.id, "indicator": ind.id, "year": y, "value": bad[y], "target": "0-100",
                "by": by, "unit": ind.unit, "uses": [],
                "message": Msg("verify.bounded", name=ind.id, derived=ind.id in derived, value=bad[y], year=y,
                               by=by)}
    return check


def _holds(ind: Indicator, t: Target):
    def check(paths, derived):
        v = paths[ind.id][t.year]
        if t.meets(v):
            return None
        return {"subject": f"{ind.id} {t.year}", "indicator": ind.id, "year": t.year, "value": v,
                "target": t.text, "by": _by(t, v), "unit": ind.unit, "uses": [],
                "message": Msg("verify.holds", name=ind.id, target=t.text, year=t.year, value=v, by=_by(t, v),
                               unit=ind.unit)}
    return check


def verify(spec: Spec, sc: Scenario, *, max_examples: int = 200, seed: int = 0,
           timeout: float = 60.0, properties: tuple[str, ...] = PROPERTIES,
           progress: Callable[[str], None] | None = None) -> Result:
    """Search the scenario's ranges for a counterexample to each property (report as plain data)."""

    unknown = [p for p in properties if p not in PROPERTIES]
    if unknown:
        raise SimError(Msg("verify.property", name=unknown[0]), field="--property",
                       hint=Msg("verify.properties", names=list(PROPERTIES)))
    rngs, notes = ranges(sc)
    plan = _Plan(spec, sc, rngs)
    deadline = time.monotonic() + timeout
    results = []
    for prop in properties:
        subs, prop_notes = subjects(spec, plan, prop)
        res = _search(plan, prop, subs, max_examples, seed, deadline)
        res["notes"] = prop_notes
        results.append(res)
        if progress:
            progress(Msg("progress.verify", prop=prop, status=res["status"], tried=res["tried"]))
    return Result({"schema_version": SCHEMA_VERSION,
            "plan": {"id": spec.plan.id, "title": spec.plan.title},
            "scenario": scenario_dict(sc),
            "ranges": [{"assumption": r.key, "low": r.low, "high": r.high} for r in rngs],
            "notes": notes,
            "settings": {"max_examples": max_examples, "seed": seed, "timeout": timeout},
            "properties": results,
            "provenance": provenance(spec, sc, seed)}, "verify")


def _search(plan: _Plan, prop: str, subs: list[_Subject], max_examples: int, seed: int,
            deadline: float) -> dict:
    res = {"property": prop, "subjects": [s.name for s in subs], "status": "not_checked",
           "tried": 0, "found_after": None, "timed_out": False, "counterexample": None}
    if not subs:
        return res
    cache: dict[tuple, list[dict]] = {}

    def broken(x: tuple) -> list[dict]:
        if x not in cache:
            paths, derived = plan.paths(x)
            cache[x] = [b for s in subs if (b := s.check(paths, derived)) is not None]
        return cache[x]

    last: list[tuple] = []          # the latest counterexample: the simplest while shrinking

    def condition(x: tuple) -> bool:
        x = tuple(float(v) for v in x)
        if x not in cache:
            if time.monotonic() > deadline:
                res["timed_out"] = True
                raise _OutOfTime
            res["tried"] += 1
            if broken(x) and res["found_after"] is None:
                res["found_after"] = res["tried"]
        if cache[x]:
            last[:] = [x]
        return bool(cache[x])

    try:
        found = (() if condition(()) else None) if not plan.rngs else \
            _find(plan.rngs, condition, max_examples, seed)
    except _OutOfTime:
        found = last[0] if last else None
    if found is None:   # a search cut short by the time budget proves nothing
        res["status"] = "undecided" if res["timed_out"] else "holds"
        return res
    res["status"] = "broken"
    x = tuple(float(v) for v in found)
    items = broken(x)
    _, derived = plan.paths(x)
    used = _closure(derived, [b["indicator"] for b in items] + [n for b in items for n in b["uses"]])
    res["counterexample"] = {"assumptions": {r.key: v for r, v in zip(plan.rngs, x)},
                             "relevant": [r.key for r in plan.rngs if r.indicator in used],
                             "broken": items}
    return res


def _closure(derived: dict[str, Derived], names: list[str]) -> set[str]:
    """``names`` and, for derived ones, their components, recursively."""
    out, todo = set(), list(names)
    while todo:
        n = todo.pop()
        if n not in out:
            out.add(n)
            todo += list(derived[n].components) if n in derived else []
    return out


def _find(rngs: list[Range], condition, max_examples: int, seed: int):
    """The simplest point of the ranges that meets ``condition`` (hypothesis.find), or None."""
    from random import Random

    from hypothesis import HealthCheck, Phase, Verbosity, find, settings
    from hypothesis import strategies as st
    from hypothesis.errors import NoSuchExample

    strategy = st.tuples(*[st.floats(r.low, r.high, allow_nan=False, allow_infinity=False)
                           for r in rngs])
    cfg = settings(max_examples=max_examples, database=None, deadline=None, derandomize=False,
                   phases=[Phase.generate, Phase.shrink], verbosity=Verbosity.quiet,
                   suppress_health_check=list(HealthCheck))
    try:
        return find(strategy, condition, settings=cfg, random=Random(seed))
    except NoSuchExample:
        return None


def any_broken(report: dict) -> bool:
    return any(p["status"] == "broken" for p in report["properties"])
