"""The CLI end to end on the bundled specs and scenarios: formats, languages, exit codes, contracts."""
import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sim.cli import main
from tests.conftest import no_escape

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
TUNXI = str(ROOT / "specs" / "tunxi-yrd-2027.yaml")
TUNXI_SCENARIOS = [str(ROOT / "scenarios" / f"tunxi-{s}.yaml") for s in ("baseline", "optimistic", "pessimistic")]
N_TARGETS = sum(len(i.targets) for i in __import__("sim").load_spec(TUNXI).indicators)
ROW_KEYS = {"indicator", "name", "target_year", "op", "target", "unit", "baseline", "latest", "latest_year",
            "pace_model", "required_pace", "assumed_pace", "pace_source", "projected", "gap",
            "share_of_required", "pace_ratio", "status", "reason", "assumed", "explain"}


def run(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    no_escape(r)
    return r


def test_validate_every_bundled_spec():
    r = run("validate", *SPECS)
    assert r.exit_code == 0
    assert r.output.count("通过 ") == len(SPECS) >= 5 and "OK " not in r.output
    en = run("validate", *SPECS, "--lang", "en")
    assert en.output.count("OK ") == len(SPECS) and "indicators, " in en.output


def test_show_tunxi_lists_24_table_indicators_and_gdp():
    d = json.loads(run("show", TUNXI, "--format", "json").output)
    assert d["schema_version"] == 1
    inds = d["indicators"]
    table = {i["parent"] or i["id"] for i in inds if i["source"] and 50 <= (i["source"]["line"] or 0) <= 144}
    assert len(table) == 24   # the 附表 rows, lines 50-144 of the seed
    assert all(next(i for i in inds if (i["parent"] or i["id"]) == t)["targets"] for t in table)
    t = next(i for i in inds if i["id"] == "tech_contracts_yrd")["targets"][0]
    assert {k: t[k] for k in ("year", "op", "value", "unit", "kind", "text")} == \
        {"year": 2027, "op": ">=", "value": 1200.0, "unit": "万元", "kind": "level", "text": "1200以上"}
    gdp = next(i for i in inds if i["id"] == "gdp")
    assert gdp["baseline"] is None and gdp["targets"][0]["value"] == 425


@pytest.mark.parametrize("scenario", TUNXI_SCENARIOS)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json"])
def test_check_tunxi_every_scenario_format_lang(scenario, lang, fmt):
    r = run("check", TUNXI, "-s", scenario, "--format", fmt, "--lang", lang)
    assert r.exit_code == 0
    if fmt == "json":
        d = json.loads(r.output)
        assert {"schema_version", "plan", "scenario", "preset", "rows", "summary", "provenance"} <= set(d)
        assert len(d["rows"]) == N_TARGETS and all(ROW_KEYS <= set(row) for row in d["rows"])
        assert d["provenance"]["spec_sha256"] and d["provenance"]["scenario_sha256"]
        gdp = next(x for x in d["rows"] if x["indicator"] == "gdp")
        assert gdp["status"] != "not_assessable" and gdp["latest_year"] == 2021   # the data's latest GDP
        assert "baseline" in gdp["assumed"] and gdp["start_year"] == 2022   # the scenario's 2022 value is newer
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(r.output)))
        assert len(rows) == N_TARGETS + 1
    else:
        from sim.report.labels import STATUS as STATUS_LABELS
        assert (f"汇总: {N_TARGETS}" if lang == "zh" else f"Summary: {N_TARGETS}") in r.output
        assert sum(r.output.count(v) for k, v in STATUS_LABELS[lang].items() if k != "not_assessable") >= 20


@pytest.mark.parametrize("spec", SPECS, ids=[p.stem for p in SPECS])
@pytest.mark.parametrize("preset", ["default", "unsd", "eurostat", "sdg-build", "cn-midterm"])
def test_every_seed_spec_checks(spec, preset):
    r = run("check", spec, "--preset", preset, "--format", "json")
    assert r.exit_code == 0
    assert all(row["reason"] for row in json.loads(r.output)["rows"])


def test_fail_on_exit_1():
    assert run("check", TUNXI, "-s", TUNXI_SCENARIOS[2], "--fail-on", "off_track").exit_code == 1
    assert run("check", TUNXI, "-s", TUNXI_SCENARIOS[1], "--fail-on", "moving_away").exit_code == 0


def test_explain_prints_the_derivation():
    r = run("check", TUNXI, "-s", TUNXI_SCENARIOS[0], "--explain", "gdp", "--lang", "en")
    assert r.exit_code == 0
    # the scenario's 2022 baseline is newer than the 2021 actual of the data: the projection starts there
    assert "required = (425/280)^(1/5) - 1" in r.output and "assumed: baseline, pace" in r.output
    assert "source 2021: data/tunxi-yrd-2027.csv:2 https://news.t0001.com" in r.output   # the data's row


def test_an_assumed_baseline_is_used_or_said_to_be_moot(tmp_path):
    spec = tmp_path / "p.yaml"
    spec.write_text("plan: {id: p, title: t, region: r, source: s, base_year: 2022, target_year: 2025}\n"
                    "indicators:\n  - {id: gdp, name: GDP, unit: 亿元, target: 150, "
                    "history: {2020: 90, 2021: 100}}\n", encoding="utf-8")
    used = json.loads(run("check", spec, "--assume", "gdp.baseline=120", "--assume", "gdp.growth=0.05",
                          "--format", "json").output)["rows"][0]
    assert used["start"] == 120 and used["start_year"] == 2022 and "baseline" in used["assumed"]
    spec.write_text(spec.read_text(encoding="utf-8").replace("2021: 100}", "2021: 100, 2022: 110}"),
                    encoding="utf-8")
    moot = json.loads(run("check", spec, "--assume", "gdp.baseline=120", "--assume", "gdp.growth=0.05",
                          "--format", "json").output)["rows"][0]
    assert moot["start"] == 110 and "baseline" not in moot["assumed"]
    assert any("baseline 120 is not used" in n for n in moot["explain"]["notes"])
    zh = run("check", spec, "--assume", "gdp.baseline=120", "--explain", "gdp").output
    assert "情景假设的基期值120未采用" in zh


def test_assume_overrides_and_marks():
    d = json.loads(run("check", TUNXI, "--assume", "goods_trade.growth=0.05", "--format", "json").output)
    row = next(x for x in d["rows"] if x["indicator"] == "goods_trade")
    assert row["status"] == "on_track" and "pace" in row["assumed"]


@pytest.mark.parametrize("args,fragment", [
    (["--assume", "nope.growth=0.1"], "'nope'"),
    (["--assume", "gdp.colour=1"], "unknown field"),
    (["--assume", "gdp.growth=fast"], "not a number"),
    (["--assume", "gdp"], "ID.FIELD=VALUE"),
    (["--explain", "nope"], "not an indicator"),
    (["--assume", "gdp.baseline=0"], "not positive"),
    (["--assume", "gdp.growth=nan"], "finite"),
    (["--assume", "gdp.growth=-1.5"], "above -1"),
    (["-s", str(ROOT / "scenarios" / "tunxi-baseline.yaml"), "--assume", "gdp.baseline=0"], "not positive"),
    (["-o", "/nonexistent-dir/x.md"], "cannot write"),
])
def test_bad_usage_is_exit_2(args, fragment):
    r = run("check", TUNXI, *args, "--lang", "en")
    assert r.exit_code == 2 and fragment in r.stderr
    zh = run("check", TUNXI, *args).stderr
    assert zh.count("\n") == 1 and re.search(r"[\u4e00-\u9fff]", zh), zh   # one line, in Chinese


def test_bad_scenario_is_located(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("scenario: {id: s}\nassumptions:\n  nope: {growth: 0.1}\n  gdp: {growth: 0.1, colour: 1}\n",
                 encoding="utf-8")
    r = run("check", TUNXI, "-s", p)
    assert r.exit_code == 2 and f"{p}:4" in r.stderr and "colour" in r.stderr


def test_project_paths():
    d = json.loads(run("project", TUNXI, "-s", TUNXI_SCENARIOS[0], "--format", "json").output)
    gdp = next(i for i in d["indicators"] if i["indicator"] == "gdp")
    assert list(gdp["path"]) == ["2023", "2024", "2025", "2026", "2027"] and gdp["assumed"]   # from the assumed 2022
    assert run("project", TUNXI, "-s", TUNXI_SCENARIOS[0], "--format", "csv").exit_code == 0


def test_group_by_owner_puts_each_owner_once():
    r = run("check", TUNXI, "-s", TUNXI_SCENARIOS[0], "--group-by", "owner", "--format", "md")
    assert r.output.count("· 区商务局") == 1


@pytest.mark.parametrize("args", [
    ["simulate", "specs/tunxi-yrd-2027.yaml", "-s", "scenarios/tunxi-uncertain.yaml", "--draws", "500", "--seed", "1"],
    ["solve", "specs/tunxi-yrd-2027.yaml", "-s", "scenarios/tunxi-uncertain.yaml", "--probability", "0.8",
     "--draws", "500", "--seed", "1"],
    ["compare", "specs/tunxi-yrd-2027.yaml", "-s", "scenarios/tunxi-baseline.yaml", "-s",
     "scenarios/tunxi-pessimistic.yaml", "--draws", "200", "--seed", "1"],
    ["project", "specs/tunxi-yrd-2027.yaml", "-s", "scenarios/tunxi-baseline.yaml"],
])
def test_terminal_tables_name_indicators_and_fit_80_columns(args):
    """Every terminal table names indicators by 指标名称 (ids with --ids) and fits 80 columns without
    breaking a status or a number: narrow terminals leave columns out before they wrap short cells."""
    from rich.cells import cell_len

    from sim.report.labels import STATUS
    root = Path(__file__).resolve().parent.parent
    args = [str(root / a) if a.startswith(("specs/", "scenarios/")) else a for a in args]
    r = CliRunner().invoke(main, args, env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    first = "".join(line.split("│")[1].strip() for line in r.output.splitlines() if line.startswith("│"))
    assert "全社会研发投入强度" in first and "rd_intensity" not in r.output
    assert max(cell_len(x) for x in r.output.splitlines() if x[:1] in "┏┃┡│└") <= 80
    cells = [c.strip() for line in r.output.splitlines() if line.startswith("│") for c in line.split("│")]
    split = set(STATUS["zh"].values()) - {""}
    assert not any(c and c != s and s.startswith(c) for c in cells for s in split), "a status was broken"
    ids = CliRunner().invoke(main, args + ["--ids"], env={"COLUMNS": "200"})
    assert ids.exit_code == 0 and "rd_intensity" in ids.output


def test_a_check_says_how_to_assess_targets_that_lack_a_start_or_a_pace():
    """Without a scenario most bundled targets have one data point: the summary counts those a
    scenario would make assessable and says how (-s, --assume); assuming GDP growth takes one off."""
    root = Path(__file__).resolve().parent.parent
    spec = str(root / "specs" / "tunxi-yrd-2027.yaml")

    def count(*extra):
        r = CliRunner().invoke(main, ["check", spec, *extra])
        assert r.exit_code == 0
        line = [x for x in r.output.splitlines() if "缺少基期值或速度" in x]
        return int(line[0].split("其中 ")[1].split(" ")[0]) if line else 0
    bare = count()
    assert bare > 20 and "--assume" in CliRunner().invoke(main, ["check", spec]).output
    assert count("--assume", "gdp.growth=7%") == bare - 1
    assert count("-s", str(root / "scenarios" / "tunxi-baseline.yaml")) < bare
