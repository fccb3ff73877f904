"""Tables printed without ruling lines: text lines whose cells line up in columns become grid rows.

Many published budgets are exported from a spreadsheet without borders (or as three-line tables,
rules only above and below the header): there is no grid for `pdf_grid` to find, and read as prose
such a table loses every row. Here the words outside any grid are grouped into visual lines, each
line cut into segments at gaps wider than about a character, and a table is recognised where
consecutive lines hold several segments and some of those lines carry amounts:

- the columns are the x-intervals covered by the cells of the amount-carrying lines (the gutters
  between them are blank in every row); their boundaries are placed like a grid's rules: an amount
  column (right-aligned) ends at its amounts, a text column starts at its texts. Every cell is then
  placed by its centre, as the ruled reader places words in grid slots;
- the header is the lines just above the first amount line that sit over those columns (labels
  centred in merged cells print on lines of their own: lines closer than the rows are and filling
  different columns are one header row; a label under a label is a wrapped one); a label in the
  lowest header line over no printed cell gets a column of its own (a column blank in every row).
  The title, a "单位：万元" / "编制单位：" line above it and notes below stay prose;
- a line packed closer to the one above than the table's rows are to each other, filling only
  columns the row above left blank or its text columns, belongs to the same row (a wrapped name,
  amounts printed vertically centred beside a two-line name);
- rows without a header are kept only under a ruled grid or as the continuation of the previous
  page's table (whose columns they take): otherwise their columns could not be named.

Rows come out exactly as the ruled reader's: one RawCell per column (blank cells with the column's
box), `is_table_row=True`. Conservative on purpose: contents pages (dot leaders, page numbers
only), covers and narrative with numbers inside sentences never qualify — one wrong table costs
more than a missed one.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from statistics import median

from .pdf_grid import Grid, Token, cell_text
from .raw import RawCell, RawLine

# A line is cut into cells where two words are further apart than this many text heights (an
# ordinary space is 0.2–0.6 of the height; cells of a borderless table sit a character or more apart).
SEGMENT_GAP = 0.9
# A code or amount is a cell of its own already at a wider-than-space gap (two amounts side by side,
# a code before its name: cells padded by a few points).
KIND_GAP = 0.3
# Consecutive lines of one table are at most this many text heights apart (centre to centre).
MAX_PITCH = 3.2
# A line closer than this share of the table's usual row pitch continues the row above.
WRAP_PITCH = 0.75
# Edges within this many points are aligned.
ALIGN = 2.5
# A header line's text is at most this much taller than the table's amounts (else it is a title).
TITLE_HEIGHT = 1.25

_NUMBER = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_UNIT_AFTER = re.compile(r"^(?:元|万元|亿元|千元|人|名|个|辆|项|台|套|%|％|年|月|日|次|家|平方米)")
_SMALL_INT = re.compile(r"^\d{1,3}$")
_LEADER = re.compile(r"[.…·．。]{3,}|…{2,}|(?:\.\s){3,}")
# Lines above a table that are not its header: the unit, the preparer, a table title.
_META = re.compile(r"(?:^|\s)(?:编制单位|金额单位|单位|部门|部门名称|预算单位)\s*[:：]|表$|^表\s*\d")


def is_number(text: str) -> bool:
    if not text or not (text[0].isdigit() or text[0] in "-−－"):
        return False
    return _NUMBER.match(unicodedata.normalize("NFKC", text).replace(" ", "")) is not None


@dataclass
class _Segment:
    tokens: list[Token]
    x0: float
    x1: float
    text: str
    number: bool


@dataclass
class _Line:
    tokens: list[Token]
    segments: list[_Segment]
    y0: float
    y1: float
    height: float

    @property
    def mid(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class _Row:
    lines: list[_Line]
    cells: dict[int, list[Token]] = field(default_factory=dict)


def unruled_tables(tokens: list[Token], page: int, grids: list[Grid] = (), carry: list | None = None,
                   ) -> tuple[list[tuple[float, float, list[RawLine]]], list[Token]]:
    """(tables as (top, left, rows), the tokens left for prose). `carry` holds the columns of the
    page's last table for the next page (a table continued without its header), updated in place."""
    previous = list(carry) if carry else None
    if carry is not None:
        carry.clear()
    if len(tokens) < 6:
        return [], tokens
    split = _split_lines(tokens)
    if sum(1 for parts in split if len(parts) > 1) < 3:
        return [], tokens
    lines = [_line(parts) for parts in split]
    out: list[tuple[float, float, list[RawLine]]] = []
    used: set[int] = set()
    floor = 0
    for lo, hi in _runs(lines):
        table = _table(lines, lo, hi, floor, page, grids, previous)
        if table is None:
            continue
        rows, columns, consumed = table
        if any(id(t) in used for line in consumed for t in line.tokens):
            continue
        out.append((rows[0].bbox[1], rows[0].bbox[0], rows))
        used.update(id(t) for line in consumed for t in line.tokens)
        floor = lines.index(consumed[-1]) + 1
        if carry is not None:
            carry[:] = columns
        previous = None  # only a page's first table continues the previous page's
    if not out:
        return [], tokens
    return out, [t for t in tokens if id(t) not in used]


def _split_lines(tokens: list[Token]) -> list[list[list[Token]]]:
    """Visual lines top to bottom, each as its segments' tokens (cheap: no text is built)."""
    ordered = sorted(tokens, key=lambda t: t[1] + t[3])
    groups: list[list[Token]] = []
    ref_mid = ref_h = 0.0
    for t in ordered:
        mid, h = (t[1] + t[3]) / 2, max(t[3] - t[1], 1.0)
        if groups and abs(mid - ref_mid) <= 0.5 * min(h, ref_h):
            groups[-1].append(t)
            continue
        groups.append([t])
        ref_mid, ref_h = mid, h
    out = []
    for group in groups:
        if len(group) == 1:
            out.append([group])
            continue
        group.sort(key=lambda t: t[0])
        parts = [[group[0]]]
        for prev, cur in zip(group, group[1:]):
            gap, h = cur[0] - prev[2], max(cur[3] - cur[1], prev[3] - prev[1], 1.0)
            if gap > SEGMENT_GAP * h or (gap > KIND_GAP * h and (is_number(prev[4]) or is_number(cur[4]))):
                parts.append([])
            parts[-1].append(cur)
        out.append(parts)
    return out


def _line(parts: list[list[Token]]) -> _Line:
    segments = []
    for part in parts:
        text = cell_text(part)
        segments.append(_Segment(part, part[0][0], max(t[2] for t in part), text, is_number(text)))
    tokens = [t for part in parts for t in part]
    return _Line(tokens, segments, min(t[1] for t in tokens), max(t[3] for t in tokens),
                 median(t[3] - t[1] for t in tokens))


def _is_tabular(line: _Line) -> bool:
    """Several cells, none a dot leader, no amount followed by its unit (a sentence or a list:
    cells of a table never repeat the unit)."""
    segments = line.segments
    return (len(segments) > 1 and not any(_LEADER.search(s.text) for s in segments)
            and not any(a.number and _UNIT_AFTER.match(b.text) for a, b in zip(segments, segments[1:])))


def _runs(lines: list[_Line]) -> list[tuple[int, int]]:
    """Stretches of lines that may hold a table: lines of several cells, close together, with at
    most two single-cell lines (wrapped names, header parts) in a row between them: (first, last)
    line of several cells."""
    spans: list[list[int]] = []  # [first, last] tabular line of each run
    for i, line in enumerate(lines):
        if not _is_tabular(line):
            continue
        if spans:
            j = spans[-1][1]
            between = lines[j + 1:i]
            if (len(between) <= 2 and not any(_LEADER.search(b.segments[0].text) for b in between)
                    and line.mid - lines[j].mid <= MAX_PITCH * max(line.height, lines[j].height)):
                spans[-1][1] = i
                continue
        spans.append([i, i])
    return [(first, last) for first, last in spans
            if sum(1 for line in lines[first:last + 1] if _is_tabular(line)) >= 2]


def _is_body(line: _Line) -> bool:
    """A line of several cells carrying an amount (a code alone in the first cell is no amount)."""
    return _is_tabular(line) and any(s.number for s in line.segments[1:])


def _columns(body: list[_Line]) -> list[tuple[float, float]]:
    return _merged([(s.x0, s.x1) for line in body for s in line.segments])


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping x-intervals → disjoint ones, left to right."""
    out: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if out and x0 <= out[-1][1] + 0.5:
            out[-1][1] = max(out[-1][1], x1)
        else:
            out.append([x0, x1])
    return [(a, b) for a, b in out]


def _column_of(segment: _Segment, columns: list[tuple[float, float]]) -> int:
    """The first column the segment overlaps (a label over several columns is a merged cell), else
    the column left of it (a label in the gap between two columns is centred over both)."""
    for c, (x0, x1) in enumerate(columns):
        if segment.x0 < x1 - 0.5 and segment.x1 > x0 + 0.5:
            return c
    mid = (segment.x0 + segment.x1) / 2
    return max((c for c, (x0, _) in enumerate(columns) if x0 <= mid), default=0)


def _aligned(edges: list[float]) -> bool:
    """Most of the edges share one position."""
    edges = sorted(edges)
    best = max(sum(1 for e in edges if abs(e - x) <= ALIGN) for x in edges)
    return best * 3 >= len(edges) * 2


def _looks_like_table(body: list[_Line], columns: list[tuple[float, float]]) -> bool:
    if len(columns) < 2:
        return False
    numbers = [(s, line) for line in body for s in line.segments if s.number]
    if all(_SMALL_INT.match(s.text) and s is line.segments[-1] for s, line in numbers):
        return False  # page numbers at the line ends: a contents page
    if len(body) < 3:
        return True  # judged with its header (see _table)
    # Each column holding amounts prints them aligned on one edge.
    by_col: dict[int, list[_Segment]] = {}
    for line in body:
        for s in line.segments:
            if s.number:
                by_col.setdefault(_column_of(s, columns), []).append(s)
    amount_cols = [segs for segs in by_col.values() if len(segs) >= 2]
    return bool(amount_cols) and all(_aligned([s.x1 for s in segs]) or _aligned([s.x0 for s in segs])
                                     for segs in amount_cols)


def _fits(line: _Line, columns: list[tuple[float, float]], body_height: float) -> bool:
    """A line that may be a header line over these columns."""
    left, right = columns[0][0] - 2 * body_height, columns[-1][1] + 2 * body_height
    if len(line.segments) == 1 and (line.segments[0].x1 - line.segments[0].x0 > 0.6 * (right - left)
                                    or line.segments[0].text[-1:] in "。；;：:，,"):
        return False  # a sentence, not a label
    if line.height > TITLE_HEIGHT * body_height or any(_META.search(s.text) or s.number for s in line.segments):
        return False
    inside = [s.x0 >= left and s.x1 <= right for s in line.segments]
    # labels of columns blank in every row (备注) stand beside the printed cells
    return all(inside) or (len(inside) > 2 and sum(inside) * 3 >= len(inside) * 2)


def _table(lines: list[_Line], lo: int, hi: int, floor: int, page: int, grids: list[Grid],
           previous: list[float] | None):
    """The table in lines[lo..hi] (its lines of several cells), with its header above (not above
    `floor`, the end of the previous table) and a total row printed after blank rows below."""
    body_index = [i for i in range(lo, hi + 1) if _is_body(lines[i])]
    if not body_index:
        return None
    first, last = body_index[0], body_index[-1]
    body = [lines[i] for i in body_index]
    extents = _columns(body)
    if not _looks_like_table(body, extents):
        return None
    height = median(line.height for line in body)
    pitches = [b.mid - a.mid for a, b in zip(body, body[1:])]
    pitch = median(pitches) if pitches else 2 * height
    # Header: the lines just above the first amount line that sit over the columns, packed no
    # looser than the rows (labels centred in merged cells of different heights print on lines of
    # their own), at most a few rows high.
    start = first
    while start > floor:
        above, below = lines[start - 1], lines[start]
        if (below.mid - above.mid > max(2 * pitch, 3 * height) or lines[first].mid - above.mid > 8 * pitch
                or not _fits(above, extents, height)):
            break
        start -= 1
    header = lines[start:first]
    if len(body) < 3 and (sum(len(line.segments) for line in header) < 2 or len(body) + len(header) < 3
                          or not all(sum(seg.number for seg in line.segments) >= 2 for line in body)):
        return None  # one or two rows: only under a header, with amounts side by side
    xs = _boundaries(extents, _numeric_extents(body, extents))
    if header:
        xs = _with_header_columns(xs, extents, header[-1], body)
    else:
        inherited = _inherited(xs, lines[first], grids, previous)
        if inherited is xs:
            return None  # rows without a header nor a table above to continue: columns unknown
        xs = inherited
    # Lines of the body and wrapped lines right after the last amount line.
    end = last + 1
    while end < len(lines) and not _is_tabular(lines[end]) and lines[end].mid - lines[end - 1].mid < WRAP_PITCH * pitch:
        end += 1
    rows = _rows(lines[start:first], xs, pitch, header=True) + _rows(lines[first:end], xs, pitch)
    # A total row printed after blank rows, its cells exactly in the columns' places.
    if end < len(lines) and lines[end].mid - lines[end - 1].mid < 15 * pitch and _aligned_row(lines[end], xs, body):
        rows += _rows(lines[end:end + 1], xs, pitch)
        end += 1
    raw = [_raw_line(row, xs, page) for row in rows]
    return raw, xs, lines[start:end]


def _aligned_row(line: _Line, xs: list[float], body: list[_Line]) -> bool:
    """Several cells in distinct columns, amounts among them, each amount ending where an amount
    of the body ends."""
    if not _is_body(line):
        return False
    slots = [_slot(xs, (seg.x0 + seg.x1) / 2) for seg in line.segments]
    if len(set(slots)) != len(slots):
        return False
    ends = [seg.x1 for row in body for seg in row.segments if seg.number]
    return all(any(abs(seg.x1 - e) <= ALIGN for e in ends) for seg in line.segments if seg.number)


def _numeric_extents(body: list[_Line], extents: list[tuple[float, float]]) -> set[int]:
    """Columns whose body cells are mostly amounts (printed right-aligned)."""
    votes: dict[int, list[int]] = {}
    for line in body:
        for seg in line.segments:
            k = _extent_of(seg, extents)
            votes.setdefault(k, [0, 0])[0 if seg.number else 1] += 1
    return {k for k, (numbers, texts) in votes.items() if numbers > texts}


def _extent_of(seg: _Segment, extents: list[tuple[float, float]]) -> int:
    mid = (seg.x0 + seg.x1) / 2
    return min(range(len(extents)), key=lambda k: 0 if extents[k][0] <= mid <= extents[k][1]
               else min(abs(mid - extents[k][0]), abs(mid - extents[k][1])))


def _boundaries(extents: list[tuple[float, float]], numeric: set[int]) -> list[float]:
    """Column boundaries from the printed extents: an amount column ends right after its amounts,
    a text column starts right before its texts; between a text column and an amount column the
    boundary is unknown and taken half-way."""
    xs = [extents[0][0] - 1.0]
    for k in range(len(extents) - 1):
        (_, right), (left, _) = extents[k], extents[k + 1]
        if k in numeric:
            xs.append(right + 1.0)
        elif k + 1 not in numeric:
            xs.append(left - 1.0)
        else:
            xs.append((right + left) / 2)
    xs.append(extents[-1][1] + 1.0)
    return xs


def _with_header_columns(xs: list[float], extents, lowest: _Line, body: list[_Line]) -> list[float]:
    """A column blank in every row shows only in the lowest header line (a 项 column of rows coded
    to 款): a label there that falls into a column with another label and over none of the printed
    cells gets a column of its own. The outer boundaries take in the header."""
    by_col: dict[int, list[_Segment]] = {}
    for seg in lowest.segments:
        by_col.setdefault(_slot(xs, (seg.x0 + seg.x1) / 2), []).append(seg)
    extra = [seg for segs in by_col.values() if len(segs) > 1 for seg in segs
             if not any(seg.x0 < b and seg.x1 > a for a, b in extents)]
    if extra:
        spans = _merged(list(extents) + [(seg.x0, seg.x1) for seg in extra])
        xs = _boundaries(spans, _numeric_extents(body, spans))
    return xs


def _slot(xs: list[float], x: float) -> int:
    c = bisect_right(xs, x) - 1
    return min(max(c, 0), len(xs) - 2)


def _inherited(xs: list[float], first_line: _Line, grids: list[Grid], previous: list[float] | None) -> list[float]:
    """The columns of a grid right above (a ruled header over unruled rows) or of the previous
    page's table (continued without its header), when this table's columns fall into them one by one."""
    candidates = [grid.xs for grid in grids if 0 <= first_line.y0 - grid.ys[-1] <= 3 * first_line.height]
    if previous:
        candidates.append(previous)
    for wider in candidates:
        if len(wider) < len(xs) or wider[0] > xs[1] or wider[-1] < xs[-2]:
            continue
        # every printed column falls into a different column of the wider table
        slots = [_slot(wider, (xs[c] + xs[c + 1]) / 2) for c in range(len(xs) - 1)]
        if len(set(slots)) == len(slots):
            return list(wider)
    return xs


def _placed(line: _Line, xs: list[float], header: bool) -> dict[int, list[Token]]:
    """{column: tokens} of a line. A header segment of several words over several columns is split
    into its words (labels printed close together); one word over several columns is a merged label."""
    placed: dict[int, list[Token]] = {}
    for seg in line.segments:
        c = _slot(xs, (seg.x0 + seg.x1) / 2)
        if header and len(seg.tokens) > 1 and _slot(xs, seg.x0) != _slot(xs, seg.x1):
            for t in seg.tokens:
                placed.setdefault(_slot(xs, (t[0] + t[2]) / 2), []).append(t)
        else:
            placed.setdefault(c, []).extend(seg.tokens)
    return placed


def _rows(lines: list[_Line], xs: list[float], pitch: float, header: bool = False) -> list[_Row]:
    rows: list[_Row] = []
    numeric: set[int] = set()
    for line in lines:
        placed = _placed(line, xs, header)
        if not header:
            numeric.update(c for c, toks in placed.items() if any(is_number(t[4]) for t in toks))
        if rows and line.mid - rows[-1].lines[-1].mid < WRAP_PITCH * pitch:
            row = rows[-1]
            if header:
                # a wrapped label (under labels only), or labels centred between two lines
                joins = all(c in row.cells for c in placed) or not any(c in row.cells for c in placed)
            else:
                joins = all(c not in row.cells or (c not in numeric and not any(is_number(t[4]) for t in placed[c]))
                            for c in placed)
            if joins:
                row.lines.append(line)
                for c, toks in placed.items():
                    row.cells.setdefault(c, []).extend(toks)
                continue
        rows.append(_Row([line], placed))
    return rows


def _raw_line(row: _Row, xs: list[float], page: int) -> RawLine:
    y0 = min(line.y0 for line in row.lines)
    y1 = max(line.y1 for line in row.lines)
    cells = []
    for c in range(len(xs) - 1):
        toks = row.cells.get(c)
        if toks:
            box = (min(t[0] for t in toks), min(t[1] for t in toks), max(t[2] for t in toks), max(t[3] for t in toks))
            cells.append(RawCell(cell_text(toks), col=c, bbox=box))
        else:
            cells.append(RawCell("", col=c, bbox=(xs[c], y0, xs[c + 1], y1)))
    return RawLine(cells=tuple(cells), page=page, is_table_row=True, bbox=(xs[0], y0, xs[-1], y1))
