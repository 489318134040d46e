"""Arbitrary YAML-shaped input never escapes as anything but a located SimError."""
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.errors import SimError
from sim.report.check import check_report
from sim.scenario.load import loads_scenario
from sim.spec.load import loads_spec
from tests.strategies import specs, to_yaml

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=12), st.sampled_from(["1200以上", "—", "**%", "在地91家属地51家", "增长8.5%左右",
                                                          "比2020年下降18%", "2024", "normal", "trend"]))
keys = st.sampled_from(["plan", "indicators", "id", "name", "unit", "baseline", "target", "targets", "year",
                        "value", "op", "history", "growth", "dist", "mean", "sd", "parts", "breaks", "factor",
                        "relations", "expr", "references", "values", "scenario", "assumptions", "shocks",
                        "defaults", "deflator", "change", "real_growth", "correlation", "matrix", 2021, 2022])
trees = st.recursive(scalars, lambda ch: st.one_of(st.lists(ch, max_size=4), st.dictionaries(keys, ch, max_size=5)),
                     max_leaves=25)


def _mutate(data, path, value):
    node = data
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value


@settings(max_examples=150, deadline=None)
@given(trees)
def test_spec_loader_never_raises_anything_else(tree):
    try:
        loads_spec(yaml.safe_dump(tree, allow_unicode=True), "x.yaml")
    except SimError as e:
        assert str(e)


@settings(max_examples=100, deadline=None)
@given(specs(max_indicators=3), st.sampled_from(["baseline", "target", "unit", "history", "name", "id"]), scalars)
def test_mutated_valid_spec_never_raises_anything_else(data, field, value):
    _mutate(data, ("indicators", 0, field), value)
    try:
        spec = loads_spec(to_yaml(data), "x.yaml")
    except SimError as e:
        assert e.errors if hasattr(e, "errors") else str(e)
        return
    check_report(spec, loads_scenario("scenario: {id: s}\n", spec=spec))


@settings(max_examples=120, deadline=None)
@given(specs(max_indicators=2), trees)
def test_scenario_loader_never_raises_anything_else(data, tree):
    spec = loads_spec(to_yaml(data))
    doc = {"scenario": {"id": "s"}, "assumptions": {data["indicators"][0]["id"]: tree}}
    try:
        sc = loads_scenario(yaml.safe_dump(doc, allow_unicode=True), "s.yaml", spec=spec)
    except SimError as e:
        assert str(e)
        return
    check_report(spec, sc)
