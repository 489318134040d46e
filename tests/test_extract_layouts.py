"""Table layouts and files: generated tables written in every layout and file type read back whole;
header, alignment and self-check rules one by one; hostile files give located errors."""
from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.cli import main
from sim.errors import SimError
from sim.extract.align import fit_row, is_name, segment
from sim.extract.delimit import delimit
from sim.extract.draft import extract_file, extract_text
from sim.report.labels import text
from sim.extract.header import column, combine, header_columns
from sim.spec.phrases import plain

NAMES = [("全社会研发投入强度", "%"), ("常住人口城镇化率", "%"), ("森林覆盖率", "%"),
         ("货物贸易进出口额", "亿元"), ("城镇居民人均可支配收入", "元"), ("实际利用外资", "万美元"),
         ("高新技术企业数量", "家"), ("每千人拥有医疗机构床位数", "张"), ("省级重点实验室", "个"),
         ("接待长三角地区游客量", "万人次"), ("细颗粒物(PM2.5)平均浓度", "微克/立方米")]


def value(unit: str):
    return st.decimals(min_value="0.1", max_value="99" if unit == "%" else "9999", places=1).map(float)

LAYOUTS = ["stream", "rows", "md", "tabs", "csv", "aligned", "header2"]


@st.composite
def tables(draw):
    """(rows, y0, by, ty, sections): rows are (name, unit, h0 or None, base or None, target, growth or None)."""
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True))
    by = draw(st.integers(2015, 2024))
    rows = [(n, u, draw(st.none() | value(u)), draw(st.none() | value(u)), draw(value(u)),
             draw(st.none() | st.decimals(min_value="0.5", max_value="15", places=1).map(float)))
            for n, u in names]
    sections = draw(st.lists(st.integers(0, len(rows) - 1), max_size=2, unique=True))
    return rows, by - 5, by, by + draw(st.integers(1, 10)), set(sections)


def _grid(rows, y0, by, ty, sections, numbered):
    head = (["序号"] if numbered else []) + ["指标", "单位", f"{y0}年完成", f"{by}年完成", f"{ty}年目标",
                                             "年均增长(%)", "属性"]
    body = []
    for k, (name, unit, h0, base, target, growth) in enumerate(rows):
        if k in sections:
            body.append(["一、发展指标"] + [""] * (len(head) - 1))
        cells = [name, unit, plain(h0) if h0 else "/", plain(base) if base else "—", plain(target),
                 plain(growth) if growth else "—", "预期性"]
        body.append(([str(k + 1)] if numbered else []) + cells)
    return head, body


def render(rows, y0, by, ty, sections, layout, numbered):
    head, body = _grid(rows, y0, by, ty, sections, numbered)
    if layout == "stream":       # one cell per line, each ending in ' |'; a heading's empties on one line
        out = []
        for r in [head] + body:
            if not any(r[1:]):
                out.append(r[0] + " " + "|" * len(r))
            else:
                out += [f"{c} |" for c in r]
        return "\n".join(out)
    if layout in ("rows", "md", "header2"):
        lines = []
        if layout == "header2":      # the years over a second header row
            top = [c if not c[0].isdigit() else c[:5] for c in head]
            low = ["" if not c[0].isdigit() else c[5:] for c in head]
            lines += ["| " + " | ".join(top) + " |", "| " + " | ".join(low) + " |"]
        else:
            lines.append(("| " if layout == "md" else "") + " | ".join(head) + (" |" if layout == "md" else ""))
        if layout == "md":
            lines.append("|" + "---|" * len(head))
        lines += [("| " if layout != "rows" else "") + " | ".join(r) + (" |" if layout != "rows" else "")
                  for r in body]
        return "\n".join(lines)
    if layout == "tabs":
        return "\n".join("\t".join(r) for r in [head] + body)
    if layout == "csv":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([head] + body)
        return buf.getvalue().rstrip("\n")
    widths = [max(_w(r[j]) for r in [head] + body if any(r[1:])) + 2 for j in range(len(head))]
    return "\n".join(r[0] if not any(r[1:]) else
                     "".join(c + " " * (w - _w(c)) for c, w in zip(r, widths)).rstrip() for r in [head] + body)


def _w(s: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in s)


@settings(max_examples=60, deadline=None)
@given(t=tables(), layout=st.sampled_from(LAYOUTS), numbered=st.booleans())
def test_generated_tables_read_back_in_every_layout(t, layout, numbered):
    rows, y0, by, ty, sections = t
    text = "某市“十四五”规划\n主要指标\n" + render(rows, y0, by, ty, sections, layout, numbered) + "\n"
    d = extract_text(text, "g.txt")
    s = d.spec
    assert (s.plan.base_year, s.plan.target_year) == (by, ty)
    got = {i.name: i for i in s.indicators}
    assert set(got) == {n for n, *_ in rows} and d.summary["unread"] == 0
    for name, unit, h0, base, target, growth in rows:
        ind = got[name]
        assert ind.unit == unit and ind.attribute == "expected"
        assert ind.actuals() == {y: v for y, v in ((y0, h0), (by, base)) if v}
        levels = [t.value for t in ind.targets if t.kind == "level"]
        rates = [t.value for t in ind.targets if t.kind == "growth"]
        if unit == "%" and growth:           # a rate's 年均 cell is its own level
            assert sorted(levels) == sorted([target, growth])
        else:
            assert levels == [target] and rates == ([growth] if growth else [])


@settings(max_examples=8, deadline=None)
@given(t=tables(), kind=st.sampled_from(["docx", "xlsx", "html"]))
def test_generated_tables_read_back_from_files(tmp_path_factory, t, kind):
    rows, y0, by, ty, sections = t
    head, body = _grid(rows, y0, by, ty, sections, True)
    path = tmp_path_factory.mktemp("f") / f"plan.{kind}"
    if kind == "docx":
        import docx
        doc = docx.Document()
        doc.add_paragraph("某市“十四五”规划")
        table = doc.add_table(rows=0, cols=len(head))
        for r in [head] + body:
            cells = table.add_row().cells
            for c, v in zip(cells, r):
                c.text = v
        doc.save(path)
    elif kind == "xlsx":
        import openpyxl
        wb = openpyxl.Workbook()
        wb.active.append(["某市“十四五”规划"])
        for r in [head] + body:
            wb.active.append(r)
        wb.save(path)
    else:
        trs = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in [head] + body)
        path.write_bytes(f"<html><meta charset='gbk'><p>某市“十四五”规划</p><table>{trs}</table>".encode("gbk"))
    s = extract_file(path).spec
    assert {i.name for i in s.indicators} == {n for n, *_ in rows}
    for name, _, h0, base, target, _ in rows:
        ind = next(i for i in s.indicators if i.name == name)
        assert ind.actuals() == {y: v for y, v in ((y0, h0), (by, base)) if v}
        assert target in [t.value for t in ind.targets if t.kind == "level"]


def test_header_roles_and_multi_row_headers():
    assert column("“十三五”年均增长(%)").growth_end == 2020
    assert column("2016-2020年均增长").growth_end == 2020
    assert column("2015年完成").role == "baseline" and column("2025年目标值").role == "target"
    assert column("“十三五”末(2020年)").year == 2020 and column("地区生产总值") is None
    labels = combine([["指标", "2020年", "", "2025年", "", "属性"], ["", "绝对值", "增速", "目标", "年均增长", ""]])
    assert labels == ["指标", "2020年绝对值", "2020年增速", "2025年目标", "2025年年均增长", "属性"]
    cols = header_columns(labels)
    assert [(c.role, c.growth_kind) for c in cols] == [
        ("name", None), ("baseline", None), ("growth", "history"), ("target", None), ("growth", "target"),
        ("attribute", None)]
    bare = header_columns(["指标", "2015年", "2020年", "年均增长", "2025年", "年均增长"])
    assert [c.growth_kind for c in bare if c.role == "growth"] == ["history", "target"]
    assert header_columns(["项目名称", "建设内容", "总投资"]) is None
    assert (column("基期(2020年)").role, column("目标值(2025年)").role) == ("baseline", "target")


def test_rows_that_do_not_fit_are_refused_with_their_reason():
    cols = header_columns(["序号", "指标", "单位", "2020年", "2025年", "属性"])
    assert fit_row(cols, ["1", "GDP总量", "亿元", "1", "2", "预期性"])[0] is not None
    fitted, why = fit_row(cols, ["1", "300.41", "亿元", "1", "2", "预期性"])
    assert fitted is None and text(why, "en") == "a number '300.41' where the name belongs"
    assert text(why, "zh") == "指标名称处是数字'300.41'"
    assert "attribute" in text(fit_row(cols, ["1", "预期性", "亿元", "1", "2", "预期性"])[1], "en")
    assert fit_row(cols, ["GDP总量", "亿元", "1", "2", "预期性"])[0][0] == ""     # 序号 merged upward
    assert fit_row(cols, ["1", "GDP总量", "亿元", "1", "2", "预期性", "", ""])[0] is not None
    assert text(fit_row(cols, ["1", "GDP总量", "亿元", "1", "2", "预期性", "x"])[1], "en") == \
        "7 cells where the header has 6"
    pieces = segment(cols, ["一、经济", "", "", "1", "GDP总量", "亿元", "1", "2", "预期性",
                            "2", "税收", "亿元", "3", "预期性", "3", "人口", "万人", "5", "6", "预期性"])
    assert [k for k, *_ in pieces] == ["section", "row", "unread", "row"]


def test_delimited_text_becomes_rows():
    out = delimit(["指标\t2020年\t2025年", "\tGDP\t3", "名称,2020年,2025年目标", '人口,"1,234",2'])
    assert out[:2] == ["| 指标 | 2020年 | 2025年 |", "|  | GDP | 3 |"]
    assert out[3] == "| 人口 | 1,234 | 2 |"
    prose = ["到2025年,GDP达到100亿元,增长8%。", "说明,见下文,附件"]
    assert delimit(prose) == prose


def test_hostile_files_are_located_errors(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><p>通知</p></body></html>", encoding="utf-8")
    with pytest.raises(SimError, match="no indicator table and no target sentence"):
        extract_file(empty)
    for name, data in (("x.docx", b"PK\x03\x04broken"), ("x.xlsx", b""), ("x.pdf", b"%PDF-1.4 garbage"),
                       ("x.doc", b"\xd0\xcf\x11\xe0"), ("x.xls", b"\xd0\xcf\x11\xe0")):
        p = tmp_path / name
        p.write_bytes(data)
        r = CliRunner().invoke(main, ["extract", str(p)])
        assert r.exit_code == 2 and name in r.output and "Traceback" not in r.output


CELLS = st.sampled_from(["", "/", "—", "预期性", "约束性", "12.5", "300.41", "7左右", "[13.5]", "提高2个百分点",
                         "地区生产总值", "一、经济发展", "亿元", "%", "3", "森林覆盖率", "<5.5", "区发改委"])


@settings(max_examples=60, deadline=None)
@given(body=st.lists(CELLS, max_size=60), per_line=st.booleans())
def test_names_are_names_whatever_the_cells(body, per_line):
    """Self-check: whatever cells follow a header, no indicator is named by a number, an attribute,
    a none mark or a unit (such rows become unread comments, or nothing is readable: an error)."""
    head = ["序号", "指标", "单位", "2020年", "2025年目标", "属性"]
    if per_line:
        text = "\n".join(f"{c} |" for c in head + body)
    else:
        rows = [head] + [body[k:k + 6] for k in range(0, len(body), 6)]
        text = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    try:
        d = extract_text("某区规划\n" + text + "\n", "h.txt")
    except SimError:
        return                          # nothing readable: a located error, never a garbage draft
    for i in d.spec.indicators:
        assert is_name(i.name) and i.name not in ("亿元", "%"), i.name


def test_bracketed_figures_are_read_by_the_indicators_meaning(tmp_path):
    """〔13.5〕 on …降低 is a cumulative fall of the level from the base year, 〔5〕 on 新增… a total."""
    from sim.extract.draft import extract_text
    from sim.spec.load import loads_spec
    text = ("序号\t指标\t单位\t2020年\t2025年\t属性\n1\t地区生产总值\t亿元\t600\t800\t预期性\n"
            "2\t单位GDP能耗降低\t%\t\t〔13.5〕\t约束性\n3\t城镇新增就业\t万人\t\t〔5〕\t预期性\n")
    spec = loads_spec(extract_text(text, "t.txt").yaml, "t.yaml")
    kinds = {i.name: [(t.kind, t.relative_to and t.relative_to.change) for t in i.targets] for i in spec.indicators}
    assert kinds["单位GDP能耗降低"] == [("change", -0.135)]
    assert kinds["城镇新增就业"] == [("cumulative", None)]


def test_a_sentence_repeating_a_table_target_adds_no_second_target():
    from sim.extract.draft import extract_text
    from sim.spec.load import loads_spec
    text = ("指标 | 单位 | 2020年 | 2025年\n地区生产总值 | 亿元 | 600 | 800\n\n"
            "到2025年,全市地区生产总值达到800亿元,年均增长6%左右。\n")
    (gdp,) = loads_spec(extract_text(text, "t.txt").yaml, "t.yaml").indicators
    assert [(t.kind, t.value) for t in gdp.targets] == [("level", 800.0), ("growth", 6.0)]
