"""Grid headers: the lines above the first data row → one labelled, typed column per grid position.

A header may span several lines with merged cells. A label at column k spans the blank cells to its
right on the same line as long as some lower header line has a label there (the children of the
merged cell): "基本支出 | | " over "小计 | 人员经费 | 公用经费" gives the paths 基本支出/小计,
基本支出/人员经费, 基本支出/公用经费. A label with blanks below it (a vertically merged cell) is a leaf.
Each path is then classified: code / 类 款 项 code parts / name / project unit / level / measure.
Measures are named by the table's own printed header paths (TableSpec.headers) and the shared
`reference.layouts` labels, full path first, then shorter suffixes, then the leaf, restricted to the
table's measure ids.
A path with qualifier segments (measures.yaml `qualifiers`: 上年, 2025 年执行数, 增减额, 政府性基金预算 …)
that the layout does not pin names a qualified measure: the other segments name the base measure
(through the layout's pinned paths with their qualifier segments removed, then the shared labels),
e.g. 上年/会议费 → meeting_fee@prior. Years are read against the budget year (else the latest
year printed in the header).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Callable, Iterable, Mapping

from ..read.raw import RawLine
from ..reference.layouts import (group_total_measure, group_totals, is_percent_measure, join_measure, measure_by_label, measure_zh,
                                 measures, normalize_label, qualifiers_of_label, split_measure)
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

    # Read for every row of the table: computed once per header.
    @cached_property
    def measure_columns(self) -> tuple[GridColumn, ...]:
        return tuple(self.columns[c] for c in sorted(self.columns) if self.columns[c].role == "measure")

    @cached_property
    def amount_columns(self) -> tuple[tuple[int, str, str, bool], ...]:
        """(grid column, measure, label for messages, is a rate) of each measure column, in order."""
        return tuple((c.col, c.measure, c.label or c.measure, is_percent_measure(c.measure))
                     for c in self.measure_columns)

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
    """Measure id named by a (normalised) label, limited to `allowed` when given; of several allowed
    measures a label names, the table's first (a “三公” table's 合计 is three_public_total, listed
    before the `total` a variant of the table also prints)."""
    found = measure_by_label().get(label)
    if not allowed:
        return found
    candidates = [m for m in _measures_by_label().get(label, ()) if m in allowed]
    if found in allowed and len(candidates) <= 1:
        return found
    return min(candidates, key=allowed.index) if candidates else None


@cache
def _measures_by_label() -> Mapping[str, tuple[str, ...]]:
    """Normalised label → every measure naming it, in measures.yaml order (the first allowed wins)."""
    out: dict[str, list[str]] = {}
    for measure in measures().values():
        for label in dict.fromkeys(normalize_label(x) for x in (measure.zh, *measure.labels)):
            out.setdefault(label, []).append(measure.id)
    return {label: tuple(ids) for label, ids in out.items()}


HintPairs = Mapping[str, str] | tuple[tuple[str, str], ...]


def _pairs(hints: HintPairs) -> tuple[tuple[str, str], ...]:
    return tuple(hints.items()) if isinstance(hints, Mapping) else tuple(hints)


def hint_patterns(hints: HintPairs) -> tuple[tuple[re.Pattern[str], str], ...]:
    """A layout's printed header paths (measure → "a/b", "{year}" for any year) as patterns."""
    return _hint_patterns(_pairs(hints))


# Every table of a layout compiles the same few paths again (≈200 headers over the sample PDFs).
@lru_cache(maxsize=1024)
def _hint_patterns(hints: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for measure, printed in hints:
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
        if found and start and _excluded_by_banner(found, norm[:start]):
            found = None  # “三公”经费及会议费、培训费/合计 sums more than the “三公”
        if not found and len(norm) - start == 2:
            found = group_total_measure(norm[start], norm[start + 1])
            found = found if found and (not allowed or found in allowed) else None
        if found:
            return found
    return None


def _excluded_by_banner(measure: str, banners: list[str]) -> bool:
    """A banner above names words that rule the group total out (measures.yaml group_totals `except`)."""
    return any(group.measure == measure and any(w in b for w in group.excluded for b in banners)
               for group in group_totals())


Hints = tuple[tuple[re.Pattern[str], str], ...]
_YEAR = re.compile(r"(?:19|20)\d{2}")


def split_qualifiers(path: tuple[str, ...], year: int | None, allowed: tuple[str, ...] = ()
                     ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(qualifiers of the path's qualifier segments, the other segments). A segment naming a measure of
    the table is that measure, not a qualifier: 财政拨款/一般公共预算 in a projects table is general_budget."""
    quals: list[str] = []
    rest: list[str] = []
    for part in path:
        found = qualifiers_of_label(part, year)
        if found and allowed and lookup_measure(normalize_label(part), allowed):
            found = None
        if found is None:
            rest.append(part)
        else:
            quals.extend(found)
    return tuple(quals), tuple(rest)


def base_hint_patterns(hints: HintPairs, year: int | None) -> Hints:
    """The layout's pinned paths without their qualifier segments: '总计/一般公共预算' pins
    three_public_total, so '总计' names it under any other fund or period too."""
    return _base_hint_patterns(_pairs(hints), year)


@lru_cache(maxsize=1024)
def _base_hint_patterns(hints: tuple[tuple[str, str], ...], year: int | None) -> Hints:
    stripped: dict[tuple[str, str], None] = {}  # (measure, printed path without qualifier segments)
    for measure, printed in hints:
        parts = printed.replace("{year}", str(year)).split("/") if year else printed.split("/")
        _, rest = split_qualifiers(tuple(parts), year)
        if rest and len(rest) < len(parts):
            stripped[(measure, "/".join(rest))] = None
    return hint_patterns(tuple(stripped))


def qualified_measure(path: tuple[str, ...], allowed: tuple[str, ...], year: int | None,
                      base_hints: Hints = ()) -> str | None:
    """'上年/会议费' → 'meeting_fee@prior' when meeting_fee is a measure of the table; a path of
    qualifier segments only ('2025 年执行数/执行数') qualifies the table's total."""
    quals, rest = split_qualifiers(path, year, allowed)
    if not quals:
        return None
    if rest:
        base = measure_for_path(rest, allowed, base_hints)
    else:
        base = "total" if not allowed or "total" in allowed else None
    return join_measure(base, quals) if base else None


# A pure function of the printed path and the table's spec, asked for each header column: the tables
# of a document (and of one layout) print the same column headers again and again.
@lru_cache(maxsize=4096)
def classify(path: tuple[str, ...], allowed: tuple[str, ...],
             hints: Hints = (), year: int | None = None, base_hints: Hints = ()) -> tuple[str, str | None]:
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
    # The layout's own printed paths first (Shenzhen pins 因公出国(境)费/一般公共预算 to abroad), then
    # qualified measures, then the shared labels.
    measure = (measure_for_path(path, allowed, hints) if hints and _pinned(path, hints) else None) \
        or qualified_measure(path, allowed, year, base_hints) or measure_for_path(path, allowed, hints)
    if measure is None and year is not None:
        # The budget year written into a label ("2024年机关运行经费预算数"): the label without it.
        prefix = re.compile(rf"^{year}\s*年度?")
        bare = tuple(prefix.sub("", p) for p in path)
        if bare != path and all(bare):
            measure = measure_for_path(bare, allowed, hints)
    if measure:
        return "measure", measure
    return "other", None


def _pinned(path: tuple[str, ...], hints: Hints) -> bool:
    norm = [normalize_label(p) for p in path]
    return any(pattern.match("/".join(norm[start:])) for start in range(len(norm)) for pattern, _ in hints)


def build_header(lines: list[RawLine], allowed: tuple[str, ...], hints: HintPairs | None = None,
                 year: int | None = None) -> GridHeader:
    paths = header_paths(lines)
    patterns = hint_patterns(hints or {})
    if year is None:  # no budget year known: the latest year printed in the header is the current one
        year = max((int(y) for p in paths.values() for part in p for y in _YEAR.findall(part.replace(" ", ""))),
                   default=None)
    base_hints = base_hint_patterns(hints or {}, year)

    def pinned_by(path: tuple[str, ...]) -> set[str]:
        norm = [normalize_label(p) for p in path]
        keys = ["/".join(norm[start:]) for start in range(len(norm))]
        return {m for pattern, m in patterns if any(pattern.match(k) for k in keys)}

    # A measure the layout pins to a printed path (Xi'an: 当年/…/公务接待费) is taken only by a column
    # printed so, never by a same-named column of another group (上年/…/公务接待费) read first.
    pinned_at = {col: pinned_by(path) for col, path in paths.items()}
    pinned = {m for found in pinned_at.values() for m in found}
    columns: dict[int, GridColumn] = {}
    taken: set[str] = set()
    for col, path in sorted(paths.items()):
        role, measure = classify(path, allowed, patterns, year, base_hints)
        if role == "measure" and measure in pinned and measure not in pinned_at[col]:
            role, measure = "other", None
        if role == "measure" and measure in taken:
            role, measure = "other", None  # a second column naming the same measure is not trusted
        if measure:
            taken.add(measure)
        columns[col] = GridColumn(col, path, role, measure)
    if "three_public_total" in allowed:
        _three_public_subtotals(columns, allowed, year)
    cells = frozenset((col, normalize_label(text)) for line in lines for col, text in cells_by_col(line).items())
    return GridHeader(tuple(lines), columns, cells)


_SUBTOTAL_LEAVES = frozenset({"小计", "合计"})


def _three_public_subtotals(columns: dict[int, GridColumn], allowed: tuple[str, ...], year: int | None) -> None:
    """A 小计 under a “三公” banner is the “三公” total; a 合计 beside that banner then sums more than the
    “三公” (Xi'an: 合计 | “三公”经费预算/小计 … | 会议费 | 培训费) and is the table's total (or, where
    the table has none, not read). Without such a banner nothing changes."""
    subtotals = {col: c for col, c in columns.items()
                 if normalize_label(c.path[-1]) in _SUBTOTAL_LEAVES and len(c.path) > 1
                 and "三公" in normalize_label(c.path[-2])}
    if not subtotals:
        return
    for col, c in list(columns.items()):
        base, quals = split_measure(c.measure) if c.measure else ("", ())
        if col in subtotals:
            quals, _ = split_qualifiers(c.path, year, allowed)
            columns[col] = GridColumn(col, c.path, "measure", join_measure("three_public_total", quals))
        elif base == "three_public_total":
            total = join_measure("total", quals) if "total" in allowed else None
            columns[col] = GridColumn(col, c.path, "measure" if total else "other", total)


def assumed_header(label_roles: tuple[str, ...], measure_ids: tuple[str, ...]) -> GridHeader:
    """No header printed (a continuation block): label columns first, then the layout's measures in order."""
    columns: dict[int, GridColumn] = {}
    for col, role in enumerate(label_roles):
        columns[col] = GridColumn(col, (), role)
    for offset, mid in enumerate(measure_ids):
        col = len(label_roles) + offset
        columns[col] = GridColumn(col, (measure_zh(mid),), "measure", mid)
    return GridHeader((), columns, frozenset(), assumed=True)
