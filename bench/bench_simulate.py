"""Simulation throughput and peak memory; closed form against Monte Carlo; the generator's limit.

Budget (DESIGN.md): 1,000,000 draws x 25 indicators x 5 years in about 2 s and under 1 GB on the
2-core machine. The plan: 25 indicators from 100, lognormal yearly growth factors (mu 0.058,
sigma 0.02, drawn each year), a level target each whose exact probability runs from about 2% to
98%; every target's probability and P10/P50/P90, and percentiles by year for all 25 fans.

1. Monte Carlo (forced, --method monte-carlo) in a fresh process per run: time of the simulation
   call and the process's peak RSS; and `sim simulate` end to end as a whole process.
2. Closed form against Monte Carlo on the same plan: time, and the largest |difference| in
   probability in standard errors.
3. The random generator alone: float32 standard normals per second on one core and on two.
Run: python bench/bench_simulate.py [--runs 5] [--draws 1000000]
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
K, YEARS, MU, SIGMA = 25, 5, 0.058, 0.02


def plan_yaml() -> tuple[str, str]:
    """A 25-indicator spec whose targets sit at z = -2 .. 2 of the closed-form distribution."""
    inds, assume = [], []
    for i in range(K):
        z = -2 + 4 * i / (K - 1)
        target = 100 * math.exp(YEARS * MU + z * SIGMA * math.sqrt(YEARS))
        inds.append(f"  - {{id: x{i:02d}, name: 指标{i}, unit: 亿元, baseline: 100, target: {target:.6f}}}")
        assume.append(f"  x{i:02d}: {{growth: {{dist: lognormal, mu: {MU}, sigma: {SIGMA}}}}}")
    spec = (f"plan: {{id: bench, title: 基准测试, base_year: 2022, target_year: {2022 + YEARS}}}\n"
            "indicators:\n" + "\n".join(inds) + "\n")
    sc = "scenario: {id: bench}\ndefaults: {growth: none}\nassumptions:\n" + "\n".join(assume) + "\n"
    return spec, sc


CHILD = """import json, resource, sys, time
from sim.assess.simulate import simulate_report
from sim.data import load_spec
from sim.scenario.load import load_scenario
spec = load_spec(sys.argv[1]); sc = load_scenario(sys.argv[2], spec)
t0 = time.perf_counter()
rep = simulate_report(spec, sc, int(sys.argv[3]), 1, method=sys.argv[4])
dt = time.perf_counter() - t0
print(json.dumps({"seconds": dt, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "p": [r["probability"] for r in rep["rows"]]}))
"""

RNG = """import sys, time
import numpy as np
from concurrent.futures import ThreadPoolExecutor
n, workers = 125_000_000, int(sys.argv[1])
def work(i):
    rng = np.random.default_rng(i)
    for _ in range(n // workers // (1 << 22)):
        rng.standard_normal(1 << 22, dtype=np.float32)
t0 = time.perf_counter()
with ThreadPoolExecutor(workers) as ex:
    list(ex.map(work, range(workers)))
print(n / (time.perf_counter() - t0))
"""


def child(spec: Path, sc: Path, draws: int, method: str) -> dict:
    r = subprocess.run([sys.executable, "-c", CHILD, str(spec), str(sc), str(draws), method],
                       check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(r.stdout)


def whole(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--draws", type=int, default=1_000_000)
    a = ap.parse_args()
    spec_text, sc_text = plan_yaml()
    with tempfile.TemporaryDirectory() as tmp:
        spec, sc = Path(tmp, "spec.yaml"), Path(tmp, "sc.yaml")
        spec.write_text(spec_text, encoding="utf-8")
        sc.write_text(sc_text, encoding="utf-8")
        mc = [child(spec, sc, a.draws, "monte_carlo") for _ in range(a.runs)]
        t = statistics.median(m["seconds"] for m in mc)
        cells = a.draws * K * YEARS
        print(f"1. Monte Carlo {a.draws:,} draws x {K} indicators x {YEARS} years, median of {a.runs} fresh processes")
        print(f"   simulation {t:.2f} s (min {min(m['seconds'] for m in mc):.2f}); {cells / t / 1e6:.0f} M "
              f"path-years/s; peak RSS {max(m['peak_mb'] for m in mc):.0f} MB")
        cmd = [sys.executable, "-c", "from sim.cli import main; main()", "simulate", str(spec), "-s", str(sc),
               "--draws", str(a.draws), "--seed", "1", "--method", "monte-carlo", "--format", "json"]
        w = [whole(cmd) for _ in range(max(1, a.runs // 2))]
        print(f"   `sim simulate --method monte-carlo` whole process: median {statistics.median(w):.2f} s")

        cf = [child(spec, sc, a.draws, "auto") for _ in range(a.runs)]
        p_cf, p_mc = cf[0]["p"], mc[0]["p"]
        z = max(abs(x - y) / max(math.sqrt(y * (1 - y) / a.draws), 1e-12) for x, y in zip(p_mc, p_cf))
        print(f"2. closed form: {statistics.median(c['seconds'] for c in cf) * 1000:.1f} ms for {K} targets "
              f"(Monte Carlo {t:.2f} s); probabilities {min(p_cf):.3f}..{max(p_cf):.3f}; "
              f"largest |MC - closed form| = {z:.2f} standard errors")

        rates = {w: statistics.median(float(subprocess.run([sys.executable, "-c", RNG, str(w)], check=True,
                                                           capture_output=True, text=True).stdout)
                                      for _ in range(3)) for w in (1, 2)}
        print(f"3. numpy float32 standard normals: {rates[1] / 1e6:.0f} M/s on one core, {rates[2] / 1e6:.0f} M/s "
              f"on two threads; {cells:,} normals alone take {cells / rates[2]:.2f} s on two")


if __name__ == "__main__":
    main()
