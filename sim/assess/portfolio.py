"""A portfolio: every plan of a folder checked under one scenario, with summaries across plans.

Rows are the `sim check` rows of each plan with ``plan`` (the plan id) first. Summaries count
statuses by plan, by indicator name across plans (how many plans have the indicator and how many
of its targets are off track) and by owner. Data only: the words are in sim.report.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from sim.assess.consistency import findings_many
from sim.assess.derived import assess_with_relations
from sim.assess.presets import Method
from sim.assess.statuses import NOT_ON_TRACK, Status
from sim.errors import SimError
from sim.scenario.model import Scenario
from sim.spec.model import Spec


def assess_portfolio(specs: Sequence[Spec], scenario_of: Callable[[Spec], Scenario],
                     preset: str | Method = "default", margin: float = 0.1, max_growth: float | None = None,
                     vectorized: bool = True, progress: Callable[[int, int], None] | None = None,
                     consistency: bool = True) -> tuple[list[dict], list[dict], dict[str, SimError]]:
    """(rows, consistency findings, failed) of every plan, rows and findings carrying ``plan``;
    ``failed``: plan id -> the SimError that stopped that plan (the others go on). With
    ``vectorized`` the targets the array path covers (sim.assess.vector) are assessed together
    across plans, the others row by row (sim.assess.status), with identical results; without
    ``consistency`` no findings are made (an empty list)."""
    scs = [scenario_of(s) for s in specs]
    if vectorized:
        from sim.assess.vector import assess_many
        per_plan = assess_many(specs, scs, preset, margin, progress)
    else:
        per_plan = []
        for k, (s, sc) in enumerate(zip(specs, scs)):
            try:
                per_plan.append(assess_with_relations(s, sc, preset, margin))
            except SimError as e:
                per_plan.append(e)
            if progress:
                progress(k + 1, len(specs))
    ok = [k for k, r in enumerate(per_plan) if not isinstance(r, SimError)]
    found_of = dict(zip(ok, findings_many([specs[k] for k in ok], [scs[k] for k in ok], max_growth)
                        if consistency else [[]] * len(ok)))
    rows, found, failed = [], [], {}
    for k, (s, plan_rows) in enumerate(zip(specs, per_plan)):
        pid = s.plan.id
        plan_found = found_of.get(k, plan_rows)
        if isinstance(plan_found, SimError):
            failed[pid] = plan_found
            continue
        rows.extend({"plan": pid, **r} for r in plan_rows)
        found.extend({"plan": pid, **f} for f in plan_found)
    return rows, found, failed


def _counts() -> dict[str, int]:
    return {s.value: 0 for s in Status}


def portfolio_summary(rows: list[dict], plans: Sequence[str]) -> dict:
    """Counts by status; by plan (every plan listed, in order); by indicator name and by owner
    (``plans``: how many plans have it, ``targets``, ``by_status``, ``not_on_track``), in order of
    first appearance."""
    by_status = _counts()
    by_plan = {p: {"targets": 0, "by_status": _counts(), "not_on_track": 0} for p in plans}
    by_name: dict[str, dict] = {}
    by_owner: dict[str, dict] = {}
    for r in rows:
        st = r["status"]
        bad = st in NOT_ON_TRACK
        by_status[st] += 1
        for group, key in ((by_plan, r["plan"]), (by_name, r["name"]), (by_owner, r["owner"] or "—")):
            g = group.get(key)
            if g is None:
                g = group[key] = {"plans": set(), "targets": 0, "by_status": _counts(), "not_on_track": 0}
            if "plans" in g:
                g["plans"].add(r["plan"])
            g["targets"] += 1
            g["by_status"][st] += 1
            g["not_on_track"] += bad
    for group in (by_name, by_owner):
        for g in group.values():
            g["plans"] = len(g["plans"])
    return {"plans": len(plans), "targets": len(rows), "by_status": by_status, "by_plan": by_plan,
            "by_indicator": by_name, "by_owner": by_owner}


def probability_portfolio_summary(rows: list[dict], plans: Sequence[str]) -> dict:
    """Probabilities across plans: bands over all rows (sim.assess.simulate.probability_summary),
    by plan, and by indicator name (``plans``, ``targets``, ``with_probability``, ``mean``: the mean
    probability, ``below_half``: targets less likely than not to be met)."""
    from sim.assess.simulate import probability_summary
    by_plan: dict[str, list] = {p: [] for p in plans}
    by_name: dict[str, dict] = {}
    for r in rows:
        by_plan[r["plan"]].append(r)
        g = by_name.setdefault(r["name"], {"plans": set(), "targets": 0, "with_probability": 0, "mean": 0.0,
                                           "below_half": 0})
        g["plans"].add(r["plan"])
        g["targets"] += 1
        p = r.get("probability")
        if p is not None:
            g["with_probability"] += 1
            g["mean"] += p
            g["below_half"] += p < 0.5
    for g in by_name.values():
        g["plans"] = len(g["plans"])
        g["mean"] = g["mean"] / g["with_probability"] if g["with_probability"] else None
    return {"plans": len(plans), **probability_summary(rows),
            "by_plan": {p: probability_summary(rs) for p, rs in by_plan.items()}, "by_indicator": by_name}
