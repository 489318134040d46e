"""Hypothesis strategies that build valid plan specs (as plain data) by construction."""
from __future__ import annotations

import yaml
from hypothesis import strategies as st

from sim.spec.phrases import plain

# (phrase suffix or prefix, op); {v} is the number as written.
OP_FORMS = [("{v}以上", ">="), ("不少于{v}", ">="), ("不低于{v}", ">="), ("达到{v}", ">="),
            ("{v}以下", "<="), ("{v}以内", "<="), ("不超过{v}", "<="), ("控制在{v}以内", "<="),
            ("超过{v}", ">"), ("突破{v}", ">"), ("高于{v}", ">"), ("低于{v}", "<"), ("{v}左右", "~")]
COMPOUND_UNITS = ["亿元", "万元", "人", "家", "个", "万人次", "件"]
LINEAR_UNITS = ["%"]

slugs = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
years = st.integers(2000, 2040)
# Values with at most 4 decimals, as plans write them.
values = st.decimals(min_value="0.01", max_value="99999", places=2).map(float)
shares = st.decimals(min_value="0.1", max_value="99.9", places=1).map(float)


@st.composite
def phrases(draw, value=None):
    """(phrase, op, value): a level target phrase and what it means."""
    v = draw(values) if value is None else value
    form, op = draw(st.sampled_from(OP_FORMS))
    return form.format(v=plain(v)), op, v


@st.composite
def indicators(draw, ident: str, base_year: int, target_year: int):
    """A valid indicator: positive baseline, optional history, a target number or phrase."""
    linear = draw(st.booleans())
    unit = draw(st.sampled_from(LINEAR_UNITS if linear else COMPOUND_UNITS))
    base = draw(shares if linear else values)
    tval = draw(shares if linear else values)
    target = draw(st.one_of(st.just(tval), phrases(value=tval).map(lambda p: p[0])))
    ind = {"id": ident, "name": ("比重" if linear else "总量") + ident, "unit": unit,
           "baseline": base, "target": target}
    n_hist = draw(st.integers(0, 4))
    if n_hist:
        hist = draw(st.lists(shares if linear else values, min_size=n_hist, max_size=n_hist))
        ind["history"] = {base_year - n_hist + k: v for k, v in enumerate(hist)}
    return ind


@st.composite
def specs(draw, max_indicators: int = 6):
    """A valid spec as plain data: a plan and 1..max_indicators indicators with unique ids."""
    base_year = draw(st.integers(2015, 2030))
    target_year = base_year + draw(st.integers(1, 10))
    ids = draw(st.lists(slugs, min_size=1, max_size=max_indicators, unique=True))
    inds = [draw(indicators(i, base_year, target_year)) for i in ids]
    return {"plan": {"id": "generated", "title": "生成的规划", "base_year": base_year,
                     "target_year": target_year}, "indicators": inds}


def to_yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# Hostile but plausible input (issue 10): extreme floats, empty containers, wrong types, unicode.
extreme_floats = st.sampled_from([0.0, -0.0, 1e-300, 5e-324, 1e300, -1e300, 1.8e308, 1e15, -1e15, 1e16,
                                  -1.0, -0.999999, 1e-9, 123456789.123, 2 ** 63, -(2 ** 63)])
plan_texts = st.sampled_from(["１２００以上", "〔13.5〕", "〔1〕", "〔>5500〕", "≥95", "≤2.45", "＞6.5", "<5.5",
                              "比2020年累计下降13.5%", "较2020年累计下降18%", "累计下降13.5%", "与经济增长基本同步",
                              "高于地区生产总值增长", "保持在合理区间", "—", "/", "无", "", "abc", "1" * 400,
                              "增长" + "9" * 30 + "%", "\u202e42", "😀100以上", "一千亿", "**%", "年均增长7%以上"])
hostile = st.one_of(extreme_floats, st.floats(allow_nan=True, allow_infinity=True), plan_texts,
                    st.sampled_from([{}, [], "", None, True, [1, 2], {"a": 1}, {2021: 1e300, 2022: 1e-300},
                                     {2021: "abc"}, {1900: 1.0}, {2021: 100.0, 2022: 0.0}]),
                    st.text(max_size=8))
SPEC_FIELDS = ["baseline", "target", "history", "growth_history", "unit", "name", "targets", "direction",
               "model", "basis", "breaks"]


@st.composite
def mutated_specs(draw):
    """A valid spec (plain data) with 1-3 fields of its indicators set to hostile values."""
    data = draw(specs(max_indicators=3))
    for _ in range(draw(st.integers(1, 3))):
        ind = draw(st.sampled_from(data["indicators"]))
        ind[draw(st.sampled_from(SPEC_FIELDS))] = draw(hostile)
    return data


dists = st.one_of(
    st.fixed_dictionaries({"dist": st.just("normal"), "mean": extreme_floats | st.floats(-0.5, 0.5),
                           "sd": extreme_floats | st.floats(0, 0.5)}),
    st.fixed_dictionaries({"dist": st.just("uniform"), "low": st.floats(-2, 2), "high": st.floats(-2, 2)}),
    st.fixed_dictionaries({"dist": st.just("triangular"), "low": st.floats(-2, 2), "mode": st.floats(-2, 2),
                           "high": st.floats(-2, 2)}),
    st.fixed_dictionaries({"dist": st.just("lognormal"), "mu": st.floats(-3, 3), "sigma": extreme_floats}))


@st.composite
def mutated_scenarios(draw, ids: list[str]):
    """A scenario (plain data) for ``ids`` with hostile paces, distributions, shocks and deflators."""
    pace = st.one_of(extreme_floats, st.floats(-0.5, 0.5), dists, hostile,
                     st.dictionaries(st.integers(2015, 2045), extreme_floats, max_size=3))
    field = st.sampled_from(["growth", "real_growth", "change", "baseline", "deflator"])
    assumptions = {i: {draw(field): draw(pace)} for i in draw(st.lists(st.sampled_from(ids), max_size=2,
                                                                        unique=True))}
    out = {"scenario": {"id": "fuzz"}, "defaults": {"growth": draw(st.sampled_from(["trend", 0.05, "none"]))},
           "assumptions": assumptions}
    if draw(st.booleans()):
        out["shocks"] = [{"year": draw(st.integers(2015, 2045)), "growth": draw(extreme_floats | st.floats(-2, 1)),
                          "probability": draw(st.floats(-1, 2))}]
    return out
