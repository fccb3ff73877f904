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
# "其中：基本支出" names 基本支出, a part of the column before it.
_IN_WHICH = re.compile(r"^\s*其中\s*[:：]?\s*")
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
        # A merged cell ends where a label above starts another group (公务用车运行费 under 公务用车购置及运行费
        # does not reach into 公务接待费 beside it).
        above = set().union(*grid[:i]) if i else set()
        spread: dict[int, str] = {}
        current: str | None = None
        for col in range(width):
            if col in row:
                current = row[col]
                spread[col] = current
            elif current is not None and col in below and col not in above:
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
        plain = tuple(_IN_WHICH.sub("", p) or p for p in path)
        if role == "other" and plain != path:
            role, measure = classify(plain, allowed, patterns, year, base_hints)
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


def _three_public_subtotals(columns: dict[int, GridColumn], allowed: tuple[str, ...], year: int | None) -> None:
    """A 小计 under a “三公” banner (measures.yaml group_totals) is the “三公” total, even where a 合计
    read first took the measure; a 合计 beside that banner then sums more than the “三公” (Xi'an:
    合计 | “三公”经费预算/小计 … | 会议费 | 培训费) and is the table's total (or, where the table has
    none, not read). Without such a banner nothing changes."""
    subtotals = {col: c for col, c in columns.items() if len(c.path) > 1 and group_total_measure(
        normalize_label(c.path[-2]), normalize_label(c.path[-1])) == "three_public_total"}
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


def _header_label_line(line: RawLine, labels: frozenset[str]) -> bool:
    """A grid line made only of labels of the table's header (no number): a header printed again."""
    texts = cells_by_col(line)
    return bool(texts) and line.is_table_row and not any(is_number(t) for t in texts.values()) \
        and all(normalize_label(t) in labels for t in texts.values())


def realign_pages(header: GridHeader, body: list[RawLine]) -> list[RawLine]:
    """A table continued on a page that prints its header again on a grid of other columns (the
    page's ruling splits cells differently): the page's lines are moved to the first header's
    columns, matched by their printed header paths, and the repeated header is left out. A page
    without a header of its own, or one whose header does not name every measure column of the
    first one, is kept as it is."""
    labels = frozenset(label for _, label in header.cells)
    if header.assumed or not labels:
        return body
    old_paths: dict[tuple[str, ...], list[int]] = {}
    old_leaves: dict[str, list[int]] = {}
    for col, column in header.columns.items():
        old_paths.setdefault(tuple(normalize_label(p) for p in column.path), []).append(col)
        if column.path:
            old_leaves.setdefault(normalize_label(column.path[-1]), []).append(col)
    measure_cols = {c.col for c in header.measure_columns}
    out: list[RawLine] = []
    mapping: dict[int, int] | None = None
    page: int | None = body[0].page if body else None
    i = 0
    while i < len(body):
        line = body[i]
        if line.page != page:
            page, mapping = line.page, None
        if _header_label_line(line, labels) and not header.is_repeat(line):
            run = [line]
            while i + 1 < len(body) and body[i + 1].page == page and _header_label_line(body[i + 1], labels):
                i += 1
                run.append(body[i])
            new = {}
            for col, path in header_paths(run).items():
                # The same path, else the same leaf label when no other column has it: a page's
                # split cells may break a banner's span over its children.
                found = old_paths.get(tuple(normalize_label(p) for p in path)) or \
                    old_leaves.get(normalize_label(path[-1]), [])
                if len(found) == 1:
                    new[col] = found[0]
            if measure_cols <= set(new.values()):
                mapping = new
                i += 1
                continue
            out.extend(run)
            i += 1
            continue
        out.append(_moved(line, mapping) if mapping is not None and line.is_table_row else line)
        i += 1
    return out


def _moved(line: RawLine, mapping: dict[int, int]) -> RawLine:
    """The line with its cells at the first header's columns; a non-blank cell under no column of that
    header keeps a column of its own past the last one (reported as unread, never read as another)."""
    from dataclasses import replace

    spare = max(mapping.values(), default=0) + 1000
    cells = []
    for index, cell in enumerate(line.cells):
        col = cell.col if cell.col is not None else index
        if col in mapping:
            cells.append(replace(cell, col=mapping[col]))
        elif cell.text.strip():
            cells.append(replace(cell, col=spare + col))
    return replace(line, cells=tuple(cells))


def place_stray_cells(header: GridHeader, body: list[RawLine]) -> list[RawLine]:
    """A figure in a grid column the header does not name (a page whose ruling splits a column in
    two, the text falling in the other half) is read under the header column printed at the same
    place: the one whose figures, over the table, span the figure's centre — when exactly one does
    and the line has nothing there yet."""
    named = {c for c, column in header.columns.items() if column.role != "other"}
    spans: dict[int, list[float]] = {}
    strays = False
    for line in body:
        if not line.is_table_row:
            continue
        for cell in line.cells:
            if not cell.text.strip() or cell.bbox is None or cell.col is None:
                continue
            if cell.col in named:
                span = spans.setdefault(cell.col, [cell.bbox[0], cell.bbox[2]])
                span[0], span[1] = min(span[0], cell.bbox[0]), max(span[1], cell.bbox[2])
            else:
                strays = True
    if not strays or not spans:
        return body
    from dataclasses import replace

    out = []
    for line in body:
        texts = cells_by_col(line) if line.is_table_row else {}
        if not texts or all(c in named for c in texts):
            out.append(line)
            continue
        cells, taken, moved = [], set(texts), False
        for cell in line.cells:
            if cell.text.strip() and cell.col not in named and cell.bbox is not None:
                centre = (cell.bbox[0] + cell.bbox[2]) / 2
                under = [c for c, (x0, x1) in spans.items() if x0 <= centre <= x1]
                if len(under) == 1 and under[0] not in taken:
                    taken.add(under[0])
                    cells = [c for c in cells if c.col != under[0]]  # the blank cell there
                    cells.append(replace(cell, col=under[0]))
                    moved = True
                    continue
            if cell.col in taken and not cell.text.strip():
                continue
            cells.append(cell)
        out.append(replace(line, cells=tuple(cells)) if moved else line)
    return out


def _decimals(text: str) -> int | None:
    text = text.strip().replace(",", "").replace("，", "")
    if not is_number(text):
        return None
    return len(text.split(".", 1)[1]) if "." in text else 0


_SENTENCE_ENDS = tuple("。！？!?；;")


def join_page_split_rows(body: list[RawLine], label_cols: frozenset[int]) -> list[RawLine]:
    """A row broken by a page end: the first grid line of a page that only finishes the last row of
    the page before is joined to it. It finishes the row when each of its figures is the tail of a
    figure cut there ("12,437.3" | "6": the cut figure has fewer decimals than the row's others, the
    joined one as many), and its other cells continue label cells of that row or text cells that
    stopped mid-sentence; or, with only label tails, when it closes a parenthesis the row's label
    left open ("…交通治安分局（水上" | "治安分局）")."""
    out: list[RawLine] = []
    for line in body:
        previous = out[-1] if out else None
        if (previous is None or not line.is_table_row or not previous.is_table_row or line.page is None
                or previous.page is None or line.page != previous.page + 1):
            out.append(line)
            continue
        joined = _finish_row(previous, line, label_cols)
        if joined is None:
            out.append(line)
        else:
            out[-1] = joined
    return out


def _finish_row(above: RawLine, tail: RawLine, label_cols: frozenset[int]) -> RawLine | None:
    top, bottom = cells_by_col(above), cells_by_col(tail)
    if not bottom or any(c not in top for c in bottom):
        return None
    numbers = {c: t for c, t in bottom.items() if is_number(t)}
    # Text outside the label columns (a 绩效目标 sentence) finishes the row's text only where that
    # text stopped mid-sentence.
    prose = [c for c in bottom if c not in numbers and c not in label_cols]
    if any(is_number(top[c]) or top[c].rstrip().endswith(_SENTENCE_ENDS) for c in prose):
        return None
    if numbers:
        places = max((d for c, t in top.items() if c not in numbers and (d := _decimals(t)) is not None), default=None)
        if places is None or places == 0:
            return None
        for col, text in numbers.items():
            cut, rest = top[col].strip(), text.strip()
            if not rest.isdigit() or "." not in cut or _decimals(cut) is None or _decimals(cut) >= places \
                    or _decimals(cut + rest) != places:
                return None
    elif not prose:
        label = "".join(top.get(c, "") for c in sorted(label_cols))
        if label.count("（") + label.count("(") <= label.count("）") + label.count(")"):
            return None
        if not any(")" in t or "）" in t for t in bottom.values()):
            return None
    from dataclasses import replace

    cells = tuple(replace(cell, text=cell.text.rstrip() + bottom[cell.col]) if cell.col in bottom else cell
                  for cell in above.cells)
    return replace(above, cells=cells)
