"""Portfolios: several specs or a folder, summaries across plans, invalid plans reported."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sim.cli import main
from tests.conftest import no_escape

ROOT = Path(__file__).resolve().parent.parent

PLAN = """plan: {{id: {id}, title: {id} plan, base_year: 2022, target_year: 2025}}
indicators:
{inds}"""

RD = "  - {{id: rd, name: 研发投入强度, unit: '%', owner: 科技局, history: {{{hist}}}, target: {target}}}\n"

# statuses by construction (trend from history, no scenario):
SPECS = {
    # rd: +0.2/yr -> 3.0 in 2025 >= 2.8: on_track; gdp: +10%/yr -> 161 of 300 from 121: off_track (22%)
    "a": PLAN.format(id="plan-a", inds=RD.format(hist="2020: 2.0, 2021: 2.2, 2022: 2.4", target=2.8)
                     + "  - {id: gdp, name: 地区生产总值, unit: 亿元, owner: 发改委, history: {2020: 100, 2021: 110, "
                       "2022: 121}, target: 300}\n"),
    # rd: -0.1/yr away from 2.5: moving_away; pm25 down 3.4%/yr to 25.3 of 25以下 from 28: needs_acceleration
    "b": PLAN.format(id="plan-b", inds=RD.format(hist="2020: 2.0, 2021: 1.9, 2022: 1.8", target=2.5)
                     + "  - {id: pm25, name: 细颗粒物浓度, unit: 微克/立方米, owner: 生态环境局, "
                       "history: {2020: 30, 2021: 29, 2022: 28}, target: 25以下}\n"),
    # rd: 3.2 already meets 3.0 and keeps rising: achieved; masked target: not_assessable
    "c": PLAN.format(id="plan-c", inds=RD.format(hist="2020: 3.0, 2021: 3.1, 2022: 3.2", target=3.0)
                     + "  - {id: projects, name: 新增项目, unit: 个, owner: 发改委, target: '**个'}\n"),
}
EXPECTED = {("plan-a", "rd"): "on_track", ("plan-a", "gdp"): "off_track", ("plan-b", "rd"): "moving_away",
            ("plan-b", "pm25"): "needs_acceleration", ("plan-c", "rd"): "achieved",
            ("plan-c", "projects"): "not_assessable"}


def run(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    no_escape(r)
    return r


@pytest.fixture()
def folder(tmp_path):
    for k, text in SPECS.items():
        (tmp_path / f"{k}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_portfolio_rows_carry_plan_and_known_statuses(folder):
    r = run("check", folder, "--format", "json")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert {(x["plan"], x["indicator"]): x["status"] for x in d["rows"]} == EXPECTED
    assert [p["id"] for p in d["plans"]] == ["plan-a", "plan-b", "plan-c"]
    assert d["portfolio"] == {"files": 3, "plans": 3, "failed": 0} and d["errors"] == []


def test_portfolio_summaries_by_plan_indicator_and_owner(folder):
    s = json.loads(run("check", folder, "--format", "json").stdout)["summary"]
    assert s["targets"] == 6 and s["plans"] == 3
    assert s["by_status"]["on_track"] == 1 and s["by_status"]["not_assessable"] == 1
    rd = s["by_indicator"]["研发投入强度"]
    assert rd["plans"] == 3 and rd["targets"] == 3 and rd["not_on_track"] == 1
    assert (rd["by_status"]["on_track"], rd["by_status"]["moving_away"], rd["by_status"]["achieved"]) == (1, 1, 1)
    assert s["by_plan"]["plan-b"]["not_on_track"] == 2 and s["by_plan"]["plan-c"]["not_on_track"] == 0
    assert s["by_plan"]["plan-a"]["by_status"]["off_track"] == 1
    own = s["by_owner"]["发改委"]
    assert (own["plans"], own["targets"], own["not_on_track"]) == (2, 2, 1)
    assert s["by_owner"]["科技局"]["plans"] == 3


def test_invalid_plan_is_reported_and_the_others_run(folder):
    (folder / "bad.yaml").write_text(SPECS["a"].replace("plan-a", "plan-bad").replace("owner: 发改委", "ownr: 发改委"),
                                     encoding="utf-8")
    r = run("check", folder, "--format", "json")
    assert r.exit_code == 2
    assert "bad.yaml:4" in r.stderr and "ownr" in r.stderr
    d = json.loads(r.stdout)
    assert d["portfolio"]["failed"] == 1 and len(d["rows"]) == 6
    assert d["errors"][0]["file"].endswith("bad.yaml") and d["errors"][0]["line"] == 4
    table = run("check", folder, "--lang", "en")
    assert table.exit_code == 2 and "bad.yaml" in table.stdout and "could not be read" in table.stdout


def test_fail_on_over_the_whole_portfolio(folder):
    assert run("check", folder, "--fail-on", "moving_away", "--format", "csv").exit_code == 1
    assert run("check", folder / "a.yaml", folder / "c.yaml", "--fail-on", "moving_away").exit_code == 0


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "html"])
def test_portfolio_views(folder, fmt):
    r = run("check", folder, "--format", fmt, "--lang", "en")
    assert r.exit_code == 0
    if fmt == "csv":
        assert r.stdout.splitlines()[0].startswith("plan,") and r.stdout.count("plan-b") == 2
    else:
        assert "研发投入强度" in r.stdout and "plan-c" in r.stdout and "moving away" in r.stdout


def test_portfolio_xlsx(folder, tmp_path):
    from openpyxl import load_workbook
    out = tmp_path / "p.xlsx"
    assert run("check", folder, "--format", "xlsx", "-o", out).exit_code == 0
    wb = load_workbook(out)
    assert len(wb.sheetnames) == 4 and wb["rows"].max_row == 7


def test_one_spec_keeps_the_single_plan_report():
    spec = ROOT / "specs" / "tunxi-yrd-2027.yaml"
    d = json.loads(run("check", spec, "--format", "json").stdout)
    assert "plan" not in d["rows"][0] and d["plan"]["id"] == "tunxi-yrd-2027"


def test_scenario_ids_checked_against_the_portfolio(folder, tmp_path):
    sc = tmp_path / "sc.yaml"
    sc.write_text("scenario: {id: s}\nassumptions:\n  pm25: {growth: -0.05}\n  nowhere: {growth: 0.1}\n",
                  encoding="utf-8")
    r = run("check", folder, "-s", sc, "--lang", "en")
    assert r.exit_code == 2 and "'nowhere' is not an indicator of any plan" in r.stderr
    assert "'nowhere' 不是多规划中任何规划的指标" in run("check", folder, "-s", sc).stderr
    sc.write_text("scenario: {id: s}\nassumptions:\n  pm25: {growth: -0.05}\n", encoding="utf-8")
    d = json.loads(run("check", folder, "-s", sc, "--format", "json").stdout)
    pm = next(x for x in d["rows"] if x["indicator"] == "pm25")
    assert pm["status"] == "on_track" and "pace" in pm["assumed"]


def test_portfolio_rows_are_the_single_plan_rows(folder):
    d = json.loads(run("check", folder, "--format", "json").stdout)
    for key in "abc":
        one = json.loads(run("check", folder / f"{key}.yaml", "--format", "json").stdout)
        rows = [{k: v for k, v in r.items() if k != "plan"} for r in d["rows"] if r["plan"] == one["plan"]["id"]]
        assert rows == one["rows"]
        assert [f for f in d["consistency"] if f["plan"] == one["plan"]["id"]] == [
            {"plan": one["plan"]["id"], **f} for f in one["consistency"]]


def test_validate_show_project_report_take_a_folder(folder, tmp_path):
    v = run("validate", folder)
    assert v.exit_code == 0 and v.stdout.count("通过 ") == 3
    shown = json.loads(run("show", folder, "--format", "json").stdout)
    assert [p["plan"]["id"] for p in shown["plans"]] == ["plan-a", "plan-b", "plan-c"]
    csv_lines = run("show", folder, "--format", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("plan,") and len(csv_lines) == 7
    paths = json.loads(run("project", folder, "--format", "json").stdout)["plans"]
    assert [p["plan"]["id"] for p in paths] == ["plan-a", "plan-b", "plan-c"]
    assert paths[0]["indicators"][0]["path"]["2025"] == pytest.approx(3.0)
    out = tmp_path / "portfolio.html"
    assert run("report", folder, "-o", out).exit_code == 0
    assert "研发投入强度" in out.read_text(encoding="utf-8")


def test_every_command_reports_an_invalid_plan_and_goes_on(folder):
    (folder / "bad.yaml").write_text("plan: {id: bad}\n", encoding="utf-8")
    for args in (("validate", folder), ("show", folder, "--format", "json"), ("project", folder, "--format", "json"),
                 ("simulate", folder, "--draws", "100", "--seed", "1", "--format", "json")):
        r = run(*args)
        assert r.exit_code == 2 and "bad.yaml" in r.stderr, args
        if args[0] != "validate":
            assert "plan-c" in r.stdout, args
