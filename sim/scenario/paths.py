"""Start values, paces (assumed, trend, published growth) and projected values by year."""
from __future__ import annotations

from typing import Literal

import numpy as np

from sim import growth
from sim.errors import SimError
from sim.meta import Msg
from sim.scenario.model import (
    Assumption,
    Bootstrap,
    Defaults,
    Dist,
    MAX_RATE,
    LogNormal,
    Normal,
    Scenario,
    Triangular,
    Uniform,
)
from sim.spec.model import Indicator
from sim.spec.targets import Frozen

GROWTH_HISTORY_YEARS = 3     # published growth rates averaged when there is no level trend


WEAK_POINTS = 4              # fewer trend points than this is weak evidence (METHODS.md)


class Start(Frozen):
    """Where a projection starts. ``unused_baseline``: a baseline the scenario assumed for the base
    year that an actual of that year or later made moot (kept to say so)."""
    year: int
    value: float
    assumed: bool = False
    unused_baseline: float | None = None


class Pace(Frozen):
    """The pace of one indicator for the years ``years``: rates (compound) or increments."""
    mode: Literal["rate", "increment"]
    years: tuple[int, ...]
    values: tuple[float, ...]          # per year, after deflator and shocks
    source: Msg | str                  # e.g. Msg("pace.nominal", base=..., deflator=0.015)
    assumed: bool                      # came from the scenario rather than data
    points: int | None = None          # trend: data points used
    weak: bool = False                 # trend on fewer than WEAK_POINTS points
    fitted_years: tuple[int, ...] = ()
    notes: tuple[Msg, ...] = ()
    deflated: bool = False             # a real pace made nominal with a deflator

    @property
    def mean(self) -> float:
        return float(np.mean(self.values)) if self.values else float("nan")

    def until(self, year: int) -> Pace:
        """This pace for its years up to ``year`` (an unshocked pace's yearly values do not depend
        on how far it runs: see ``base_pace``)."""
        k = sum(1 for y in self.years if y <= year)
        return self if k == len(self.years) else self.model_copy(
            update={"years": self.years[:k], "values": self.values[:k]})


def start_of(ind: Indicator, sc: Scenario, base_year: int) -> Start | None:
    """The latest actual, or the scenario's assumed baseline (a value at ``base_year``) when no
    actual is as recent: an assumed base-year value is newer than actuals of earlier years, and
    moot once an actual of the base year or later exists (then kept as ``unused_baseline``)."""
    a = sc.assumptions.get(ind.id)
    assumed = a.baseline if a else None
    latest = ind.latest()
    if assumed is not None and (latest is None or latest[0] < base_year):
        return Start(year=base_year, value=assumed, assumed=True)
    if latest:
        return Start(year=latest[0], value=latest[1], unused_baseline=assumed)
    return None


def linked_history(ind: Indicator, acts: dict[int, float] | None = None) -> tuple[dict[int, float], list[Msg]]:
    """Actuals on one scope: values before a break times its factor; without a factor only the
    points from the latest unlinked break on are kept. ``acts``: ``ind.actuals()`` when the caller
    has them (returned as they are when there is no break: not to be changed)."""
    pts = ind.actuals() if acts is None else acts
    notes = []
    for br in sorted(ind.breaks, key=lambda b: b.year):
        if br.factor is not None:
            pts = {y: (v * br.factor if y < br.year else v) for y, v in pts.items()}
            notes.append(Msg("note.break_linked", year=br.year, factor=br.factor))
        else:
            dropped = [y for y in pts if y < br.year]
            pts = {y: v for y, v in pts.items() if y >= br.year}
            if dropped:
                notes.append(Msg("note.break_unlinked", year=br.year, note=br.note, dropped=dropped))
    return pts, notes


def deflator_of(sc: Scenario, ind: Indicator) -> float:
    """The GDP deflator for an indicator: its own assumption's, else the scenario default."""
    a = sc.assumptions.get(ind.id)
    return a.deflator if a is not None and a.deflator is not None else sc.defaults.deflator


def pace_of(ind: Indicator, sc: Scenario, start: Start, until: int) -> Pace | None:
    """The pace for years start.year+1 .. until, or None (with no assumption and no trend)."""
    base = base_pace(ind, sc, start, until)
    return shocked(base, ind, sc, start) if base is not None else None


def base_pace(ind: Indicator, sc: Scenario, start: Start, until: int) -> Pace | None:
    """``pace_of`` before the scenario's shocks: each year's value is the same however far the
    pace runs (so a pace to the horizon, cut with ``Pace.until``, is the pace to an earlier year)."""
    years = tuple(range(start.year + 1, until + 1))
    a = sc.assumptions.get(ind.id) or Assumption()
    d = sc.defaults
    deflator = deflator_of(sc, ind)
    nominal = ind.basis == "nominal"
    pace = None
    field, dist = pace_dist(ind, sc)
    pool = bootstrap_pool(ind, sc, field) if isinstance(dist, Bootstrap) else None
    if a.change is not None:
        pace = _path(a.change, years, "increment", Msg("pace.change", show=_show(a.change, pool)), pool)
    elif a.real_growth is not None:
        pace = _real(_path(a.real_growth, years, "rate", Msg("pace.real_growth"), pool), deflator, nominal)
    elif isinstance(a.growth, str) and a.growth == "none":
        return None
    elif a.growth is not None and a.growth != "trend":
        pace = _path(a.growth, years, "rate", Msg("pace.growth", show=_show(a.growth, pool)), pool)
    if pace is None:
        if a.growth != "trend" and d.real_growth is not None and a.growth is None:
            pace = _real(_path(d.real_growth, years, "rate", Msg("pace.default_real_growth"), pool), deflator,
                         nominal)
        elif a.growth != "trend" and d.growth not in ("trend", "none"):
            pace = _path(d.growth, years, "rate", Msg("pace.default_growth", growth=d.growth)
                         if isinstance(d.growth, (int, float)) else Msg("pace.default_growth_dist"), pool)
        elif a.growth == "trend" or d.growth == "trend":
            pace = _trend(ind, years, d, deflator)
    return pace


def pace_dist(ind: Indicator, sc: Scenario) -> tuple[str | None, Dist | None]:
    """The assumption field that sets the indicator's pace ('change', 'real_growth', 'growth' or
    None for defaults and trend) and its distribution (None for a number or a per-year path),
    with the precedence of ``pace_of``; a distribution in the scenario's defaults counts for an
    indicator whose assumption sets no pace."""
    a = sc.assumptions.get(ind.id)
    for field in ("change", "real_growth", "growth"):
        p = getattr(a, field) if a is not None else None
        if p is not None and not isinstance(p, str):
            return field, (p if not isinstance(p, (int, float, dict)) else None)
        if p is not None:
            return None, None
    d = sc.defaults
    if d.real_growth is not None:
        return ("real_growth", d.real_growth) if not isinstance(d.real_growth, (int, float)) else (None, None)
    if not isinstance(d.growth, (int, float, str)):
        return "growth", d.growth
    return None, None


def historical_paces(ind: Indicator, field: str | None) -> np.ndarray:
    """The indicator's own yearly paces, the pool a bootstrap draws from.

    change: level differences per year between consecutive actuals (units/yr). growth: level
    ratios annualized over each gap, else published growth rates (fraction); real_growth:
    published growth rates first. Series breaks are linked as in ``linked_history``.
    """
    pts, _ = linked_history(ind)
    ys = sorted(pts)
    pairs = list(zip(ys[:-1], ys[1:]))
    if field == "change":
        return np.array([(pts[b] - pts[a]) / (b - a) for a, b in pairs])
    levels = np.array([(pts[b] / pts[a]) ** (1 / (b - a)) - 1 for a, b in pairs
                       if pts[a] > 0 and pts[b] > 0])
    published = np.array([v / 100 for _, v in sorted(ind.growth_history.items())])
    first, second = (published, levels) if field == "real_growth" else (levels, published)
    return first if first.size else second


def bootstrap_pool(ind: Indicator, sc: Scenario, field: str) -> np.ndarray:
    """``historical_paces``, or a located error when there are fewer than 2 to draw from."""
    pool = historical_paces(ind, field)
    if pool.size < 2:
        raise SimError(Msg("bootstrap.pool", n=int(pool.size)),
                       file=sc.file, indicator=ind.id, field=f"assumptions.{ind.id}.{field}",
                       hint=Msg("bootstrap.pool_hint"))
    return pool


def _show(p, pool=None) -> Msg:
    if isinstance(p, (int, float)):
        return Msg("show.number", value=p)
    if isinstance(p, dict):
        return Msg("show.path", values=sorted(p.items()))
    return Msg("show.dist", dist=p.dist, mean=dist_mean(p, pool))


def dist_mean(p, pool=None) -> float:
    """Mean growth of a distribution (a lognormal factor: exp(mu + sigma^2/2) - 1; a bootstrap:
    the mean of ``pool``, the indicator's historical paces)."""
    if isinstance(p, Normal):
        return p.mean
    if isinstance(p, LogNormal):
        return float(np.exp(p.mu + p.sigma ** 2 / 2) - 1)
    if isinstance(p, Triangular):
        return (p.low + p.mode + p.high) / 3
    if isinstance(p, Uniform):
        return (p.low + p.high) / 2
    if pool is None:
        raise ValueError("a bootstrap's mean needs its pool")
    return float(np.mean(pool))


def _path(p, years, mode, source, pool=None) -> Pace:
    if isinstance(p, (int, float)):
        vals = [float(p)] * len(years)
    elif isinstance(p, dict):
        keys = sorted(p)
        vals = [float(p[max([k for k in keys if k <= y], default=keys[0])]) for y in years]
    else:
        return Pace(mode=mode, years=years, values=(dist_mean(p, pool),) * len(years),
                    source=Msg("pace.dist_mean", base=source, show=_show(p, pool)),
                    assumed=True)
    return Pace(mode=mode, years=years, values=tuple(vals), source=source, assumed=True)


def _real(p: Pace, deflator: float, nominal: bool) -> Pace:
    if not nominal or not deflator:
        return p
    vals = tuple(float(v) for v in growth.nominal_from_real(np.array(p.values), deflator))
    return p.model_copy(update={"values": vals,
                                "source": Msg("pace.nominal", base=p.source, deflator=deflator),
                                "deflated": True})


def _fit(ind: Indicator, d: Defaults):
    """(model, rate or slope, points used, years, weights, notes) of the indicator's trend, or None
    with fewer than 2 points."""
    pts, notes = linked_history(ind)
    pts = {y: v for y, v in pts.items() if y not in d.exclude_years}
    if len(pts) < 2:
        return None
    ys = np.array(sorted(pts), dtype=float)
    vs = np.array([pts[int(y)] for y in ys])
    w = growth.recency_weights(ys, d.trend_weights_half_life) if d.trend_weights_half_life else None
    model = ind.model
    if model == "compound" and np.any(vs <= 0):
        model = "linear"
        notes.append(Msg("note.trend_linear"))
    rate, _, n = growth.trend(ys, vs, model, w)
    return model, rate, n, ys, w, notes


def wild_trend(ind: Indicator, sc: Scenario) -> Msg | None:
    """Why the indicator's compound trend is not extrapolated: a rate beyond MAX_RATE a year (values
    in mixed units, or a series that is no growth path; its projection would overflow), else None."""
    fit = _fit(ind, sc.defaults)
    if fit is None or fit[0] != "compound" or not np.isfinite(fit[1]) or fit[1] <= MAX_RATE:
        return None
    return Msg("reason.wild_trend", rate=fit[1], max=MAX_RATE, start=int(fit[3][0]), end=int(fit[3][-1]))


def _trend(ind: Indicator, years, d: Defaults, deflator: float) -> Pace | None:
    fit = _fit(ind, d)
    notes = linked_history(ind)[1] if fit is None else fit[5]
    if fit is not None:
        model, rate, n, ys, w, notes = fit
        if np.isfinite(rate) and (model != "compound" or rate <= MAX_RATE):
            return Pace(mode="rate" if model == "compound" else "increment", years=years,
                        values=(float(rate),) * len(years),
                        source=Msg("pace.trend", model=model, n=n, start=int(ys[0]), end=int(ys[-1]),
                                   weighted=w is not None),
                        assumed=False, points=n, weak=n < WEAK_POINTS,
                        fitted_years=tuple(int(y) for y in ys), notes=tuple(notes))
    gh = {y: v for y, v in ind.growth_history.items() if y not in d.exclude_years}
    if gh:
        recent = sorted(gh)[-GROWTH_HISTORY_YEARS:]
        mean = float(np.mean([gh[y] for y in recent])) / 100
        real = ind.growth_is_real
        rate = float(growth.nominal_from_real(mean, deflator)) if real else mean
        src = Msg("pace.published_mean", start=recent[0], end=recent[-1], n=len(recent), mean=mean,
                  deflator=deflator if real and deflator else None)
        return Pace(mode="rate", years=years, values=(rate,) * len(years), source=src,
                    deflated=bool(real and deflator),
                    assumed=real and bool(deflator), points=len(recent), weak=True,
                    fitted_years=tuple(recent), notes=tuple(notes))
    return None


def shocked(p: Pace, ind: Indicator, sc: Scenario, start: Start) -> Pace:
    """``p`` with the scenario's shocks of its years added (expected size: growth x probability)."""
    vals = list(p.values)
    notes = list(p.notes)
    for sh in sc.shocks:
        if (sh.indicators == "all" or ind.id in sh.indicators) and sh.year in p.years:
            k = p.years.index(sh.year)
            size = sh.growth * sh.probability
            vals[k] += size if p.mode == "rate" else size * start.value
            notes.append(Msg("note.shock", year=sh.year, size=size, growth=sh.growth, p=sh.probability))
    if vals == list(p.values):
        return p
    return p.model_copy(update={"values": tuple(vals), "notes": tuple(notes), "assumed": True})


def project_values(start: Start, pace: Pace) -> dict[int, float]:
    """Projected value by year from ``start`` along ``pace``."""
    if not pace.years:
        return {}
    model = "compound" if pace.mode == "rate" else "linear"
    vals = growth.project(np.array([start.value]), np.array([pace.values]), model)[0]
    return {y: float(v) for y, v in zip(pace.years, vals)}
