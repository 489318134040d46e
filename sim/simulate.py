"""Stochastic scenarios: yearly draws of each indicator's pace, the closed form, Monte Carlo and
percentiles (METHODS.md: Uncertainty; DESIGN.md: Scenario format).

Model. Every indicator moves from its start (latest actual or assumed baseline) by one pace per
year, a growth rate g (x -> x(1+g)) or a change d (x -> x + d). The pace of year k is

    p_k = draw_k                          the scenario's distribution, or its fixed value
          [-> (1+p_k)(1+deflator) - 1]    when a real_growth distribution meets a nominal indicator
          + sum_f loading_f * F_f,k       shared factors
          + sum_s size_s * B_s            shocks of year k, B_s ~ Bernoulli(probability), once a path

Draws are independent across years (``per: year``) or one for all years (``per: path``). A
correlation matrix R couples the listed indicators' draws through a Gaussian copula: z = L e with
L L' = R, each marginal at its quantile Phi(z) (a ``per: path`` indicator uses its first year's z).
A factor is Normal(0, sd), or with ``of`` the surprise (draw minus mean) in that indicator's own
pace, before any factor is added. Derived indicators are functions of the sampled component values.

Closed form (METHODS.md). A rate indicator with lognormal or fixed growth factors, and a change
indicator with normal or fixed changes, with no shock and no factor: log(x_T/x_t) (rate) or
x_T - x_t (change) is Normal(M, V), M the sum of the yearly means, V of the yearly variances
(``per: path``: (n sigma)^2). Its level targets and percentiles are then exact.

Monte Carlo. Chunks of CHUNK draws, each with its own generator from SeedSequence(seed,
spawn_key=(chunk,)), run on a thread pool: the result depends on the seed and the number of
draws only. Random deviates and the levels drawn from them are float32 (a pace needs no more);
fixed paths are float64. A probability counts every draw (standard error sqrt(p(1-p)/N)). A
percentile is the draw-weighted mean of the percentiles of the first PCT_CHUNKS chunks (exact when
draws <= CHUNK; beyond 262,144 draws its sampling error is under 0.5% of the spread, and selecting
percentiles would cost more than drawing).
"""
from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Literal, Mapping

import numpy as np

from sim import growth
from sim.assess import STATUS_LABELS, assess_plan
from sim.errors import SimError
from sim.meta import SCHEMA_VERSION, provenance, to_json
from sim.model import Indicator, Spec
from sim.scenario import (
    Bootstrap,
    Correlation,
    Dist,
    Factor,
    LogNormal,
    Normal,
    Scenario,
    Triangular,
    Uniform,
    bootstrap_pool,
    deflator_of,
    pace_dist,
    pace_of,
    scenario_dict,
    start_of,
)
from sim.tables import render
from sim.targets import EPS, Frozen, Target

CHUNK = 1 << 15                       # draws per chunk: bounds memory, fixes the random streams
PCT_CHUNKS = 8                        # percentiles from the first 8 chunks (262,144 draws)
PERCENTILES = (10, 50, 90)
Z_P = (-1.2815515655446004, 0.0, 1.2815515655446004)   # standard normal quantiles of PERCENTILES
METHODS = ("auto", "monte_carlo")
Derived = Callable[[Mapping[str, np.ndarray]], np.ndarray]


# ---- the stochastic model of a plan under a scenario ------------------------------------------

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


def horizon(spec: Spec, ind: Indicator) -> int:
    """The last year an indicator is simulated to: its latest target year, or the plan's."""
    return max([t.year for t in ind.targets if t.year is not None] + [spec.plan.target_year])


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
            raise SimError(f"factor '{f.id}' is the surprise of '{f.of}', which has no pace to draw",
                           file=sc.file, field=f"factors.{k}.of")
        if f.of is not None and f.loadings.get(f.of):
            raise SimError(f"factor '{f.id}' cannot load on '{f.of}', the indicator it comes from",
                           file=sc.file, field=f"factors.{k}.loadings")


def _matrix_root(c: Correlation) -> np.ndarray:
    """L with L L' = R, from the eigendecomposition so that a singular R is fine (R is checked to
    be a correlation matrix when the scenario is read)."""
    w, v = np.linalg.eigh(np.array(c.matrix, dtype=float))
    return v * np.sqrt(np.clip(w, 0, None))


def describe(d: Draws | None, model: Model) -> str:
    """One line on how the pace is drawn: distribution, per, deflator, factors, shocks."""
    if d is None:
        return "not simulated"
    unit = "growth" if d.mode == "rate" else "change"
    if d.dist is None:
        m, path = float(np.mean(d.mean)), len(set(d.mean)) > 1
        text = f"{unit} fixed{' (path)' if path else ''} at " + \
            (f"{m:.2%}/yr" if d.mode == "rate" else f"{m:+.4g}/yr") + (" on average" if path else "")
    else:
        p = {k: v for k, v in d.dist.model_dump().items() if k not in ("dist", "per")}
        args = ", ".join(f"{k} {v:g}" for k, v in p.items())
        text = f"{unit} ~ {d.dist.dist}({args or f'{len(d.pool)} historical paces'}) " + \
            ("drawn each year" if d.per == "year" else "drawn once per path")
        if d.deflator:
            text += f", real + deflator {d.deflator:.1%}"
    for f in model.factors:
        if f.loadings.get(d.indicator):
            text += f"; factor {f.id} x{f.loadings[d.indicator]:g}"
    if model.correlation and d.indicator in model.correlation.indicators and d.dist is not None:
        text += "; correlated (copula)"
    for s in d.shocks:
        text += f"; shock {s.year} " + (f"{s.size:+.1%}" if d.mode == "rate" else f"{s.size:+.4g}") + \
            (f" with p={s.probability:g}" if s.probability < 1 else "")
    return text


# ---- sampling ------------------------------------------------------------------------------

def _phi(z: np.ndarray) -> np.ndarray:
    """Standard normal cdf (via growth.prob_lognormal: Pr(N(0,1) <= log e^z))."""
    return growth.prob_lognormal(1.0, np.exp(np.clip(z, -30, 30)), 0.0, 1.0, above=False)


def _from_normal(d: Draws, z: np.ndarray) -> np.ndarray:
    """Draws of d's distribution from standard normal deviates z (copula, or fresh for normals)."""
    p = d.dist
    if isinstance(p, Normal):
        return p.mean + p.sd * z
    if isinstance(p, LogNormal):
        return np.expm1(p.mu + p.sigma * z)
    return _from_uniform(d, _phi(z).astype(np.float32))


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


def sample_paces(model: Model, n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Pace per indicator and year, shape (len(d.years), n) or broadcastable to it."""
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


# ---- what is measured on a path, and whether it meets a target ----------------------------------

class Stat(Frozen):
    """A target's measure on a path: the level in ``year`` (level), the total over first..year plus
    ``done`` (cumulative), or growth in % in ``year`` or averaged (growth)."""
    indicator: str
    kind: Literal["level", "cumulative", "growth"]
    year: int
    first_year: int
    target: Target
    direction: Literal["increase", "decrease"] = "increase"
    done: float = 0.0
    real_deflator: float | None = None     # growth targets of GDP-like nominal series are real


def stat_values(stat: Stat, vals: Mapping[str, np.ndarray], y0: int) -> np.ndarray:
    v = vals[stat.indicator]
    i, j = stat.first_year - y0, stat.year - y0
    if stat.kind == "level":
        return v[j]
    if stat.kind == "cumulative":
        return stat.done + v[i:j + 1].sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = v[i:j + 1] / v[i - 1:j] - 1.0
    if stat.real_deflator is not None:
        g = (g - stat.real_deflator) / (1.0 + stat.real_deflator)
    return 100.0 * (g.mean(axis=0) if stat.target.period == "annual_average" else g[-1])


def meets(t: Target, x: np.ndarray, direction: str = "increase") -> np.ndarray:
    """Target.meets on an array; an approximate (~) target exceeded in the good direction meets it."""
    if t.op == "between":
        eps = EPS * max(1.0, abs(t.low), abs(t.high))
        return (x >= t.low - eps) & (x <= t.high + eps)
    v = t.value
    eps = EPS * max(1.0, abs(v))
    if t.op == "~":
        over = x > v if direction == "increase" else x < v
        return (np.abs(x - v) <= (t.tolerance or 0.0) + eps) | over
    return {">=": lambda: x >= v - eps, ">": lambda: x > v + eps, "<=": lambda: x <= v + eps,
            "<": lambda: x < v - eps, "==": lambda: np.abs(x - v) <= eps}[t.op]()


# ---- closed form --------------------------------------------------------------------------

def closed_form(model: Model, d: Draws, year: int) -> tuple[float, float] | None:
    """(M, V) with log(x_T/x_t) (rate) or x_T - x_t (change) ~ Normal(M, V), or None."""
    k = year - d.start_year
    shocks = [s for s in d.shocks if s.year <= year]
    p = d.dist
    if k < 1 or model.loaded(d.indicator) or any(s.probability < 1 for s in shocks) or \
            (shocks and not (p is None or d.mode == "increment" and isinstance(p, Normal))):
        return None
    mean = np.array(d.mean[:k])
    for s in shocks:                    # certain shocks on fixed or normal changes shift the mean
        mean[d.years.index(s.year)] += s.size
    var = lambda s: k * s * s if p.per == "year" else (k * s) ** 2  # noqa: E731
    if p is None:
        if d.mode == "rate" and np.any(mean <= -1):
            return None
        return (float(np.sum(np.log1p(mean))) if d.mode == "rate" else float(np.sum(mean))), 0.0
    if d.mode == "rate" and isinstance(p, LogNormal):
        return k * (p.mu + math.log1p(d.deflator)), var(p.sigma)
    if d.mode == "increment" and isinstance(p, Normal):
        return k * p.mean + sum(s.size for s in shocks), var(p.sd)
    return None


def closed_prob(d: Draws, M: float, V: float, t: Target, direction: str) -> float | None:
    """Pr(the level in the target year meets t) from (M, V); None where the form does not reach
    (a rate indicator with a non-positive start or threshold)."""
    rate = d.mode == "rate"
    if V == 0:
        x = d.start * math.exp(M) if rate else d.start + M
        return float(bool(meets(t, np.array([x]), direction)[0]))

    def below(x: float) -> float:       # Pr(x_T <= x)
        if rate and x <= 0:
            return 0.0
        u = (math.log(x / d.start) if rate else x - d.start) - M
        return float(growth.prob_lognormal(1.0, math.exp(max(min(u / math.sqrt(V), 30), -30)),
                                           0.0, 1.0, above=False))

    if rate and d.start <= 0:
        return None
    if t.op == "between":
        return below(t.high) - below(t.low)
    tol = t.tolerance or 0.0
    if t.op in (">=", ">") or (t.op == "~" and direction == "increase"):
        return 1.0 - below(t.value - (tol if t.op == "~" else 0.0))
    if t.op in ("<=", "<") or t.op == "~":
        return below(t.value + (tol if t.op == "~" else 0.0))
    return 0.0                          # '==' on a continuous value


def closed_percentiles(d: Draws, M: float, V: float) -> list[float]:
    s = math.sqrt(V)
    if d.mode == "rate":
        return [d.start * math.exp(M + z * s) for z in Z_P]
    return [d.start + M + z * s for z in Z_P]


# ---- Monte Carlo --------------------------------------------------------------------------

class MonteCarlo(Frozen):
    draws: int
    seed: int
    hits: tuple[int, ...]                              # per stat: draws meeting the target
    percentiles: tuple[tuple[float, float, float], ...]  # per stat
    fan: dict[str, dict[int, tuple[float, float, float]]]  # indicator -> year -> P10/P50/P90


def _pct(x: np.ndarray) -> np.ndarray:
    """P10/P50/P90 along the last axis (a fixed path, of width 1, is its own percentile)."""
    if x.shape[-1] == 1:
        return np.repeat(x, 3, axis=-1).T if x.ndim == 2 else np.repeat(x, 3)
    return np.percentile(x, PERCENTILES, axis=-1)


def monte_carlo(model: Model, stats: list[Stat], draws: int, seed: int,
                fan: Mapping[str, tuple[int, ...]] | None = None,
                derived: Mapping[str, Derived] | None = None,
                progress: Callable[[int, int], None] | None = None,
                workers: int | None = None) -> MonteCarlo:
    """Hits and percentiles of ``stats`` and percentiles by year of ``fan`` over ``draws`` paths."""
    if draws < 1:
        raise SimError("the number of draws must be at least 1", field="--draws")
    fan = dict(fan or {})
    y0 = model.years[0]
    sizes = [min(CHUNK, draws - c) for c in range(0, draws, CHUNK)]

    def chunk(c: int):
        n = sizes[c]
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(c,)))
        vals = sample(model, n, rng, derived)
        hits, pcts = [], []
        for s in stats:
            x = stat_values(s, vals, y0)
            hits.append(int(np.count_nonzero(meets(s.target, x, s.direction))) if x.shape[0] == n else
                        n * int(meets(s.target, x, s.direction)[0]))
            if c < PCT_CHUNKS:
                pcts.append(_pct(x) * n)
        f = {i: _pct(vals[i][[y - y0 for y in ys]]) * n for i, ys in fan.items()} if c < PCT_CHUNKS else {}
        return n, hits, pcts, f

    workers = workers or min(os.cpu_count() or 1, len(sizes))
    tot_hits = np.zeros(len(stats), dtype=np.int64)
    tot_pct = [np.zeros(3) for _ in stats]
    tot_fan = {i: np.zeros((3, len(ys))) for i, ys in fan.items()}
    done = 0
    weight = sum(sizes[:PCT_CHUNKS])
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for n, hits, pcts, f in pool.map(chunk, range(len(sizes))):
            tot_hits += np.asarray(hits, dtype=np.int64)
            for a, b in zip(tot_pct, pcts):
                a += b
            for i in f:
                tot_fan[i] += f[i]
            done += n
            if progress:
                progress(done, draws)
    return MonteCarlo(draws=draws, seed=seed, hits=tuple(int(h) for h in tot_hits),
                      percentiles=tuple(tuple(float(v) for v in a / weight) for a in tot_pct),
                      fan={i: {y: tuple(float(v) for v in a[:, k] / weight) for k, y in enumerate(fan[i])}
                           for i, a in tot_fan.items()})


def new_seed() -> int:
    """A fresh seed (recorded in the output so the run can be repeated)."""
    return int(np.random.SeedSequence().entropy % (1 << 63))


# ---- the plan: a probability for every assessable target ---------------------------------------

def _row_targets(spec: Spec):
    for ind in spec.indicators:
        for t in ind.targets:
            yield ind, t


def target_stat(spec: Spec, sc: Scenario, ind: Indicator, t: Target, row: dict, first_year: int) -> Stat:
    """What the row's target measures on a path (references resolved as the row did)."""
    if t.kind == "reference":
        t = t.model_copy(update={"value": row["target"], "kind": "level"})
    if t.kind == "growth":
        deflator = deflator_of(sc, ind)
        real = ind.growth_is_real
        return Stat(indicator=ind.id, kind="growth", year=t.year, first_year=first_year, target=t,
                    direction="increase" if t.value >= 0 else "decrease",
                    real_deflator=deflator if real else None)
    done = 0.0
    if t.kind == "cumulative":
        done = sum(v for y, v in ind.actuals().items() if spec.plan.base_year < y < first_year)
    return Stat(indicator=ind.id, kind="cumulative" if t.kind == "cumulative" else "level", year=t.year,
                first_year=first_year, target=t, direction=ind.direction, done=done)


def spec_derived(spec: Spec, sc: Scenario, model: Model) -> dict[str, tuple[str, Derived]]:
    """Indicators that follow their components through the spec's relations: the left-hand side
    of a relation whose right-hand ids are all simulated (or references, held at their latest
    value up to each year), unless the scenario gives it a pace of its own. Chains resolve in
    order. Returns id -> (equation text, function of the sampled levels)."""
    from sim.relations import evaluate, names, parse
    sims = {d.indicator for d in model.draws}
    refs = {}
    for k, r in spec.references.items():
        if r.values:
            first = min(r.values)
            refs[k] = np.array([[r.values[max([y for y in r.values if y <= g], default=first)]]
                                for g in model.years])
    out: dict[str, tuple[str, Derived]] = {}
    changed = True
    while changed:
        changed = False
        for rel in spec.relations:
            eq = parse(rel.expr)
            lhs, a = eq.lhs.id, sc.assumptions.get(eq.lhs.id)
            own = a is not None and any(x is not None for x in (a.growth, a.real_growth, a.change))
            if own or lhs in out or not all(n in sims or n in refs or n in out for n in names(eq.rhs)):
                continue
            out[lhs] = (eq.text, lambda vals, rhs=eq.rhs: evaluate(rhs, {**refs, **vals}))
            changed = True
    return out


def _mean_values(model: Model, derived: Mapping[str, Derived]) -> dict[str, np.ndarray]:
    """Levels along the mean paces with shocks at their expected size (the deterministic projection)."""
    paces = {}
    for d in model.draws:
        p = np.array(d.mean)
        for s in d.shocks:
            p[d.years.index(s.year)] += s.size * s.probability
        paces[d.indicator] = p[:, None]
    vals = values_of(model, paces, 1)
    for ident, fn in derived.items():
        vals[ident] = np.broadcast_to(fn(vals), (len(model.years), 1))
    return vals


def _derived_row(spec: Spec, sc: Scenario, ind: Indicator, t: Target, row: dict, det: dict, y0: int,
                 how: str) -> Stat:
    """A target of an indicator that follows its components: projection and status from the
    components' mean paths; its stat for Monte Carlo."""
    s = target_stat(spec, sc, ind, t, row, y0 + 1)
    x = float(stat_values(s, det, y0)[0])
    x = x if math.isfinite(x) else None
    ok = x is not None and bool(meets(s.target, np.array([x]), s.direction)[0])
    row.update(projected=x, uncertainty=how, draw_per="derived", status="on_track" if ok else "off_track",
               reason=f"{how}; projected {x:.4g} " + ("meets" if ok else "misses") + f" {t.text}"
               if x is not None else how)
    return s


def _closed_or_stat(spec: Spec, sc: Scenario, model: Model, ind: Indicator, t: Target, row: dict,
                    method: str) -> Stat | None:
    """Fill the row's probability where it is known without drawing (closed form, a past target
    year, a fixed path); else the stat to draw."""
    d = model.get(ind.id)
    start = start_of(ind, sc, spec.plan.base_year)
    if d is None or start is None or t.year <= start.year:
        x = row["projected"]
        row.update(probability=float(row["status"] in ("achieved", "on_track")), p10=x, p50=x, p90=x,
                   method="observed" if start is not None and t.year <= start.year else "closed_form")
        return None
    s = target_stat(spec, sc, ind, t, row, start.year + 1)
    cf = closed_form(model, d, t.year) if method == "auto" and s.kind == "level" else None
    prob = closed_prob(d, *cf, s.target, s.direction) if cf else None
    if prob is None:
        return s
    row.update(probability=min(max(prob, 0.0), 1.0), se=0.0, method="closed_form",
               **dict(zip(("p10", "p50", "p90"), map(_num, closed_percentiles(d, *cf)))))
    return None


def _num(x) -> float | None:
    return float(f"{x:.7g}") if x is not None and math.isfinite(x) else None


def simulate_report(spec: Spec, sc: Scenario, draws: int = 10_000, seed: int | None = None,
                    method: str = "auto", derived: Mapping[str, Derived] | None = None,
                    progress: Callable[[int, int], None] | None = None) -> dict:
    """The `sim simulate` result: the `sim check` rows with a probability of attainment each.

    Rows gain probability, se (Monte Carlo standard error), p10/p50/p90 (of the measure in the
    target year: level, cumulative total or growth in %), method (closed_form, monte_carlo, or
    observed for a target year already past), draws, draw_per (year, path or fixed) and
    uncertainty (how the pace is drawn). ``derived`` maps indicator ids to functions of the
    sampled component levels; such indicators follow their components.
    """

    if method not in METHODS:
        raise SimError(f"unknown method '{method}'", field="--method", hint=", ".join(METHODS))
    seed = new_seed() if seed is None else seed
    rows = assess_plan(spec, sc)
    model = plan_model(spec, sc)
    y0 = model.years[0]
    rel = spec_derived(spec, sc, model)
    how = {k: f"derived: {text}" for k, (text, _) in rel.items()} | {k: "derived from its components"
                                                                     for k in derived or {}}
    derived = {k: fn for k, (_, fn) in rel.items()} | dict(derived or {})
    det = _mean_values(model, derived) if model.draws else {}
    todo: list[tuple[dict, Stat]] = []
    for (ind, t), row in zip(_row_targets(spec), rows):
        d = model.get(ind.id)
        row.update(probability=None, se=None, p10=None, p50=None, p90=None, method=None, draws=None,
                   draw_per=(d.per or "fixed") if d else None,
                   uncertainty=describe(d, model) if d else None)
        if ind.id in derived and t.kind in ("level", "growth") and t.year in model.years[1:] and \
                t.value is not None:
            todo.append((row, _derived_row(spec, sc, ind, t, row, det, y0, how[ind.id])))
        elif row["status"] != "not_assessable" and row["projected"] is not None:
            s = _closed_or_stat(spec, sc, model, ind, t, row, method)
            if s is not None:
                todo.append((row, s))
    fan_cf, fan_mc = {}, {}
    for d in model.draws:
        forms = [closed_form(model, d, y) for y in d.years] if method == "auto" else [None]
        if all(forms):
            fan_cf[d.indicator] = {y: closed_percentiles(d, *f) for y, f in zip(d.years, forms)}
        else:
            fan_mc[d.indicator] = d.years
    fan_mc.update({i: model.years[1:] for i in derived})
    mc = None
    if todo or fan_mc:
        mc = monte_carlo(model, [s for _, s in todo], draws, seed, fan_mc, derived, progress)
        for (row, _), hits, pct in zip(todo, mc.hits, mc.percentiles):
            p = hits / draws
            row.update(probability=p, se=math.sqrt(p * (1 - p) / draws), method="monte_carlo", draws=draws,
                       **dict(zip(("p10", "p50", "p90"), map(_num, pct))))
    fans = {**fan_cf, **(mc.fan if mc else {})}
    fan = {i: {str(y): dict(zip(("p10", "p50", "p90"), map(_num, v))) for y, v in fans[i].items()}
           for i in [d.indicator for d in model.draws] + list(derived)}
    scen = scenario_dict(sc) | {
        "factors": [f.model_dump(mode="json", exclude_none=True) for f in sc.factors],
        "correlation": sc.correlation.model_dump(mode="json", exclude_none=True) if sc.correlation else None}
    return {"schema_version": SCHEMA_VERSION,
            "plan": {"id": spec.plan.id, "title": spec.plan.title, "region": spec.plan.region,
                     "base_year": spec.plan.base_year, "target_year": spec.plan.target_year},
            "scenario": scen,
            "simulation": {"draws": draws, "seed": seed, "method": method, "chunk": CHUNK,
                           "monte_carlo_run": mc is not None, "percentiles": list(PERCENTILES)},
            "rows": rows, "fan": fan, "summary": probability_summary(rows),
            "provenance": provenance(spec, sc, seed)}


BANDS = ((0.9, "likely"), (0.5, "more_likely_than_not"), (0.1, "unlikely"), (0.0, "very_unlikely"))


def probability_summary(rows: list[dict]) -> dict:
    """Targets with a probability, by band (>= .9, .5, .1, 0) and by method."""
    with_p = [r for r in rows if r.get("probability") is not None]
    bands = {b: 0 for _, b in BANDS}
    for r in with_p:
        bands[next(b for lo, b in BANDS if r["probability"] >= lo)] += 1
    methods: dict[str, int] = {}
    for r in with_p:
        methods[r["method"]] = methods.get(r["method"], 0) + 1
    return {"targets": len(rows), "with_probability": len(with_p), "by_band": bands, "by_method": methods}


# ---- rendering ------------------------------------------------------------------------------

LABELS = {
    "zh": {"indicator": "指标", "name": "名称", "text": "目标", "target_year": "目标年", "unit": "单位",
           "projected": "预计值", "probability": "达成概率", "se": "标准误", "p10": "P10", "p50": "P50",
           "p90": "P90", "method": "方法", "draw_per": "抽样", "status": "状态", "owner": "责任单位",
           "uncertainty": "不确定性", "year": "年份", "scenario": "情景",
           "closed_form": "解析解", "monte_carlo": "蒙特卡洛", "observed": "实际值",
           "per_year": "每年抽取", "per_path": "整期一次", "fixed": "固定", "derived": "由分项推算",
           "likely": "很可能 (≥90%)", "more_likely_than_not": "较可能 (50-90%)",
           "unlikely": "不太可能 (10-50%)", "very_unlikely": "很不可能 (<10%)",
           "foot": "达成概率: 模拟路径中目标年达到目标的比例 (解析解: 对数增长服从正态且各年独立时精确计算)。"
                   "P10/P50/P90: 目标年数值的分位数。增速默认每年独立抽取; “整期一次”为整个期间只抽一次。",
           "draws": "抽样 {draws:,} 次, 随机种子 {seed}", "summary": "汇总",
           "cell": "每格: 预计值 · 状态 · 达成概率 (各情景使用相同随机数; † 整期只抽一次)。"},
    "en": {"indicator": "indicator", "name": "name", "text": "target", "target_year": "by", "unit": "unit",
           "projected": "projected", "probability": "probability", "se": "std. error", "p10": "P10",
           "p50": "P50", "p90": "P90", "method": "method", "draw_per": "draws", "status": "status",
           "owner": "owner", "uncertainty": "uncertainty", "year": "year", "scenario": "scenario",
           "closed_form": "closed form", "monte_carlo": "Monte Carlo", "observed": "observed",
           "per_year": "each year", "per_path": "once per path", "fixed": "fixed", "derived": "derived",
           "likely": "likely (>=90%)", "more_likely_than_not": "more likely than not (50-90%)",
           "unlikely": "unlikely (10-50%)", "very_unlikely": "very unlikely (<10%)",
           "foot": "Probability: share of simulated paths meeting the target in its year (closed form: exact, "
                   "for normal log-growth with independent years). P10/P50/P90: percentiles of the "
                   "target-year value. Paces are drawn afresh each year unless marked once per path.",
           "draws": "{draws:,} draws, seed {seed}", "summary": "Summary",
           "cell": "Each cell: projected · status · probability (every scenario drawn with the same "
                   "random numbers; † drawn once per path)."},
}
SIM_COLUMNS = ["indicator", "name", "text", "target_year", "projected", "probability", "se", "p10", "p50",
               "p90", "method", "draw_per", "status", "owner", "uncertainty"]
SIM_SHORT = {"indicator", "text", "target_year", "projected", "probability", "p10", "p50", "p90", "method",
             "draw_per", "status"}


def prob_cell(r: dict) -> str | None:
    """A probability as shown: '41.3%', or '<0.01%' / '>99.99%' when no draw (or every draw) met it."""
    p = r.get("probability")
    if p is None:
        return None
    if r.get("method") == "monte_carlo" and p in (0.0, 1.0):
        return f"<{100 / r['draws']:.2g}%" if p == 0 else f">{100 - 100 / r['draws']:.6g}%"
    return f"{p:.1%}" if p >= 0.001 or p == 0 else f"{100 * p:.2g}%"


def sim_cell(r: dict, key: str, lang: str, fmt: str):
    v = r.get(key)
    lab = LABELS[lang]
    if v is None:
        return None
    if key == "probability":
        return v if fmt == "csv" else prob_cell(r)
    if key == "method":
        return lab.get(v, v)
    if key == "draw_per":
        return lab.get({"year": "per_year", "path": "per_path"}.get(v, v), v)
    if key == "status":
        return STATUS_LABELS[lang][v]
    if isinstance(v, float):
        return float(f"{v:.6g}") if fmt == "csv" else round(v, 4)
    return v


def render_simulation(report: dict, fmt: str, lang: str = "zh", wide: bool = False,
                      by_year: bool = False) -> str:
    if fmt == "json":
        return to_json(report)
    lab = LABELS[lang]
    sim = report["simulation"]
    if by_year:
        per = {r["indicator"]: r["draw_per"] for r in report["rows"] if r["draw_per"]}
        headers = [lab[k] for k in ("indicator", "year", "p10", "p50", "p90", "draw_per")]
        rows = [[i, int(y), v["p10"], v["p50"], v["p90"], sim_cell({"draw_per": per.get(i, "fixed")}, "draw_per",
                                                                     lang, fmt)]
                for i, by in report["fan"].items() for y, v in by.items()]
        title = f"{report['plan']['title']} — {report['scenario']['name'] or report['scenario']['id']}"
        return render(headers, rows, fmt, title=title + " · P10/P50/P90")
    cols = [c for c in SIM_COLUMNS if wide or fmt != "table" or c in SIM_SHORT]
    rows = [[sim_cell(r, c, lang, fmt) for c in cols] for r in report["rows"]]
    headers = [lab[c] for c in cols]
    if fmt == "csv":
        return render(headers + ["status_code", "method_code"],
                      [row + [r["status"], r["method"]] for row, r in zip(rows, report["rows"])], "csv")
    draws = lab["draws"].format(draws=sim["draws"], seed=sim["seed"]) if sim["monte_carlo_run"] else \
        lab["closed_form"]
    title = f"{report['plan']['title']} — {report['scenario']['name'] or report['scenario']['id']} · {draws}"
    s = report["summary"]
    lines = [f"{lab['summary']}: {s['with_probability']}/{s['targets']} — " +
             ", ".join(f"{lab[b]} {n}" for b, n in s["by_band"].items() if n), lab["foot"]]
    if fmt == "md":
        lines = [f"**{lines[0]}**", "", lines[1]]
    return render(headers, rows, fmt, title=title) + "\n".join(lines) + "\n"


# ---- scenarios side by side -----------------------------------------------------------------

def compare_report(spec: Spec, scenarios: list[Scenario], draws: int = 10_000, seed: int | None = None,
                   progress: Callable[[int, int], None] | None = None) -> dict:
    """Per target and scenario: projected value, status and probability. Every scenario is drawn
    with the same seed (common random numbers), so differences come from the assumptions."""

    seed = new_seed() if seed is None else seed
    total = draws * len(scenarios)
    reports = [simulate_report(spec, sc, draws, seed, progress=progress and (
        lambda done, _, k=k: progress(k * draws + done, total))) for k, sc in enumerate(scenarios)]
    ids = []
    for r in reports:
        sid = r["scenario"]["id"]
        ids.append(sid if sid not in ids else f"{sid}-{len(ids) + 1}")
    keys = ("projected", "status", "probability", "p10", "p50", "p90", "method", "draws", "draw_per")
    rows = []
    for k, base in enumerate(reports[0]["rows"]):
        row = {key: base[key] for key in ("indicator", "name", "text", "target_year", "unit", "owner",
                                         "attribute")}
        row["scenarios"] = {sid: {key: r["rows"][k][key] for key in keys} for sid, r in zip(ids, reports)}
        rows.append(row)
    prov = provenance(spec, scenarios[0], seed)
    prov["scenario"] = [sc.file for sc in scenarios]
    prov["scenario_sha256"] = [sc.sha256 for sc in scenarios]
    return {"schema_version": SCHEMA_VERSION, "plan": reports[0]["plan"],
            "scenarios": [dict(r["scenario"], key=sid) for sid, r in zip(ids, reports)],
            "simulation": {"draws": draws, "seed": seed, "common_random_numbers": True},
            "rows": rows, "summary": {sid: r["summary"] for sid, r in zip(ids, reports)},
            "provenance": prov}


def render_compare(report: dict, fmt: str, lang: str = "zh") -> str:
    if fmt == "json":
        return to_json(report)
    lab = LABELS[lang]
    scs = report["scenarios"]
    headers = [lab["indicator"], lab["text"], lab["target_year"]]
    rows = []
    if fmt == "csv":
        for sc in scs:
            headers += [f"{sc['key']}: {k}" for k in ("projected", "status", "probability")]
        for r in report["rows"]:
            cells = [r["indicator"], r["text"], r["target_year"]]
            for sc in scs:
                c = r["scenarios"][sc["key"]]
                cells += [_num(c["projected"]) if c["projected"] is not None else None, c["status"],
                          c["probability"]]
            rows.append(cells)
        return render(headers, rows, "csv")
    headers += [f"{sc['name'] or sc['key']}" for sc in scs]
    for r in report["rows"]:
        cells = [r["indicator"], r["text"], r["target_year"]]
        for sc in scs:          # one cell per scenario: projected · status · probability
            c = r["scenarios"][sc["key"]]
            proj = f"{c['projected']:.4g}" if c["projected"] is not None else "—"
            cells.append(f"{proj} · {STATUS_LABELS[lang][c['status']]}"
                         + (f" · {prob_cell(c)}" if c["probability"] is not None else "")
                         + (" †" if c["draw_per"] == "path" else ""))
        rows.append(cells)
    sim = report["simulation"]
    title = f"{report['plan']['title']} · " + lab["draws"].format(draws=sim["draws"], seed=sim["seed"])
    lines = []
    for sc in scs:
        s = report["summary"][sc["key"]]
        lines.append(f"{sc['name'] or sc['key']}: " + ", ".join(f"{lab[b]} {n}" for b, n in s["by_band"].items()
                                                                if n))
    lines.append(lab["cell"] + " " + lab["foot"])
    if fmt == "md":
        lines = [f"- {x}" for x in lines]
    return render(headers, rows, fmt, title=title) + "\n".join(lines) + "\n"
