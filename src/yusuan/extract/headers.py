"""Grid headers: the lines above the first data row → one labelled, typed column per grid position.

A header may span several lines with merged cells. A label at column k spans the blank cells to its
right on the same line as long as some lower header line has a label there (the children of the
merged cell): "基本支出 | | " over "小计 | 人员经费 | 公用经费" gives the paths 基本支出/小计,
基本支出/人员经费, 基本支出/公用经费. A label with blanks below it (a vertically merged cell) is a leaf.
Each path is then classified: code / 类 款 项 code parts / name / project unit / level / measure.
Measures are named by the table's own printed header paths (TableSpec.headers) and the shared
`reference.layouts` labels, full path first, then shorter suffixes, then the leaf, restricted to the
table's measure ids.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from ..read.raw import RawLine
from ..reference.layouts import measure_by_label, measures, normalize_label
from .grid import cells_by_col, is_column_numbers, is_footer, is_meta, is_number

CODE_PARTS = {"类": "code_class", "款": "code_section", "项": "code_item"}
_NAME_LEAVES = frozenset({"科目", "项目", "功能分类科目", "经济分类科目", "支出功能分类科目", "名称"})
_UNIT_LEAVES = frozenset({"项目单位", "单位", "预算单位", "实施单位", "单位名称"})


@dataclass(frozen=True)
class GridColumn:
    col: int
    path: tuple[str, ...]  # printed labels, top-down
    role: str  # code | code_class | code_section | code_item | name | unit | level | measure | other
    measure: str | None = None

    @property
    def label(self) -> str:
        return "/".join(self.path)


@dataclass(frozen=True)
class GridHeader:
    lines: tuple[RawLine, ...]
    columns: Mapping[int, GridColumn]
    # (column, normalised label) of every header cell: a line made only of these is a repeated header.
    cells: frozenset[tuple[int, str]] = field(default_factory=frozenset)
    assumed: bool = False  # no header printed: columns assumed from the layout's order

    def cols(self, role: str) -> list[int]:
        return sorted(c for c, column in self.columns.items() if column.role == role)

    def col(self, role: str) -> int | None:
        found = self.cols(role)
        return found[0] if found else None

    @property
    def measure_columns(self) -> list[GridColumn]:
        return [self.columns[c] for c in sorted(self.columns) if self.columns[c].role == "measure"]

    def is_repeat(self, line: RawLine) -> bool:
        """A header line printed again mid-table (page split): same labels at the same columns."""
        texts = cells_by_col(line)
        if not texts or any(is_number(t) for t in texts.values()):
            return False
        return all((col, normalize_label(t)) in self.cells for col, t in texts.items())


def split_header(lines: Iterable[RawLine], is_data: Callable[[RawLine], bool]) -> tuple[list[RawLine], list[RawLine]]:
    """(header lines, lines from the first data line on). Only grid lines can be header lines."""
    header: list[RawLine] = []
    lines = list(lines)
    for index, line in enumerate(lines):
        if not line.is_table_row or not cells_by_col(line):
            continue
        if is_meta(line) or is_footer(line) or is_column_numbers(line):
            continue
        if is_data(line):
            return header, lines[index:]
        header.append(line)
    return header, []


def header_paths(lines: list[RawLine]) -> dict[int, tuple[str, ...]]:
    """{grid column: (label, sublabel, …)} with merged cells spread over the columns they cover."""
    grid = [cells_by_col(line) for line in lines]
    width = max((max(g) + 1 for g in grid if g), default=0)
    covering: list[dict[int, str]] = []
    for i, row in enumerate(grid):
        below = set().union(*grid[i + 1:]) if i + 1 < len(grid) else set()
        spread: dict[int, str] = {}
        current: str | None = None
        for col in range(width):
            if col in row:
                current = row[col]
                spread[col] = current
            elif current is not None and col in below:
                spread[col] = current
            else:
                current = None
        covering.append(spread)
    paths: dict[int, tuple[str, ...]] = {}
    for col in range(width):
        path: list[str] = []
        for spread in covering:
            label = spread.get(col)
            if label and (not path or path[-1] != label):
                path.append(label)
        if path:
            paths[col] = tuple(path)
    return paths


def lookup_measure(label: str, allowed: tuple[str, ...]) -> str | None:
    """Measure id named by a (normalised) label, limited to `allowed` when given."""
    found = measure_by_label().get(label)
    if found and (not allowed or found in allowed):
        return found
    for measure in measures().values():
        if allowed and measure.id not in allowed:
            continue
        if label in {normalize_label(x) for x in (measure.zh, *measure.labels)}:
            return measure.id
    return None


def hint_patterns(hints: Mapping[str, str]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """A layout's printed header paths (measure → "a/b", "{year}" for any year) as patterns."""
    out = []
    for measure, printed in hints.items():
        parts = [re.escape(normalize_label(part)) for part in printed.split("/")]
        out.append((re.compile("/".join(parts).replace(re.escape("{year}"), r"\d{4}") + "$"), measure))
    return tuple(out)


def measure_for_path(path: tuple[str, ...], allowed: tuple[str, ...],
                     hints: tuple[tuple[re.Pattern[str], str], ...] = ()) -> str | None:
    """Longest path suffix first; at each length the layout's own header paths before shared labels."""
    norm = [normalize_label(p) for p in path]
    for start in range(len(norm)):
        key = "/".join(norm[start:])
        found = next((m for pattern, m in hints if pattern.match(key) and (not allowed or m in allowed)), None)
        found = found or lookup_measure(key, allowed)
        if found:
            return found
    return None


def classify(path: tuple[str, ...], allowed: tuple[str, ...],
             hints: tuple[tuple[re.Pattern[str], str], ...] = ()) -> tuple[str, str | None]:
    leaf = normalize_label(path[-1])
    if leaf in CODE_PARTS:
        return CODE_PARTS[leaf], None
    if "编码" in leaf or "代码" in leaf or leaf in ("编号", "科目编号", "项目编号"):
        return "code", None
    if leaf in _UNIT_LEAVES:
        return "unit", None
    if "级次" in leaf or "层级" in leaf or leaf == "级别":
        return "level", None
    if ("名称" in leaf or leaf in _NAME_LEAVES or (leaf.endswith("科目") and len(path) == 1)
            or leaf.startswith("支出项目类别")):
        return "name", None
    measure = measure_for_path(path, allowed, hints)
    if measure:
        return "measure", measure
    return "other", None


def build_header(lines: list[RawLine], allowed: tuple[str, ...], hints: Mapping[str, str] | None = None
                 ) -> GridHeader:
    paths = header_paths(lines)
    patterns = hint_patterns(hints or {})

    def pinned_by(path: tuple[str, ...]) -> set[str]:
        norm = [normalize_label(p) for p in path]
        keys = ["/".join(norm[start:]) for start in range(len(norm))]
        return {m for pattern, m in patterns if any(pattern.match(k) for k in keys)}

    # A measure the layout pins to a printed path (Xi'an: 当年/…/公务接待费) is taken only by a column
    # printed so, never by a same-named column of another group (上年/…/公务接待费) read first.
    pinned = {m for path in paths.values() for m in pinned_by(path)}
    columns: dict[int, GridColumn] = {}
    taken: set[str] = set()
    for col, path in sorted(paths.items()):
        role, measure = classify(path, allowed, patterns)
        if role == "measure" and measure in pinned and measure not in pinned_by(path):
            role, measure = "other", None
        if role == "measure" and measure in taken:
            role, measure = "other", None  # a second column naming the same measure is not trusted
        if measure:
            taken.add(measure)
        columns[col] = GridColumn(col, path, role, measure)
    cells = frozenset((col, normalize_label(text)) for line in lines for col, text in cells_by_col(line).items())
    return GridHeader(tuple(lines), columns, cells)


def assumed_header(label_roles: tuple[str, ...], measure_ids: tuple[str, ...]) -> GridHeader:
    """No header printed (a continuation block): label columns first, then the layout's measures in order."""
    columns: dict[int, GridColumn] = {}
    for col, role in enumerate(label_roles):
        columns[col] = GridColumn(col, (), role)
    for offset, mid in enumerate(measure_ids):
        col = len(label_roles) + offset
        columns[col] = GridColumn(col, (measures()[mid].zh,), "measure", mid)
    return GridHeader((), columns, frozenset(), assumed=True)
