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
    assert r["rows"] is r.to_dict()["rows"] and json.loads(to_json(r)) == json.loads(to_json(r.to_dict()))
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
