"""Hostile data files: every column and cell is read with a meaning or refused with a located error
(file:row, what is wrong, how to fix it), never silently left out."""
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from sim.cli import main
from sim.data import load_plan

PLAN = ("plan: {id: p, title: t, base_year: 2020, target_year: 2025}\ndata: [DATA]\nindicators:\n"
        "  - {id: gdp, name: 地区生产总值, unit: 亿元, target: 150}\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def plan_with(tmp_path, name: str, content) -> str:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        content.save(path)
    spec = tmp_path / "p.yaml"
    spec.write_text(PLAN.replace("DATA", name), encoding="utf-8")
    return spec


def refused(spec, *needles):
    r = run("validate", spec, "--lang", "en")
    assert r.exit_code == 2 and "Traceback" not in r.stderr, r.output
    for n in needles:
        assert n in r.stderr, r.stderr
    return r.stderr


@pytest.mark.parametrize("csv,needles", [
    ("indicator,year,value,value\ngdp,2021,100,200\n", ["d.csv:1", "2 columns give the value", "column 3", "column 4"]),
    ("指标,数值,年份,值\ngdp,100,2021,200\n", ["d.csv:1", "'数值' (column 2)", "'值' (column 4)"]),
    ("指标,2021,2021年\ngdp,100,200\n", ["d.csv:1", "the year '2021年' (column 3) repeats '2021' (column 2)"]),
    ("指标,2022,2023*\ngdp,100,200\n", ["d.csv:1", "'2023*' (column 3) cannot be read as a year", "2020E"]),
    ("指标,2019,2016-2020年均增速\ngdp,100,7\n", ["'2016-2020年均增速'", "delete the column"]),
    ("indicator,year,value,2021\ngdp,2021,100,200\n", ["'2021' (column 4)", "in a long table"]),
])
def test_header_columns_that_cannot_all_be_read_are_located(tmp_path, csv, needles):
    refused(plan_with(tmp_path, "d.csv", csv), *needles)


@pytest.mark.parametrize("header,vintage", [("2021E", "预计"), ("2021年E", "预计"), ("2021(预计)", "预计"),
                                            ("2021（快报）", "快报"), ("2021年(初步核实)", "初步核实")])
def test_a_year_column_with_a_vintage_reads_as_that_vintage(tmp_path, header, vintage):
    spec = load_plan(plan_with(tmp_path, "d.csv", f"指标,2020,{header}\ngdp,100,110\n"))
    got = {o.year: o.vintage for o in spec.observations}
    assert got == {2020: None, 2021: vintage}
    assert spec.indicators[0].history == {2020: 100, 2021: 110}


def test_two_vintages_of_one_year_in_two_columns_order_by_vintage(tmp_path):
    spec = load_plan(plan_with(tmp_path, "d.csv", "指标,2021(预计),2021(初步核实)\ngdp,100,104\n"))
    assert spec.indicators[0].history == {2021: 104}


def test_a_long_year_cell_with_a_vintage_and_a_contradicting_vintage_cell(tmp_path):
    spec = load_plan(plan_with(tmp_path, "d.csv", "indicator,year,value\ngdp,2021E,100\ngdp,2021,101\n"))
    assert {(o.year, o.vintage, o.value) for o in spec.observations} == {(2021, None, 101), (2021, "预计", 100)}
    refused(plan_with(tmp_path, "d.csv", "indicator,year,value,vintage\ngdp,2021E,100,快报\n"),
            "d.csv:2", "contradicts the year '2021E'")


@pytest.mark.parametrize("published,needles", [
    ("2019-05-01", ["d.csv:2", "published on 2019-05-01, before the year it reports"]),
    ("2024-13-01", ["d.csv:2", "'2024-13-01' is not a publication date"]),
    ("2024-02-30", ["d.csv:2", "not a publication date"]),
    ("0000-01-01", ["d.csv:2", "not a publication date"]),
    ("3024-01-01", ["d.csv:2", "outside"]),
])
def test_publication_dates_before_the_year_or_out_of_range_are_located(tmp_path, published, needles):
    refused(plan_with(tmp_path, "d.csv", f"indicator,year,value,published\ngdp,2021,100,{published}\n"), *needles)


def test_a_publication_date_in_the_data_year_is_read(tmp_path):
    spec = load_plan(plan_with(tmp_path, "d.csv", "indicator,year,value,vintage,published\ngdp,2021,100,预计,2021-12-20\n"))
    assert spec.observations[0].published == "2021-12-20"


@pytest.mark.parametrize("csv,needles", [
    ("indicator,year,value\ngdp,2020,100\nindicator,year,value\ngdp,2021,110\n", ["d.csv:3", "second header row (the first is row 1)"]),
    ("指标,2019,2020\ngdp,90,100\n指标,2021,2022\ngdp,110,120\n", ["d.csv:3", "second header row"]),
    ("表1 主要指标\nindicator,year,value\ngdp,2021,1,2\n", ["d.csv:3", "column 4, beyond the header's last column (column 3)"]),
])
def test_repeated_headers_and_cells_beyond_the_header_are_located(tmp_path, csv, needles):
    refused(plan_with(tmp_path, "d.csv", csv), *needles)


@pytest.mark.parametrize("sep", [",", "\t"])
def test_a_title_row_narrower_than_the_header_is_not_a_ragged_row(tmp_path, sep):
    text = f"表1 主要指标\n\n指标{sep}单位{sep}2020{sep}2021{sep}\n地区生产总值{sep}亿元{sep}100{sep}110{sep}\n"
    spec = load_plan(plan_with(tmp_path, "d.csv", text))
    assert spec.indicators[0].history == {2020: 100, 2021: 110}


def _book(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    return wb


def test_a_formula_with_no_saved_value_is_a_located_error(tmp_path):
    wb = _book([["指标", "2020", "2021"], ["地区生产总值", 100, "=B2*1.1"]])
    refused(plan_with(tmp_path, "d.xlsx", wb), "d.xlsx:2", "=B2*1.1", "no saved value", "save it")


def test_merged_cells_in_a_data_row_are_a_located_error(tmp_path):
    wb = _book([["指标", "单位", "2020", "2021"], ["地区生产总值", "亿元", 100, None], ["地区生产总值增速", "%", 5, 6]])
    wb.active.merge_cells("C2:D2")
    refused(plan_with(tmp_path, "d.xlsx", wb), "d.xlsx:2", "merged cells C2:D2", "unmerge")
    wb = _book([["指标", "单位", "2020", "2021"], ["地区生产总值", "亿元", 100, 110], [None, "亿元", 1, 2]])
    wb.active.merge_cells("A2:A3")
    refused(plan_with(tmp_path, "d.xlsx", wb), "d.xlsx:3", "merged cells A2:A3", "unmerge")


def test_a_merged_title_above_the_header_and_an_excel_error_cell(tmp_path):
    wb = _book([["表1 主要指标", None, None], ["指标", "2020", "2021"], ["地区生产总值", 100, 110]])
    wb.active.merge_cells("A1:C1")
    assert load_plan(plan_with(tmp_path, "d.xlsx", wb)).indicators[0].history == {2020: 100, 2021: 110}
    wb = _book([["指标", "2020", "2021"], ["地区生产总值", 100, "#DIV/0!"]])
    refused(plan_with(tmp_path, "d.xlsx", wb), "d.xlsx:2", "'#DIV/0!' is not a number")


def test_a_folder_a_link_loop_and_a_header_with_no_rows_say_what_they_are(tmp_path):
    (tmp_path / "d.csv").mkdir()
    refused(plan_with_path(tmp_path, "d.csv"), "d.csv", "a folder, not a data file")
    (tmp_path / "l.csv").symlink_to("l.csv")
    refused(plan_with_path(tmp_path, "l.csv"), "l.csv", "symbolic links")
    refused(plan_with(tmp_path, "h.csv", "indicator,year,value\n"), "h.csv", "header (row 1) but no rows of data")


def test_a_name_with_an_invisible_mark_matches_its_indicator(tmp_path):
    spec = load_plan(plan_with(tmp_path, "d.csv", "指标,2020,2021\n地区\u200b生产\u200f总值,100,110\n"))
    assert spec.indicators[0].history == {2020: 100, 2021: 110} and not spec.unmatched


def plan_with_path(tmp_path, name: str):
    spec = tmp_path / "p.yaml"
    spec.write_text(PLAN.replace("DATA", name), encoding="utf-8")
    return spec
