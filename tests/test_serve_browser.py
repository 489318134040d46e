"""`sim serve` as a planner uses it: the real command on a free loopback port, the page in headless
Chromium; GDP's real growth set to 12% turns GDP 可实现, 2% turns it back, and the API agrees."""
import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
SPEC, SCENARIO = "specs/tunxi-yrd-2027.yaml", "scenarios/tunxi-baseline.yaml"
WAIT = 10        # seconds for any one thing to happen


def _browser_or_skip():
    from browser_check import browser_or_skip
    return browser_or_skip()


@pytest.fixture()
def server():
    """`sim serve SPEC -s SCENARIO --port 0` in a subprocess; yields its URL, then stops it."""
    proc = subprocess.Popen([sys.executable, "-m", "sim", "serve", SPEC, "-s", SCENARIO, "--port", "0",
                             "--draws", "500"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()          # "sim serve: http://127.0.0.1:PORT/  (Ctrl-C to stop)"
        assert line.startswith("sim serve: http://127.0.0.1:"), (line, proc.poll())
        url = line.split()[2]
        end = time.monotonic() + WAIT
        while True:
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < end, "the server did not answer"
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def _api_status(url: str, growth: float) -> dict[str, str]:
    rows = httpx.post(url + "api/check", json={"assume": {"gdp.real_growth": growth}}, timeout=WAIT).json()["rows"]
    return {r["indicator"]: r["status"] for r in rows}


def test_page_in_headless_chromium(server):
    browser, driver_path = _browser_or_skip()
    from browser_check import FLAGS
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    profile = tempfile.mkdtemp(prefix="sim-serve-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for f in FLAGS + [f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]:
        opts.add_argument(f)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    drv = webdriver.Chrome(service=Service(executable_path=driver_path), options=opts)
    try:
        drv.set_page_load_timeout(WAIT)
        drv.set_script_timeout(WAIT)
        drv.get(server)
        wait = WebDriverWait(drv, WAIT)
        cell = lambda: drv.find_element(By.CSS_SELECTOR, '[data-status-for="gdp"]')
        pace = drv.find_element(By.CSS_SELECTOR, 'input[data-indicator="gdp"]')
        assert pace.get_attribute("data-key") == "gdp.real_growth" and pace.get_attribute("value") == "6"
        assert cell().get_attribute("data-status") == _api_status(server, 0.06)["gdp"] != "on_track"

        def set_pace(text: str):        # select all and type over it, as a person does
            pace.send_keys(Keys.CONTROL, "a")
            pace.send_keys(text or Keys.DELETE, Keys.TAB)

        set_pace("12")
        wait.until(lambda d: cell().get_attribute("data-status") == "on_track")
        assert "可实现" in cell().text
        api = _api_status(server, 0.12)
        assert api["gdp"] == "on_track"
        shown = {c.get_attribute("data-status-for"): c.get_attribute("data-status")
                 for c in drv.find_elements(By.CSS_SELECTOR, "[data-status-for]")}
        assert shown == api                                   # every status cell agrees with the API
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        size = drv.execute_script("return [document.documentElement.scrollWidth, "
                                  "document.documentElement.scrollHeight]")
        shot = drv.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                   "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}})
        (ARTIFACTS / "serve.png").write_bytes(base64.b64decode(shot["data"]))

        set_pace("2")
        back = _api_status(server, 0.02)["gdp"]
        wait.until(lambda d: cell().get_attribute("data-status") == back)
        assert back != "on_track"

        set_pace("abc")                                      # a mistake is shown beside the input
        error = drv.find_element(By.CSS_SELECTOR, '[data-error-for="gdp.real_growth"]')
        wait.until(lambda d: error.is_displayed() and "不是数字" in error.text)
        assert cell().get_attribute("data-status") == back  # results stay as they were
        set_pace("")                                         # blank: the scenario's own 6%
        wait.until(lambda d: not error.is_displayed())
        wait.until(lambda d: cell().get_attribute("data-status") == _api_status(server, 0.06)["gdp"])

        severe = [e for e in drv.get_log("browser") if e["level"] == "SEVERE"   # but the 422 of "abc"
                  and not (e["source"] == "network" and "/api/view" in e["message"] and "422" in e["message"])]
        assert severe == [], severe
        urls = [json.loads(e["message"])["message"]["params"]["request"]["url"] for e in drv.get_log("performance")
                if json.loads(e["message"])["message"]["method"] == "Network.requestWillBeSent"]
        assert urls and all(u.startswith((server, "data:", "about:", "chrome:", "devtools:")) for u in urls), urls
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)
