"""Notation of national and provincial plan tables (METHODS.md): > < ≥ ≤ ＞ ＜, 〔N〕 read by what the
indicator measures, 比/较YYYY年累计…, a bare 累计… from the plan's base year, reference growth phrases."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sim.cli import main
from sim.report.labels import text as en_text
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
    assert "plan-table notation" in en_text(t.convention, "en")


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
    assert "2020" in en_text(t.convention, "en") and "base year" in en_text(t.convention, "en")
    up = one("〔10〕", name="研发经费投入提高")
    assert up.relative_to.change == pytest.approx(0.10) and up.op == ">="


def test_bracket_on_a_level_is_the_change_in_its_unit():
    t = one("〔1〕", unit="岁", name="人均预期寿命")
    assert t.kind == "change" and t.relative_to.mode == "points" and t.relative_to.change == 1


@pytest.mark.parametrize("text", ["比2020年累计下降13.5%", "较2020年累计下降13.5%"])
def test_named_year_cumulative_change(text):
    t = one(text, unit="吨标准煤/万元")
    assert t.kind == "change" and t.relative_to.year == 2020 and t.relative_to.change == pytest.approx(-0.135)
    assert "the year the phrase names" in en_text(t.convention, "en")


def test_bare_cumulative_change_is_from_the_plans_base_year_and_says_so():
    t = parse_target("累计下降18%", unit="吨/万元", year=2025, base_year=2019)[0]
    assert t.relative_to.year == 2019 and "plan's base year" in en_text(t.convention, "en")


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


CONVENTION_PHRASES = [  # (text, unit, indicator name): together they reach every reading of a phrase
    ("1200以上", "亿元", None), ("不超过5", "%", None), ("超过3", "%", None), ("低于2", "%", None),
    ("8.5左右", "%", None), ("3-5", "%", None), (">6.5", "%", None), ("≤2.45", "%", None), ("保持在95", "%", None),
    ("1200", "亿元", None), ("3:1", "", None), ("与经济增长基本同步", "%", None), ("高于地区生产总值增长", "%", None),
    ("前列", "", None), ("稳步提升", "", None), ("**以上", "亿元", None), ("增长**%", "%", None),
    ("增长7%以上", "%", None), ("〔5500〕", "万人", "城镇新增就业"), ("〔13.5〕", "%", "单位GDP能源消耗降低"),
    ("〔1〕", "岁", "人均预期寿命"), ("比2020年增加1倍", "亿元", None), ("比2020年提高2个百分点", "%", None),
    ("累计下降18%", "%", None), ("比2020年下降**%", "%", None), ("翻一番", "亿元", None),
]


def test_every_reading_of_a_phrase_is_recorded_as_a_msg_written_in_both_languages():
    from sim.meta import Msg
    from sim.report.labels import TEMPLATES
    from sim.report.labels.conventions import TEMPLATES as CONVENTION_CODES
    from tests.test_zh_text import english

    seen = set()

    def codes(m):
        seen.add(m.code)
        for v in m.args.values():
            if isinstance(v, Msg):
                codes(v)
    for text, unit, name in CONVENTION_PHRASES:
        t = parse_target(text, unit=unit, year=2025, base_year=2020, name=name)[0]
        assert isinstance(t.convention, Msg), text
        codes(t.convention)
        assert en_text(t.convention, "en") and not english(en_text(t.convention, "zh")), text
        assert all(TEMPLATES[c] for c in seen)
    seen |= {"convention.long_form", "convention.long_form_direction"}  # long-form targets, tested by load
    assert seen == set(CONVENTION_CODES)
    assert one("3:1", unit="").plain and one("1200").plain and not one("〔5500〕", name="城镇新增就业").plain
