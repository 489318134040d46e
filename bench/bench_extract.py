"""Time `sim extract` per document of the extraction corpus (in process, after one warm-up run) and
print the share of expected values found.

Medians of --runs runs, in milliseconds: the reader of each file type (text, .docx, .html, .xlsx,
ruled and unruled .pdf) plus the table and sentence readers and the spec check of the draft.
Run: python bench/bench_extract.py [--runs 5]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sim.extract.draft import extract_file  # noqa: E402
from tests.test_extract_corpus import DOCS, score  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs
    found = total = 0
    for path in DOCS:
        extract_file(path)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            extract_file(path)
            times.append(time.perf_counter() - t0)
        f, t, _, _ = score(path)
        found, total = found + f, total + t
        print(f"{path.name:40s} {statistics.median(times) * 1000:7.0f} ms   {f}/{t} values")
    print(f"corpus: {found}/{total} values found ({found / total:.1%}) in {len(DOCS)} documents")


if __name__ == "__main__":
    main()
