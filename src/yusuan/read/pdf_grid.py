"""Table grids from ruling lines: segments → grids → merged cells → rows of cell texts.

Budget tables are printed with ruled cells. A grid is found where vertical rules overlap in height;
its columns and rows are the distinct rule positions, and a cell spans several slots where the rule
between them is missing (merged header cells, multi-row names). Text is placed by the centre of
each word (or, when a word runs across a rule, of each character).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .raw import wrap_joiner

# Rules are hairlines or thin filled rectangles; anything thicker is a shaded area, not a rule.
RULE_THICKNESS = 3.0
# Two rule positions closer than this are one rule (double borders, anti-aliasing offsets).
SNAP = 2.5
MIN_RULE_LENGTH = 3.0

Segment = tuple[float, float, float]  # (position, start, end) — y,x0,x1 for horizontal; x,y0,y1 for vertical
Box = tuple[float, float, float, float]


def ruling_segments(drawings: list[dict]) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical rules of a page from `page.get_cdrawings()`."""
    hs: list[Segment] = []
    vs: list[Segment] = []
    # Pages carry thousands of drawings: this loop runs per item, so it stays flat (no helper calls).
    h_add, v_add = hs.append, vs.append
    for d in drawings:
        kind = d.get("type") or ""
        # white strokes and fills (min channel > 0.95) are not rules
        color = d.get("color")
        stroked = "s" in kind and not (color and min(color) > 0.95)
        if not stroked:
            fill = d.get("fill")
            if not ("f" in kind and not (fill and min(fill) > 0.95)):
                continue
        items = d.get("items", ())
        if not stroked and items and items[0][0] == "l":
            items = _filled_boxes(items)
        for item in items:
            op = item[0]
            if op == "l":
                (x0, y0), (x1, y1) = item[1], item[2]
                dx, dy = x1 - x0, y1 - y0
                if -1.0 <= dy <= 1.0 and (dx >= MIN_RULE_LENGTH or dx <= -MIN_RULE_LENGTH):
                    h_add(((y0 + y1) / 2, x0, x1) if dx >= 0 else ((y0 + y1) / 2, x1, x0))
                elif -1.0 <= dx <= 1.0 and (dy >= MIN_RULE_LENGTH or dy <= -MIN_RULE_LENGTH):
                    v_add(((x0 + x1) / 2, y0, y1) if dy >= 0 else ((x0 + x1) / 2, y1, y0))
                continue
            if op == "re":
                x0, y0, x1, y1 = item[1]
            elif op == "qu":
                q = item[1]
                x0 = min(p[0] for p in q)
                y0 = min(p[1] for p in q)
                x1 = max(p[0] for p in q)
                y1 = max(p[1] for p in q)
            else:
                continue
            # A box: a thin one is a rule; a stroked wide one is a cell (or table) border.
            if x1 < x0:
                x0, x1 = x1, x0
            if y1 < y0:
                y0, y1 = y1, y0
            w, h = x1 - x0, y1 - y0
            if h <= RULE_THICKNESS and w >= MIN_RULE_LENGTH:
                h_add(((y0 + y1) / 2, x0, x1))
            elif w <= RULE_THICKNESS and h >= MIN_RULE_LENGTH:
                v_add(((x0 + x1) / 2, y0, y1))
            elif stroked and w > RULE_THICKNESS and h > RULE_THICKNESS:
                hs.extend(((y0, x0, x1), (y1, x0, x1)))
                vs.extend(((x0, y0, y1), (x1, y0, y1)))
    return hs, vs


def _filled_boxes(items: list[tuple]) -> list[tuple]:
    """A filled path's items, each closed run of four lines drawing an upright rectangle given as
    that rectangle ("re"): a filled rectangle is an area, whose sides are rules only when it is thin.
    MuPDF lists a rectangle drawn turned (on a page stored with /Rotate) as its four sides, so a
    shaded cell would otherwise give four rules."""
    out: list[tuple] = []
    i, n = 0, len(items)
    while i < n:
        quad = items[i:i + 4]
        if len(quad) == 4 and all(it[0] == "l" for it in quad):
            points = [it[1] for it in quad]
            closed = all(quad[k][2] == quad[(k + 1) % 4][1] for k in range(4))
            upright = all(a[0] == b[0] or a[1] == b[1] for a, b in zip(points, points[1:] + points[:1]))
            if closed and upright:
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                out.append(("re", (min(xs), min(ys), max(xs), max(ys))))
                i += 4
                continue
        out.append(items[i])
        i += 1
    return out


def turned_segments(hs: list[Segment], vs: list[Segment], matrix: tuple[float, ...]) -> tuple[list[Segment], list[Segment]]:
    """Rules moved by `matrix` (a, b, c, d, e, f), a turn by a multiple of 90° (a page's rotation
    matrix, from the unrotated page to the page as shown): a turn by 90° or 270° makes the
    horizontal rules vertical and the vertical ones horizontal."""
    a, b, c, d, e, f = matrix
    out_h: list[Segment] = []
    out_v: list[Segment] = []
    for segments, horizontal in ((hs, True), (vs, False)):
        for at, lo, hi in segments:
            x0, y0, x1, y1 = (lo, at, hi, at) if horizontal else (at, lo, at, hi)
            u0, v0 = a * x0 + c * y0 + e, b * x0 + d * y0 + f
            u1, v1 = a * x1 + c * y1 + e, b * x1 + d * y1 + f
            if abs(v1 - v0) <= abs(u1 - u0):
                out_h.append(((v0 + v1) / 2, min(u0, u1), max(u0, u1)))
            else:
                out_v.append(((u0 + u1) / 2, min(v0, v1), max(v0, v1)))
    return out_h, out_v


def vector_segments(blocks: list[tuple]) -> tuple[list[Segment], list[Segment]] | None:
    """Horizontal and vertical rules of a page from the vector blocks of its text page
    (`TEXT_COLLECT_VECTORS`, listed by `extractBLOCKS`), read like `ruling_segments` reads drawings;
    None when a block's geometry cannot be known from its box, or its description is not understood.

    MuPDF gives each straight piece of a path as one block: its box (a stroke's widened by half the
    line width, so a hairline's middle is where it was drawn) and a description — stroked or filled,
    colour, whether it is a rectangle: "<vector stroked, color: #000000, alpha: 255, is-rect: true, …>".
    (The page's dict gives the same as fields, but building it costs about four times as much: it
    lays out every span of text too.) A thin box is a rule; a wide stroked rectangle stands for its
    four sides. A wide block that is not a rectangle is a polyline or polygon whose box says nothing
    of where its pieces run (a cell's bottom rule continued into its neighbour's is one block, its box
    swollen by the joins): the page's drawings must then be read path by path (`ruling_segments`).
    """
    hs: list[Segment] = []
    vs: list[Segment] = []
    h_add, v_add = hs.append, vs.append
    for x0, y0, x1, y1, what, _, kind in blocks:
        if kind != 3:  # text and image blocks
            continue
        at = what.find("color: #")
        if at < 0:
            return None
        color = int(what[at + 8:at + 14], 16)  # sRGB; white (every channel > 0.95) is not a rule
        if (color >> 16) & 255 > 242 and (color >> 8) & 255 > 242 and color & 255 > 242:
            continue
        w, h = x1 - x0, y1 - y0
        if h <= RULE_THICKNESS and w >= MIN_RULE_LENGTH:
            h_add(((y0 + y1) / 2, x0, x1))
        elif w <= RULE_THICKNESS and h >= MIN_RULE_LENGTH:
            v_add(((x0 + x1) / 2, y0, y1))
        elif w > RULE_THICKNESS and h > RULE_THICKNESS:
            if "is-rect: true" not in what:
                return None
            if "<vector stroked" in what:
                hs.extend(((y0, x0, x1), (y1, x0, x1)))
                vs.extend(((x0, y0, y1), (x1, y0, y1)))
    return hs, vs


def _snap(values: list[float]) -> list[float]:
    """Distinct positions: values within SNAP of their neighbour collapse to their mean."""
    out: list[float] = []
    group: list[float] = []
    for v in sorted(values):
        if group and v - group[-1] > SNAP:
            out.append(sum(group) / len(group))
            group = []
        group.append(v)
    if group:
        out.append(sum(group) / len(group))
    return out


@dataclass
class Grid:
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom
    # For every slot (r, c): the id of the merged cell it belongs to.
    owner: list[list[int]] = field(default_factory=list)
    # Merged cells: id → (r0, c0, r1, c1), inclusive slot ranges.
    spans: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)

    @property
    def bbox(self) -> Box:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def slot(self, x: float, y: float) -> tuple[int, int]:
        # min(max(i, 0), n - 1), spelled out: called for every word of every table.
        ys, xs = self.ys, self.xs
        r = bisect_right(ys, y) - 1
        if r < 0:
            r = 0
        if r > len(ys) - 2:
            r = len(ys) - 2
        c = bisect_right(xs, x) - 1
        if c < 0:
            c = 0
        if c > len(xs) - 2:
            c = len(xs) - 2
        return r, c

    def cell_box(self, cell: int) -> Box:
        r0, c0, r1, c1 = self.spans[cell]
        return (self.xs[c0], self.ys[r0], self.xs[c1 + 1], self.ys[r1 + 1])


def _by_rule(positions: list[float], segments: list[Segment]) -> dict[int, list[tuple[float, float]]]:
    """{index of the snapped position nearest a segment's (within SNAP + 0.5): its segments' (start, end)}."""
    out: dict[int, list[tuple[float, float]]] = {}
    tol, n = SNAP + 0.5, len(positions)
    # Inlined bisect look-up: it runs for every rule piece of every table.
    for at, a, b in segments:
        i = bisect_right(positions, at)
        j = None
        if i > 0 and at - positions[i - 1] <= tol:
            j = i - 1
        if i < n and positions[i] - at <= tol and (j is None or positions[i] - at < at - positions[j]):
            j = i
        if j is not None:
            if j in out:
                out[j].append((a, b))
            else:
                out[j] = [(a, b)]
    return out


def _merge(intervals: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """Overlapping rule pieces → disjoint (starts, ends), sorted, for bisect look-ups."""
    starts: list[float] = []
    ends: list[float] = []
    for a, b in sorted(intervals):
        if ends and a <= ends[-1] + 1.0:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _covered(merged: tuple[list[float], list[float]], points: list[float]) -> list[bool]:
    """For each of `points`: whether a merged rule piece reaches it (within 1 pt)."""
    starts, ends = merged
    return [(i := bisect_right(starts, p + 1.0) - 1) >= 0 and p <= ends[i] + 1.0 for p in points]


def _build_grid(hs: list[Segment], vs: list[Segment], hints: list[list[float]] = ()) -> Grid | None:
    xs = _snap([v[0] for v in vs])
    ys = _snap([h[0] for h in hs])
    # Open-sided tables: the horizontal rules reach past the outermost vertical ones.
    left, right = min(h[1] for h in hs), max(h[2] for h in hs)
    if left < xs[0] - 3 * SNAP:
        xs.insert(0, left)
    if right > xs[-1] + 3 * SNAP:
        xs.append(right)
    top, bottom = min(v[1] for v in vs), max(v[2] for v in vs)
    if top < ys[0] - 3 * SNAP:
        ys.insert(0, top)
    if bottom > ys[-1] + 3 * SNAP:
        ys.append(bottom)
    # A table continued from the previous page may print rows (a lone 合计 row) lacking some
    # column rules; take the previous page's columns so cell indices stay those of the header.
    for hint in hints:
        if (len(hint) > len(xs) and abs(hint[0] - xs[0]) <= 2 * SNAP and abs(hint[-1] - xs[-1]) <= 2 * SNAP
                and all(any(abs(x - h) <= SNAP for h in hint) for x in xs)):
            xs = list(hint)
            break
    if len(xs) < 2 or len(ys) < 2:
        return None
    v_at = _by_rule(xs, vs)
    h_at = _by_rule(ys, hs)
    v_cov = {j: _merge(iv) for j, iv in v_at.items()}
    h_cov = {i: _merge(iv) for i, iv in h_at.items()}
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    # Which slot boundaries are ruled, each rule position's pieces tested at every slot's middle
    # at once.
    y_mids = [(ys[r] + ys[r + 1]) / 2 for r in range(n_rows)]
    x_mids = [(xs[c] + xs[c + 1]) / 2 for c in range(n_cols)]
    no_rule_y = [False] * n_rows
    no_rule_x = [False] * n_cols
    v_ruled = [_covered(v_cov[j], y_mids) if j in v_cov else no_rule_y for j in range(n_cols + 1)]
    h_ruled = [_covered(h_cov[i], x_mids) if i in h_cov else no_rule_x for i in range(n_rows + 1)]
    for r in range(n_rows):
        below = h_ruled[r + 1]
        for c in range(n_cols):
            if c + 1 < n_cols and not v_ruled[c + 1][r]:
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not below[c]:
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    owner = [[find(r * n_cols + c) for c in range(n_cols)] for r in range(n_rows)]
    spans: dict[int, tuple[int, int, int, int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            k = owner[r][c]
            if k in spans:
                r0, c0, r1, c1 = spans[k]
                spans[k] = (min(r0, r), min(c0, c), max(r1, r), max(c1, c))
            else:
                spans[k] = (r, c, r, c)
    return Grid(xs=xs, ys=ys, owner=owner, spans=spans)


def find_grids(hs: list[Segment], vs: list[Segment], hints: list[list[float]] = ()) -> list[Grid]:
    """Grids of a page: vertical rules overlapping in height form one table band.

    `hints` are the column boundaries of the previous page's grids.
    """
    if not hs or not vs:
        return []
    bands: list[list[float]] = []
    for x, y0, y1 in sorted(vs, key=lambda v: v[1]):
        if bands and y0 <= bands[-1][1] + SNAP:
            bands[-1][1] = max(bands[-1][1], y1)
        else:
            bands.append([y0, y1])
    grids = []
    for y0, y1 in bands:
        band_v = [v for v in vs if v[1] >= y0 - SNAP and v[2] <= y1 + SNAP]
        band_h = [h for h in hs if y0 - SNAP <= h[0] <= y1 + SNAP]
        if len(band_h) < 2 or len({round(v[0]) for v in band_v}) < 2:
            continue
        # Keep horizontal rules that touch the band's vertical rules (not a page rule beside it).
        x_min = min(v[0] for v in band_v) - 3 * SNAP
        x_max = max(v[0] for v in band_v) + 3 * SNAP
        band_h = [h for h in band_h if h[2] >= x_min and h[1] <= x_max]
        if len(band_h) < 2:
            continue
        grid = _build_grid(band_h, band_v, hints)
        if grid is not None and grid.n_rows >= 1 and grid.n_cols >= 1:
            grids.append(grid)
    return grids


# -- text placement --------------------------------------------------------------------------------

Token = tuple[float, float, float, float, str, bool]  # x0, y0, x1, y1, text, is_word (else one character)


def straddles(grid: Grid, token: Token) -> bool:
    """True when a token's extent crosses a rule of the cell its centre falls in."""
    x0, y0, x1, y1 = token[:4]
    return straddles_at(grid, token, *grid.slot((x0 + x1) / 2, (y0 + y1) / 2))


def straddles_at(grid: Grid, token: Token, r: int, c: int) -> bool:
    """`straddles` for a token whose slot (r, c) is already known."""
    _, c0, _, c1 = grid.spans[grid.owner[r][c]]
    return token[0] < grid.xs[c0] - SNAP or token[2] > grid.xs[c1 + 1] + SNAP


def cell_text(tokens: list[Token]) -> str:
    """Tokens of one cell → text: visual lines top to bottom, each left to right.

    Words were split by MuPDF at spaces, so two words keep a space between them; characters
    (taken where a word ran across a rule) join directly unless the printed gap is wide.
    """
    if not tokens:
        return ""
    if len(tokens) == 1:  # most cells: one word, nothing to order or join
        return tokens[0][4].strip()
    tokens = sorted(tokens, key=lambda t: (t[1] + t[3]) / 2)
    lines: list[list[Token]] = []
    for t in tokens:
        mid, height = (t[1] + t[3]) / 2, max(t[3] - t[1], 1.0)
        if lines:
            last = lines[-1][-1]
            if abs(mid - (last[1] + last[3]) / 2) <= height * 0.5:
                lines[-1].append(t)
                continue
        lines.append([t])
    texts = []
    for line in lines:
        line.sort(key=lambda t: t[0])
        parts = [line[0][4]]
        for prev, cur in zip(line, line[1:]):
            gap = cur[0] - prev[2]
            height = max(cur[3] - cur[1], 1.0)
            spaced = prev[5] and cur[5] and gap > 0.1 * height
            parts.append(" " if spaced or gap > 0.6 * height else "")
            parts.append(cur[4])
        texts.append("".join(parts).strip())
    out = texts[0]
    for t in texts[1:]:
        out += wrap_joiner(out, t) + t
    return out
