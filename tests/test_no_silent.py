"""No silent wrong answer and every input bounded where it is read (issue 10): each test names a
failure class that used to pass unnoticed (a value ignored, text read as null, an input overwritten,
a truncated report, unbounded reading, a verdict after no search)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sim.cli import main

ROOT = Path(__file__).resolve().parent.parent
TUNXI = ROOT / "specs" / "tunxi-yrd-2027.yaml"
SPEC = ("plan: {id: p, title: T, base_year: 2020, target_year: 2025}\nindicators:\n"
        "  - {id: gdp, name: 地区生产总值, unit: 亿元, basis: nominal, baseline: 300, history: {2023: 350}, "
        "target: 425}\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --assume on a pace the scenario gives in another form -----------------------------------------
def test_assume_growth_replaces_a_real_growth_of_the_scenario(tmp_path):
    spec = write(tmp_path, "p.yaml", SPEC)
    sc = write(tmp_path, "s.yaml", "scenario: {id: s}\nassumptions:\n  gdp: {real_growth: 0.02}\n")
    before = json.loads(run("check", spec, "-s", sc, "--format", "json").stdout)["rows"][0]
    after = json.loads(run("check", spec, "-s", sc, "--assume", "gdp.growth=0.20", "--format", "json")
                       .stdout)["rows"][0]
    assert after["projected"] == pytest.approx(350 * 1.2 ** 2)
    assert after["projected"] != before["projected"] and "pace" in after["assumed"]
    assert "replaces" in json.dumps(json.loads(run("check", spec, "-s", sc, "--assume", "gdp.growth=0.20",
                                                   "--format", "json").stdout)["scenario"], ensure_ascii=False)


@pytest.mark.parametrize("value", ["nan", "inf", "1e300"])
def test_assume_refuses_non_finite_values(tmp_path, value):
    r = run("check", write(tmp_path, "p.yaml", SPEC), "--assume", f"gdp.growth={value}")
    assert r.exit_code == 2 and "--assume" in r.stderr


# text where a number belongs ------------------------------------------------------------------
@pytest.mark.parametrize("text,ok", [("abc", False), ("很多", False), ("—", True), ("/", True), ("-", True),
                                     ("无", True), ("''", True)])
def test_text_baseline_is_an_error_unless_a_missing_mark(tmp_path, text, ok):
    r = run("validate", write(tmp_path, "p.yaml", SPEC.replace("baseline: 300", f"baseline: {text}")))
    if ok:
        assert r.exit_code == 0, r.output
    else:
        assert r.exit_code == 2 and ":3:" in r.stderr and "baseline" in r.stderr and "此处应为数字" in r.stderr


# -o never over an input; atomic; BOM ----------------------------------------------------------
def test_output_never_overwrites_the_spec_or_scenario_or_data(tmp_path):
    spec = write(tmp_path, "p.yaml", SPEC)
    sc = write(tmp_path, "s.yaml", "scenario: {id: s}\n")
    for target, extra in [(spec, []), (sc, ["-s", sc])]:
        before = target.read_bytes()
        r = run("check", spec, *extra, "-o", target)
        assert r.exit_code == 2 and "是本命令读取的文件" in r.stderr and target.read_bytes() == before
    link = tmp_path / "link.yaml"
    os.symlink(spec, link)
    assert run("check", spec, "-o", link).exit_code == 2 and spec.read_bytes() == SPEC.encode()
    data = write(tmp_path, "a.csv", "indicator,year,value\ngdp,2022,330\n")
    spec2 = write(tmp_path, "d.yaml", SPEC.replace("indicators:", "data: [a.csv]\nindicators:"))
    r = run("check", spec2, "--format", "csv", "-o", data)
    assert r.exit_code == 2 and data.read_text(encoding="utf-8").startswith("indicator")


def test_csv_file_starts_with_a_bom_and_writes_leave_no_temp_file(tmp_path):
    out = tmp_path / "r.csv"
    assert run("check", TUNXI, "--format", "csv", "-o", out).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]


def test_a_failed_write_leaves_the_previous_file_whole(tmp_path, monkeypatch):
    out = tmp_path / "r.md"
    out.write_text("previous report\n", encoding="utf-8")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", broken_fsync)
    r = run("check", TUNXI, "--format", "md", "-o", out)
    assert r.exit_code == 2 and "磁盘空间不足" in r.stderr
    r = run("check", TUNXI, "--format", "md", "-o", out, "--lang", "en")
    assert r.exit_code == 2 and "no space left on the device" in r.stderr
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_full_device_and_closed_pipe_are_one_line_errors():
    full = subprocess.run([sys.executable, "-m", "sim", "check", str(TUNXI)], stdout=open("/dev/full", "w"),
                          stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=60)
    assert full.returncode == 2 and len(full.stderr.strip().splitlines()) == 1, full.stderr
    p = subprocess.Popen([sys.executable, "-m", "sim", "show", str(TUNXI), "--format", "json"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    p.stdout.close()            # the reader goes away before the output is written
    err = p.stderr.read().decode()
    assert p.wait(timeout=60) == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


# bounded reading -------------------------------------------------------------------------------
def test_devices_and_empty_paths_are_refused_fast():
    r = subprocess.run([sys.executable, "-m", "sim", "validate", "/dev/zero"], capture_output=True, text=True,
                       cwd=ROOT, timeout=30)
    assert r.returncode == 2 and "上限" in r.stderr
    assert run("validate", "").exit_code == 2
    assert run("check", TUNXI, "-s", "").exit_code == 2


# numbers beyond what a plan can mean; distributions checked when read ---------------------------
@pytest.mark.parametrize("edit", ["baseline: 1.8e308", "baseline: 1e300", "baseline: .inf", "target: 1e16",
                                  "history: {2023: 1e300}", "target: '增长2000%'"])
def test_overflowing_numbers_are_located_errors(tmp_path, edit):
    key = edit.split(":")[0]
    text = SPEC.replace({"baseline": "baseline: 300", "target": "target: 425",
                         "history": "history: {2023: 350}"}[key], edit)
    r = run("validate", write(tmp_path, "p.yaml", text))
    assert r.exit_code == 2 and ":3:" in r.stderr, r.output


@pytest.mark.parametrize("assumption", [
    "{growth: {dist: triangular, low: 0.1, mode: 0.05, high: 0.08}}",
    "{growth: {dist: triangular, low: 0.0, mode: 0.2, high: 0.08}}",
    "{growth: {dist: uniform, low: 0.1, high: 0.0}}",
    "{growth: {dist: normal, mean: 0.05, sd: .inf}}",
    "{growth: {dist: normal, mean: 0.05, sd: -0.1}}",
    "{growth: {dist: uniform, low: -1.5, high: 0.1}}",
    "{growth: 20}",
    "{deflator: -1}",
    "{change: 1e300}",
])
def test_invalid_distributions_are_refused_when_the_scenario_is_read(tmp_path, assumption):
    spec = write(tmp_path, "p.yaml", SPEC)
    sc = write(tmp_path, "s.yaml", f"scenario: {{id: s}}\nassumptions:\n  gdp: {assumption}\n")
    r = run("simulate", spec, "-s", sc, "--draws", "100", "--seed", "1")
    assert r.exit_code == 2 and "s.yaml:3" in r.stderr, r.output


@pytest.mark.parametrize("extra", ["shocks:\n  - {year: 2024, growth: -5}", "defaults: {deflator: -1}",
                                   "shocks:\n  - {year: 2024, growth: -0.1, probability: 1.5}"])
def test_shocks_deflators_and_probabilities_are_bounded(tmp_path, extra):
    spec = write(tmp_path, "p.yaml", SPEC)
    r = run("check", spec, "-s", write(tmp_path, "s.yaml", f"scenario: {{id: s}}\n{extra}\n"))
    assert r.exit_code == 2 and "s.yaml:" in r.stderr


def test_draws_at_or_below_minus_100_percent_are_truncated(tmp_path):
    import numpy as np

    from sim.assess.draws import RATE_FLOOR, plan_model, sample_paces
    from sim.scenario.load import loads_scenario
    from sim.spec.load import loads_spec
    spec = loads_spec(SPEC)
    sc = loads_scenario("scenario: {id: s}\nassumptions:\n  gdp: {growth: {dist: normal, mean: 0.0, sd: 2.0}}\n",
                        spec=spec)
    paces = sample_paces(plan_model(spec, sc), 5000, np.random.default_rng(1))
    assert paces["gdp"].min() >= RATE_FLOOR and (paces["gdp"] == np.float32(RATE_FLOOR)).any()
    r = run("simulate", write(tmp_path, "p.yaml", SPEC), "-s", write(tmp_path, "s.yaml",
            "scenario: {id: s}\nassumptions:\n  gdp: {growth: {dist: normal, mean: 0.0, sd: 2.0}}\n"),
            "--draws", "2000", "--seed", "1", "--format", "json")
    assert r.exit_code == 0 and "NaN" not in r.stdout and "Infinity" not in r.stdout


@pytest.mark.parametrize("args", [["simulate", TUNXI, "--seed", "-1"],
                                  ["simulate", TUNXI, "--draws", "1" + "0" * 29],
                                  ["sweep", TUNXI, "--indicator", "gdp", "--growth", "nan:1:0.1"],
                                  ["sweep", TUNXI, "--indicator", "gdp", "--growth", "0:inf:0.1"],
                                  ["verify", TUNXI, "--seed", "-3"]])
def test_option_bounds(args):
    r = run(*args)
    assert r.exit_code == 2 and "Traceback" not in r.output


def test_verify_does_not_claim_holds_after_a_cut_short_search(tmp_path):
    sc = write(tmp_path, "s.yaml", "scenario: {id: s}\nassumptions:\n  gdp: {growth: {dist: uniform, low: 0.0, "
                                   "high: 0.1}}\n")
    r = run("verify", write(tmp_path, "p.yaml", SPEC), "-s", sc, "--timeout", "0.1", "--max-examples", "100000",
            "--format", "json")
    props = json.loads(r.stdout)["properties"]
    assert all(p["status"] != "holds" or (p["tried"] > 0 and not p["timed_out"]) for p in props)


# false alarm --------------------------------------------------------------------------------------
def test_a_target_already_met_raises_no_pace_alarm(tmp_path):
    text = ("plan: {id: p, title: T, base_year: 2020, target_year: 2025}\nindicators:\n"
            "  - {id: share, name: 比重, unit: '%', baseline: 45, history: {2021: 45.3, 2022: 45.6, 2023: 45.5}, "
            "target: 40}\n")
    r = run("validate", write(tmp_path, "p.yaml", text))
    assert r.exit_code == 0 and "record" not in r.output, r.output


def test_an_empty_growth_path_is_a_located_error(tmp_path):
    spec = write(tmp_path, "p.yaml", SPEC)
    r = run("check", spec, "-s", write(tmp_path, "s.yaml", "scenario: {id: s}\nassumptions:\n  gdp: {growth: {}}\n"))
    assert r.exit_code == 2 and "s.yaml:3" in r.stderr and "为空" in r.stderr


def test_a_tiny_start_next_to_a_target_gives_no_infinite_pace(tmp_path):
    text = SPEC.replace("baseline: 300, history: {2023: 350}", "baseline: 5.0e-324, history: {2019: 0.01}")
    r = run("validate", write(tmp_path, "p.yaml", text))
    assert r.exit_code == 0 and "inf" not in r.output, r.output


@pytest.mark.parametrize("g", ["-100", "5000"])
def test_published_growth_beyond_the_bounds_is_a_located_error(tmp_path, g):
    text = SPEC.replace("target: 425}", f"target: 425, growth_history: {{2022: {g}}}}}")
    r = run("validate", write(tmp_path, "p.yaml", text))
    assert r.exit_code == 2 and ":3:" in r.stderr and "growth_history" in r.stderr, r.output


def test_a_named_pipe_with_no_writer_is_refused_at_once(tmp_path):
    import os
    for name, cmd in (("plan.txt", "extract"), ("plan.yaml", "validate")):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        r = subprocess.run([sys.executable, "-m", "sim", cmd, str(fifo)], capture_output=True, text=True,
                           cwd=ROOT, timeout=30)
        assert r.returncode == 2 and "Traceback" not in r.stderr and r.stderr.strip()
