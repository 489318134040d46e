"""Time `sim check` on the 屯溪区 spec as a fresh process and list the slowest imports on that path.

Budget (DESIGN.md): about 0.5 s on the 2-core machine; scipy must not be imported. Timed with sim's
bytecode compiled (as after a user's first run) and, separately, without it (a fresh clone, or an
environment with PYTHONDONTWRITEBYTECODE=1, where every run compiles sim's sources again).
With --against REV (e.g. 5f855c1) it also alternates fresh runs of this tree and of REV's tree
(git archive into a temporary folder, bytecode compiled in both) and prints each one's median CPU
time (user + system of the child), the fairer figure when other work shares the machine.
Run: python bench/bench_check.py [--runs 9] [--against REV]
"""
from __future__ import annotations

import argparse
import compileall
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "tunxi-yrd-2027.yaml"
SCENARIO = ROOT / "scenarios" / "tunxi-baseline.yaml"
ARGS = ["check", str(SPEC), "-s", str(SCENARIO), "--format", "json"]
CMD = [sys.executable, "-m", "sim"] + ARGS   # the program, as the `sim` script runs it


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - t0


def cpu_ms(cmd: list[str], cwd: Path) -> float:
    """CPU milliseconds (user + system) of one fresh run of ``cmd`` in ``cwd``."""
    import resource
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=cwd)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return 1000 * (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)


def against(rev: str, runs: int) -> None:
    """Alternating fresh runs of this tree and of ``rev``'s: median CPU of each, on the same input
    (a generated 30-indicator plan, bench/gen_plans.py) and on each tree's own 屯溪区 spec with its
    baseline scenario (which may differ: the spec reads a data file since the data issue)."""
    import io
    import tarfile
    import tempfile
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_plans import write_plans
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
        old = Path(tmp) / "tree"
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(old)
        compileall.compile_dir(str(old / "sim"), quiet=1)
        plan, = write_plans(Path(tmp) / "plan", 1)
        program = (["-m", "sim"] if (old / "sim" / "__main__.py").exists()   # older trees: the script's call
                   else ["-c", "from sim.cli import main; main()"])
        for label, args in [(f"generated plan ({plan.name})", ["check", str(plan), "--format", "json"]),
                            ("each tree's tunxi -s baseline", ARGS[:1] + [
                                "specs/tunxi-yrd-2027.yaml", "-s", "scenarios/tunxi-baseline.yaml", "--format", "json"])]:
            ms: dict[str, list[float]] = {"this tree": [], rev: []}
            for _ in range(runs):
                ms["this tree"].append(cpu_ms(CMD[:3] + args, ROOT))
                ms[rev].append(cpu_ms([sys.executable] + program + args, old))
            print(f"  CPU of {label}, alternating fresh runs ({runs} each): " + ", ".join(
                f"{k} median {statistics.median(v):.0f} ms" for k, v in ms.items()))


def slowest_imports(n: int = 12) -> tuple[list[tuple[int, str]], set[str]]:
    """(cumulative microseconds, module) of the top-level imports, and every module imported."""
    r = subprocess.run([sys.executable, "-X", "importtime"] + CMD[1:], capture_output=True, text=True,
                       cwd=ROOT, check=True)
    rows, names = [], set()
    for line in r.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            names.add(m[4])
            if len(m[3]) <= 1:
                rows.append((int(m[2]), m[4]))
    return sorted(rows, reverse=True)[:n], names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--against", metavar="REV", help="also compare CPU with this git revision's tree")
    a = ap.parse_args()
    runs = a.runs
    pycache = list((ROOT / "sim").rglob("__pycache__/*.pyc"))   # sim and its subpackages
    for p in pycache:   # cold: no bytecode for sim (a fresh clone, or PYTHONDONTWRITEBYTECODE=1)
        p.unlink()
    env_note = " (PYTHONDONTWRITEBYTECODE is set here)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
    cold = [timed(CMD) for _ in range(max(3, runs // 3))]
    compileall.compile_dir(str(ROOT / "sim"), quiet=1)   # what a user's first run leaves behind
    timed(CMD)  # warm the file cache
    checks = [timed(CMD) for _ in range(runs)]
    bare = [timed([sys.executable, "-c", "pass"]) for _ in range(runs)]
    print(f"sim check {SPEC.name} -s {SCENARIO.name} --format json, fresh process, {runs} runs")
    print(f"  median {statistics.median(checks) * 1000:.0f} ms (min {min(checks) * 1000:.0f}, "
          f"max {max(checks) * 1000:.0f}) with sim's bytecode compiled; bare python start-up median "
          f"{statistics.median(bare) * 1000:.0f} ms")
    print(f"  without sim's bytecode{env_note}: median {statistics.median(cold) * 1000:.0f} ms "
          f"over {len(cold)} runs")
    top, names = slowest_imports()
    print("  slowest top-level imports (cumulative ms):")
    for us, name in top:
        print(f"    {us / 1000:7.1f}  {name}")
    print(f"  scipy imported: {'scipy' in names}; pandas imported: {'pandas' in names}")
    if a.against:
        against(a.against, max(runs, 11))


if __name__ == "__main__":
    main()
