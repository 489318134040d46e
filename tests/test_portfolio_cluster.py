"""Monte Carlo over a portfolio: one stream per plan and chunk, so a Dask cluster (here a
LocalCluster of 2 worker processes) gives the numbers of a run without one."""
import json

import pytest

from tests.test_portfolio import SPECS, run

SCENARIO = """scenario: {id: uncertain}
defaults:
  growth: {dist: normal, mean: 0.05, sd: 0.04}    # every indicator of every plan without its own
assumptions:
  rd: {change: {dist: triangular, low: -0.1, mode: 0.1, high: 0.3}}
"""
DRAWS = "70000"          # three chunks of 32,768 draws


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "plans"
    d.mkdir()
    for k, text in SPECS.items():
        (d / f"{k}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "s.yaml").write_text(SCENARIO, encoding="utf-8")
    return d


def probabilities(*args):
    r = run("simulate", *args, "--draws", DRAWS, "--seed", "11", "--method", "monte-carlo", "--format", "json")
    assert r.exit_code == 0, r.stderr
    return {(x["plan"], x["indicator"]): (x["probability"], x["p10"], x["p90"]) for x in json.loads(r.stdout)["rows"]}


def test_defaults_distribution_reaches_every_plan(folder):
    p = probabilities(folder, "-s", folder.parent / "s.yaml")
    assert 0.1 < p[("plan-a", "rd")][0] < 0.4            # its own triangular change
    for key in (("plan-a", "gdp"), ("plan-b", "pm25")):   # the defaults' normal growth, 4 points sd
        p10, p90 = p[key][1:]
        assert 1.05 < p90 / p10 < 1.3


def test_a_plan_draws_the_same_alone_or_in_a_folder(folder):
    together = probabilities(folder, "-s", folder.parent / "s.yaml")
    alone = probabilities(folder / "b.yaml", folder / "c.yaml", "-s", folder.parent / "s.yaml")
    assert {k: v for k, v in together.items() if k[0] != "plan-a"} == alone


def test_local_cluster_gives_the_numbers_of_no_cluster(folder):
    pytest.importorskip("dask.distributed")
    sc = folder.parent / "s.yaml"
    assert probabilities(folder, "-s", sc, "--cluster", "local:2") == probabilities(folder, "-s", sc)


def test_cluster_threads_on_one_plan(folder):
    pytest.importorskip("dask.distributed")
    sc = folder.parent / "s.yaml"
    one = folder / "b.yaml"
    args = ("simulate", one, "-s", sc, "--draws", DRAWS, "--seed", "5", "--method", "monte-carlo", "--format", "json")
    a, b = run(*args), run(*args, "--cluster", "local:2:threads")
    assert json.loads(a.stdout)["rows"] == json.loads(b.stdout)["rows"]


def test_without_dask_cluster_says_how_to_install(folder, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "dask.distributed", None)
    r = run("simulate", folder, "--cluster", "local:2")
    assert r.exit_code == 2 and "pip install -e '.[cluster]'" in r.stderr
    assert run("simulate", folder, "--cluster", "nowhere").exit_code == 2


def test_defaults_distribution_on_the_what_if_page(folder):
    from sim.scenario.load import load_scenario
    from sim.serve.page import pace_field
    from sim.spec.load import load_spec
    spec = load_spec(folder / "a.yaml")
    sc = load_scenario(folder.parent / "s.yaml", spec)
    gdp = pace_field(spec.indicator("gdp"), sc, "en")   # the defaults' normal: its mean, a number replaces it
    assert (gdp.key, gdp.mode, gdp.value) == ("gdp.growth", "assume", 0.05)
    assert pace_field(spec.indicator("rd"), sc, "en").mode == "center"   # its own triangular


def test_a_plan_the_scenario_cannot_simulate_is_reported_and_the_others_run(folder):
    sc = folder.parent / "f.yaml"
    sc.write_text("scenario: {id: f}\ndefaults: {growth: {dist: normal, mean: 0.05, sd: 0.04}}\n"
                  "factors: [{id: cyc, of: gdp, sd: null, loadings: {rd: 0.5}}]\n", encoding="utf-8")
    r = run("simulate", folder, "-s", sc, "--draws", "1000", "--seed", "1", "--format", "json",
            "--lang", "en")
    assert r.exit_code == 2 and "b.yaml: under" in r.stderr and "'gdp'" in r.stderr
    d = json.loads(r.stdout)
    assert {x["plan"] for x in d["rows"]} == {"plan-a"} and d["portfolio"]["failed"] == 2


@pytest.mark.parametrize("address,words", [("local:99999", "more local workers"), ("tls://127.0.0.1:1", "cannot read"),
                                           ("tcp://[::1", "cannot use the Dask scheduler")])
def test_cluster_addresses_that_cannot_work_are_refused(folder, address, words):
    pytest.importorskip("dask.distributed")
    r = run("simulate", folder, "-s", folder.parent / "s.yaml", "--draws", DRAWS, "--cluster", address, "--lang", "en")
    assert r.exit_code == 2 and words in r.stderr
