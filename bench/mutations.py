"""Mutation suite of issue 3 from the command line: catch rate per family and overall, and the misses.

    .venv/bin/python bench/mutations.py [SAMPLE.txt] [-v]

The mutation table lives in tests/mutations/table.py (the pytest suite runs the same table).
Exit status 1 when any mutation is missed (or the tolerance case is reported).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from mutations.table import MUTATIONS, baseline, describe, evaluate, rates, report_lines  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "samples" / "wuhan-gxzx-2026-unit-budget.txt"


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv[1:]
    path = Path(args[0]) if args else SAMPLE
    if not path.exists():
        print(f"{path}: 样本文件不存在")
        return 2
    text = path.read_text(encoding="utf-8")
    start = time.perf_counter()
    base = baseline(path)
    with tempfile.TemporaryDirectory() as tmp:
        outcomes = [evaluate(m, text, base, tmp) for m in MUTATIONS]
    seconds = time.perf_counter() - start
    print(f"{path.name}: {len(MUTATIONS)} mutations ({sum(m.expect_silent for m in MUTATIONS)} tolerance case), "
          f"{seconds:.1f} s")
    for line in report_lines(outcomes):
        print(line)
    if verbose:
        for o in outcomes:
            m = o.mutation
            hit = next((f for f in o.new if f.code in m.codes), None)
            print(f"{'ok  ' if o.caught else 'MISS'} {m.id:22} {'/'.join(m.codes) or '(silent)':12} "
                  f"{describe(hit) if hit else ''}")
    _, (caught, total) = rates(outcomes)
    return 0 if caught == total and all(o.caught for o in outcomes if o.mutation.expect_silent) else 1


if __name__ == "__main__":
    sys.exit(main())
