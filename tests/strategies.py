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
