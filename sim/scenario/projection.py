"""Each indicator's deterministic projection under a scenario, computed once per scenario and read
by check (derived indicators) and project: its start, its pace to its last target year (or the
plan's target year, whichever is later) and the projected values."""
from __future__ import annotations

from typing import NamedTuple

from sim.scenario.model import Scenario
from sim.scenario.paths import Pace, Start, pace_of, project_values, start_of
from sim.spec.model import Indicator, Spec


class Projection(NamedTuple):
    start: Start | None
    pace: Pace | None                  # None: no start, or no assumption and no trend
    values: dict[int, float]           # projected years after the start's


def horizon(spec: Spec, ind: Indicator) -> int:
    """The last year projected: the indicator's last target year or the plan's target year."""
    return max([t.year for t in ind.targets if t.year is not None] + [spec.plan.target_year])


def project_indicator(spec: Spec, ind: Indicator, sc: Scenario) -> Projection:
    start = start_of(ind, sc, spec.plan.base_year)
    pace = pace_of(ind, sc, start, horizon(spec, ind)) if start else None
    return Projection(start, pace, project_values(start, pace) if pace else {})


def project_plan(spec: Spec, sc: Scenario) -> dict[str, Projection]:
    """indicator id -> its Projection under ``sc``, in spec order."""
    return {ind.id: project_indicator(spec, ind, sc) for ind in spec.indicators}
