"""Properties of the assessment: statuses, keep-the-level targets, presets, and no NaN anywhere."""
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.assess.status import assess_plan
from sim.report.check import check_report
from sim.report.labels import localize, to_json
from sim.scenario.load import loads_scenario
from sim.spec.load import loads_spec
from tests.strategies import specs

RANK = {"moving_away": 0, "off_track": 1, "needs_acceleration": 2, "on_track": 3, "achieved": 4}
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None)


def spec_text(unit="亿元", baseline=100.0, target="150", history=None, name="总量", extra=""):
    hist = f"\n    history: {history}" if history else ""
    return (f"plan: {{id: p, title: T, base_year: 2022, target_year: 2027}}\nindicators:\n"
            f"  - id: x\n    name: {name}\n    unit: '{unit}'\n    baseline: {baseline}\n"
            f"    target: '{target}'{hist}{extra}\n")


def scen(assumption: str = "", defaults: str = "growth: none") -> str:
    return (f"scenario: {{id: s}}\ndefaults: {{{defaults}}}\n"
            + (f"assumptions:\n  x: {{{assumption}}}\n" if assumption else ""))


def row(spec_yaml, scen_yaml, preset="default"):
    spec = loads_spec(spec_yaml)
    return localize(assess_plan(spec, loads_scenario(scen_yaml, spec=spec), preset)[0], "en")


@SETTINGS
@given(st.floats(1, 1e5), st.floats(1.01, 5), st.integers(1, 10))
def test_required_compound_pace_lands_on_target(x, ratio, n):
    target = x * ratio
    text = spec_text(baseline=x, target=repr(target)).replace("target_year: 2027", f"target_year: {2022 + n}")
    r0 = row(text, scen("growth: 0"))
    req = r0["required_pace"] / 100
    r = row(text, scen(f"growth: {req!r}"))
    assert r["projected"] == pytest.approx(target, rel=1e-9)
    assert r["status"] == "on_track"


@SETTINGS
@given(st.floats(0.5, 60), st.floats(0.1, 30), st.integers(1, 10))
def test_required_linear_pace_lands_on_target(x, up, n):
    target = x + up
    text = spec_text(unit="%", name="比重", baseline=x, target=repr(target)).replace(
        "target_year: 2027", f"target_year: {2022 + n}")
    req = row(text, scen("change: 0"))["required_pace"]
    r = row(text, scen(f"change: {req!r}"))
    assert r["projected"] == pytest.approx(target, rel=1e-9)
    assert r["status"] == "on_track"


@SETTINGS
@given(st.floats(-0.2, 0.3), st.floats(0, 0.2))
def test_more_growth_never_lowers_attainment(g, extra):
    text = spec_text()
    a = row(text, scen(f"growth: {g!r}"))
    b = row(text, scen(f"growth: {g + extra!r}"))
    assert RANK[b["status"]] >= RANK[a["status"]]
    assert b["projected"] >= a["projected"]


@SETTINGS
@given(st.floats(-0.1, 0.3), st.sampled_from([("亿元", "万元", 1e4), ("万人", "人", 1e4), ("元", "元", 1.0)]))
def test_units_do_not_change_a_status(g, units):
    big, small, k = units
    a = row(spec_text(unit=big, baseline=100, target="150"), scen(f"growth: {g!r}"))
    b = row(spec_text(unit=small, baseline=100 * k, target=f"150{big}"), scen(f"growth: {g!r}"))
    assert a["status"] == b["status"]
    assert b["projected"] == pytest.approx(a["projected"] * k)


@pytest.mark.parametrize("g,status", [(0.0, "on_track"), (-0.02, "on_track"), (0.02, "at_risk")])
def test_keep_the_level_is_judged_by_side(g, status):
    r = row(spec_text(unit="微克/立方米", baseline=19, target="19以下", name="PM2.5"), scen(f"growth: {g}"))
    assert r["status"] == status
    assert r["share_of_required"] is None and r["required_pace"] == 0


def test_already_met_is_achieved_and_can_fall_back():
    assert row(spec_text(baseline=200), scen("growth: 0.01"))["status"] == "achieved"
    assert row(spec_text(baseline=200), scen("growth: -0.2"))["status"] == "at_risk"


@pytest.mark.parametrize("g,status", [(0.09, "on_track"), (0.05, "needs_acceleration"),
                                      (0.01, "off_track"), (-0.05, "moving_away")])
def test_default_thresholds(g, status):
    assert row(spec_text(), scen(f"growth: {g}"))["status"] == status


@pytest.mark.parametrize("target,reason", [
    ("**亿元", "masked"), ("达到全省平均水平", "no values"), ("比2020年增长20%", "2020 value"),
    ("—", "no numeric target")])
def test_not_assessable_reasons(target, reason):
    r = row(spec_text(target=target), scen("growth: 0.05"))
    assert r["status"] == "not_assessable" and reason in r["reason"]


def test_change_target_resolves_with_history():
    r = row(spec_text(target="比2020年增长60%", history="{2020: 100}"), scen("growth: 0.05"))
    assert r["target"] == pytest.approx(160) and r["status"] != "not_assessable"


def test_missing_baseline_gives_paces_across_baselines():
    r = row(spec_text(baseline="null", target="425"), scen("growth: 0.05"))
    assert r["status"] == "not_assessable"
    rng = r["explain"]["baseline_range"]
    assert len(rng) == 5 and rng[0]["required_pace"] > rng[-1]["required_pace"] > 0


def test_assumed_baseline_is_marked():
    r = row(spec_text(baseline="null", target="425"), scen("baseline: 280, real_growth: 0.06",
                                                           "growth: none, deflator: 0.015"))
    assert "baseline" in r["assumed"] and "pace" in r["assumed"]
    assert r["start_assumed"]


def test_single_point_and_break_without_factor():
    r = row(spec_text(), scen(defaults="growth: trend"))
    assert r["status"] == "not_assessable" and "one data point" in r["reason"]
    text = spec_text(history="{2019: 50, 2020: 60, 2021: 90}",
                     extra="\n    breaks: [{year: 2022, note: 区划调整}]")
    r = row(text, scen(defaults="growth: trend"))
    assert "without a link factor" in r["reason"]
    linked = text.replace("note: 区划调整}", "note: 区划调整, factor: 1.5}")
    r = row(linked, scen(defaults="growth: trend"))
    assert r["status"] != "not_assessable" and r["explain"]["trend_points"] == 4


def test_trend_is_weak_below_four_points():
    r = row(spec_text(history="{2020: 80, 2021: 90}"), scen(defaults="growth: trend"))
    assert r["weak_evidence"] and r["explain"]["trend_points"] == 3


def test_growth_target_uses_real_growth_for_gdp():
    text = ("plan: {id: p, title: T, base_year: 2019, target_year: 2020}\nindicators:\n"
            "  - {id: x, name: 地区生产总值, unit: 亿元, basis: nominal, target: 增长8.5%左右}\n")
    r = row(text, scen("real_growth: 0.085", "growth: none, deflator: 0.02"))
    assert r["assumed_pace"] == pytest.approx(8.5) and r["status"] == "on_track"


def test_growth_target_with_published_actual():
    text = ("plan: {id: p, title: T, base_year: 2019, target_year: 2020}\nindicators:\n"
            "  - {id: x, name: 财政收入, unit: 亿元, target: 增长8.5%以上, growth_history: {2020: 9.1}}\n")
    assert row(text, scen())["status"] == "achieved"


def test_cumulative_target():
    text = spec_text(baseline=10, target="累计60亿元")
    r = row(text, scen("growth: 0.0"))
    assert r["projected"] == pytest.approx(50) and r["status"] == "needs_acceleration"
    assert row(text, scen("growth: 0.1"))["status"] == "on_track"


def _finite(x):
    if isinstance(x, float):
        assert math.isfinite(x)
    elif isinstance(x, dict):
        [_finite(v) for v in x.values()]
    elif isinstance(x, list):
        [_finite(v) for v in x]


@pytest.mark.parametrize("preset", ["default", "unsd", "eurostat", "sdg-build", "cn-midterm"])
def test_edge_values_never_give_nan(preset):
    cases = [spec_text(unit="%", name="增长率", baseline=-2, target="3"),
             spec_text(unit="%", name="增长率", baseline=0, target="0"),
             spec_text(unit="%", name="比重", baseline=5, target="5", history="{2021: 5}"),
             spec_text(baseline=100, target="100", history="{2021: 100}")]
    for text in cases:
        spec = loads_spec(text)
        for s in (scen("growth: 0"), scen("change: 0"), scen(defaults="growth: trend")):
            rep = check_report(spec, loads_scenario(s, spec=spec), preset)
            _finite(json.loads(to_json(rep)))


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(specs(), st.floats(-0.1, 0.3))
def test_generated_specs_validate_and_check_cleanly(data, g):
    from tests.strategies import to_yaml
    spec = loads_spec(to_yaml(data))
    assert len(spec.indicators) == len(data["indicators"])
    first = data["indicators"][0]["id"]
    sc = loads_scenario(f"scenario: {{id: s}}\ndefaults: {{growth: trend}}\n"
                        f"assumptions: {{'{first}': {{growth: {g!r}}}}}\n", spec=spec)
    rep = check_report(spec, sc)
    _finite(json.loads(to_json(rep)))
    assert len(rep["rows"]) == len(data["indicators"])
    assert all(r["reason"] for r in rep["rows"])


def test_target_without_year_is_not_judged_by_a_date():
    text = spec_text(target="x").replace("    target: 'x'", "    targets: [{year: null, target: 突破一千亿}]")
    spec = loads_spec(text)
    assert spec.indicators[0].targets[0].year is None
    r = row(text, scen("growth: 0.05"))
    assert r["status"] == "not_assessable" and "no year" in r["reason"]


def test_long_form_target_keeps_its_year():
    text = spec_text(target="x").replace("    target: 'x'", "    target: {year: 2025, value: 120, op: '>='}")
    assert loads_spec(text).indicators[0].targets[0].year == 2025


def test_growth_target_passed_is_not_judged_on_later_data():
    text = ("plan: {id: p, title: T, base_year: 2019, target_year: 2025}\nindicators:\n"
            "  - {id: x, name: 地区生产总值, unit: 亿元, targets: [{year: 2020, target: 增长8.5%左右}],"
            " growth_history: {2024: 6.5}}\n")
    r = row(text, scen(defaults="growth: trend"))
    assert r["status"] == "not_assessable" and "has passed" in r["reason"]


def test_average_growth_target_uses_the_whole_period():
    text = ("plan: {id: p, title: T, base_year: 2020, target_year: 2025}\nindicators:\n"
            "  - {id: x, name: 工业产值, unit: 亿元, baseline: 100, target: 年均增长7%,"
            " history: {2021: 101, 2022: 102, 2023: 103, 2024: 104, 2025: 115}}\n")
    r = row(text, scen())
    assert r["status"] == "off_track"            # (115/100)^(1/5) - 1 = 2.83%, not 2025's 10.6%
    assert r["projected"] == pytest.approx(((115 / 100) ** 0.2 - 1) * 100)


def test_average_growth_target_mixes_actual_and_projected_years():
    text = ("plan: {id: p, title: T, base_year: 2020, target_year: 2024}\nindicators:\n"
            "  - {id: x, name: 工业产值, unit: 亿元, baseline: 100, target: 年均增长5%, history: {2021: 100, 2022: 100}}\n")
    r = row(text, scen("growth: 0.10"))
    want = ((1.10 ** 2) ** 0.25 - 1) * 100   # 2021-2022 flat (levels), 2023-2024 +10% (pace)
    assert r["assumed_pace"] == pytest.approx(want) and r["status"] == "needs_acceleration"


def test_gdp_growth_from_nominal_levels_is_deflated():
    text = ("plan: {id: p, title: T, base_year: 2022, target_year: 2023}\nindicators:\n"
            "  - {id: x, name: 地区生产总值, unit: 亿元, basis: nominal, baseline: 280, target: 增长7%,"
            " history: {2023: 300}}\n")
    r = row(text, scen(defaults="growth: none, deflator: 0.015"))
    assert r["projected"] == pytest.approx((300 / 280 / 1.015 - 1) * 100)   # 5.56% real
    assert r["status"] == "off_track"


def test_cumulative_with_a_change_assumption_reports_a_rate():
    text = spec_text(baseline=10, target="累计60亿元")
    r = row(text, scen("change: 1"))      # 11+12+13+14+15 = 65 >= 60
    assert r["projected"] == pytest.approx(65) and r["status"] == "on_track"
    assert r["assumed_pace"] > r["required_pace"] > 0 and r["pace_ratio"] > 1


def test_baseline_range_of_a_share_is_linear():
    r = row(spec_text(unit="%", name="比重", baseline="null", target="60"), scen("change: 1"))
    rng = r["explain"]["baseline_range"]
    assert rng[0] == {"baseline": 30.0, "required_pace": pytest.approx(6.0)}   # (60-30)/5 points a year


def test_a_target_met_by_the_latest_actual_is_achieved_without_a_projection():
    """DESIGN.md: achieved = the latest actual already meets the target; no trend is needed for that."""
    from sim.scenario.load import default_scenario
    spec = loads_spec("plan: {id: p, title: t, base_year: 2022, target_year: 2027}\nindicators:\n"
                      "  - {id: water, name: 水质达标率, unit: '%', baseline: 99, target: 98}\n"
                      "  - {id: air, name: 优良天数比率, unit: '%', baseline: 97.8, target: 98以上}\n")
    rows = {r["indicator"]: localize(r, "en") for r in assess_plan(spec, default_scenario())}
    assert rows["water"]["status"] == "achieved" and "already meets" in rows["water"]["reason"]
    assert rows["air"]["status"] == "not_assessable"
