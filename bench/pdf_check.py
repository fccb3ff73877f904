"""Speed of the whole `yusuan check` on PDFs against plain PyMuPDF text and pdfplumber's tables.

Usage: python bench/pdf_check.py [pdf ...] [--repeat N] [--no-plumber] [--profile K]
       (default: every PDF in ../shared/samples)

Per document, the fastest of --repeat runs (default 5) of each, yusuan's check and the plain text taken
in turn so that a slow spell of the machine hits both (on a shared virtual machine one run can take
twice another; the fastest is the figure least disturbed — as `timeit` reports):
- check:   yusuan.api.check_file — read + extract + check, in-process (what `yusuan check` does
           after the interpreter has started);
- text:    PyMuPDF's plain page.get_text() over every page;
- plumber: pdfplumber's page.extract_tables() over every page.
Targets (issue 4): check ≤ 3× text, and check ≥ 5× faster than pdfplumber's tables.
--profile K prints a cProfile summary of the check of the K slowest documents.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from pathlib import Path

from baselines import plain_text, plumber_tables
from yusuan.pdflib import pymupdf

from yusuan.api import check_file
from yusuan.read.raw import UnreadableError

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


def fastest(fns, repeat: int) -> list[float]:
    """The fastest time of each of `fns`, run in turn `repeat` times."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, spent in zip(fns, times):
            start = time.perf_counter()
            fn()
            spent.append(time.perf_counter() - start)
    return [min(spent) for spent in times]


def check(path: Path) -> None:
    try:
        check_file(path)
    except UnreadableError:
        pass  # still timed: reading is the cost; the table shows which files failed


def profile(path: Path, top: int = 25) -> str:
    prof = cProfile.Profile()
    prof.enable()
    check(path)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(top)
    out.write("\n-- by own time --\n")
    stats.sort_stats("tottime").print_stats(15)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure; the fastest is shown (default 5)")
    parser.add_argument("--no-plumber", action="store_true", help="skip pdfplumber (slow)")
    parser.add_argument("--profile", type=int, default=0, metavar="K", help="profile the K slowest checks")
    args = parser.parse_args()
    pdfs = args.pdfs or sorted(SAMPLES.glob("*.pdf"))
    if not pdfs:
        print(f"no PDF given and none in {SAMPLES}; nothing to measure")
        return
    # Warm-up: MuPDF's fonts, the codebook, layouts and rule catalog load once per process.
    check(pdfs[0])
    plain_text(pdfs[0])

    head = (f"{'document':36} {'pages':>5} {'check ms':>9} {'/page':>6} {'text ms':>8} {'/page':>6} "
            f"{'plumber ms':>10} {'/page':>6} {'check/text':>10} {'plumber/check':>13}")
    print(f"fastest of {args.repeat} runs each (check and text in turn)")
    print(head)
    print("-" * len(head))
    rows = []
    for path in pdfs:
        with pymupdf.open(path) as doc:
            n = doc.page_count
        t_check, t_text = fastest([lambda: check(path), lambda: plain_text(path)], args.repeat)
        t_plumb = float("nan") if args.no_plumber else fastest([lambda: plumber_tables(path)], min(args.repeat, 3))[0]
        rows.append((path, n, t_check, t_text, t_plumb))
        print(_line(path.name, n, t_check, t_text, t_plumb), flush=True)
    n = sum(r[1] for r in rows)
    t_check, t_text, t_plumb = (sum(r[i] for r in rows) for i in (2, 3, 4))
    print("-" * len(head))
    print(_line("total", n, t_check, t_text, t_plumb))
    worst_text = max(rows, key=lambda r: r[2] / r[3])
    print(f"target check ≤ 3× get_text: {'met' if t_check <= 3 * t_text else 'NOT met'} "
          f"({t_check / t_text:.2f}× overall; worst {worst_text[2] / worst_text[3]:.2f}× on {worst_text[0].name})")
    if not args.no_plumber:
        worst_plumb = min(rows, key=lambda r: r[4] / r[2])
        print(f"target check ≥ 5× faster than pdfplumber tables: {'met' if t_plumb >= 5 * t_check else 'NOT met'} "
              f"({t_plumb / t_check:.1f}× overall; least {worst_plumb[4] / worst_plumb[2]:.1f}× on {worst_plumb[0].name})")
    for path, *_ in sorted(rows, key=lambda r: -r[2])[: args.profile]:
        print(f"\n== profile of check on {path.name}")
        print(profile(path))


def _line(name: str, n: int, t_check: float, t_text: float, t_plumb: float) -> str:
    return (f"{name[:36]:36} {n:5d} {t_check * 1e3:9.1f} {t_check * 1e3 / n:6.2f} {t_text * 1e3:8.1f} "
            f"{t_text * 1e3 / n:6.2f} {t_plumb * 1e3:10.1f} {t_plumb * 1e3 / n:6.2f} "
            f"{t_check / t_text:10.2f} {t_plumb / t_check:13.1f}")


if __name__ == "__main__":
    main()
