"""Render time per format and layout for the Wuhan budget (read from the text sample, or a YAML).

Usage: python bench/render.py [FILE] [--repeat N]   (default FILE: ../shared/samples/wuhan-gxzx-2026-unit-budget.txt)

Project target: PDF under 1 s for the Wuhan document. Each figure is the best of --repeat runs,
after one warm-up run (imports and font loading are not rendering).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from yusuan.api import load_budget
from yusuan.narrative import prepare
from yusuan.render import FORMATS, render

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "samples" / "wuhan-gxzx-2026-unit-budget.txt"
LAYOUTS = ("wuhan_unit", "shanghai_unit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    budget, _ = load_budget(args.file)
    budget = prepare(budget)  # a YAML budget is printed with its generated Part 3, as `yusuan render` does
    print(f"{args.file.name}: {len(budget.tables)} tables, {len(budget.project_performance)} project forms")
    print(f"{'layout':<15}{'format':<8}{'best s':>8}{'size KB':>9}")
    for layout in LAYOUTS:
        for fmt in FORMATS:
            data = render(budget, fmt, layout)  # warm-up
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                data = render(budget, fmt, layout)
                times.append(time.perf_counter() - start)
            print(f"{layout:<15}{fmt:<8}{min(times):>8.3f}{len(data) / 1024:>9.0f}")


if __name__ == "__main__":
    main()
