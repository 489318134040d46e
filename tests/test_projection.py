"""One projection per scenario: every target's start and pace are read from the scenario's
projection of its indicator (its pace to the horizon, cut at the target's year and shocked again
for the years kept), giving exactly what computing them per target gives."""
from pathlib import Path

import pytest

from sim.assess.status import assess_plan, assess_target
from sim.scenario.load import default_scenario, load_scenario
from sim.scenario.model import Shock
from sim.scenario.paths import pace_of
from sim.scenario.projection import horizon, pace_until, project_plan
from sim.spec.load import load_spec

ROOT = Path(__file__).resolve().parent.parent
PAIRS = [("tunxi-yrd-2027", s) for s in ("tunxi-baseline", "tunxi-pessimistic", "tunxi-optimistic")] + [
    ("huzhou-14fyp", "huzhou-trend"), ("guzhen-2025", None), ("wuwei-2024", None), ("wuxing-2024", None)]


def _plan(spec_name, sc_name, shocked):
    spec = load_spec(ROOT / "specs" / f"{spec_name}.yaml")
    sc = load_scenario(ROOT / "scenarios" / f"{sc_name}.yaml", spec) if sc_name else default_scenario()
    if shocked:   # shocks between a plan's early target years and its horizon, on every indicator
        years = sorted({t.year for i in spec.indicators for t in i.targets if t.year is not None})
        sc = sc.model_copy(update={"shocks": list(sc.shocks) + [
            Shock(year=years[0], growth=-0.02, probability=0.5), Shock(year=years[-1], growth=0.01)]})
    return spec, sc


@pytest.mark.parametrize("shocked", [False, True])
@pytest.mark.parametrize("spec_name,sc_name", PAIRS)
def test_pace_read_from_the_projection_is_the_pace_computed_for_the_year(spec_name, sc_name, shocked):
    spec, sc = _plan(spec_name, sc_name, shocked)
    projection = project_plan(spec, sc)
    for ind in spec.indicators:
        proj = projection[ind.id]
        if proj.start is None:
            continue
        for until in range(proj.start.year - 1, horizon(spec, ind) + 1):
            assert pace_until(proj, ind, sc, proj.start, until) == pace_of(ind, sc, proj.start, until), \
                (ind.id, until)


@pytest.mark.parametrize("shocked", [False, True])
@pytest.mark.parametrize("spec_name,sc_name", PAIRS)
def test_rows_from_one_projection_equal_rows_computed_target_by_target(spec_name, sc_name, shocked):
    spec, sc = _plan(spec_name, sc_name, shocked)
    alone = [assess_target(spec, ind, t, sc) for ind in spec.indicators for t in ind.targets]
    assert assess_plan(spec, sc) == alone
    assert assess_plan(spec, sc, projection=project_plan(spec, sc)) == alone
