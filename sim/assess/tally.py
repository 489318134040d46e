"""Counts of per-plan results across a portfolio (solve, sweep, verify): rows by a field's value,
over all plans and by plan. Data only: the words are in sim.report."""
from __future__ import annotations

from collections.abc import Sequence


def tally(rows: Sequence[dict], plans: Sequence[str], key: str) -> dict:
    """{plans, rows, by_<key>: {value: n}, by_plan: {plan: {rows, by_<key>}}}: ``rows`` (each with
    ``plan``) counted by the value of ``key`` (as text: JSON keys), every plan listed in order."""
    by = f"by_{key}"
    total: dict[str, int] = {}
    per = {p: {"rows": 0, by: {}} for p in plans}
    for r in rows:
        v = str(r[key]).lower() if isinstance(r[key], bool) else str(r[key])
        total[v] = total.get(v, 0) + 1
        g = per.setdefault(r["plan"], {"rows": 0, by: {}})
        g["rows"] += 1
        g[by][v] = g[by].get(v, 0) + 1
    return {"plans": len(plans), "rows": len(rows), by: total, "by_plan": per}


def status_summary(rows: Sequence[dict], plans: Sequence[str]) -> dict:
    """``tally`` by status, with the statuses by indicator name and by owner across plans
    (``by_indicator``, ``by_owner`` as sim.assess.portfolio.portfolio_summary gives them)."""
    from sim.assess.portfolio import portfolio_summary
    groups = portfolio_summary(list(rows), plans)
    return {**tally(rows, plans, "status"), "by_indicator": groups["by_indicator"], "by_owner": groups["by_owner"]}


def compare_summary(rows: Sequence[dict], plans: Sequence[str]) -> dict:
    """Scenarios across plans: for each scenario key of the compare ``rows`` (each with ``plan``),
    the statuses by plan, indicator name and owner (sim.assess.portfolio.portfolio_summary) and the
    probability bands (``probability``: sim.assess.simulate.probability_summary)."""
    from sim.assess.portfolio import portfolio_summary
    from sim.assess.simulate import probability_summary

    out = {}
    for key in (rows[0]["scenarios"] if rows else ()):
        flat = [{"plan": r["plan"], "name": r["name"], "owner": r["owner"], **r["scenarios"][key]} for r in rows]
        out[key] = {**portfolio_summary(flat, plans), "probability": probability_summary(flat)}
    return {"plans": len(plans), "targets": len(rows), "by_scenario": out}
