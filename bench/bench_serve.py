"""Time the what-if page's answer to a changed input: `sim serve` on the 屯溪区 plan (32 indicators,
29 targets), a real server on a loopback port, one POST per change as the page sends it.

Budget (DESIGN.md): within 200 ms for a 30-indicator plan. Measured per scenario: /api/view (what
the page asks on every change: check, projections, simulation for probabilities and P10–P90 bands,
every slot re-drawn with its SVG chart) and /api/check (the JSON document alone); medians of
--runs changes, each a different GDP real growth so nothing is cached.
Run: python bench/bench_serve.py [--runs 15] [--draws 2000]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SPEC = "specs/tunxi-yrd-2027.yaml"
SCENARIOS = {"scenarios/tunxi-baseline.yaml": "assume", "scenarios/tunxi-uncertain.yaml": "center"}   # as the page sends


def start(scenario: str, draws: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "sim", "serve", SPEC, "-s", scenario, "--port", "0",
                             "--draws", str(draws)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().split()[2]
    for _ in range(100):
        try:
            httpx.get(url, timeout=5)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("the server did not start")


def timed(client: httpx.Client, url: str, body: dict) -> float:
    t0 = time.perf_counter()
    r = client.post(url, json=body)
    r.raise_for_status()
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--draws", type=int, default=2000)
    args = ap.parse_args()
    print(f"sim serve {SPEC}: a changed GDP real growth, {args.runs} runs each, page draws {args.draws}")
    for scenario, mode in SCENARIOS.items():
        proc, url = start(scenario, args.draws)
        try:
            with httpx.Client(timeout=30) as client:
                client.get(url)                                     # the page itself, once
                for path in ("api/view", "api/check"):
                    timed(client, url + path, {mode: {"gdp.real_growth": 0.05}})   # warm
                    times = [timed(client, url + path, {mode: {"gdp.real_growth": 0.05 + k / 1000}})
                             for k in range(1, args.runs + 1)]
                    print(f"  {Path(scenario).name:24} /{path:10} median {statistics.median(times) * 1000:6.1f} ms"
                          f"  (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
