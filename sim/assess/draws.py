"""Stochastic scenarios as arrays: each indicator's yearly pace draws (normal, lognormal, triangular,
uniform, bootstrap; per year or per path), shocks, shared factors and a Gaussian copula; values by year."""
from __future__ import annotations

from typing import Callable, Literal, Mapping

import numpy as np

from sim.errors import SimError
from sim.meta import Msg
from sim.scenario.model import (
    Bootstrap,
    Correlation,
    Dist,
    Factor,
    LogNormal,
    Normal,
    Scenario,
    Triangular,
    Uniform,
)
from sim.scenario.paths import bootstrap_pool, deflator_of, pace_dist, pace_of, start_of
from sim.scenario.projection import horizon
from sim.spec.model import Spec
from sim.spec.targets import Frozen

CHUNK = 1 << 15                       # draws per chunk: bounds memory, fixes the random streams


PCT_CHUNKS = 8                        # percentiles from the first 8 chunks (262,144 draws)


PERCENTILES = (10, 50, 90)


METHODS = ("auto", "monte_carlo")


class ShockDraw(Frozen):
    year: int
    size: float                       # in pace units: a rate, or units/yr (growth x start value)
    probability: float


class Draws(Frozen):
    """How one indicator's pace is drawn for the years ``years`` (start_year+1 .. horizon)."""
    indicator: str
    start: float
    start_year: int
    mode: Literal["rate", "increment"]
    years: tuple[int, ...]
    mean: tuple[float, ...]           # fixed pace per year, or the distribution's mean; no shocks
    dist: Dist | None = None
    deflator: float = 0.0             # applied to drawn rates: (1+g)(1+deflator) - 1
    pool: tuple[float, ...] = ()      # what a bootstrap resamples
    shocks: tuple[ShockDraw, ...] = ()

    @property
    def per(self) -> str | None:
        return self.dist.per if self.dist is not None else None


class Model(Frozen):
    """Every simulated indicator on one grid of years y0 .. y0+len(years)-1 (y0: earliest start)."""
    draws: tuple[Draws, ...]
    years: tuple[int, ...]
    factors: tuple[Factor, ...] = ()
    correlation: Correlation | None = None

    def index(self, year: int) -> int:
        return year - self.years[0]

    def get(self, ident: str) -> Draws | None:
        return next((d for d in self.draws if d.indicator == ident), None)

    def loaded(self, ident: str) -> bool:
        return any(f.loadings.get(ident) for f in self.factors)


def plan_model(spec: Spec, sc: Scenario) -> Model:
    """The draws of every indicator with a start and a pace (others are not simulated)."""
    calm = sc.model_copy(update={"shocks": []})
    out = []
    for ind in spec.indicators:
        start = start_of(ind, sc, spec.plan.base_year)
        if start is None:
            continue
        pace = pace_of(ind, calm, start, horizon(spec, ind))
        if pace is None or not pace.years:
            continue
        field, dist = pace_dist(ind, sc)
        if pace.mode == "increment" and field != "change":
            dist = None            # a trend fallen back to linear: fixed
        deflator = deflator_of(sc, ind) if field == "real_growth" and ind.basis == "nominal" else 0.0
        pool = tuple(bootstrap_pool(ind, sc, field)) if isinstance(dist, Bootstrap) else ()
        shocks = tuple(ShockDraw(year=s.year, probability=s.probability,
                                 size=s.growth if pace.mode == "rate" else s.growth * start.value)
                       for s in sc.shocks
                       if (s.indicators == "all" or ind.id in s.indicators) and s.year in pace.years)
        out.append(Draws(indicator=ind.id, start=start.value, start_year=start.year, mode=pace.mode,
                         years=pace.years, mean=pace.values, dist=dist, deflator=deflator, pool=pool,
                         shocks=shocks))
    if not out:
        return Model(draws=(), years=(spec.plan.base_year,))
    y0 = min(d.start_year for d in out)
    y1 = max(d.years[-1] for d in out)
    model = Model(draws=tuple(out), years=tuple(range(y0, y1 + 1)), factors=tuple(sc.factors),
                  correlation=sc.correlation)
    _check_dependence(model, sc)
    return model


def _check_dependence(model: Model, sc: Scenario):
    """What a factor needs from the plan (its shape is checked when the scenario is read)."""
    for k, f in enumerate(model.factors):
        if f.of is not None and model.get(f.of) is None:
            raise SimError(Msg("factor.no_pace", id=f.id, of=f.of),
                           file=sc.file, field=f"factors.{k}.of")
        if f.of is not None and f.loadings.get(f.of):
            raise SimError(Msg("factor.self", id=f.id, of=f.of),
                           file=sc.file, field=f"factors.{k}.loadings")


def _matrix_root(c: Correlation) -> np.ndarray:
    """L with L L' = R, from the eigendecomposition so that a singular R is fine (R is checked to
    be a correlation matrix when the scenario is read)."""
    w, v = np.linalg.eigh(np.array(c.matrix, dtype=float))
    return v * np.sqrt(np.clip(w, 0, None))


def describe(d: Draws | None, model: Model) -> Msg:
    """How the pace is drawn: distribution, per, deflator, factors, shocks (one Msg per part)."""
    if d is None:
        return Msg("draw.none")
    if d.dist is None:
        parts = [Msg("draw.fixed", mode=d.mode, mean=float(np.mean(d.mean)), path=len(set(d.mean)) > 1)]
    else:
        p = [(k, v) for k, v in d.dist.model_dump().items() if k not in ("dist", "per")]
        parts = [Msg("draw.dist", mode=d.mode, dist=d.dist.dist, args=p, pool=len(d.pool), per=d.per, deflator=d.deflator)]
    for f in model.factors:
        if f.loadings.get(d.indicator):
            parts.append(Msg("draw.factor", factor=f.id, loading=f.loadings[d.indicator]))
    if model.correlation and d.indicator in model.correlation.indicators and d.dist is not None:
        parts.append(Msg("draw.correlated"))
    for s in d.shocks:
        parts.append(Msg("draw.shock", year=s.year, mode=d.mode, size=s.size, p=s.probability))
    return Msg("draw.describe", parts=parts)


def _from_normal(d: Draws, z: np.ndarray) -> np.ndarray:
    """Draws of d's distribution from standard normal deviates z (copula, or fresh for normals)."""
    p = d.dist
    if isinstance(p, Normal):
        return p.mean + p.sd * z
    if isinstance(p, LogNormal):
        return np.expm1(p.mu + p.sigma * z)
    from scipy.special import ndtr  # u = Phi(z): the copula's uniforms
    return _from_uniform(d, ndtr(z).astype(np.float32))


def _from_uniform(d: Draws, u: np.ndarray) -> np.ndarray:
    p = d.dist
    if isinstance(p, Uniform):
        return p.low + (p.high - p.low) * u
    if isinstance(p, Triangular):
        span, left = p.high - p.low, p.mode - p.low
        c = left / span if span > 0 else 0.5
        lo = p.low + np.sqrt(u * span * left)
        hi = p.high - np.sqrt((1 - u) * span * (p.high - p.mode))
        return np.where(u < c, lo, hi)
    pool = np.asarray(d.pool, dtype=np.float32)
    return pool[np.minimum((u * len(pool)).astype(np.intp), len(pool) - 1)]


def _draw(d: Draws, shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    p = d.dist
    if isinstance(p, (Normal, LogNormal)):
        return _from_normal(d, rng.standard_normal(shape, dtype=np.float32))
    if isinstance(p, Bootstrap):
        return np.asarray(d.pool, dtype=np.float32)[rng.integers(0, len(d.pool), shape)]
    return _from_uniform(d, rng.random(shape, dtype=np.float32))


RATE_FLOOR = -0.99   # a drawn growth rate at or below -100% a year is raised to -99% (stated rule)


def sample_paces(model: Model, n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Pace per indicator and year, shape (len(d.years), n) or broadcastable to it. Drawn growth
    rates (after factors and shocks) are truncated below at RATE_FLOOR: a level never reaches 0."""
    z = {}
    if model.correlation is not None:
        c = model.correlation
        L = _matrix_root(c).astype(np.float32)
        m = len(model.years) - 1
        e = rng.standard_normal((len(c.indicators), m, n), dtype=np.float32)
        z = dict(zip(c.indicators, np.tensordot(L, e, axes=(1, 0))))
    paces = {}
    for d in model.draws:
        m = len(d.years)
        if d.dist is None:
            p = np.asarray(d.mean)[:, None]
        else:
            shape = (m if d.per == "year" else 1, n)
            p = _from_normal(d, z[d.indicator][:shape[0]]) if d.indicator in z else _draw(d, shape, rng)
            if d.deflator:
                p = p + d.deflator + p * d.deflator
        paces[d.indicator] = p
    _add_factors(model, paces, n, rng)
    for d in model.draws:
        if d.shocks:
            p = np.broadcast_to(paces[d.indicator], (len(d.years), n)).copy()
            for s in d.shocks:
                hit = s.size if s.probability >= 1 else s.size * (rng.random(n, dtype=np.float32) < s.probability)
                p[d.years.index(s.year)] += hit
            paces[d.indicator] = p
    for d in model.draws:
        if d.mode == "rate":
            paces[d.indicator] = np.maximum(paces[d.indicator], RATE_FLOOR)
    return paces


def _add_factors(model: Model, paces: dict, n: int, rng: np.random.Generator):
    drawn = dict(paces)                # surprises are of the draws before any factor
    for f in model.factors:
        m = len(model.years)
        if f.of is not None:
            src = model.get(f.of)
            F = np.zeros((m, n), dtype=np.float32)
            i = model.index(src.years[0])
            F[i:i + len(src.years)] = drawn[f.of] - np.asarray(src.mean, dtype=np.float32)[:, None]
        else:
            F = f.sd * rng.standard_normal((m if f.per == "year" else 1, n), dtype=np.float32)
        for ident, w in f.loadings.items():
            d = model.get(ident)
            if d is None or not w:
                continue
            i = model.index(d.years[0])
            rows = F[i:i + len(d.years)] if F.shape[0] > 1 else F
            paces[ident] = paces[ident] + w * rows


def values_of(model: Model, paces: Mapping[str, np.ndarray], n: int) -> dict[str, np.ndarray]:
    """Levels on the model's grid, shape (len(model.years), n) (or (.., 1) when fixed): the start
    value up to the start year, then compounded (rate) or summed (change)."""
    out = {}
    for d in model.draws:
        p = paces[d.indicator]
        i, j = model.index(d.start_year) + 1, model.index(d.years[-1]) + 1
        v = np.empty((len(model.years), p.shape[1]), dtype=p.dtype)
        v[:i] = d.start
        path = v[i:j]
        if d.mode == "rate":             # a loop over years: np.cumprod on axis 0 is far slower
            np.add(p, 1.0, out=path)
            path[0] *= d.start
            for k in range(1, len(path)):
                path[k] *= path[k - 1]
        else:
            path[...] = p
            path[0] += d.start
            for k in range(1, len(path)):
                path[k] += path[k - 1]
        v[j:] = v[j - 1]
        out[d.indicator] = v
    return out


def sample(model: Model, n: int, rng: np.random.Generator,
           derived: Mapping[str, Derived] | None = None) -> dict[str, np.ndarray]:
    """n sampled paths of every indicator (and derived one): levels by year on the model's grid."""
    vals = values_of(model, sample_paces(model, n, rng), n)
    for ident, fn in (derived or {}).items():
        vals[ident] = np.broadcast_to(fn(vals), (len(model.years), n))
    return vals


Derived = Callable[[Mapping[str, np.ndarray]], np.ndarray]
