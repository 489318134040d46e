"""`sim report`: the self-contained HTML page (charts as inline SVG, offline, Chinese labels), the
Markdown briefing, and the page as a person sees it in headless Chromium."""
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import specs, to_yaml

import sim
from sim.cli import main
from sim.report.html import render_html
from sim.report.labels import STATUS as STATUS_LABELS
from sim.report.markdown import render_md
from sim.report.reportdata import report_data
from sim.report.svg import _spread, _ticks
from tests.conftest import no_escape

ROOT = Path(__file__).resolve().parent.parent
TUNXI = str(ROOT / "specs" / "tunxi-yrd-2027.yaml")
SCENARIOS = [str(ROOT / "scenarios" / f"tunxi-{s}.yaml") for s in ("baseline", "optimistic", "pessimistic")]
ARTIFACTS = ROOT / "tests" / "artifacts"
FONT_NAMES = ('"Noto Sans CJK SC"', '"WenQuanYi Micro Hei"', "sans-serif")


def run(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    no_escape(r)
    return r


class Page(HTMLParser):
    """Tags and attributes of a page, and the text inside <svg class="chart">."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.svg_text: list[str] = []
        self.depth = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "svg" and "chart" in (a.get("class") or "").split():
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "svg" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.svg_text.append(data)

    def all(self, tag: str, cls: str | None = None) -> list[dict]:
        return [a for t, a in self.tags if t == tag and (cls is None or cls in (a.get("class") or "").split())]


@pytest.fixture(scope="module")
def tunxi_html(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    r = run("report", TUNXI, *[x for s in SCENARIOS for x in ("-s", s)], "--seed", 1, "-o", out,
            "--assume", "rail_sea_containers.baseline=120")   # an assumed start (gdp starts from its 2021 actual)
    assert r.exit_code == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def tunxi_json():
    return [json.loads(run("check", TUNXI, "-s", s, "--format", "json").output) for s in SCENARIOS]


def test_page_is_self_contained(tunxi_html):
    text = tunxi_html.read_text(encoding="utf-8")
    page = Page(text)
    assert not page.all("script") and not page.all("img") and not page.all("iframe")
    assert [a["href"] for a in page.all("link")] == ["data:,"]
    assert "@import" not in text and "url(" not in text
    csp = next(a["content"] for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    for a in page.all("a"):   # links are to anchors or to data sources; none is loaded by the page
        assert a["href"].startswith(("#", "http://", "https://"))
    assert all(name in text for name in FONT_NAMES)


def test_page_shows_every_indicator_scenario_and_target(tunxi_html, tunxi_json):
    page = Page(tunxi_html.read_text(encoding="utf-8"))
    charts = page.all("svg", "chart")
    assert int(page.all("body")[0]["data-charts"]) == len(charts)
    ids = {c["data-chart"] for c in charts}
    spec = sim.load_spec(TUNXI)
    drawn = {i.id for i in spec.indicators if i.baseline or i.history or any(
        t.value is not None and t.kind == "level" for t in i.targets)}
    assert {"status", "pace"} | drawn == ids
    text = tunxi_html.read_text(encoding="utf-8")
    # one dashed path per scenario on every chart where the scenario projects the indicator
    for ind in ("rd_intensity", "gdp", "pm25"):
        chart = re.search(rf'data-chart="{ind}".*?</svg>', text, re.S).group(0)
        assert chart.count('class="path"') == 3 and chart.count('class="target-mark"') == 1
    assert 'class="assumed-start"' in re.search(r'data-chart="rail_sea_containers".*?</svg>', text, re.S).group(0)
    assert 'class="assumed-start"' in re.search(r'data-chart="gdp".*?</svg>', text, re.S).group(0)   # assumed 2022
    for d in tunxi_json:   # the status bar of each scenario carries its counts
        for code, n in d["summary"]["by_status"].items():
            if n:
                assert f"{STATUS_LABELS['zh'][code]}: {n}</title>" in text


def test_chinese_in_charts_and_provenance(tunxi_html):
    text = tunxi_html.read_text(encoding="utf-8")
    page = Page(text)
    svg_text = "".join(page.svg_text)
    assert "亿元" in svg_text and "目标 2027" in svg_text and "基准情景" in svg_text
    spec = sim.load_spec(TUNXI)
    for ind in spec.indicators:   # every plan number is traced to its line
        if ind.source and ind.source.line:
            assert f"第{ind.source.line}行" in text
    assert "https://7ep8.com/k36p38.html" in text           # the reference's data source
    assert "基期值 280" in text and "ASSUMED baseline" in text  # the named assumption for GDP
    assert "mfg_share" in re.search(r'id="consistency".*?</table>', text, re.S).group(0)


def test_lang_en_labels(tmp_path):
    out = tmp_path / "en.html"
    assert run("report", TUNXI, "-s", SCENARIOS[0], "--lang", "en", "--draws", 0, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "Targets by status" in text and "Required against assumed pace" in text and 'lang="en"' in text
    assert "目标状态汇总" not in text and "所需速度" not in text


def _uncertain_scenario(tmp_path) -> Path:
    d = yaml.safe_load(Path(SCENARIOS[0]).read_text(encoding="utf-8"))
    d["scenario"] = {"id": "uncertain", "name": "不确定情景"}
    d["assumptions"]["gdp"]["real_growth"] = {"dist": "normal", "mean": 0.06, "sd": 0.02}
    p = tmp_path / "uncertain.yaml"
    p.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    return p


def test_band_only_where_simulated(tmp_path):
    spec = sim.load_spec(TUNXI)
    sc = sim.load_scenario(str(_uncertain_scenario(tmp_path)), spec)
    data = report_data(spec, [sc], draws=2000, seed=3)
    text = render_html(data)
    charts = dict(re.findall(r'data-chart="([^"]+)"(.*?)</svg>', text, re.S))
    assert charts["gdp"].count('class="band"') == 1
    assert all('class="band"' not in body for k, body in charts.items() if k != "gdp")
    fan = data["runs"][0]["simulation"]["fan"]["gdp"]
    assert fan["2027"]["p10"] < fan["2027"]["p50"] < fan["2027"]["p90"]
    assert "P10–P90" in text and "达标概率" in text
    # the same seed gives the same report numbers
    assert report_data(spec, [sc], draws=2000, seed=3)["runs"][0]["simulation"] == data["runs"][0]["simulation"]


def test_markdown_briefing_pastes_cleanly():
    r = run("report", TUNXI, *[x for s in SCENARIOS for x in ("-s", s)], "--format", "md", "--draws", 0)
    assert r.exit_code == 0
    md = r.output
    assert "<" not in md.replace("<http", "").replace("<https", "")   # no HTML
    assert md.count("\n## ") == 0 and md.startswith("## ")
    tables = re.findall(r"((?:^\|.*\|\n)+)", md, re.M)
    assert len(tables) == 2
    for t in tables:
        rows = t.strip().split("\n")
        widths = {len(re.split(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1 and max(widths) - 2 <= 7   # same columns in every row; narrow
        assert re.fullmatch(r"\|(---\|)+", rows[1])


def test_xlsx_needs_a_file_on_a_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    from sim.cli.common import emit_bytes
    with pytest.raises(sim.SimError, match="binary"):
        emit_bytes(b"x", None)


def test_bad_scenario_is_exit_2(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("scenario: {id: s}\nassumptions:\n  nope: {growth: 0.1}\n", encoding="utf-8")
    r = run("report", TUNXI, "-s", p, "-o", tmp_path / "r.html")
    assert r.exit_code == 2 and "nope" in r.stderr


@settings(max_examples=15, deadline=None)
@given(specs(), st.sampled_from(["zh", "en"]))
def test_any_spec_renders_finite_charts(data, lang):
    spec = sim.loads_spec(to_yaml(data))
    text = render_html(report_data(spec, [sim.default_scenario()], consistency=False), lang)
    page = Page(text)
    assert len(page.all("svg", "chart")) == int(page.all("body")[0]["data-charts"]) == 2 + len(spec.indicators)
    assert not re.search(r"\b(nan|inf)\b", text, re.I)
    md = render_md(report_data(spec, [sim.default_scenario()], consistency=False), lang)
    assert spec.plan.title in md


def test_names_are_escaped():
    y = ("plan: {id: p, title: 'A <b>&</b>', base_year: 2020, target_year: 2025}\n"
         "indicators:\n  - {id: x, name: '<script>x</script>', unit: 亿元, baseline: 1, target: 2}\n")
    text = render_html(report_data(sim.loads_spec(y), [sim.default_scenario()], consistency=False))
    assert "<script>" not in text and "&lt;script&gt;" in text and "A &lt;b&gt;&amp;" in text


@settings(max_examples=50, deadline=None)
@given(st.floats(-1e6, 1e6), st.floats(1e-3, 1e6))
def test_ticks_cover_the_range_evenly(lo, span):
    hi = lo + span
    t = _ticks(lo, hi)
    assert t[0] <= lo + 1e-9 * span and t[-1] >= hi - 1e-9 * span
    steps = [(b - a) / span for a, b in zip(t, t[1:])]
    assert max(steps) - min(steps) < 1e-6 and 2 <= len(t) <= 8


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 200), min_size=1, max_size=5))
def test_end_labels_do_not_overlap(ys):
    out = _spread(ys, 13, 0, 1000)
    s = sorted(out)
    assert all(b - a >= 13 - 1e-9 for a, b in zip(s, s[1:]))


# ---- as a person sees it: headless Chromium -----------------------------------------------------

def _browser_or_skip():
    from browser_check import browser_or_skip
    return browser_or_skip()


def test_report_in_headless_chromium(tunxi_html):
    _browser_or_skip()
    from browser_check import check_page
    shot = ARTIFACTS / "report.png"
    seen = check_page(tunxi_html, shot, ARTIFACTS / "report-top.png")
    assert seen["console"] == [], seen["console"]
    assert seen["network"] == [], seen["network"]
    assert seen["requests"] == [tunxi_html.resolve().as_uri()]
    charts = seen["charts"]
    assert len(charts) == seen["expected_charts"] >= 27
    for c in charts:   # every chart laid out and drawn
        assert c["width"] > 300 and c["height"] > 50 and c["bbox"] > 0 and c["shapes"] >= 3, c
    lines = {c["id"]: c for c in charts if c["id"] not in ("status", "pace")}
    assert lines["gdp"]["paths"] == 3 and lines["gdp"]["targets"] == 1
    fonts = seen["fonts"]
    assert fonts["bad"] == [] and fonts["svg_text"] >= 25 and fonts["probed"] >= 200
    assert any(re.search(r"Noto Sans CJK|WenQuanYi", f) for f in fonts["families"])
    assert shot.stat().st_size > 100_000 and seen["page_size"][1] > 5000
    shutil.copy(tunxi_html, ARTIFACTS / "report.html")   # the page next to its screenshot


def test_unknown_report_extension_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from sim.cli import main
    out = tmp_path / "report.pdf"
    r = CliRunner().invoke(main, ["report", str(ROOT / "specs" / "tunxi-yrd-2027.yaml"), "--draws", "0",
                                  "-o", str(out), "--lang", "en"])
    assert r.exit_code == 2 and "cannot tell the report format" in r.stderr and not out.exists()
