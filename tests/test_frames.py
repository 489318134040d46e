"""Results are immutable mappings whose to_dict() is the JSON contract and to_frame() a DataFrame."""
import copy
import json
import pickle
from pathlib import Path

import pytest

import sim
from sim.assess.backtest import backtest
from sim.assess.diff import diff_reports
from sim.meta import Result
from sim.report.labels import to_json

ROOT = Path(__file__).resolve().parent.parent
TUNXI = ROOT / "specs" / "tunxi-yrd-2027.yaml"
UNCERTAIN = ROOT / "scenarios" / "tunxi-uncertain.yaml"


@pytest.fixture(scope="module")
def plan():
    spec = sim.load_spec(TUNXI)
    return spec, sim.load_scenario(UNCERTAIN, spec)


def test_check_result_reads_like_todays_dict_and_frames_its_rows(plan):
    spec, sc = plan
    r = sim.check_report(spec, sc)
    plain = r.to_dict()
    assert plain == r and type(plain["rows"]) is list and type(plain["rows"][0]["explain"]) is dict
    assert json.loads(to_json(r)) == json.loads(to_json(plain)) and to_json(r) == to_json(plain)
    df = r.to_frame()
    assert len(df) == len(r["rows"]) and {"indicator", "target_year", "status", "latest_vintage"} <= set(df.columns)
    assert "explain" not in df.columns
    assert list(df.status) == [x["status"] for x in r["rows"]]


def test_results_are_immutable_and_survive_pickle_and_copy(plan):
    spec, sc = plan
    r = sim.check_report(spec, sc)
    for change in (lambda: r.__setitem__("rows", []), lambda: r.update(a=1), lambda: r.pop("rows"),
                   lambda: r.setdefault("x", 1), lambda: r.clear()):
        with pytest.raises(TypeError):
            change()
    plain = Result({"rows": [{"indicator": "x"}]}, "check")   # (sim.meta.Msg itself does not pickle)
    assert pickle.loads(pickle.dumps(plain)) == plain and pickle.loads(pickle.dumps(plain)).kind == "check"
    assert copy.copy(r).kind == "check" and (r | {"extra": 1})["extra"] == 1


def test_project_frame_has_one_row_per_indicator_and_year(plan):
    spec, sc = plan
    r = sim.project_report(spec, sc)
    df = r.to_frame()
    gdp = df[df.indicator == "gdp"]
    assert list(gdp[gdp.kind == "actual"].year) == [2021] and gdp[gdp.kind == "projected"].year.max() == 2027
    assert len(df) == sum(len(i["actuals"]) + len(i["path"]) for i in r["indicators"])


def test_simulate_frame_has_percentiles_and_the_fan(plan):
    spec, sc = plan
    r = sim.simulate_report(spec, sc, draws=500, seed=1)
    df = r.to_frame()
    assert {"probability", "p10", "p50", "p90"} <= set(df.columns) and len(df) == len(r["rows"])
    fan = r.to_frame("fan")
    assert {"indicator", "year", "p10", "p50", "p90"} <= set(fan.columns)
    assert (fan.p10 <= fan.p90).all()


def test_compare_backtest_and_diff_frames(plan, tmp_path):
    spec, sc = plan
    c = sim.compare_report(spec, [sc, sim.default_scenario()], draws=200, seed=1)
    assert set(c.to_frame().scenario) == {s["key"] for s in c["scenarios"]}
    from tests.test_backtest import SYNTHETIC
    p = tmp_path / "bt.yaml"
    p.write_text(SYNTHETIC, encoding="utf-8")
    b = backtest(sim.load_spec(p), sim.default_scenario(), draws=0)
    assert list(b.to_frame().columns[:6]) == ["indicator", "name", "text", "target_year", "as_of", "status"]
    assert len(b.to_frame()) == len(b["rows"]) == 13
    d = diff_reports(sim.check_report(spec, sc), sim.check_report(spec, sim.default_scenario()))
    assert len(d.to_frame()) == d["summary"]["changed"] > 0 and "scenario" in d["rows"][0]["reasons"]


def _mutations(r):
    """Ways a caller could try to change a result's records in place."""
    row = r["rows"][0]
    return [lambda: row.__setitem__("status", "x"), lambda: row.update(status="x"), lambda: row.pop("status"),
            lambda: row["explain"].__setitem__("branch", "x"), lambda: row["explain"]["inputs"].clear(),
            lambda: row["explain"]["notes"].append("x"), lambda: row["assumed"].extend(["x"]),
            lambda: r["rows"].append({}), lambda: r["rows"].__setitem__(0, {}), lambda: r["rows"].sort(),
            lambda: r["rows"].__delitem__(0), lambda: r["summary"]["by_status"].__setitem__("on_track", 0)]


def test_records_inside_results_are_immutable_and_to_dict_is_a_plain_copy(plan):
    spec, sc = plan
    r = sim.check_report(spec, sc)
    before = to_json(r)
    for change in _mutations(r):
        with pytest.raises(TypeError, match="immutable"):
            change()
    assert to_json(r) == before
    plain = r.to_dict()
    plain["rows"][0]["status"] = "x"
    plain["rows"][0]["explain"]["notes"].append("x")
    assert r["rows"][0]["status"] != "x" and "x" not in r["rows"][0]["explain"]["notes"]
    assert Result(r.to_dict(), "check") == r and to_json(Result(r.to_dict(), "check")) == before
    again = pickle.loads(pickle.dumps(r))
    assert again == r and to_json(again) == before and again.kind == "check"
    with pytest.raises(TypeError):
        again["rows"][0]["status"] = "x"
    deep = copy.deepcopy(r)
    assert deep == r and type(deep["rows"][0]) is type(r["rows"][0])


@pytest.mark.parametrize("make", [
    lambda s, sc: sim.solve_report(s, sc), lambda s, sc: sim.sweep_report(s, sc, "gdp", growth_values=[5.0, 6.0]),
    lambda s, sc: sim.simulate_report(s, sc, draws=200, seed=1), lambda s, sc: sim.project_report(s, sc),
    lambda s, sc: sim.verify(s, sc, max_examples=20, seed=1, timeout=30)])
def test_every_result_is_frozen_through(plan, make):
    spec, sc = plan
    r = make(spec, sc)
    assert isinstance(r, Result)
    table = next(v for v in r.values() if isinstance(v, list) and v and isinstance(v[0], dict))
    with pytest.raises(TypeError):
        table[0][next(iter(table[0]))] = None
    with pytest.raises(TypeError):
        table.append({})
    assert json.loads(to_json(r.to_dict())) == json.loads(to_json(r))
    assert len(r.to_frame()) >= 1
