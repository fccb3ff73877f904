"""Tables printed inside the prose parts (情况说明, 概况): found, read when the layout knows them, else reported.

The reader marks grid lines (`RawLine.is_table_row`) wherever it sees them; the prose readers only
join their cells into paragraph text. A run of grid lines inside prose is a table of its own — the
central departments print their project performance forms under 其他事项说明, Xi'an its 会议费/培训费
明细 under the 三公 section. Its title is the plain line printed just above it ("信息化运行维护绩效目标表",
then "（2026 年度）" or "单位：万元").

A layout names the tables it expects there with `in_narrative: true`; their names may be the tail of
the printed title (one form per project, titled with the project's name). Such a table is read by
its shape and its lines leave the prose. Any other run of grid lines that prints figures is reported
(P001): its numbers are not in the model. Grid lines without figures (a roster of the units, a box
around a sentence) stay prose — their words are kept as paragraph text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Location
from ..read.raw import RawLine
from ..reference.layouts import Layout, TableSpec, normalize_label
from .context import ExtractContext
from .grid import is_number
from .prose import SECTION_NUMBER, SUB_NUMBER, ends_sentence, is_page_mark
from .sections import TableBlock

# Lines between a table's title and its first row: the year it is for, its unit.
_BETWEEN_TITLE_AND_ROWS = re.compile(r"^[(（]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?$|^(?:金额)?单位\s*[:：]")
_TITLE_LINES_BACK = 3


@dataclass(frozen=True)
class InsetTable:
    title: str  # as printed ('' when no title line precedes the rows)
    title_line: RawLine | None
    rows: tuple[RawLine, ...]
    heading: str = ""  # the numbered heading of the section it is printed in, its number left out

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({line.page for line in self.rows if line.page is not None}))

    def block(self) -> TableBlock:
        return TableBlock(None, self.title, self.title_line or self.rows[0], self.rows)


def find_inset_tables(lines: tuple[RawLine, ...]) -> tuple[InsetTable, ...]:
    """Runs of grid lines among prose lines, each with the title printed above it."""
    out: list[InsetTable] = []
    run: list[RawLine] = []
    start = 0
    heading = ""
    for i, line in enumerate((*lines, None)):
        if line is not None and not line.is_table_row and not run:
            m = SECTION_NUMBER.match(line.text) or SUB_NUMBER.match(line.text)
            heading = m.group(2).strip() if m else heading
        if line is not None and line.is_table_row:
            if not run:
                start = i
            run.append(line)
            continue
        if line is not None and run and is_page_mark(line.text):
            continue  # a page number between the rows of a table that goes on over the page
        if run:
            title_line, title = _title_above(lines, start)
            out.append(InsetTable(title, title_line, tuple(run), heading))
            run = []
    return tuple(out)


def _title_above(lines: tuple[RawLine, ...], start: int) -> tuple[RawLine | None, str]:
    for k in range(start - 1, max(-1, start - 1 - _TITLE_LINES_BACK), -1):
        line = lines[k]
        text = line.text.strip()
        if line.is_table_row or not text:
            return None, ""
        if _BETWEEN_TITLE_AND_ROWS.match(text) or is_page_mark(text):
            continue
        if not text.endswith("表") or "。" in text:
            return None, ""
        before = lines[k - 1] if k > 0 else None
        head = before.text.strip() if before is not None and not before.is_table_row else ""
        if (head and before.page == line.page and len(text) * 2 < len(head) and not head.endswith("表")
                and not ends_sentence(head)):
            return before, head + text  # a long title broken over two lines: '…项目绩效目' / '标表'
        return line, text
    return None, ""


def prints_figures(table: InsetTable) -> bool:
    """Some cell right of the first column is a number: the table holds figures, not only names."""
    return any(is_number(cell.text.strip()) for line in table.rows for k, cell in enumerate(line.cells)
               if (cell.col if cell.col is not None else k) > 0 and cell.text.strip())


def inset_spec(table: InsetTable, layout: Layout) -> TableSpec | None:
    """The layout's table printed inside the prose whose title (or the title's tail) this one bears."""
    key = normalize_label(table.title)
    if not key:
        # An untitled table is known by the heading of its section (广州 七、重点项目预算绩效目标情况),
        # else by its printed column labels (深圳 第七部分: 一级项目名称, 预算数（万元）).
        section = normalize_label(table.heading)
        return next((spec for spec in layout.tables if spec.in_narrative and section
                     and any(normalize_label(name) == section for name in spec.names)), None) \
            or _by_column_labels(table, layout)
    best: tuple[int, TableSpec] | None = None
    for spec in layout.tables:
        if not spec.in_narrative:
            continue
        for name in spec.names:
            n = normalize_label(name)
            if n == key:
                return spec
            if key.endswith(n) and (best is None or len(n) > best[0]):
                best = (len(n), spec)
    return best[1] if best else None


def _by_column_labels(table: InsetTable, layout: Layout) -> TableSpec | None:
    """The layout's table printed inside the prose whose name columns and measure headers (every part of
    a header path) are all among the labels printed above the first row of figures."""
    printed: set[str] = set()
    for line in table.rows:
        texts = [t.strip() for t in line.texts if t.strip()]
        if any(is_number(t) for t in texts):
            break
        printed.update(normalize_label(t) for t in texts)
    for spec in layout.tables:
        wanted = {normalize_label(part) for label in (*spec.name_columns, *spec.headers.values())
                  for part in label.split("/")}
        if spec.in_narrative and wanted and wanted <= printed:
            return spec
    return None


def describe(table: InsetTable) -> str:
    """'第30页的表格“信息化运行维护绩效目标表”'; untitled: by the labels of its first row."""
    pages = table.pages
    where = f"第{pages[0]}页" if len(pages) == 1 else f"第{pages[0]}–{pages[-1]}页" if pages else ""
    if table.title:
        return f"{where}的表格“{table.title}”"
    heads = [t for t in table.rows[0].texts if t][:4]
    return f"{where}的表格（{'、'.join(heads)}…）"


def report_unread(table: InsetTable, part: str, ctx: ExtractContext) -> None:
    ctx.issue("P001", f"{part}中{describe(table)}不是“{ctx.layout.name}”中的表格，未读取（{len(table.rows)} 行）",
              Location(table_title=table.title or None, source=ctx.source(table.title_line or table.rows[0])))


def without(lines: tuple[RawLine, ...], tables: list[InsetTable]) -> tuple[RawLine, ...]:
    """The prose lines once the rows of the tables read are taken out."""
    taken = {id(line) for t in tables for line in t.rows}
    return tuple(line for line in lines if id(line) not in taken)
