"""What kind of table a block is, by its content, when the layout's own titles do not say.

Evidence, in order: the kind the title's words name (reference/table_kinds.py), then the code family
of the block's rows — a title cut short by a wrapped qualifier ("…支出明细表" above
"（按支出经济分类科目）") names only the family's function kind, and rows coded 301, 30101 … say the
table is the economic one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..reference.layouts import Layout, TableSpec
from ..reference.table_kinds import kind_of_title
from .sections import TableBlock

# Function-coded kind → its economic-coded sibling (same title words but for the classification).
_ECONOMIC_SIBLING = {
    "general_budget_by_function": "general_budget_by_economic",
    "basic_by_function": "basic_by_economic",
    "fiscal_grant_by_function": "fiscal_grant_basic_by_economic",
}
_FUNCTION_SIBLING = {v: k for k, v in _ECONOMIC_SIBLING.items()}
_CODE = re.compile(r"^\[?(\d{3})(?:\d{2}){0,2}(?:\]|$)")


@dataclass(frozen=True)
class Identification:
    """How a block was taken for a table kind: `evidence` says by what, in words a notice can quote."""

    spec: TableSpec
    evidence: tuple[str, ...]


def code_family(block: TableBlock) -> str | None:
    """'function' (2xx codes), 'economic' (3xx/5xx) or None, by the first code cell of each row."""
    counts = {"function": 0, "economic": 0}
    for line in block.lines:
        if not line.is_table_row:
            continue
        # The row's code: its first cell that is one ("序号 | 编码 | 名称" puts a row number first).
        m = next((m for t in line.texts if t and (m := _CODE.match(t.replace(" ", "")))), None)
        if not m:
            continue
        head = m.group(1)[0]
        if head == "2":
            counts["function"] += 1
        elif head in "35":
            counts["economic"] += 1
    total = counts["function"] + counts["economic"]
    if total < 2:
        return None
    family = max(counts, key=counts.get)
    return family if counts[family] >= 0.8 * total else None


def identify(block: TableBlock, layout: Layout) -> Identification | None:
    """The spec of the kind the block's title words name, corrected by its rows' code family."""
    if not block.title:
        return None
    kind = kind_of_title(block.title)
    if kind is None:
        return None
    evidence = [f"标题用词“{block.title}”"]
    family = code_family(block)
    if family == "economic" and kind in _ECONOMIC_SIBLING:
        kind = _ECONOMIC_SIBLING[kind]
        evidence.append("行为经济分类科目")
    elif family == "function" and kind in _FUNCTION_SIBLING:
        kind = _FUNCTION_SIBLING[kind]
        evidence.append("行为功能分类科目")
    spec = layout.table(kind)
    return Identification(spec, tuple(evidence)) if spec is not None else None
