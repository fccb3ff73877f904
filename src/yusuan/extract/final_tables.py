"""What a final-accounts (决算) table prints beyond a budget table's grid.

- Side-by-side blocks: the table of basic spending by economic class is printed as two or three blocks
  of the same columns beside each other (人员经费 | 公用经费: 科目编码 | 科目名称 | 决算数, twice or three
  times); the blocks are read one under the other.
- The closing line of that table, "人员经费合计 2,152.26 公用经费合计 184.65": the table's own totals of
  its two parts, read as the total row's 人员经费 and 公用经费 (no 合计 of both is printed, none is made).
- 预算数 / 决算数 in a header path (the “三公” table prints both, as 预算数 | 决算数 over the items or the
  items over 预算数 | 决算数): 决算数 is the document's own figure (the measure itself), 预算数 the
  year's budget (the measure qualified `planned`).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Cell, Row, RowLevel
from ..read.raw import RawLine
from ..reference.layouts import join_measure, normalize_label
from .grid import GridReader, cells_by_col, is_number
from .headers import GridColumn, GridHeader, header_paths, measure_for_path

# Header segments saying whose figure a column holds.
_ACTUAL = frozenset({"决算数", "支出决算数", "本年决算数", "决算"})
_PLANNED = frozenset({"预算数", "年初预算数", "全年预算数", "调整预算数", "预算"})
_BRACKETED = re.compile(r"^(.+)\((预算数|决算数)\)$")
_STAFF_TOTALS = {"人员经费合计": "personnel", "公用经费合计": "public"}


def is_final(reader: GridReader) -> bool:
    return reader.ctx.layout.kind == "决算"


def unstack_blocks(header: list[RawLine], body: list[RawLine]) -> tuple[list[RawLine], list[RawLine]]:
    """Blocks of the same columns printed side by side → one block, the blocks' lines one under the
    other (the first block's lines, then the second's …). Unchanged when the header's leaves do not
    repeat."""
    paths = header_paths(header)
    if not paths:
        return header, body
    width = max(paths) + 1
    leaves = [normalize_label(paths[c][-1]) if c in paths else "" for c in range(width)]
    period = next((p for p in range(2, width // 2 + 1)
                   if width % p == 0 and all(leaves[i] == leaves[i % p] for i in range(width))
                   and any(leaves[:p]) and len(set(leaves[:p])) == p
                   and any(_names_rows(leaf) for leaf in leaves[:p])), None)
    if period is None:
        return header, body

    def part(line: RawLine, block: int) -> RawLine | None:
        lo, hi = block * period, (block + 1) * period
        cells = tuple(replace(c, col=c.col - lo) for c in line.cells if c.col is not None and lo <= c.col < hi)
        if not any(c.text.strip() for c in cells):
            return None
        return replace(line, cells=cells)

    first = [p for line in header if (p := part(line, 0)) is not None]
    stacked = [p for block in range(width // period) for line in body if (p := part(line, block)) is not None]
    return first, stacked


def without_column_numbers(body: list[RawLine]) -> list[RawLine]:
    """Lines numbering the columns 1, 2, 3 … with nothing else (central 决算's “三公” table, no 栏次 word)."""
    def numbering(line: RawLine) -> bool:
        texts = list(cells_by_col(line).values())
        return len(texts) >= 3 and all(t.isdigit() for t in texts) and \
            [int(t) for t in texts] == list(range(int(texts[0]), int(texts[0]) + len(texts)))
    return [line for line in body if not numbering(line)]


def _names_rows(leaf: str) -> bool:
    """A header leaf over the labels of the rows (a block repeated beside another has its own)."""
    return "名称" in leaf or "编码" in leaf or "代码" in leaf or leaf in ("类", "款", "项", "科目")


def staff_total_lines(body: list[RawLine]) -> tuple[list[RawLine], list[tuple[str, RawLine, int, str]]]:
    """(the body without its 人员经费合计 / 公用经费合计 lines, (measure, line, column, amount text) of each
    such total: the first number printed right of its label)."""
    kept: list[RawLine] = []
    found: list[tuple[str, RawLine, int, str]] = []
    for line in body:
        cells = cells_by_col(line)
        labels = [(col, _STAFF_TOTALS[key]) for col, text in cells.items() if (key := normalize_label(text)) in _STAFF_TOTALS]
        if not labels:
            kept.append(line)
            continue
        for col, measure in labels:
            number = next(((c, t) for c, t in sorted(cells.items()) if c > col and is_number(t)), None)
            if number is not None:
                found.append((measure, line, number[0], number[1]))
    return kept, found


def staff_total_rows(found: list[tuple[str, RawLine, int, str]], reader: GridReader) -> list[Row]:
    """The table's totals of 人员经费 and 公用经费 as printed on its closing line: one line each (items
    personnel_total, public_total), not a 合计 row (the table prints none of both)."""
    rows: list[Row] = []
    for measure, line, col, text in found:
        label = "人员经费合计" if measure == "personnel" else "公用经费合计"
        cells = reader.row_cells(line, {col: text}, ((col, measure, label, False),), label)
        if cells and all(r.item != f"{measure}_total" for r in rows):
            rows.append(Row(name=label, level=RowLevel.LINE, item=f"{measure}_total", cells=cells,
                            source=reader.ctx.source(line)))
    return rows


def planned_or_actual(header: GridHeader, allowed: tuple[str, ...]) -> GridHeader:
    """Columns whose printed path says 预算数 or 决算数: named by the rest of the path, 预算数 qualified
    `planned`. Other columns are left as read."""
    if not any(m.endswith("@planned") for m in allowed):
        return header  # a table printing no 预算数 beside its 决算数
    bases = tuple(dict.fromkeys(m.split("@")[0] for m in allowed))
    columns = dict(header.columns)
    taken: set[str] = set()
    changed = False
    for col, column in sorted(columns.items()):
        # "因公出国（境）费（预算数）": the qualifier in brackets after the item (yusuan's own rendering).
        path = tuple(m.group(1) if (m := _BRACKETED.match(normalize_label(p))) else p for p in column.path)
        norm = [normalize_label(p) for p in column.path]
        norm = [m.group(2) if (m := _BRACKETED.match(n)) else n for n in norm]
        planned = any(p in _PLANNED for p in norm)
        actual = any(p in _ACTUAL for p in norm)
        if planned == actual:
            continue
        rest = tuple(p for p, n in zip(path, norm) if n not in _PLANNED and n not in _ACTUAL)
        rest += tuple(p for p, n in zip(path, norm) if (n in _PLANNED or n in _ACTUAL) and normalize_label(p) != n)
        base = _base_measure(rest, bases)
        if base is None:
            continue
        measure = join_measure(base, {"planned"}) if planned else base
        if measure not in allowed or measure in taken:
            continue
        taken.add(measure)
        columns[col] = GridColumn(col, column.path, "measure", measure)
        changed = True
    return replace(header, columns=columns) if changed else header


_THREE_PUBLIC_BANNER = re.compile(r"三公")


def _base_measure(rest: tuple[str, ...], bases: tuple[str, ...]) -> str | None:
    """The measure the path's other segments name: the deepest segment naming one, the table's total
    where only a banner is left ("财政拨款“三公”经费/合计")."""
    if not rest:
        return "total" if "total" in bases else None
    found = measure_for_path(rest, bases)
    if found is None and len(rest) >= 2 and normalize_label(rest[-1]) in ("合计", "小计") \
            and _THREE_PUBLIC_BANNER.search(rest[-2]) and "three_public_total" in bases:
        found = "three_public_total"
    if found == "total" and "three_public_total" in bases:
        found = "three_public_total"
    return found
