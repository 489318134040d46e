"""Probability of attainment: the closed form for lognormal growth, chunked seeded Monte Carlo,
percentiles (P10/P50/P90) and their standard errors."""
from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, Literal, Mapping

import numpy as np

from sim.assess.draws import (
    CHUNK,
    PCT_CHUNKS,
    PERCENTILES,
    Derived,
    Draws,
    Model,
    sample,
)
from sim.errors import SimError
from sim.meta import Msg
from sim.scenario.model import (
    LogNormal,
    Normal,
)
from sim.spec.targets import EPS, Frozen, Target


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
    from scipy.special import ndtr  # Phi

    rate = d.mode == "rate"
    if V == 0:
        x = d.start * math.exp(M) if rate else d.start + M
        return float(bool(meets(t, np.array([x]), direction)[0]))

    def below(x: float) -> float:       # Pr(x_T <= x)
        if rate and x <= 0:
            return 0.0
        u = (math.log(x / d.start) if rate else x - d.start) - M
        return float(ndtr(u / math.sqrt(V)))

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
    """PERCENTILES of the target-year level when its log-change (rate) or change is Normal(M, V):
    start·exp(M + z_p·√V) or start + M + z_p·√V, z_p = Phi^-1(p/100)."""
    from scipy.special import ndtri

    s = math.sqrt(V)
    zs = [float(ndtri(p / 100)) for p in PERCENTILES]
    if d.mode == "rate":
        return [d.start * math.exp(M + z * s) for z in zs]
    return [d.start + M + z * s for z in zs]


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
                workers: int | None = None, key: tuple[int, ...] = (),
                run: Callable[[Callable, list[int]], Iterable] | None = None) -> MonteCarlo:
    """Hits and percentiles of ``stats`` and percentiles by year of ``fan`` over ``draws`` paths.

    Chunk ``c`` draws from ``SeedSequence(seed, spawn_key=key + (c,))`` (``key``: e.g. a plan's in
    a portfolio), so the numbers do not depend on where or in which order chunks run. ``run``
    maps the chunk function over the chunk numbers, results in order (e.g. on a Dask cluster,
    sim.assess.cluster); default: a pool of ``workers`` threads."""
    if draws < 1:
        raise SimError(Msg("run.draws"), field="--draws")
    fan = dict(fan or {})
    y0 = model.years[0]
    sizes = [min(CHUNK, draws - c) for c in range(0, draws, CHUNK)]

    def chunk(c: int):
        n = sizes[c]
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key + (c,)))
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
        for n, hits, pcts, f in (run or pool.map)(chunk, list(range(len(sizes)))):
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
