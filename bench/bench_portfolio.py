"""Time `sim check DIR --format json` on a generated portfolio as a fresh process, by stage.

Budget (DESIGN.md): 3,000 plans x 30 indicators with 6 years of history each, checked as one
process in under 10 s on the 2-core machine, loading included. The plans are written to a
temporary folder (bench/gen_plans.py); each run is a fresh `python -m sim check` whose stages
(load, assess, summarize, render) report their wall and CPU seconds on stderr (SIM_TIMINGS=1).
Medians of several runs; the load average is printed too, since other work on the machine
stretches wall time (CPU time is the better guide then).
Run: python bench/bench_portfolio.py [--plans 3000] [--indicators 30] [--years 6] [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_plans import write_plans

STAGES = ("load", "assess", "summarize", "render")
BUDGET_S = 10.0


def run_once(folder: str) -> dict[str, tuple[float, float]]:
    """{stage: (wall, cpu)} of one fresh process, plus 'total' (wall and CPU of the whole process)."""
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "sim", "check", folder, "--format", "json"], check=False, cwd=ROOT,
                       env=os.environ | {"SIM_TIMINGS": "1"}, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit(f"sim check failed ({r.returncode}):\n{r.stderr[-2000:]}")
    line = next(x for x in r.stderr.splitlines()[::-1] if x.startswith("timings:"))
    out = {k: (float(w), float(c)) for k, w, c in re.findall(r"(\w+)=([\d.]+)/([\d.]+)", line)}
    out["total"] = (wall, (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=3000)
    ap.add_argument("--indicators", type=int, default=30)
    ap.add_argument("--years", type=int, default=6)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        write_plans(tmp, a.plans, a.indicators, a.years)
        print(f"{a.plans} plans x {a.indicators} indicators, {a.years} years of history each "
              f"(generated in {time.perf_counter() - t0:.1f} s); load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
        run_once(tmp)   # warm the file cache and sim's bytecode
        runs = [run_once(tmp) for _ in range(a.runs)]
    print(f"sim check DIR --format json, fresh process, median of {a.runs} runs (wall / CPU seconds):")
    for stage in STAGES + ("total",):
        wall = statistics.median(r[stage][0] for r in runs)
        cpu = statistics.median(r[stage][1] for r in runs)
        print(f"  {stage:<10} {wall:7.2f} / {cpu:6.2f}" + (" (process start, imports and writing included)"
                                                          if stage == "total" else ""))
    wall = statistics.median(r["total"][0] for r in runs)
    cpu = statistics.median(r["total"][1] for r in runs)
    per = wall / a.plans * 1000
    print(f"  {per:.2f} ms per plan; budget {BUDGET_S:g} s for 3,000 plans: "
          f"{'met' if wall * 3000 / a.plans <= BUDGET_S else 'NOT met'} on wall time, "
          f"{'met' if cpu * 3000 / a.plans <= BUDGET_S else 'NOT met'} on CPU time; "
          f"load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
