"""One scenario over many plans: assumptions apply to the plans that have the indicator, and an id
that no plan has is an error (as it is for one plan)."""
from __future__ import annotations

from collections.abc import Sequence

from sim.scenario.model import Scenario
from sim.spec.model import Plan, Spec


def union_spec(specs: Sequence[Spec]) -> Spec:
    """A stand-in spec holding every indicator id of ``specs`` (the first of each id), to check a
    scenario's ids against the portfolio."""
    inds = {}
    for s in specs:
        for ind in s.indicators:
            inds.setdefault(ind.id, ind)
    return Spec(plan=Plan(id=f"portfolio ({len(specs)} plans)", title="portfolio", base_year=0, target_year=0),
                indicators=tuple(inds.values()))


def with_assume(sc: Scenario, assume: list[str], specs: Sequence[Spec]) -> Scenario:
    """``sc`` with ``--assume`` applied; its ids checked against every plan's indicators together."""
    from sim.scenario.load import apply_assume, check_ids
    union = union_spec(specs)
    if assume:
        sc = apply_assume(sc, assume, union, portfolio=True)
    check_ids(sc, union, portfolio=True)
    return sc


def for_plan(sc: Scenario, spec: Spec) -> Scenario:
    """``sc`` restricted to the indicators of ``spec``: other assumptions dropped, shocks naming
    indicators keep the plan's own."""
    ids = {i.id for i in spec.indicators}
    if all(k in ids for k in sc.assumptions) and all(
            sh.indicators == "all" or all(i in ids for i in sh.indicators) for sh in sc.shocks):
        return sc
    shocks = [sh if sh.indicators == "all" else sh.model_copy(update={
        "indicators": [i for i in sh.indicators if i in ids]}) for sh in sc.shocks]
    return sc.model_copy(update={"assumptions": {k: a for k, a in sc.assumptions.items() if k in ids},
                                 "shocks": [sh for sh in shocks if sh.indicators]})
