"""Scaling of a portfolio Monte Carlo on a Dask LocalCluster: 1 and 2 worker processes.

One portfolio (generated plans, a scenario whose defaults draw every indicator's growth from a
normal distribution) simulated by Monte Carlo in this process on one thread, then on a LocalCluster
of 1 and of 2 single-threaded worker processes. Prints the median wall time of each (cluster start-up
excluded, printed apart), the speed-up of 2 workers over 1, the per-task overhead (the round trip of
an empty task, and the cluster run on 1 worker less the in-process run, per task), the throughput in
draws x targets per worker-second, and checks that every run gives the same probabilities.
Run: python bench/bench_cluster.py [--plans 24] [--draws 200000] [--runs 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_plans import write_plans

SCENARIO = "scenario: {id: bench}\ndefaults: {growth: {dist: normal, mean: 0.05, sd: 0.03}, deflator: 0.015}\n"


def _noop(x):
    return x


def main():
    from sim.assess.cluster import Cluster, simulate_plans
    from sim.assess.simulate import CHUNK
    from sim.scenario.load import loads_scenario
    from sim.spec.load import load_spec

    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=24)
    ap.add_argument("--indicators", type=int, default=30)
    ap.add_argument("--draws", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        specs = [load_spec(p) for p in write_plans(tmp, a.plans, a.indicators)]
    sc = loads_scenario(SCENARIO)
    chunks = -(-a.draws // CHUNK)
    tasks = a.plans * chunks

    def timed(run) -> tuple[float, list]:
        t0 = time.perf_counter()
        reps = simulate_plans(specs, lambda s: sc, a.draws, 1, "monte_carlo", run)
        return time.perf_counter() - t0, [(r["plan"]["id"], [x["probability"] for x in r["rows"]]) for r in reps]

    drawn = None
    results = {}
    serial = lambda fn, items: [fn(x) for x in items]
    times = []
    for _ in range(a.runs):
        t, probs = timed(serial)
        times.append(t)
    results["in-process, 1 thread"] = (statistics.median(times), None, None)
    drawn = probs
    targets = sum(1 for _, ps in probs for p in ps if p is not None)
    for n in (1, 2):
        t0 = time.perf_counter()
        with Cluster(f"local:{n}") as c:
            startup = time.perf_counter() - t0
            c.run(_noop, list(range(8)))   # workers warm
            t1 = time.perf_counter()
            c.run(_noop, list(range(200)))
            empty = (time.perf_counter() - t1) / 200
            times = []
            for _ in range(a.runs):
                t, probs = timed(c.run)
                times.append(t)
                assert probs == drawn, "a cluster run gave other probabilities"
        results[f"LocalCluster, {n} worker(s)"] = (statistics.median(times), startup, empty)
    base = results["in-process, 1 thread"][0]
    one, two = results["LocalCluster, 1 worker(s)"][0], results["LocalCluster, 2 worker(s)"][0]
    print(f"{a.plans} plans x {a.indicators} indicators, {a.draws:,} draws each ({chunks} chunks of {CHUNK:,}): "
          f"{tasks} tasks, {targets} targets with a probability; median of {a.runs} runs")
    for name, (t, startup, empty) in results.items():
        extra = f"  (start-up {startup:.1f} s, empty task round trip {empty * 1000:.1f} ms)" if startup else ""
        print(f"  {name:<26} {t:7.2f} s{extra}")
    print(f"  speed-up of 2 workers over 1: {one / two:.2f}x; overhead per task on 1 worker: "
          f"{(one - base) / tasks * 1000:.1f} ms (cluster run less in-process run, per task)")
    print(f"  throughput: {a.draws * targets / base / 1e6:.2f} M draws x targets per worker-second "
          f"(in process, one thread); identical probabilities in every run: yes")


if __name__ == "__main__":
    main()
