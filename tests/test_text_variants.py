"""Hypothesis feeds the text reader variants of the Wuhan sample: spacing, blank cells, reordered
tables. No number may be lost or invented."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from provenance import differences, strip_provenance
from yusuan.extract import extract
from yusuan.read.text import text_to_raw

SAMPLE = SAMPLES / "wuhan-gxzx-2026-unit-budget.txt"
_HEADING = re.compile(r"^表\s*\d+(-\d+)?$")


def _split(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    """(lines before the first table, table blocks, lines from part 3 on)."""
    lines = text.splitlines()
    start = next(i for i, l in enumerate(lines) if l.strip() == "表1")
    end = max(i for i, l in enumerate(lines) if l.startswith("第三部分"))
    blocks: list[list[str]] = []
    for line in lines[start:end]:
        if _HEADING.match(line.strip()):
            blocks.append([])
        blocks[-1].append(line)
    return lines[:start], blocks, lines[end:]


def _tables(text: str):
    budget, issues = extract(text_to_raw(text, "variant.txt"))
    return budget, [i.code for i in issues]


def _model(budget):
    dump = budget.model_dump(mode="json")
    return strip_provenance({"tables": dump["tables"], "overall": dump["overall_performance"],
                             "projects": dump["project_performance"], "narrative": dump["narrative"]})


_ORIGINAL = {}


def _original():
    if not _ORIGINAL:
        budget, issues = _tables(SAMPLE.read_text(encoding="utf-8"))
        _ORIGINAL["model"], _ORIGINAL["issues"] = _model(budget), issues
    return _ORIGINAL["model"]


def _respace(line: str, pads: list[int]) -> str:
    """Pad every cell of a tab-separated line with spaces; a table line keeps its tab structure."""
    if "\t" not in line:
        return line
    cells = line.split("\t")
    return "\t".join((" " * pads[i % len(pads)]) + c + (" " * pads[(i + 1) % len(pads)]) if c else c
                     for i, c in enumerate(cells))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order=st.permutations(range(13)), pads=st.lists(st.integers(0, 3), min_size=1, max_size=5),
       blank_lines=st.integers(0, 2))
def test_reordered_and_respaced_tables_give_the_same_model(order, pads, blank_lines):
    if not SAMPLE.exists():
        return
    head, blocks, tail = _split(SAMPLE.read_text(encoding="utf-8"))
    assert len(blocks) == 13
    shuffled = [blocks[i] for i in order]
    body = []
    for block in shuffled:
        body += [_respace(l, pads) for l in block] + [""] * blank_lines
    variant = "\n".join(head + body + tail)
    budget, issues = _tables(variant)
    model = _model(budget)
    expected = _original()
    # Tables come out in document order: compare by table id.
    by_id = lambda m: {t["id"]: t for t in m["tables"]}  # noqa: E731
    assert by_id(model) == by_id(expected), differences(by_id(model), by_id(expected))[:5]
    assert model["overall"] == expected["overall"]
    assert sorted(model["projects"], key=str) == sorted(expected["projects"], key=str)
    assert model["narrative"] == expected["narrative"]
    assert issues == _ORIGINAL["issues"]


def test_blank_cell_made_zero_adds_exactly_one_cell(wuhan_txt):
    text = wuhan_txt.read_text(encoding="utf-8")
    # 表3 row 208 has blank 项目支出: write 0.00 there.
    variant = text.replace("208\t社会保障和就业支出\t80.63\t80.63\t\t", "208\t社会保障和就业支出\t80.63\t80.63\t0.00\t", 1)
    assert variant != text
    before, _ = _tables(text)
    after, _ = _tables(variant)
    row_before = before.table("expenditure_summary").row(code="208")
    row_after = after.table("expenditure_summary").row(code="208")
    assert row_before.get("project") is None
    assert row_after.get("project").value == 0
    assert len(row_after.cells) == len(row_before.cells) + 1
