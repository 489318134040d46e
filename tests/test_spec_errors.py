"""Malformed specs: each gives a located error (file:line, indicator, field) and exit code 2."""
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from sim.cli import main
from sim.errors import SimError, SpecErrors
from sim.spec.load import loads_spec
from tests.conftest import no_escape

HEAD = "plan: {id: p, title: T, base_year: 2022, target_year: 2027}\nindicators:\n"


def ind(body: str) -> str:
    return HEAD + textwrap.indent(textwrap.dedent(body).strip(), "  ") + "\n"


GOOD = "- id: a\n  name: 研发投入\n  unit: 亿元\n  baseline: 10\n  target: 20\n"

CASES = [  # (name, yaml, line, indicator, field, fragment of the message)
    ("yaml syntax", HEAD + "  - id: a\n    name: [x\n", 5, None, None, "YAML syntax"),
    ("unknown key", ind(GOOD + "  colour: red"), 8, "a", "colour", "unknown key 'colour'"),
    ("unknown top key", "extra: 1\n" + HEAD + "  " + GOOD.replace("\n", "\n  "), 1, None, "extra",
     "unknown key"),
    ("wrong type baseline", ind(GOOD.replace("baseline: 10", "baseline: [1, 2]")), 6, "a", "baseline",
     "wrong type"),
    ("bool baseline", ind(GOOD.replace("baseline: 10", "baseline: true")), 6, "a", "baseline",
     "wrong type"),
    ("missing name", ind("- id: a\n  unit: 亿元\n  baseline: 1"), 3, "a", "name", "'name' is required"),
    ("bad id", ind(GOOD.replace("id: a", "id: Bad-Id")), 3, "Bad-Id", "id", "does not match the pattern"),
    ("duplicate id", ind(GOOD + GOOD), 8, "a", "id", "duplicate id 'a'"),
    ("plan years reversed", HEAD.replace("target_year: 2027", "target_year: 2020") + "  " +
     GOOD.replace("\n", "\n  "), 1, None, "plan.target_year", "before base_year"),
    ("target before baseline", ind(GOOD.replace("target: 20", "targets: [{year: 2021, target: 20}]")),
     7, "a", "targets.0", "not after the baseline year"),
    ("share over 100", ind("- id: s\n  name: 制造业增加值占GDP比重\n  unit: '%'\n  baseline: 120\n  target: 21"),
     6, "s", "baseline", "outside 0-100"),
    ("negative share target", ind("- id: s\n  name: 城镇化率\n  unit: '%'\n  baseline: 90\n  target: -5"),
     7, "s", "target", "outside 0-100"),
    ("non-positive compound", ind(GOOD.replace("baseline: 10", "baseline: 0")), 6, "a", "baseline",
     "needs positive values"),
    ("negative history compound", ind(GOOD + "  history: {2020: -3}"), 8, "a", "history.2020",
     "needs positive values"),
    ("unparseable phrase", ind(GOOD.replace("target: 20", "target: 很多很多20倍吧")), 7, "a", "target",
     "很多很多20倍吧"),
    ("unit not convertible", ind(GOOD.replace("target: 20", "target: 20家")), 7, "a", "target",
     "cannot be converted"),
    ("contradictory ops", ind(GOOD.replace("target: 20", "target: 超过20以下")), 7, "a", "target",
     "contradictory"),
    ("target and targets", ind(GOOD + "  targets: [{year: 2025, target: 5}]"), 8, "a", "targets",
     "both `target` and `targets`"),
    ("milestone without year", ind(GOOD.replace("target: 20", "targets: [{target: 5}]")), 7, "a",
     "targets.0.year", "needs a year"),
    ("bad year key", ind(GOOD + "  history: {twenty: 3}"), 8, "a", "history.twenty", "whole number"),
    ("unknown reference", ind(GOOD + "  reference: nowhere"), 8, "a", "reference", "unknown reference"),
    ("bad direction", ind(GOOD + "  direction: sideways"), 8, "a", "direction", "increase"),
    ("compound labels differ", ind("- id: h\n  name: 企业\n  unit: 家\n  baseline: 在地91家属地51家\n"
                                   "  target: 在地170家外地90家"), 7, "h", "target", "labels"),
    ("parts on a plain cell", ind(GOOD + "  parts: {在地: x}"), 6, "a", "baseline",
     "not a compound cell"),
    ("relation unknown id", HEAD + "  " + GOOD.replace("\n", "\n  ") +
     "\nrelations:\n  - {id: r, expr: 'a = b / 2'}\n", 10, None, "relations.0.expr", "'b'"),
    ("relation not an equation", HEAD + "  " + GOOD.replace("\n", "\n  ") +
     "\nrelations:\n  - {id: r, expr: 'a + 2'}\n", 10, None, "relations.0.expr", "one equation"),
    ("empty indicators", "plan: {id: p, title: T, base_year: 2022, target_year: 2027}\nindicators: []\n",
     2, None, "indicators", "non-empty"),
    ("yaml boolean id", ind(GOOD.replace("id: a", "id: no")), 3, "False", "id", "put it in quotes"),
    ("yaml boolean key", "scenario: 1\n" + HEAD.replace("plan:", "on: 1\nplan:") + "  " +
     GOOD.replace("\n", "\n  "), 2, None, None, "read by YAML as True"),
    ("plan not a mapping", "plan: 3\nindicators: []\n", 1, None, "plan", "mapping"),
    ("negative tolerance", ind(GOOD.replace("target: 20", "targets: [{year: 2025, target: 20左右, "
                                                          "tolerance: -1}]")), 7, "a",
     "targets.0.tolerance", "must be at least 0"),
    ("range reversed", ind(GOOD.replace("target: 20", "targets: [{year: 2025, low: 5, high: 1}]")),
     7, "a", "targets.0", "low"),
]


@pytest.mark.parametrize("name,text,line,indicator,field,fragment", CASES, ids=[c[0] for c in CASES])
def test_located_error(name, text, line, indicator, field, fragment):
    with pytest.raises(SimError) as e:
        loads_spec(text, "x.yaml")
    errs = getattr(e.value, "errors", [e.value])
    match = [x for x in errs if fragment in str(x)]
    assert match, f"no error containing {fragment!r} in: {[str(x) for x in errs]}"
    err = match[0]
    assert (err.file, err.line, err.indicator, err.field) == ("x.yaml", line, indicator, field)
    assert str(err).startswith(f"x.yaml:{line}: ")


def test_at_least_twenty_kinds():
    assert len(CASES) >= 20


@pytest.mark.parametrize("name,text", [(c[0], c[1]) for c in CASES[:8]], ids=[c[0] for c in CASES[:8]])
def test_cli_exit_2_without_traceback(tmp_path, name, text):
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["validate", str(p)])
    assert r.exit_code == 2
    no_escape(r)
    assert f"{p}:" in r.stderr


def test_all_errors_of_a_file_at_once():
    text = ind(GOOD.replace("target: 20", "target: 20家") + "  colour: red\n" +
               GOOD.replace("id: a", "id: b").replace("baseline: 10", "baseline: -1"))
    with pytest.raises(SpecErrors) as e:
        loads_spec(text, "x.yaml")
    msgs = " | ".join(str(x) for x in e.value.errors)
    assert "colour" in msgs and "needs positive values" in msgs


def test_alias_bomb_and_size_limits(tmp_path):
    from sim.errors import SimError
    from sim.spec.yamlload import MAX_BYTES, load, loads
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdef", "bcdefg"))
    with pytest.raises(SimError, match="alias bomb"):
        loads(bomb, "b.yaml")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(SimError, match="over the limit"):
        load(big)


def test_no_object_construction():
    from sim.errors import SimError
    with pytest.raises(SimError):
        loads_spec("!!python/object/apply:os.system ['echo hi']\n", "x.yaml")


def test_missing_file_is_exit_2(tmp_path):
    r = CliRunner().invoke(main, ["validate", str(tmp_path / "nope.yaml")])
    assert r.exit_code == 2 and "无法读取文件:文件或文件夹不存在" in r.stderr


SCENARIO_CASES = [  # (assumptions or top-level block, line, field, fragment)
    ("assumptions:\n  a: {growth: {dist: normal, mean: 0.05}}\n", 3, "assumptions.a.growth.sd", "'sd' is required"),
    ("assumptions:\n  a: {growth: {dist: wobbly}}\n", 3, "assumptions.a.growth", "'wobbly'"),
    ("assumptions:\n  a: {growth: {2023: 0.1, 2024: fast}}\n", 3, "assumptions.a.growth.2024", "'fast'"),
    ("assumptions:\n  a: {growth: 0.1, colour: 1}\n", 3, "assumptions.a.colour", "unknown key"),
    ("correlation: {indicators: [a, b], matrix: [[1, 2], [2, 1]]}\n", 2, "correlation",
     "not a correlation matrix"),
    ("factors: [{id: f, loadings: {a: 1}}]\n", 2, "factors.0", "exactly one of `sd`"),
]


@pytest.mark.parametrize("block,line,field,fragment", SCENARIO_CASES, ids=[c[3] for c in SCENARIO_CASES])
def test_scenario_errors_name_the_branch_the_input_chose(block, line, field, fragment):
    from sim.scenario.load import loads_scenario
    spec = loads_spec(HEAD + "  " + GOOD.replace("\n", "\n  "))
    with pytest.raises(SpecErrors) as e:
        loads_scenario("scenario: {id: s}\n" + block, "s.yaml", spec=spec)
    assert len(e.value.errors) == 1, [str(x) for x in e.value.errors]
    err = e.value.errors[0]
    assert (err.line, err.field) == (line, field) and fragment in str(err)


def test_scenario_errors_name_the_scenario_keys(tmp_path):
    """An unknown scenario key lists the scenario's keys (not the spec's); a spec given as the scenario
    and an empty scenario file say what a scenario is."""
    spec = Path(__file__).resolve().parent.parent / "specs" / "wuwei-2024.yaml"
    sc = tmp_path / "sc.yaml"
    sc.write_text("scenario: {id: x, name: y}\ncolour: 1\nassumptions:\n  gdp: {growht: 0.1}\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(spec), "-s", str(sc)])
    assert r.exit_code == 2
    assert "sc.yaml:2: colour: 未知的键 'colour' (此处可用的键:scenario、defaults、assumptions" in r.stderr
    r = CliRunner().invoke(main, ["check", str(spec), "-s", str(sc), "--lang", "en"])
    assert "sc.yaml:2: colour: unknown key 'colour' (known keys here: scenario, defaults, assumptions" in r.stderr
    assert "sc.yaml:4: assumptions.gdp.growht: unknown key 'growht' (known keys here: baseline, growth" in r.stderr
    r = CliRunner().invoke(main, ["check", str(spec), "-s", str(spec), "--lang", "en"])
    assert r.exit_code == 2 and "this is a plan spec, not a scenario" in r.stderr
    sc.write_text("\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(spec), "-s", str(sc), "--lang", "en"])
    assert r.exit_code == 2 and "a scenario needs `scenario:`" in r.stderr
