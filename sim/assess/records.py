"""Paces beyond any year on record or beyond a plausibility limit (``--max-growth``)."""
from __future__ import annotations

import math
from typing import Mapping

from sim import growth
from sim.assess.facts import (
    Val,
    _indicator,
    dated,
    finding,
)
from sim.meta import Msg
from sim.scenario.paths import WEAK_POINTS, linked_history
from sim.spec.model import Indicator, Spec
from sim.spec.targets import Target


def record(ind: Indicator, with_published: bool = True, with_levels: bool = True
           ) -> tuple[list[float], list[int]]:
    """Yearly paces on record: growth (fraction) between actuals, annualized over gaps, and
    published growth rates (compound models); changes per year (linear). With their years."""
    pts, _ = linked_history(ind)
    ys = sorted(pts) if with_levels else []
    paces, years = [], []
    for a, b in zip(ys[:-1], ys[1:]):
        if ind.model == "compound" and pts[a] > 0 and pts[b] > 0:
            r = float(growth.required_compound(pts[a], pts[b], b - a))
            if not math.isfinite(r):
                continue
            paces.append(r)
        elif ind.model == "linear":
            paces.append((pts[b] - pts[a]) / (b - a))
        else:
            continue
        years.append(b)
    if ind.model == "compound" and with_published:
        for y, v in sorted(ind.growth_history.items()):
            paces.append(v / 100)
            years.append(y)
    return paces, years


def pace_findings(spec: Spec, assumed: Mapping[str, Val] | None = None,
                  max_growth: float | None = None) -> list[dict]:
    """Targets whose required pace is beyond the record or the limit."""
    assumed = assumed or {}
    out = []
    for ind in spec.indicators:
        for t in dated(ind):
            if t.value is None or t.op == "between":
                continue
            if t.kind == "growth":
                out += _pace_limits(spec, ind.id, t.value / 100, t.year - 1, t.year, max_growth,
                                    what=Msg("what.growth_target", text=t.text), growth_target=True)
            elif t.kind == "level":
                start = _start_before(ind, t.year, assumed)
                if start is None:
                    continue
                y0, x0 = start
                if t.meets(x0):   # already met: no pace is needed, so none is beyond the record
                    continue
                n = t.year - y0
                if ind.model == "compound" and x0 > 0 and t.value > 0:
                    req = float(growth.required_compound(x0, t.value, n))   # NaN where it would overflow
                    if not math.isfinite(req):
                        continue
                    out += _pace_limits(spec, ind.id, req, y0, t.year, max_growth,
                                        what=Msg("what.target_from", text=t.text, start=x0, year=y0))
                elif ind.model == "linear":
                    out += _linear_record(ind, (t.value - x0) / n, y0, t)
    return out


def _start_before(ind: Indicator, year: int, assumed) -> tuple[int, float] | None:
    before = {y: v for y, v in ind.actuals().items() if y < year}
    if before:
        return max(before), before[max(before)]
    a = assumed.get(ind.id)
    return (a.year, a.value) if a is not None and a.year < year else None


def _pace_limits(spec: Spec, name: str, req: float, y0: int, y: int, max_growth: float | None, *,
                 relation: str | None = None, what: Msg, growth_target: bool = False) -> list[dict]:
    ind = _indicator(spec, name)
    out = []
    base = dict(relation=relation, indicators=[name], year=y, unit="%/yr", inconsistent=True)
    if ind is not None and ind.model == "compound":
        real = ind.growth_is_real   # real growth is compared with published (real) rates only,
        paces, years = record(ind, with_published=growth_target or not real,   # nominal paces with
                              with_levels=not (growth_target and real))       # level-to-level ones
        if paces:
            hi, lo = max(paces), min(paces)
            if req > 0 and req > hi:
                out.append(finding("pace", Msg("finding.pace_high", year=y, name=name, what=what, req=req, edge=hi,
                                               record=_on_record(years)),
                                   implied=req * 100, stated=hi * 100, difference=(req - hi) * 100,
                                   **base))
            elif req < 0 and req < lo:
                out.append(finding("pace", Msg("finding.pace_low", year=y, name=name, what=what, req=req, edge=lo,
                                               record=_on_record(years)),
                                   implied=req * 100, stated=lo * 100, difference=(req - lo) * 100,
                                   **base))
    if max_growth is not None and abs(req) > max_growth and (ind is None or ind.model == "compound"):
        out.append(finding("pace", Msg("finding.pace_limit", year=y, name=name, what=what, req=req, start=y0,
                                       limit=max_growth),
                           implied=req * 100, stated=max_growth * 100,
                           difference=(abs(req) - max_growth) * 100, tolerance=None, **base))
    return out


def _on_record(years: list[int]) -> Msg:
    return Msg("finding.on_record", years=years, weak=len(years) < WEAK_POINTS)


def _linear_record(ind: Indicator, req: float, y0: int, t: Target) -> list[dict]:
    paces, years = record(ind)
    if not paces:
        return []
    hi, lo = max(paces), min(paces)
    if (req > 0 and req > hi) or (req < 0 and req < lo):
        edge = hi if req > 0 else lo
        unit = f"{ind.unit or 'units'}/yr"
        return [finding("pace", Msg("finding.linear_record", year=t.year, name=ind.id, text=t.text, req=req,
                                    unit=ind.unit, start=y0, edge=edge, record=_on_record(years)),
                        indicators=[ind.id], year=t.year, implied=req, stated=edge,
                        difference=req - edge, unit=unit, inconsistent=True)]
    return []
