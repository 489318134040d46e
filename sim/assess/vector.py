"""Assessment across many plans at once: level targets on a trend pace as arrays (and growth-rate
targets with published rates only: sim.assess.vector_growth).

The row-by-row path (sim.assess.status, sim.assess.kinds) is the reference; this module gives
identical rows for the targets it covers and hands every other target to it. Covered: the default
preset; a level target with a year and a number (not a range); an indicator without series breaks,
scenario assumption or shock, whose pace is the scenario's default trend (no excluded years, no
recency weights) fitted on at least 2 actuals, with a latest actual before the target year; in a
plan without relations (derived indicators are assessed from their components, row by row).

For those, the trend fits (OLS of log x or x on year), required paces (compound
``(x*/x_t)^(1/n) - 1`` or linear ``(x* - x_t)/n``), projections ``x_t * prod(1 + g)`` or
``x_t + sum(d)``, effective paces, shares of the required change and pace ratios are computed as
numpy arrays over every covered target of every plan, by the same sim.growth functions; the
rows are written by sim.assess.vector_rows.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from sim import growth
from sim.assess.derived import assess_with_relations
from sim.assess.presets import Method
from sim.assess.status import as_method, assess_target
from sim.assess.vector_growth import growth_covered, growth_rows
from sim.assess.vector_rows import build_rows
from sim.errors import SimError
from sim.scenario.model import Scenario
from sim.spec.model import Indicator, Spec
from sim.spec.targets import Target


def covered(ind: Indicator, t: Target, sc: Scenario) -> bool:
    """Whether the array path assesses this level target (see the module docstring)."""
    return plain_trend(sc) and _level_covered(ind, t, sc)


def plain_trend(sc: Scenario) -> bool:
    """Whether the scenario's default pace is the unweighted trend over every year."""
    d = sc.defaults
    return (d.growth == "trend" and d.real_growth is None and not d.exclude_years
            and d.trend_weights_half_life is None)


def _level_covered(ind: Indicator, t: Target, sc: Scenario) -> bool:
    return (t.kind == "level" and t.year is not None and t.op != "between" and t.value is not None
            and not ind.breaks and ind.id not in sc.assumptions
            and not (sc.shocks and any(sh.indicators == "all" or ind.id in sh.indicators for sh in sc.shocks)))


def assess_many(specs: Sequence[Spec], scs: Sequence[Scenario], preset: str | Method = "default",
                margin: float = 0.1, progress: Callable[[int, int], None] | None = None) -> list[list[dict] | SimError]:
    """The rows of every plan (as ``assess_with_relations`` gives them), covered targets together; a
    plan whose assessment raises a SimError (e.g. a bootstrap without history) gets that error."""
    out: list = []
    todo: list[tuple] = []      # level targets: (plan index, row index, spec, ind, t, sc, actuals)
    gtodo: list[tuple] = []     # growth targets: (plan index, row index, spec, ind, t, sc)
    default = as_method(preset, margin).preset == "default"
    for k, (spec, sc) in enumerate(zip(specs, scs)):
        first, gfirst = len(todo), len(gtodo)
        try:
            out.append(_plan_rows(k, spec, sc, preset, margin, default, todo, gtodo))
        except SimError as e:
            del todo[first:], gtodo[gfirst:]
            out.append(e)
        if progress and k % 100 == 99 and k + 1 < len(specs):
            progress(k + 1, len(specs))
    for (k, j, *_), row in zip(gtodo, growth_rows(gtodo) if gtodo else ()):
        if not isinstance(out[k], SimError):
            out[k][j] = row
    if todo:
        for (k, j, spec, ind, t, sc, _), row in zip(todo, _rows(todo)):
            if isinstance(out[k], SimError):
                continue
            try:
                out[k][j] = row if row is not None else assess_target(spec, ind, t, sc, preset, margin)
            except SimError as e:
                out[k] = e
    if progress:
        progress(len(specs), len(specs))
    return out


def _plan_rows(k: int, spec: Spec, sc: Scenario, preset, margin: float, default: bool, todo: list,
               gtodo: list) -> list:
    """The rows of plan ``k`` from the row path; covered targets left None and queued in ``todo``
    (levels) or ``gtodo`` (growth rates)."""
    if not default or spec.relations:
        return assess_with_relations(spec, sc, preset, margin)
    trend = plain_trend(sc)
    rows: list = []
    for ind in spec.indicators:
        acts = None
        for t in ind.targets:
            if trend and _level_covered(ind, t, sc):
                acts = acts if acts is not None else ind.actuals()
                if len(acts) >= 2 and next(reversed(acts)) < t.year:   # actuals are sorted by year
                    todo.append((k, len(rows), spec, ind, t, sc, acts))
                    rows.append(None)
                    continue
            elif trend and growth_covered(ind, t, sc):
                gtodo.append((k, len(rows), spec, ind, t, sc))
                rows.append(None)
                continue
            rows.append(assess_target(spec, ind, t, sc, preset, margin))
    return rows


def _trends(todo: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
    """(rate or slope, trend is compound) per target: OLS over each indicator's actuals, in groups
    of the same number of points (the formulas of sim.growth.trend, along axis 1)."""
    rate = np.full(len(todo), np.nan)
    compound = np.zeros(len(todo), dtype=bool)
    groups: dict[int, list[int]] = {}
    for i, item in enumerate(todo):
        groups.setdefault(len(item[6]), []).append(i)
    for idx in groups.values():
        x = np.array([list(todo[i][6]) for i in idx], dtype=float)
        y = np.array([list(todo[i][6].values()) for i in idx], dtype=float)
        comp = np.array([todo[i][3].model == "compound" for i in idx]) & np.all(y > 0, axis=1)
        with np.errstate(all="ignore"):
            y = np.where(comp[:, None], np.log(np.where(comp[:, None], y, 1.0)), y)
            w = np.ones_like(x)
            x_bar = np.sum(w * x, axis=1, keepdims=True) / np.sum(w, axis=1, keepdims=True)
            y_bar = np.sum(w * y, axis=1, keepdims=True) / np.sum(w, axis=1, keepdims=True)
            sxx = np.sum(w * (x - x_bar) ** 2, axis=1)
            slope = np.where(sxx > 0, np.sum(w * (x - x_bar) * (y - y_bar), axis=1) / sxx, np.nan)
            slope = np.where(comp, np.expm1(slope), slope)
        rate[idx] = np.where(np.isfinite(slope), slope, np.nan)
        compound[idx] = comp
    return rate, compound


def _rows(todo: list[tuple]) -> list[dict | None]:
    """The rows of the covered targets (None where the trend is not finite: the row path decides)."""
    rate, trend_compound = _trends(todo)
    latest = [next(reversed(item[6])) for item in todo]    # actuals are sorted by year
    x_t = np.array([item[6][y] for item, y in zip(todo, latest)], dtype=float)
    n = np.array([item[4].year for item in todo]) - np.array(latest)
    x_star = np.array([item[4].value for item in todo], dtype=float)
    level_compound = np.array([item[3].model == "compound" for item in todo]) & (x_t > 0) & (x_star > 0)
    req = np.where(level_compound, growth.required_compound(x_t, x_star, n), growth.required_linear(x_t, x_star, n))
    width = int(n.max())
    steps = np.where(np.arange(width)[None, :] < n[:, None], rate[:, None], 0.0)
    proj_rate = growth.project(x_t, steps, "compound")
    proj_inc = growth.project(x_t, steps, "linear")
    last = (np.arange(len(todo)), n - 1)
    proj = np.where(trend_compound, proj_rate[last], proj_inc[last])
    with np.errstate(all="ignore"):
        eff_compound = level_compound & (proj > 0)
    eff = np.where(eff_compound, growth.required_compound(x_t, proj, n), growth.required_linear(x_t, proj, n))
    share = growth.share_of_required(x_t, proj, x_star)
    ratio = growth.pace_ratio(eff, req)
    return build_rows(todo, latest, rate, trend_compound, level_compound, req, proj, eff, share, ratio)
