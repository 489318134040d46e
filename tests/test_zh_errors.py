"""Errors speak the command's language: in Chinese (the default) no English sentence, in English with
--lang en; every error template has both languages with the same placeholders, and every code the
code base raises has a template. Still one located line per error, exit 2, no traceback."""
from __future__ import annotations

import inspect
import re
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

from sim.cli import main
from sim.errors import SimError
from sim.report.labels import TEMPLATES, error_text
from sim.report.labels.errors import TEMPLATES as ERROR_TEMPLATES
from sim.spec.load import loads_spec
from tests.test_spec_errors import CASES, GOOD, HEAD
from tests.zh import english

ROOT = Path(__file__).resolve().parent.parent
SIM = ROOT / "sim"
TUNXI = str(ROOT / "specs" / "tunxi-yrd-2027.yaml")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _fields(tpl) -> set[str] | tuple:
    if callable(tpl):
        return tuple(inspect.signature(tpl).parameters)
    return {name for _, name, _, _ in string.Formatter().parse(tpl) if name}


@pytest.mark.parametrize("code", sorted(ERROR_TEMPLATES))
def test_every_error_template_has_zh_and_en_with_the_same_placeholders(code):
    en, zh = ERROR_TEMPLATES[code]
    assert en and zh, code
    assert callable(en) == callable(zh), code
    assert _fields(en) == _fields(zh), code
    if not callable(zh):
        assert CJK.search(zh) or not english(zh), (code, zh)    # the zh text is Chinese (or symbols only)


def test_every_message_code_in_the_code_base_has_a_template():
    used = set()
    for path in SIM.rglob("*.py"):
        used |= set(re.findall(r"\bMsg\(\s*\"([a-z_]+\.[a-z_]+)\"", path.read_text(encoding="utf-8")))
    assert used, "no Msg codes found"
    known = set(TEMPLATES) | set(ERROR_TEMPLATES)      # the errors' are added on first use
    assert not sorted(used - known), sorted(used - known)


def _zh_ok(text: str):
    assert text.strip() and "Traceback" not in text, text
    assert not english(text), (english(text), text)
    assert CJK.search(text), text


@pytest.mark.parametrize("name,text", [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_spec_errors_in_chinese(name, text):
    with pytest.raises(SimError) as e:
        loads_spec(text, "x.yaml")
    zh, en = error_text(e.value, "zh"), error_text(e.value, "en")
    _zh_ok(zh)
    assert len(zh.splitlines()) == len(en.splitlines()) == len(getattr(e.value, "errors", [e.value]))
    assert [line.split(": ")[0] for line in zh.splitlines()] == [line.split(": ")[0] for line in en.splitlines()]
    assert str(e.value) == en          # str() stays the English text


SPEC_OK = HEAD + "  " + GOOD.replace("\n", "\n  ")


def _files(tmp_path, **texts) -> dict[str, str]:
    out = {}
    for name, text in texts.items():
        p = tmp_path / name.replace("_", ".", 1)
        p.write_text(text, encoding="utf-8")
        out[name] = str(p)
    return out


BROKEN = {   # name -> (files to write, command with {file} placeholders)
    "yaml tab": ({"p_yaml": HEAD + "\t- id: a\n"}, ["validate", "{p_yaml}"]),
    "duplicate key": ({"p_yaml": SPEC_OK + "    name: 又一个\n"}, ["validate", "{p_yaml}"]),
    "empty spec": ({"p_yaml": "\n"}, ["validate", "{p_yaml}"]),
    "not a mapping": ({"p_yaml": "- 1\n- 2\n"}, ["validate", "{p_yaml}"]),
    "years reversed": ({"p_yaml": SPEC_OK.replace("target_year: 2027", "target_year: 2020")}, ["validate", "{p_yaml}"]),
    "bad phrase": ({"p_yaml": SPEC_OK.replace("target: 20", "target: 力争")}, ["validate", "{p_yaml}"]),
    "phrase unit": ({"p_yaml": SPEC_OK.replace("target: 20", "target: 20平方米以上")}, ["validate", "{p_yaml}"]),
    "no base year": ({"p_yaml": SPEC_OK.replace("target: 20", "target: 比2020年增长〔5〕%")}, ["validate", "{p_yaml}"]),
    "relation": ({"p_yaml": SPEC_OK + "relations:\n  - {id: r, expr: 'a = b ** 2'}\n"}, ["validate", "{p_yaml}"]),
    "unknown reference": ({"p_yaml": SPEC_OK + "    reference: nowhere\n"}, ["validate", "{p_yaml}"]),
    "missing data file": ({"p_yaml": SPEC_OK + "data: [nothere.csv]\n"}, ["validate", "{p_yaml}"]),
    "bad data cell": ({"d_csv": "indicator,year,value\na,2021,很多\n", "p_yaml": SPEC_OK + "data: [d.csv]\n"},
                      ["validate", "{p_yaml}"]),
    "ragged data": ({"d_csv": "indicator,year,value\na,2021,1,2\n", "p_yaml": SPEC_OK + "data: [d.csv]\n"},
                    ["validate", "{p_yaml}"]),
    "no header": ({"d_csv": "foo,bar\n1,2\n", "p_yaml": SPEC_OK + "data: [d.csv]\n"}, ["validate", "{p_yaml}"]),
    "two value columns": ({"d_csv": "indicator,year,value,数值\na,2021,1,2\n", "p_yaml": SPEC_OK + "data: [d.csv]\n"},
                          ["validate", "{p_yaml}"]),
    "bad vintage": ({"d_csv": "指标,年份,数值,数据类型\na,2021,1,大概\n", "p_yaml": SPEC_OK + "data: [d.csv]\n"},
                    ["validate", "{p_yaml}"]),
    "scenario unknown key": ({"s_yaml": "scenario: {id: s}\ncolour: 1\n"}, ["check", TUNXI, "-s", "{s_yaml}"]),
    "scenario bad dist": ({"s_yaml": "scenario: {id: s}\nassumptions:\n  gdp: {growth: {dist: wobbly}}\n"},
                          ["check", TUNXI, "-s", "{s_yaml}"]),
    "scenario bad normal": ({"s_yaml": "scenario: {id: s}\nassumptions:\n  gdp: {growth: {dist: normal, mean: 0.05}}\n"},
                            ["check", TUNXI, "-s", "{s_yaml}"]),
    "correlation": ({"s_yaml": "scenario: {id: s}\ncorrelation: {indicators: [gdp, rd_intensity], "
                               "matrix: [[1, 2], [2, 1]]}\n"}, ["simulate", TUNXI, "-s", "{s_yaml}", "--draws", "10"]),
    "scenario id": ({"s_yaml": "scenario: {id: s}\nassumptions:\n  nowhere: {growth: 0.1}\n"},
                    ["check", TUNXI, "-s", "{s_yaml}"]),
    "spec as scenario": ({}, ["check", TUNXI, "-s", TUNXI]),
    "rate too high": ({"s_yaml": "scenario: {id: s}\nassumptions:\n  gdp: {growth: 50}\n"},
                      ["check", TUNXI, "-s", "{s_yaml}"]),
    "assume unread": ({}, ["check", TUNXI, "--assume", "gdp"]),
    "assume field": ({}, ["check", TUNXI, "--assume", "gdp.colour=1"]),
    "assume number": ({}, ["check", TUNXI, "--assume", "gdp.growth=fast"]),
    "assume id": ({}, ["check", TUNXI, "--assume", "nope.growth=0.1"]),
    "assume rate": ({}, ["check", TUNXI, "--assume", "gdp.growth=-1.5"]),
    "explain id": ({}, ["check", TUNXI, "--explain", "nope"]),
    "as-of date": ({}, ["check", TUNXI, "--as-of", "someday"]),
    "output folder": ({}, ["check", TUNXI, "-o", "/nonexistent-dir/x.md"]),
    "output is input": ({}, ["check", TUNXI, "-o", TUNXI]),
    "midterm option": ({}, ["check", TUNXI, "--margin", "0.2"]),
    "missing spec": ({}, ["validate", "/nonexistent/p.yaml"]),
    "diff usage": ({}, ["diff", TUNXI]),
    "diff not a report": ({"r_json": '{"rows": 3}'}, ["diff", "{r_json}", "{r_json}"]),
    "diff not json": ({"r_json": "{"}, ["diff", "{r_json}", "{r_json}"]),
    "solve probability": ({}, ["solve", TUNXI, "--probability", "2"]),
    "solve indicator": ({}, ["solve", TUNXI, "--indicator", "nope"]),
    "sweep range": ({}, ["sweep", TUNXI, "--indicator", "gdp", "--growth", "0.1:0.05:0.01"]),
    "sweep both": ({}, ["sweep", TUNXI, "--indicator", "gdp", "--growth", "0.05", "--change", "1"]),
    "cluster address": ({}, ["simulate", TUNXI, "--draws", "10", "--cluster", "tls://x"]),
    "report extension": ({}, ["report", TUNXI, "--draws", "0", "-o", "/tmp/x-report.pdf"]),
    "extract nothing": ({"d_txt": "今天天气很好。\n"}, ["extract", "{d_txt}"]),
    "extract encoding": ({"d_txt": "规划"}, ["extract", "{d_txt}", "--encoding", "nope"]),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_cli_errors_in_chinese_by_default_and_english_with_lang_en(tmp_path, name):
    texts, args = BROKEN[name]
    files = _files(tmp_path, **texts)
    args = [a.format(**files) for a in args]
    r = CliRunner().invoke(main, args)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code == 2, (r.output, r.stderr)
    _zh_ok(r.stderr)
    if args[0] == "extract":         # extract has no --lang: its errors are in Chinese
        return
    en = CliRunner().invoke(main, args + ["--lang", "en"])
    assert en.exit_code == 2 and re.search(r"[a-z]{2,} [a-z]{2,}", en.stderr, re.I), en.stderr   # the error, in English
    assert len(en.stderr.splitlines()) == len(r.stderr.splitlines()), (en.stderr, r.stderr)


def test_a_portfolio_report_writes_its_unread_plans_errors_in_the_chosen_language(tmp_path):
    (tmp_path / "a.yaml").write_text(SPEC_OK, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(SPEC_OK.replace("id: p,", "id: q,").replace("target: 20", "target: 20\n    colour: 1"),
                                     encoding="utf-8")
    zh = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "md"])
    assert zh.exit_code == 2 and "未知的键 'colour'" in zh.stdout and "unknown key" not in zh.stdout, zh.stdout
    en = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "md", "--lang", "en"])
    assert "unknown key 'colour'" in en.stdout, en.stdout
    import json
    doc = json.loads(CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json"]).stdout)
    assert doc["errors"][0]["message"] == "unknown key 'colour'"      # JSON keeps the English text
