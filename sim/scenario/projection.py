"""Each indicator's deterministic projection under a scenario, computed once per scenario and read
by check (every target's pace, derived indicators, consistency) and project: its start, its pace
to its last target year (or the plan's target year, whichever is later) and the projected values."""
from __future__ import annotations

from typing import NamedTuple

from sim.scenario.model import Scenario
from sim.scenario.paths import Pace, Start, base_pace, pace_of, project_values, shocked, start_of
from sim.spec.model import Indicator, Spec


class Projection(NamedTuple):
    start: Start | None
    pace: Pace | None                  # None: no start, or no assumption and no trend
    values: dict[int, float]           # projected years after the start's
    base: Pace | None = None           # the pace before the scenario's shocks (for ``pace_until``)


def horizon(spec: Spec, ind: Indicator) -> int:
    """The last year projected: the indicator's last target year or the plan's target year."""
    return max([t.year for t in ind.targets if t.year is not None] + [spec.plan.target_year])


def project_indicator(spec: Spec, ind: Indicator, sc: Scenario) -> Projection:
    start = start_of(ind, sc, spec.plan.base_year)
    base = base_pace(ind, sc, start, horizon(spec, ind)) if start else None
    pace = shocked(base, ind, sc, start) if base is not None else None
    return Projection(start, pace, project_values(start, pace) if pace else {}, base)


def pace_until(proj: Projection | None, ind: Indicator, sc: Scenario, start: Start, until: int) -> Pace | None:
    """``pace_of(ind, sc, start, until)``, read from the scenario's projection of ``ind`` (computed
    once) when it starts at ``start``: its pace to the horizon cut at ``until``, shocked again for
    the years kept."""
    if proj is None or proj.start != start:
        return pace_of(ind, sc, start, until)
    if proj.base is None:
        return None
    if proj.pace is not None and proj.pace.years[-1:] == (until,):
        return proj.pace
    return shocked(proj.base.until(until), ind, sc, start)


def project_plan(spec: Spec, sc: Scenario) -> dict[str, Projection]:
    """indicator id -> its Projection under ``sc``, in spec order."""
    return {ind.id: project_indicator(spec, ind, sc) for ind in spec.indicators}
