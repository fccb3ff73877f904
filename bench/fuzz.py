"""A long fuzzing campaign (issue 16): mutants of the sample PDFs and hostile office/HTML/YAML/text
files, each run through the real command, counted per family.

    .venv/bin/python bench/fuzz.py [--pdf 1000] [--hostile 200] [--jobs 2] [--seed 16] [--timeout 60]
                                   [--keep DIR] [--command check]

Families: pdf (byte mutants of ../shared/samples/*.pdf: flips, truncations, cut and repeated blocks),
shape (every generated shape of tests/fuzz/shapes.py), docx/xlsx (a rendered package with one XML
member's numbers and references made huge or repeated), html, yaml, text (byte and line mutants of a
rendered page, the example YAML and the sample text). Per family: runs, exit 0/1 (read), refusals
(exit 2), crashes (exit 3), timeouts (killed after --timeout s), killed (by a signal), the slowest
run and the peak memory of any run (the child's maximum resident set, from wait4). A crash or a
timeout, or a run over 10 s, is kept under --keep for a look (and listed). Exit status 1 when any run
crashed, timed out, was killed or took over 10 s. Cases are drawn before --only selects families, so a
family's cases are the same with or without the others.
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fuzz.runner import YUSUAN, run_cli  # noqa: E402
from fuzz.shapes import SHAPES, mutate_bytes, mutate_xml_package  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"
EXAMPLE = ROOT / "examples" / "wuhan-gxzx-2026.yaml"


def _rendered(tmp: Path, fmt: str) -> bytes:
    out = tmp / f"seed.{fmt}"
    subprocess.run([str(YUSUAN), "render", str(EXAMPLE), "--to", fmt, "-o", str(out), "--force"],
                   check=True, capture_output=True)
    return out.read_bytes()


def _mutate_lines(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 8)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        op = rng.randrange(5)
        if op == 0:
            lines[i:i] = [lines[i]] * rng.randint(2, 2000)
        elif op == 1:
            del lines[i]
        elif op == 2:
            lines[i] = lines[i] + rng.choice(["\t" * 50, "9" * rng.randint(20, 5000), "1e999999", "\x1b[2J", "\x00",
                                              " *a", " &a", "[" * 200, "{" * 200, "<td colspan=1000 rowspan=65534>"])
        elif op == 3:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = "  " * rng.randint(0, 300) + lines[i]
    return "\n".join(lines)


def cases(args, tmp: Path):
    """(family, name, suffix, make(path)) of the whole campaign, drawn from one seeded generator."""
    rng = random.Random(args.seed)
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    if not pdfs:
        sys.exit(f"{SAMPLES}: 没有样本 PDF")
    for i in range(args.pdf):
        source = rng.choice(pdfs)
        seed = rng.random()
        yield "pdf", f"pdf-{i:04d}-{source.stem}", ".pdf", (
            lambda path, s=source, seed=seed: path.write_bytes(mutate_bytes(s.read_bytes(), random.Random(seed))))
    for shape in SHAPES:
        yield "shape", shape.name, shape.suffix, shape.make
    docx, xlsx, html = _rendered(tmp, "docx"), _rendered(tmp, "xlsx"), _rendered(tmp, "html").decode("utf-8")
    yaml_text = EXAMPLE.read_text(encoding="utf-8")
    text = (SAMPLES / "wuhan-gxzx-2026-unit-budget.txt").read_text(encoding="utf-8") \
        if (SAMPLES / "wuhan-gxzx-2026-unit-budget.txt").exists() else yaml_text
    remaining = max(0, args.hostile - len(SHAPES))
    families = ["docx", "xlsx", "html", "yaml", "text"]
    for i in range(remaining):
        family = families[i % len(families)]
        seed = rng.random()
        r = random.Random(seed)
        if family == "docx":
            make = (lambda path, r=r: path.write_bytes(mutate_xml_package(docx, r) if r.random() < 0.8
                                                        else mutate_bytes(docx, r)))
        elif family == "xlsx":
            make = (lambda path, r=r: path.write_bytes(mutate_xml_package(xlsx, r) if r.random() < 0.8
                                                        else mutate_bytes(xlsx, r)))
        elif family == "html":
            make = lambda path, r=r: path.write_text(_mutate_lines(html, r), encoding="utf-8", errors="replace")
        elif family == "yaml":
            make = lambda path, r=r: path.write_text(_mutate_lines(yaml_text, r), encoding="utf-8", errors="replace")
        else:
            make = lambda path, r=r: path.write_text(_mutate_lines(text, r), encoding="utf-8", errors="replace")
        yield family, f"{family}-{i:04d}", {"text": ".txt"}.get(family, "." + family), make


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", type=int, default=1000, help="mutants of the sample PDFs")
    parser.add_argument("--hostile", type=int, default=200, help="hostile office/HTML/YAML/text files (shapes included)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "yusuan-fuzz")
    parser.add_argument("--command", default="check")
    parser.add_argument("--only", nargs="*", default=None, help="families to run (pdf shape docx xlsx html yaml text)")
    args = parser.parse_args()

    stats: dict[str, dict] = defaultdict(lambda: {"runs": 0, "ok": 0, "refused": 0, "crash": 0, "timeout": 0,
                                                   "killed": 0, "slowest": 0.0, "peak": 0.0, "over10s": 0})
    bad: list[str] = []
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        todo = [case for case in cases(args, tmp) if not args.only or case[0] in args.only]

        def one(case):
            family, name, suffix, make = case
            path = tmp / f"{name}{suffix}"
            make(path)
            run = run_cli([args.command, path], timeout=args.timeout)
            return family, name, path, run

        with ThreadPoolExecutor(args.jobs) as pool:
            for n, (family, name, path, run) in enumerate(pool.map(one, todo), start=1):
                s = stats[family]
                s["runs"] += 1
                s["slowest"] = max(s["slowest"], run.seconds)
                s["peak"] = max(s["peak"], run.peak_mb)
                s["over10s"] += run.seconds > 10
                if run.code is None:
                    s["timeout"] += 1
                elif run.code in (0, 1):
                    s["ok"] += 1
                elif run.code == 2:
                    s["refused"] += 1
                elif run.code == 3:
                    s["crash"] += 1
                else:
                    s["killed"] += 1
                if run.code not in (0, 1, 2) or run.seconds > 10:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    if path.is_file() and not path.is_symlink():
                        shutil.copy(path, args.keep / path.name)
                    bad.append(f"{family} {name}: {run.describe()}")
                if path.is_symlink() or path.exists():
                    path.unlink()
                if n % 100 == 0:
                    print(f"… {n}/{len(todo)} ({time.monotonic() - start:.0f} s)", file=sys.stderr, flush=True)

    print(f"yusuan {args.command}: {sum(s['runs'] for s in stats.values())} runs, seed {args.seed}, "
          f"{args.jobs} at once, {time.monotonic() - start:.0f} s")
    header = ("family", "runs", "read (0/1)", "refused (2)", "crashes (3)", "timeouts", "killed", ">10 s",
              "slowest s", "peak MB")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    total = defaultdict(float)
    for family, s in stats.items():
        print(f"| {family} | {s['runs']} | {s['ok']} | {s['refused']} | {s['crash']} | {s['timeout']} | {s['killed']} | "
              f"{s['over10s']} | {s['slowest']:.1f} | {s['peak']:.0f} |")
        for key in ("runs", "ok", "refused", "crash", "timeout", "killed", "over10s"):
            total[key] += s[key]
        total["slowest"] = max(total["slowest"], s["slowest"])
        total["peak"] = max(total["peak"], s["peak"])
    print(f"| all | {int(total['runs'])} | {int(total['ok'])} | {int(total['refused'])} | {int(total['crash'])} | "
          f"{int(total['timeout'])} | {int(total['killed'])} | {int(total['over10s'])} | {total['slowest']:.1f} | "
          f"{total['peak']:.0f} |")
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
