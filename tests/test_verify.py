"""`sim verify`: counterexamples found and shrunk on a plan built to have them, none on one without."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sim.assess import verify as V
from sim.cli import main
from sim.cli.verify import PROPERTIES
from sim.report.labels import localize
from sim.scenario.load import load_scenario, loads_scenario
from sim.spec.load import load_spec
from tests.conftest import no_escape

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "consistency"

LONG = 600.0   # seconds: searches that must run to the end are not cut short on a loaded machine


def plan(name):
    spec = load_spec(FIX / f"verify-{name}.yaml")
    return spec, load_scenario(FIX / f"verify-{name}-ranges.yaml", spec)


def results(report):
    """The properties by name, their notes and messages in English (as the JSON has them)."""
    return {p["property"]: p for p in localize(report, "en")["properties"]}


def test_finds_and_shrinks_a_counterexample_to_each_property():
    spec, sc = plan("broken")
    res = results(V.verify(spec, sc, max_examples=100, seed=1, timeout=LONG))
    assert all(p["status"] == "broken" for p in res.values())
    ce = res["components_imply_derived"]["counterexample"]
    a, b = ce["assumptions"]["part_a.growth"], ce["assumptions"]["part_b.growth"]
    (item,) = ce["broken"]
    total = 50 * (1 + a) ** 5 + 30 * (1 + b) ** 5
    assert 50 * (1 + a) ** 5 >= 60 and 30 * (1 + b) ** 5 >= 40 and total < 110   # a real counterexample
    assert item["value"] == pytest.approx(total) and item["by"] == pytest.approx(110 - total)
    assert ce["relevant"] == ["part_a.growth", "part_b.growth"]
    (share,) = res["shares_in_bounds"]["counterexample"]["broken"]
    assert share["indicator"] == "share_x" and share["value"] > 100
    assert share["by"] == pytest.approx(share["value"] - 100)
    (binding,) = res["binding_targets_hold"]["counterexample"]["broken"]
    g = res["binding_targets_hold"]["counterexample"]["assumptions"]["c_binding.growth"]
    assert binding["value"] == pytest.approx(80 * (1 + g) ** 5) and binding["value"] < 100


def test_shrinking_gives_a_simpler_example_than_the_first_found():
    spec, sc = plan("broken")
    p = results(V.verify(spec, sc, max_examples=100, seed=3, timeout=LONG, properties=("shares_in_bounds",)))["shares_in_bounds"]
    change = p["counterexample"]["assumptions"]["share_x.change"]
    assert change == int(change)              # shrunk to a whole number of points per year
    assert p["tried"] >= p["found_after"] >= 1


def test_reports_none_on_a_plan_built_without_counterexamples():
    spec, sc = plan("ok")
    res = results(V.verify(spec, sc, max_examples=50, seed=0, timeout=LONG))
    for p in res.values():
        assert p["status"] == "holds" and p["counterexample"] is None
        assert p["tried"] == 50 and not p["timed_out"]


def test_deterministic_for_a_seed():
    spec, sc = plan("broken")
    runs = [V.verify(spec, sc, max_examples=60, seed=7, timeout=LONG).to_dict() for _ in range(2)]
    for r in runs:
        del r["provenance"]["time"]
    assert runs[0] == runs[1]


def test_time_budget_stops_the_search():
    spec, sc = plan("ok")
    p = V.verify(spec, sc, max_examples=100_000, seed=0, timeout=0.3, properties=("binding_targets_hold",))
    (res,) = p["properties"]
    assert res["timed_out"] and res["status"] == "undecided" and 0 < res["tried"] < 100_000


def test_without_ranges_the_plan_is_checked_once():
    spec, _ = plan("broken")
    sc = loads_scenario("scenario: {id: fixed}\ndefaults: {growth: 0.01}\n"
                        "assumptions:\n  share_x: {change: 0.5, note: n}\n", spec=spec)
    res = results(V.verify(spec, sc, timeout=LONG))
    assert res["binding_targets_hold"]["status"] == "broken" and res["binding_targets_hold"]["tried"] == 1
    assert res["shares_in_bounds"]["status"] == "holds"


def test_not_checked_properties_say_why():
    spec = load_spec(ROOT / "specs" / "tunxi-yrd-2027.yaml")
    sc = load_scenario(ROOT / "scenarios" / "tunxi-ranges.yaml", spec)
    res = results(V.verify(spec, sc, max_examples=40, timeout=LONG))
    assert res["binding_targets_hold"]["status"] == "not_checked"
    assert res["binding_targets_hold"]["notes"] == ["no binding (约束性) indicator with a level target"]
    cid = res["components_imply_derived"]
    assert cid["subjects"] == ["mfg_share 2027", "rd_intensity 2027"]
    assert any("pc_ratio_yrd" in n for n in cid["notes"])
    assert cid["status"] == "broken"            # meeting GDP 425 does not give the 21% share


def test_cli_verify_formats_and_exit_codes():
    r = CliRunner().invoke(main, ["verify", str(FIX / "verify-broken.yaml"), "-s",
                                  str(FIX / "verify-broken-ranges.yaml"), "--format", "json",
                                  "--max-examples", "50", "--fail-on", "broken"])
    assert r.exit_code == 1, r.output
    d = json.loads(r.stdout)
    assert d["schema_version"] == 1 and d["provenance"]["seed"] == 0
    assert [p["property"] for p in d["properties"]] == list(V.PROPERTIES) == PROPERTIES
    r = CliRunner().invoke(main, ["verify", str(FIX / "verify-ok.yaml"), "-s",
                                  str(FIX / "verify-ok-ranges.yaml"), "--max-examples", "20",
                                  "--fail-on", "broken", "--lang", "en"])
    assert r.exit_code == 0 and "holds" in r.stdout and "verify:" in r.stderr
    r = CliRunner().invoke(main, ["verify", str(FIX / "verify-ok.yaml"), "-s",
                                  str(FIX / "verify-ok-ranges.yaml"), "--max-examples", "20"])
    assert r.exit_code == 0 and "验证 " in r.stderr and "成立" in r.stderr and "verify:" not in r.stderr
    r = CliRunner().invoke(main, ["verify", str(FIX / "missing.yaml")])
    assert no_escape(r).exit_code == 2


def test_cli_does_not_import_hypothesis():
    code = "import sys, sim.cli; assert 'hypothesis' not in sys.modules and 'sim.assess.verify' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
