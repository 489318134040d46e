import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim import growth as g

SETTINGS = settings(database=None, derandomize=True, deadline=None, max_examples=200)
positive = st.floats(1e-3, 1e6)
years_left = st.integers(1, 30)
rate = st.floats(-0.5, 0.5)


def lands_on(value, target, scale):
    return value == pytest.approx(target, rel=1e-9, abs=1e-9 * scale)


# Required pace -------------------------------------------------------------------------------

@SETTINGS
@given(positive, st.floats(1e-4, 1e4), years_left)
def test_compound_pace_lands_on_target(x, ratio, n):
    # ratio bounded: a pace near -100 %/yr leaves 1 + r with few significant digits
    target = x * ratio
    r = g.required_compound(x, target, n)
    path = g.project([x], np.full((1, n), r), "compound")
    assert path.shape == (1, n)
    assert lands_on(path[0, -1], target, 0)


@SETTINGS
@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), years_left)
def test_linear_pace_lands_on_target(x, target, n):
    d = g.required_linear(x, target, n)
    path = g.project([x], np.full((1, n), d), "linear")
    assert lands_on(path[0, -1], target, max(abs(x), abs(target)))


def test_required_pace_known_values_and_nan():
    assert g.required_compound(100, 121, 2) == pytest.approx(0.1, rel=1e-14)
    assert g.required_linear(19, 16, 3) == pytest.approx(-1.0, rel=1e-14)
    r = g.required_compound([0, -1, 1, 1, 1], [1, 1, 0, 2, 2], [5, 5, 5, 0, -1])
    assert np.isnan(r).all()
    assert np.isnan(g.required_linear([1, 1], [2, 2], [0, -2])).all()


def test_required_pace_broadcasts_over_indicators():
    x = np.array([100.0, 50.0, 8.0])
    r = g.required_compound(x, x * 1.1**4, 4)
    assert r.shape == (3,)
    assert r == pytest.approx([0.1, 0.1, 0.1], rel=1e-12)


@SETTINGS
@given(st.floats(1e-2, 1e4), st.floats(-0.5, 2.0), years_left)
def test_cumulative_rate_reproduces_total(x, r_true, n):
    total = sum(x * (1 + r_true) ** i for i in range(1, n + 1))
    r = g.required_cumulative(x, total, n)
    assert sum(x * (1 + r) ** i for i in range(1, n + 1)) == pytest.approx(total, rel=1e-9)
    assert r == pytest.approx(r_true, abs=1e-7)


@SETTINGS
@given(st.floats(1e-2, 1e4), st.floats(0.02, 10.5))
def test_cumulative_one_year_is_exact(x, ratio):
    total = x * ratio
    assert g.required_cumulative(x, total, 1) == total / x - 1


def test_cumulative_vectorized_and_nan():
    # five-year investment: 100 now, 5%/yr gives 580.19...
    total = sum(100 * 1.05**i for i in range(1, 6))
    r = g.required_cumulative([100, 100, 100], [total, 580.19, 450], 5)
    assert r.shape == (3,)
    assert r[0] == pytest.approx(0.05, abs=1e-12)
    assert r[2] < 0
    bad = g.required_cumulative(
        [0, -1, 100, 100, 100, 100, 100, 100],
        [500, 500, 0, 500, 500, 500, 0.5, 1e9],  # last two: roots below -0.99, above 10
        [5, 5, 5, 0, 2.5, -1, 5, 5],
    )
    assert np.isnan(bad).all()


def test_cumulative_long_horizon_no_overflow():
    # 11**400 overflows float64; the solver works in logs
    n = 400
    r = g.required_cumulative(1.0, 1e200, n)
    assert np.isfinite(r)
    log_sum = np.log(1 + r) + np.log(np.expm1(n * np.log1p(r)) / r)
    assert log_sum == pytest.approx(200 * np.log(10), rel=1e-12)


# Nominal and real ----------------------------------------------------------------------------

@SETTINGS
@given(rate, rate)
def test_nominal_real_round_trip(real, deflator):
    nominal = g.nominal_from_real(real, deflator)
    assert g.real_from_nominal(nominal, deflator) == pytest.approx(real, abs=1e-12)
    assert nominal == pytest.approx((1 + real) * (1 + deflator) - 1, abs=1e-12)


def test_nominal_real_known_values():
    assert g.nominal_from_real(0.06, 0.02) == pytest.approx(0.0812, abs=1e-15)
    assert g.real_from_nominal(0.0812, 0.02) == pytest.approx(0.06, abs=1e-15)
    assert np.isnan(g.real_from_nominal(0.05, -1.0))


# Trend ---------------------------------------------------------------------------------------

YEARS = np.arange(2015, 2024, dtype=float)


@SETTINGS
@given(st.floats(1e-2, 1e5), rate, st.integers(2, 15))
def test_trend_recovers_geometric_rate(x0, r, k):
    years = np.arange(2010, 2010 + k, dtype=float)
    values = x0 * (1 + r) ** (years - 2010)
    rate_, fitted, used = g.trend(years, values, "compound")
    assert used == k
    assert rate_ == pytest.approx(r, abs=1e-9)
    assert fitted == pytest.approx(values[-1], rel=1e-9)


@SETTINGS
@given(st.floats(-1e3, 1e3), st.floats(-50, 50), st.integers(2, 15))
def test_trend_recovers_linear_slope(x0, d, k):
    years = np.arange(2010, 2010 + k, dtype=float)
    values = x0 + d * (years - 2010)
    slope, fitted, used = g.trend(years, values, "linear")
    assert used == k
    scale = abs(x0) + abs(d) * k
    assert slope == pytest.approx(d, abs=1e-9 * scale)
    assert fitted == pytest.approx(values[-1], abs=1e-9 * scale)


def test_trend_ignores_nan_points():
    values = 50 * 1.07 ** (YEARS - 2015)
    values[[2, 5]] = np.nan
    years = YEARS.copy()
    years[7] = np.nan  # a point without a year is dropped too
    rate_, fitted, used = g.trend(years, values, "compound")
    assert used == 6
    assert rate_ == pytest.approx(0.07, rel=1e-9)
    assert fitted == pytest.approx(50 * 1.07**8, rel=1e-9)


@pytest.mark.parametrize("model", ["compound", "linear"])
@pytest.mark.parametrize(
    "years, values, k",
    [([], [], 0), ([2020], [3.0], 1), ([2020, 2021], [3.0, np.nan], 1),
     ([2020, 2020], [3.0, 4.0], 2)],
)
def test_trend_needs_two_distinct_years(model, years, values, k):
    rate_, fitted, used = g.trend(years, values, model)
    assert used == k
    assert math.isnan(rate_) and math.isnan(fitted)


def test_trend_compound_rejects_non_positive_but_linear_fits():
    values = np.array([2.0, 1.0, 0.0, -1.0])
    years = np.arange(2020, 2024)
    rate_, fitted, used = g.trend(years, values, "compound")
    assert used == 4 and math.isnan(rate_) and math.isnan(fitted)
    assert g.trend(years, values, "linear") == pytest.approx((-1.0, -1.0, 4))


def test_trend_rejects_unknown_model():
    with pytest.raises(ValueError):
        g.trend(YEARS, YEARS, "cagr")


def test_recency_weights_pull_fit_toward_recent_points():
    years = np.arange(2010, 2024, dtype=float)
    # 2 %/yr until 2017, 10 %/yr after
    values = np.where(years <= 2017, 1.02 ** (years - 2010), 1.02**7 * 1.10 ** (years - 2017))
    plain, _, _ = g.trend(years, values, "compound")
    weighted, _, used = g.trend(years, values, "compound", g.recency_weights(years, 2.0))
    assert used == years.size
    assert plain < weighted < 0.10
    assert abs(weighted - 0.10) < abs(plain - 0.10) / 2


def test_zero_weights_drop_points():
    years = np.arange(2015, 2021, dtype=float)
    values = np.array([9.0, 9.0, 9.0, 1.0, 2.0, 3.0])  # a level shift after 2017
    weights = np.array([0, 0, 0, 1, 1, 1.0])
    assert g.trend(years, values, "linear", weights) == pytest.approx((1.0, 3.0, 3))


def test_recency_weights_values():
    w = g.recency_weights([2018, 2020, np.nan, 2022], 2.0)
    assert w[[0, 1, 3]] == pytest.approx([0.25, 0.5, 1.0], rel=1e-15)
    assert np.isnan(w[2])
    assert np.isnan(g.recency_weights([2020, 2021], [0.0, -1.0])).all()


# Projection ----------------------------------------------------------------------------------

def test_project_mixed_models():
    x = np.array([100.0, 40.0])
    paths = np.array([[0.1, 0.1, 0.1], [1.5, 1.5, -0.5]])
    out = g.project(x, paths, np.array(["compound", "linear"]))
    assert out == pytest.approx(np.array([[110.0, 121.0, 133.1], [41.5, 43.0, 42.5]]), rel=1e-14)


def test_project_rejects_unknown_model():
    with pytest.raises(ValueError):
        g.project([1.0], [[0.1]], "cagr")
    with pytest.raises(ValueError):
        g.project([1.0, 2.0], [[0.1], [0.1]], ["compound", "log"])


@SETTINGS
@given(
    positive,
    st.lists(st.tuples(rate, st.floats(0, 0.5)), min_size=1, max_size=30),
    st.sampled_from(["compound", "linear"]),
)
def test_more_growth_never_lowers_projection(x, steps, model):
    base = np.array([[s[0] for s in steps]])
    more = base + np.array([[s[1] for s in steps]])
    assert np.all(g.project([x], more, model) >= g.project([x], base, model))


@SETTINGS
@given(positive, st.one_of(st.floats(0.1, 0.99), st.floats(1.01, 10.0)), years_left)
def test_share_is_one_at_required_pace(x, factor, n):
    target = x * factor
    r = g.required_compound(x, target, n)
    projected = g.project([x], np.full((1, n), r), "compound")[0, -1]
    assert g.share_of_required(x, projected, target) == pytest.approx(1.0, abs=1e-8)


def test_share_and_pace_ratio_values_and_nan():
    s = g.share_of_required([10, 10, 19, 100], [15, 5, 18, 100], [20, 20, 19, 100])
    assert s[:2] == pytest.approx([0.5, -0.5])
    assert np.isnan(s[2:]).all()  # keep-the-level: no required change to divide by
    rr = g.pace_ratio([0.05, 0.05, 0.05], [0.1, -0.1, 0.0])
    assert rr[:2] == pytest.approx([0.5, -0.5])
    assert np.isnan(rr[2])


# Probability of attainment -------------------------------------------------------------------

def phi_reference(z):
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


@pytest.mark.parametrize(
    "x_t, target, mean_log, var_log, above",
    [(100, 120, 0.15, 0.02, True), (100, 120, 0.15, 0.02, False),
     (5, 4, -0.1, 0.5, True), (30, 45, 0.5, 0.01, True), (1.0, 1.0, 0.0, 0.3, False)],
)
def test_prob_matches_monte_carlo(x_t, target, mean_log, var_log, above):
    n_draws = 1_000_000
    rng = np.random.default_rng(20240601)
    x_T = x_t * np.exp(rng.normal(mean_log, math.sqrt(var_log), n_draws))
    p_mc = np.mean(x_T >= target if above else x_T <= target)
    p = g.prob_lognormal(x_t, target, mean_log, var_log, above)
    se = math.sqrt(p * (1 - p) / n_draws)
    assert 0.01 < p < 0.99
    assert abs(p - p_mc) < 4 * se


def test_prob_matches_erf_reference_on_grid():
    x_t, target = 80.0, np.array([40.0, 79.0, 80.0, 100.0, 300.0])
    mean_log = np.linspace(-1, 1.5, 11)
    var_log = np.array([1e-4, 0.01, 0.1, 1.0, 4.0])
    T, M, V = np.meshgrid(target, mean_log, var_log, indexing="ij")
    z = (np.log(T / x_t) - M) / np.sqrt(V)
    ref_above = np.vectorize(lambda v: 1 - phi_reference(v))(z)
    ref_below = np.vectorize(phi_reference)(z)
    assert g.prob_lognormal(x_t, T, M, V) == pytest.approx(ref_above, abs=1e-6)
    assert g.prob_lognormal(x_t, T, M, V, above=False) == pytest.approx(ref_below, abs=1e-6)


def test_prob_tail_has_full_relative_precision():
    z = np.linspace(-5, 35, 401)
    p = g.prob_lognormal(1.0, np.exp(z), 0.0, 1.0)  # Pr(Z >= z)
    ref = np.array([0.5 * math.erfc(v / math.sqrt(2)) for v in z])
    # one rounding of the argument moves the tail by its condition number, about z^2 eps, relative
    assert np.all(np.abs(p / ref - 1) <= 4 * np.finfo(float).eps * np.maximum(1, z * z))


def test_prob_monotone_in_mean_log():
    mean_log = np.linspace(-3, 3, 2001)
    for var_log in (0.0, 1e-3, 0.2, 5.0):
        up = g.prob_lognormal(10.0, 12.0, mean_log, var_log)
        down = g.prob_lognormal(10.0, 12.0, mean_log, var_log, above=False)
        assert np.all(np.diff(up) >= 0) and np.all(np.diff(down) <= 0)
        assert up[0] < 0.5 < up[-1]


def test_prob_step_and_nan():
    p = g.prob_lognormal(100, 110, [0.0, 0.2, np.log(1.1)], 0.0)
    assert list(p) == [0.0, 1.0, 1.0]
    assert g.prob_lognormal(100, 110, 0.2, 0.0, above=False) == 0.0
    bad = g.prob_lognormal([0, -1, 100, 100, 100], [110, 110, 0, 110, 110], [0, 0, 0, np.nan, 0],
                           [0.1, 0.1, 0.1, 0.1, -0.1])
    assert np.isnan(bad).all()


# Edge inputs ---------------------------------------------------------------------------------

def test_no_inf_and_no_warnings_on_edge_inputs():
    edge = np.array([0.0, -0.0, -1.0, -5.0, 1e-300, 1e300, -1e300, np.nan, np.inf, -np.inf, 2.0])
    a, b, c = np.meshgrid(edge, edge, edge, indexing="ij")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        results = [
            g.required_compound(a, b, c), g.required_linear(a, b, c),
            g.required_cumulative(a, b, c), g.nominal_from_real(a, b),
            g.real_from_nominal(a, b), g.recency_weights(edge, edge[:, None]),
            g.project(a.ravel(), np.tile(edge, (a.size, 3)), "compound"),
            g.project(a.ravel(), np.tile(edge, (a.size, 3)), "linear"),
            g.share_of_required(a, b, c), g.pace_ratio(a, b),
            g.prob_lognormal(a, b, c, a), g.prob_lognormal(a, b, c, b, above=False),
            np.array(g.trend(edge, edge, "compound")), np.array(g.trend(edge, edge, "linear")),
            np.array(g.trend(edge, edge, "linear", edge)),
        ]
    for r in results:
        assert not np.isinf(r).any()
    # the documented NaN cases, at zero, negative and n = 0
    assert np.isnan(g.required_compound([0, -2, 1], [1, 1, 2], [3, 3, 0])).all()
    assert np.isnan(g.required_cumulative([0, 1, 1], [1, -1, 5], [3, 3, 0])).all()
    assert np.isnan(g.recency_weights([2020, 2021], 0.0)).all()
