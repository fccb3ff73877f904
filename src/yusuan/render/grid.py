"""Table → printed grid, once for every format: header rows with merged cells, body rows of cells.

A grid row lists only the cells that start in it (HTML convention: a cell spanning two rows is
absent from the second). `placed()` turns rows into absolute (row, col, cell) positions for the
formats that address cells by coordinates (XLSX, DOCX, the PDF border emulation).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator, Sequence

from ..model import Amount, AmountUnit, Cell, Row, RowLevel, Side, Table
from ..model.amount import from_yuan
from ..reference.layouts import (TOTAL_ROW_NAMES, Layout, TableSpec, join_measure, measure_zh, measures, normalize_label,
                                 split_measure)


@dataclass(frozen=True)
class GridCell:
    text: str = ""
    kind: str = "text"  # head | text | amount | label (a form's field name) | section
    value: Decimal | None = None  # amount in the table's unit, rounded as printed
    places: int = 2
    colspan: int = 1
    rowspan: int = 1
    align: str = "left"  # left | center | right
    bold: bool = False


@dataclass(frozen=True)
class Grid:
    ncols: int
    head: tuple[tuple[GridCell, ...], ...]
    body: tuple[tuple[GridCell, ...], ...]
    widths: tuple[float, ...]  # relative column widths
    thousands: bool = False  # amounts printed with thousands separators (元)

    @property
    def rows(self) -> tuple[tuple[GridCell, ...], ...]:
        return self.head + self.body


def placed(rows: Sequence[Sequence[GridCell]], ncols: int) -> Iterator[tuple[int, int, GridCell]]:
    """Absolute (row, col) of each cell, skipping positions covered by earlier row spans."""
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in covered:
                c += 1
            yield r, c, cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered.add((r + dr, c + dc))
            c += cell.colspan


def format_amount(value: Decimal, places: int, thousands: bool) -> str:
    return f"{value:,.{places}f}" if thousands else f"{value:.{places}f}"


def amount_cell(amount: Amount | None, unit: AmountUnit, places: int, thousands: bool, **kw) -> GridCell:
    """A blank cell stays blank: an absent amount is not 0.00."""
    if amount is None:
        return GridCell("", kind="amount", align="right", places=places, **kw)
    if not amount.unit.is_money:  # a rate (增减%) as printed, never converted to the table's unit
        return GridCell(f"{amount.display()}%", kind="text", align="right", **kw)
    if amount.unit is unit:  # printed in this unit: its own places (9,065.056168 万元 stays exact)
        places = amount.places
    value = from_yuan(amount.value, unit, places)
    return GridCell(format_amount(value, places, thousands), kind="amount", value=value, places=places,
                    align="right", **kw)


def headers_from_paths(paths: Sequence[tuple[str, ...]]) -> tuple[tuple[GridCell, ...], ...]:
    """Column header paths → header rows: equal prefixes of adjacent columns merge across; a
    label whose path ends early spans down to the last header row."""
    depth = max(len(p) for p in paths)
    rows: list[list[GridCell]] = [[] for _ in range(depth)]
    for level in range(depth):
        c = 0
        while c < len(paths):
            path = paths[c]
            if len(path) <= level:
                c += 1
                continue
            end = c + 1
            if len(path) > level + 1:  # a group: merge neighbours sharing the prefix
                while end < len(paths) and len(paths[end]) > level + 1 and paths[end][: level + 1] == path[: level + 1]:
                    end += 1
            rowspan = depth - level if len(path) == level + 1 else 1
            rows[level].append(GridCell(path[level], kind="head", colspan=end - c, rowspan=rowspan,
                                        align="center", bold=True))
            c = end
    return tuple(tuple(r) for r in rows if r)


# Column groups printed under one header: (group label, member measures, measure printed as 小计).
_GROUPS = (
    ("基本支出", ("basic", "personnel", "public"), "basic"),
    ("公务用车购置及运行费", ("vehicle_total", "vehicle_purchase", "vehicle_operation"), "vehicle_total"),
)
_FUND_GROUPS = (  # projects table: funding columns
    ("本年拨款", ("general_budget", "gov_fund", "state_capital"), None),
    ("财政拨款结转结余", ("carryover_general_budget", "carryover_gov_fund", "carryover_state_capital"), None),
)
_FUND_LEAF = {
    "general_budget": "一般公共预算", "gov_fund": "政府性基金预算", "state_capital": "国有资本经营预算",
    "carryover_general_budget": "一般公共预算", "carryover_gov_fund": "政府性基金预算",
    "carryover_state_capital": "国有资本经营预算",
}


def measure_paths(columns: Sequence[str], spec: TableSpec, year: int) -> list[tuple[str, ...]]:
    """Printed header path of each measure column: the layout's `headers` first, then the groups."""
    zh = {mid: m.zh for mid, m in measures().items()}
    zh["budget"] = "决算数" if "决算" in spec.title else "预算数"  # a two-sided table's amounts
    groups = _GROUPS + (_FUND_GROUPS if spec.shape == "projects" else ())
    out = []
    for mid in columns:
        if mid in spec.headers:
            out.append(tuple(spec.headers[mid].replace("{year}", str(year)).split("/")))
            continue
        path: tuple[str, ...] = (zh.get(mid) or measure_zh(mid),)
        for label, members, subtotal in groups:
            present = [m for m in members if m in columns]
            # 基本支出 spans 小计/人员经费/公用经费 only when its own 小计 column is printed;
            # 表6 prints 人员经费/公用经费 alone under its banner.
            grouped = (subtotal is None or subtotal in present) and any(m != subtotal for m in present)
            if mid in members and grouped:
                leaf = "小计" if mid == subtotal else _FUND_LEAF.get(mid, zh.get(mid, mid))
                path = (label, leaf)
        out.append(path)
    return out


def column_paths(table: Table, cols: Sequence[str], ctx: "TableContext", banner: bool = True
                 ) -> list[tuple[str, ...]]:
    """Header path of each amount column. In its own layout a column is headed by the label its
    document printed ("2026年预算数", "上年执行数/合计"): the reader takes the measure from that
    header, a qualified one (total@prior_actual) included, so the printed label reads back as the
    same column. Otherwise, and for a column without a label, the layout's path."""
    spec = ctx.spec
    mpaths = measure_paths(cols, spec, ctx.year)
    if spec.banner and banner:
        mpaths = [(spec.banner.replace("{year}", str(ctx.year)),) + p for p in mpaths]
    # Only a table read from a document has printed labels (one built in code may label its columns
    # anyhow, even by their ids).
    printed = {c.measure: c.label for c in table.columns
               if c.label and c.label != c.measure} if ctx.own and table.source is not None else {}
    return [_printed_path(printed[m]) if m in printed else path for m, path in zip(cols, mpaths)]


_STUB_WORDS = ("科目", "编码", "名称")


def _printed_path(label: str) -> tuple[str, ...]:
    """A printed label as a header path, without the stub headings a document's merged header cells
    glued over it ('功能分类科目/科目名称/合 计' → '合 计'): the stub prints those already."""
    parts = label.split("/")
    while len(parts) > 1 and any(w in parts[0] for w in _STUB_WORDS):
        parts = parts[1:]
    return tuple(parts)


@dataclass(frozen=True)
class TableContext:
    """What a table grid needs besides the table: the layout's spec, the year, number style."""

    spec: TableSpec
    layout: Layout
    year: int
    own: bool = False  # the table is printed in the layout it was read in: its unit, title and headers as read

    @property
    def thousands(self) -> bool:
        return self.layout.unit == AmountUnit.YUAN.value

    def places(self, unit: AmountUnit) -> int:
        return 2 if unit is AmountUnit.WAN else self.layout.places

    def unit(self, table: Table) -> AmountUnit:
        """The unit the layout prints this table in (the table's own when the layout has no say, or
        when the table is printed in its own layout: the unit its document printed)."""
        if self.own:
            return table.unit
        if self.spec.unit:
            return AmountUnit(self.spec.unit)
        if self.layout.table(self.spec.id) is self.spec:
            return AmountUnit(self.layout.unit)
        return table.unit


def _stub(spec: TableSpec) -> list[tuple[tuple[str, ...], float]]:
    """Code/name columns: (header path, relative width)."""
    top = (spec.stub_banner,) if spec.stub_banner else ()
    if spec.shape == "by_unit":
        return [(top + ("单位编码",), 1.2), (top + ("单位名称",), 3.0)]
    if spec.shape == "projects":
        return [(top + ("项目编码",), 3.4), (top + ("项目名称",), 2.8), (top + ("项目单位",), 2.0)]
    if spec.code_columns == "split":
        kind = "部门预算经济分类科目编码" if spec.codes == "economic" else "功能分类科目编码"
        name = "经济分类科目名称" if spec.codes == "economic" else "功能分类科目名称"
        levels = ("类", "款") if spec.codes == "economic" else ("类", "款", "项")
        return [(top + (kind, lv), 0.55) for lv in levels] + [(top + (name,), 3.2)]
    return [(top + ("科目编码",), 1.2), (top + ("科目名称",), 3.2)]


def split_code(code: str | None, n: int) -> list[str]:
    """'2080505' → ['208', '05', '05']; '20805' → ['208', '05', '']."""
    parts = [code[:3], code[3:5], code[5:7]] if code else ["", "", ""]
    return parts[:n]


def _stub_cells(row: Row, spec: TableSpec, nstub: int) -> list[GridCell]:
    if row.level is RowLevel.TOTAL and spec.code_columns == "split":
        return [GridCell(row.name, colspan=nstub, align="center", bold=True)]
    if spec.shape == "projects":
        return [GridCell(row.code or ""), GridCell(row.name), GridCell(row.text("unit") or "")]
    if spec.code_columns == "split" and spec.shape == "by_code":
        parts = split_code(row.code, nstub - 1)
        return [GridCell(p, align="center") for p in parts] + [GridCell(row.name)]
    bold = row.level is RowLevel.TOTAL
    return [GridCell(row.code or "", bold=bold), GridCell(row.name, align="center" if bold else "left", bold=bold)]


def _amount_columns(table: Table, spec: TableSpec, own: bool = False) -> list[str]:
    """The layout's columns (in its own layout, the table's as printed), then any other measure
    holding a figure (never drop one)."""
    printed = [c.measure for c in table.columns]
    cols = (printed if own and printed else None) or list(spec.columns) or printed
    for row in table.rows:
        for cell in row.cells:
            if cell.measure not in cols:
                cols.append(cell.measure)
    return cols


def table_grid(table: Table, ctx: TableContext) -> Grid:
    spec = ctx.spec
    if spec.shape == "two_sided":
        return _two_sided(table, ctx)
    if spec.shape == "label_tree":
        return _label_tree(table, ctx)
    if spec.shape == "single_row" and ctx.own and len(table.rows) == 1 and _year_lines(table):
        return _per_year(table, ctx)
    unit = ctx.unit(table)
    thousands = unit is AmountUnit.YUAN
    places = ctx.places(unit)
    cols = _amount_columns(table, spec, ctx.own)
    stub = [] if spec.shape == "single_row" else _stub(spec)
    # Rows carrying texts (Beijing 预算03表: 政府/部门支出经济分类科目 beside each function code) print
    # them in columns of their own after one "code-name" column, as such documents do: the reader
    # tells the row's own code column from the others by the kind of its codes.
    extra = _label_columns(table.rows) if stub and spec.shape == "by_code" and spec.code_columns != "split" else []
    if extra:
        stub = [(("部门支出经济分类科目" if spec.codes == "economic" else "支出功能分类科目",), 3.2)]
        stub += [(tuple(k.split("/")), 2.4) for k in extra]
    # A total named by its budget unit (Shenzhen: 深圳市统计局（本级） over the coded rows) prints in a
    # 预算单位 column, as such documents do: a 合计 column of names would read as a line without a code.
    unit_total = bool(stub) and spec.shape == "by_code" and not extra and any(
        r.level is RowLevel.TOTAL and normalize_label(r.name) not in TOTAL_ROW_NAMES for r in table.rows)
    if unit_total:
        stub = [(("预算单位",), 2.0)] + stub
    paths = [p for p, _ in stub] + column_paths(table, cols, ctx)
    head = headers_from_paths(paths)
    body = []
    for row in table.rows:
        if extra:
            texts = dict(row.texts)
            joined = f"{row.code}-{row.name}" if row.code else row.name
            bold = row.level is RowLevel.TOTAL
            cells = [GridCell(joined, align="center" if bold else "left", bold=bold)]
            cells += [GridCell(texts.get(k, "")) for k in extra]
        elif unit_total:
            named = row.level is RowLevel.TOTAL
            cells = [GridCell(row.name if named else "", bold=named)]
            cells += [GridCell("")] * (len(stub) - 1) if named else _stub_cells(row, spec, len(stub) - 1)
        else:
            cells = _stub_cells(row, spec, len(stub)) if stub else []
        bold = row.level is RowLevel.TOTAL
        cells += [amount_cell(row.get(m), unit, places, thousands, bold=bold) for m in cols]
        body.append(tuple(cells))
    widths = tuple([w for _, w in stub] + [1.3] * len(cols))
    return Grid(len(paths), head, tuple(body), widths, thousands)


# Qualifiers a single-row table prints as lines of their own (Shenzhen 表9: 2025 年 / 2026 年 /
# 增减变化金额), labelled as the reader recognises them (measures.yaml qualifiers).
_LINE_QUALIFIERS = ("prior", "prior_actual", "change", "change_pct")


def _line_label(quals: tuple[str, ...], year: int) -> str:
    labels = {"prior": f"{year - 1}年", "prior_actual": f"{year - 1}年执行数", "change": "增减变化金额",
              "change_pct": "增减率"}
    return "".join(labels[q] for q in quals) if quals else f"{year}年"


def _year_lines(table: Table) -> dict[tuple[str, ...], dict[str, Cell]]:
    """The row's cells by the line they were printed on: the row qualifiers no printed column
    carries (abroad@prior read from the 2025 年 line under 因公出国(境)费). Empty when every cell
    has a column of its own."""
    printed = {c.measure for c in table.columns}
    if all(cell.measure in printed for cell in table.rows[0].cells):
        return {}
    in_columns = {q for m in printed for q in split_measure(m)[1]}
    lines: dict[tuple[str, ...], dict[str, Cell]] = {}
    for cell in table.rows[0].cells:
        base, quals = split_measure(cell.measure)
        line = tuple(q for q in quals if q in _LINE_QUALIFIERS and q not in in_columns)
        column = join_measure(base, tuple(q for q in quals if q not in line))
        lines.setdefault(line, {})[column] = cell
    return lines if () in lines else {}


def _per_year(table: Table, ctx: TableContext) -> Grid:
    """A single-row table read from one line per year, printed again one line per year."""
    unit = ctx.unit(table)
    thousands = unit is AmountUnit.YUAN
    places = ctx.places(unit)
    lines = _year_lines(table)
    cols = list(dict.fromkeys([c.measure for c in table.columns] + [m for cells in lines.values() for m in cells]))
    paths = [("年度",)] + column_paths(table, cols, ctx)
    order = sorted(lines, key=lambda q: (0 if q and q[0].startswith("prior") else 1 if not q else 2, q))
    body = []
    for quals in order:
        cells = lines[quals]
        body.append(tuple([GridCell(_line_label(quals, ctx.year), align="center")]
                          + [amount_cell(cells[m].amount if m in cells else None, unit, places, thousands)
                             for m in cols]))
    widths = tuple([1.6] + [1.3] * len(cols))
    return Grid(len(paths), headers_from_paths(paths), tuple(body), widths, thousands)


def _label_tree(table: Table, ctx: TableContext) -> Grid:
    """Label columns as the rows' texts name them (printed header paths "a/b"), then the amounts.
    A row prints its own texts only: a group line leaves the detail columns blank, as printed, which
    is how the reader tells groups from lines (extract/label_tree.py)."""
    unit = ctx.unit(table)
    thousands = unit is AmountUnit.YUAN
    places = ctx.places(unit)
    labels = _label_columns(table.rows)
    named = not labels or any(not row.texts for row in table.rows)
    if named:  # rows without texts (a budget written by hand) print their name in a 名称 column
        labels = ["名称", *(k for k in labels if k != "名称")]
    cols = _amount_columns(table, ctx.spec, ctx.own)
    paths = [tuple(k.split("/")) for k in labels] + column_paths(table, cols, ctx)
    body = []
    for row in table.rows:
        texts = dict(row.texts)
        if named and not row.texts:
            texts["名称"] = row.name
        bold = row.level in (RowLevel.TOTAL, RowLevel.GROUP)
        cells = [GridCell(texts.get(k, ""), bold=bold) for k in labels]
        cells += [amount_cell(row.get(m), unit, places, thousands, bold=bold) for m in cols]
        body.append(tuple(cells))
    # Many label columns share the page: each as wide as its longest text, amounts as their figures.
    longest = [max((len(c.text) for c in col), default=0) for col in zip(*body)] if body else [0] * len(paths)
    widths = tuple([min(max(n / 5, 0.6), 3.0) for n in longest[:len(labels)]]
                   + [min(max(n / 7, 1.3), 2.4) for n in longest[len(labels):]])
    return Grid(len(paths), headers_from_paths(paths), tuple(body), widths, thousands)


def _label_columns(rows: Sequence[Row]) -> list[str]:
    """The rows' text columns in printed order: each row lists its filled columns left to right, so a
    column first seen in a later row goes right after the column before it in that row."""
    order: list[str] = []
    for row in rows:
        previous: str | None = None
        for key, _ in row.texts:
            if key not in order:
                order.insert(order.index(previous) + 1 if previous is not None else 0, key)
            previous = key
    return order


# Two-sided tables: the lines that close each side, aligned at the bottom.
_TAIL = {
    Side.INCOME: ("income_current_total", "carryover", "income_total",
                  # a 决算's closing lines: 使用非财政拨款结余, 年初结转和结余 and its funds
                  "nonfiscal_balance_used", "year_begin_balance", "year_begin_general_budget", "year_begin_gov_fund",
                  "year_begin_state_capital"),
    Side.EXPENDITURE: ("expenditure_current_total", "year_end_balance", "expenditure_total", "balance_distribution"),
}
_HEAD_ITEMS = {"income_current_total", "expenditure_current_total", "carryover", "year_end_balance"}
_CN = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 廿一 (the budget documents' spelling), 30 → 三十."""
    if n <= 10:
        return _CN[n - 1]
    if n < 20:
        return "十" + _CN[n - 11]
    if 20 < n < 30:
        return "廿" + _CN[n - 21]
    tens, ones = divmod(n, 10)
    return _CN[tens - 1] + "十" + (_CN[ones - 1] if ones else "")


def _side_rows(rows: list[Row], side: Side) -> tuple[list[tuple[str, Row]], list[tuple[str, Row]]]:
    """(body, tail) with printed labels: numbering restored as the documents print it."""
    tail_start = len(rows)
    while tail_start > 0 and rows[tail_start - 1].item in _TAIL[side]:
        tail_start -= 1
    body, tail = rows[:tail_start], rows[tail_start:]
    nested = bool(body) and body[0].item in _HEAD_ITEMS  # 表4: 一、本年收入 （一）… 二、上年结转 （一）…
    out, top, sub = [], 0, 0
    for row in body:
        if nested and row.item in _HEAD_ITEMS:
            top, sub = top + 1, 0
            out.append((f"{chinese_number(top)}、{row.name}", row))
        elif nested:
            sub += 1
            out.append((f"（{chinese_number(sub)}）{row.name}", row))
        else:
            top += 1
            out.append((f"{chinese_number(top)}、{row.name}", row))
    if nested:
        # closing lines other than the total keep the top-level numbering (二、年终结转结余)
        labelled = []
        for row in tail:
            if row.level is not RowLevel.TOTAL and row.item in _HEAD_ITEMS:
                top += 1
                labelled.append((f"{chinese_number(top)}、{row.name}", row))
            else:
                labelled.append((row.name, row))
        return out, labelled
    return out, [(row.name, row) for row in tail]


def _two_sided(table: Table, ctx: TableContext) -> Grid:
    spec = ctx.spec
    unit = ctx.unit(table)
    thousands = unit is AmountUnit.YUAN
    places = ctx.places(unit)
    default_labels = {Side.INCOME: "收入", Side.EXPENDITURE: "支出"}
    sides = []
    for side in (Side.INCOME, Side.EXPENDITURE):
        conf = spec.sides.get(side.value, {})
        label = str(conf.get("label", default_labels[side]))
        cols = list(conf.get("columns", ["budget"]))
        rows = [r for r in table.rows if r.side is side]
        for r in rows:
            for cell in r.cells:
                if cell.measure not in cols:
                    cols.append(cell.measure)
        body, tail = _side_rows(rows, side)
        sides.append((label, cols, body, tail))
    paths: list[tuple[str, ...]] = []
    widths: list[float] = []
    for label, cols, _, _ in sides:
        paths.append((label, "项目"))
        paths.extend((label,) + p for p in column_paths(table, cols, ctx, banner=False))
        widths += [3.2] + [1.4] * len(cols)
    head = headers_from_paths(paths)
    n_body = max(len(s[2]) for s in sides)
    n_tail = max(len(s[3]) for s in sides)
    columns_of_side = []
    for _, cols, body, tail in sides:
        lines: list[tuple[str, Row] | None] = list(body) + [None] * (n_body - len(body))
        lines += [None] * (n_tail - len(tail)) + list(tail)
        columns_of_side.append((cols, lines))
    body_rows = []
    for i in range(n_body + n_tail):
        cells: list[GridCell] = []
        for cols, lines in columns_of_side:
            line = lines[i]
            if line is None:
                cells += [GridCell("")] + [GridCell("", kind="amount", align="right") for _ in cols]
                continue
            label, row = line
            bold = row.level is RowLevel.TOTAL
            cells.append(GridCell(label, align="center" if bold else "left", bold=bold))
            cells += [amount_cell(row.get(m), unit, places, thousands, bold=bold) for m in cols]
        body_rows.append(tuple(cells))
    return Grid(len(paths), head, tuple(body_rows), tuple(widths), thousands)


def plain_rows(grid: Grid) -> Iterable[list[str]]:
    """The grid as text rows (spanned positions blank) — for tests and debugging."""
    matrix = [["" for _ in range(grid.ncols)] for _ in grid.rows]
    for r, c, cell in placed(grid.rows, grid.ncols):
        matrix[r][c] = cell.text
    return matrix
