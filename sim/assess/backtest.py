"""Backtest (METHODS.md "Backtest: were the verdicts right?"): for each past year ``a``, the check as
of ``a`` (actuals of years <= a published by 31 December of a, the latest vintage of each) scored
against the outcome, met or missed by the target's own operator. Data only, no text."""
from __future__ import annotations

from itertools import pairwise

from sim.assess.derived import assess_with_relations
from sim.assess.status import assess_plan
from sim.assess.statuses import MEETS, NOT_ON_TRACK, Status
from sim.data import select
from sim.meta import SCHEMA_VERSION, Result, provenance
from sim.scenario.load import scenario_dict
from sim.scenario.model import Scenario
from sim.spec.model import Spec

WILL_MEET = MEETS                  # a verdict that the target will be met
WILL_MISS = frozenset(NOT_ON_TRACK)   # ... that it will be missed
OUTCOME_BRANCHES = ("target year passed", "growth target, actual known")
BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def outcomes(spec: Spec, sc: Scenario) -> list[str | None]:
    """Per target (spec order): 'met' or 'missed' once the target year's actual (or growth) is in the
    data, by the target's own operator; None while it is not known."""
    out = []
    for r in assess_plan(select(spec), sc):
        known = r["explain"]["branch"] in OUTCOME_BRANCHES and r["status"] in (Status.ACHIEVED, Status.OFF_TRACK)
        out.append(("met" if r["status"] == Status.ACHIEVED else "missed") if known else None)
    return out


def backtest(spec: Spec, sc: Scenario, start: int | None = None, draws: int = 2000,
             seed: int = 0) -> Result:
    """Rows {indicator, name, text, target_year, as_of, status, probability, latest_year, outcome}
    for every target whose outcome is known and every as-of year from ``start`` (default: the plan's
    base year) to the year before the target; ``draws`` 0 leaves probabilities out."""
    from sim.assess.simulate import simulate_report

    start = spec.plan.base_year if start is None else start
    results = outcomes(spec, sc)
    targets = [(ind, t) for ind in spec.indicators for t in ind.targets]
    known = [k for k, o in enumerate(results) if o is not None and targets[k][1].year is not None]
    years = sorted({a for k in known for a in range(start, targets[k][1].year)})
    rows = []
    for a in years:
        as_of = select(spec, f"{a}-12-31")
        checked = assess_with_relations(as_of, sc)
        probs = [r["probability"] for r in simulate_report(as_of, sc, draws, seed)["rows"]] if draws else None
        for k in known:
            ind, t = targets[k]
            if a >= t.year:
                continue
            r = checked[k]
            rows.append({"indicator": ind.id, "name": ind.name, "text": t.text, "target_year": t.year,
                         "as_of": a, "status": r["status"], "probability": probs[k] if probs else None,
                         "latest_year": r["latest_year"], "latest": r["latest"],
                         "latest_vintage": r["latest_vintage"], "outcome": results[k]})
    return Result({"schema_version": SCHEMA_VERSION,
            "plan": {"id": spec.plan.id, "title": spec.plan.title, "region": spec.plan.region,
                     "base_year": spec.plan.base_year, "target_year": spec.plan.target_year},
            "scenario": scenario_dict(sc), "from": start, "draws": draws, "seed": seed if draws else None,
            "rows": rows, "summary": summary(rows, len(targets), len(known)),
            "provenance": provenance(spec, sc, seed if draws else None)}, "backtest")


def summary(rows: list[dict], targets: int = 0, with_outcome: int = 0) -> dict:
    """Hit rate (achieved/on_track as 'will be met', needs_acceleration/off_track/moving_away/at_risk
    as 'will be missed'), the status x outcome table, and the Brier score mean((p - met)^2) with its
    reliability by probability band (n, mean p, share met)."""
    scored = [r for r in rows if r["status"] in WILL_MEET | WILL_MISS]
    hits = sum((r["status"] in WILL_MEET) == (r["outcome"] == "met") for r in scored)
    table: dict[str, dict[str, int]] = {}
    for r in rows:
        cell = table.setdefault(r["status"], {"met": 0, "missed": 0})
        cell[r["outcome"]] += 1
    with_p = [r for r in rows if r["probability"] is not None]
    brier = (sum((r["probability"] - (r["outcome"] == "met")) ** 2 for r in with_p) / len(with_p)
             if with_p else None)
    bands = []
    for lo, hi in pairwise(BANDS):
        inside = [r for r in with_p if lo <= r["probability"] < hi or (hi == 1.0 and r["probability"] == 1.0)]
        bands.append({"low": lo, "high": hi, "n": len(inside),
                      "mean_probability": sum(r["probability"] for r in inside) / len(inside) if inside else None,
                      "observed": sum(r["outcome"] == "met" for r in inside) / len(inside) if inside else None})
    return {"targets": targets, "targets_with_outcome": with_outcome, "rows": len(rows),
            "scored": len(scored), "hits": hits, "hit_rate": hits / len(scored) if scored else None,
            "status_by_outcome": table, "brier": brier, "with_probability": len(with_p), "reliability": bands}
