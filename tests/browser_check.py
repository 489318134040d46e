"""Open an HTML file in headless Chromium (selenium + chromedriver, Debian packages chromium and
chromium-driver) and report what a person would see: charts rendered, console errors, network
requests, the fonts that drew Chinese text, and a screenshot.

Run alone: ``python tests/browser_check.py report.html shot.png`` prints the findings as JSON.
"""
from __future__ import annotations

import base64
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
         "--window-size=1280,1800"]
CJK = re.compile(r"[\u3400-\u9fff]")
CJK_FONT = re.compile(r"CJK|WenQuanYi|WQY|Noto Sans SC|Noto Serif SC|Source Han|Droid Sans Fallback|"
                      r"PingFang|YaHei|SimHei|SimSun|Hiragino", re.I)
LOCAL = ("file:", "data:", "about:", "chrome:", "devtools:")

CHARTS_JS = """
return Array.from(document.querySelectorAll('svg.chart')).map(function (s) {
  var r = s.getBoundingClientRect(), b = s.getBBox();
  return {id: s.getAttribute('data-chart'), width: r.width, height: r.height, bbox: b.width * b.height,
          shapes: s.querySelectorAll('polyline,path,circle,rect,polygon,line').length,
          texts: s.querySelectorAll('text').length, paths: s.querySelectorAll('polyline.path').length,
          bands: s.querySelectorAll('polygon.band').length,
          targets: s.querySelectorAll('.target-mark').length};
});"""
MARK_CJK_JS = """
var texts = [];
var els = Array.from(document.querySelectorAll('svg.chart text'))
  .concat(Array.from(document.querySelectorAll('h1, h2, h3, h4, td, th, li, p, a, span, div.sub')));
els.forEach(function (e) {
  if (e.children.length === 0 && /[\\u3400-\\u9fff]/.test(e.textContent)) {
    e.setAttribute('data-cjk-probe', String(texts.length));
    texts.push(e.textContent);
  }
});
return texts;"""


def tools() -> tuple[str | None, str | None]:
    """(browser, chromedriver) paths, None where missing."""
    browser = next((p for p in map(shutil.which, BROWSERS) if p), None)
    driver = next((p for p in map(shutil.which, DRIVERS) if p), None)
    return browser, driver

def browser_or_skip():
    """(browser, driver) paths, or a pytest skip naming what is missing (a failure in CI, where
    .ci/run installs chromium, chromium-driver and selenium)."""
    import os

    import pytest
    browser, driver = tools()
    missing = [n for n, ok in (("chromium", browser), ("chromium-driver", driver)) if not ok]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium")
    if missing:
        why = "headless browser test needs " + ", ".join(missing) + " (.ci/run installs them)"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    return browser, driver


def check_page(html: Path, screenshot: Path, top_screenshot: Path | None = None,
               probe_limit: int = 400) -> dict:
    """Load ``html`` and return charts, console errors, network requests and font use."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = tools()
    profile = tempfile.mkdtemp(prefix="sim-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for f in FLAGS + [f"--user-data-dir={profile}"]:
        opts.add_argument(f)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    drv = webdriver.Chrome(service=Service(executable_path=driver_path), options=opts)
    try:
        drv.set_page_load_timeout(60)
        drv.get("about:blank")
        drv.get_log("performance")          # drop what the start page loaded
        drv.get_log("browser")
        drv.get(html.resolve().as_uri())
        drv.execute_async_script("var done = arguments[0]; document.fonts.ready.then(function () { done(); });")
        charts = drv.execute_script(CHARTS_JS)
        expected = int(drv.execute_script("return document.body.getAttribute('data-charts') || -1"))
        console = [e for e in drv.get_log("browser")]
        requests = []
        for e in drv.get_log("performance"):
            msg = json.loads(e["message"])["message"]
            if msg["method"] == "Network.requestWillBeSent":
                requests.append(msg["params"]["request"]["url"])
        fonts = _fonts(drv, probe_limit)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        if top_screenshot:
            drv.save_screenshot(str(top_screenshot))
        size = drv.execute_script("return [document.documentElement.scrollWidth, "
                                  "document.documentElement.scrollHeight]")
        shot = drv.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}})
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        return {"charts": charts, "expected_charts": expected, "console": console,
                "network": [u for u in requests if not u.startswith(LOCAL)], "requests": requests,
                "fonts": fonts, "page_size": size}
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _fonts(drv, limit: int) -> dict:
    """For elements whose own text has Chinese: which platform fonts drew it (CDP).

    A glyph no installed font has is drawn as a box and reported under the element's first font,
    so an element is 'bad' when fonts unable to show Chinese drew more glyphs than the element
    has characters below U+2E80 (Latin, digits, punctuation, spaces). Returns counts, examples of
    bad elements, and the Chinese-capable font families used.
    """
    texts = drv.execute_script(MARK_CJK_JS)
    drv.execute_cdp_cmd("DOM.enable", {})
    drv.execute_cdp_cmd("CSS.enable", {})
    root = drv.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    ids = drv.execute_cdp_cmd("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-cjk-probe]"})["nodeIds"]
    probes = []
    for node in ids:
        desc = drv.execute_cdp_cmd("DOM.describeNode", {"nodeId": node})["node"]
        attrs = dict(zip(desc["attributes"][::2], desc["attributes"][1::2]))
        probes.append((int(attrs["data-cjk-probe"]), node, desc["localName"]))
    bad, families, in_svg = [], set(), 0
    for k, node, tag in sorted(probes)[:limit]:
        fonts = drv.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        is_cjk = [bool(CJK_FONT.search(f["familyName"] + " " + f.get("postScriptName", ""))) for f in fonts]
        families.update(f["familyName"] for f, c in zip(fonts, is_cjk) if c)
        other = sum(f["glyphCount"] for f, c in zip(fonts, is_cjk) if not c)
        if not any(is_cjk) or other > sum(ord(ch) < 0x2E80 for ch in texts[k]):
            bad.append({"text": texts[k][:60], "fonts": {f["familyName"]: f["glyphCount"] for f in fonts}})
        in_svg += tag == "text"
    return {"probed": min(len(probes), limit), "marked": len(texts), "svg_text": in_svg, "bad": bad,
            "families": sorted(families)}


if __name__ == "__main__":
    out = check_page(Path(sys.argv[1]), Path(sys.argv[2]))
    out["console"] = [c["message"] for c in out["console"]]
    out["charts"] = len(out["charts"])
    print(json.dumps(out, ensure_ascii=False, indent=1))
