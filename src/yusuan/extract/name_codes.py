"""Rows printed without codes (Hangzhou): the level from indentation, the code from the codebook.

Some regions print only the names of the classification, the hierarchy shown by indentation
("科学技术支出" / "　技术研究与开发" / "　　科技成果转化与扩散"). The PDF reader strips the leading
ideographic spaces from a cell's text but its bbox still covers them, so where the visible text
starts is the cell's right edge minus the text's own width (CJK glyphs one em wide, others half);
a cell drawn where the text starts (other regions) gives its x0 directly. Distinct starts, from the
least indented, are the levels 类, 款, 项.

A name is linked to a code only when the codebook has exactly one code of that name at that level
under the code of the row above it (a 款 under its 类, a 项 under its 款); otherwise the row keeps
its name and level and no code.
"""
from __future__ import annotations

import unicodedata
from functools import cache

from ..model import RowLevel
from ..read.raw import RawCell
from ..reference.codebook import load_codebook, normalize_name

_LEVELS = (RowLevel.CLASS, RowLevel.SECTION, RowLevel.ITEM)
_CODE_LENGTH = {RowLevel.CLASS: 3, RowLevel.SECTION: 5, RowLevel.ITEM: 7}
_YEARS = range(2016, 2031)


def _em_width(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def text_start(cell: RawCell) -> float | None:
    """x where the visible text of a cell begins (None without a bbox)."""
    if cell.bbox is None or not cell.text.strip():
        return None
    x0, y0, x1, y1 = cell.bbox
    size = y1 - y0
    start = x1 - _em_width(cell.text.strip()) * size
    return max(x0, start) if size > 0 else x0


def indent_levels(starts: list[float | None], depth: int = 3, tolerance: float = 3.0) -> list[RowLevel | None]:
    """Text starts → 类/款/项 by rank of distinct indentation, for a classification `depth` levels deep
    (function 3, economic 2). One step more than that: the outermost rows are budget units (Shenzhen
    prints each unit over its economic classes). None when the steps cannot be told apart."""
    known = sorted({round(s, 1) for s in starts if s is not None})
    steps: list[float] = []
    for value in known:
        if not steps or value - steps[-1] > tolerance:
            steps.append(value)
    levels = (RowLevel.UNIT, *_LEVELS[:depth]) if len(steps) == depth + 1 else _LEVELS[:depth]
    out: list[RowLevel | None] = []
    for s in starts:
        if s is None or len(steps) > len(levels):
            out.append(None)
            continue
        rank = max(i for i, step in enumerate(steps) if s >= step - tolerance)
        out.append(levels[rank])
    return out


@cache
def _names(kind: str) -> dict[str, frozenset[str]]:
    """Normalised name → codes bearing it in any year of the codebook."""
    book = load_codebook()
    index: dict[str, set[str]] = {}
    for year in _YEARS:
        entries = book.function_codes(year) if kind == "function" else book.economic_codes(year)
        for entry in entries:
            index.setdefault(normalize_name(entry.name), set()).add(entry.code)
    return {k: frozenset(v) for k, v in index.items()}


def link_codes(names: list[str], levels: list[RowLevel | None], kind: str) -> list[str | None]:
    """Codes for names in table order; a name is linked only when it is unambiguous under its parent."""
    index = _names(kind)
    parents: dict[RowLevel, str | None] = {level: None for level in _LEVELS}
    out: list[str | None] = []
    for name, level in zip(names, levels):
        named = index.get(normalize_name(name), frozenset())
        candidates: frozenset[str] = frozenset()
        if level is not None and level is not RowLevel.UNIT:
            candidates = frozenset(c for c in named if len(c) == _CODE_LENGTH[level])
            depth = _LEVELS.index(level)
            parent = parents[_LEVELS[depth - 1]] if depth else None
            if depth and parent is None:
                candidates = frozenset()
            elif parent is not None:
                candidates = frozenset(c for c in candidates if c.startswith(parent))
        if not candidates:
            # A long name printed without its indentation (it fills the cell): a child of the
            # nearest parent still names it. Such a name is printed less indented than its level,
            # never more: a row indented as a 项 under a 款 not found in the codebook ("超长期特别国债
            # 安排的支出" / "公路水路运输") is not the 款 of that name.
            shallowest = _CODE_LENGTH[level] if level is not None and level is not RowLevel.UNIT else 0
            for parent in (parents[RowLevel.SECTION], parents[RowLevel.CLASS]):
                inside = frozenset(c for c in named if parent and c.startswith(parent) and len(c) == len(parent) + 2
                                   and len(c) >= shallowest)
                if inside:
                    candidates = inside
                    break
        code = next(iter(candidates)) if len(candidates) == 1 else None
        out.append(code)
        if code is not None:
            level = {3: RowLevel.CLASS, 5: RowLevel.SECTION, 7: RowLevel.ITEM}[len(code)]
        elif level is RowLevel.UNIT:
            parents = {lv: None for lv in _LEVELS}
            continue
        if level is not None:
            depth = _LEVELS.index(level)
            parents[level] = code
            for deeper in _LEVELS[depth + 1:]:
                parents[deeper] = None
    return out


def code_under(name: str, parents: tuple[str | None, ...]) -> str | None:
    """The 款 or 项 function code named `name` under the nearest known parent (deepest first)."""
    candidates = _names("function").get(normalize_name(name), frozenset())
    for parent in reversed(parents):
        if not parent:
            continue
        inside = [c for c in candidates if c.startswith(parent) and len(c) == len(parent) + 2]
        if len(inside) == 1:
            return inside[0]
    return None
