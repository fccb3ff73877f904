"""How well yusuan reads a region it has no layout file for: every sample budget is read twice, with
the layouts (as shipped) and with its own region's layout files withheld, and its key figures are
compared with the ones read by hand on the pages.

    .venv/bin/python bench/generic.py [--only PREFIX ...] [--mode both|layouts|withheld] [--verbose]

Hand-read figures: `../shared/samples/figures.yaml` (the 19 budgets added in round 4; for the
narrative-only files, the amounts the narrative states) and the FIGURES dicts of
tests/pdf_samples/test_*.py (the first eleven, read from their source without importing the tests).

Each figure counts as right (the hand-read value), null (yusuan shows nothing: honest, but a loss) or
wrong (yusuan shows another value as a fact: the worst outcome). A figure the document does not
print (hand-read null) counts as right when yusuan shows null too, and as wrong otherwise.
"""
from __future__ import annotations

import argparse
import ast
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"
sys.path.insert(0, str(ROOT / "src"))

from yusuan.api import load_budget  # noqa: E402
from yusuan.check import check  # noqa: E402
from yusuan.figures.summary import summary  # noqa: E402
from yusuan.read.raw import UnreadableError  # noqa: E402

KEYS = ("income_total", "expenditure_total", "fiscal_grant_total", "basic_total", "project_total",
        "personnel_total", "public_total", "three_public_total", "three_public_abroad",
        "three_public_vehicle_purchase", "three_public_vehicle_operation", "three_public_reception",
        "gov_operation_cost")

# A sample's region → the layout files that region has (withheld together: Shanghai's unit and
# department layouts are one region's).
REGION_LAYOUTS = {
    "bj-": {"beijing_dept"}, "cn-": {"central_dept"}, "gz-": {"guangzhou_dept"},
    "hangzhou-": {"zhejiang_dept"}, "quanzhou-": {"fujian_unit"}, "sh-": {"shanghai_dept", "shanghai_unit"},
    "shenzhen-": {"shenzhen_dept"}, "suzhou-": {"jiangsu_dept"}, "xian-": {"xian_dept"},
    "wuhan-": {"wuhan_unit"},
}


def region_layouts(name: str) -> frozenset[str]:
    return frozenset(next(v for k, v in REGION_LAYOUTS.items() if name.startswith(k)))


def _test_figures() -> dict[str, dict]:
    """file name → FIGURES dict, from the literal assignments of tests/pdf_samples/test_*.py."""
    out: dict[str, dict] = {}
    for path in sorted((ROOT / "tests" / "pdf_samples").glob("test_*.py")):
        names: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                try:
                    names[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    continue
        for var, value in names.items():
            if not var.endswith("FIGURES") or not isinstance(value, dict):
                continue
            prefix = var[: -len("FIGURES")].rstrip("_")
            file_name = names.get(prefix or "NAME") or names.get("TABLES")
            if isinstance(file_name, str):
                out[file_name] = value
    return out


def expected_figures() -> dict[str, dict]:
    """file name → {key: '元 string' | None, 'expenditure_by_class': {...} | None}."""
    out = {}
    for name, figures in _test_figures().items():
        out[name] = {k: figures[k] for k in (*KEYS, "expenditure_by_class") if k in figures}
    hand = yaml.safe_load((SAMPLES / "figures.yaml").read_text(encoding="utf-8"))
    for stem, figures in hand.items():
        if figures.get("status") == "narrative_only" and "amounts_yuan_from_narrative" in figures:
            figures = figures["amounts_yuan_from_narrative"]
        out[f"{stem}.pdf"] = {k: figures.get(k) for k in (*KEYS, "expenditure_by_class") if k in figures}
    return out


def _flat(figures: dict) -> dict:
    """Key figures with the classes of expenditure_by_class as keys of their own ('expenditure_by_class[201]')."""
    classes = figures.get("expenditure_by_class") or {}
    return {k: v for k, v in figures.items() if k != "expenditure_by_class"} | {
        f"expenditure_by_class[{code}]": v for code, v in classes.items()}


def compare(expected: dict, got: dict) -> tuple[int, int, int, list[str]]:
    right = null = wrong = 0
    notes = []
    have = _flat(got)
    for key, want in _flat(expected).items():
        seen = have.get(key)
        if seen == want:
            right += 1
        elif seen is None:
            null += 1
            notes.append(f"{key} null (want {want})")
        else:
            wrong += 1
            notes.append(f"{key} WRONG {seen} (want {want})")
    return right, null, wrong, notes


def read(path: Path, withheld: frozenset[str]) -> tuple[dict, list[str], Counter]:
    """(summary, reading-notice codes, errors and warnings of `check` by code)."""
    try:
        budget, reading = load_budget(path, withheld=withheld)
    except UnreadableError as exc:
        return {}, [f"unreadable: {exc}"], Counter()
    codes = sorted({f.code for f in reading if f.code.startswith("P")})
    report = check(budget, reading)
    alarms = Counter(f.code for f in report.findings
                     if f.severity.value in ("error", "warning") and not f.code.startswith("P"))
    return summary(budget) | {"layout": budget.layout}, codes, alarms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="file name prefixes")
    parser.add_argument("--mode", choices=("both", "layouts", "withheld"), default="both")
    parser.add_argument("--verbose", action="store_true", help="list every figure that is not right")
    args = parser.parse_args()
    if not SAMPLES.is_dir():
        print(f"no samples at {SAMPLES}")
        return
    expected = expected_figures()
    modes = ("layouts", "withheld") if args.mode == "both" else (args.mode,)
    totals = {m: [0, 0, 0] for m in modes}
    print(f"{'document':40} {'mode':9} {'layout':15} {'right':>5} {'null':>4} {'wrong':>5} {'s':>5}  errors and warnings")
    for name in sorted(expected):
        if args.only and not any(name.startswith(p) for p in args.only):
            continue
        for mode in modes:
            withheld = region_layouts(name) if mode == "withheld" else frozenset()
            start = time.perf_counter()
            got, notes, alarms = read(SAMPLES / name, withheld)
            seconds = time.perf_counter() - start
            right, null, wrong, diffs = compare(expected[name], got)
            for i, n in enumerate((right, null, wrong)):
                totals[mode][i] += n
            print(f"{name[:40]:40} {mode:9} {str(got.get('layout', '-'))[:15]:15} {right:5} {null:4} {wrong:5} "
                  f"{seconds:5.1f}  {' '.join(f'{c}×{n}' for c, n in sorted(alarms.items()))}", flush=True)
            if args.verbose:
                for line in (*notes, *diffs):
                    print(f"    {line}")
    print()
    for mode, (right, null, wrong) in totals.items():
        n = right + null + wrong
        if n:
            print(f"{mode:9} figures {n}: right {right} ({100 * right / n:.1f}%), null {null} "
                  f"({100 * null / n:.1f}%), wrong {wrong} ({100 * wrong / n:.1f}%)")


if __name__ == "__main__":
    main()
