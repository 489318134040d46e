"""Target phrases: every form in the seeds, the conventions, and properties of the parser."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.spec.numerals import chinese_to_int
from sim.spec.phrases import (
    PhraseError,
    infer_direction,
    parse_target,
    plain,
    split_compound,
)
from sim.spec.units import factor
from tests.strategies import COMPOUND_UNITS, phrases


def one(text, unit="", year=2027, **kw):
    ts = parse_target(text, unit=unit, year=year, base_year=2022, **kw)
    assert len(ts) == 1
    return ts[0]


@pytest.mark.parametrize("text,unit,kind,op,value", [
    ("1200以上", "万元", "level", ">=", 1200),
    ("19以下", "微克/立方米", "level", "<=", 19),
    ("98以上", "%", "level", ">=", 98),
    ("达到3%以上", "%", "level", ">=", 3),
    ("达80%", "%", "level", ">=", 80),
    ("不少于3个", "个", "level", ">=", 3),
    ("不低于8", "%", "level", ">=", 8),
    ("不超过5", "%", "level", "<=", 5),
    ("控制在3%以内", "%", "level", "<=", 3),
    ("超过19", "个", "level", ">", 19),
    ("突破一千亿", "亿元", "level", ">", 1000),
    ("高于5", "个", "level", ">", 5),
    ("低于5", "个", "level", "<", 5),
    ("不满5", "个", "level", "<", 5),
    ("2万人以上", "人", "level", ">=", 20000),
    ("1000亿元以上", "亿元", "level", ">=", 1000),
    ("50万元", "亿元", "level", ">=", 0.005),
    ("1.5亿元", "万元", "level", ">=", 15000),
    ("1.95:1以内", "", "level", "<=", 1.95),
    ("１２００以上", "万元", "level", ">=", 1200),
    ("三千五百以上", "人", "level", ">=", 3500),
    ("5‰", "‰", "level", ">=", 5),
    ("5‰", "%", "level", ">=", 0.5),
    ("180左右", "个", "level", "~", 180),
    ("约180", "个", "level", "~", 180),
    ("增长8.5%左右", "亿元", "growth", "~", 8.5),
    ("增长8.5%以上", "亿元", "growth", ">=", 8.5),
    ("年均增长7%", "亿元", "growth", ">=", 7),
    ("增速不低于8%", "亿元", "growth", ">=", 8),
    ("下降3%", "吨", "growth", "<=", -3),
    ("下降3%以内", "吨", "growth", ">=", -3),
    ("累计25亿元", "亿元", "cumulative", ">=", 25),
])
def test_forms(text, unit, kind, op, value):
    t = one(text, unit)
    assert (t.kind, t.op) == (kind, op)
    assert t.value == pytest.approx(value)
    assert t.convention


def test_approx_has_tolerance():
    t = one("增长8.5%左右", "亿元")
    assert t.tolerance == pytest.approx(0.425)
    assert t.meets(8.8) and not t.meets(9.0)


def test_stretch_is_a_second_target():
    a, b = parse_target("增长8.5%以上,力争超22亿元", unit="亿元", year=2020)
    assert (a.kind, a.op, a.value, a.stretch) == ("growth", ">=", 8.5, False)
    assert (b.kind, b.op, b.value, b.stretch) == ("level", ">", 22, True)


def test_only_stretch():
    t = one("力争达到180", "公里/百平方公里")
    assert t.stretch and t.value == 180


@pytest.mark.parametrize("text,unit,kind", [
    ("—", "%", "none"), ("-", "%", "none"), ("", "%", "none"), ("全覆盖", "%", "none"),
    ("**%", "%", "masked"), ("*.*%", "%", "masked"), ("****亿元", "亿元", "masked"),
    ("增长**%以上", "亿元", "masked")])
def test_none_and_masked(text, unit, kind):
    t = one(text, unit)
    assert t.kind == kind and t.value is None


def test_masked_keeps_op_and_unit():
    t = one("****亿元以上", "亿元")
    assert (t.kind, t.op, t.unit, t.masked_kind) == ("masked", ">=", "亿元", "level")
    g = one("增长**%以上", "亿元")
    assert (g.masked_kind, g.unit) == ("growth", "%")


@pytest.mark.parametrize("text,ref", [("达到全省平均水平", "全省平均水平"),
                                      ("不低于全省平均增速", "全省平均增速"),
                                      ("完成省、市下达的任务", "省、市下达的任务")])
def test_reference(text, ref):
    t = one(text, "年")
    assert t.kind == "reference" and t.reference == ref and t.value is None


@pytest.mark.parametrize("text,year,change,mode,op", [
    ("比2020年下降18%", 2020, -0.18, "ratio", "<="),
    ("累计下降13.5%", 2022, -0.135, "ratio", "<="),
    ("翻一番", 2022, 1.0, "ratio", ">="),
    ("比2020年翻两番", 2020, 3.0, "ratio", ">="),
    ("较2020年增加两倍", 2020, 2.0, "ratio", ">="),
    ("提高2个百分点", 2022, 2.0, "points", ">="),
])
def test_relative_change(text, year, change, mode, op):
    t = one(text, "吨/万元")
    assert t.kind == "change" and t.op == op
    assert (t.relative_to.year, t.relative_to.mode) == (year, mode)
    assert t.relative_to.change == pytest.approx(change)


@pytest.mark.parametrize("text,unit,fragment", [
    ("abc12def", "个", "abc"),
    ("超过19以下", "个", "contradictory"),
    ("2万家", "人", "cannot be converted"),
    ("累计完成投资25亿元", "亿元", "投资"),
    ("增长8.5%,力争", "亿元", "力争"),
])
def test_unreadable_is_an_error_quoting_the_phrase(text, unit, fragment):
    with pytest.raises(PhraseError) as e:
        parse_target(text, unit=unit, year=2027)
    assert fragment in str(e.value)


def test_compound_cells():
    assert split_compound("在地91家属地51家", "家") == [("在地", "91家"), ("属地", "51家")]
    assert split_compound("1200以上", "万元") is None
    assert split_compound("3-5", "个") is None


def test_direction():
    assert infer_direction("19以下") == "decrease"
    assert infer_direction("比2020年下降18%") == "decrease"
    assert infer_direction("1200以上") == "increase"
    assert infer_direction("—") is None


def test_chinese_numerals():
    assert [chinese_to_int(s) for s in ["一", "十", "十二", "一百二十", "一千", "两", "一百零五"]] == \
        [1, 10, 12, 120, 1000, 2, 105]
    with pytest.raises(ValueError):
        chinese_to_int("千千")


@settings(max_examples=200, deadline=None)
@given(phrases(), st.sampled_from(COMPOUND_UNITS))
def test_rendered_target_parses_back(p, unit):
    text, op, value = p
    t = one(text, unit)
    assert (t.kind, t.op) == ("level", op)
    assert t.value == pytest.approx(value)


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value="0.01", max_value="1e6", places=2).map(float),
       st.sampled_from([("万", 1e4), ("亿", 1e8), ("千", 1e3), ("", 1.0)]),
       st.sampled_from(["元", "人", "人次"]))
def test_unit_conversion_round_trips(v, mag, base):
    prefix, size = mag
    t = one(f"{plain(v)}{prefix}{base}以上", base)
    assert t.value == pytest.approx(v * size)
    back = factor(base, f"{prefix}{base}") if prefix else 1.0
    assert t.value * back == pytest.approx(v)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_arbitrary_text_never_crashes(text):
    try:
        ts = parse_target(text, unit="个", year=2027, base_year=2022)
    except PhraseError as e:
        assert str(e)
        return
    assert ts and all(t.year == 2027 for t in ts)
