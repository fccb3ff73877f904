"""Time `check` on the Wuhan sample: the rules alone, reading + rules, and the whole CLI command.

    .venv/bin/python bench/check_wuhan.py [FILE]
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from yusuan.api import load_budget
from yusuan.check import check

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "wuhan-gxzx-2026-unit-budget.txt"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    budget, reading = load_budget(path)
    check(budget, reading)  # warm the codebook and layout caches
    rules = [check(budget, reading).seconds for _ in range(50)]
    whole = []
    for _ in range(10):
        t = time.perf_counter()
        b, r = load_budget(path)
        check(b, r)
        whole.append(time.perf_counter() - t)
    cli = []
    exe = Path(sys.executable).with_name("yusuan")
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([str(exe), "check", str(path)], capture_output=True)
        cli.append(time.perf_counter() - t)
    report = check(budget, reading)
    print(f"{path.name}: {report.rules_run} rules run, {len(report.rules_skipped)} skipped, {len(report.findings)} findings")
    print(f"rules alone     median {statistics.median(rules) * 1000:6.1f} ms  min {min(rules) * 1000:6.1f} ms")
    print(f"read + rules    median {statistics.median(whole) * 1000:6.1f} ms")
    print(f"yusuan check    median {statistics.median(cli) * 1000:6.1f} ms (process start included)")


if __name__ == "__main__":
    main()
