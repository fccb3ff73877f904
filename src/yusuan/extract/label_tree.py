"""label_tree tables: label columns over amount columns, rows kept as printed (政府采购预算表,
政府购买服务预算表).

The grid: any number of label columns (采购类别/品目, 服务类别 一级/二级/三级, 专项名称, 单位编码,
规格型号, 数量 …) and the layout's amount columns. Each row keeps the text of every label column
(`Row.texts`, keyed by the printed header), so nothing printed is lost; its name is the first filled
column among the layout's `name_columns`, else its last filled label column.

Levels, told by the print alone:
- a row whose first label is 合计/总计 is the TOTAL;
- the table's last line is a leaf (a subtotal is printed above its lines), its first line (after the
  total) the outermost group when the table has groups: the label columns filled in the last line and
  blank in the first are the detail columns. A row filling none of them is a GROUP (货物, a unit),
  the others are LINEs. A table whose first and last lines fill the same columns has no groups.
Nesting is not stored: `group_depths` recovers it from the order of GROUP and LINE rows (the check and
the renderers use it), so a table written back and read again keeps its tree.
Amounts are mapped by grid column; blank cells are absent, never zero.
"""
from __future__ import annotations

from typing import Sequence

from ..model import Column, Row, RowLevel
from ..read.raw import RawLine, wrap_joiner
from ..reference.layouts import normalize_label
from .grid import GridReader, cells_by_col, is_column_numbers, is_footer, is_meta, is_number, is_stray_number
from .headers import GridHeader, assumed_header, build_header, split_header

_TOTAL_NAMES = frozenset({"合计", "总计", "本年合计"})
# Label columns printing counts or line numbers, not money (Xi'an 数量, 序号 of the 会议费明细表): kept as
# text, never reported as unread money.
_COUNT_LEAVES = frozenset({"数量", "采购数量", "计量单位", "人数", "台数", "套数", "序号"})
_LINE_NUMBER_LEAVES = frozenset({"序号", "行次", "行号"})
_LABEL_ROLES = frozenset({"code", "code_class", "code_section", "code_item", "name", "unit", "level"})


def read_label_tree(lines: Sequence[RawLine], reader: GridReader) -> tuple[tuple[Column, ...], tuple[Row, ...]]:
    spec = reader.spec
    header_lines, body = split_header(lines, _is_data)
    if header_lines:
        header = build_header(header_lines, spec.columns, spec.header_hints)
    else:
        header = assumed_header(("name",), spec.columns)
        if body:
            reader.ctx.issue("P003", f"{reader.table_title}：未找到表头，按版式的列顺序读取",
                             reader.location(body[0]))
    columns = tuple(Column(measure=c.measure, label=c.label or c.measure) for c in header.measure_columns)
    data = [line for line in body if _is_content(line, header)]
    measure_cols = {c.col for c in header.measure_columns}
    label_cols = sorted({c for c in header.columns if c not in measure_cols}
                        | {c for line in data for c in cells_by_col(line) if c not in measure_cols})
    names = {c: (header.columns[c].label if c in header.columns and header.columns[c].path else f"第{c + 1}列")
             for c in label_cols}
    _report_unmapped(data, header, label_cols, reader)
    name_order = _name_columns(spec.name_columns, names)
    # A column numbering the lines (序号 1, 2, 3 …, Xi'an 2021) is filled on every line, the total too:
    # it tells neither the total nor the levels.
    telling = [c for c in label_cols if normalize_label(names[c].split("/")[-1]) not in _LINE_NUMBER_LEAVES]
    total_lines = [line for line in data if _is_total(line, telling)]
    others = [line for line in data if line not in total_lines]
    detail = _detail_columns(others, telling)
    rows: list[Row] = []
    previous: dict[int, str] = {}  # the texts of the line the last row was read from
    for line in data:
        texts = cells_by_col(line)
        labels = tuple((names[c], texts[c]) for c in label_cols if texts.get(c))
        if rows and _is_wrapped(texts, previous, name_order, measure_cols):
            rows[-1] = rows[-1].model_copy(update={"texts": _joined(rows[-1].texts, labels)})
            continue
        if not labels:
            if not is_stray_number(line):
                reader.unknown_row(line, "没有名称")
            continue
        if line in total_lines:
            level = RowLevel.TOTAL
            name = next(t for c in label_cols if (t := texts.get(c)) and normalize_label(t) in _TOTAL_NAMES)
        else:
            level = RowLevel.LINE if not detail or any(texts.get(c) for c in detail) else RowLevel.GROUP
            name = next((texts[c] for c in name_order if texts.get(c)), None) or labels[-1][1]
        rows.append(Row(name=name, level=level, texts=labels, source=reader.ctx.source(line),
                        cells=reader.row_cells(line, texts, header.amount_columns, name)))
        previous = texts
    return columns, tuple(rows)


def group_depths(levels: Sequence[RowLevel]) -> list[int | None]:
    """Depth of each row in the tree (None for TOTAL rows): GROUP rows printed one after another nest,
    each in the one above. The first run of groups gives the tree its depth k; a later run of m
    groups re-opens the innermost m levels (a second unit under the same 货物), and the lines under
    a run sit at depth k."""
    runs: list[list[int]] = []
    for i, level in enumerate(levels):
        if level is RowLevel.GROUP:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    k = len(runs[0]) if runs else 0
    depths: list[int | None] = [None if lv is RowLevel.TOTAL else k for lv in levels]
    for run in runs:
        start = max(k - len(run), 0)
        for offset, i in enumerate(run):
            depths[i] = start + offset
    return depths


def tree_children(levels: Sequence[RowLevel], index: int) -> list[int]:
    """Indices of the rows directly under row `index` (a GROUP: the next level until a row at its own
    depth or above; a TOTAL: the outermost rows)."""
    depths = group_depths(levels)
    if levels[index] is RowLevel.TOTAL:
        top = min((d for d in depths if d is not None), default=None)
        return [i for i, d in enumerate(depths) if d is not None and d == top]
    own = depths[index]
    if own is None or levels[index] is not RowLevel.GROUP:
        return []
    out = []
    for i in range(index + 1, len(levels)):
        d = depths[i]
        if d is None or d <= own:
            break
        if d == own + 1:
            out.append(i)
    return out


def _is_data(line: RawLine) -> bool:
    return any(is_number(t) for t in cells_by_col(line).values())


def _is_content(line: RawLine, header: GridHeader) -> bool:
    if not line.is_table_row or not cells_by_col(line):
        return False
    return not (is_meta(line) or is_footer(line) or is_column_numbers(line) or header.is_repeat(line))


def _is_total(line: RawLine, label_cols: list[int]) -> bool:
    texts = cells_by_col(line)
    first = next((texts[c] for c in label_cols if texts.get(c)), "")
    return normalize_label(first) in _TOTAL_NAMES


def _is_wrapped(texts: dict[int, str], previous: dict[int, str], name_cols: list[int], measure_cols: set[int]) -> bool:
    """A line printing only the rest of the previous row's texts (Shenzhen's key projects: a long
    绩效目标 carried over the page): no name, no amount, no column the previous row leaves blank."""
    filled = {c for c, t in texts.items() if t}
    return (bool(filled) and bool(name_cols) and not filled & set(name_cols) and not filled & measure_cols
            and filled <= {c for c, t in previous.items() if t})


def _joined(texts: tuple[tuple[str, str], ...], more: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The row's texts with a wrapped line's appended, column by column, joined as the PDF reader
    joins a cell's lines."""
    extra = dict(more)
    return tuple((label, text + wrap_joiner(text, tail) + tail if (tail := extra.get(label, "")) else text)
                 for label, text in texts)


def _detail_columns(lines: list[RawLine], label_cols: list[int]) -> frozenset[int]:
    if len(lines) < 2:
        return frozenset()
    first, last = (frozenset(c for c in label_cols if cells_by_col(line).get(c)) for line in (lines[0], lines[-1]))
    return last - first


def _name_columns(wanted: tuple[str, ...], names: dict[int, str]) -> list[int]:
    """Columns of the layout's `name_columns`, matched on the full printed header or its last part."""
    out = []
    for label in wanted:
        key = normalize_label(label)
        out += [c for c, name in names.items() if c not in out
                and (normalize_label(name) == key or normalize_label(name.split("/")[-1]) == key)]
    return out


def _report_unmapped(data: list[RawLine], header: GridHeader, label_cols: list[int], reader: GridReader) -> None:
    """P003 once per label column holding numbers that is neither a code, a name nor a count column:
    money the layout does not name must not pass for a label."""
    for col in label_cols:
        column = header.columns.get(col)
        if column is not None and (column.role in _LABEL_ROLES
                                   or normalize_label(column.path[-1] if column.path else "") in _COUNT_LEAVES):
            continue
        line = next((ln for ln in data if is_number(cells_by_col(ln).get(col, ""))), None)
        if line is None:
            continue
        reader.unread_column(line, col, column.label if column is not None and column.path else f"第{col + 1}列")
