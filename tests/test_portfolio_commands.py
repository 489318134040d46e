"""compare, solve, sweep, verify, diff and backtest over several specs or a folder: rows carry their
plan and equal the plan's own report, an invalid plan is reported (exit 2) while the others run,
--fail-on counts over the whole portfolio."""
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.test_backtest import SYNTHETIC
from tests.test_portfolio import SPECS, run
from tests.test_zh_text import english

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "specs"
TUNXI = BUNDLED / "tunxi-yrd-2027.yaml"
SCEN = ROOT / "scenarios"
BROKEN = "plan:\n  id: broken\n  title: x\nindicators: [\n"


@pytest.fixture()
def folder(tmp_path):
    for k, text in SPECS.items():
        (tmp_path / f"{k}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture()
def with_broken(folder):
    (folder / "zz-broken.yaml").write_text(BROKEN, encoding="utf-8")
    return folder


def _json(*args, code=0):
    r = run(*args, "--format", "json")
    assert r.exit_code == code, r.stderr
    return json.loads(r.stdout)


def _without_plan(rows, plan):
    return [{k: v for k, v in r.items() if k != "plan"} for r in rows if r["plan"] == plan]


def test_solve_rows_carry_plan_and_equal_each_plans_own(folder):
    d = _json("solve", folder)
    assert [p["id"] for p in d["plans"]] == ["plan-a", "plan-b", "plan-c"]
    assert {(r["plan"], r["indicator"]) for r in d["rows"]} == {
        ("plan-a", "rd"), ("plan-a", "gdp"), ("plan-b", "rd"), ("plan-b", "pm25"), ("plan-c", "rd"),
        ("plan-c", "projects")}
    for k, pid in (("a", "plan-a"), ("b", "plan-b")):
        own = _json("solve", folder / f"{k}.yaml")
        assert _without_plan(d["rows"], pid) == own["rows"]
    assert d["summary"]["by_plan"]["plan-a"] == {"rows": 2, "by_status": {"on_track": 1, "off_track": 1}}
    assert d["summary"]["by_status"]["not_assessable"] == 1


SCENARIO = """scenario: {id: faster, name: 加快情景}
assumptions:
  rd: {change: 0.3}
"""


def test_an_invalid_plan_is_reported_located_and_the_others_still_run(with_broken, tmp_path_factory):
    sc = tmp_path_factory.mktemp("sc") / "faster.yaml"
    sc.write_text(SCENARIO, encoding="utf-8")
    for args in (["solve", with_broken], ["sweep", with_broken, "--indicator", "rd", "--change", "0:0.2:0.1"],
                 ["backtest", with_broken, "--draws", "0"],
                 ["diff", with_broken, "--as-of", "2021-12-31", "--as-of", "2023-12-31"],
                 ["compare", with_broken, "-s", sc, "--draws", "50", "--seed", "1"],
                 ["verify", with_broken, "-s", sc, "--max-examples", "5"]):
        d = _json(*args, code=2)
        assert d["portfolio"] == {"files": 4, "plans": 3, "failed": 1}, args[0]
        (e,) = d["errors"]
        assert e["file"].endswith("zz-broken.yaml") and e["line"] == 5, args[0]
        assert list(d["per_plan"]) == ["plan-a", "plan-b", "plan-c"], args[0]
        assert {r["plan"] for r in d["rows"]} <= {"plan-a", "plan-b", "plan-c"}, args[0]
        r = run(*args)
        assert r.exit_code == 2 and "zz-broken.yaml:5" in r.stderr and "未能读取的规划" in r.stdout, args[0]
    d = _json("compare", with_broken, "-s", sc, "--draws", "50", "--seed", "1", code=2)
    assert {r["plan"]: r["scenarios"]["faster"]["status"] for r in d["rows"] if r["indicator"] == "rd"} == {
        "plan-a": "on_track", "plan-b": "on_track", "plan-c": "achieved"}


def test_sweep_lists_the_plans_without_the_indicator(folder):
    d = _json("sweep", folder, "--indicator", "gdp", "--growth", "0.05:0.15:0.05")
    assert d["without_indicator"] == {"indicator": "gdp", "plans": ["plan-b", "plan-c"]}
    assert {r["plan"] for r in d["rows"]} == {"plan-a"} and len(d["rows"]) == 3
    assert [r["meets"] for r in d["rows"]] == [False, False, False]     # 300 from 121 in 3 years needs 35%/yr
    out = run("sweep", folder, "--indicator", "gdp", "--growth", "0.05:0.15:0.05", "--lang", "en").stdout
    assert "2 plan(s) have no indicator gdp: plan-b, plan-c" in out
    csv = run("sweep", folder, "--indicator", "gdp", "--growth", "0.05:0.15:0.05", "--format", "csv").stdout
    assert csv.splitlines()[0].lstrip("\ufeff").startswith("plan,target_year,growth")
    r = run("sweep", folder, "--indicator", "nowhere", "--growth", "0.05:0.15:0.05", "--lang", "en")
    assert r.exit_code == 2 and "no plan of the portfolio has indicator 'nowhere'" in r.stderr


def test_sweep_usage_error_is_said_once_not_as_a_plan_that_could_not_be_read(folder):
    r = run("sweep", folder, "--indicator", "gdp", "--lang", "en")      # neither --growth nor --change
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.count("--growth") >= 1 and len(r.stderr.strip().splitlines()) == 1
    r = run("sweep", folder, "--indicator", "gdp", "--change", "1:2:1", "--deflator", "0.02", "--lang", "en")
    assert r.exit_code == 2 and r.stdout == "" and "--deflator" in r.stderr


def test_solve_bad_probability_is_said_once_not_per_plan(folder):
    for p in ("2", "nan"):
        r = run("solve", folder, "--probability", p, "--lang", "en")
        assert r.exit_code == 2 and r.stdout == "" and len(r.stderr.strip().splitlines()) == 1
        assert "--probability" in r.stderr


def test_compare_rows_carry_plan_with_a_summary_by_scenario():
    scs = ["-s", SCEN / "tunxi-baseline.yaml", "-s", SCEN / "tunxi-optimistic.yaml", "--draws", "200", "--seed", "3"]
    d = _json("compare", BUNDLED, *scs)
    assert [p["id"] for p in d["plans"]] == ["guzhen-2025", "huzhou-14fyp", "tunxi-yrd-2027", "wuwei-2024",
                                             "wuxing-2024"]
    own = _json("compare", TUNXI, *scs)
    assert _without_plan(d["rows"], "tunxi-yrd-2027") == own["rows"]
    by = d["summary"]["by_scenario"]
    assert list(by) == ["tunxi-baseline", "tunxi-optimistic"]
    for key, s in by.items():
        assert s["targets"] == len(d["rows"]) and s["by_plan"]["tunxi-yrd-2027"]["targets"] == len(own["rows"])
        assert s["probability"]["by_band"] == own["summary"][key]["by_band"]   # only tunxi has probabilities


def test_verify_fails_on_a_broken_property_anywhere_in_the_portfolio(tmp_path):
    for p in BUNDLED.glob("*.yaml"):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8").replace("data/", f"{BUNDLED.as_posix()}/data/"),
                                       encoding="utf-8")
    args = ["verify", tmp_path, "-s", SCEN / "tunxi-ranges.yaml", "--max-examples", "20"]
    d = _json(*args)
    assert {r["plan"] for r in d["rows"] if r["status"] == "broken"} == {"tunxi-yrd-2027"}
    assert d["summary"]["by_status"]["broken"] == 1 and d["summary"]["plans"] == 5
    assert run(*args, "--fail-on", "broken").exit_code == 1
    (tmp_path / "zz-broken.yaml").write_text(BROKEN, encoding="utf-8")
    assert run(*args, "--fail-on", "broken").exit_code == 2          # an unread plan outranks a broken one


def test_backtest_scores_every_plans_verdicts_together(tmp_path):
    for k in ("one", "two"):
        (tmp_path / f"{k}.yaml").write_text(SYNTHETIC.replace("id: bt", f"id: bt-{k}"), encoding="utf-8")
    d = _json("backtest", tmp_path, "--draws", "0")
    own = _json("backtest", tmp_path / "one.yaml", "--draws", "0")
    assert _without_plan(d["rows"], "bt-one") == own["rows"] == _without_plan(d["rows"], "bt-two")
    s, o = d["summary"], own["summary"]
    assert (s["rows"], s["hits"], s["targets"]) == (2 * o["rows"], 2 * o["hits"], 2 * o["targets"])
    out = tmp_path / "bt.xlsx"
    assert run("backtest", tmp_path, "--draws", "0", "--format", "xlsx", "-o", out).exit_code == 0
    ws = load_workbook(out).worksheets[0]
    assert ws.cell(1, 1).value == "规划" and ws.max_row == 1 + len(d["rows"])


def test_diff_of_a_folder_and_of_two_portfolio_reports_pairs_rows_by_plan(tmp_path):
    for k in ("one", "two"):
        (tmp_path / f"{k}.yaml").write_text(SYNTHETIC.replace("id: bt", f"id: bt-{k}"), encoding="utf-8")
    d = _json("diff", tmp_path, "--as-of", "2014-12-31", "--as-of", "2018-12-31")
    own = _json("diff", tmp_path / "one.yaml", "--as-of", "2014-12-31", "--as-of", "2018-12-31")
    assert own["rows"] and [r["plan"] for r in d["rows"]] == ["bt-one"] * len(own["rows"]) + ["bt-two"] * len(
        own["rows"])
    assert d["summary"]["by_plan"] == {"bt-one": len(own["rows"]), "bt-two": len(own["rows"])}
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert run("check", tmp_path, "--as-of", "2014-12-31", "--format", "json", "-o", old).exit_code == 0
    assert run("check", tmp_path, "--as-of", "2018-12-31", "--format", "json", "-o", new).exit_code == 0
    j = _json("diff", old, new)
    assert {(r["plan"], r["indicator"], r["target_year"]) for r in j["rows"]} == {
        (r["plan"], r["indicator"], r["target_year"]) for r in d["rows"]}
    assert j["summary"]["by_plan"] == d["summary"]["by_plan"]
    single = tmp_path / "single.json"
    assert run("check", tmp_path / "one.yaml", "--format", "json", "-o", single).exit_code == 0
    r = run("diff", single, new)
    assert r.exit_code == 2 and "一份是多规划报告" in r.stderr


VIEWS = [["solve"], ["sweep", "--indicator", "gdp", "--growth", "0.05:0.07:0.01"], ["backtest", "--draws", "0"],
         ["diff", "--as-of", "2021-12-31", "--as-of", "2023-12-31"],
         ["verify", "-s", SCEN / "tunxi-ranges.yaml", "--max-examples", "5"],
         ["compare", "-s", SCEN / "tunxi-baseline.yaml", "-s", SCEN / "tunxi-optimistic.yaml", "--draws", "50",
          "--seed", "1"]]


@pytest.mark.parametrize("args", VIEWS, ids=[v[0] for v in VIEWS])
@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_portfolio_views_in_chinese_have_no_english_sentence(args, fmt):
    if fmt == "csv" and args[0] == "verify":       # verify writes table, md and json
        return
    r = run(args[0], BUNDLED, *args[1:], "--format", fmt, "--lang", "zh")
    assert r.exit_code in (0, 1), r.stderr
    if fmt == "csv":                               # machine columns: plan first, then the plan's own csv
        lines = r.stdout.lstrip("\ufeff").splitlines()
        assert lines[0].startswith("plan,") and all(x.split(",")[0] in PLAN_IDS for x in lines[1:])
        return
    assert "汇总: 5 个规划已完成, 0 个未能读取" in r.stdout
    assert not english(r.stdout), english(r.stdout)[:5]


PLAN_IDS = {p.stem for p in BUNDLED.glob("*.yaml")}


def test_compare_portfolio_workbook_has_every_row_with_its_plan(folder, tmp_path):
    sc, out = tmp_path / "faster.yml.txt", tmp_path / "c.xlsx"
    sc.write_text(SCENARIO, encoding="utf-8")
    args = ["compare", folder, "-s", sc, "--draws", "50", "--seed", "1"]
    d = _json(*args)
    assert run(*args, "--format", "xlsx", "-o", out, "--lang", "en").exit_code == 0
    wb = load_workbook(out)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("plan", "indicator") and [r[0] for r in rows[1:]] == [r["plan"] for r in d["rows"]]
    assert [ws.title for ws in wb.worksheets] == ["Rows by plan", "Scenarios across plans", "By plan", "Summary"]


def test_long_portfolio_runs_show_progress_on_stderr_each_count_once(folder, monkeypatch):
    import sim.cli.common
    monkeypatch.setattr(sim.cli.common, "PORTFOLIO_PROGRESS", 3)      # a "long run" of 3 plans
    r = run("solve", folder, "--format", "json", "--lang", "en")
    assert r.exit_code == 0 and r.stderr.count("solving: 3/3") == 1 and "loading: 3/3" in r.stderr
    assert json.loads(r.stdout)["portfolio"]["plans"] == 3             # stdout holds the report only
    r = run("diff", folder, "--as-of", "2021-12-31", "--as-of", "2023-12-31", "--lang", "en")
    assert r.stderr.count("checking as of 2021-12-31: 3/3") == 1


def test_progress_lines_are_in_the_commands_language(folder, monkeypatch):
    import sim.cli.common
    monkeypatch.setattr(sim.cli.common, "PORTFOLIO_PROGRESS", 3)
    r = run("check", folder)                                           # zh by default
    assert r.stderr.count("读取：3/3") == 1 and r.stderr.count("检查：3/3") == 1, r.stderr
    assert not english(r.stderr) and "loading" not in r.stderr
    r = run("check", folder, "--lang", "en")
    assert r.stderr.count("loading: 3/3") == 1 and r.stderr.count("checking: 3/3") == 1, r.stderr
    r = run("simulate", folder, "--draws", "200", "--seed", "1", "--format", "json")
    assert "模拟各规划：3/3" in r.stderr and not english(r.stderr)


def test_solve_summarizes_statuses_by_indicator_name_and_owner_across_plans(folder):
    """Like check: solve DIR counts targets by status per indicator name and per owner, over plans."""
    d = _json("solve", folder)
    rows, s = d["rows"], d["summary"]
    for key, field in (("by_indicator", "name"), ("by_owner", "owner")):
        assert sum(g["targets"] for g in s[key].values()) == len(rows)
        for k, g in s[key].items():
            mine = [r for r in rows if (r[field] or "—") == k]
            assert g["targets"] == len(mine) and g["plans"] == len({r["plan"] for r in mine})
            assert g["by_status"] == {st: sum(r["status"] == st for r in mine) for st in g["by_status"]}
    table = run("solve", folder).stdout
    assert "按指标名称(跨规划)" in table and "按责任单位" in table
