"""Chinese output has no English sentences: every text command with --lang zh on every bundled spec
and scenario is scanned for runs of three or more English words (ids, units, formula symbols and
file paths are allowed), and `--explain` never prints a Python repr."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sim.cli import main

ROOT = Path(__file__).resolve().parent.parent
SPECS = {p.stem: str(p) for p in sorted((ROOT / "specs").glob("*.yaml"))}
SCEN = {p.stem: str(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))}
SCENARIOS = {"tunxi-yrd-2027": [s for k, s in SCEN.items() if k.startswith("tunxi") and k != "tunxi-ranges"],
             "huzhou-14fyp": [SCEN["huzhou-trend"]]}
# three or more words of two or more Latin letters in a row, not part of an id, path or formula
ENGLISH = re.compile(r"(?<![\w./\\-])[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}(?![\w./(-])")
REPR = re.compile(r"\{'|': |\[\(|Msg\(")


def _user_text() -> list[str]:
    """What the bundled files' authors wrote (scenario descriptions, notes): shown as written."""
    import yaml

    out: list[str] = []

    def walk(x, key=None):
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v, k)
        elif isinstance(x, list):
            for v in x:
                walk(v, key)
        elif isinstance(x, str) and key in ("description", "note", "notes", "source", "name"):
            out.append(x)
    for p in list(SCEN.values()) + list(SPECS.values()):
        walk(yaml.safe_load(Path(p).read_text(encoding="utf-8")))
    return sorted(out, key=len, reverse=True)


USER_TEXT = _user_text()


def english(text: str) -> list[str]:
    """The English runs of ``text`` (tags and scripts of HTML removed first)."""
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    for u in USER_TEXT:
        text = text.replace(u, " ")
    return ENGLISH.findall(text) and [m.group(0) for m in ENGLISH.finditer(text)]


def run(*args: str) -> str:
    r = CliRunner().invoke(main, [*args, "--lang", "zh"])
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code in (0, 1), r.output
    return r.output


def cases() -> list[tuple[str, list[str]]]:
    out = []
    for name, spec in SPECS.items():
        scs = SCENARIOS.get(name, [])
        out.append((f"validate-{name}", ["validate", spec, "--max-growth", "0.05"]))
        for k, sc in enumerate([None] + scs):
            s = ["-s", sc] if sc else []
            tag = f"{name}-{Path(sc).stem if sc else 'trend'}"
            for fmt in ("table", "md", "csv"):
                out.append((f"check-{fmt}-{tag}", ["check", spec, *s, "--format", fmt]))
            out.append((f"check-wide-{tag}", ["check", spec, *s, "--wide", "--max-growth", "0.05"]))
            for preset in ("unsd", "cn-midterm"):
                out.append((f"check-{preset}-{tag}", ["check", spec, *s, "--preset", preset]))
            out.append((f"solve-{tag}", ["solve", spec, *s] + (["--probability", "0.8", "--draws", "300", "--seed", "1"]
                                                                 if sc and "uncertain" in sc else [])))
            out.append((f"simulate-{tag}", ["simulate", spec, *s, "--draws", "300", "--seed", "1"]))
        if scs:
            out.append((f"compare-{name}", ["compare", spec, *sum((["-s", x] for x in scs), []), "--draws", "300",
                                            "--seed", "1"]))
        out.append((f"report-md-{name}", ["report", spec, *sum((["-s", x] for x in scs[:2]), []), "--format", "md",
                                          "--draws", "300", "--seed", "1"]))
        out.append((f"report-html-{name}", ["report", spec, *sum((["-s", x] for x in scs[:2]), []), "--format",
                                            "html", "--draws", "300", "--seed", "1"]))
    out.append(("verify-tunxi", ["verify", SPECS["tunxi-yrd-2027"], "-s", SCEN["tunxi-ranges"], "--max-examples",
                                 "20"]))
    out.append(("sweep-tunxi", ["sweep", SPECS["tunxi-yrd-2027"], "-s", SCEN["tunxi-baseline"], "--indicator", "gdp",
                                "--growth", "0.05:0.08:0.01"]))
    return out


@pytest.mark.parametrize("name,args", cases(), ids=[c[0] for c in cases()])
def test_chinese_output_has_no_english_sentence(name, args):
    found = english(run(*args))
    assert not found, f"{name}: English in the Chinese output: {found[:5]}"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_explain_is_a_chinese_derivation(name):
    spec = SPECS[name]
    from sim.spec.load import load_spec
    for ind in load_spec(spec).indicators:
        for sc in [None] + SCENARIOS.get(name, []):
            out = run("check", spec, *(["-s", sc] if sc else []), "--explain", ind.id)
            assert not REPR.search(out), f"{ind.id}: a Python repr in --explain: {out}"
            assert not english(out), f"{ind.id}: English in --explain: {english(out)[:5]}"


def test_detector_finds_english_and_allows_ids_units_and_paths():
    assert english("预计值 403.7 covers 85% of the change needed")
    assert english("<p>assumed by the scenario</p>")
    assert not english("gdp_pc 地区生产总值 %/yr pp/yr x(1+g) specs/data/tunxi.csv 亿元 CAGR")
    assert not english("required = (425/280)^(1/5) - 1")


# ---- the terminal table -------------------------------------------------------------------------

@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("name", sorted(SPECS))
def test_terminal_table_fits_and_keeps_names_and_statuses_whole(name, width):
    from rich.cells import cell_len

    from sim.data import load_plan
    from sim.report.check import check_report
    from sim.report.checktext import render_check
    from sim.report.labels import STATUS
    from sim.scenario.load import default_scenario, load_scenario
    spec = load_plan(SPECS[name])
    sc = load_scenario(SCENARIOS[name][0], spec) if name in SCENARIOS else default_scenario()
    report = check_report(spec, sc)
    out = render_check(report, "table", "zh", width=width)
    table = out.split("\n汇总")[0]
    assert max(cell_len(line) for line in table.splitlines()) <= width
    assert next(line for line in table.splitlines() if line.startswith("┏")).endswith("┓")   # not cropped
    body = [line for line in table.splitlines() if line.startswith("│")]
    statuses = [c.strip() for line in body for c in line.split("│")[1:-1]]
    for code, label in STATUS["zh"].items():   # each status whole in one cell, never folded
        assert statuses.count(label) == sum(r["status"] == code for r in report["rows"]), (code, width)
    assert "指标名称" in table and not re.search(r"\d\.\d+e[+-]\d", out)
    first = report["rows"][0]
    assert first["name"][:4] in table and first["indicator"] not in table
    ids = render_check(report, "table", "zh", ids=True, width=width)
    assert first["indicator"][:6] in ids


def test_numbers_for_people():
    from sim.report.numbers import people, with_unit
    assert people(45200.0) == "45,200" and people(4.52e4, sep=False) == "45200"
    assert people(359.538) == "359.5" and people(0.66117) == "0.661" and people(1e-9) == "0.000000001"
    assert with_unit(7.59, "%") == "7.59%" and with_unit(319.0, "亿元") == "319 亿元"
    assert people(float("nan")) == "—" and people(-0.0004, "%") == "0"


def test_growth_target_row_shows_the_level_with_its_unit_and_rates_as_percent():
    out = run("check", SPECS["guzhen-2025"])
    row = next(line for line in out.splitlines() if "地区生产总值" in line and "增长8.5%" in line)
    assert "319 亿元" in row and "8.5%" in row


def test_implied_start_names_its_relation_in_chinese():
    out = CliRunner().invoke(main, ["check", str(ROOT / "specs" / "tunxi-yrd-2027.yaml"), "-s",
                                    str(ROOT / "scenarios" / "tunxi-baseline.yaml")]).output
    assert "(由关系式mfg_share推得)起" in out and "(由推得)" not in out


def test_columns_sets_the_width_of_the_table_when_not_a_terminal():
    from rich.cells import cell_len
    args = ["check", str(ROOT / "specs" / "tunxi-yrd-2027.yaml"), "-s", str(ROOT / "scenarios" / "tunxi-baseline.yaml")]
    for width in (80, 120):
        out = CliRunner().invoke(main, args, env={"COLUMNS": str(width)}).output
        table = [ln for ln in out.splitlines() if ln[:1] in "┏┃┡│└"]
        assert table and max(cell_len(ln) for ln in table) <= width
