"""How many of `yusuan check`'s errors and warnings on the samples are real defects of the documents:
every finding is counted against bench/verdicts.yaml (classified by looking at the pages) and the
table rule × real / false / unclassified is printed and written to docs/precision.md.

    .venv/bin/python bench/precision.py [--write]

Reading notices (P…) say what the reader could not read; they accuse nothing and are counted apart.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"
sys.path.insert(0, str(ROOT / "src"))

from yusuan.api import check_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write docs/precision.md")
    args = parser.parse_args()
    if not SAMPLES.is_dir():
        print(f"no samples at {SAMPLES}")
        return
    verdicts = yaml.safe_load((ROOT / "bench" / "verdicts.yaml").read_text(encoding="utf-8")) or {}
    by_rule: dict[str, Counter] = defaultdict(Counter)
    notices = Counter()
    documents = 0
    per_doc_false_warnings = []
    for path in sorted([*SAMPLES.glob("*.pdf"), *SAMPLES.glob("*.txt")]):
        _, report = check_file(path)
        documents += 1
        found = Counter((f.code, f.severity.value) for f in report.findings
                        if f.severity.value in ("error", "warning"))
        judged = verdicts.get(path.stem, {})
        false_warnings = 0
        for (code, severity), n in sorted(found.items()):
            if code.startswith("P"):
                notices[code] += n
                continue
            verdict = judged.get(code, {})
            real = min(n, verdict.get("real", 0))
            unclassified = min(n - real, verdict.get("unclassified", 0))
            false = n - real - unclassified
            key = f"{code} ({'错误' if severity == 'error' else '警告'})"
            by_rule[key].update(real=real, false=false, unclassified=unclassified)
            if severity == "warning":
                false_warnings += false + unclassified
        per_doc_false_warnings.append(false_warnings)
    lines = ["| 规则 | 真实问题 | 误报 | 未核实 |", "|---|---|---|---|"]
    totals = Counter()
    for key in sorted(by_rule):
        c = by_rule[key]
        totals.update(c)
        lines.append(f"| {key} | {c['real']} | {c['false']} | {c['unclassified']} |")
    lines.append(f"| 合计 | {totals['real']} | {totals['false']} | {totals['unclassified']} |")
    average = sum(per_doc_false_warnings) / documents if documents else 0
    text = "\n".join([
        "# 检查的准确度（样本文件）",
        "",
        f"由 `bench/precision.py --write` 生成：对 `../shared/samples/` 的 {documents} 个文件运行 `yusuan check`，"
        "每条错误和警告按 `bench/verdicts.yaml`（逐页核对的结论）计为真实问题、误报或未核实。",
        "读取提示（P 开头）说明哪些内容未能读取，不指称文件有错，单独列出。",
        "",
        *lines,
        "",
        f"平均每个文件的误报和未核实警告：{average:.2f} 条。",
        "",
        "读取提示：" + ("，".join(f"{code} {n} 条" for code, n in sorted(notices.items())) or "无") + "。",
        "",
    ])
    print(text)
    if args.write:
        (ROOT / "docs" / "precision.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
