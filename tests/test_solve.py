"""Break-even paces, the pace for a probability, the year a target is reached, baselines, sweeps."""
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.assess.probability import meets
from sim.assess.simulate import simulate_report
from sim.assess.solve import parse_range, solve_report, sweep_report, year_reached
from sim.cli import main
from sim.errors import SimError
from sim.report.labels import localize
from sim.scenario.load import default_scenario, loads_scenario
from sim.scenario.paths import Pace, Start, project_values
from sim.spec.load import load_spec, loads_spec
from tests.conftest import no_escape

ROOT = Path(__file__).resolve().parent.parent
TUNXI = str(ROOT / "specs" / "tunxi-yrd-2027.yaml")
WUWEI = str(ROOT / "specs" / "wuwei-2024.yaml")
BASELINE = str(ROOT / "scenarios" / "tunxi-baseline.yaml")
UNCERTAIN = str(ROOT / "scenarios" / "tunxi-uncertain.yaml")
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True, database=None)


def run(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    no_escape(r)
    return r


def one(unit: str, baseline: float, target: str, years: int = 5):
    return loads_spec(f"plan: {{id: p, title: T, base_year: 2022, target_year: {2022 + years}}}\nindicators:\n"
                      f"  - {{id: x, name: 指标, unit: '{unit}', baseline: {baseline!r}, target: '{target}'}}\n")


def lands(report, spec) -> None:
    """Every break-even pace, projected from the start, meets its target."""
    for r in report["rows"]:
        if r["break_even_pace"] is None or r["kind"] != "level":
            continue
        ind = spec.indicator(r["indicator"])
        t = next(t for t in ind.targets if t.year == r["target_year"])
        rate = r["pace_model"] == "compound"
        n = r["target_year"] - r["start_year"]
        pace = Pace(mode="rate" if rate else "increment", years=tuple(range(r["start_year"] + 1, r["target_year"] + 1)),
                    values=(r["break_even_pace"] / (100 if rate else 1),) * n, source="solve", assumed=True)
        x = project_values(Start(year=r["start_year"], value=r["start"]), pace)[r["target_year"]]
        assert bool(meets(t, np.array([x]), ind.direction)[0]), (r["indicator"], x, t.text)


def test_parse_range():
    v = parse_range("0.03:0.10:0.005", "--growth")
    assert len(v) == 15 and v[0] == 0.03 and v[-1] == 0.1 and v[1] == 0.035
    assert parse_range("3%:10%:1%", "--growth") == pytest.approx([0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10])
    assert parse_range("0.05,0.06", "--growth") == [0.05, 0.06]
    for bad in ("0.1:0.05:0.01", "0.03:0.1:0", "a:b:c", "0.1:0.2"):
        with pytest.raises(SimError):
            parse_range(bad, "--growth")


@SETTINGS
@given(x=st.floats(0.5, 1e5), ratio=st.floats(0.3, 4.0), n=st.integers(1, 12),
       unit=st.sampled_from(["亿元", "%"]), op=st.sampled_from(["{v}以上", "{v}以下", "达到{v}"]))
def test_break_even_projected_forward_meets_the_target(x, ratio, n, unit, op):
    spec = one(unit, x, op.format(v=f"{x * ratio:.6g}"), n)
    lands(solve_report(spec, default_scenario()), spec)


def test_break_even_for_every_tunxi_target_meets_it():
    spec = load_spec(TUNXI)
    from sim.scenario.load import load_scenario
    rep = solve_report(spec, load_scenario(BASELINE, spec))
    assert sum(r["break_even_pace"] is not None for r in rep["rows"]) >= 24
    lands(rep, spec)


@SETTINGS
@given(mean=st.floats(0.0, 0.15), sd=st.floats(0.01, 0.08), ratio=st.floats(1.05, 1.8),
       p=st.floats(0.1, 0.9), seed=st.integers(0, 2**32))
def test_pace_for_probability_meets_the_target_with_that_probability(mean, sd, ratio, p, seed):
    spec = one("亿元", 100.0, f"{100 * ratio:.6g}")
    sc = loads_scenario("scenario: {id: s}\ndefaults: {growth: none}\nassumptions:\n"
                        f"  x: {{growth: {{dist: normal, mean: {mean}, sd: {sd}}}}}\n", spec=spec)
    r = solve_report(spec, sc, probability=p, draws=4000, seed=seed)["rows"][0]
    pace = r["pace_for_probability"] / 100
    shifted = loads_scenario("scenario: {id: s}\ndefaults: {growth: none}\nassumptions:\n"
                             f"  x: {{growth: {{dist: normal, mean: {pace!r}, sd: {sd}}}}}\n", spec=spec)
    got = simulate_report(spec, shifted, 4000, seed, method="monte_carlo")["rows"][0]["probability"]
    assert got >= p - 2 / 4000
    lower = loads_scenario("scenario: {id: s}\ndefaults: {growth: none}\nassumptions:\n"
                           f"  x: {{growth: {{dist: normal, mean: {pace - 0.002!r}, sd: {sd}}}}}\n", spec=spec)
    assert simulate_report(spec, lower, 4000, seed, method="monte_carlo")["rows"][0]["probability"] < p + 2 / 4000
    if p > 0.5:
        assert r["pace_for_probability"] > r["break_even_pace"] - 0.05   # more than the median path needs


def test_pace_for_probability_needs_a_spread():
    spec = one("亿元", 100.0, "140")
    sc = loads_scenario("scenario: {id: s}\ndefaults: {growth: none}\nassumptions:\n  x: {growth: 0.05}\n", spec=spec)
    r = localize(solve_report(spec, sc, probability=0.8, seed=1), "en")["rows"][0]
    assert r["pace_for_probability"] is None and "no uncertainty" in r["notes"][0]
    r = solve_report(spec, sc, probability=0.8, sd=0.02, seed=1)["rows"][0]
    assert r["pace_for_probability"] > r["break_even_pace"]
    r = solve_report(spec, sc, probability=0.2, sd=0.02, seed=1)["rows"][0]
    assert r["pace_for_probability"] < r["break_even_pace"]


@SETTINGS
@given(x=st.floats(1, 1e4), ratio=st.floats(1.01, 20), pace=st.floats(0.001, 0.5))
def test_year_reached_is_the_first_year_that_meets(x, ratio, pace):
    spec = one("亿元", x, f"超过{x * ratio:.6g}")
    t = spec.indicators[0].targets[0]
    y = year_reached(2022, x, [pace], "rate", t, "increase")
    if y is None:
        assert x * (1 + pace) ** 100 <= t.value * (1 + 1e-9)
        return
    k = y - 2022
    assert meets(t, np.array([x * (1 + pace) ** k]))[0]
    assert k == 1 or not meets(t, np.array([x * (1 + pace) ** (k - 1)]))[0]


def test_wuwei_breaks_one_thousand_yi():
    r = json.loads(run("solve", WUWEI, "--indicator", "gdp", "--pace", "6%", "--format", "json").output)["rows"][0]
    assert r["text"] == "突破一千亿" and r["start"] == 650.09 and r["start_year"] == 2023   # from data/wuwei-2024.csv
    assert r["year_reached"] == 2031 and r["year_reached_pace"] == pytest.approx(6.0)   # 650.09*1.06^8 = 1036
    trend = json.loads(run("solve", WUWEI, "--indicator", "gdp", "--format", "json").output)["rows"][0]
    assert trend["year_reached"] == 2030   # the 2022-2023 nominal trend, 6.6%/yr
    assert trend["year_reached_pace"] == pytest.approx(100 * (650.09 / 609.91 - 1))


def test_missing_baseline_gives_paces_over_a_range_of_baselines():
    ind = "rail_sea_containers"   # 200标箱/年 by 2027, no baseline in the plan or data
    rows = json.loads(run("solve", TUNXI, "--indicator", ind, "--format", "json").output)["rows"]
    br = rows[0]["baseline_range"]
    assert len(br) == 5 and all(a["required_pace"] > b["required_pace"] for a, b in zip(br, br[1:]))
    rows = json.loads(run("solve", TUNXI, "--indicator", ind, "--baselines", "100:150:25",
                          "--format", "json").output)["rows"]
    assert [b["baseline"] for b in rows[0]["baseline_range"]] == [100, 125, 150]
    assert rows[0]["baseline_range"][1]["required_pace"] == pytest.approx(100 * ((200 / 125) ** 0.2 - 1))


def test_sweep_agrees_with_break_even():
    spec = load_spec(TUNXI)
    from sim.scenario.load import load_scenario
    sc = load_scenario(BASELINE, spec)
    g = parse_range("0.04:0.10:0.0025", "--growth")
    d = parse_range("0.01:0.03:0.01", "--deflator")
    rep = sweep_report(spec, sc, "gdp", growth_values=g, deflators=d)
    assert len(rep["cells"]) == len(g) * len(d)
    real = {b["deflator"]: b["real_pace"] / 100 for b in rep["targets"][0]["break_even_real_by_deflator"]}
    for c in rep["cells"]:
        assert c["meets"] == (c["real_growth"] >= real[c["deflator"]] - 1e-9)
    by = {(c["real_growth"], c["deflator"]): c["projected"] for c in rep["cells"]}
    assert all(by[(a, x)] < by[(b, x)] for x in d for a, b in zip(g, g[1:]))
    assert all(by[(v, a)] < by[(v, b)] for v in g for a, b in zip(d, d[1:]))


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_solve_and_sweep_formats(fmt, lang):
    r = run("solve", TUNXI, "-s", UNCERTAIN, "--probability", 0.8, "--draws", 1000, "--seed", 1,
            "--format", fmt, "--lang", lang)
    assert r.exit_code == 0 and ("地区生产总值" if fmt == "table" else "gdp") in r.output
    w = run("sweep", TUNXI, "-s", BASELINE, "--indicator", "gdp", "--growth", "0.05:0.08:0.01", "--deflator",
            "0.01:0.02:0.01", "--format", fmt, "--lang", lang)
    assert w.exit_code == 0 and ("7" in w.output)
    c = run("sweep", TUNXI, "-s", BASELINE, "--indicator", "rd_intensity", "--change", "0.05:0.15:0.05",
            "--format", fmt, "--lang", lang)
    assert c.exit_code == 0


def test_solve_tunxi_uncertain_gives_break_even_and_probability_paces():
    d = json.loads(run("solve", TUNXI, "-s", UNCERTAIN, "--probability", 0.8, "--draws", 2000, "--seed", 3,
                       "--format", "json").output)
    assert d["solve"]["seed"] == 3 and d["provenance"]["seed"] == 3
    gdp = next(r for r in d["rows"] if r["indicator"] == "gdp")
    assert gdp["break_even_pace"] == pytest.approx(100 * ((425 / 280) ** 0.2 - 1))   # from the assumed 2022
    assert gdp["pace_for_probability"] > gdp["break_even_pace"] and gdp["pace_for_probability_unit"] == "%/yr"
    assert sum(r["pace_for_probability"] is not None for r in d["rows"]) >= 20


@pytest.mark.parametrize("args", [
    ("solve", TUNXI, "--indicator", "nope"),
    ("solve", TUNXI, "--probability", 1.5),
    ("solve", TUNXI, "--pace", "fast"),
    ("sweep", TUNXI, "--indicator", "gdp"),
    ("sweep", TUNXI, "--indicator", "gdp", "--growth", "0.05", "--change", "1"),
    ("sweep", TUNXI, "--indicator", "rd_intensity", "--change", "0.1", "--deflator", "0.01"),
    ("sweep", TUNXI, "--indicator", "gdp", "--growth", "0.1:0.05:0.01"),
])
def test_user_errors_exit_2(args):
    r = run(*args)
    assert r.exit_code == 2 and r.output.strip()


def test_two_targets_from_one_phrase_keep_their_own_notes():
    """增长8.5%以上,力争超22亿元 gives a growth and a level target with the same text and year: each row is
    solved as its own kind (the level target gets the baseline range, not the growth target's note)."""
    spec = loads_spec("plan: {id: p, title: T, base_year: 2022, target_year: 2025}\nindicators:\n"
                      "  - {id: rev, name: 财政收入, unit: 亿元, target: '增长8.5%以上,力争超22亿元'}\n")
    rows = solve_report(spec, default_scenario(), seed=1)["rows"]
    assert [r["kind"] for r in rows] == ["growth", "level"]
    assert [n.code for n in rows[0]["notes"]] == ["solve.growth_own"]
    assert "solve.growth_own" not in [getattr(n, "code", n) for n in rows[1]["notes"]]
    assert rows[1]["baseline_range"]
