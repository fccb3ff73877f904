"""Two-sided summary tables (收支总表, 财政拨款收支总表): income lines beside expenditure lines.

Each grid line holds an income item (label, amount) and an expenditure item (label, amount); the
sides are found from the header ("收入 | | 支出 |"), by default columns 0–1 and 2–3. Labels lose
their numbering ("一、", "（一）", "廿一、") and spaces, then are named by the layout's `lines`;
expenditure lines naming a function class (类) become rows coded by the codebook. Lines under a
line listed in `sublines_after` (表4 "二、上年结转") repeat fund names and get their own ids.
A line printed without an amount is still a row (with no cells): checkers need to know it exists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import Cell, Column, Row, RowLevel, Side
from ..read.raw import RawLine
from ..reference.codebook import load_codebook
from ..reference.layouts import TableSpec, normalize_label
from .grid import GridReader, cells_by_col, is_column_numbers, is_footer, is_meta, is_number
from .headers import header_paths, hint_patterns, measure_for_path, split_header
from .name_codes import code_under

_TOP_NUMBER = r"[一二三四五六七八九十廿卅]+\s*[、.．]|\d{1,2}\s*[、．.](?!\d)"
_SUB_NUMBER = r"[（(]\s*(?:[一二三四五六七八九十廿卅]+|\d{1,2})\s*[)）]"
_NUMBERING = re.compile(rf"^\s*(?:(?P<top>{_TOP_NUMBER})|(?P<sub>{_SUB_NUMBER}))\s*")
_TOTAL_ITEMS = frozenset({"income_total", "expenditure_total"})
_SIDE_WORDS = {Side.INCOME: ("收入", "收入项目"), Side.EXPENDITURE: ("支出", "支出项目")}


@dataclass(frozen=True)
class Label:
    name: str  # without numbering and spaces
    depth: int  # 0 no numbering, 1 "一、", 2 "（一）"


def strip_numbering(text: str) -> Label:
    """'（十二）资源勘探工业信息等支出' → Label('资源勘探工业信息等支出', 2); '收 入 总 计' → ('收入总计', 0)."""
    m = _NUMBERING.match(text)
    depth = 0
    if m:
        depth = 1 if m.group("top") else 2
        text = text[m.end():]
    return Label(re.sub(r"\s+", "", text), depth)


@cache
def _class_codes() -> dict[str, str]:
    """Every name a function class (类) has had → its 3-digit code, from the codebook."""
    book = load_codebook()
    out: dict[str, str] = {}
    for number in range(200, 300):
        for entry in book.function_names(str(number)):
            out[normalize_label(entry.name)] = entry.code
    return out


def class_code(name: str) -> str | None:
    """3-digit function class code for a class name, under any of its names over the years.

    Whether the name is the one of the document's year is a classification check (K rules), not a
    reading question: an outdated name still names its class.
    """
    return _class_codes().get(normalize_label(name))


@dataclass(frozen=True)
class _SideCols:
    side: Side
    label: int
    amounts: tuple[tuple[int, str], ...]  # (grid column, measure id)


def _side_measures(spec: TableSpec, side: Side) -> tuple[str, ...]:
    columns = spec.sides.get(side.value, {}).get("columns") if spec.sides else None
    return tuple(columns) if columns else ("budget",)


def _sides(header: list[RawLine], spec: TableSpec) -> tuple[_SideCols, _SideCols]:
    """Label and amount columns of each side.

    Income: label in column 0, then one amount column per measure of `spec.sides` (default one,
    "budget"). Expenditure: from where "支出" (or the side's label) is printed over the grid, else
    right after the income columns. Amount columns are named by their header path when it names one
    of the side's measures, else by the layout's order.
    """
    income_measures = _side_measures(spec, Side.INCOME)
    expenditure_measures = _side_measures(spec, Side.EXPENDITURE)
    words = {*_SIDE_WORDS[Side.EXPENDITURE]}
    label = spec.sides.get(Side.EXPENDITURE.value, {}).get("label") if spec.sides else None
    if label:
        words.add(normalize_label(str(label)))
    expenditure_col = 1 + len(income_measures)
    for line in header:
        for col, text in cells_by_col(line).items():
            if col > len(income_measures) and normalize_label(text) in words:
                expenditure_col = col
                break
    paths = header_paths(header)
    patterns = hint_patterns(spec.headers)

    def named(first: int, measures_: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
        out = []
        for offset, default in enumerate(measures_):
            col = first + offset
            found = measure_for_path(paths[col], measures_, patterns) if len(measures_) > 1 and col in paths else None
            out.append((col, found or default))
        if len({m for _, m in out}) < len(out):  # the header named two columns alike: trust the order
            out = [(first + i, m) for i, m in enumerate(measures_)]
        return tuple(out)

    return (_SideCols(Side.INCOME, 0, named(1, income_measures)),
            _SideCols(Side.EXPENDITURE, expenditure_col, named(expenditure_col + 1, expenditure_measures)))


def _amount_label(paths: dict[int, tuple[str, ...]], col: int) -> str:
    """The printed header path under the side banner ("收 入" / "本年支出" names the side, not the measure)."""
    path = paths.get(col)
    if not path:
        return "预算数"
    return "/".join(re.sub(r"\s+", "", p) for p in (path[1:] if len(path) > 1 else path))


def read_two_sided(lines: tuple[RawLine, ...], reader: GridReader) -> tuple[tuple[Column, ...], tuple[Row, ...]]:
    spec = reader.spec
    known = {side: {normalize_label(k): v for k, v in spec.lines.get(side.value, {}).items()} for side in Side}

    def maps(label: str, side: Side) -> bool:
        name = strip_numbering(label)
        key = normalize_label(name.name)
        return key in known[side] or (side is Side.EXPENDITURE and class_code(name.name) is not None)

    def is_data(line: RawLine) -> bool:
        texts = cells_by_col(line)
        if any(is_number(t) for t in texts.values()):
            return True
        # Without amounts, a known label counts in the first column only: a header cell may name a
        # fund that is also an income line ("国有资本经营预算" over an expenditure column).
        first = texts.get(min(texts), "") if texts else ""
        return (maps(first, Side.INCOME) or maps(first, Side.EXPENDITURE)
                or any(strip_numbering(t).depth for t in texts.values()))

    header, body = split_header(lines, is_data)
    sides = _sides(header, spec)
    header_cells = {(col, normalize_label(t)) for line in header for col, t in cells_by_col(line).items()}
    paths = header_paths(header)
    columns: list[Column] = []
    for side_cols in sides:
        for col, measure in side_cols.amounts:
            if all(c.measure != measure for c in columns):
                columns.append(Column(measure=measure, label=_amount_label(paths, col)))
    sublines = {item: dict(renames) for item, renames in spec.sublines_after.items()}
    # The last line whose sublines are renamed (表4 上年结转), per side, until a line leaves its group.
    parent_item: dict[Side, str | None] = {side: None for side in Side}
    # The function codes above an expenditure line (类, 款): its 款/项 names are linked under them.
    parent_codes: list[str | None] = [None, None]
    rows: list[Row] = []
    for line in body:
        if not line.is_table_row or is_meta(line) or is_footer(line) or is_column_numbers(line):
            continue
        texts = cells_by_col(line)
        if not texts:
            continue
        if all((col, normalize_label(t)) in header_cells for col, t in texts.items()):
            continue  # the header printed again after a page break
        for side_cols in sides:
            row = _side_row(line, texts, side_cols, known[side_cols.side], sublines, parent_item, reader,
                            parent_codes)
            if row is not None:
                rows.append(row)
    return tuple(columns), tuple(rows)


def _side_row(line: RawLine, texts: dict[int, str], cols: _SideCols, known: dict[str, str],
              sublines: dict[str, dict[str, str]], parent_item: dict[Side, str | None],
              reader: GridReader, parent_codes: list[str | None] | None = None) -> Row | None:
    side = cols.side
    printed = texts.get(cols.label, "")
    if not printed:
        if any(texts.get(col) for col, _ in cols.amounts):
            reader.unknown_row(line, f"{'收入' if side is Side.INCOME else '支出'}一侧的金额没有项目名称")
        return None
    label = strip_numbering(printed)
    key = normalize_label(label.name)
    item = known.get(key)
    code = None
    level = RowLevel.LINE
    if item is not None:
        parent = parent_item[side]
        if parent is not None and item in sublines.get(parent, {}) and label.depth != 1:
            item = sublines[parent][item]
        else:
            parent_item[side] = item if item in sublines else None
        if item in _TOTAL_ITEMS:
            level = RowLevel.TOTAL
    elif side is Side.EXPENDITURE and (code := class_code(label.name)) is not None:
        level = RowLevel.CLASS
        if label.depth == 1:
            parent_item[side] = None
        if parent_codes is not None:
            parent_codes[:] = [code, None]
    elif (side is Side.EXPENDITURE and parent_codes is not None
          and (code := code_under(label.name, tuple(parent_codes))) is not None):
        # A 款/项 line under its class (Shenzhen, Hangzhou print the whole function tree here).
        level = RowLevel.for_code(code)
        if level is RowLevel.SECTION:
            parent_codes[1] = code
    else:
        reader.unknown_row(line, "不是版式中的收支项目")
        return None
    if label.depth == 1 and item not in sublines:
        parent_item[side] = None
    cells = []
    for col, measure in cols.amounts:
        text = texts.get(col)
        amount = reader.amount(line, col, text, row=label.name, column=measure) if text else None
        if amount is not None:
            cells.append(Cell(measure=measure, amount=amount))
    return Row(name=label.name, code=code, level=level, item=item, side=side, cells=tuple(cells),
               source=reader.ctx.source(line, cols.label))
