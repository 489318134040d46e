"""Golden JSON outputs of the bundled specs and scenarios: the JSON contract pinned across refactors.

`python -m tests.golden` rewrites tests/fixtures/golden/ (do it only for a deliberate change of
behaviour, and say so in the commit); tests/test_golden.py compares today's output with it.
"""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
SPECS = {p.stem: p for p in sorted((ROOT / "specs").glob("*.yaml"))}
SCEN = {p.stem: p for p in sorted((ROOT / "scenarios").glob("*.yaml"))}
TUNXI, HUZHOU = SPECS["tunxi-yrd-2027"], SPECS["huzhou-14fyp"]


def cases() -> dict[str, list[str]]:
    """name -> CLI arguments; every command that prints JSON, on every bundled spec."""
    out: dict[str, list[str]] = {}
    for name, spec in SPECS.items():
        out[f"show-{name}"] = ["show", str(spec)]
        out[f"check-{name}"] = ["check", str(spec)]
        for preset in ("unsd", "cn-midterm"):
            out[f"check-{name}-{preset}"] = ["check", str(spec), "--preset", preset]
    for sc in ("tunxi-baseline", "tunxi-optimistic", "tunxi-pessimistic", "tunxi-uncertain"):
        out[f"check-{sc}"] = ["check", str(TUNXI), "-s", str(SCEN[sc])]
        out[f"project-{sc}"] = ["project", str(TUNXI), "-s", str(SCEN[sc])]
    out["check-tunxi-eurostat"] = ["check", str(TUNXI), "-s", str(SCEN["tunxi-baseline"]), "--preset", "eurostat"]
    out["check-tunxi-sdg"] = ["check", str(TUNXI), "-s", str(SCEN["tunxi-baseline"]), "--preset", "sdg-build"]
    out["check-tunxi-assume"] = ["check", str(TUNXI), "-s", str(SCEN["tunxi-baseline"]),
                                 "--assume", "gdp.real_growth=0.07", "--assume", "defaults.deflator=0.02"]
    out["check-huzhou-trend"] = ["check", str(HUZHOU), "-s", str(SCEN["huzhou-trend"])]
    out["project-huzhou-trend"] = ["project", str(HUZHOU), "-s", str(SCEN["huzhou-trend"])]
    out["simulate-tunxi"] = ["simulate", str(TUNXI), "-s", str(SCEN["tunxi-uncertain"]), "--seed", "1",
                             "--draws", "4000"]
    out["simulate-tunxi-by-year"] = out["simulate-tunxi"] + ["--by-year"]
    out["compare-tunxi"] = ["compare", str(TUNXI), "-s", str(SCEN["tunxi-baseline"]),
                            "-s", str(SCEN["tunxi-uncertain"]), "--seed", "1", "--draws", "4000"]
    out["solve-tunxi"] = ["solve", str(TUNXI), "-s", str(SCEN["tunxi-uncertain"]), "--seed", "1",
                          "--draws", "4000"]
    out["solve-wuwei-gdp"] = ["solve", str(SPECS["wuwei-2024"]), "--indicator", "gdp", "--pace", "6%"]
    out["sweep-tunxi"] = ["sweep", str(TUNXI), "-s", str(SCEN["tunxi-baseline"]), "--indicator", "gdp",
                          "--growth", "0.05:0.08:0.01"]
    return out


def normalize(doc):
    """Drop what differs between runs and machines: the time and absolute paths of provenance."""
    def path(k, v):   # a file's path, or a list of them (compare's scenarios)
        if k in ("spec", "scenario", "file") and isinstance(v, str) and "/" in v:
            return "<path>"
        if k in ("spec", "scenario", "file") and isinstance(v, list) and all(isinstance(x, str) for x in v):
            return [path(k, x) for x in v]
        return normalize(v)

    if isinstance(doc, dict):
        return {k: path(k, v) for k, v in doc.items() if k != "time"}
    if isinstance(doc, list):
        return [normalize(v) for v in doc]
    return doc


def run(args: list[str]):
    from sim.cli import main
    r = CliRunner().invoke(main, args + ["--format", "json"])
    assert r.exit_code in (0, 1), r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return normalize(json.loads(r.stdout))


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, args in cases().items():
        (GOLDEN / f"{name}.json").write_text(
            json.dumps(run(args), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(cases())} golden files to {GOLDEN}")


if __name__ == "__main__":
    main()
