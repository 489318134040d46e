"""The same growth experiment in sim and in the EMA workbench, as whole processes.

Experiment: growth g ~ Uniform(0.03, 0.10), one draw for the whole path (EMA samples an
uncertainty once per experiment), 5 years from 300; meets = value >= 425. Analytically
Pr = (0.10 - ((425/300)^(1/5) - 1)) / 0.07 = 0.3975.

The EMA workbench (PyPI `ema-workbench`) is installed by this script into its own virtual
environment (CACHE, with the system site-packages for numpy and friends); it is never a
dependency of sim. Times are of whole processes (start-up and imports included), median of
--runs, for N = 10,000 and 100,000, measured in one run of this script.
Run: python bench/bench_ema.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "sim-bench" / "ema-venv"
SPEC = """plan: {id: ema-growth, title: EMA growth experiment, base_year: 2022, target_year: 2027}
indicators:
  - {id: x, name: 总量, unit: 亿元, baseline: 300, target: 425}
"""
SCENARIO = """scenario: {id: uniform-growth}
defaults: {growth: none}
assumptions:
  x: {growth: {dist: uniform, low: 0.03, high: 0.10, per: path}}
"""
EMA = """import sys
from ema_workbench import Model, RealParameter, ScalarOutcome, SequentialEvaluator, perform_experiments

def growth(g=0.05):
    v = 300 * (1 + g) ** 5
    return {"value": v, "meets": float(v >= 425)}

m = Model("growth", function=growth)
m.uncertainties = [RealParameter("g", 0.03, 0.10)]
m.outcomes = [ScalarOutcome("value"), ScalarOutcome("meets")]
with SequentialEvaluator(m) as ev:
    _, out = perform_experiments(m, int(sys.argv[1]), evaluator=ev)
print(out["meets"].mean())
"""
EXACT = (0.10 - ((425 / 300) ** 0.2 - 1)) / 0.07


def ema_python() -> Path:
    py = CACHE / "bin" / "python"
    if not py.exists():
        print(f"installing ema-workbench into {CACHE} ...", file=sys.stderr)
        venv.EnvBuilder(system_site_packages=True, with_pip=True).create(CACHE)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "ema-workbench"], check=True)
    return py


def timed(cmd: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - t0, r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    runs = ap.parse_args().runs
    py = ema_python()
    with tempfile.TemporaryDirectory() as tmp:
        spec, sc, script = Path(tmp, "spec.yaml"), Path(tmp, "sc.yaml"), Path(tmp, "ema_growth.py")
        spec.write_text(SPEC, encoding="utf-8")
        sc.write_text(SCENARIO, encoding="utf-8")
        script.write_text(EMA, encoding="utf-8")
        print(f"growth ~ Uniform(0.03, 0.10) over 5 years from 300, meets = value >= 425 "
              f"(exact Pr {EXACT:.4f}); whole processes, median of {runs}")
        print(f"{'N':>8}  {'sim s':>7}  {'EMA s':>7}  {'EMA/sim':>7}  {'sim Pr':>7}  {'EMA Pr':>7}")
        for n in (10_000, 100_000):
            sim_cmd = [sys.executable, "-c", "from sim.cli import main; main()", "simulate", str(spec), "-s",
                       str(sc), "--draws", str(n), "--seed", "1", "--method", "monte-carlo", "--format", "csv"]
            ema_cmd = [str(py), str(script), str(n)]
            timed(sim_cmd), timed(ema_cmd)          # warm caches and bytecode
            s = [timed(sim_cmd) for _ in range(runs)]
            e = [timed(ema_cmd) for _ in range(runs)]
            ts, te = statistics.median(t for t, _ in s), statistics.median(t for t, _ in e)
            p_sim = float(s[0][1].splitlines()[1].split(",")[5])
            p_ema = float(e[0][1].strip().splitlines()[-1])
            print(f"{n:>8,}  {ts:7.2f}  {te:7.2f}  {te / ts:7.1f}  {p_sim:7.4f}  {p_ema:7.4f}")


if __name__ == "__main__":
    main()
