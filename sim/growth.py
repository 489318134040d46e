"""Growth arithmetic for target checking (METHODS.md: Required pace, Nominal and real,
Trend from history, Projection, Uncertainty).

Conventions:
- Rates are fractions per year (0.07 = 7 %/yr); linear paces are indicator units per year.
- `n` is years left (`T - t`).
- Array functions are elementwise and broadcast their arguments like numpy ufuncs; scalar
  inputs give numpy scalars.
- No function returns inf or emits floating-point warnings: where a result is undefined (the
  cases are listed per function) or would overflow float64, it is NaN and the caller decides
  what that means. NaN inputs give NaN.
"""

import numpy as np

_MODELS = ("compound", "linear")
_R_LO, _R_HI = -0.99, 10.0  # search range of required_cumulative
_BISECT_STEPS = 100  # halves the range 100 times: far below float64 spacing


def _arr(x):
    return np.asarray(x, dtype=float)


def _finite(a):
    """a with non-finite entries set to NaN; 0-d results as numpy scalars."""
    a = np.where(np.isfinite(a), a, np.nan)
    return a[()]


@np.errstate(all="ignore")
def required_compound(x_t, target, n):
    """Compound pace from x_t to target in n years, fraction/yr: (target/x_t)**(1/n) - 1.

    NaN where x_t <= 0, target <= 0 or n <= 0 (METHODS: fall back to linear there).
    """
    x_t, target, n = _arr(x_t), _arr(target), _arr(n)
    r = np.expm1((np.log(target) - np.log(x_t)) / n)
    return _finite(np.where((x_t > 0) & (target > 0) & (n > 0), r, np.nan))


@np.errstate(all="ignore")
def required_linear(x_t, target, n):
    """Linear pace, units/yr: (target - x_t)/n. NaN where n <= 0."""
    x_t, target, n = _arr(x_t), _arr(target), _arr(n)
    return _finite(np.where(n > 0, (target - x_t) / n, np.nan))


def _log_sum_growth(r, n):
    """log(sum_{i=1..n} (1+r)**i) = log((1+r) * expm1(n*log1p(r)) / r), overflow-free, r > -1."""
    lg = np.log1p(r)
    y = n * lg
    log_abs_expm1 = np.maximum(y, 0.0) + np.log(-np.expm1(-np.abs(y)))
    return np.where(r == 0, np.log(n), lg + log_abs_expm1 - np.log(np.abs(r)))


@np.errstate(all="ignore")
def required_cumulative(x_t, total, n):
    """Rate r (fraction/yr) with sum_{i=1..n} x_t*(1+r)**i = total (累计法), by bisection.

    The sum is increasing in r, so the root is unique if it exists. n = 1 gives exactly
    total/x_t - 1. NaN where x_t <= 0, total <= 0, n < 1, n is not a whole number, or the
    root is outside r in (-0.99, 10).
    """
    x_t, total, n = np.broadcast_arrays(_arr(x_t), _arr(total), _arr(n))
    ok = (x_t > 0) & (total > 0) & (n >= 1) & (n == np.floor(n)) & np.isfinite(n)
    x_t, total, n = (np.where(ok, a, 1.0) for a in (x_t, total, n))
    log_ratio = np.log(total) - np.log(x_t)
    lo = np.full(x_t.shape, _R_LO)
    hi = np.full(x_t.shape, _R_HI)
    ok &= (_log_sum_growth(lo, n) < log_ratio) & (_log_sum_growth(hi, n) > log_ratio)
    for _ in range(_BISECT_STEPS):
        mid = 0.5 * (lo + hi)
        below = _log_sum_growth(mid, n) < log_ratio
        lo = np.where(below, mid, lo)
        hi = np.where(below, hi, mid)
    r = np.where(n == 1, total / x_t - 1.0, 0.5 * (lo + hi))
    return _finite(np.where(ok, r, np.nan))


@np.errstate(all="ignore")
def nominal_from_real(real, deflator):
    """Nominal growth, fraction: (1+real)(1+deflator) - 1."""
    real, deflator = _arr(real), _arr(deflator)
    return _finite(real + deflator + real * deflator)


@np.errstate(all="ignore")
def real_from_nominal(nominal, deflator):
    """Real growth, fraction: (1+nominal)/(1+deflator) - 1. NaN where deflator == -1."""
    nominal, deflator = _arr(nominal), _arr(deflator)
    return _finite(np.where(deflator != -1, (nominal - deflator) / (1.0 + deflator), np.nan))


@np.errstate(all="ignore")
def trend(years, values, model, weights=None) -> tuple[float, float, int]:
    """Trend of one series by (weighted) least squares over all usable points.

    'compound': OLS of log(values) on years, rate = exp(slope) - 1 (fraction/yr), fitted
    value = exp(fitted log) at the last used year. 'linear': OLS of values on years, slope in
    units/yr. weights (e.g. recency_weights) turn OLS into weighted least squares.
    Points with a NaN year, value or weight, or a weight <= 0, are dropped.
    Returns (rate_or_slope, fitted_last, k), k = points used; rate and fitted are NaN when
    k < 2, all used years are equal, or (compound) any used value is <= 0.
    """
    if model not in _MODELS:
        raise ValueError(f"model must be one of {_MODELS}, got {model!r}")
    years, values = _arr(years), _arr(values)
    w = np.ones_like(years) if weights is None else _arr(weights)
    used = np.isfinite(years) & np.isfinite(values) & np.isfinite(w) & (w > 0)
    x, y, w = years[used], values[used], w[used]
    k = int(x.size)
    if k < 2 or (model == "compound" and np.any(y <= 0)):
        return float("nan"), float("nan"), k
    if model == "compound":
        y = np.log(y)
    x_bar = np.sum(w * x) / np.sum(w)
    y_bar = np.sum(w * y) / np.sum(w)
    sxx = np.sum(w * (x - x_bar) ** 2)
    slope = np.sum(w * (x - x_bar) * (y - y_bar)) / sxx if sxx > 0 else np.nan
    fitted = y_bar + slope * (np.max(x) - x_bar)
    if model == "compound":
        slope, fitted = np.expm1(slope), np.exp(fitted)
    return float(_finite(slope)), float(_finite(fitted)), k


@np.errstate(all="ignore")
def recency_weights(years, half_life):
    """Weights halving every half_life years back from the latest: 0.5**((max(years)-years)/half_life).

    NaN years are ignored for the max and get NaN weights. NaN where half_life <= 0.
    """
    years, half_life = _arr(years), _arr(half_life)
    latest = np.max(years, where=np.isfinite(years), initial=-np.inf)
    w = 0.5 ** ((latest - years) / half_life)
    return _finite(np.where(half_life > 0, w, np.nan))


@np.errstate(all="ignore")
def project(x_t, paths, model):
    """Values for years t+1..t+n, shape of paths (k, n).

    x_t: latest values, shape (k,). paths: per-year rates (fraction, compound) or increments
    (units, linear) along the last axis. model: 'compound' or 'linear', or an array of them
    of shape (k,). compound: x_t * cumprod(1 + paths); linear: x_t + cumsum(paths).
    Compound rates below -1 give sign-flipping values as the formula says.
    """
    model = np.asarray(model)
    if not np.isin(model, _MODELS).all():
        raise ValueError(f"model must be one of {_MODELS}, got {model!r}")
    x_t, paths = _arr(x_t)[..., None], _arr(paths)
    compound = x_t * np.cumprod(1.0 + paths, axis=-1)
    linear = x_t + np.cumsum(paths, axis=-1)
    return _finite(np.where(model[..., None] == "compound", compound, linear))


@np.errstate(all="ignore")
def share_of_required(x_t, projected, target):
    """Share of the required change achieved: (projected - x_t)/(target - x_t).

    NaN where target == x_t (keep-the-level: the caller judges by side).
    """
    x_t, projected, target = _arr(x_t), _arr(projected), _arr(target)
    return _finite(np.where(target != x_t, (projected - x_t) / (target - x_t), np.nan))


@np.errstate(all="ignore")
def pace_ratio(assumed, required):
    """Pace ratio RR = assumed/required (same units). NaN where required == 0."""
    assumed, required = _arr(assumed), _arr(required)
    return _finite(np.where(required != 0, assumed / required, np.nan))


@np.errstate(all="ignore")
def prob_lognormal(x_t, target, mean_log, var_log, above=True):
    """Probability of reaching target when log(x_T/x_t) ~ Normal(mean_log, var_log).

    above=True: Pr(x_T >= target) = 1 - Phi((log(target/x_t) - mean_log)/sqrt(var_log));
    above=False: Pr(x_T <= target). mean_log and var_log are summed over the years
    (METHODS: Uncertainty). var_log == 0 gives the step 1/0 (1 when x_t*exp(mean_log) equals
    target either way). NaN where x_t <= 0, target <= 0 or var_log < 0.
    """
    from scipy.special import (
        ndtr,  # Phi; imported here: only the simulate and solve paths need it
    )

    x_t, target, mean_log, var_log = _arr(x_t), _arr(target), _arr(mean_log), _arr(var_log)
    above = np.asarray(above, dtype=bool)
    gap = np.log(target) - np.log(x_t) - mean_log  # log-growth still missing after mean_log
    z = gap / np.sqrt(var_log)
    p_above = np.where(var_log > 0, ndtr(-z), (gap <= 0).astype(float))
    p_below = np.where(var_log > 0, ndtr(z), (gap >= 0).astype(float))
    ok = (x_t > 0) & (target > 0) & (var_log >= 0) & ~np.isnan(gap)
    return _finite(np.where(ok, np.where(above, p_above, p_below), np.nan))
