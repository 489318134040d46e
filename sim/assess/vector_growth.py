"""Growth-rate targets across many plans as arrays: the case sim.assess.kinds._growth_target
meets when a plan publishes growth rates of an indicator and no level (地区生产总值增长 with
`growth_history` only) and the scenario's pace is the default trend.

Covered: a growth target of one year (not 年均) with a number (not a range) after the latest
published year; an indicator without actuals, series breaks, scenario assumption or shock, whose
growth is not deflated (not real growth of a nominal level). Its pace is the mean of the last
GROWTH_HISTORY_YEARS published rates r (sim.scenario.paths._trend), the assumed growth
g = (1 + r) - 1 (the average of one year), the pace ratio g / target; the status as
_growth_target decides it (target met, or approximately exceeded in its direction: on track; else
by the ratio: >= 0.5 needs acceleration, >= 0 off track, else moving away).
"""
from __future__ import annotations

import numpy as np

from sim import growth
from sim.assess.rows import _sources, num
from sim.assess.vector_rows import meets
from sim.meta import Msg
from sim.scenario.model import Scenario
from sim.scenario.paths import GROWTH_HISTORY_YEARS
from sim.spec.model import Indicator
from sim.spec.targets import Target

GROWTH_RATIO = Msg("formula.growth_ratio")


def growth_covered(ind: Indicator, t: Target, sc: Scenario) -> bool:
    """Whether the array path assesses this growth target, given a scenario whose pace is the
    plain trend for every indicator (see the module docstring)."""
    gh = ind.growth_history
    return (t.kind == "growth" and t.year is not None and t.op != "between" and t.value is not None
            and t.period != "annual_average" and bool(gh) and max(gh) < t.year and not ind.history
            and ind.baseline is None and not ind.breaks and ind.id not in sc.assumptions
            and not ind.growth_is_real
            and not (sc.shocks and any(sh.indicators == "all" or ind.id in sh.indicators for sh in sc.shocks)))


def growth_rows(todo: list[tuple]) -> list[dict]:
    """The rows of covered growth targets (items (plan index, row index, spec, ind, t, sc))."""
    recent = [sorted(item[3].growth_history)[-GROWTH_HISTORY_YEARS:] for item in todo]
    mean = np.empty(len(todo))
    groups: dict[int, list[int]] = {}
    for i, ys in enumerate(recent):
        groups.setdefault(len(ys), []).append(i)
    for idx in groups.values():   # np.mean of each row, as the row path takes it of a list
        gh = np.array([[todo[i][3].growth_history[y] for y in recent[i]] for i in idx], dtype=float)
        mean[idx] = np.mean(gh, axis=1)
    rate = mean / 100
    g = (1 + rate) ** 1.0 - 1      # prod(1 + r)^(1/n) - 1 over the one year
    gp = g * 100
    value = np.array([item[4].value for item in todo], dtype=float)
    ratio = growth.pace_ratio(gp, value)
    met = meets(gp, [item[4] for item in todo]).tolist()
    gp_l, value_l, rate_l = gp.tolist(), value.tolist(), rate.tolist()
    gap, ratio_n = (gp - value).tolist(), ratio.tolist()
    whats: dict[int, Msg] = {}
    out = []
    for i, item in enumerate(todo):
        ind, t, T = item[3], item[4], item[4].year
        what = whats.get(T) or whats.setdefault(T, Msg("what.growth", year=T))
        x, v, rr = gp_l[i], value_l[i], num(ratio_n[i])
        if met[i] or (t.op == "~" and ((x > v) if v >= 0 else (x < v))):
            status, reason = "on_track", Msg("reason.growth_meets", what=what, growth=x, target=t.text)
        elif rr is None:
            status = "moving_away" if (x < 0) != (v < 0) else "off_track"
            reason = Msg("reason.growth_against", what=what, growth=x, target=v)
        else:
            status = "needs_acceleration" if rr >= 0.5 else "off_track" if rr >= 0 else "moving_away"
            reason = Msg("reason.growth_ratio", what=what, growth=x, ratio=rr, target=v)
        ys = recent[i]
        refs = ind.growth_refs
        out.append({
            "indicator": ind.id, "name": ind.name, "owner": ind.owner, "attribute": ind.attribute,
            "parent": ind.parent, "target_year": T, "text": t.text, "kind": t.kind, "op": t.op,
            "target": num(t.value), "target_low": num(t.low), "target_high": num(t.high),
            "stretch": t.stretch, "unit": t.unit, "level_unit": ind.unit, "baseline": None, "baseline_year": None,
            "latest": None, "latest_year": None, "latest_vintage": refs[max(refs)].vintage if refs else None,
            "start": None, "start_year": None, "start_assumed": False,
            "pace_model": "growth_rate", "pace_unit": "%/yr", "required_pace": t.value,
            "required_pace_from_base": None, "required_real_pace": None, "assumed_pace": num(x),
            "pace_source": Msg("pace.published_mean", start=ys[0], end=ys[-1], n=len(ys), mean=rate_l[i],
                               deflator=None),
            "weak_evidence": True, "projected": num(x), "gap": num(gap[i]), "share_of_required": None,
            "pace_ratio": rr, "status": status, "reason": reason, "preset_status": None, "preset_reason": None,
            "assumed": [],
            "explain": {
                "inputs": {"target_growth_pct": t.value, "assumed_growth_pct": num(x), "year": T, "deflator": None,
                           "years": {str(T): {"growth_pct": rate_l[i] * 100, "from": "projected"}}},
                "formula": [GROWTH_RATIO], "branch": "growth target", "data_points": {}, "notes": [],
                "sources": _sources(ind), "convention": t.convention, "trend_points": len(ys),
                "trend_years": list(ys)},
        })
    return out
