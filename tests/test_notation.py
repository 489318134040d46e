"""Notation of national and provincial plan tables (METHODS.md): > < ≥ ≤ ＞ ＜, 〔N〕 read by what the
indicator measures, 比/较YYYY年累计…, a bare 累计… from the plan's base year, reference growth phrases."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sim.cli import main
from sim.spec.load import load_spec
from sim.spec.phrases import PhraseError, parse_target

NATIONAL = Path(__file__).parent / "fixtures" / "national" / "cn-14fyp.yaml"


def one(text, unit="%", name=None, direction=None):
    ts = parse_target(text, unit=unit, year=2025, base_year=2020, name=name, direction=direction)
    assert len(ts) == 1
    return ts[0]


@pytest.mark.parametrize("text,op,value", [(">6.5", ">", 6.5), ("<5.5", "<", 5.5), ("≥95", ">=", 95),
                                           ("≤2.45", "<=", 2.45), ("＞46", ">", 46), ("＜5.5", "<", 5.5)])
def test_symbols_bound_the_number(text, op, value):
    t = one(text)
    assert (t.kind, t.op, t.value) == ("level", op, value)
    assert "plan-table notation" in t.convention


def test_exclusive_symbols_exclude_the_number():
    assert one(">6.5").meets(6.5) is False and one(">6.5").meets(6.51) is True
    assert one("≥95").meets(95) is True and one("<5.5").meets(5.5) is False


def test_bracket_on_a_flow_is_the_sum_over_the_period():
    t = one("〔5500〕", unit="万人", name="城镇新增就业")
    assert (t.kind, t.op, t.value) == ("cumulative", ">=", 5500)
    assert one("〔>5000〕", unit="万人", name="城镇新增就业(万人)").op == ">"


def test_bracket_on_an_indicator_of_change_is_the_change_of_the_level_from_the_base_year():
    t = one("〔13.5〕", name="单位GDP能源消耗降低(%)")
    assert t.kind == "change" and t.op == "<="
    assert (t.relative_to.year, t.relative_to.change, t.relative_to.mode) == (2020, -0.135, "ratio")
    assert "2020" in t.convention and "base year" in t.convention
    up = one("〔10〕", name="研发经费投入提高")
    assert up.relative_to.change == pytest.approx(0.10) and up.op == ">="


def test_bracket_on_a_level_is_the_change_in_its_unit():
    t = one("〔1〕", unit="岁", name="人均预期寿命")
    assert t.kind == "change" and t.relative_to.mode == "points" and t.relative_to.change == 1


@pytest.mark.parametrize("text", ["比2020年累计下降13.5%", "较2020年累计下降13.5%"])
def test_named_year_cumulative_change(text):
    t = one(text, unit="吨标准煤/万元")
    assert t.kind == "change" and t.relative_to.year == 2020 and t.relative_to.change == pytest.approx(-0.135)
    assert "the year the phrase names" in t.convention


def test_bare_cumulative_change_is_from_the_plans_base_year_and_says_so():
    t = parse_target("累计下降18%", unit="吨/万元", year=2025, base_year=2019)[0]
    assert t.relative_to.year == 2019 and "plan's base year" in t.convention


@pytest.mark.parametrize("text,op,ref", [("与经济增长基本同步", "~", "经济增长"),
                                         ("高于地区生产总值增长", ">", "地区生产总值增长"),
                                         ("不低于全省平均增速", ">=", "全省平均增速")])
def test_reference_growth_phrases(text, op, ref):
    t = one(text)
    assert (t.kind, t.op, t.reference, t.period) == ("reference", op, ref, "year")


@pytest.mark.parametrize("text", ["1" + "0" * 400, "1e300", "增长2000%", "〔1" + "0" * 30 + "〕"])
def test_numbers_no_plan_can_mean_are_refused(text):
    with pytest.raises(PhraseError):
        parse_target(text, unit="亿元", year=2025, base_year=2020, name="新增投资")


def test_national_table_validates_and_normalizes_as_methods_says():
    r = CliRunner().invoke(main, ["validate", str(NATIONAL)])
    assert r.exit_code == 0, r.output
    spec = load_spec(NATIONAL)
    t = {i.id: i.targets[0] for i in spec.indicators}
    d = {i.id: i.direction for i in spec.indicators}
    assert (t["unemployment"].op, t["unemployment"].value, d["unemployment"]) == ("<", 5.5, "decrease")
    assert (t["grain"].op, t["grain"].value) == (">", 6.5)
    assert (t["energy_capacity"].op, t["energy_capacity"].value) == (">", 46)
    assert t["energy_intensity"].relative_to.change == pytest.approx(-0.135) and d["energy_intensity"] == "decrease"
    assert t["carbon_intensity"].relative_to.change == pytest.approx(-0.18)
    assert t["life_expectancy"].kind == "level" and t["life_expectancy"].value == pytest.approx(78.3)
    assert (t["income_growth"].kind, t["income_growth"].op, t["income_growth"].reference) == (
        "reference", "~", "gdp_growth")
    assert t["labour_productivity"].op == ">" and t["gdp_growth"].kind == "none"


def test_explain_states_the_base_year_a_bracket_used():
    r = CliRunner().invoke(main, ["check", str(NATIONAL), "--explain", "energy_intensity", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "from 2020" in r.output and "base year" in r.output


def test_national_table_under_cn_midterm():
    r = CliRunner().invoke(main, ["check", str(NATIONAL), "--preset", "cn-midterm", "--format", "json"])
    rows = {x["indicator"]: x for x in json.loads(r.stdout)["rows"]}
    assert rows["income_growth"]["preset_status"] == "on_schedule"        # mean difference +0.17 pp
    assert rows["labour_productivity"]["preset_status"] == "on_schedule"  # above GDP growth every year
    assert rows["gdp_growth"]["preset_status"] == "not_assessable"
