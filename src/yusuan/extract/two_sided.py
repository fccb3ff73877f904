"""Two-sided summary tables (收支总表, 财政拨款收支总表): income lines beside expenditure lines.

Each grid line holds an income item (label, amount) and an expenditure item (label, amount); the
sides are found from the header ("收入 | | 支出 |"), by default columns 0–1 and 2–3. Labels lose
their numbering ("一、", "（一）", "廿一、") and spaces, then are named by the layout's `lines`;
expenditure lines naming a function class (类) become rows coded by the codebook; their 款/项 lines
below are linked under them, and a 款/项 name the codebook lacks is still a row (no code) when it is
printed indented under its parent (Hangzhou prints the hierarchy by indentation only). Lines under a
line listed in `sublines_after` (表4 "二、上年结转") repeat fund names and get their own ids.
"其中：" before a label marks a part of the line above; the label is named like any other.

Some documents print further breakdowns of the same expenditure beside the function classes (Xi'an:
by department economic class, by government economic class), each a label | amount group to the
right of the expenditure side. The layout lists them as extra keys of `lines` after `income` and
`expenditure`, in printed order; their rows are expenditure rows whose item is "<group>.<line>"
("<group>.<parent>.<line>" for a "(1)" line under a "1、" line), never coded, so nothing mistakes
them for function classes.
A line printed without an amount is still a row (with no cells): checkers need to know it exists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..model import Cell, Column, Row, RowLevel, Side
from ..read.raw import RawLine
from ..reference.codebook import load_codebook
from ..reference.summary_lines import national_lines
from ..reference.layouts import TableSpec, normalize_label
from .grid import GridReader, cells_by_col, is_column_numbers, is_footer, is_meta, is_number
from .headers import header_paths, hint_patterns, measure_for_path, split_header
from .name_codes import code_under, text_start

_TOP_NUMBER = r"[一二三四五六七八九十廿卅]+\s*[、.．]|\d{1,2}\s*[、．.](?!\d)"
_SUB_NUMBER = r"[（(]\s*(?:[一二三四五六七八九十廿卅]+|\d{1,2})\s*[)）]"
_NUMBERING = re.compile(rf"^\s*(?:(?P<top>{_TOP_NUMBER})|(?P<sub>{_SUB_NUMBER}))\s*")
_OF_WHICH = re.compile(r"^\s*其中\s*[:：]\s*")
# Text starts closer than this (points) are one indentation step.
_INDENT_TOLERANCE = 3.0
_TOTAL_ITEMS = frozenset({"income_total", "expenditure_total"})
_SIDE_WORDS = {Side.INCOME: ("收入", "收入项目"), Side.EXPENDITURE: ("支出", "支出项目")}
_SIDE_KEYS = frozenset(side.value for side in Side)  # `lines` keys of the two sides (others: groups)
_LINE_NUMBER_LEAVES = frozenset({"序号", "行次", "行号"})
_ROW_NUMBER_WORDS = frozenset({"行次", "行号"})


@dataclass(frozen=True)
class Label:
    name: str  # without numbering and spaces
    depth: int  # 0 no numbering, 1 "一、", 2 "（一）"


# A label is stripped by the data test, by each side's reading and by the layout matching: the same
# few hundred labels per document. A Label is immutable, so one instance can be handed out again.
@lru_cache(maxsize=8192)
def strip_numbering(text: str) -> Label:
    """'（十二）资源勘探工业信息等支出' → Label('资源勘探工业信息等支出', 2); '收 入 总 计' → ('收入总计', 0)."""
    m = _NUMBERING.match(text)
    depth = 0
    if m:
        depth = 1 if m.group("top") else 2
        text = text[m.end():]
    text = _OF_WHICH.sub("", text, count=1)
    return Label("".join(text.split()), depth)  # str.split and \s: the same whitespace


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
    group: str | None = None  # a further breakdown of the expenditure side (layout `lines` key)

    @property
    def key(self) -> str:
        return self.group or self.side.value


@dataclass
class _FunctionTree:
    """The class (类) and section (款) lines above an expenditure line: codes and where their text starts."""

    codes: list[str | None]
    starts: list[float | None]

    def enter(self, depth: int, code: str | None, start: float | None) -> None:
        self.codes[depth:] = [code] + [None] * (1 - depth)
        self.starts[depth:] = [start] + [None] * (1 - depth)

    def indented(self, start: float | None) -> bool:
        """Printed further right than the class line above."""
        return start is not None and self.starts[0] is not None and start > self.starts[0] + _INDENT_TOLERANCE

    def uncoded_level(self, start: float | None) -> RowLevel | None:
        """The level of a name the codebook does not place, from its indentation under the lines above."""
        if start is None or self.starts[0] is None:
            return None
        if self.starts[1] is not None and start > self.starts[1] + _INDENT_TOLERANCE:
            return RowLevel.ITEM
        if abs(start - (self.starts[1] or start)) <= _INDENT_TOLERANCE and start > self.starts[0] + _INDENT_TOLERANCE:
            return RowLevel.SECTION
        return None


def _group_sides(header: list[RawLine], spec: TableSpec, expenditure: _SideCols) -> tuple[_SideCols, ...]:
    """Label | amount groups printed right of the expenditure side, one per extra `lines` key, while
    the header names a column there."""
    header_cols = {col for line in header for col in cells_by_col(line)}
    out: list[_SideCols] = []
    col = max(c for c, _ in expenditure.amounts) + 1
    for group in (k for k in spec.lines if k not in _SIDE_KEYS):
        if col not in header_cols:
            break
        out.append(_SideCols(Side.EXPENDITURE, col, ((col + 1, "budget"),), group))
        col += 2
    return tuple(out)


def _side_measures(spec: TableSpec, side: Side) -> tuple[str, ...]:
    columns = spec.sides.get(side.value, {}).get("columns") if spec.sides else None
    return tuple(columns) if columns else ("budget",)


def _sides(header: list[RawLine], spec: TableSpec, numbering: frozenset[int] = frozenset()) -> tuple[_SideCols, _SideCols]:
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
    paths = header_paths(header)
    # A first column numbering the lines (Xi'an 2021: 序号 1, 2, 3 …) is neither side's.
    income_col = 1 if paths.get(0) and normalize_label(paths[0][-1]) in _LINE_NUMBER_LEAVES else 0
    income_numbered = income_col + 1 in numbering or bool(
        paths.get(income_col + 1) and normalize_label(paths[income_col + 1][-1]) in _LINE_NUMBER_LEAVES)
    expenditure_col = income_col + 1 + income_numbered + len(income_measures)
    for line in header:
        for col, text in cells_by_col(line).items():
            if col > income_col + income_numbered + len(income_measures) and normalize_label(text) in words:
                expenditure_col = col
                break
    patterns = hint_patterns(spec.header_hints)

    def after_numbering(col: int) -> int:
        """A side's label column, or the 行次 column printed right of it (central 决算: 项目 | 行次 | 金额)."""
        numbered = col + 1 in numbering or (paths.get(col + 1) and normalize_label(paths[col + 1][-1]) in _LINE_NUMBER_LEAVES)
        return col + 1 if numbered else col

    def named(first: int, measures_: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
        out = []
        for offset, default in enumerate(measures_):
            col = first + offset
            found = measure_for_path(paths[col], measures_, patterns) if len(measures_) > 1 and col in paths else None
            out.append((col, found or default))
        if len({m for _, m in out}) < len(out):  # the header named two columns alike: trust the order
            out = [(first + i, m) for i, m in enumerate(measures_)]
        return tuple(out)

    return (_SideCols(Side.INCOME, income_col, named(after_numbering(income_col) + 1, income_measures)),
            _SideCols(Side.EXPENDITURE, expenditure_col, named(after_numbering(expenditure_col) + 1, expenditure_measures)))


def is_group_item(spec: TableSpec, item: str) -> bool:
    """'dept_economic.basic.301': a line of a further breakdown of the expenditure side (see above)."""
    group, _, rest = item.partition(".")
    if not rest or group in _SIDE_KEYS or group not in spec.lines:
        return False
    ids = set(spec.lines[group].values())
    return all(part in ids for part in rest.split("."))


def _amount_label(paths: dict[int, tuple[str, ...]], col: int) -> str:
    """The printed header path under the side banner ("收 入" / "本年支出" names the side, not the measure)."""
    path = paths.get(col)
    if not path:
        return "预算数"
    return "/".join(re.sub(r"\s+", "", p) for p in (path[1:] if len(path) > 1 else path))


# "收入合计" is the income side's grand total in a table that prints no "收入总计" below it (Quanzhou:
# 本年收入合计 … 上年结转结余 … 收入合计), and the current year's total in one that does.
_SIDE_TOTALS = {"income": ("收入合计", "收入总计", "income_total", "income_current_total"),
                "expenditure": ("支出合计", "支出总计", "expenditure_total", "expenditure_current_total")}


def _name_side_totals(known: dict[str, dict[str, str]], lines: tuple[RawLine, ...]) -> None:
    printed = {normalize_label(strip_numbering(t).name) for line in lines for t in line.texts
               if "合计" in t or "总计" in t}
    for side, (subtotal, total, total_id, current_id) in _SIDE_TOTALS.items():
        if subtotal in printed and subtotal not in known[side]:
            known[side][subtotal] = current_id if total in printed else total_id


def read_two_sided(lines: tuple[RawLine, ...], reader: GridReader) -> tuple[tuple[Column, ...], tuple[Row, ...]]:
    spec = reader.spec
    # The layout's line names over the national ones: a region's word wins where they differ.
    known = {key: dict(names) for key, names in national_lines(spec.id).items()}
    for key, names in spec.lines.items():
        known.setdefault(key, {}).update((normalize_label(k), v) for k, v in names.items())
    for side in Side:
        known.setdefault(side.value, {})
    _name_side_totals(known, lines)

    def maps(label: str, side: Side) -> bool:
        name = strip_numbering(label)
        key = normalize_label(name.name)
        return key in known[side.value] or (side is Side.EXPENDITURE and class_code(name.name) is not None)

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
    # The 行次 columns (a header line of 项目 | 行次 | 金额 is taken for a line numbering the columns).
    numbering = frozenset(col for line in lines if line.is_table_row for col, text in cells_by_col(line).items()
                          if normalize_label(text) in _ROW_NUMBER_WORDS)
    sides = _sides(header, spec, numbering)
    sides = (*sides, *_group_sides(header, spec, sides[1]))
    header_cells = {(col, normalize_label(t)) for line in header for col, t in cells_by_col(line).items()}
    paths = header_paths(header)
    columns: list[Column] = []
    for side_cols in sides:
        for col, measure in side_cols.amounts:
            if all(c.measure != measure for c in columns):
                columns.append(Column(measure=measure, label=_amount_label(paths, col)))
    sublines = {item: dict(renames) for item, renames in spec.sublines_after.items()}
    # The last line whose sublines are renamed (表4 上年结转), per side (and group: its last "1、"
    # line), until a line leaves its group.
    parent_item: dict[str, str | None] = {cols.key: None for cols in sides}
    # The function lines above an expenditure line (类, 款): its 款/项 names are linked under them.
    tree = _FunctionTree([None, None], [None, None])
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
            if side_cols.group is not None:
                row = _group_row(line, texts, side_cols, known[side_cols.key], parent_item, reader)
            else:
                row = _side_row(line, texts, side_cols, known[side_cols.key], sublines, parent_item, reader, tree)
            if row is not None:
                rows.append(row)
    return tuple(columns), tuple(rows)


def _printed_label(line: RawLine, texts: dict[int, str], cols: _SideCols, reader: GridReader) -> str | None:
    printed = texts.get(cols.label, "")
    if not printed and any(texts.get(col) for col, _ in cols.amounts):
        reader.unknown_row(line, f"{'收入' if cols.side is Side.INCOME else '支出'}一侧的金额没有项目名称")
    return printed or None


def _side_cells(line: RawLine, texts: dict[int, str], cols: _SideCols, reader: GridReader,
                name: str) -> tuple[Cell, ...]:
    # A side's amounts are money, named in messages by their measure id.
    return reader.row_cells(line, texts, tuple((col, measure, measure, False) for col, measure in cols.amounts), name)


def _label_start(line: RawLine, col: int) -> float | None:
    cell = next((c for c in line.cells if c.col == col), None)
    return text_start(cell) if cell is not None else None


def _side_row(line: RawLine, texts: dict[int, str], cols: _SideCols, known: dict[str, str],
              sublines: dict[str, dict[str, str]], parent_item: dict[str, str | None],
              reader: GridReader, tree: _FunctionTree | None = None) -> Row | None:
    side = cols.side
    printed = _printed_label(line, texts, cols, reader)
    if printed is None:
        return None
    label = strip_numbering(printed)
    key = normalize_label(label.name)
    item = known.get(key)
    code = None
    level = RowLevel.LINE
    expenditure = side is Side.EXPENDITURE and tree is not None
    if item is not None:
        parent = parent_item[cols.key]
        # A numbered "一、" line is a subline only under an unnumbered parent (Shanghai 决算 表4:
        # "年初财政拨款结转和结余" then "一、一般公共预算财政拨款").
        unnumbered_parent = parent_item.get(f"{cols.key}#depth") == "0"
        if parent is not None and item in sublines.get(parent, {}) and (label.depth != 1 or unnumbered_parent):
            item = sublines[parent][item]
        else:
            parent_item[cols.key] = item if item in sublines else None
            parent_item[f"{cols.key}#depth"] = str(label.depth)
        if item in _TOTAL_ITEMS:
            level = RowLevel.TOTAL
        if expenditure:
            tree.starts[:] = [None, None]  # no name is indented under a labelled line
    elif expenditure and tree.indented(_label_start(line, cols.label)) and \
            (code := code_under(label.name, tuple(tree.codes))) is not None:
        # Printed further right than the class line above and naming a 款 or 项 under it, although a
        # class bears the name too ("五、其他支出" / "　其他支出" / "　　其他支出": 229, 22999, 2299999).
        level = RowLevel.for_code(code)
        if level is RowLevel.SECTION:
            tree.enter(1, code, _label_start(line, cols.label))
    elif expenditure and (code := class_code(label.name)) is not None:
        level = RowLevel.CLASS
        if label.depth == 1:
            parent_item[cols.key] = None
        tree.enter(0, code, _label_start(line, cols.label))
    elif expenditure and (code := code_under(label.name, tuple(tree.codes))) is not None:
        # A 款/项 line under its class (Shenzhen, Hangzhou print the whole function tree here).
        level = RowLevel.for_code(code)
        if level is RowLevel.SECTION:
            tree.enter(1, code, _label_start(line, cols.label))
    elif expenditure and (uncoded := tree.uncoded_level(_label_start(line, cols.label))) is not None:
        # Indented under a class or section, but the codebook has no such name there: the row keeps
        # its name and level, without a code (as in the by-code tables, name_codes.link_codes).
        level = uncoded
        if level is RowLevel.SECTION:
            tree.enter(1, None, _label_start(line, cols.label))
    else:
        reader.unknown_row(line, f"{_side_word(cols)}“{printed}”不是版式中的收支项目")
        return None
    if label.depth == 1 and item not in sublines:
        parent_item[cols.key] = None
    return Row(name=label.name, code=code, level=level, item=item, side=side,
               cells=_side_cells(line, texts, cols, reader, label.name), source=reader.ctx.source(line, cols.label))


def _side_word(cols: _SideCols) -> str:
    return "收入项目" if cols.side is Side.INCOME else "支出项目"


def _group_row(line: RawLine, texts: dict[int, str], cols: _SideCols, known: dict[str, str],
               parent_item: dict[str, str | None], reader: GridReader) -> Row | None:
    """A line of a further breakdown of the expenditure side: "<group>.<line>", or
    "<group>.<parent>.<line>" for a "(1)" line under the group's last "1、" line."""
    printed = _printed_label(line, texts, cols, reader)
    if printed is None:
        return None
    label = strip_numbering(printed)
    line_id = known.get(normalize_label(label.name))
    if line_id is None:
        reader.unknown_row(line, f"{_side_word(cols)}“{printed}”不是版式中的收支项目")
        return None
    parent = parent_item[cols.key]
    if label.depth == 2 and parent is not None:
        item = f"{cols.group}.{parent}.{line_id}"
    else:
        item = f"{cols.group}.{line_id}"
        parent_item[cols.key] = line_id if label.depth == 1 else None
    return Row(name=label.name, level=RowLevel.LINE, item=item, side=Side.EXPENDITURE,
               cells=_side_cells(line, texts, cols, reader, label.name), source=reader.ctx.source(line, cols.label))
