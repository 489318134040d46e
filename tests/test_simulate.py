"""Stochastic scenarios: closed form against Monte Carlo, reproducibility, monotonicity, shocks,
correlation, factors, bootstrap, derived indicators, and the simulate/compare commands."""
import json
import math
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.assess.draws import CHUNK, plan_model, sample
from sim.assess.probability import monte_carlo
from sim.assess.simulate import compare_report, simulate_report, spec_derived
from sim.cli import main
from sim.errors import SimError
from sim.meta import to_json
from sim.report.labels import localize
from sim.scenario.load import loads_scenario
from sim.spec.load import loads_spec
from tests.conftest import no_escape

ROOT = Path(__file__).resolve().parent.parent
TUNXI = str(ROOT / "specs" / "tunxi-yrd-2027.yaml")
UNCERTAIN = str(ROOT / "scenarios" / "tunxi-uncertain.yaml")
SCENARIOS = [str(ROOT / "scenarios" / f"tunxi-{s}.yaml") for s in ("baseline", "pessimistic", "uncertain")]
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True, database=None)


def spec_of(*inds: str, years: int = 5, relations: str = "") -> object:
    """A plan from 2022 to 2022+years; each ind is 'id: baseline -> target' YAML body lines."""
    body = "".join(f"  - {{{i}}}\n" for i in inds)
    return loads_spec(f"plan: {{id: p, title: T, base_year: 2022, target_year: {2022 + years}}}\n"
                      f"indicators:\n{body}{relations}")


def scen_of(spec, text: str):
    return loads_scenario("scenario: {id: s}\ndefaults: {growth: none}\n" + text, spec=spec)


def run(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    no_escape(r)
    return r


def only(report, ident="x"):
    return next(r for r in report["rows"] if r["indicator"] == ident)


# ---- closed form against Monte Carlo --------------------------------------------------------

@SETTINGS
@given(mu=st.floats(-0.05, 0.15), sigma=st.floats(0.005, 0.1), n=st.integers(1, 8),
       ratio=st.floats(0.8, 2.0), per=st.sampled_from(["year", "path"]), seed=st.integers(0, 2**32))
def test_monte_carlo_agrees_with_closed_form_lognormal(mu, sigma, n, ratio, per, seed):
    spec = spec_of(f"id: x, name: 总量, unit: 亿元, baseline: 100, target: {100 * ratio:.6f}", years=n)
    sc = scen_of(spec, f"assumptions:\n  x: {{growth: {{dist: lognormal, mu: {mu}, sigma: {sigma}, per: {per}}}}}\n")
    cf = only(simulate_report(spec, sc, 20_000, seed))
    mc = only(simulate_report(spec, sc, 20_000, seed, method="monte_carlo"))
    assert cf["method"] == "closed_form" and mc["method"] == "monte_carlo" and mc["draws"] == 20_000
    se = math.sqrt(cf["probability"] * (1 - cf["probability"]) / 20_000)
    assert abs(mc["probability"] - cf["probability"]) <= 4.5 * se + 1.5 / 20_000
    spread = cf["p90"] - cf["p10"]
    assert abs(mc["p50"] - cf["p50"]) <= 0.05 * spread + 1e-6 * cf["p50"]


@SETTINGS
@given(mean=st.floats(-1, 1), sd=st.floats(0.01, 1), n=st.integers(1, 8), gap=st.floats(-3, 6),
       seed=st.integers(0, 2**32))
def test_monte_carlo_agrees_with_closed_form_normal_change(mean, sd, n, gap, seed):
    spec = spec_of(f"id: x, name: 比重, unit: '%', baseline: 50, target: {50 + gap:.6f}", years=n)
    sc = scen_of(spec, f"assumptions:\n  x: {{change: {{dist: normal, mean: {mean}, sd: {sd}}}}}\n")
    cf = only(simulate_report(spec, sc, 20_000, seed))
    mc = only(simulate_report(spec, sc, 20_000, seed, method="monte_carlo"))
    assert cf["method"] == "closed_form"
    se = math.sqrt(cf["probability"] * (1 - cf["probability"]) / 20_000)
    assert abs(mc["probability"] - cf["probability"]) <= 4.5 * se + 1.5 / 20_000


def test_closed_form_matches_methods_formula():
    # Pr(x_T >= x*) = 1 - Phi((log(x*/x_t) - n mu)/(sigma sqrt n)); here the z-score is exactly 1
    spec = spec_of("id: x, name: 总量, unit: 亿元, baseline: 100, target: 150", years=4)
    mu, sigma = 0.08, 0.05
    z = 1.0
    target = 100 * math.exp(4 * mu + z * sigma * 2)
    spec = spec_of(f"id: x, name: 总量, unit: 亿元, baseline: 100, target: {target!r}", years=4)
    sc = scen_of(spec, f"assumptions:\n  x: {{growth: {{dist: lognormal, mu: {mu}, sigma: {sigma}}}}}\n")
    r = only(simulate_report(spec, sc, 10, 1))
    assert r["probability"] == pytest.approx(0.15865525393145707, abs=1e-12)
    assert r["p50"] == pytest.approx(100 * math.exp(0.32), rel=1e-6)


# ---- reproducibility --------------------------------------------------------------------------

def test_same_seed_byte_identical_different_seed_differs():
    a = run("simulate", TUNXI, "-s", UNCERTAIN, "--seed", 7, "--format", "csv")
    b = run("simulate", TUNXI, "-s", UNCERTAIN, "--seed", 7, "--format", "csv")
    c = run("simulate", TUNXI, "-s", UNCERTAIN, "--seed", 8, "--format", "csv")
    assert a.exit_code == b.exit_code == c.exit_code == 0
    assert a.stdout_bytes == b.stdout_bytes
    assert a.stdout_bytes != c.stdout_bytes
    ja, jb = (json.loads(run("simulate", TUNXI, "-s", UNCERTAIN, "--seed", 7, "--format", "json").output)
              for _ in range(2))
    for j in (ja, jb):
        del j["provenance"]["time"]
    assert ja == jb and ja["provenance"]["seed"] == 7 and ja["simulation"]["seed"] == 7


def test_result_does_not_depend_on_threads():
    spec = spec_of("id: x, name: 总量, unit: 亿元, baseline: 100, target: 140",
                   "id: y, name: 总量2, unit: 亿元, baseline: 10, target: 14")
    sc = scen_of(spec, "assumptions:\n  x: {growth: {dist: normal, mean: 0.07, sd: 0.03}}\n"
                       "  y: {growth: {dist: triangular, low: 0.0, mode: 0.06, high: 0.1}}\n")
    model = plan_model(spec, sc)
    fan = {d.indicator: d.years for d in model.draws}
    one = monte_carlo(model, [], 3 * CHUNK + 5, 11, fan, workers=1)
    two = monte_carlo(model, [], 3 * CHUNK + 5, 11, fan, workers=2)
    assert one == two


def test_no_seed_draws_a_fresh_one_and_records_it():
    d = json.loads(run("simulate", TUNXI, "-s", UNCERTAIN, "--draws", 200, "--format", "json").output)
    assert isinstance(d["provenance"]["seed"], int) and d["provenance"]["seed"] == d["simulation"]["seed"]


# ---- properties of the model -----------------------------------------------------------------

@SETTINGS
@given(m1=st.floats(-0.05, 0.2), dm=st.floats(0, 0.1), sd=st.floats(0.005, 0.1), seed=st.integers(0, 2**32))
def test_probability_monotone_in_assumed_growth(m1, dm, sd, seed):
    spec = spec_of("id: x, name: 总量, unit: 亿元, baseline: 100, target: 140")
    p = [only(simulate_report(spec, scen_of(spec, f"assumptions:\n  x: {{growth: {{dist: normal, mean: {m}, "
                                                  f"sd: {sd}}}}}\n"), 4000, seed))["probability"]
         for m in (m1, m1 + dm)]
    assert p[0] <= p[1]


TOTAL = ("id: a, name: 甲, unit: 亿元, baseline: 60", "id: b, name: 乙, unit: 亿元, baseline: 40",
         "id: total, name: 合计, unit: 亿元, target: 140")
TOTAL_REL = "relations:\n  - {id: sum, expr: total = a + b}\n"
AB = ("assumptions:\n  a: {growth: {dist: normal, mean: 0.07, sd: 0.04}}\n"
      "  b: {growth: {dist: normal, mean: 0.07, sd: 0.04}}\n")


def test_derived_total_follows_its_components():
    spec = spec_of(*TOTAL, relations=TOTAL_REL)
    sc = scen_of(spec, AB)
    model = plan_model(spec, sc)
    assert set(spec_derived(spec, sc, model)) == {"total"}
    vals = sample(model, 1000, np.random.default_rng(1), {"total": spec_derived(spec, sc, model)["total"][1]})
    assert np.allclose(vals["total"], vals["a"] + vals["b"])
    r = only(simulate_report(spec, sc, 5000, 3), "total")
    assert r["method"] == "monte_carlo" and r["draw_per"] == "derived" and 0 < r["probability"] < 1
    assert r["projected"] == pytest.approx(100 * 1.07 ** 5, rel=1e-9)


def test_derived_total_given_as_a_function():
    spec = spec_of(*TOTAL)
    sc = scen_of(spec, AB)
    r = only(simulate_report(spec, sc, 5000, 3, derived={"total": lambda v: v["a"] + v["b"]}), "total")
    assert r["method"] == "monte_carlo" and r["probability"] is not None


def test_negative_shock_lowers_a_derived_total():
    spec = spec_of(*TOTAL, relations=TOTAL_REL)
    calm = only(simulate_report(spec, scen_of(spec, AB), 20_000, 5), "total")
    shock = AB + "shocks:\n  - {year: 2024, indicators: [a], growth: -0.1, probability: 0.5}\n"
    hit = only(simulate_report(spec, scen_of(spec, shock), 20_000, 5), "total")
    assert hit["probability"] < calm["probability"] and hit["p50"] < calm["p50"]


def test_positive_correlation_widens_a_derived_total():
    spec = spec_of(*TOTAL, relations=TOTAL_REL)
    spread = []
    for rho in (0.0, 0.9):
        sc = scen_of(spec, AB + f"correlation:\n  indicators: [a, b]\n  matrix: [[1, {rho}], [{rho}, 1]]\n")
        r = only(simulate_report(spec, sc, 20_000, 9), "total")
        spread.append(r["p90"] - r["p10"])
    assert spread[1] > 1.2 * spread[0]


def test_copula_keeps_marginals_and_correlates():
    spec = spec_of("id: a, name: 甲, unit: 亿元, baseline: 100, target: 150",
                   "id: b, name: 乙, unit: 亿元, baseline: 100, target: 150")
    sc = scen_of(spec, "assumptions:\n  a: {growth: {dist: uniform, low: 0.0, high: 0.1}}\n"
                       "  b: {growth: {dist: triangular, low: 0.0, mode: 0.02, high: 0.1}}\n"
                       "correlation:\n  indicators: [a, b]\n  matrix: [[1, 0.8], [0.8, 1]]\n")
    model = plan_model(spec, sc)
    from sim.assess.draws import sample_paces
    p = sample_paces(model, 50_000, np.random.default_rng(2))
    a, b = p["a"].ravel(), p["b"].ravel()
    assert a.min() >= 0 and a.max() <= 0.1 and abs(a.mean() - 0.05) < 0.001
    assert b.min() >= 0 and b.max() <= 0.1 and abs(b.mean() - 0.04) < 0.001
    assert np.corrcoef(a, b)[0, 1] > 0.7


def test_factor_of_gdp_moves_trade_with_gdp_surprises():
    spec = spec_of("id: gdp, name: 地区生产总值, unit: 亿元, baseline: 100, target: 150",
                   "id: trade, name: 进出口, unit: 亿元, baseline: 10, target: 15")
    sc = scen_of(spec, "assumptions:\n  gdp: {growth: {dist: normal, mean: 0.06, sd: 0.02}}\n"
                       "  trade: {growth: 0.04}\nfactors:\n  - {id: cycle, of: gdp, loadings: {trade: 2.0}}\n")
    vals = sample(plan_model(spec, sc), 20_000, np.random.default_rng(4))
    assert np.corrcoef(vals["gdp"][-1], vals["trade"][-1])[0, 1] > 0.95
    assert abs(np.mean(vals["trade"][-1]) - 10 * 1.04 ** 5) < 0.05     # the surprise has mean zero
    r = only(localize(simulate_report(spec, sc, 2000, 1), "en"), "trade")
    assert r["method"] == "monte_carlo" and "factor cycle x2" in r["uncertainty"]


def test_bootstrap_draws_from_own_history():
    spec = spec_of("id: x, name: 总量, unit: 亿元, baseline: 121, target: 170, "
                   "history: {2019: 100, 2020: 110, 2021: 110}")
    sc = scen_of(spec, "assumptions:\n  x: {growth: {dist: bootstrap}}\n")
    from sim.assess.draws import sample_paces
    p = sample_paces(plan_model(spec, sc), 5000, np.random.default_rng(0))["x"]
    assert np.allclose(np.unique(p), [0.0, 0.1])          # 2019-2022: +10%, 0%, +10%
    r = only(simulate_report(spec, sc, 20_000, 0))
    # 170/121 needs at least four +10% years of five, each drawn with p = 2/3: 112/243
    assert r["method"] == "monte_carlo" and r["probability"] == pytest.approx(112 / 243, abs=0.015)


def test_bootstrap_without_history_is_a_located_error():
    spec = spec_of("id: x, name: 总量, unit: 亿元, baseline: 121, target: 200")
    sc = scen_of(spec, "assumptions:\n  x: {growth: {dist: bootstrap}}\n")
    with pytest.raises(SimError) as e:
        simulate_report(spec, sc, 100, 0)
    assert e.value.indicator == "x" and "bootstrap" in str(e.value)


def test_per_path_draws_one_pace_for_all_years():
    spec = spec_of("id: x, name: 总量, unit: 亿元, baseline: 100, target: 140")
    sc = scen_of(spec, "assumptions:\n  x: {growth: {dist: normal, mean: 0.06, sd: 0.03, per: path}}\n")
    vals = sample(plan_model(spec, sc), 100, np.random.default_rng(0))["x"]
    g = vals[1:] / vals[:-1] - 1
    assert np.allclose(g, g[0], atol=1e-5)
    assert only(simulate_report(spec, sc, 100, 0))["draw_per"] == "path"


def test_growth_and_cumulative_targets_get_probabilities():
    spec = loads_spec("plan: {id: p, title: T, base_year: 2022, target_year: 2025}\nindicators:\n"
                      "  - {id: g, name: 地区生产总值, unit: 亿元, basis: nominal, baseline: 100, "
                      "targets: [{year: 2025, target: 增长6%以上}]}\n"
                      "  - {id: c, name: 投资, unit: 亿元, baseline: 10,\n"
                      "     targets: [{year: 2025, target: 累计完成35亿元}]}\n")
    sc = loads_scenario("scenario: {id: s}\ndefaults: {growth: none, deflator: 0.02}\nassumptions:\n"
                        "  g: {real_growth: {dist: normal, mean: 0.06, sd: 0.01}}\n"
                        "  c: {growth: {dist: normal, mean: 0.06, sd: 0.05}}\n", spec=spec)
    rep = simulate_report(spec, sc, 20_000, 2)
    for r in rep["rows"]:
        assert r["method"] == "monte_carlo" and 0 < r["probability"] < 1, r
    g = only(rep, "g")
    assert 40 < 100 * g["probability"] < 60          # real growth 6% on average against 6%


def test_bad_correlation_matrix_is_a_user_error():
    spec = spec_of("id: a, name: 甲, unit: 亿元, baseline: 1, target: 2",
                   "id: b, name: 乙, unit: 亿元, baseline: 1, target: 2")
    for m, word in (("[[1, 0.5], [0.4, 1]]", "not a correlation matrix"), ("[[1, 0.5]]", "2 x 2"),
                    ("[[1, 2], [2, 1]]", "entries in"),
                    ("[[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]", "positive semi-definite")):
        names = "[a, b, a2]" if m.count("[") == 4 else "[a, b]"
        with pytest.raises(SimError, match=word):   # refused when the scenario is read
            scen_of(spec, f"correlation:\n  indicators: {names}\n  matrix: {m}\n")
    with pytest.raises(SimError, match="exactly one"):
        scen_of(spec, "factors:\n  - {id: f, sd: 0.01, of: a, loadings: {b: 1}}\n")
    for f, word in (("{id: f, of: b, loadings: {a: 1}}", "no pace"),
                    ("{id: f, of: a, loadings: {a: 1}}", "cannot load")):
        sc = scen_of(spec, "assumptions:\n  a: {growth: {dist: normal, mean: 0.1, sd: 0.1}}\n"
                           f"factors:\n  - {f}\n")
        with pytest.raises(SimError, match=word):
            simulate_report(spec, sc, 10, 0)


# ---- the commands ------------------------------------------------------------------------------

def test_simulate_tunxi_uncertain_gives_every_assessable_target_a_probability():
    d = json.loads(run("simulate", TUNXI, "-s", UNCERTAIN, "--seed", 1, "--format", "json").output)
    assessable = [r for r in d["rows"] if r["status"] != "not_assessable"]
    assert len(assessable) >= 24
    for r in assessable:
        assert 0 <= r["probability"] <= 1 and r["method"] in ("closed_form", "monte_carlo")
        assert r["p10"] <= r["p50"] <= r["p90"] and r["draw_per"] in ("year", "path", "fixed")
        assert {"probability", "p10", "p50", "p90", "method", "draws"} <= set(r)
    methods = {r["method"] for r in assessable}
    assert methods == {"closed_form", "monte_carlo"}
    assert d["fan"]["gdp"]["2027"]["p50"] == pytest.approx(only(d, "gdp")["p50"])
    assert "NaN" not in json.dumps(d)


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_simulate_formats(fmt, lang):
    r = run("simulate", TUNXI, "-s", UNCERTAIN, "--seed", 1, "--draws", 2000, "--format", fmt, "--lang", lang)
    assert r.exit_code == 0 and ("地区生产总值" if fmt == "table" else "gdp") in r.output
    f = run("simulate", TUNXI, "-s", UNCERTAIN, "--seed", 1, "--draws", 2000, "--format", fmt, "--by-year")
    assert "2026" in f.output


def test_simulate_fail_below_and_errors():
    assert run("simulate", TUNXI, "-s", UNCERTAIN, "--seed", 1, "--draws", 500, "--fail-below", 0.5).exit_code == 1
    assert run("simulate", TUNXI, "-s", UNCERTAIN, "--seed", 1, "--draws", 500, "--fail-below", 0).exit_code == 0
    bad = run("simulate", TUNXI, "-s", UNCERTAIN, "--draws", 0)
    assert bad.exit_code == 2


def test_compare_three_scenarios_side_by_side():
    d = json.loads(run("compare", TUNXI, *sum([["-s", s] for s in SCENARIOS], []), "--seed", 2, "--draws", 2000,
                       "--format", "json").output)
    assert [s["key"] for s in d["scenarios"]] == ["tunxi-baseline", "tunxi-pessimistic", "tunxi-uncertain"]
    gdp = only(d, "gdp")["scenarios"]
    assert gdp["tunxi-pessimistic"]["projected"] < gdp["tunxi-baseline"]["projected"]
    assert 0 < gdp["tunxi-uncertain"]["probability"] < 1
    assert all(set(r["scenarios"]) == set(gdp) for r in d["rows"])
    t = run("compare", TUNXI, *sum([["-s", s] for s in SCENARIOS], []), "--seed", 2, "--draws", 2000, "--lang", "en")
    assert t.exit_code == 0 and "悲观情景" in t.output and "needs acceleration" in t.output


def test_compare_uses_common_random_numbers():
    spec = spec_of("id: x, name: 总量, unit: 亿元, baseline: 100, target: 140")
    a = scen_of(spec, "assumptions:\n  x: {growth: {dist: normal, mean: 0.06, sd: 0.03}}\n")
    b = scen_of(spec, "assumptions:\n  x: {growth: {dist: normal, mean: 0.065, sd: 0.03}}\n")
    d = compare_report(spec, [a, b], 3000, 4)
    cells = d["rows"][0]["scenarios"]
    assert cells["s"]["probability"] <= cells["s-2"]["probability"]


def test_progress_only_for_terminals_or_long_runs(capsys):
    from sim.cli.uncertainty import PROGRESS_DRAWS, _progress
    assert _progress(1000) is None
    show = _progress(PROGRESS_DRAWS)          # outside a command: Chinese, the default language
    show(PROGRESS_DRAWS // 2, PROGRESS_DRAWS)
    show(PROGRESS_DRAWS, PROGRESS_DRAWS)
    err = capsys.readouterr().err
    assert "50%" in err and err.endswith("(100%)\n") and "已抽样" in err and "draws" not in err


def test_draw_progress_follows_lang(monkeypatch):
    import sim.cli.uncertainty
    monkeypatch.setattr(sim.cli.uncertainty, "PROGRESS_DRAWS", 100)
    spec = ROOT / "specs" / sorted(p.name for p in (ROOT / "specs").glob("*.yaml"))[0]
    r = run("simulate", spec, "--seed", 1, "--draws", 300, "--format", "json", "--lang", "en")
    assert "simulating: 300/300 draws (100%)" in r.stderr, r.stderr
    r = run("simulate", spec, "--seed", 1, "--draws", 300, "--format", "json")
    assert "模拟：已抽样 300/300 次(100%)" in r.stderr and "draws" not in r.stderr, r.stderr


def test_json_has_no_nan_for_every_bundled_spec():
    for spec in sorted((ROOT / "specs").glob("*.yaml")):
        r = run("simulate", spec, "--seed", 1, "--draws", 300, "--format", "json")
        assert r.exit_code == 0, (spec, r.output)
        json.loads(r.output)
    assert to_json({"x": float("nan")}) == '{\n  "x": null\n}\n'
