"""Excel workbooks: read back with openpyxl, numbers checked against `sim check --format json`."""
import json
import math
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import sim
import sim.cli
from sim.report.palette import STATUS_COLORS
from sim.report.xlsx import CHECK_COLUMNS, workbook
from tests.conftest import no_escape

ROOT = Path(__file__).resolve().parent.parent
TUNXI = str(ROOT / "specs" / "tunxi-yrd-2027.yaml")
SCENARIOS = [str(ROOT / "scenarios" / f"tunxi-{s}.yaml") for s in ("baseline", "optimistic", "pessimistic")]
NUMERIC = [k for k, *_ in CHECK_COLUMNS if k in (
    "baseline", "baseline_year", "latest", "latest_year", "start", "target", "target_year", "required_pace",
    "required_pace_from_base", "required_real_pace", "assumed_pace", "projected", "gap", "share_of_required",
    "pace_ratio")]


def run(*args):
    r = CliRunner().invoke(sim.cli.main, [str(a) for a in args])
    no_escape(r)
    return r


def check_json(scenario: str) -> dict:
    return json.loads(run("check", TUNXI, "-s", scenario, "--format", "json").output)


def rows_of(ws) -> list[dict]:
    head = [c.value for c in ws[1]]
    return [dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True) if r[0] is not None]


def header_of(key: str) -> str:
    return next(zh for k, zh, *_ in CHECK_COLUMNS if k == key)


def assert_same_number(cell, expected, what):
    if expected is None:
        assert cell is None, what
    else:
        assert isinstance(cell, (int, float)) and not isinstance(cell, bool), (what, cell)
        assert math.isclose(cell, expected, rel_tol=1e-12, abs_tol=1e-12), (what, cell, expected)


@pytest.fixture(scope="module")
def report_book(tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    r = run("report", TUNXI, *[x for s in SCENARIOS for x in ("-s", s)], "--seed", 5, "--draws", 500, "-o", out)
    assert r.exit_code == 0, r.stderr
    return openpyxl.load_workbook(out)


def test_report_workbook_sheets_and_frozen_headers(report_book):
    assert report_book.sheetnames == ["检查", "逐年预测", "模拟概率", "模拟分位数", "情景假设", "一致性", "来源"]
    for ws in report_book:
        assert ws.freeze_panes and ws.freeze_panes.endswith("2"), ws.title   # the header row stays
        assert all(c.font.bold for c in ws[1] if c.value is not None)


def test_check_sheet_matches_check_json(report_book):
    rows = rows_of(report_book["检查"])
    for scenario in SCENARIOS:
        d = check_json(scenario)
        mine = [r for r in rows if r["情景代码"] == d["scenario"]["id"]]
        assert len(mine) == len(d["rows"]) >= 26
        for got, want in zip(mine, d["rows"]):
            assert got["指标代码"] == want["indicator"] and got["状态代码"] == want["status"]
            for key in NUMERIC:
                assert_same_number(got[header_of(key)], want[key], (want["indicator"], key))


def test_statuses_coloured_and_percentages_formatted(report_book):
    ws = report_book["检查"]
    head = [c.value for c in ws[1]]
    col_status = head.index("状态") + 1
    col_code = head.index("状态代码") + 1
    col_p = head.index("完成度P (%)") + 1
    seen = set()
    for r in range(2, ws.max_row + 1):
        code = ws.cell(r, col_code).value
        assert ws.cell(r, col_status).fill.fgColor.rgb.endswith(STATUS_COLORS[code][1:].upper())
        assert ws.cell(r, col_p).number_format == "0%"
        seen.add(code)
    assert {"on_track", "needs_acceleration", "off_track", "not_assessable"} <= seen


def test_projection_sheet_matches_project_json(report_book):
    rows = rows_of(report_book["逐年预测"])
    d = json.loads(run("project", TUNXI, "-s", SCENARIOS[2], "--format", "json").output)
    for ind in d["indicators"]:
        got = next(r for r in rows if r["情景代码"] == d["scenario"]["id"] and r["指标代码"] == ind["indicator"])
        for y, v in {**ind["path"], **ind["actuals"]}.items():
            assert_same_number(got[y], v, (ind["indicator"], y))


def test_simulation_and_assumption_sheets_hold_numbers(report_book):
    sim_rows = rows_of(report_book["模拟概率"])
    assert len(sim_rows) == len(rows_of(report_book["检查"])) >= 3 * 26
    assert all(r["达标概率 (%)"] is None or 0 <= r["达标概率 (%)"] <= 1 for r in sim_rows)
    gdp = next(r for r in sim_rows if r["情景代码"] == "tunxi-baseline" and r["指标代码"] == "gdp")
    assert gdp["随机种子"] == 5 and isinstance(gdp["P50 (目标年, 单位列)"], float)
    a = rows_of(report_book["情景假设"])
    g = next(r for r in a if r["情景代码"] == "tunxi-pessimistic" and r["对象"] == "gdp" and r["项目"] == "real_growth")
    assert g["取值"] == 0.045
    shock = next(r for r in a if r["情景代码"] == "tunxi-pessimistic" and r["项目"] == "冲击")
    assert shock["年份"] == 2025 and shock["取值"] == -0.03
    src = rows_of(report_book["来源"])
    assert any(r["对象"] == "rd_intensity" and r["取值"] == 1.38 and "第50行" in r["来源"] for r in src)


def test_library_workbook_english_and_simulation(tmp_path):
    from sim.assess.simulate import simulate_report
    spec = sim.load_spec(TUNXI)
    sc = sim.load_scenario(SCENARIOS[0], spec)
    rep = simulate_report(spec, sc, draws=200, seed=2)
    book = openpyxl.load_workbook(_save(tmp_path, workbook([rep], [sim.project_report(spec, sc)], "en")))
    assert book.sheetnames == ["check", "projections", "probabilities", "percentiles", "assumptions",
                               "provenance"]
    rows = rows_of(book["check"])
    want = check_json(SCENARIOS[0])["rows"]
    for got, w in zip(rows, want):
        assert_same_number(got["projected (unit column)"], w["projected"], w["indicator"])
    fan = rows_of(book["percentiles"])
    gdp27 = next(r for r in fan if r["indicator"] == "gdp" and r["year"] == 2027)
    assert_same_number(gdp27["P50 (unit column)"], rep["fan"]["gdp"]["2027"]["p50"], "gdp P50")


@pytest.mark.parametrize("command", ["check", "project"])
def test_check_and_project_format_xlsx(tmp_path, command):
    out = tmp_path / f"{command}.xlsx"
    assert run(command, TUNXI, "-s", SCENARIOS[0], "--format", "xlsx", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    rows = rows_of(book["检查"])
    for got, w in zip(rows, check_json(SCENARIOS[0])["rows"]):
        assert_same_number(got[header_of("required_pace")], w["required_pace"], w["indicator"])
    assert "逐年预测" in book.sheetnames


UNCERTAIN = str(ROOT / "scenarios" / "tunxi-uncertain.yaml")


@pytest.mark.parametrize("command,scenarios", [("simulate", [UNCERTAIN]), ("compare", [SCENARIOS[0], UNCERTAIN])])
def test_simulate_and_compare_format_xlsx(tmp_path, command, scenarios):
    out = tmp_path / f"{command}.xlsx"
    args = [x for sc in scenarios for x in ("-s", sc)]
    assert run(command, TUNXI, *args, "--draws", 400, "--seed", 3, "--format", "xlsx", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    want = json.loads(run("simulate", TUNXI, "-s", UNCERTAIN, "--draws", 400, "--seed", 3,
                          "--format", "json").output)["rows"]
    probs = [r for r in rows_of(book["模拟概率"]) if r.get("情景代码") in (None, "tunxi-uncertain")]
    gdp = next(r for r in probs if r["指标代码"] == "gdp")
    assert_same_number(gdp["达标概率 (%)"], next(w for w in want if w["indicator"] == "gdp")["probability"], "gdp")


def test_solve_and_sweep_refuse_xlsx():
    r = run("sweep", TUNXI, "--indicator", "gdp", "--growth", "0.05:0.06:0.01", "--format", "xlsx")
    assert r.exit_code == 2


def _save(tmp_path: Path, data: bytes) -> Path:
    p = tmp_path / "book.xlsx"
    p.write_bytes(data)
    return p
