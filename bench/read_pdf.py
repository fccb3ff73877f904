"""PDF reader speed: yusuan's read() against plain PyMuPDF get_text() and pdfplumber's extract_tables().

Usage: python bench/read_pdf.py [pdf ...]   (default: every PDF in ../shared/samples)

Project target: read() ≤ 3× plain get_text, and ≥ 5× faster than pdfplumber tables.
Each figure is the best of --repeat runs (default 3; pdfplumber runs once, it is slow).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from baselines import plain_text, plumber_tables
from yusuan.pdflib import pymupdf

from yusuan.read.pdf import read

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-plumber", action="store_true", help="skip pdfplumber (slow)")
    args = parser.parse_args()
    pdfs = args.pdfs or sorted(SAMPLES.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDF given and none in {SAMPLES}")
    plain_text(pdfs[0])  # load MuPDF's fonts once so the first file is not charged for it
    head = f"{'document':38} {'pages':>5} {'read ms':>9} {'/page':>7} {'text ms':>9} {'/page':>7} " \
           f"{'plumber ms':>11} {'/page':>7} {'read/text':>9} {'plumber/read':>12}"
    print(head)
    print("-" * len(head))
    totals = [0, 0.0, 0.0, 0.0]
    for path in pdfs:
        with pymupdf.open(path) as doc:
            n = doc.page_count
        t_read = best(lambda: read(path), args.repeat)
        t_text = best(lambda: plain_text(path), args.repeat)
        t_plumb = float("nan") if args.no_plumber else best(lambda: plumber_tables(path), 1)
        totals[0] += n
        totals[1] += t_read
        totals[2] += t_text
        totals[3] += t_plumb
        print(f"{path.name[:38]:38} {n:5d} {t_read * 1e3:9.1f} {t_read * 1e3 / n:7.2f} "
              f"{t_text * 1e3:9.1f} {t_text * 1e3 / n:7.2f} {t_plumb * 1e3:11.1f} {t_plumb * 1e3 / n:7.2f} "
              f"{t_read / t_text:9.2f} {t_plumb / t_read:12.1f}")
    n, t_read, t_text, t_plumb = totals
    print("-" * len(head))
    print(f"{'total':38} {n:5d} {t_read * 1e3:9.1f} {t_read * 1e3 / n:7.2f} {t_text * 1e3:9.1f} "
          f"{t_text * 1e3 / n:7.2f} {t_plumb * 1e3:11.1f} {t_plumb * 1e3 / n:7.2f} "
          f"{t_read / t_text:9.2f} {t_plumb / t_read:12.1f}")
    verdict_text = "met" if t_read <= 3 * t_text else "NOT met"
    verdict_plumb = "met" if t_plumb >= 5 * t_read else "NOT met"
    print(f"target read ≤ 3× get_text: {verdict_text} ({t_read / t_text:.2f}×); "
          f"read ≥ 5× faster than pdfplumber tables: {verdict_plumb} ({t_plumb / t_read:.1f}×)")


if __name__ == "__main__":
    main()
