"""Presets reproduce their published methods (METHODS.md "Presets", "Preset cn-midterm"): worked
cases computed by hand from each formula, and properties."""
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.assess.presets import Method
from sim.assess.status import assess_plan
from sim.report.labels import text as say
from sim.scenario.load import loads_scenario
from sim.spec.load import loads_spec

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None)
SCEN = "scenario: {id: s}\ndefaults: {growth: trend}\n"


def spec(baseline="300", history="{2023: 350}", target="425", unit="亿元", name="总量", base=2020,
         extra="", refs=""):
    b = f"\n    baseline: {baseline}" if baseline is not None else ""
    return (f"plan: {{id: p, title: T, base_year: {base}, target_year: 2025}}\n{refs}indicators:\n"
            f"  - id: x\n    name: {name}\n    unit: '{unit}'{b}\n    history: {history}\n"
            f"    target: '{target}'{extra}\n")


def row(text, preset, **kw):
    s = loads_spec(text)
    return assess_plan(s, loads_scenario(SCEN, spec=s), Method(preset=preset, **kw))[0]


# 300 (2020) -> 350 (2023), target 425 in 2025:
# CAGR_a = (350/300)^(1/3) - 1 = 0.052727; CAGR_r = (425/300)^(1/5) - 1 = 0.072145
# RR = 0.7308; x̂ = 300 * 1.052727^5 = 387.88; P = (387.88 - 300)/(425 - 300) = 0.7031
def test_issue_example_sdg_build_ratio_073():
    r = row(spec(), "sdg-build")
    p = r["explain"]["preset"]
    assert p["value"] == pytest.approx(0.7308, abs=1e-4)
    assert p["observed_cagr"] == pytest.approx(0.052727, abs=1e-6)
    assert p["required_cagr"] == pytest.approx(0.072145, abs=1e-6)
    assert r["preset_status"] == "moderate_progress"
    assert r["status"] == "needs_acceleration"        # the default status is kept


def test_issue_example_unsd_and_eurostat():
    u = row(spec(), "unsd")
    assert u["explain"]["preset"]["projected"] == pytest.approx(387.88, abs=0.01)
    assert u["explain"]["preset"]["value"] == pytest.approx(0.7031, abs=1e-4)
    assert u["preset_status"] == "moderate_progress"
    e = row(spec(), "eurostat")
    assert e["explain"]["preset"]["value"] == pytest.approx(0.7308, abs=1e-4)
    assert e["preset_status"] == "moderate_progress"


# lower is better: 100 (2020) -> 90 (2023), target 80: CAGR_a = 0.9^(1/3) - 1 = -0.034511,
# CAGR_r = 0.8^(1/5) - 1 = -0.043648, RR = 0.7907; x̂ = 100 * 0.9^(5/3) = 83.895, P = 0.8052
def test_lower_is_better_by_the_same_formulas():
    text = spec(baseline="100", history="{2023: 90}", target="80以下")
    assert row(text, "sdg-build")["explain"]["preset"]["value"] == pytest.approx(0.7907, abs=1e-4)
    u = row(text, "unsd")
    assert u["explain"]["preset"]["value"] == pytest.approx(0.8052, abs=1e-4)
    assert u["preset_status"] == "moderate_progress"


@pytest.mark.parametrize("preset,code", [("unsd", "regression"), ("eurostat", "moving_away"),
                                         ("sdg-build", "deterioration")])
def test_moving_away(preset, code):   # 100 -> 110, target 80 or less
    assert row(spec(baseline="100", history="{2023: 110}", target="80以下"), preset)["preset_status"] == code


@pytest.mark.parametrize("history,target,preset,code", [
    ("{2023: 400}", "425", "unsd", "on_track"),          # x̂ = 300(4/3)^(5/3) = 484 -> P = 1.47
    ("{2023: 305}", "425", "unsd", "marginal_progress"),  # P = (300(305/300)^(5/3) - 300)/125 = 0.067 -> stagnation?
])
def test_unsd_bands(history, target, preset, code):
    r = row(spec(history=history, target=target), preset)
    p = r["explain"]["preset"]["value"]
    expected = next(c for b, c in [(0.95, "on_track"), (0.5, "moderate_progress"), (0.1, "marginal_progress"),
                                    (-0.1, "stagnation"), (-math.inf, "regression")] if p >= b)
    assert r["preset_status"] == expected


def test_missing_base_value_uses_first_actual_after_base_and_says_so():
    r = row(spec(baseline=None, history="{2021: 310, 2023: 350}"), "sdg-build")
    p = r["explain"]["preset"]
    assert p["base_year"] == 2021
    # CAGR_a = (350/310)^(1/2) - 1, CAGR_r = (425/310)^(1/4) - 1
    expect = ((350 / 310) ** 0.5 - 1) / ((425 / 310) ** 0.25 - 1)
    assert p["value"] == pytest.approx(expect)
    reason = say(r["preset_reason"], "en")
    assert "2021" in reason and "first actual after" in reason
    assert "2021" in say(r["preset_reason"], "zh")


@pytest.mark.parametrize("preset", ["unsd", "eurostat", "sdg-build"])
def test_method_breaks_are_named_never_divided_by_zero(preset):
    zero = row(spec(baseline="0", history="{2023: 5}", target="10", unit="%", name="比重"), preset)
    assert zero["preset_status"] == "undefined_nonpositive" and "0.001" in say(zero["preset_reason"], "en")
    neg = row(spec(baseline="-3", history="{2023: 2}", target="10", unit="%"), preset)
    assert neg["preset_status"] == "undefined_nonpositive"
    same = row(spec(baseline="300", history="{2023: 280}", target="300"), preset)
    assert same["preset_status"] == "undefined_target_equals_base"
    met = row(spec(history="{2023: 430}"), preset)
    assert met["preset_status"] == "target_achieved"
    early = row(spec(history="{2019: 250}"), preset)     # no actual after the base year
    assert early["preset_status"] == "not_assessable"


@SETTINGS
@given(st.floats(1, 1e6), st.floats(-0.3, 0.5).filter(lambda r: abs(r) > 1e-3), st.integers(1, 4))
def test_growing_at_the_required_cagr_gives_ratio_one(x_b, r, k):
    target = x_b * (1 + r) ** 5
    x_t = x_b * (1 + r) ** k
    text = spec(baseline=repr(x_b), history=f"{{{2020 + k}: {x_t!r}}}", target=repr(target))
    for preset in ("sdg-build", "eurostat", "unsd"):
        p = row(text, preset)
        if p["preset_status"] == "target_achieved":
            continue
        assert p["explain"]["preset"]["value"] == pytest.approx(1.0, rel=1e-6)
        assert p["preset_status"] in ("on_track", "significant_progress", "substantial_progress")


# cn-midterm ----------------------------------------------------------------------------------------
def mid(baseline, history, target, unit="%", name="比重", **kw):
    return row(spec(baseline=baseline, history=history, target=target, unit=unit, name=name), "cn-midterm", **kw)


def test_bound_held_at_base_and_latest_is_on_schedule_not_early():
    assert mid("60", "{2023: 62}", "55以上")["preset_status"] == "on_schedule"
    assert mid("50", "{2023: 56}", "55以上")["preset_status"] == "achieved_early"
    assert mid("60", "{2023: 54}", "55以上")["preset_status"] == "lagging"


@pytest.mark.parametrize("latest,code", [(130, "lagging"), (160, "on_schedule"), (175, "ahead")])
def test_linear_task_done_against_time_elapsed(latest, code):
    # tau = (2023-2020)/(2025-2020) = 0.6; s = (latest - 100)/(200 - 100): 0.3, 0.6, 0.75; m = 0.1
    r = mid("100", f"{{2023: {latest}}}", "200", unit="亿元", name="总量")
    assert r["explain"]["preset"]["task_done"] == pytest.approx((latest - 100) / 100)
    assert r["explain"]["preset"]["time_elapsed"] == pytest.approx(0.6)
    assert r["preset_status"] == code


def test_log_task_done_is_an_option_and_margin_is_settable():
    # 2022: tau 0.4; 141.5: linear s = 0.415 (on schedule), log s = ln 1.415/ln 2 = 0.501 (ahead)
    args = ("100", "{2022: 141.5}", "200")
    assert mid(*args, unit="亿元")["preset_status"] == "on_schedule"
    assert mid(*args, unit="亿元", task="log")["preset_status"] == "ahead"
    assert mid(*args, unit="亿元", task="log", margin=0.2)["preset_status"] == "on_schedule"


def test_growth_rate_target_by_average_growth_with_margin():
    text = spec(baseline="100", history="{}", target="年均增长7%以上", extra="\n    growth_history: "
                "{2021: 8, 2022: 7.5, 2023: 8}")
    r = row(text, "cn-midterm")      # average (1.08*1.075*1.08)^(1/3) - 1 = 7.83% >= 7 + 0.5
    assert r["explain"]["preset"]["average_growth"] == pytest.approx(7.833, abs=1e-3)
    assert r["preset_status"] == "ahead"
    assert row(text, "cn-midterm", growth_margin=1.0)["preset_status"] == "on_schedule"
    slow = text.replace("{2021: 8, 2022: 7.5, 2023: 8}", "{2021: 6, 2022: 6, 2023: 6.2}")
    assert row(slow, "cn-midterm")["preset_status"] == "lagging"


REFS = ("references:\n  gdp_growth: {name: 地区生产总值增长, unit: '%', "
        "values: {2021: 8.0, 2022: 3.0, 2023: 5.0}}\n")


@pytest.mark.parametrize("target,growth,code", [
    ("与经济增长基本同步", "{2021: 8.1, 2022: 2.9, 2023: 5.2}", "on_schedule"),
    ("与经济增长基本同步", "{2021: 6.1, 2022: 1.9, 2023: 4.2}", "lagging"),
    ("高于地区生产总值增长", "{2021: 8.1, 2022: 3.1, 2023: 5.2}", "on_schedule"),
    ("高于地区生产总值增长", "{2021: 8.1, 2022: 2.9, 2023: 5.2}", "lagging"),
])
def test_reference_growth_year_by_year(target, growth, code):
    text = spec(baseline="100", history="{}", target=target, refs=REFS,
                extra=f"\n    reference: gdp_growth\n    growth_history: {growth}")
    assert row(text, "cn-midterm")["preset_status"] == code


def test_reference_growth_without_values_and_words_are_not_assessable():
    text = spec(baseline="100", history="{}", target="与经济增长基本同步",
                extra="\n    growth_history: {2021: 8}")
    r = row(text, "cn-midterm")
    assert r["preset_status"] == "not_assessable" and "经济增长" in say(r["preset_reason"], "zh")
    assert mid("100", "{2023: 120}", "保持在合理区间", unit="亿元", name="总量")["preset_status"] == "not_assessable"


@pytest.mark.parametrize("lang,word", [("zh", "滞后"), ("en", "lagging")])
def test_preset_classes_are_the_status_column_in_every_format(tmp_path, lang, word):
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from sim.cli import main
    p = tmp_path / "p.yaml"
    p.write_text(spec(), encoding="utf-8")          # task done 40% vs time elapsed 60%: 滞后
    run = CliRunner().invoke
    for fmt in ("table", "md", "csv"):
        r = run(main, ["check", str(p), "--preset", "cn-midterm", "--lang", lang, "--format", fmt])
        assert r.exit_code == 0 and word in r.stdout, (fmt, r.output)
    r = run(main, ["check", str(p), "--preset", "cn-midterm", "--format", "json"])
    row = json.loads(r.stdout)["rows"][0]
    assert (row["status"], row["preset_status"]) == ("needs_acceleration", "lagging")
    x = tmp_path / "c.xlsx"
    assert run(main, ["check", str(p), "--preset", "cn-midterm", "--lang", lang, "--format", "xlsx",
                      "-o", str(x)]).exit_code == 0
    cells = {c.value for ws in load_workbook(x) for r in ws.iter_rows() for c in r}
    assert word in cells
    h = tmp_path / "r.html"
    assert run(main, ["report", str(p), "--preset", "cn-midterm", "--lang", lang, "-o", str(h)]).exit_code == 0
    assert word in h.read_text(encoding="utf-8")
    u = run(main, ["check", str(p), "--preset", "sdg-build", "--lang", lang])
    assert ("进展一般" if lang == "zh" else "moderate progress") in u.stdout
