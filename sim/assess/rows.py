"""The assessed row: its keys (the JSON contract of `sim check`), finite numbers, and how a status is set."""
from __future__ import annotations

import math

from sim.meta import Msg
from sim.scenario.model import Scenario
from sim.scenario.paths import linked_history, wild_trend
from sim.spec.model import Indicator
from sim.spec.targets import Target


def num(x) -> float | None:
    """A finite float or None."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _latest_vintage(ind: Indicator, t: Target, latest) -> str | None:
    """Vintage of the latest value the row rests on (the growth rate's for a growth target)."""
    if t.kind == "growth" and ind.growth_refs:
        return ind.growth_refs[max(ind.growth_refs)].vintage
    ref = ind.history_refs.get(latest[0]) if latest else None
    return ref.vintage if ref else None


def _sources(ind: Indicator) -> dict[str, str]:
    """Where each actual came from: file:row of a data file (or the spec), its vintage and its source
    cell; growth rates as 'YEAR growth'."""
    if not (ind.history_sources or ind.history_refs or ind.growth_refs):
        return {}
    out = {str(y): s for y, s in ind.history_sources.items()}
    for suffix, refs in (("", ind.history_refs), (" growth", ind.growth_refs)):
        for y, o in refs.items():
            out[f"{y}{suffix}"] = " ".join(x for x in (o.where, o.vintage and f"({o.vintage})", o.source) if x)
    return out


def _row(ind: Indicator, t: Target, latest: tuple[int, float] | None = None) -> dict:
    """A row before assessment; ``latest`` is ``ind.latest()`` when the caller has it."""
    latest = latest or ind.latest()
    return {
        "indicator": ind.id, "name": ind.name, "owner": ind.owner, "attribute": ind.attribute,
        "parent": ind.parent, "target_year": t.year, "text": t.text, "kind": t.kind, "op": t.op,
        "target": num(t.value), "target_low": num(t.low), "target_high": num(t.high),
        "stretch": t.stretch, "unit": t.unit if t.kind == "growth" else ind.unit,
        "level_unit": ind.unit,   # the unit of baseline, latest and start (a growth target's unit is %)
        "baseline": num(ind.baseline.value) if ind.baseline else None,
        "baseline_year": ind.baseline.year if ind.baseline else None,
        "latest": num(latest[1]) if latest else None, "latest_year": latest[0] if latest else None,
        "latest_vintage": _latest_vintage(ind, t, latest),
        "start": None, "start_year": None, "start_assumed": False, "pace_model": ind.model, "pace_unit": None,
        "required_pace": None, "required_pace_from_base": None, "required_real_pace": None,
        "assumed_pace": None, "pace_source": None, "weak_evidence": False,
        "projected": None, "gap": None, "share_of_required": None, "pace_ratio": None,
        "status": "not_assessable", "reason": "", "preset_status": None, "preset_reason": None,
        "assumed": [],
        "explain": {"inputs": {}, "formula": [], "branch": "", "data_points": {}, "notes": [],
                    "sources": _sources(ind), "convention": t.convention},
    }


def _done(row: dict, status: str, reason: Msg, branch: str | None = None) -> dict:
    row["status"] = status
    row["reason"] = reason
    if branch:
        row["explain"]["branch"] = branch
    return row


def _no_pace_reason(ind: Indicator, sc: Scenario) -> Msg:
    pts, notes = linked_history(ind)
    if sc.defaults.growth == "none" and ind.id not in sc.assumptions:
        return Msg("reason.no_pace_default_none")
    if notes and len(pts) < 2:
        return Msg("reason.no_pace_break", note=notes[-1])
    if len(pts) == 1:
        return Msg("reason.no_pace_one_point")
    return wild_trend(ind, sc) or Msg("reason.no_pace")


def _assumed_fields(row: dict, pace, sc: Scenario, ind: Indicator):
    a = sc.assumptions.get(ind.id)
    if pace.assumed:
        row["assumed"].append("pace")
    if a is not None and (a.deflator is not None or a.real_growth is not None) or pace.deflated:
        row["assumed"].append("deflator")
    row["pace_source"] = pace.source
    row["weak_evidence"] = pace.weak
    row["explain"]["notes"].extend(pace.notes)
    if pace.points is not None:
        row["explain"]["trend_points"] = pace.points
        row["explain"]["trend_years"] = list(pace.fitted_years)
    row["assumed"] = list(dict.fromkeys(row["assumed"]))
