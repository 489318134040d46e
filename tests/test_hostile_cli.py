"""Hostile specs and options: numbers that are not finite or beyond the bound, repeated plan ids,
options that do nothing without their preset: each a located error (exit 2), never read as text,
never silently ignored."""
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sim.cli import main

ROOT = Path(__file__).resolve().parent.parent
SPEC = ("plan: {id: p, title: t, base_year: 2020, target_year: 2025}\nindicators:\n"
        "  - {id: gdp, name: GDP, unit: 亿元, baseline: 100, FIELDS}\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def validate(tmp_path, fields: str):
    p = tmp_path / "p.yaml"
    p.write_text(SPEC.replace("FIELDS", fields), encoding="utf-8")
    return run("validate", p, "--lang", "en")


@pytest.mark.parametrize("target", ["inf", "nan", "Infinity", "-inf", "1e400", "'NaN%'", "增长inf%", "∞", "1e400以上"])
def test_target_texts_that_are_not_finite_numbers_are_located_errors(tmp_path, target):
    r = validate(tmp_path, f"target: {target}")
    assert r.exit_code == 2 and "p.yaml:3" in r.stderr and "gdp" in r.stderr and "not finite" in r.stderr, r.output


def test_a_qualitative_target_with_letters_around_inf_is_still_text(tmp_path):
    assert validate(tmp_path, "target: information化水平提高").exit_code == 0


@pytest.mark.parametrize("fields,needles", [
    ("target: 150, history: {2021: 1e16}", ["history.2021", "'1e16'", "beyond ±1e+15"]),
    ("target: 150, history: {2021: 10000000000000000}", ["history.2021", "beyond ±1e+15"]),
    ("target: 150, history: {2021: .nan}", ["history.2021", "nan is not a finite number"]),
    ("target: 150, history: {2021: 1e400}", ["history.2021", "'1e400' is not a finite number"]),
    ("target: .inf", ["target", "inf is not a finite number"]),
    ("targets: [{year: 2025, value: .inf, op: '>='}]", ["targets.0.value", "not a finite number"]),
])
def test_numbers_beyond_the_bound_say_so_not_wrong_type(tmp_path, fields, needles):
    r = validate(tmp_path, fields)
    assert r.exit_code == 2 and "wrong type" not in r.stderr and "Value error" not in r.stderr, r.stderr
    for n in needles:
        assert n in r.stderr, r.stderr


def test_validate_flags_a_plan_id_used_by_two_files_of_a_folder(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(ROOT / "specs" / "wuwei-2024.yaml", tmp_path / name)
    if (ROOT / "specs" / "data").exists():
        shutil.copytree(ROOT / "specs" / "data", tmp_path / "data")
    r = run("validate", tmp_path, "--lang", "en")
    assert r.exit_code == 2 and "b.yaml: plan.id: plan id 'wuwei-2024' is already used by" in r.stderr, r.output
    assert "a.yaml" in r.stderr and r.stdout.count("wuwei-2024") == 1


@pytest.mark.parametrize("opts", [["--margin", "0.2"], ["--task", "log"], ["--growth-margin", "1"],
                                  ["--preset", "unsd", "--margin", "0.1"]])
def test_cn_midterm_options_without_the_preset_are_refused(opts):
    r = run("check", ROOT / "specs" / "wuwei-2024.yaml", *opts)
    assert r.exit_code == 2 and opts[-2] in r.stderr and "--preset cn-midterm" in r.stderr, r.output


def test_cn_midterm_options_with_the_preset_run():
    assert run("check", ROOT / "specs" / "wuwei-2024.yaml", "--preset", "cn-midterm", "--margin", "0.2",
               "--task", "log").exit_code == 0


@pytest.mark.parametrize("reply,needle", [(None, "no Dask handshake within 1 s"),
                                          (b"HTTP/1.1 200 OK\r\n\r\nhello" * 20, "not as a Dask scheduler"),
                                          (b"", "closed the connection")])
def test_a_port_that_is_not_a_dask_scheduler_gives_up_in_bounded_time(monkeypatch, reply, needle):
    import socket
    import threading
    import time

    pytest.importorskip("distributed")
    from sim.assess import cluster
    from sim.errors import SimError

    server = socket.create_server(("127.0.0.1", 0))
    held = []

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            held.append(conn)
            if reply is not None:
                conn.sendall(reply)
                if not reply:
                    conn.close()

    threading.Thread(target=serve, daemon=True).start()
    monkeypatch.setattr(cluster, "CONNECT_S", 1)
    start = time.monotonic()
    try:
        with pytest.raises(SimError) as e:
            cluster.Cluster(f"tcp://127.0.0.1:{server.getsockname()[1]}")
    finally:
        server.close()
        for c in held:
            c.close()
    assert time.monotonic() - start < 30   # bounded (Dask alone would wait forever); slack for a loaded machine
    assert needle in str(e.value) and "--cluster" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("draws", [1, 99])
def test_monte_carlo_bands_need_enough_draws_and_the_output_says_so(draws):
    import json

    args = ["simulate", ROOT / "specs" / "tunxi-yrd-2027.yaml", "-s", ROOT / "scenarios" / "tunxi-uncertain.yaml",
            "--method", "monte-carlo", "--seed", "1", "--draws", draws]
    d = json.loads(run(*args, "--format", "json").stdout)
    mc = [r for r in d["rows"] if r["method"] == "monte_carlo"]
    assert mc and all(r["p10"] is r["p50"] is r["p90"] is None and r["probability"] is not None for r in mc)
    assert d["simulation"]["min_band_draws"] == 100
    assert all(v["p10"] is None for by in d["fan"].values() for v in by.values())
    text = run(*args, "--lang", "en").stdout
    assert f"Only {draws} draw(s): Monte Carlo P10/P50/P90 need at least 100" in text
    assert "e+" not in text   # one draw's share written out: <100%, not <1e+02%
    full = json.loads(run(*args[:-1], 100, "--format", "json").stdout)
    assert all(r["p10"] is not None for r in full["rows"] if r["method"] == "monte_carlo")
    assert "need at least" not in run(*args[:-1], 100, "--lang", "en").stdout


def test_a_compound_trend_beyond_1000_percent_a_year_is_not_extrapolated(tmp_path):
    import json

    p = tmp_path / "p.yaml"
    p.write_text(SPEC.replace("baseline: 100, FIELDS", "baseline: 1.0e-300, history: {2021: 1.0e-150, 2022: 0.1}, "
                              "target: 1"), encoding="utf-8")
    row = json.loads(run("check", p, "--format", "json").stdout)["rows"][0]
    assert row["status"] == "not_assessable" and row["projected"] is None
    assert "faster than 1000% a year" in row["reason"]
    for args in (["check", p, "--lang", "en"], ["check", p], ["project", p, "--lang", "en"]):
        r = run(*args)
        assert r.exit_code == 0 and "nan" not in r.stdout.lower() and "inf" not in r.stdout.lower(), r.stdout
    assert "复合增长趋势每年超过1000%" in run("check", p).stdout


@pytest.mark.parametrize("fields,baseline,target", [("target: 1e5", 100, 1e5), ("target: 1.5E3", 100, 1500),
                                                    ("target: 1e15", 100, 1e15)])
def test_an_exponent_that_yaml_leaves_as_text_is_a_number(tmp_path, fields, baseline, target):
    import json

    p = tmp_path / "p.yaml"
    p.write_text(SPEC.replace("FIELDS", fields), encoding="utf-8")
    row = json.loads(run("check", p, "--format", "json").stdout)["rows"][0]
    assert (row["baseline"], row["target"], row["kind"]) == (baseline, target, "level")
    p.write_text(SPEC.replace("baseline: 100, FIELDS", "baseline: 1e14, target: 1e15"), encoding="utf-8")
    assert json.loads(run("check", p, "--format", "json").stdout)["rows"][0]["baseline"] == 1e14


@pytest.mark.parametrize("body,needle", [("[" * 100000 + "]" * 100000, "nested too deeply"),
                                         ('{"a":' * 50000 + "1" + "}" * 50000, "nested too deeply"),
                                         ('{"assume": {"\\ud800": 1}}', "lone surrogate")],
                         ids=["deep-array", "deep-object", "surrogate"])
def test_serve_refuses_deep_json_and_lone_surrogates_with_a_400(body, needle):
    from fastapi.testclient import TestClient

    from sim.data import load_plan
    from sim.scenario.load import load_scenario
    from sim.serve.app import create_app
    from sim.serve.state import Served

    spec = load_plan(ROOT / "specs" / "tunxi-yrd-2027.yaml")
    sc = load_scenario(str(ROOT / "scenarios" / "tunxi-baseline.yaml"), spec)
    c = TestClient(create_app(Served(spec, sc, 100, 1)), base_url="http://127.0.0.1")
    r = c.post("/api/check?lang=en", content=body.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 400 and needle in r.json()["error"]["message"]
    assert "嵌套过深" in c.post("/api/check", content=body.encode(), headers={"content-type": "application/json"}).json()[
        "error"]["message"] or needle == "lone surrogate"


def test_an_empty_explain_id_is_refused_not_ignored():
    r = run("check", ROOT / "specs" / "wuwei-2024.yaml", "--explain", "", "--lang", "en")
    assert r.exit_code == 2 and "--explain" in r.stderr and "is not an indicator" in r.stderr, r.output


@pytest.mark.parametrize("dist,bad,known", [("{dist: lognormal, mean: 0.05, sigma: 0.1}", "mean", "dist, mu, sigma"),
                                            ("{dist: triangular, low: 0, mode: 0.1, high: 0.2, sd: 1}", "sd",
                                             "dist, low, mode, high")])
def test_an_unknown_key_of_a_distribution_lists_that_distributions_keys(tmp_path, dist, bad, known):
    sc = tmp_path / "s.yaml"
    sc.write_text(f"scenario: {{id: s}}\nassumptions:\n  gdp: {{growth: {dist}}}\n", encoding="utf-8")
    r = run("check", ROOT / "specs" / "tunxi-yrd-2027.yaml", "-s", sc, "--lang", "en")
    assert r.exit_code == 2 and f"unknown key '{bad}' (known keys here: {known}" in r.stderr, r.stderr


@pytest.mark.parametrize("fields,needle", [("target: 150, history: {2021: " + "9" * 5000 + "}", "4300 digits"),
                                           ("target: 2025-02-30", "day is out of range")])
def test_yaml_values_python_cannot_build_are_located_errors(tmp_path, fields, needle):
    r = validate(tmp_path, fields)
    assert r.exit_code == 2 and "p.yaml:3" in r.stderr and needle in r.stderr and "Traceback" not in r.output


@pytest.mark.parametrize("target", ["'\u200f425以上'", "4\u200b25以上", "'\u202e425'", "'４２５以上'"])
def test_invisible_marks_in_a_target_are_read_as_the_reader_sees_them(tmp_path, target):
    import json

    p = tmp_path / "p.yaml"
    p.write_text(SPEC.replace("FIELDS", f"target: {target}"), encoding="utf-8")
    row = json.loads(run("check", p, "--format", "json").stdout)["rows"][0]
    assert (row["target"], row["kind"]) == (425, "level")


@pytest.mark.parametrize("expr", ["c = a / (b - b)", "c = " + " * ".join(["a"] * 22)])
def test_a_relation_with_no_finite_value_is_not_assessable_not_off_track(tmp_path, expr):
    import json

    p = tmp_path / "p.yaml"
    p.write_text("plan: {id: p, title: T, base_year: 2020, target_year: 2030}\nindicators:\n"
                 "  - {id: a, name: A, unit: 亿元, baseline: 1.0e+15, history: {2021: 1.0e+15}}\n"
                 "  - {id: b, name: B, unit: 亿元, baseline: 1.0e+15, history: {2021: 1.0e+15}}\n"
                 "  - {id: c, name: C, unit: 亿元, target: 100}\n"
                 f"relations:\n  - {{id: r, expr: {expr}}}\n", encoding="utf-8")
    d = json.loads(run("simulate", p, "--draws", "200", "--seed", "1", "--format", "json").stdout)
    row = next(r for r in d["rows"] if r["indicator"] == "c")
    assert row["status"] == "not_assessable" and row["probability"] is None and "no finite value" in row["reason"]


@pytest.mark.parametrize("text", ["plan: " + "[" * 5000 + "]" * 5000 + "\n",
                                  "plan: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n"], ids=["lists", "mappings"])
@pytest.mark.parametrize("command", ["check", "simulate", "validate"])
def test_deeply_nested_yaml_is_a_located_error(tmp_path, text, command):
    p = tmp_path / "p.yaml"
    p.write_text(text, encoding="utf-8")
    r = run(command, p, "--lang", "en")
    assert r.exit_code == 2 and "p.yaml: the document is nested too deeply" in r.stderr, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
