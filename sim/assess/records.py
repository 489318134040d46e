"""Paces beyond any year on record or beyond a plausibility limit (``--max-growth``)."""
from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

import numpy as np

from sim import growth
from sim.assess.facts import (
    Val,
    _indicator,
    finding,
)
from sim.assess.vector_rows import meets
from sim.meta import Msg
from sim.scenario.paths import WEAK_POINTS, linked_history
from sim.spec.model import Indicator, Spec
from sim.spec.targets import Target


def record(ind: Indicator, with_published: bool = True, with_levels: bool = True,
           levels: tuple[list[float], list[int]] | None = None) -> tuple[list[float], list[int]]:
    """Yearly paces on record: growth (fraction) between actuals, annualized over gaps, and
    published growth rates (compound models); changes per year (linear). With their years.
    ``levels``: the indicator's ``level_paces`` when the caller has them."""
    if with_levels:
        paces, years = levels if levels is not None else level_paces([ind])[0]
        paces, years = list(paces), list(years)
    else:
        paces, years = [], []
    if ind.model == "compound" and with_published:
        for y, v in sorted(ind.growth_history.items()):
            paces.append(v / 100)
            years.append(y)
    return paces, years


def level_paces(inds: Sequence[Indicator], acts: Sequence[dict[int, float]] | None = None
                ) -> list[tuple[list[float], list[int]]]:
    """Per indicator, the paces between consecutive actuals (``linked_history``) and the later
    year of each: compound growth ``(x_b/x_a)^(1/(b-a)) - 1`` where both levels are > 0 and the
    rate is finite, linear changes ``(x_b - x_a)/(b - a)``. The compound rates of all
    ``inds`` are one array computation (sim.growth.required_compound). ``acts``: their actuals,
    when the caller has them."""
    out: list = []
    a, b, n = [], [], []
    for i, ind in enumerate(inds):
        pts, _ = linked_history(ind, acts[i] if acts is not None else None)
        ys = sorted(pts)
        pairs = list(itertools.pairwise(ys))
        if ind.model == "linear":
            out.append(([(pts[y1] - pts[y0]) / (y1 - y0) for y0, y1 in pairs], [y1 for _, y1 in pairs]))
            continue
        pairs = [(y0, y1) for y0, y1 in pairs if pts[y0] > 0 and pts[y1] > 0]
        out.append(pairs)
        for y0, y1 in pairs:
            a.append(pts[y0])
            b.append(pts[y1])
            n.append(y1 - y0)
    rates = iter(growth.required_compound(np.array(a, dtype=float), np.array(b, dtype=float),
                                          np.array(n, dtype=float)).tolist() if a else ())
    for i, pairs in enumerate(out):
        if isinstance(pairs, list):
            paces, years = [], []
            for (_, y1), r in zip(pairs, rates):
                if math.isfinite(r):
                    paces.append(r)
                    years.append(y1)
            out[i] = (paces, years)
    return out


def pace_findings(spec: Spec, assumed: Mapping[str, Val] | None = None,
                  max_growth: float | None = None) -> list[dict]:
    """Targets whose required pace is beyond the record or the limit."""
    return pace_findings_many([spec], [assumed or {}], max_growth)[0]


def pace_findings_many(specs: Sequence[Spec], assumeds: Sequence[Mapping[str, Val]],
                       max_growth: float | None = None) -> list[list[dict]]:
    """``pace_findings`` of each spec (with its assumed starts); the compound paces of all of
    them, required and on record, are computed as arrays at once."""
    jobs = []   # (plan index, spec, ind, t, start year, start, years left); start None: a growth target
    acts_of: dict[int, dict] = {}
    for k, (spec, assumed) in enumerate(zip(specs, assumeds)):
        for ind in spec.indicators:
            for t in ind.targets:
                if t.year is None or t.value is None or t.op == "between":
                    continue
                if t.kind == "growth":
                    jobs.append((k, spec, ind, t, None, None, None))
                elif t.kind == "level":
                    acts = acts_of.get(id(ind))
                    if acts is None:
                        acts = acts_of[id(ind)] = ind.actuals()
                    start = _start_before(acts, ind, t.year, assumed)
                    if start is not None:
                        jobs.append((k, spec, ind, t, start[0], start[1], t.year - start[0]))
    levels_at = [j for j in jobs if j[5] is not None]
    met = set(map(id, (j for j, m in zip(levels_at, meets(np.array([j[5] for j in levels_at], dtype=float),
                                                             [j[3] for j in levels_at]).tolist()) if m))) \
        if levels_at else set()
    jobs = [j for j in jobs if id(j) not in met]   # already met: no pace is needed, so none is beyond the record
    compound = [j for j in jobs if j[5] is not None and j[2].model == "compound" and j[5] > 0 and j[3].value > 0]
    req = growth.required_compound(np.array([j[5] for j in compound], dtype=float),
                                   np.array([j[3].value for j in compound], dtype=float),
                                   np.array([j[6] for j in compound], dtype=float)).tolist() if compound else []
    req_of = {id(j): r for j, r in zip(compound, req)}   # NaN where it would overflow
    inds = list({id(j[2]): j[2] for j in jobs}.values())
    levels = {id(ind): lv for ind, lv in zip(inds, level_paces(inds, [acts_of.get(id(i)) for i in inds]))}
    out: list[list[dict]] = [[] for _ in specs]
    for j in jobs:
        k, spec, ind, t, y0, x0, n = j
        if x0 is None:
            out[k] += _pace_limits(spec, ind.id, t.value / 100, t.year - 1, t.year, max_growth,
                                   what=Msg("what.growth_target", text=t.text), growth_target=True,
                                   levels=levels, ind=ind)
        elif id(j) in req_of:
            if math.isfinite(r := req_of[id(j)]):
                out[k] += _pace_limits(spec, ind.id, r, y0, t.year, max_growth,
                                       what=Msg("what.target_from", text=t.text, start=x0, year=y0), levels=levels,
                                       ind=ind)
        elif ind.model == "linear":
            out[k] += _linear_record(ind, (t.value - x0) / n, y0, t, levels[id(ind)])
    return out


def _start_before(acts: Mapping[int, float], ind: Indicator, year: int, assumed) -> tuple[int, float] | None:
    before = [y for y in acts if y < year]
    if before:
        return max(before), acts[max(before)]
    a = assumed.get(ind.id)
    return (a.year, a.value) if a is not None and a.year < year else None


def _pace_limits(spec: Spec, name: str, req: float, y0: int, y: int, max_growth: float | None, *,
                 relation: str | None = None, what: Msg, growth_target: bool = False,
                 levels: Mapping[int, tuple] | None = None, ind: Indicator | None = None) -> list[dict]:
    """Findings of a pace ``req`` beyond the record of indicator ``name`` (``ind`` when the caller
    has it) or beyond ``max_growth``; ``levels``: ``level_paces`` by id() of the indicator, when the
    caller has them."""
    ind = ind if ind is not None else _indicator(spec, name)
    out = []
    base = dict(relation=relation, indicators=[name], year=y, unit="%/yr", inconsistent=True)
    if ind is not None and ind.model == "compound":
        real = ind.growth_is_real   # real growth is compared with published (real) rates only,
        paces, years = record(ind, with_published=growth_target or not real,   # nominal paces with
                              with_levels=not (growth_target and real),       # level-to-level ones
                              levels=levels.get(id(ind)) if levels else None)
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


def _linear_record(ind: Indicator, req: float, y0: int, t: Target, levels: tuple | None = None) -> list[dict]:
    paces, years = record(ind, levels=levels)
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
