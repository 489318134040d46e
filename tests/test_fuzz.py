"""Fuzz: mutated specs and scenarios through every command, in process (click's CliRunner).

Every run ends with exit 0/1 and finite numbers (no NaN/Infinity in JSON, no nan/inf in text), or
exit 2 with a located message (a file, an option or a field); never an escaped exception. CI runs a
derandomized profile with a bounded number of examples; ``SIM_FUZZ=long python -m pytest
tests/test_fuzz.py`` runs 25 times more (a few minutes)."""
from __future__ import annotations

import json
import os
import re

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.cli import main
from tests.strategies import mutated_scenarios, mutated_specs, specs, to_yaml
from tests.zh import english

LONG = os.environ.get("SIM_FUZZ") == "long"
FUZZ = settings(max_examples=600 if LONG else 60, deadline=None, derandomize=not LONG, database=None,
                suppress_health_check=list(HealthCheck))
NONFINITE_TEXT = re.compile(r"(?<![A-Za-z])-?(nan|inf|infinity)(?![A-Za-z])", re.IGNORECASE)


def _constant(name):
    raise AssertionError(f"JSON contains {name}")


def _finite(x):
    if isinstance(x, float):
        assert x == x and abs(x) != float("inf"), x
    elif isinstance(x, dict):
        for v in x.values():
            _finite(v)
    elif isinstance(x, list):
        for v in x:
            _finite(v)


def ok(r, fmt: str, files: list[str]):
    """The contract of a run: no escape; 0/1 with finite output; 2 with a located one-line cause."""
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code in (0, 1, 2), r.exit_code
    if r.exit_code == 2:
        err = r.stderr
        assert err.strip() and "Traceback" not in err
        if not err.startswith(("Usage:", "Error:")):      # ours, not click's: in Chinese (the default --lang)
            assert not english(err), (english(err), err)
        assert any(os.path.basename(f) in err for f in files) or re.search(r"--?\w|Error:|\w+\.\w+:|stdout", err), err
        return
    if fmt == "json":
        _finite(json.loads(r.stdout, parse_constant=_constant))
    else:
        assert not NONFINITE_TEXT.search(r.stdout), r.stdout


def run(args, files, fmt="table"):
    r = CliRunner().invoke(main, [str(a) for a in args] + (["--format", fmt] if fmt != "table" else []))
    ok(r, fmt, files)
    return r


COMMANDS = [  # (arguments after the spec, format); -s SCENARIO added where a scenario is given
    (["check"], "json"), (["check"], "table"), (["check", "--preset", "sdg-build"], "csv"),
    (["check", "--preset", "cn-midterm"], "json"), (["check", "--preset", "unsd"], "md"),
    (["project"], "json"), (["simulate", "--draws", "200", "--seed", "1"], "json"),
    (["solve", "--draws", "200", "--seed", "1"], "json"),
]


@FUZZ
@given(mutated_specs())
def test_mutated_specs_through_every_command(tmp_path_factory, data):
    d = tmp_path_factory.mktemp("fuzz")
    spec = d / "plan.yaml"
    spec.write_text(to_yaml(data), encoding="utf-8")
    r = run(["validate", spec], [str(spec)])
    run(["show", spec], [str(spec)], "json")
    if r.exit_code == 2:
        return
    for args, fmt in COMMANDS:
        run([args[0], spec, *args[1:]], [str(spec)], fmt)


@FUZZ
@given(specs(max_indicators=3).flatmap(lambda s: st.tuples(
    st.just(s), mutated_scenarios([i["id"] for i in s["indicators"]]))))
def test_mutated_scenarios_through_every_command(tmp_path_factory, pair):
    data, scen = pair
    d = tmp_path_factory.mktemp("fuzz")
    spec, sc = d / "plan.yaml", d / "s.yaml"
    spec.write_text(to_yaml(data), encoding="utf-8")
    sc.write_text(to_yaml(scen), encoding="utf-8")
    files = [str(spec), str(sc)]
    for args, fmt in COMMANDS:
        r = run([args[0], spec, "-s", sc, *args[1:]], files, fmt)
        if r.exit_code == 2 and "s.yaml" in r.stderr:
            return       # the scenario is refused where it is read: every command refuses it alike
    ident = data["indicators"][0]["id"]
    run(["sweep", spec, "-s", sc, "--indicator", ident, "--growth", "0.0:0.1:0.05"], files, "json")
    run(["verify", spec, "-s", sc, "--max-examples", "5", "--timeout", "2"], files, "json")
    run(["report", spec, "-s", sc, "-o", str(d / "r.html")], files, "table")
