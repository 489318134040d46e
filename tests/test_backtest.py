"""`sim backtest` (verdicts as of each past year scored against outcomes) and `sim diff` (status
changes between two as-of dates or two JSON reports)."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import sim
from sim.assess.backtest import backtest, summary
from sim.cli import main
from tests.conftest import no_escape
from tests.test_data import PLAN, write_plan

SYNTHETIC = """plan: {id: bt, title: 回测, base_year: 2012, target_year: 2018}
indicators:
  - id: output
    name: 产值
    unit: 亿元
    history: {2010: 100, 2011: 105, 2012: 110.25, 2013: 115.76, 2014: 121.55, 2015: 127.63, 2016: 134.01,
              2017: 140.71, 2018: 147.75}
    targets:
      - {year: 2015, target: 125以上}
      - {year: 2018, target: 160以上}
      - {year: 2025, target: 300}
  - id: share
    name: 比重
    unit: "%"
    history: {2010: 10, 2011: 11, 2012: 12, 2013: 13, 2014: 12, 2015: 11, 2016: 10}
    targets:
      - {year: 2016, target: 15以上}
"""


def run(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    no_escape(r)
    return r


@pytest.fixture
def synthetic(tmp_path) -> Path:
    p = tmp_path / "bt.yaml"
    p.write_text(SYNTHETIC, encoding="utf-8")
    return p


def test_backtest_on_a_synthetic_plan_whose_outcomes_are_known(synthetic):
    r = backtest(sim.load_plan(synthetic), sim.default_scenario(), draws=0)
    rows = r["rows"]
    # 2015 target met (127.63 >= 125), 2018 missed (147.75 < 160), 2016 share missed (10 < 15); 2025 unknown
    assert {(x["target_year"], x["outcome"]) for x in rows} == {(2015, "met"), (2018, "missed"), (2016, "missed")}
    assert r["summary"]["targets"] == 4 and r["summary"]["targets_with_outcome"] == 3
    assert all(x["latest_year"] <= x["as_of"] < x["target_year"] for x in rows)
    assert sorted({x["as_of"] for x in rows}) == list(range(2012, 2018))
    first = {(x["target_year"], x["as_of"]): x["status"] for x in rows}
    assert first[(2015, 2012)] == "on_track" and first[(2018, 2017)] == "off_track"
    assert first[(2016, 2012)] == "on_track" and first[(2016, 2015)] == "off_track"   # the share turned
    s = r["summary"]
    assert s["scored"] == len(rows) == 13 and s["hits"] == 11 and s["hit_rate"] == pytest.approx(11 / 13)
    assert s["status_by_outcome"]["on_track"] == {"met": 3, "missed": 2}
    assert s["brier"] is None


def test_backtest_from_an_earlier_year_never_uses_later_data(synthetic):
    r = backtest(sim.load_plan(synthetic), sim.default_scenario(), start=2010, draws=200)
    assert min(x["as_of"] for x in r["rows"]) == 2010
    assert all(x["latest_year"] is None or x["latest_year"] <= x["as_of"] for x in r["rows"])
    assert r["summary"]["brier"] is not None and 0 <= r["summary"]["brier"] <= 1
    assert sum(b["n"] for b in r["summary"]["reliability"]) == r["summary"]["with_probability"]


rows_st = st.lists(st.fixed_dictionaries({
    "status": st.sampled_from(["achieved", "on_track", "needs_acceleration", "off_track", "not_assessable"]),
    "outcome": st.sampled_from(["met", "missed"]),
    "probability": st.one_of(st.none(), st.floats(0, 1))}), max_size=30)


@given(rows_st)
def test_summary_scores_agree_with_their_definitions(rows):
    s = summary(rows)
    scored = [r for r in rows if r["status"] != "not_assessable"]
    assert s["scored"] == len(scored)
    if scored:
        assert 0 <= s["hit_rate"] <= 1
    assert sum(c["met"] + c["missed"] for c in s["status_by_outcome"].values()) == len(rows)
    with_p = [r for r in rows if r["probability"] is not None]
    if with_p:
        assert s["brier"] == pytest.approx(sum((r["probability"] - (r["outcome"] == "met")) ** 2
                                               for r in with_p) / len(with_p))
    assert sum(b["n"] for b in s["reliability"]) == len(with_p)


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_backtest_cli_formats(synthetic, fmt, lang):
    r = run("backtest", synthetic, "--format", fmt, "--lang", lang, "--draws", "100")
    assert r.exit_code == 0
    if fmt == "json":
        assert json.loads(r.stdout)["summary"]["rows"] == 13
    else:
        assert ("命中率" if lang == "zh" else "hit rate") in r.stdout or fmt == "csv"
        assert ("未实现" if lang == "zh" else "missed") in r.stdout


def test_backtest_xlsx(synthetic, tmp_path):
    from openpyxl import load_workbook
    out = tmp_path / "bt.xlsx"
    assert run("backtest", synthetic, "--format", "xlsx", "-o", out, "--draws", "0").exit_code == 0
    wb = load_workbook(out)
    assert wb.worksheets[0].max_row == 14 and len(wb.worksheets) == 4


REVISED = PLAN.replace("    target: 400以上", "    targets:\n      - {year: 2023, target: 333以上}")


def test_diff_shows_a_status_change_caused_by_a_revised_value(tmp_path):
    path = write_plan(tmp_path, plan=REVISED)
    d = json.loads(run("diff", path, "--as-of", "2024-03-01", "--as-of", "2024-12-31", "--format", "json").stdout)
    (row,) = [r for r in d["rows"] if r["indicator"] == "gdp"]
    assert (row["old_status"], row["new_status"]) == ("off_track", "achieved")
    assert row["reasons"] == ["revised"]
    assert (row["old_latest"], row["old_latest_vintage"], row["new_latest"]) == (330, "预计", 335.5)
    out = run("diff", path, "--as-of", "2024-03-01", "--as-of", "2024-12-31").stdout
    assert "数据修订" in out and "难以实现" in out and "已达成" in out


def test_diff_of_two_json_reports_names_a_new_year_of_data(tmp_path):
    path = write_plan(tmp_path, plan=REVISED)
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert run("check", path, "--as-of", "2023-06-30", "--format", "json", "-o", old).exit_code == 0
    assert run("check", path, "--format", "json", "-o", new).exit_code == 0
    d = json.loads(run("diff", old, new, "--format", "json", "--lang", "en").stdout)
    gdp = [r for r in d["rows"] if r["indicator"] == "gdp"]
    assert gdp and "new_data" in gdp[0]["reasons"] and gdp[0]["new_status"] == "achieved"
    assert "new year of data" in run("diff", old, new, "--lang", "en").stdout


@pytest.mark.parametrize("args,words", [(["x.json", "y.json"], "cannot read"), (["SPEC"], "two dates"),
                                        (["SPEC", "--as-of", "2025-02-01", "--as-of", "2020-01-01"], "earlier date first")])
def test_diff_usage_errors(tmp_path, args, words):
    spec = write_plan(tmp_path)
    r = run("diff", *[spec if a == "SPEC" else a if a.startswith(("-", "20")) else tmp_path / a for a in args],
            "--lang", "en")
    assert r.exit_code == 2 and words in r.stderr


def test_diff_refuses_a_json_that_is_not_a_check_report(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"rows": 3}', encoding="utf-8")
    r = run("diff", bad, bad, "--lang", "en")
    assert r.exit_code == 2 and "not a `sim check --format json` report" in r.stderr
    assert "不是 `sim check --format json` 报告" in run("diff", bad, bad).stderr


def test_backtest_on_real_huzhou_history_with_yearly_milestones(tmp_path):
    data = (Path(__file__).resolve().parent.parent / "specs" / "data" / "huzhou-14fyp.csv").as_posix()
    spec = tmp_path / "huzhou-gdp.yaml"
    spec.write_text(f"""plan: {{id: huzhou-gdp, title: 湖州 GDP 回测, base_year: 2015, target_year: 2022}}
data: [{data}]
indicators:
  - id: gdp_context
    name: 地区生产总值
    unit: 亿元
    basis: nominal
    targets:
      - {{year: 2019, target: 3000以上}}
      - {{year: 2020, target: 3300以上}}
      - {{year: 2022, target: 3800以上}}
""", encoding="utf-8")
    r = run("backtest", spec, "--format", "json", "--draws", "0")
    assert r.exit_code == 0 and "rd_intensity" in r.stderr          # rows for other indicators are reported
    d = json.loads(r.stdout)
    outcome = {x["target_year"]: x["outcome"] for x in d["rows"]}
    assert outcome == {2019: "met", 2020: "missed", 2022: "met"}     # 3122.4, 3203.9, 3850 (real actuals)
    assert all(x["latest_year"] is None or x["latest_year"] <= x["as_of"] for x in d["rows"])
    assert {x["as_of"] for x in d["rows"] if x["target_year"] == 2022} == set(range(2015, 2022))
    assert d["provenance"]["data"][0]["sha256"]


def test_backtest_on_a_bundled_plan_says_how_many_outcomes_are_known():
    guzhen = Path(__file__).resolve().parent.parent / "specs" / "guzhen-2025.yaml"
    d = json.loads(run("backtest", guzhen, "--format", "json", "--draws", "0").stdout)
    assert d["summary"]["targets"] == 91 and d["summary"]["targets_with_outcome"] == len(
        {(x["indicator"], x["target_year"], x["text"]) for x in d["rows"]})
    assert "目标年结果已知的目标" in run("backtest", guzhen, "--draws", "0").stdout


def test_diff_refuses_documents_that_are_not_one_plans_check(tmp_path):
    spec = write_plan(tmp_path)
    good = json.loads(run("check", spec, "--format", "json").stdout)
    cases = {
        "status.json": {**good, "rows": [{**good["rows"][0], "status": "bogus"}]},
        "list-status.json": {**good, "rows": [{**good["rows"][0], "status": ["x"]}]},
        "twice.json": {**good, "rows": good["rows"] + good["rows"][:1]},
        "simulate.json": {k: v for k, v in good.items() if k != "consistency"},
    }
    for name, doc in cases.items():
        (tmp_path / name).write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps(good), encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    other = {**good, "plan": {**good["plan"], "id": "another-plan"}}
    (tmp_path / "other.json").write_text(json.dumps(other), encoding="utf-8")
    for name in list(cases) + ["deep.json", "other.json"]:
        r = run("diff", tmp_path / "good.json", tmp_path / name)
        assert r.exit_code == 2 and r.stderr.strip(), name
    assert "two plans" in run("diff", tmp_path / "good.json", tmp_path / "other.json", "--lang", "en").stderr
