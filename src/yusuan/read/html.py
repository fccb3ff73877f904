"""HTML pages (the standard library's html.parser): the body in order — headings and paragraphs as
single-cell lines, table rows as grid rows.

html.parser rather than lxml.html: the reader needs only the tag stream (start, end, text) and the
colspan/rowspan attributes, which it tolerates on any markup, however broken; a tree would add
nothing but another dependency to keep.

Location: a web page has no pages, so page is None and line_no is the line's order in the document
(1-based). Each <tr> becomes one line, laid out on the table's grid like the DOCX reader's rows
(grid_lines.py): a cell spanning columns has its text at its first column and blanks after; a cell
spanning rows has its text in its top row and blanks below. A row holding only a title merged
across the table reads as a text line, as in the other readers. Text outside tables breaks into
lines at block elements (p, div, h1…h6, li, …); <br> and the source's own line breaks are joined as
a word processor's wrapped lines are (Chinese without a space). <head>, <script>, <style>,
<template>, <noscript> and elements marked `hidden` are not read. Entities are decoded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from . import limits
from .grid_lines import GridCell, grid_line, join_wrapped, row_kind, text_line
from .raw import RawDocument, RawLine, RawPage, UnreadableError, file_bytes
from .text import decode

# Elements that end a line of text (a subset of HTML's block-level elements and the table parts).
_BLOCK = frozenset("""
    address article aside blockquote body caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol
    p pre section summary table tbody td tfoot th thead tr ul
""".split())
_SKIP = frozenset({"script", "style", "template", "noscript", "title", "head", "svg", "math", "object"})
_HEAD_ONLY = frozenset({"meta", "link", "base", "title", "style", "script", "noscript", "template"})
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_MAX_COLSPAN, _MAX_ROWSPAN = 1000, 65534  # the HTML standard's limits
_SPACES = re.compile(r"[ \t\f]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


@dataclass
class _Table:
    rows: list[tuple[int, list[GridCell]]] = field(default_factory=list)
    # column → last row a span from above covers it to: a rowspan is kept as its end, never laid out
    # row by row, so a rowspan past the table's last row costs nothing (browsers clamp it there too)
    covered: dict[int, int] = field(default_factory=dict)
    row: list[GridCell] | None = None
    col: int = 0
    cell: tuple[int, int] | None = None  # (col, span) of the open cell
    text: list[str] = field(default_factory=list)
    width: int = 0


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, RawLine | _Table]] = []
        self.order = 0  # order of the next line; a table's rows take theirs when they open
        self.text: list[str] = []
        self.tables: list[_Table] = []
        self.skip: list[str] = []  # open elements whose content is not read
        self.in_head = False
        self.tags = 0
        bound = limits.current()
        self.max_rows, self.max_cols = bound.rows, bound.columns

    # --- the tag stream ---

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if self.in_head and tag not in _HEAD_ONLY:
            self.in_head = False  # </head> is optional: body content closes it
        if self.skip:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        if tag == "head":
            self.in_head = True
            return
        if tag in _SKIP or ("hidden" in dict(attrs) and tag not in _VOID):
            if tag not in _VOID:
                self.skip.append(tag)
            return
        table = self.tables[-1] if self.tables else None
        if tag == "br":
            self._target().append("\n")
        elif tag == "table":
            self._break()
            self.tables.append(_Table())
        elif table is not None and tag == "tr":
            self._close_row(table)
            table.row = []
            table.col = 0
            self._count_line()
            table.rows.append((self.order, table.row))
        elif table is not None and tag in ("td", "th"):
            if table.row is None:  # a cell outside any <tr>: browsers open a row for it
                self.handle_starttag("tr", [])
            self._close_cell(table)
            values = dict(attrs)
            colspan = _span(values.get("colspan"), _MAX_COLSPAN)
            rowspan = _span(values.get("rowspan"), _MAX_ROWSPAN)
            r = len(table.rows) - 1
            while table.covered.get(table.col, -1) >= r:
                table.col += 1
            if self.max_cols and table.col + colspan > self.max_cols:
                raise limits.over("columns", table.col + colspan, "表格宽度")
            if rowspan > 1:
                for c in range(table.col, table.col + colspan):
                    table.covered[c] = max(table.covered.get(c, -1), r + rowspan - 1)
            table.cell = (table.col, colspan)
            table.col += colspan
            table.width = max(table.width, table.col)
        elif tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in self.skip:
                while self.skip.pop() != tag:
                    pass
            return
        if tag == "head":
            self.in_head = False
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table" and table is not None:
            self._close_row(table)
            self.tables.pop()
            self.lines.append((table.rows[0][0] if table.rows else self.order, table))
        elif table is not None and tag == "tr":
            self._close_row(table)
        elif table is not None and tag in ("td", "th"):
            self._close_cell(table)
        elif tag in _BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.in_head and data.strip():
            self.in_head = False  # text closes an unclosed <head> as body content does
        if not self.skip and not self.in_head:
            self._target().append(data)

    # --- lines ---

    def _target(self) -> list[str]:
        table = self.tables[-1] if self.tables else None
        return table.text if table is not None and table.cell is not None else self.text

    def _break(self) -> None:
        """A block boundary: the text gathered so far is a line, unless it sits inside a cell, where a
        block is a wrapped line of the cell's text."""
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.text.append("\n")
            return
        text = _clean("".join(self.text))
        self.text = []
        if text.strip():
            self._count_line()
            self.lines.append((self.order, text_line(GridCell(text, 0), None, None)))

    def _count_line(self) -> None:
        """The next line's order; a page of more lines (table rows and text) than the row limit is
        refused as it is parsed, before the rest of it costs anything."""
        self.order += 1
        if self.max_rows and self.order > self.max_rows:
            raise limits.over("rows", f"至少 {self.order}", "网页的行数（表格行与文字行）")

    def _close_cell(self, table: _Table) -> None:
        if table.cell is None:
            return
        col, span = table.cell
        text = _clean("".join(table.text))
        if text.strip() and table.row is not None:
            table.row.append(GridCell(text, col, span))
        table.cell, table.text = None, []

    def _close_row(self, table: _Table) -> None:
        self._close_cell(table)
        table.row = None

    def close(self) -> None:
        super().close()
        while self.tables:
            self.handle_endtag("table")
        self._break()


def _span(value: str | None, limit: int) -> int:
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return min(max(n, 1), limit)  # 0 ("to the end of the group") and nonsense count as 1


def _clean(text: str) -> str:
    """Markup text → the cell's or paragraph's text: spaces collapse as a browser shows them,
    non-breaking spaces count as spaces, wrapped lines join (Chinese without a space)."""
    text = "\n".join(_SPACES.sub(" ", part) for part in text.split("\n"))
    return join_wrapped(text.replace("\xa0", " "))


def _table_lines(table: _Table, tally: limits.Tally) -> list[tuple[int, RawLine]]:
    out: list[tuple[int, RawLine]] = []
    in_grid = False
    for order, cells in table.rows:
        kind = row_kind(cells, in_grid)
        if kind == "row":
            in_grid = True
            tally.add(table.width)
            out.append((order, grid_line(cells, 0, table.width - 1, None, None)))
        elif kind == "text":
            out.extend((order, text_line(c, None, None)) for c in cells)
    return out


def _decode(data: bytes, path: str) -> str:
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; guess as for a text file
    return decode(data, path)


def read(path: str | Path) -> RawDocument:
    p = Path(path)
    data = file_bytes(p, "text_mb")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableError(f"{p}：不是 HTML 文件（含有二进制内容），无法按网页读取")
    source = _decode(data, str(p))
    reader = _Reader()
    try:
        reader.feed(source)
        reader.close()
    except limits.LimitError as exc:
        raise limits.LimitError(f"{p}：{exc.message}", exc.limit) from None
    except Exception:  # noqa: BLE001 — html.parser tolerates nearly anything; what it does not is not HTML
        raise UnreadableError(f"{p}：不是有效的 HTML 文件，无法解析") from None
    if not reader.tags:
        raise UnreadableError(f"{p}：不是 HTML 文件（没有任何 HTML 标记），无法按网页读取")
    ordered: list[tuple[int, RawLine]] = []
    tally = limits.Tally("cells", "表格单元格", str(p))
    for order, item in reader.lines:
        if isinstance(item, RawLine):
            ordered.append((order, item))
        else:
            ordered.extend(_table_lines(item, tally))
    ordered.sort(key=lambda pair: pair[0])
    lines = tuple(_numbered(line, i) for i, (_, line) in enumerate(ordered, start=1))
    if not lines:
        raise UnreadableError(f"{p}：HTML 文件中没有任何文字内容")
    return RawDocument(path=str(p), format="html", pages=(RawPage(number=1, lines=lines),))


def _numbered(line: RawLine, number: int) -> RawLine:
    return RawLine(cells=line.cells, page=None, line_no=number, bbox=line.bbox,
                   is_table_row=line.is_table_row, file=line.file)
