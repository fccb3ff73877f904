"""Grid tables (tables 1–10): header lines → measure columns, rows → codes, names, amounts.

Shapes (see layouts/*.yaml):
- by_code: one row per classification code (function or economic), 合计 row as TOTAL. The code is
  one column ("2080505") or three (类 | 款 | 项: "208 | 05 | 05", joined to the full code).
- by_unit: one row per budget unit (unit code + name).
- single_row: the "三公" table, one line of six amounts under a two-line header.
- projects: project code, name, unit, then amounts by funding source. Level rule, in order:
  1. a 级次/层级 column: "一级…" → PROJECT, "二级…" → SUBPROJECT;
  2. else names printed indented (more leading spaces than the least indented name) → SUBPROJECT,
     the others PROJECT;
  3. else a 项目单位 column filled on some rows only (Wuhan): blank unit → PROJECT (一级),
     unit filled → SUBPROJECT (二级);
  4. else every row is a PROJECT.
  A SUBPROJECT's parent is the code of the nearest PROJECT above it.
- two_sided: see two_sided.py.
Every amount is mapped to its column by grid position; blank cells are absent, never zero.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import AmountUnit, Cell, Column, Row, RowLevel, Table
from ..read.raw import RawLine
from ..reference.layouts import (TOTAL_ROW_NAMES, TableSpec, join_measure, normalize_label, qualifiers_of_label,
                                 split_measure)
from .context import ExtractContext
from .grid import (GridReader, cells_by_col, is_column_numbers, is_footer, is_meta, is_number,
                   is_stray_number, number_text, raw_cells_by_col)
from .headers import (CODE_PARTS, GridHeader, assumed_header, build_header, join_page_split_rows, lookup_measure, place_stray_cells,
                      realign_pages, split_header)
from .label_tree import read_label_tree
from .name_codes import indent_levels, link_codes, text_start
from .numbers import parse_percent, unit_in_line
from .sections import TableBlock
from .final_tables import (is_final, planned_or_actual, staff_total_lines, staff_total_rows, unstack_blocks,
                           without_column_numbers)
from .two_sided import read_two_sided

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
# Code and name in one cell: "2080505 机关…", "[201]一般公共服务支出", "2010501-行政运行".
_CODE_AND_NAME = re.compile(
    r"^[\[【［]?(\d{3}(?:\d{2}){0,2})(?:[\]】］]\s*|\s*[-－—]\s*|\s+)(\S.*)$")
_UNIT_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-_.]*$")
# An empty table says why in a sentence: "本单位没有…", "…无…支出", "…不涉及…", "…空表…".
_EMPTY_NOTE = re.compile(r"没有|无.{0,12}(?:支出|收入|预算|安排|项目|经费)|不涉及|空表|未安排|为空|无此")
# A note saying in so many words that the table is empty: under it ('本表为空', '故本表为空表', '并已公开空表'),
# or the contents' 是否空表 column (catalog.py writes '表名：是（理由）'). Kept for a table with values too: the
# check reports the contradiction (C005).
SAYS_EMPTY = re.compile(r"本表为空|为空表|空表|本表无数据|：(?:是|空表)(?:（|$)")
_SINGLE_ROW_NAME = "“三公”经费"
_LABEL_ROLES = {
    "by_code": ("code", "name"),
    "by_unit": ("code", "name"),
    "projects": ("code", "name", "unit"),
    "single_row": (),
}


def block_to_table(block: TableBlock, spec: TableSpec, ctx: ExtractContext) -> Table:
    """One table block → Table. Reading problems become ctx issues (P002 P003 P006), never exceptions."""
    unit = _unit(block, spec, ctx)
    title = block.title or spec.title
    reader = GridReader(ctx, spec, unit, f"表{block.number} {title}" if block.number else title)
    if spec.shape == "two_sided":
        columns, rows = read_two_sided(block.lines, reader)
    elif spec.shape == "label_tree":
        columns, rows = read_label_tree(block.lines, reader)
    else:
        columns, rows = _read_grid(block.lines, reader)
    empty_note = _empty_note(block, SAYS_EMPTY if any(r.cells for r in rows) else _EMPTY_NOTE)
    return Table(id=spec.id, number=block.number, title=title, unit=unit, columns=columns, rows=rows,
                 empty_note=empty_note, source=ctx.source(block.heading))


def _unit(block: TableBlock, spec: TableSpec, ctx: ExtractContext) -> AmountUnit:
    for line in block.lines:
        found = unit_in_line(line.text)
        if found is not None:
            return found
    return AmountUnit(spec.unit) if spec.unit else ctx.unit


def _empty_note(block: TableBlock, pattern: re.Pattern = _EMPTY_NOTE) -> str | None:
    for line in block.lines:
        if line.is_table_row and len(cells_by_col(line)) > 1:
            continue
        text = line.text
        if pattern.search(text) and not is_meta(line):
            return text
    return None


def _is_data(line: RawLine) -> bool:
    return any(is_number(t) for t in cells_by_col(line).values())


def _read_grid(lines: tuple[RawLine, ...], reader: GridReader) -> tuple[tuple[Column, ...], tuple[Row, ...]]:
    spec = reader.spec
    header_lines, body = split_header(lines, _is_data)
    header_lines, body = _code_parts_on_first_line(header_lines, body)
    final = is_final(reader)
    staff: list = []
    if final:  # a 决算's table: blocks side by side, its 人员经费合计/公用经费合计 line (extract/final_tables.py)
        body, staff = staff_total_lines(without_column_numbers(body))
        header_lines, body = unstack_blocks(header_lines, body)
    if header_lines:
        header = build_header(header_lines, _allowed(spec.columns), spec.header_hints, reader.ctx.year)
        if final:
            header = planned_or_actual(header, _allowed(spec.columns))
    else:
        header = assumed_header(_LABEL_ROLES.get(spec.shape, ("code", "name")), spec.columns)
        if body:
            reader.ctx.issue("P003", f"{reader.table_title}：未找到表头，按版式的列顺序读取",
                             reader.location(body[0]))
    if spec.shape == "by_unit" and header.col("name") is None and header.col("unit") is not None:
        header = _rename_role(header, "unit", "name")
    body = place_stray_cells(header, realign_pages(header, body))
    label_cols = frozenset(c for c, column in header.columns.items()
                           if column.role in ("code", "code_class", "code_section", "code_item", "name", "unit", "level"))
    body = join_page_split_rows(body, label_cols)
    columns = tuple(Column(measure=c.measure, label=c.label or c.measure) for c in header.measure_columns)
    data = [line for line in body if _is_grid_content(line, header)]
    if not (spec.shape == "single_row" and _items_are_rows(data, header)):
        _report_unmapped(data, header, reader)
    if spec.shape == "single_row":
        rows = _single_row(data, header, reader)
    elif spec.shape == "projects":
        rows = _project_rows(data, header, reader, _block_units(lines) | reader.ctx.unit_names)
    else:
        rows = _coded_rows(data, header, reader, unit_rows=spec.shape == "by_unit")
    if spec.shape != "single_row":
        _department_total(rows, _block_units(lines), by_unit=spec.shape == "by_unit")
    for line in staff_total_rows(staff, reader):
        rows.append(line)
        columns += tuple(Column(measure=c.measure, label=line.name) for c in line.cells)
    return columns, tuple(rows)


_CODE_PART_WORDS = frozenset(CODE_PARTS)


def _code_parts_on_first_line(header: list[RawLine], body: list[RawLine]) -> tuple[list[RawLine], list[RawLine]]:
    """The 类 | 款 | 项 labels printed on the first data line, beside its 合计 (Shanghai's 决算 tables: the
    header's last line is also the total line): the labels join the header, the amounts stay a row."""
    if not header or not body or not body[0].is_table_row:
        return header, body
    first = body[0]
    parts = [c for c in first.cells if c.text.strip() in _CODE_PART_WORDS]
    if len(parts) < 2:
        return header, body
    from dataclasses import replace as dc_replace
    labels = dc_replace(first, cells=tuple(c if c in parts else dc_replace(c, text="") for c in first.cells))
    rest = dc_replace(first, cells=tuple(dc_replace(c, text="") if c in parts else c for c in first.cells))
    return [*header, labels], [rest, *body[1:]]


def _allowed(columns: tuple[str, ...]) -> tuple[str, ...]:
    """A table's measures; where it has 基本支出, also its two parts (人员经费, 公用经费), which some
    regions print under it or instead of it (杭州 表3: 基本支出 over 人员支出 | 日常公用支出)."""
    if "basic" in columns and not {"personnel", "public"} <= set(columns):
        return (*columns, *(m for m in ("personnel", "public") if m not in columns))
    return columns


def _rename_role(header: GridHeader, old: str, new: str) -> GridHeader:
    from dataclasses import replace as dc_replace
    columns = {c: (dc_replace(col, role=new) if col.role == old else col) for c, col in header.columns.items()}
    return dc_replace(header, columns=columns)


def _is_grid_content(line: RawLine, header: GridHeader) -> bool:
    """Grid lines after the header that may hold a row (not page furniture, not a repeated header)."""
    if not line.is_table_row or not cells_by_col(line):
        return False
    return not (is_meta(line) or is_footer(line) or is_column_numbers(line) or header.is_repeat(line))


def _report_unmapped(data: list[RawLine], header: GridHeader, reader: GridReader) -> None:
    """P003 once per column that holds numbers but names no measure of this table."""
    label_roles = {"code", "code_class", "code_section", "code_item", "name", "unit", "level"}
    last_label = max((c for c, k in header.columns.items() if k.role in label_roles), default=-1)
    # Columns that are read (measures, labels), and unnamed ones left of the last label column (a
    # wide label cell): decided once per header, not per cell.
    skipped = {c for c, k in header.columns.items() if k.role == "measure" or k.role in label_roles}
    skipped.update(c for c in range(last_label + 1) if c not in header.columns)
    reported: set[int] = set()
    for line in data:
        for col, text in cells_by_col(line).items():
            if col in skipped or col in reported:
                continue
            if not (is_number(text) or parse_percent(number_text(text)) is not None):
                continue
            column = header.columns.get(col)
            reported.add(col)
            reader.unread_column(line, col, column.label if column is not None else f"第{col + 1}列")


def _cells(line: RawLine, texts: dict[int, str], header: GridHeader, reader: GridReader,
           row_label: str) -> tuple[Cell, ...]:
    return reader.row_cells(line, texts, header.amount_columns, row_label)


def _digits(text: str) -> str:
    return "".join(number_text(text).split())  # str.split and \s: the same whitespace


@dataclass
class _SplitCode:
    """类 | 款 | 项 columns: a part left blank continues the code of the rows above."""

    klass: str = ""
    section: str = ""
    repaired: str | None = None  # what the last join read differently from the print (a warning)

    def join(self, k: str, s: str, i: str) -> str | None:
        k, s, i = _digits(k), _digits(s), _digits(i)
        self.repaired = None
        if not (k or s or i) or not all(p.isdigit() for p in (k, s, i) if p):
            return None
        # A spreadsheet export drops the leading zero of a 款/项 part ("2" for "02").
        if len(s) == 1 or len(i) == 1:
            self.repaired = f"编码“{k} {s} {i}”中的一位数按两位（前补 0）读取"
            s, i = (p.zfill(2) if len(p) == 1 else p for p in (s, i))
        # A 类 part that is not 3 digits under 款 and 项 continuing the class above is a misprint
        # ("7 | 11 | 02" under "210 | 11"): the row belongs to that class.
        if k and len(k) != 3 and s and self.klass and s == self.section:
            self.repaired = f"类编码印为“{k}”，不是 3 位编码，按上一行的类 {self.klass} 读取"
            k = self.klass
        k = k or self.klass
        if s and len(s) == 5 and s.startswith(k):  # a region printing the full 款 code in 款
            s = s[3:]
        s = s or (self.section if i else "")
        if i and len(i) == 7:
            return i
        code = k + s + i
        if not _CODE.match(code):
            return None
        self.klass, self.section = k, s
        return code


# "2010501-行政运行": a code printed with its name (Beijing); text before the code is a wrapped tail
# of the row above ("缴费支出2080506-…").
_PREFIXED_CODE = re.compile(r"(?<!\d)(\d{3}(?:\d{2}){0,2})\s*[-－—]\s*(\S.*)$")
_CODE_KIND_DIGIT = {"function": "2", "economic": "3"}


def _code_name_columns(data: list[RawLine], header: GridHeader, codes: str) -> tuple[int | None, tuple[int, ...]]:
    """Columns printing "code-name" cells: the one whose codes are of the table's kind names the row
    (支出功能分类科目 in a table by function, 部门支出经济分类科目 in one by economic class); the
    others (政府支出经济分类科目 …) are kept as the row's texts."""
    found: dict[int, str] = {}
    lines = [cells_by_col(line) for line in data]
    for col, column in header.columns.items():
        if column.role not in ("name", "code", "other"):
            continue
        cells = [texts.get(col, "") for texts in lines]
        matched = [m.group(1) for t in cells if t and (m := _PREFIXED_CODE.search(t))]
        if matched and len(matched) * 2 >= len([t for t in cells if t]):
            found[col] = matched[0][0]
    if len(found) < 2 and not any(header.columns[c].role != "name" for c in found):
        chosen = next(iter(found), None)
        return chosen, ()
    digit = _CODE_KIND_DIGIT.get(codes, "2")
    chosen = next((c for c in sorted(found) if found[c] == digit), min(found))
    return chosen, tuple(c for c in sorted(found) if c != chosen)


def _coded_rows(data: list[RawLine], header: GridHeader, reader: GridReader, unit_rows: bool) -> list[Row]:
    code_col, name_col, unit_col = header.col("code"), header.col("name"), header.col("unit")
    parts = [header.col(r) for r in ("code_class", "code_section", "code_item")]
    split = _SplitCode() if parts[0] is not None else None
    joined_col, other_code_cols = (None, ()) if split is not None or unit_rows else \
        _code_name_columns(data, header, reader.spec.codes)
    if joined_col is not None:
        name_col = joined_col
    labelless = split is None and joined_col is None and code_col is None and name_col is None
    rows: list[Row] = []
    unit_lines: list[int] = []
    uncoded: list[tuple[int, RawLine]] = []
    for line in data:
        texts = cells_by_col(line)
        name = texts.get(name_col, "") if name_col is not None else ""
        if split is not None:
            printed = [texts.get(c, "") if c is not None else "" for c in parts]
            code = split.join(*printed)
            first = next((t for t in printed if t), "")
            if code and split.repaired:
                reader.ctx.issue("P006", f"{reader.table_title}：{split.repaired}（{code} {name}）",
                                 reader.location(line, row=code))
        else:
            first = texts.get(code_col, "") if code_col is not None else ""
            code = _digits(first) if first else None
            if code and not (_UNIT_CODE.match(code) if unit_rows else _CODE.match(code)):
                code = None
        if joined_col is not None and not code and (m := _PREFIXED_CODE.search(name)):
            code, name = m.group(1), m.group(2).strip()
        if not code and not first and name and (m := _CODE_AND_NAME.match(name)) and not unit_rows:
            code, name = m.group(1), m.group(2).strip()  # code and name printed in one cell
        label_text = normalize_label(first or name)
        if not code and (label_text in TOTAL_ROW_NAMES or normalize_label(name) in TOTAL_ROW_NAMES):
            total_name = name if normalize_label(name) in TOTAL_ROW_NAMES else first
            rows.append(Row(name=total_name, level=RowLevel.TOTAL,
                            cells=_cells(line, texts, header, reader, total_name), source=reader.ctx.source(line)))
            continue
        unit_name = texts.get(unit_col, "") if unit_col is not None else ""
        if not code and (unit_rows and (name or first)) or (not code and unit_name and not name):
            # A row per budget unit without a unit code (分单位 tables; the 预算单位 column of
            # a department's coded table, whose unit row sums that unit's codes).
            label = name or first or unit_name
            unit_lines.append(len(rows))
            reader.ctx.unit_names.add(normalize_label(label))
            rows.append(Row(name=label, level=RowLevel.UNIT, cells=_cells(line, texts, header, reader, label),
                            source=reader.ctx.source(line)))
            continue
        if not code and labelless and _is_data(line):
            # A table printed without code or name columns (收入总表 of Beijing and central
            # departments): its one line of amounts is the total.
            rows.append(Row(name="合计", level=RowLevel.TOTAL, cells=_cells(line, texts, header, reader, "合计"),
                            source=reader.ctx.source(line)))
            continue
        if not code and name and not unit_rows and not first:
            uncoded.append((len(rows), line))  # a name without a code: linked after the loop
            rows.append(Row(name=name, level=RowLevel.LINE, cells=_cells(line, texts, header, reader, name),
                            source=reader.ctx.source(line)))
            continue
        if not code:
            if not is_stray_number(line):
                reader.unknown_row(line, "没有可识别的编码")
            continue
        level = RowLevel.UNIT if unit_rows else RowLevel.for_code(code)
        if unit_rows and name:
            reader.ctx.unit_names.add(normalize_label(name))
        extra = tuple((header.columns[c].label, texts[c]) for c in other_code_cols if texts.get(c))
        rows.append(Row(name=name, code=code, level=level, cells=_cells(line, texts, header, reader, code),
                        texts=extra, source=reader.ctx.source(line)))
    if not unit_rows and len(unit_lines) == 1 and not any(r.level is RowLevel.TOTAL for r in rows):
        # One unit printed over the coded rows and no 合计 row: the unit's row is the table's total.
        index = unit_lines[0]
        rows[index] = rows[index].model_copy(update={"level": RowLevel.TOTAL})
    if uncoded:
        _link_uncoded(rows, uncoded, name_col, reader)
    return rows


def _department_total(rows: list[Row], departments: frozenset[str], *, by_unit: bool) -> None:
    """A table grouped by budget unit (a 预算单位 column, or unit lines over each unit's codes or
    projects) whose first unit line is the department's: that line is the table's total, the others
    head their own group of rows (Shenzhen: "深圳市人力资源和社会保障局" over "…（本级）" and 20 more
    units, each repeating the function codes).

    Told by content: the first line of the table is a unit line and, in a coded or project table, the
    next line is a unit line too (a line over units, not over codes); it names the department (the
    table's "部门名称：" line) or its amounts are the sum of the other units' lines. In a table of unit
    lines only (收入总表 by unit) the sum alone tells it.
    """
    if any(r.level is RowLevel.TOTAL for r in rows):
        return
    units = [i for i, r in enumerate(rows) if r.level is RowLevel.UNIT]
    if len(units) < 2 or any(r.cells for r in rows[:units[0]]):
        return
    first = units[0]
    head = rows[first]
    if not by_unit and units[1] != first + 1:
        return
    named = not by_unit and normalize_label(head.name) in departments
    if named or _sums(head, [rows[i] for i in units[1:]]):
        rows[first] = head.model_copy(update={"level": RowLevel.TOTAL})


def _sums(head: Row, parts: list[Row]) -> bool:
    """Every amount of `head` is the sum of the parts' amounts, within the rounding of the terms
    (half a unit of the last printed digit each)."""
    if not head.cells:
        return False
    for cell in head.cells:
        amounts = [a for r in parts if (a := r.get(cell.measure)) is not None]
        if not amounts:
            return False
        tolerance = cell.amount.resolution * (len(amounts) + 1) / 2
        if abs(cell.amount.value - sum(a.value for a in amounts)) > tolerance:
            return False
    return True


def _names_unit(name: str, units: set[str]) -> bool:
    key = normalize_label(name)
    return key in units or (key.endswith("(本级)") and key[:-4] in units)


def _link_uncoded(rows: list[Row], uncoded: list[tuple[int, RawLine]], name_col: int | None,
                  reader: GridReader) -> None:
    """Names printed without codes. In a table that prints no codes at all (Hangzhou) the level comes
    from indentation and the code from the codebook (see name_codes.py); a code that cannot be
    determined stays None. In a coded table such a line is not a row of the table (P006)."""
    if any(r.code for r in rows):
        for index, line in reversed(uncoded):
            del rows[index]
            if not is_stray_number(line):
                reader.unknown_row(line, "没有可识别的编码")
        return
    # A unit named by an earlier 分单位 table ("广州市统计局", also as "广州市统计局（本级）") heads its
    # own classification lines (Guangzhou 表11); it takes no part in the indentation steps.
    is_unit = [_names_unit(rows[i].name, reader.ctx.unit_names) for i, _ in uncoded]
    starts = [None if unit else next((text_start(c) for c in line.cells if c.col == name_col), None)
              for (_, line), unit in zip(uncoded, is_unit)]
    levels = indent_levels(starts, depth=2 if reader.spec.codes == "economic" else 3)
    levels = [RowLevel.UNIT if unit else lv for unit, lv in zip(is_unit, levels)]
    codes = link_codes([rows[i].name for i, _ in uncoded], levels, reader.spec.codes)
    for (index, _), level, code in zip(uncoded, levels, codes):
        if code is not None:
            level = RowLevel.for_code(code)
        rows[index] = rows[index].model_copy(update={"code": code, "level": level or RowLevel.LINE})
    units = [i for i, r in enumerate(rows) if r.level is RowLevel.UNIT]
    if len(units) == 1 and not any(r.level is RowLevel.TOTAL for r in rows):
        rows[units[0]] = rows[units[0]].model_copy(update={"level": RowLevel.TOTAL})


def _items_are_rows(data: list[RawLine], header: GridHeader) -> bool:
    """A “三公” table printed as rows (项目 | 合计 | 一般公共预算 …): more than one line, and a header
    naming fewer than two of the items (a lone 合计 column is the rows' amount, not the total)."""
    return len(data) > 1 and sum(split_measure(c.measure)[0] in _THREE_PUBLIC_COLUMNS
                                 for c in header.measure_columns) < 2


def _single_row(data: list[RawLine], header: GridHeader, reader: GridReader) -> list[Row]:
    return [_general_budget_block(row) for row in _single_rows(data, header, reader)]



_FUNDS = ("general_budget", "gov_fund", "state_capital")


def _general_budget_block(row: Row) -> Row:
    """A "三公" line printed by fund only (总计 | 因公出国(境)费 | … each over 一般公共预算 | 政府性基金预算 |
    国有资本经营预算) gives the measures themselves from its general budget block when the other funds'
    blocks are zero: the fiscal grant's "三公" is then the general budget's, as printed (Shenzhen 表9 read
    without its layout, which pins the same columns). A 总计 over the 三公 items alone is their total."""
    measures = {c.measure for c in row.cells}
    bases = {split_measure(m)[0] for m in measures}
    if not bases & _THREE_PUBLIC_COLUMNS or any(m in _THREE_PUBLIC_COLUMNS for m in measures):
        return row
    items_only = not bases & {"meeting_fee", "training_fee", "gov_operation_cost"}
    out = []
    for cell in row.cells:
        base, quals = split_measure(cell.measure)
        if quals == ("general_budget",) and (base in _THREE_PUBLIC_COLUMNS or (base == "total" and items_only)):
            others = [row.get(join_measure(base, (fund,))) for fund in _FUNDS[1:]]
            if all(a is None or a.value == 0 for a in others):
                # The item itself, beside its fund's cell (kept: the fund split still adds up to it).
                out.append(cell.model_copy(update={"measure": "three_public_total" if base == "total" else base}))
        out.append(cell)
    return row.model_copy(update={"cells": tuple(out)})


def _single_rows(data: list[RawLine], header: GridHeader, reader: GridReader) -> list[Row]:
    if not header.lines and not data:
        return []
    if not data:
        return [Row(name=_SINGLE_ROW_NAME, level=RowLevel.LINE)]
    if _items_are_rows(data, header):
        return _items_as_rows(data, header, reader)
    years = [_year_of(line) for line in data]
    label_col = min((c for c, k in header.columns.items() if k.role != "measure"), default=None)
    labels = [cells_by_col(line).get(label_col, "") if label_col is not None else "" for line in data]
    units: list[Row] = []
    if len(data) > 1 and any(years):
        # One line per year (上年 / 本年 / 增减), in blocks per budget unit when a unit column names the
        # unit on its block's first line (Shenzhen 表9: the department's block, then each unit's).
        blocks = _unit_blocks(data, years, labels)
        known = [y for y in years if y]
        current = reader.ctx.year if reader.ctx.year in known else max(known)
        rows = []
        for index, (name, lines) in enumerate(blocks):
            row_name = _SINGLE_ROW_NAME if index == 0 else name
            row = _year_row(lines, [years[data.index(x)] for x in lines], current, header, reader, row_name)
            rows.append(row if index == 0 else row.model_copy(update={"level": RowLevel.UNIT}))
        return rows
    elif len(data) > 1 and any(normalize_label(t) in TOTAL_ROW_NAMES for t in labels):
        # A 合计 line over one line per unit: the 合计 is the table's row, the units follow it.
        index = next(i for i, t in enumerate(labels) if normalize_label(t) in TOTAL_ROW_NAMES)
        line, extra = data[index], []
        for other, label in zip(data, labels):
            if other is line:
                continue
            if not label:
                if not is_stray_number(other):
                    reader.unknown_row(other, "在单行表中多出一行")
                continue
            units.append(Row(name=label, level=RowLevel.UNIT, source=reader.ctx.source(other),
                             cells=_cells(other, cells_by_col(other), header, reader, label)))
    else:
        line, *extra = data
    for other in extra:
        if not is_stray_number(other):
            reader.unknown_row(other, "在单行表中多出一行")
    return [Row(name=_SINGLE_ROW_NAME, level=RowLevel.LINE,
                cells=_cells(line, cells_by_col(line), header, reader, _SINGLE_ROW_NAME),
                source=reader.ctx.source(line)), *units]


def _unit_blocks(data: list[RawLine], years: list[int | None],
                 labels: list[str]) -> list[tuple[str, list[RawLine]]]:
    """Per-year lines grouped by the unit named in the label column on the first line of each block;
    one block when no line but the first names a unit."""
    blocks: list[tuple[str, list[RawLine]]] = []
    for line, year, label in zip(data, years, labels):
        names_unit = bool(label) and _YEAR_LABEL.match(re.sub(r"\s+", "", label)) is None and \
            qualifiers_of_label(label, year or 0) is None
        if not blocks or (names_unit and blocks[-1][1] and any(_year_of(x) for x in blocks[-1][1])):
            blocks.append((label if names_unit else "", [line]))
        else:
            blocks[-1][1].append(line)
    if len(blocks) > 1 and not all(name for name, _ in blocks[1:]):
        return [("", list(data))]
    return blocks


def _year_row(lines: list[RawLine], years: list[int | None], current: int, header: GridHeader,
              reader: GridReader, name: str) -> Row:
    """The budget year's line (else the latest) of a block of per-year lines is the row; the other
    lines' amounts join it as qualified measures (abroad@prior, abroad@change)."""
    known = [y for y in years if y]
    year = current if current in known else max(known, default=None)
    line, extra = (lines[years.index(year)] if year in years else lines[0]), []
    cells = list(_cells(line, cells_by_col(line), header, reader, name))
    for other in lines:
        quals = None if other is line else _row_qualifiers(other, header, year or current)
        if quals:
            cells += [Cell(measure=_qualify(c.measure, quals), amount=c.amount)
                      for c in _cells(other, cells_by_col(other), header, reader, name)]
        elif other is not line:
            extra.append(other)
    for other in extra:
        if not is_stray_number(other):
            reader.unknown_row(other, "在单行表中多出一行")
    return Row(name=name, level=RowLevel.LINE, cells=tuple(cells), source=reader.ctx.source(line))


_THREE_PUBLIC_COLUMNS = frozenset({"three_public_total", "abroad", "vehicle_total", "vehicle_purchase",
                                   "vehicle_operation", "reception"})
_YEAR_LABEL = re.compile(r"^(\d{4})\s*年(?:度)?(?:预算(?:数)?)?$")
_ITEM_PREFIX = re.compile(r"^(?:其中\s*[:：]\s*)?(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．]|"
                          r"[一二三四五六七八九十]+\s*[、.．])?\s*")
_ITEM_SUFFIX = re.compile(r"(?:支出|预算数|预算)$")


def _row_qualifiers(line: RawLine, header: GridHeader, year: int) -> tuple[str, ...] | None:
    """What a label cell of a per-year line says against the budget year: ('prior',) for '2025 年',
    ('change',) for '增减变化金额'; None when no label cell is made of qualifiers."""
    for col, text in cells_by_col(line).items():
        column = header.columns.get(col)
        if column is not None and column.role == "measure" or is_number(text):
            continue
        found = qualifiers_of_label(text, year)
        if found:
            return found
    return None


def _qualify(measure: str, more: tuple[str, ...]) -> str:
    base, quals = split_measure(measure)
    return join_measure(base, (*quals, *more))


def _year_of(line: RawLine) -> int | None:
    for text in cells_by_col(line).values():
        m = _YEAR_LABEL.match(re.sub(r"\s+", "", text))
        if m:
            return int(m.group(1))
    return None


def _item_measure(label: str, allowed: tuple[str, ...]) -> str | None:
    """'其中：（一）因公出国（境）支出' → 'abroad': the row label names a measure of the table."""
    text = label
    while True:  # "其中：（1）…" carries two prefixes
        stripped = _ITEM_PREFIX.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    for candidate in (text, _ITEM_SUFFIX.sub("", text), _ITEM_SUFFIX.sub("", text) + "费"):
        found = lookup_measure(normalize_label(candidate), allowed)
        if found:
            return found
    return None


def _items_as_rows(data: list[RawLine], header: GridHeader, reader: GridReader) -> list[Row]:
    """A "三公" table printed as rows (项目 | 预算数): each labelled row gives one measure of the row.

    The amount is read from the 合计/预算数 column (the first amount column when none is named so);
    further columns split the same figure by fund and are not separate measures.
    """
    label_col = min((c for c, k in header.columns.items() if k.role in ("name", "other", "code")), default=0)
    amount_cols = [c for c in sorted(header.columns) if c != label_col]
    totals = [c for c in amount_cols if normalize_label(header.columns[c].path[-1])
              in {"合计", "预算数", "金额", "小计", "总计"}]
    value_col = totals[0] if totals else (amount_cols[0] if amount_cols else label_col + 1)
    value_label = header.columns[value_col].label if value_col in header.columns else "预算数"
    allowed = reader.spec.columns
    cells: list[Cell] = []
    first_line: RawLine | None = None
    for line in data:
        texts = cells_by_col(line)
        label = texts.get(label_col, "")
        if not label:
            if not is_stray_number(line):
                reader.unknown_row(line, "没有项目名称")
            continue
        measure = _item_measure(label, allowed)
        if measure is None and normalize_label(label) in TOTAL_ROW_NAMES:
            measure = "three_public_total"
        if measure is None or any(c.measure == measure for c in cells):
            reader.unknown_row(line, "不是本表的项目")
            continue
        text = texts.get(value_col)
        amount = reader.amount(line, value_col, text, row=label, column=value_label) if text else None
        first_line = first_line or line
        if amount is not None:
            cells.append(Cell(measure=measure, amount=amount))
    return [Row(name=_SINGLE_ROW_NAME, level=RowLevel.LINE, cells=tuple(cells),
                source=reader.ctx.source(first_line) if first_line else None)]


def _project_level(text: str) -> RowLevel | None:
    t = normalize_label(text)
    if t.startswith(("一级", "1级", "一")):
        return RowLevel.PROJECT
    if t.startswith(("二级", "2级", "二")):
        return RowLevel.SUBPROJECT
    return None


_UNIT_LINE = re.compile(r"^(?:部门名称|单位名称|部门|编制单位)\s*[:：]\s*(\S.*)$")


def _block_units(lines: tuple[RawLine, ...]) -> frozenset[str]:
    """Names the table's own '部门名称：…' lines give (a row bearing one is the unit, not a project)."""
    return frozenset(normalize_label(m.group(1)) for line in lines if not line.is_table_row
                     and (m := _UNIT_LINE.match(line.text.strip())))


def _project_rows(data: list[RawLine], header: GridHeader, reader: GridReader,
                  units_named: frozenset[str] = frozenset()) -> list[Row]:
    code_col, name_col, unit_col, level_col = (header.col(r) for r in ("code", "name", "unit", "level"))
    raw_names = [raw_cells_by_col(line).get(name_col, "") if name_col is not None else "" for line in data]
    # Indentation is relative: padding every name alike (a uniform margin) marks no level.
    margins = [len(n) - len(n.lstrip()) for n in raw_names if n.strip()]
    base = min(margins, default=0)
    indented = [bool(n.strip()) and len(n) - len(n.lstrip()) > base for n in raw_names]
    units = [cells_by_col(line).get(unit_col, "") if unit_col is not None else "" for line in data]
    unit_rule = any(units) and not all(units)
    rows: list[Row] = []
    parent: str | None = None
    for index, line in enumerate(data):
        texts = cells_by_col(line)
        code = re.sub(r"\s+", "", texts.get(code_col, "")) if code_col is not None else ""
        name = texts.get(name_col, "") if name_col is not None else ""
        label = normalize_label(code or name)
        if label in TOTAL_ROW_NAMES or (not code and normalize_label(name) in TOTAL_ROW_NAMES):
            total_name = name or code
            rows.append(Row(name=total_name, level=RowLevel.TOTAL,
                            cells=_cells(line, texts, header, reader, total_name), source=reader.ctx.source(line)))
            continue
        if not code and not name:
            if not is_stray_number(line):
                reader.unknown_row(line, "没有项目编码和项目名称")
            continue
        if normalize_label(name) in units_named:
            # The unit's own line over its projects (Shenzhen 项目支出总表): its subtotal, not a project.
            rows.append(Row(name=name, code=code or None, level=RowLevel.UNIT, source=reader.ctx.source(line),
                            cells=_cells(line, texts, header, reader, name)))
            continue
        level = _project_level(texts.get(level_col, "")) if level_col is not None else None
        if level is None:
            if any(indented):
                level = RowLevel.SUBPROJECT if indented[index] else RowLevel.PROJECT
            elif unit_rule:
                level = RowLevel.SUBPROJECT if units[index] else RowLevel.PROJECT
            else:
                level = RowLevel.PROJECT
        if level is RowLevel.PROJECT:
            parent = code or None
        texts_out = (("unit", units[index]),) if units[index] else ()
        rows.append(Row(name=name, code=code or None, level=level,
                        parent=parent if level is RowLevel.SUBPROJECT else None, texts=texts_out,
                        cells=_cells(line, texts, header, reader, code or name), source=reader.ctx.source(line)))
    return rows
