"""The array path across plans gives the rows of the row-by-row path, key for key and in order."""
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.assess.derived import assess_with_relations
from sim.assess.vector import assess_many, covered
from sim.report.labels import to_json
from sim.scenario.load import default_scenario, load_scenario, loads_scenario
from sim.spec.load import load_spec, loads_spec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from gen_plans import plan_yaml


def same_rows(specs, scs):
    fast = assess_many(specs, scs)
    ref = [assess_with_relations(s, sc) for s, sc in zip(specs, scs)]
    for a, b in zip(fast, ref):
        assert a == b
        assert to_json(a) == to_json(b)   # keys in the same order, the same sentences
    return sum(covered(i, t, sc) for s, sc in zip(specs, scs) for i in s.indicators for t in i.targets)


def test_bundled_specs_and_scenarios():
    pairs = [(load_spec(p), None) for p in sorted((ROOT / "specs").glob("*.yaml"))]
    tunxi = load_spec(ROOT / "specs" / "tunxi-yrd-2027.yaml")
    huzhou = load_spec(ROOT / "specs" / "huzhou-14fyp.yaml")
    pairs += [(tunxi, load_scenario(p, tunxi)) for p in sorted((ROOT / "scenarios").glob("tunxi-*.yaml"))]
    pairs += [(huzhou, load_scenario(ROOT / "scenarios" / "huzhou-trend.yaml", huzhou))]
    same_rows([s for s, _ in pairs], [sc or default_scenario() for _, sc in pairs])


@pytest.mark.parametrize("years,k", [(6, 30), (2, 8), (3, 8), (9, 8), (12, 5)])
def test_generated_plans(years, k):
    rng = np.random.default_rng(years)
    specs = [loads_spec(plan_yaml(i, rng, k=k, years=years), f"p{i}.yaml") for i in range(25)]
    n = same_rows(specs, [default_scenario()] * len(specs))
    assert n >= 0.8 * sum(len(i.targets) for s in specs for i in s.indicators)


def test_generated_plans_with_baselines_growth_and_odd_values():
    rng = np.random.default_rng(7)
    texts = []
    for i in range(20):
        t = plan_yaml(i, rng, k=10, years=4)
        # a baseline in 2018 before the history, a keep-the-level target, a target already passed
        t = t.replace("    model: linear\n", "    model: linear\n    baseline: {year: 2018, value: 12.5}\n", 1)
        t = t.replace("target_year: 2027", "target_year: 2023" if i % 3 == 0 else "target_year: 2027")
        texts.append(t)
        texts[-1] = t.replace("    name: 地区生产总值\n", "    name: 地区生产总值\n    basis: nominal\n")
    specs = [loads_spec(t, f"q{i}.yaml") for i, t in enumerate(texts)]
    sc = loads_scenario("scenario: {id: s}\ndefaults: {growth: trend, deflator: 0.02}\n"
                        "assumptions: {gdp: {growth: 0.05}}\nshocks: [{year: 2026, indicators: [fai], growth: -0.1}]\n")
    from sim.scenario.many import for_plan
    same_rows(specs, [for_plan(sc, s) for s in specs])
    same_rows(specs, [default_scenario()] * len(specs))


EDGES = """plan: {id: edges, title: edges, base_year: 2022, target_year: 2026}
indicators:
  - {id: keep_up, name: a, unit: 个, history: {2020: 10, 2021: 11, 2022: 12}, target: 12以上}
  - {id: keep_down, name: b, unit: 个, history: {2020: 14, 2021: 13, 2022: 12}, target: 12以上}
  - {id: met_falls, name: c, unit: 个, history: {2020: 30, 2021: 25, 2022: 21}, target: 20以上}
  - {id: approx_over, name: d, unit: 个, history: {2020: 10, 2021: 12, 2022: 14}, target: 15左右}
  - {id: neg, name: e, unit: 个, model: linear, history: {2020: -3, 2021: -1, 2022: 0}, target: 4}
  - {id: zero_target, name: f, unit: 个, model: linear, history: {2020: 3, 2021: 2, 2022: 2.5}, target: 0}
  - {id: decr, name: g, unit: 吨, direction: decrease, history: {2019: 9, 2020: 8.5, 2022: 8}, target: 6以下}
  - {id: exact, name: h, unit: '%', history: {2020: 1, 2021: 2, 2022: 3}, target: 7, attribute: binding}
  - {id: based, name: i, unit: 亿元, basis: nominal, baseline: {year: 2019, value: 50},
     history: {2021: 60, 2022: 66}, targets: [{year: 2024, target: 80}, {year: 2026, target: 突破100}]}
  - {id: growth, name: j, unit: '%', growth_history: {2021: 5, 2022: 6}, target: 增长6%}
  - {id: wild, name: k, unit: 个, history: {2020: 1e-300, 2021: 1e-150, 2022: 0.1}, target: 5}
"""


def test_edge_cases_by_hand():
    spec = loads_spec(EDGES, "edges.yaml")
    statuses = {r["indicator"]: r["status"] for r in assess_many([spec], [default_scenario()])[0]}
    assert statuses["keep_up"] == "on_track" and statuses["keep_down"] == "at_risk"
    assert statuses["met_falls"] == "at_risk" and statuses["approx_over"] == "on_track"
    assert statuses["wild"] == "not_assessable"
    same_rows([spec], [default_scenario()])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([">=", ">", "<=", "<", "==", "~"]),
                          st.floats(-1e6, 1e6, allow_nan=False), st.one_of(st.none(), st.floats(0, 100)),
                          st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.just(0.0))),
                min_size=1, max_size=20))
def test_meets_as_arrays_is_target_meets(items):
    """The array test of vector_rows.meets is Target.meets, target by target (edges: x on the
    target within EPS, NaN and inf, the tolerance of ~)."""
    from sim.assess.vector_rows import meets
    from sim.spec.targets import Target
    targets = [Target(year=2025, op=op, value=v, tolerance=tol if op == "~" else None, kind="level", text="t")
               for op, v, tol, _ in items]
    xs = [x if k % 3 else v * (1 + 1e-10) for k, (_, v, _, x) in enumerate(items)]
    got = meets(np.array(xs, dtype=float), targets).tolist()
    assert got == [bool(t.meets(x)) for t, x in zip(targets, xs)]


GROWTH_PLAN = """plan: {{id: g{i}, title: g, base_year: 2023, target_year: {T}}}
indicators:
  - id: gdp_growth
    name: 地区生产总值增长
    unit: "%"
    growth_history: {{{gh}}}
    target: "{phrase}"
  - id: other
    name: 出口增长
    unit: "%"
    growth_history: {{{gh}}}
    targets: [{{year: {T}, target: "{phrase}"}}, {{year: 2024, target: "增长5%"}}]
"""


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.lists(st.decimals("-9.99", "19.99", places=2), min_size=1, max_size=6),
                          st.sampled_from(["增长{v}%", "增长{v}%左右", "增长{v}%以上", "增长{v}%以下", "下降{v}%"]),
                          st.decimals("0", "15", places=1), st.integers(2025, 2030)),
                min_size=1, max_size=6))
def test_growth_targets_as_arrays_are_the_row_path(plans):
    """Growth-rate targets with published rates only (the array path of vector_growth) give the
    rows of the row path; a target of a published year stays on the row path."""
    from sim.assess.vector_growth import growth_covered
    specs = []
    for i, (gh, phrase, v, T) in enumerate(plans):
        hist = ", ".join(f"{2024 - len(gh) + 1 + k}: {x}" for k, x in enumerate(gh))
        specs.append(loads_spec(GROWTH_PLAN.format(i=i, T=T, gh=hist, phrase=phrase.format(v=v)), f"g{i}.yaml"))
    sc = default_scenario()
    same_rows(specs, [sc] * len(specs))
    assert sum(growth_covered(i, t, sc) for s in specs for i in s.indicators for t in i.targets) == 2 * len(specs)
