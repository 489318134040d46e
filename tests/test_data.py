"""`data:` files: CSV (UTF-8, BOM, GB18030) and .xlsx, long and wide, units, vintages and --as-of,
unmatched rows and text cells reported, conflicts with YAML history, sources through to --explain."""
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import sim
from sim.cli import main
from sim.errors import SimError
from tests.conftest import no_escape
from tests.strategies import specs, to_yaml

ROOT = Path(__file__).resolve().parent.parent

PLAN = """plan: {id: demo, title: 演示, base_year: 2020, target_year: 2025}
data:
  - yearbook.csv
  - {path: bulletin.xlsx, sheet: 快报与核实}
indicators:
  - id: gdp
    name: 地区生产总值
    unit: 亿元
    basis: nominal
    target: 400以上
  - id: retail
    name: 社会消费品零售总额
    unit: 亿元
    target: 150
  - id: pop
    name: 常住人口
    unit: 万人
    history: {2019: 50.1}
    target: 55
"""
YEARBOOK = ("指标,单位,2019年,2020年,2021年,2022年\n地区生产总值,万元,2500000,2700000,—,3000000\n"
            "社会消费品零售总额,亿元,100,105,/,\n常住人口,人,501000,505000,510000,-\n不存在的指标,万元,1,2,3,4\n")
BULLETIN = pd.DataFrame({
    "指标名称": ["地区生产总值", "地区生产总值", "地区生产总值增速"], "年份": [2023, 2023, "2023年"],
    "数值": [330, 335.5, 6.1], "单位": ["亿元", "亿元", "%"], "数据类型": ["预计", "初步核实", "预计"],
    "发布日期": ["2024-01-20", "2024-09-30", "2024-01-20"], "来源": ["政府工作报告", "统计公报", "政府工作报告"]})


def write_plan(tmp_path: Path, plan: str = PLAN, yearbook: str = YEARBOOK, bulletin=BULLETIN,
               encoding: str = "gb18030") -> Path:
    (tmp_path / "yearbook.csv").write_bytes(yearbook.encode(encoding))
    with pd.ExcelWriter(tmp_path / "bulletin.xlsx") as w:
        pd.DataFrame({"说明": ["见下一页"]}).to_excel(w, sheet_name="说明", index=False)
        bulletin.to_excel(w, sheet_name="快报与核实", index=False)
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    return tmp_path / "plan.yaml"


def run(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    no_escape(r)
    return r


def test_wide_gb18030_in_wan_yuan_and_long_xlsx_load_into_the_spec(tmp_path):
    spec = sim.load_plan(write_plan(tmp_path))
    gdp = spec.indicator("gdp")
    assert gdp.history == {2019: 250.0, 2020: 270.0, 2022: 300.0, 2023: 335.5}   # 万元 -> 亿元, — missing
    assert gdp.growth_history == {2023: 6.1}
    assert gdp.history_refs[2023].vintage == "初步核实" and gdp.history_refs[2023].source == "统计公报"
    assert gdp.history_refs[2019].row == 2 and gdp.history_refs[2019].file == "yearbook.csv"
    assert spec.indicator("pop").history == {2019: 50.1, 2020: 50.5, 2021: 51.0}   # 人 -> 万人; equal to YAML
    assert [(u.file, u.row, u.name) for u in spec.unmatched] == [("yearbook.csv", 5, "不存在的指标")]
    assert [d.sheet for d in spec.data] == [None, "快报与核实"] and all(len(d.sha256) == 64 for d in spec.data)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings_are_detected(tmp_path, encoding):
    spec = sim.load_plan(write_plan(tmp_path, encoding=encoding))
    assert spec.indicator("retail").history == {2019: 100.0, 2020: 105.0}


@pytest.mark.parametrize("as_of,value,vintage", [(None, 335.5, "初步核实"), ("2024-09-30", 335.5, "初步核实"),
                                                  ("2024-09-29", 330.0, "预计"), ("2024-01-20", 330.0, "预计"),
                                                  ("2024-01-19", 300.0, None)])
def test_as_of_picks_the_value_published_by_the_date(tmp_path, as_of, value, vintage):
    spec = sim.load_plan(write_plan(tmp_path), as_of=as_of)
    gdp = spec.indicator("gdp")
    year = max(gdp.history)
    assert gdp.history[year] == value and gdp.history_refs[year].vintage == vintage
    assert spec.as_of == (as_of if as_of else None)


def test_as_of_on_the_cli_marks_the_estimate_in_every_format(tmp_path):
    path = write_plan(tmp_path)
    d = json.loads(run("check", path, "--as-of", "2024-03-01", "--format", "json").stdout)
    gdp = next(r for r in d["rows"] if r["indicator"] == "gdp")
    assert gdp["latest"] == 330 and gdp["latest_vintage"] == "预计"
    assert d["provenance"]["as_of"] == "2024-03-01" and len(d["provenance"]["data"]) == 2
    assert d["unmatched"] == [{"file": "yearbook.csv", "sheet": None, "row": 5, "name": "不存在的指标"}]
    for fmt, lang, mark in [("table", "zh", "330 亿元 (预计)"), ("md", "en", "330 (estimate)"), ("csv", "zh", "330 (预计)")]:
        assert mark in run("check", path, "--as-of", "2024-03-01", "--format", fmt, "--lang", lang).stdout
    late = json.loads(run("check", path, "--format", "json").stdout)
    assert next(r for r in late["rows"] if r["indicator"] == "gdp")["latest_vintage"] == "初步核实"


def test_unmatched_row_reported_on_stderr_with_file_row_and_name(tmp_path):
    r = run("check", write_plan(tmp_path))
    assert r.exit_code == 0
    assert "yearbook.csv:5" in r.stderr and "不存在的指标" in r.stderr
    assert "中没有名为“不存在的指标”的指标" in r.stderr   # in the report's language (zh by default)
    en = run("check", write_plan(tmp_path), "--lang", "en")
    assert "no indicator of plan" in en.stderr and "yearbook.csv:5" in en.stderr


def test_explain_names_file_row_vintage_and_source(tmp_path):
    out = run("check", write_plan(tmp_path), "--explain", "gdp", "--lang", "en").stdout
    assert "source 2023: bulletin.xlsx [快报与核实]:3 (初步核实) 统计公报" in out
    assert "source 2019: yearbook.csv:2" in out


@pytest.mark.parametrize("cell", ["约300", "n/a", "三百"])
def test_a_text_cell_is_an_error_located_by_file_and_row(tmp_path, cell):
    path = write_plan(tmp_path, yearbook=YEARBOOK.replace("3000000", cell))
    r = run("check", path)
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "yearbook.csv:2" in r.stderr and cell in r.stderr


def test_a_text_cell_in_a_sheet_names_the_sheet(tmp_path):
    bad = BULLETIN.astype({"数值": object})
    bad.loc[1, "数值"] = "待核"
    with pytest.raises(SimError) as e:
        sim.load_plan(write_plan(tmp_path, bulletin=bad))
    assert "bulletin.xlsx:3" in str(e.value) and "快报与核实" in str(e.value) and "待核" in str(e.value)


def test_same_year_twice_differently_is_an_error_unless_vintages_order_them(tmp_path):
    bad = BULLETIN.copy()
    bad.loc[0, "数据类型"] = "初步核实"
    with pytest.raises(SimError) as e:
        sim.load_plan(write_plan(tmp_path, bulletin=bad))
    assert "335.5" in str(e.value) and "330" in str(e.value) and "bulletin.xlsx" in str(e.value)


def test_a_conflict_with_yaml_history_names_both_places(tmp_path):
    path = write_plan(tmp_path, plan=PLAN.replace("{2019: 50.1}", "{2019: 49}"))
    r = run("check", path)
    assert r.exit_code == 2
    assert "yearbook.csv:4" in r.stderr and "plan.yaml" in r.stderr and "49" in r.stderr


@pytest.mark.parametrize("yearbook,words", [
    ("指标,2019\n地区生产总值,1e300\n", "not a usable value"),
    ("指标,单位,2019\n地区生产总值,平方米,1\n", "does not convert"),
    ("foo,bar\n1,2\n", "no header row"),
    ("指标,年份,数值,数据类型\n地区生产总值,2019,1,大概\n", "not a vintage"),
    ("指标,年份,数值\n地区生产总值,公元,1\n", "not a year"),
])
def test_bad_cells_are_located_errors(tmp_path, yearbook, words):
    r = run("check", write_plan(tmp_path, yearbook=yearbook), "--lang", "en")
    assert r.exit_code == 2 and words in r.stderr and "yearbook.csv" in r.stderr


def test_missing_data_file_and_wrong_suffix_are_located(tmp_path):
    path = write_plan(tmp_path, plan=PLAN.replace("yearbook.csv", "nothere.csv"))
    r = run("check", path)
    assert r.exit_code == 2 and "nothere.csv: 找不到数据文件" in r.stderr
    r = run("check", path, "--lang", "en")
    assert r.exit_code == 2 and "nothere.csv" in r.stderr and "not found" in r.stderr
    path = write_plan(tmp_path, plan=PLAN.replace("yearbook.csv", "yearbook.txt"))
    r = run("validate", path)
    assert r.exit_code == 2 and "plan.yaml:3" in r.stderr


def test_load_actuals_is_the_tidy_long_frame(tmp_path):
    write_plan(tmp_path)
    df = sim.load_actuals(tmp_path / "yearbook.csv")
    assert list(df.columns[:4]) == ["indicator", "year", "value", "unit"]
    assert len(df) == 4 * 4 - 4        # 16 cells, 4 missing (—, /, -, empty)
    assert df.loc[(df.indicator == "常住人口") & (df.year == 2021), "value"].item() == 510000
    long = sim.load_actuals(tmp_path / "bulletin.xlsx", sheet="快报与核实")
    assert list(long.vintage) == ["预计", "初步核实", "预计"] and long.published.iloc[1] == "2024-09-30"


def test_check_without_data_does_not_import_pandas(tmp_path):
    plain = tmp_path / "plain.yaml"
    plain.write_text(PLAN.split("data:")[0] + "indicators:" + PLAN.split("indicators:")[1], encoding="utf-8")
    code = ("import sys; from click.testing import CliRunner; from sim.cli import main; "
            f"r = CliRunner().invoke(main, ['check', {str(plain)!r}]); "
            "assert r.exit_code == 0, r.output; print('pandas' in sys.modules, 'scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_check_with_csv_data_does_not_import_pandas():
    """The bundled plans read CSV data: the standard library reads it (pandas only for xlsx/DataFrames)."""
    spec = ROOT / "specs" / "tunxi-yrd-2027.yaml"
    code = ("import sys; from click.testing import CliRunner; from sim.cli import main; "
            f"r = CliRunner().invoke(main, ['check', {str(spec)!r}]); "
            "assert r.exit_code == 0, r.output; print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False"]


def test_a_ragged_csv_row_is_located(tmp_path):
    (tmp_path / "d.csv").write_text("indicator,year,value\ngdp,2021,1,2\n", encoding="utf-8")
    spec = tmp_path / "p.yaml"
    spec.write_text("plan: {id: p, title: t, region: r, source: s, base_year: 2022, target_year: 2025}\n"
                    "data: [d.csv]\nindicators:\n  - {id: gdp, name: GDP, unit: 亿元, target: 150}\n",
                    encoding="utf-8")
    r = run("check", spec, "--lang", "en")
    assert r.exit_code == 2 and "d.csv:2" in r.stderr and "column 4, beyond the header" in r.stderr


@pytest.mark.parametrize("lang,mark", [("zh", "330 (预计)"), ("en", "330 (estimate)")])
def test_report_md_html_and_xlsx_flag_the_estimate_and_list_the_data_files(tmp_path, lang, mark):
    from openpyxl import load_workbook
    path = write_plan(tmp_path)
    for ext in ("md", "html"):
        out = tmp_path / f"r.{ext}"
        assert run("report", path, "--as-of", "2024-03-01", "--draws", 0, "--lang", lang, "-o", out).exit_code == 0
        text = out.read_text(encoding="utf-8")
        assert mark in text
    assert "bulletin.xlsx [快报与核实]" in text and "2024-03-01" in text       # html file list: data files, as-of
    xlsx = tmp_path / "r.xlsx"
    assert run("check", path, "--as-of", "2024-03-01", "--format", "xlsx", "--lang", lang, "-o", xlsx).exit_code == 0
    ws = load_workbook(xlsx).worksheets[0]
    head = [c.value for c in ws[1]]
    col = head.index("最新值口径" if lang == "zh" else "latest vintage")
    assert ("预计" if lang == "zh" else "estimate") in [row[col].value for row in ws.iter_rows(min_row=2)]


SCALED = {"亿元": ("万元", 1e4), "万元": ("元", 1e4), "人": ("万人", 1e-4), "万人次": ("人次", 1e4)}


@settings(max_examples=25)
@given(specs(max_indicators=4), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_history_moved_into_a_wide_csv_loads_back_the_same(data, encoding):
    """Property: any generated plan's history, written as a yearbook table (in another magnitude of
    the unit where there is one), loads back through `data:` as the same history."""
    import tempfile
    years = sorted({y for i in data["indicators"] for y in i.get("history", {})})
    assume(years)
    want = {i["id"]: dict(i.get("history", {})) for i in data["indicators"]}
    with tempfile.TemporaryDirectory() as tmp:
        rows = ["指标,单位," + ",".join(f"{y}年" for y in years)]
        for ind in data["indicators"]:
            unit, f = SCALED.get(ind["unit"], (ind["unit"], 1.0))
            h = ind.pop("history", {})
            rows.append(f"{ind['name']},{unit}," + ",".join(repr(h[y] * f) if y in h else "—" for y in years))
        data["data"] = ["t.csv"]
        (Path(tmp) / "t.csv").write_bytes(("\n".join(rows) + "\n").encode(encoding))
        (Path(tmp) / "p.yaml").write_text(to_yaml(data), encoding="utf-8")
        spec = sim.load_plan(Path(tmp) / "p.yaml")
    for ind in spec.indicators:
        assert ind.history.keys() == want[ind.id].keys()
        assert all(ind.history[y] == pytest.approx(v, rel=1e-9) for y, v in want[ind.id].items())
        assert all(ind.history_refs[y].file == "t.csv" for y in ind.history)
    assert not spec.unmatched


@settings(max_examples=40)
@given(st.lists(st.tuples(st.sampled_from(["预计", "快报", "初步核实", "最终核实", ""]),
                          st.integers(1, 365), st.floats(1, 1000)), min_size=1, max_size=6,
                unique_by=lambda t: t[0]),
       st.integers(1, 400))
def test_as_of_picks_the_latest_vintage_published_by_the_date(rows, day):
    """Property: as of a date, the value is the one of the highest vintage among those published by then."""
    import datetime as dt

    from sim.data.vintages import RANK, choose
    from sim.spec.model import Observation
    start = dt.date(2024, 1, 1)
    obs = [Observation(indicator="x", year=2023, value=v, vintage=k or None,
                       published=(start + dt.timedelta(days=d)).isoformat(), file="f") for k, d, v in rows]
    date = start + dt.timedelta(days=day)
    got = choose(obs, date)
    known = [o for o in obs if dt.date.fromisoformat(o.published) <= date]
    assert (got is None) == (not known)
    if known:
        best = max(RANK[o.vintage or "最终核实"] for o in known)
        assert RANK[got.vintage or "最终核实"] == best and got in known


def test_percent_and_thousands_written_in_cells(tmp_path):
    plan = PLAN + """  - id: urban
    name: 城镇化率
    unit: "%"
    model: linear
    target: 80
"""
    yearbook = YEARBOOK + "城镇化率,,70.5%,71.2％,,\n"
    spec = sim.load_plan(write_plan(tmp_path, plan=plan, yearbook=yearbook.replace("2700000", '"2,700,000"')))
    assert spec.indicator("urban").history == {2019: 70.5, 2020: 71.2}
    assert spec.indicator("gdp").history[2020] == 270.0


def test_every_bad_row_of_every_data_file_is_reported_at_once(tmp_path):
    (tmp_path / "bad.csv").write_text("indicator,year,value,unit\ngdp,2023,1e16,亿元\ngdp,2022,inf,亿元\n"
                                      "pop,2021,5,万美元\ngdp,20x3,5,亿元\ngdp,2021,100,亿元\n", encoding="utf-8")
    spec = tmp_path / "s.yaml"
    spec.write_text("plan: {id: p, title: t, region: r, source: s, base_year: 2022, target_year: 2025}\n"
                    "data: [bad.csv, missing.csv]\nindicators:\n  - {id: gdp, name: GDP, unit: 亿元, target: 150}\n"
                    "  - {id: pop, name: 人口, unit: 万人, target: 50}\n", encoding="utf-8")
    r = run("validate", spec, "--lang", "en")
    assert r.exit_code == 2
    for where in ("bad.csv:2:", "bad.csv:3:", "bad.csv:4:", "bad.csv:5:", "missing.csv: data file not found"):
        assert where in r.stderr, where
    assert "bad.csv:6" not in r.stderr   # the good row


def test_a_utf8_mark_before_gb18030_text_is_read(tmp_path):
    (tmp_path / "d.csv").write_bytes(b"\xef\xbb\xbf" + "indicator,year,value\n地区生产总值,2021,110\n".encode("gb18030"))
    spec = tmp_path / "p.yaml"
    spec.write_text("plan: {id: p, title: t, region: r, source: s, base_year: 2022, target_year: 2025}\n"
                    "data: [d.csv]\nindicators:\n  - {id: gdp, name: 地区生产总值, unit: 亿元, target: 150}\n",
                    encoding="utf-8")
    d = json.loads(run("check", spec, "--format", "json").stdout)
    assert d["rows"][0]["latest"] == 110
