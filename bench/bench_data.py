"""Time `sim check` as a fresh process on a 30-indicator plan whose 10 years of actuals come from a
wide GB18030 CSV in 万元 through `data:`, against the same plan with the actuals in YAML `history:`, and
the in-process cost of reading the file (sim.data.load_plan) and of a backtest over the 10 years.
Run: python bench/bench_data.py [--runs 5]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
N, YEARS = 30, list(range(2014, 2024))


def write(folder: Path) -> tuple[Path, Path]:
    """(spec with data:, spec with history:) of N indicators growing 3-8 %/yr, targets in 2021 (known)."""
    head = "plan: {id: bench, title: 基准, base_year: 2016, target_year: 2021}\n"
    inds, hist, rows = [], [], ["指标,单位," + ",".join(f"{y}年" for y in YEARS)]
    for k in range(N):
        vals = [100 * (1.03 + 0.05 * k / N) ** (y - YEARS[0]) for y in YEARS]
        ind = f"  - id: i{k}\n    name: 指标{k}\n    unit: 亿元\n    target: {vals[7] * (0.97 + 0.06 * (k % 2)):.2f}以上\n"
        inds.append(ind)
        hist.append(ind + "    history: {" + ", ".join(f"{y}: {v:.4f}" for y, v in zip(YEARS, vals)) + "}\n")
        rows.append(f"指标{k},万元," + ",".join(f"{v * 1e4:.2f}" for v in vals))
    (folder / "yearbook.csv").write_bytes(("\n".join(rows) + "\n").encode("gb18030"))
    with_data, with_yaml = folder / "data.yaml", folder / "yaml.yaml"
    with_data.write_text(head + "data: [yearbook.csv]\nindicators:\n" + "".join(inds), encoding="utf-8")
    with_yaml.write_text(head + "indicators:\n" + "".join(hist), encoding="utf-8")
    return with_data, with_yaml


def fresh(spec: Path, runs: int) -> float:
    cmd = [sys.executable, "-c", "from sim.cli import main; main()", "check", str(spec), "--format", "json"]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        with_data, with_yaml = write(Path(tmp))
        print(f"sim check, fresh process, median of {runs}: history in YAML {fresh(with_yaml, runs) * 1000:.0f} ms, "
              f"from a GB18030 CSV via data: {fresh(with_data, runs) * 1000:.0f} ms")
        import sim
        from sim.assess.backtest import backtest
        sim.load_plan(with_data)   # imports pandas once
        t = []
        for _ in range(runs):
            t0 = time.perf_counter()
            spec = sim.load_plan(with_data)
            t.append(time.perf_counter() - t0)
        print(f"load_plan (read, match, convert {N}x{len(YEARS)} values), in process: {statistics.median(t) * 1000:.1f} ms")
        t0 = time.perf_counter()
        r = backtest(spec, sim.default_scenario(), start=2016, draws=2000)
        print(f"backtest, 2,000 draws per as-of year: {len(r['rows'])} verdicts (as of 2016-2020, {N} targets of 2021), "
              f"hit rate {r['summary']['hit_rate']:.0%}: {(time.perf_counter() - t0) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
