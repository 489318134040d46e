"""`sim serve`: the API answers what the CLI prints, bad input is a 4xx naming the field, a
downloaded scenario reads back to the same result, and the page carries its inputs and status cells."""
import copy
import json
import math
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.cli import main
from sim.data.plan import load_plan as load_spec
from sim.report.check import check_report
from sim.report.checktext import render_check
from sim.scenario.load import load_scenario, loads_scenario
from sim.serve.app import create_app
from sim.serve.state import Served
from tests.conftest import no_escape
from tests.zh import english

ROOT = Path(__file__).resolve().parent.parent
SPEC = "specs/tunxi-yrd-2027.yaml"          # relative, as a planner types it (provenance keeps it)
BASELINE = "scenarios/tunxi-baseline.yaml"
UNCERTAIN = "scenarios/tunxi-uncertain.yaml"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def client(scenario=BASELINE, draws=1000) -> TestClient:
    spec = load_spec(SPEC)
    return TestClient(create_app(Served(spec, load_scenario(scenario, spec), draws, 1)),
                      base_url="http://127.0.0.1")


def cli_json(*args) -> dict:
    r = no_escape(CliRunner().invoke(main, [*args, "--format", "json"]))
    assert r.exit_code == 0, r.stderr
    return json.loads(r.output)


def untimed(d: dict) -> dict:
    d = copy.deepcopy(d)
    d["provenance"].pop("time")
    return d


@pytest.mark.parametrize("assume", [{}, {"gdp.real_growth": 0.12, "defaults.deflator": 0.02},
                                    {"rd_intensity.change": 0.2, "pm25.growth": -0.05, "gdp.baseline": 300}])
def test_check_is_the_cli_document(assume):
    got = client().post("/api/check", json={"assume": assume})
    assert got.status_code == 200 and got.headers["content-type"].startswith("application/json")
    flags = [x for k, v in assume.items() for x in ("--assume", f"{k}={v!r}")]
    assert untimed(got.json()) == untimed(cli_json("check", SPEC, "-s", BASELINE, *flags))


def test_simulate_is_the_cli_document():
    got = client(UNCERTAIN).post("/api/simulate", json={"assume": {"goods_trade.growth": 0.06},
                                                          "draws": 2000, "seed": 7})
    assert got.status_code == 200
    want = cli_json("simulate", SPEC, "-s", UNCERTAIN, "--assume", "goods_trade.growth=0.06", "--draws", "2000",
                    "--seed", "7")
    assert untimed(got.json()) == untimed(want)


def _status(doc: dict, ident: str) -> str:
    return next(r["status"] for r in doc["rows"] if r["indicator"] == ident)


def test_gdp_pace_moves_the_status():
    c = client()
    assert _status(c.post("/api/check", json={"assume": {"gdp.real_growth": 0.12}}).json(), "gdp") == "on_track"
    assert _status(c.post("/api/check", json={"assume": {"gdp.real_growth": 0.02}}).json(), "gdp") != "on_track"


@pytest.mark.parametrize("body, status, field", [
    ({"assume": {"gdp.real_growth": "abc"}}, 422, "gdp.real_growth"),          # not a number
    ({"assume": {"gdp.real_growth": True}}, 422, "gdp.real_growth"),
    ({"assume": {"gdp.real_growth": -1.5}}, 422, "gdp.real_growth"),           # out of range
    ({"assume": {"gdp.real_growth": 1e300}}, 422, "gdp.real_growth"),
    ({"assume": {"gdp.baseline": -3}}, 422, "gdp.baseline"),
    ({"assume": {"gdp.growth": 0.05, "nope.growth": 0.1}}, 422, "nope.growth"),  # unknown id
    ({"assume": {"gdp.speed": 0.1}}, 422, "gdp.speed"),                          # unknown field
    ({"assume": {"gdp.growth=1": 0.1}}, 422, "assume.gdp.growth=1"),
    ({"assume": [1]}, 422, "assume"),
    ({"center": {"gdp.real_growth": 0.07, "pm25.change": 0.1}}, 422, "pm25.change"),
    ({"scenario": {"scenario": {"id": "x"}, "assumptions": {"gdp": {"growth": "fast"}}}}, 422,
     "scenario.assumptions.gdp.growth"),
    ({"scenario": {"scenario": {"id": "x"}, "assumptions": {"nope": {"growth": 0.1}}}}, 422,
     "scenario.assumptions.nope"),
    ({"draws": 0}, 422, "draws"),
    ({"eval": "__import__('os')"}, 422, "eval"),
    ([1, 2], 422, "body"),
])
def test_bad_input_is_a_4xx_naming_the_field(body, status, field):
    c = client()
    urls = ("/api/simulate",) if "draws" in body else ("/api/check", "/api/view", "/api/scenario", "/api/simulate")
    for url in urls:
        r = c.post(url, json=body)
        assert r.status_code == status, (url, r.text)
        err = r.json()["error"]
        assert err["field"] == field, err
        assert err["message"] and field in err["text"]
        assert re.search(r"[\u4e00-\u9fff]", err["message"]) and not english(err["text"]), err   # the page's zh
        en = c.post(url + "?lang=en", json=body).json()["error"]
        assert en["field"] == field and not re.search(r"[\u4e00-\u9fff]", en["message"]), en


@pytest.mark.parametrize("assumption, field", [
    ({"growth": 1e300}, "scenario.assumptions.gdp.growth"),
    ({"real_growth": {2024: 0.05, 2025: 50}}, "scenario.assumptions.gdp.real_growth.2025"),
    ({"growth": {"dist": "uniform", "low": 0, "high": 1e9}}, "scenario.assumptions.gdp.growth.high"),
    ({"growth": {"dist": "lognormal", "mu": 800, "sigma": 0.1}}, "scenario.assumptions.gdp.growth.mu"),
])
def test_posted_rates_out_of_range_are_a_4xx(assumption, field):
    body = {"scenario": {"scenario": {"id": "x"}, "assumptions": {"gdp": {"baseline": 280, **assumption}}}}
    for url in ("/api/check", "/api/view", "/api/simulate"):
        r = client().post(url, json=body)
        assert r.status_code == 422 and r.json()["error"]["field"] == field, r.text


def test_overflow_is_a_4xx():
    body = {"scenario": {"scenario": {"id": "x"},
                         "assumptions": {"gdp": {"baseline": 280, "growth": {"dist": "lognormal", "mu": 0.05,
                                                                           "sigma": 1000}}}}}
    r = client().post("/api/simulate", json=body)   # refused where read (sigma beyond ±1000%), or on overflow
    assert r.status_code == 422 and r.json()["error"]["field"] in ("body", "scenario.assumptions.gdp.growth.sigma"), \
        r.text


def test_not_json_nan_and_wrong_type():
    c = client()
    for raw, code in ((b'{"assume": {"gdp.growth": NaN}}', 400), (b'{"assume": {"gdp.growth": Infinity}}', 400),
                      (b"{not json", 400)):
        r = c.post("/api/check", content=raw, headers={"Content-Type": "application/json"})
        assert r.status_code == code and r.json()["error"]["field"] == "body"
    r = c.post("/api/check", content=b'{"assume": {}}', headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    r = c.post("/api/check", content=b"[" * 1_000_001, headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_only_loopback_host_names():
    c = client()
    assert c.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert c.get("/", headers={"host": "localhost:8000"}).status_code == 200


@pytest.mark.parametrize("scenario, body", [
    (BASELINE, {"assume": {"gdp.real_growth": 0.12, "gdp.deflator": 0.02, "rd_intensity.change": 0.15}}),
    (UNCERTAIN, {"center": {"gdp.real_growth": 0.08, "patents_per_10k.growth": 0.12},
                 "assume": {"mfg_share.change": 1.0}}),
])
def test_downloaded_scenario_reads_back_to_the_same_result(scenario, body):
    c = client(scenario)
    text = c.post("/api/scenario", json=body).text
    spec = load_spec(SPEC)
    back = json.loads(render_check(check_report(spec, loads_scenario(text, "downloaded.yaml", spec)), "json"))
    api = c.post("/api/check", json=body).json()
    for key in ("scenario", "rows", "summary", "consistency", "plan", "preset"):
        assert back[key] == api[key], key
    changed = [r for r in api["rows"] if r["indicator"] in ("gdp", "rd_intensity", "mfg_share")]
    assert any("pace" in r["assumed"] for r in changed)


def test_downloaded_scenario_header_follows_the_page_language():
    c = client()
    body = {"assume": {"gdp.real_growth": 0.12}}
    zh, en = (c.post(f"/api/scenario?lang={lang}", json=body).text.split("scenario:")[0] for lang in ("zh", "en"))
    assert "由 `sim serve` 为规划 tunxi-yrd-2027 保存的情景" in zh and "已修改:gdp.real_growth=0.12" in zh
    assert "Scenario saved" not in zh and "Read it back" not in zh
    assert "Scenario saved by `sim serve` for plan tunxi-yrd-2027 from " in en and "changed: gdp.real_growth=0.12" in en
    assert c.post("/api/scenario", json=body).text.split("scenario:")[0] == zh    # the server's default, zh
    assert c.post("/api/scenario?lang=fr", json=body).status_code == 422


def test_posted_scenario_is_read_as_a_file_is():
    text = (ROOT / "scenarios" / "tunxi-optimistic.yaml").read_text(encoding="utf-8")
    got = client().post("/api/check", json={"scenario": yaml.safe_load(text)}).json()
    want = cli_json("check", SPEC, "-s", "scenarios/tunxi-optimistic.yaml")
    assert got["rows"] == want["rows"] and got["summary"] == want["summary"]
    assert got["provenance"]["scenario"] == "<request scenario>"


def test_center_keeps_the_spread_and_moves_the_probability():
    c = client(UNCERTAIN)
    text = c.post("/api/scenario", json={"center": {"gdp.real_growth": 0.09}}).text
    gdp = yaml.safe_load(text)["assumptions"]["gdp"]["real_growth"]
    assert gdp["dist"] == "lognormal" and gdp["sigma"] == 0.015 and math.isclose(gdp["mu"], math.log(1.09))
    prob = [next(r["probability"] for r in c.post("/api/simulate", json={
        "center": {"gdp.real_growth": g}, "draws": 2000, "seed": 3}).json()["rows"] if r["indicator"] == "gdp")
        for g in (0.04, 0.06, 0.09)]
    assert prob[0] < prob[1] < prob[2]


def test_report_downloads():
    c = client()
    html = c.post("/api/report?format=html", json={"assume": {"gdp.real_growth": 0.12}})
    assert html.status_code == 200 and "attachment" in html.headers["content-disposition"]
    assert "<svg" in html.text and "gdp.real_growth=0.12" in html.text
    xlsx = c.post("/api/report?format=xlsx&lang=en", json={})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert c.post("/api/report?format=pdf", json={}).status_code == 422


@pytest.mark.parametrize("scenario", [BASELINE, UNCERTAIN, None])
def test_page_has_an_input_per_indicator_and_a_status_cell_per_target(scenario):
    spec = load_spec(SPEC)
    sc = load_scenario(scenario, spec) if scenario else __import__("sim").default_scenario()
    c = TestClient(create_app(Served(spec, sc, 500, 1)), base_url="http://127.0.0.1")
    r = c.get("/")
    assert r.status_code == 200 and "default-src 'none'" in r.headers["content-security-policy"]
    page = r.text
    rows = check_report(spec, sc)["rows"]
    cells = re.findall(r'data-status-for="([^"]+)" data-status="([^"]+)"', page)
    assert cells and sorted(cells) == sorted((x["indicator"], x["status"]) for x in rows)
    paces = re.findall(r'<input [^>]*class="pace" data-indicator="([^"]+)" data-key="([^"]+)"', page)
    assert sorted(i for i, _ in paces) == sorted({x["indicator"] for x in rows})
    assert all(k.startswith(i + ".") for i, k in paces)
    assert not re.search(r'(src|href)="(https?:)?//', page)      # nothing from a CDN
    script = c.get("/static/page.js")
    assert '<script src="static/page.js">' in page and script.status_code == 200
    assert "//" not in re.sub(r"^\s*//.*$|\s//.*$", "", script.text, flags=re.MULTILINE)  # no URL in the code
    if scenario == BASELINE:
        assert 'data-key="gdp.real_growth" data-mode="assume" data-scale="100" value="6"' in page
        assert 'data-key="gdp.deflator"' in page and 'data-key="rd_intensity.change"' in page
        assert "可实现" in page and "责任单位" not in page.split("<main>")[0]
    if scenario == UNCERTAIN:
        assert 'data-key="gdp.real_growth" data-mode="center"' in page and "达标概率" in page


def test_view_answers_slots_for_the_page():
    c = client()
    page = c.get("/?lang=en").text
    assert "Assumed pace" in page and "可实现" not in page
    r = c.post("/api/view?lang=en", json={"assume": {"gdp.real_growth": 0.12}}).json()
    gdp = next(k for k, v in r["status"].items() if f'data-slot="{k}" data-status-for="gdp"' in page)
    assert r["status"][gdp] == "on_track" and "on track" in r["slots"][gdp]
    assert set(r["slots"]) >= {"summary", "findings", "chart:gdp"} and r["slots"]["chart:gdp"].startswith("<svg")


def test_help_and_check_do_not_import_the_web_framework():
    code = ("import sys; from sim.cli import main\n"
            "try:\n    main([sys.argv[1], '--help'] if len(sys.argv) > 1 else ['--help'])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn') if m in sys.modules))")
    for args in ([], ["serve"], ["check"]):
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, check=False,
                             timeout=60)
        assert out.stdout.strip().splitlines()[-1] == "[]", out


def test_port_in_use_is_a_usage_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        r = no_escape(CliRunner().invoke(main, ["serve", SPEC, "-s", BASELINE, "--port", str(s.getsockname()[1])]))
    assert r.exit_code == 2 and "--port" in r.stderr


def test_bad_scenario_file_is_a_usage_error():
    r = no_escape(CliRunner().invoke(main, ["serve", SPEC, "-s", "no/such.yaml"]))
    assert r.exit_code == 2 and "no/such.yaml" in r.stderr


KEYS = st.builds("{}.{}".format, st.sampled_from(["gdp", "rd_intensity", "pm25", "tech_contracts_yrd", "defaults",
                                                  "nope", "gdp.x", ""]),
                 st.sampled_from(["growth", "real_growth", "change", "baseline", "deflator", "speed", "mu"]))
VALUES = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-10**30, 10**30),
                   st.sampled_from([0.0, -0.99, -1.0, 1e-300, 1e300, 5.0, 100.0]), st.text(max_size=4),
                   st.booleans(), st.none(), st.lists(st.integers(), max_size=2))
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                    | st.text(max_size=6),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                    max_leaves=8)
BODIES = st.one_of(
    st.fixed_dictionaries({}, optional={"assume": st.dictionaries(KEYS, VALUES, max_size=3),
                                        "center": st.dictionaries(KEYS, VALUES, max_size=2),
                                        "draws": st.integers(-5, 3000), "seed": VALUES}),
    st.fixed_dictionaries({"scenario": st.fixed_dictionaries(
        {"scenario": st.fixed_dictionaries({"id": st.sampled_from(["x", "X y", ""])})},
        optional={"defaults": st.dictionaries(st.sampled_from(["growth", "deflator", "real_growth"]), VALUES,
                                              max_size=2),
                  "assumptions": st.dictionaries(st.sampled_from(["gdp", "pm25", "nope"]),
                                                 st.dictionaries(st.sampled_from(["growth", "baseline", "change"]),
                                                                 VALUES | JSON, max_size=2), max_size=2)})}),
    JSON)


@settings(max_examples=60)
@given(body=BODIES, url=st.sampled_from(["/api/check", "/api/view", "/api/simulate", "/api/scenario"]))
def test_any_body_gets_an_answer_or_a_4xx_naming_a_field(body, url):
    """Hostile or careless bodies: a result (JSON without NaN) or a 4xx with a named field, never a 500."""
    if url == "/api/simulate" and isinstance(body, dict) and "draws" not in body:
        body = {**body, "draws": 200}
    r = FUZZ.post(url, json=body)
    assert r.status_code in (200, 422), (r.status_code, r.text[:500])
    if r.status_code == 422:
        err = r.json()["error"]
        assert err["field"] and err["message"]
    elif url != "/api/scenario":
        json.loads(r.text, parse_constant=lambda c: pytest.fail(f"{c} in the answer"))


FUZZ = client(draws=200)


def test_the_command_serves_the_page_and_stops_on_ctrl_c():
    import signal

    import httpx
    proc = subprocess.Popen([sys.executable, "-m", "sim", "serve", SPEC, "-s", BASELINE, "--port", "0"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        url = first.split()[2]
        assert url.startswith("http://127.0.0.1:") and "(按 Ctrl-C 停止)" in first   # zh by default
        page = httpx.get(url, timeout=10)
        assert page.status_code == 200 and 'data-status-for="gdp"' in page.text
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
        assert proc.returncode == 0 and "sim serve: 已停止" in out and "Traceback" not in err, (out, err)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
