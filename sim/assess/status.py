"""A status for every target of a plan under a scenario (METHODS.md, DESIGN.md "Statuses")."""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from sim import growth
from sim.assess.classify import classify
from sim.assess.kinds import _growth_target, _level_target, linear_unit, pace_out
from sim.assess.presets import Method
from sim.assess.rows import _done, _row, num
from sim.assess.statuses import NOT_ON_TRACK, Preset, Status
from sim.meta import Msg
from sim.scenario.model import Scenario
from sim.scenario.paths import start_of
from sim.scenario.projection import Projection, project_plan
from sim.spec.model import Indicator, Spec
from sim.spec.targets import Target

BASELINE_RANGE = (0.5, 0.6, 0.7, 0.8, 0.9)   # plausible baselines as shares of the target


def assess_plan(spec: Spec, sc: Scenario, preset: str | Method = "default", margin: float = 0.1,
                projection: Mapping[str, Projection] | None = None) -> list[dict]:
    """One row per indicator and target, in spec order; a preset (a name, or a Method with its
    settings) adds its class to each row. Each indicator's start and pace are read from the
    scenario's ``projection`` (sim.scenario.projection.project_plan, computed here when not given)."""
    method = as_method(preset, margin)
    projection = project_plan(spec, sc) if projection is None else projection
    rows = []
    for ind in spec.indicators:
        for t in ind.targets:
            rows.append(assess_target(spec, ind, t, sc, method, proj=projection.get(ind.id)))
    return rows


def as_method(preset: str | Method, margin: float = 0.1) -> Method:
    """A Method from a preset name (and the cn-midterm margin), or the Method given."""
    if isinstance(preset, Method):
        return preset
    if preset not in set(Preset):
        raise ValueError(f"unknown preset {preset!r}")
    return Method(preset=preset, margin=margin)


def assess_target(spec: Spec, ind: Indicator, t: Target, sc: Scenario, preset: str | Method = "default",
                  margin: float = 0.1, proj: Projection | None = None) -> dict:
    """The default status of one target, with the preset's class when one is chosen. ``proj``:
    the scenario's projection of ``ind`` when the caller has it."""
    return classify(default_row(spec, ind, t, sc, proj), spec, ind, t, sc, as_method(preset, margin))


def default_row(spec: Spec, ind: Indicator, t: Target, sc: Scenario, proj: Projection | None = None) -> dict:
    """The row of one target under the default method (METHODS.md "Projection"); start and pace
    from ``proj`` (the scenario's projection of ``ind``) when given."""
    row = _row(ind, t)
    ex = row["explain"]
    ex["data_points"] = {str(y): v for y, v in ind.actuals().items()}
    if t.year is None:
        return _done(row, "not_assessable", Msg("reason.no_year"), "no target year")
    if t.kind == "none":
        return _done(row, "not_assessable", Msg("reason.kind_none"), "kind none")
    if t.kind == "masked":
        return _done(row, "not_assessable", Msg("reason.kind_masked"), "kind masked")
    if t.kind == "change":
        rel = t.relative_to
        return _done(row, "not_assessable",
                     Msg("reason.change_unresolved", year=rel.year), "kind change, unresolved")
    if t.kind == "reference":
        t = _resolve_reference(spec, ind, t, row)
        if t is None:
            return row
    start = proj.start if proj is not None else start_of(ind, sc, spec.plan.base_year)
    if t.kind == "growth":
        return _growth_target(row, spec, ind, t, sc, start, proj)
    if start is None:
        return _no_start(row, ind, t, spec)
    row["start"], row["start_year"] = num(start.value), start.year
    if start.assumed:
        row["start_assumed"] = True
        row["assumed"].append("baseline")
        ex["notes"].append(Msg("note.start_assumed", value=start.value, year=start.year))
    if start.unused_baseline is not None:
        ex["notes"].append(Msg("note.baseline_unused", value=start.unused_baseline, year=start.year,
                               actual=start.value))
    return _level_target(row, spec, ind, t, sc, start, proj)


def _resolve_reference(spec: Spec, ind: Indicator, t: Target, row: dict) -> Target | None:
    ref = spec.references.get(t.reference or "") if t.reference else None
    if ref is None or t.period == "year":
        _done(row, "not_assessable", Msg("reason.reference_empty", ref=t.reference), "kind reference")
        return None
    years = [y for y in ref.values if y <= t.year]
    if not years:
        _done(row, "not_assessable", Msg("reason.reference_none_before", ref=t.reference, year=t.year),
              "kind reference")
        return None
    y = max(years)
    row["explain"]["notes"].append(Msg("note.reference_target", ref=t.reference, name=ref.name, year=y,
                                       value=ref.values[y], held=y < t.year))
    row["target"] = ref.values[y]
    return t.model_copy(update={"value": ref.values[y], "kind": "level"})


def baseline_range(ind: Indicator, t: Target, base_year: int, bases: list[float]) -> list[dict]:
    """The pace needed from ``base_year`` to ``t`` for each assumed baseline (compound: %/yr;
    linear: units per year), for an indicator whose baseline is unknown."""
    n = t.year - base_year
    b = np.array(bases, dtype=float)
    req = (growth.required_compound(b, t.value, n) if ind.model == "compound"
           else growth.required_linear(b, t.value, n))
    return [{"baseline": round(float(x), 6), "required_pace": pace_out(r, ind.model)}
            for x, r in zip(b, req)]


def _no_start(row: dict, ind: Indicator, t: Target, spec: Spec) -> dict:
    n = t.year - spec.plan.base_year
    if t.kind == "level" and t.value and t.value > 0 and n > 0:
        rng = baseline_range(ind, t, spec.plan.base_year, [t.value * s for s in BASELINE_RANGE])
        row["explain"]["baseline_range"] = rng
        unit = "%/yr" if ind.model == "compound" else linear_unit(ind)
        span = [(x["baseline"], x["required_pace"]) for x in rng]
        return _done(row, "not_assessable", Msg("reason.no_start_range", base_year=spec.plan.base_year,
                                                span=span, unit=unit), "no start value")
    return _done(row, "not_assessable", Msg("reason.no_start"), "no start value")


def summary(rows: list[dict]) -> dict:
    """Counts by status, by owner; binding indicators not on track named first."""
    counts = {s.value: 0 for s in Status}
    by_owner: dict[str, dict[str, int]] = {}
    for r in rows:
        counts[r["status"]] += 1
        o = by_owner.setdefault(r["owner"] or "—", {})
        o[r["status"]] = o.get(r["status"], 0) + 1
    binding = [r for r in rows if r["attribute"] == "binding" and r["status"] in NOT_ON_TRACK]
    others = [r for r in rows if r["attribute"] != "binding" and r["status"] in NOT_ON_TRACK]
    order = {s: i for i, s in enumerate(NOT_ON_TRACK)}
    pick = lambda rs: [{"indicator": r["indicator"], "name": r["name"], "target_year": r["target_year"],  # noqa: E731
                        "status": r["status"], "owner": r["owner"]}
                       for r in sorted(rs, key=lambda r: order[r["status"]])]
    return {"targets": len(rows), "by_status": counts, "by_owner": by_owner,
            "binding_not_on_track": pick(binding), "not_on_track": pick(others)}
