"""`sim serve DIR`: a first page to pick a plan, each plan's page and API under /plans/ID/, the same
as that plan served alone (plus the selector); unknown ids are a 404; a spec that cannot be read is
listed with its located error and the command exits 2 when stopped."""
import copy
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sim.data.plan import load_plan
from sim.serve.app import create_app
from sim.serve.state import Served
from sim.spec.many import spec_files
from tests.test_portfolio_commands import BROKEN

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"


@pytest.fixture(scope="module")
def both():
    """(the app over every bundled plan, a function giving the app over one plan alone)."""
    specs = [load_plan(str(f)) for f in spec_files([SPECS])]
    from sim.scenario.load import default_scenario
    sc = default_scenario()
    many = TestClient(create_app({s.plan.id: Served(s, sc, 300, 1) for s in specs}), base_url="http://127.0.0.1")
    alone = {s.plan.id: TestClient(create_app(Served(s, sc, 300, 1)), base_url="http://127.0.0.1") for s in specs}
    return many, alone


def test_the_first_page_links_every_plan(both):
    many, _ = both
    page = many.get("/").text
    ids = [p.stem for p in sorted(SPECS.glob("*.yaml"))]
    assert re.findall(r'href="plans/([^/"]+)/"', page) == ids
    assert many.get("/plans/wuwei-2024", follow_redirects=False).headers["location"] == "wuwei-2024/"
    en = many.get("/?lang=en").text
    assert 'href="plans/wuwei-2024/?lang=en"' in en and "Choose a plan" in en
    assert 'href="../tunxi-yrd-2027/?lang=en"' in many.get("/plans/wuwei-2024/?lang=en").text


@pytest.mark.parametrize("pid", ["tunxi-yrd-2027", "wuwei-2024"])
def test_a_plans_page_and_api_are_that_plan_served_alone_plus_the_selector(both, pid):
    many, alone = both
    page = many.get(f"/plans/{pid}/").text
    nav = re.search(r'<nav class="plans">.*?</nav>', page).group(0)
    assert page.replace(nav, "") == alone[pid].get("/").text
    assert nav.count("<li>") == 5 and "<strong>" in nav and f'href="../{pid}/"' not in nav
    for url in ("api/check", "api/simulate"):
        a, b = (c.post(u, json={"assume": {}, "draws": 200, "seed": 5}).json() for c, u in ((many, f"/plans/{pid}/{url}"),
                                                                                 (alone[pid], f"/{url}")))
        for d in (a, b):
            d["provenance"].pop("time")
        assert a == b
    assert many.post(f"/plans/{pid}/api/view", json={}).json()["slots"] == alone[pid].post("/api/view",
                                                                                           json={}).json()["slots"]


def test_unknown_plan_or_no_plan_is_a_404_naming_the_plans(both):
    many, _ = both
    for url in ("/plans/nope/api/check", "/api/check"):
        r = many.post(url, json={})
        assert r.status_code == 404 and r.json()["error"]["field"] == "plan"
        assert "tunxi-yrd-2027" in r.json()["error"]["hint"]
    assert many.get("/plans/nope/").status_code == 404


def test_the_command_lists_an_unread_spec_and_exits_2_when_stopped(tmp_path):
    import httpx
    for name in ("wuwei-2024.yaml", "tunxi-yrd-2027.yaml"):
        (tmp_path / name).write_text((SPECS / name).read_text(encoding="utf-8").replace(
            "data/", f"{SPECS.as_posix()}/data/"), encoding="utf-8")
    (tmp_path / "zz-broken.yaml").write_text(BROKEN, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "sim", "serve", str(tmp_path), "--port", "0", "--draws", "200"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().split()[2]
        first = httpx.get(url, timeout=10).text
        assert "zz-broken.yaml:5" in first and "未能读取的规划" in first
        page = httpx.get(url + "plans/wuwei-2024/", timeout=10)
        assert page.status_code == 200 and 'data-status-for="gdp"' in page.text
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
        assert proc.returncode == 2 and "zz-broken.yaml:5" in err and "Traceback" not in err, (out, err)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
