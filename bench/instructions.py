"""Instructions executed by `yusuan check` on sample PDFs, counted under valgrind (callgrind).

Usage: python bench/instructions.py [pdf ...] [--src DIR]
       (default: every PDF in ../shared/samples; --src: another checkout's src/ to count instead)

Wall-clock and CPU times on a shared two-core virtual machine vary by ±20 % from run to run — more
than most speed changes are worth — and a second busy process slows MuPDF by half. The count of
instructions does not vary: compare it before and after a change (`--src` of a clean worktree of
HEAD against this tree). One process imports yusuan, warms up on the first file, then checks every
file once; the count includes the imports, which two trees share, so only differences mean
anything. Slow: about 50× the plain run (4 minutes for all samples).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
SRC = Path(__file__).resolve().parents[1] / "src"

CHILD = """
import sys
from yusuan.api import check_file
from yusuan.read.raw import UnreadableError
paths = sys.argv[1:]
for i, p in enumerate([paths[0]] + paths):
    try:
        check_file(p)
    except UnreadableError:
        pass
"""


def count(pdfs: list[Path], src: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")  # same dict and set orders each run
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", CHILD,
             *map(str, pdfs)],
            env=env, capture_output=True, text=True, check=False)
        match = re.search(r"Collected : (\d+)", run.stderr)
        if run.returncode != 0 or not match:
            raise SystemExit(f"valgrind failed:\n{run.stderr[-2000:]}")
        return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--src", type=Path, default=SRC, help="the src/ directory to count (default: this tree's)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    pdfs = args.pdfs or sorted(SAMPLES.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDF given and none in {SAMPLES}")
    total = count(pdfs, args.src.resolve())
    print(f"{total / 1e6:,.1f} M instructions: imports, warm-up on {pdfs[0].name}, check of {len(pdfs)} file(s) "
          f"from {args.src}")


if __name__ == "__main__":
    main()
