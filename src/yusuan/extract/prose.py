"""Prose lines → logical lines: Chinese numerals, heading numbering, and lines broken mid-sentence joined."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..read.raw import RawLine

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "[一二三四五六七八九十廿]+"

# '一、收支总表' / '- 一、…' (contents lines are often printed as a bulleted list)
SECTION_NUMBER = re.compile(rf"^[-•·\s]*({CN_NUMERAL})\s*[、.．]\s*(.*)$")
# '（一）…' / '(一) …'
SUB_NUMBER = re.compile(rf"^[-•·\s]*[(（]\s*({CN_NUMERAL})\s*[)）]\s*(.*)$")
# '1. …' / '1、…' / '（1）…'
ITEM_NUMBER = re.compile(r"^[-•·\s]*(?:(\d{1,2})\s*[.．、](?!\d)|[(（](\d{1,2})[)）])\s*(.*)$")
# Page numbers and footers interleaved with prose in PDFs.
_PAGE_MARK = re.compile(r"^[-—–\s]*(?:\d{1,4}|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)[-—–\s]*$")
# A line ending with one of these closes its sentence; anything else continues on the next line.
_SENTENCE_END = tuple("。！？；：!?;:")


def cn_to_int(text: str) -> int | None:
    """'三' → 3, '十一' → 11, '廿一' → 21, '二十' → 20; None for anything else."""
    t = text.strip()
    if not t:
        return None
    if t.isdigit():
        return int(t)
    if t.startswith("廿"):
        rest = cn_to_int(t[1:]) if len(t) > 1 else 0
        return None if rest is None else 20 + rest
    if "十" in t:
        head, _, tail = t.partition("十")
        tens = 1 if not head else _DIGITS.get(head)
        ones = 0 if not tail else _DIGITS.get(tail)
        if tens is None or ones is None or len(head) > 1 or len(tail) > 1:
            return None
        return tens * 10 + ones
    if len(t) == 1:
        return _DIGITS.get(t)
    return None


def is_page_mark(text: str) -> bool:
    return bool(_PAGE_MARK.match(text))


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def _open_aside(texts: list[str]) -> bool:
    """A parenthesis opened and not yet closed: the sentence goes on past a '；' or '。' inside it."""
    joined = "".join(texts)
    return joined.count("（") + joined.count("(") > joined.count("）") + joined.count(")")


def starts_numbered(text: str) -> bool:
    """The line opens a numbered heading or list item: '一、', '（一）', '1.', '（1）'."""
    return bool(SECTION_NUMBER.match(text) or SUB_NUMBER.match(text) or ITEM_NUMBER.match(text))


@dataclass(frozen=True)
class LogicalLine:
    """Raw lines joined into one sentence run; `starts` maps character offsets back to raw lines."""

    text: str
    lines: tuple[RawLine, ...]
    starts: tuple[int, ...]  # offset in `text` where each raw line begins

    @property
    def first(self) -> RawLine:
        return self.lines[0]

    def line_at(self, offset: int) -> RawLine:
        return self.lines[max(0, bisect_right(self.starts, offset) - 1)]


def line_text(line: RawLine) -> str:
    """Prose text of a raw line; table rows keep their cells apart with a space."""
    if line.is_table_row:
        return " ".join(t for t in line.texts if t)
    return line.text


_MARGIN_TOLERANCE = 3.0  # points


def _indented_margins(lines) -> dict[int | None, float]:
    """Page → the left margin of its prose, for pages whose paragraphs open indented (a first line
    starting one to four characters right of the margin, the other lines at it)."""
    starts: dict[int | None, list[float]] = {}
    for line in lines:
        if line.bbox is not None and not line.is_table_row and line.text.strip():
            starts.setdefault(line.page, []).append(line.bbox[0])
    out: dict[int | None, float] = {}
    for page, xs in starts.items():
        margin = min(xs)
        at = sum(1 for x in xs if x - margin <= _MARGIN_TOLERANCE)
        indented = sum(1 for x in xs if 10 <= x - margin <= 70)
        if indented and at > len(xs) / 2:
            out[page] = margin
    return out


def _at_margin(line, margins: dict[int | None, float]) -> bool:
    """On a page whose paragraphs open indented, a line starting at the margin goes on with the
    paragraph above it, even after a full stop ("…财产安全。" / "较2025 年年初预算增加40 万元。")."""
    margin = margins.get(line.page)
    return margin is not None and line.bbox is not None and line.bbox[0] - margin <= _MARGIN_TOLERANCE


def join_lines(lines: tuple[RawLine, ...] | list[RawLine], is_heading=lambda text: False) -> list[LogicalLine]:
    """Join lines broken mid-sentence.

    A line continues the previous one when the previous did not end its sentence (or the line starts
    at the margin of a page whose paragraphs open indented), neither is a heading, and the line does
    not open a numbered item. Chinese needs no space at the join.
    """
    out: list[LogicalLine] = []
    open_text: list[str] = []
    open_lines: list[RawLine] = []
    open_starts: list[int] = []
    open_length = 0  # characters joined so far: where the next line starts

    def flush() -> None:
        nonlocal open_length
        if open_lines:
            out.append(LogicalLine("".join(open_text), tuple(open_lines), tuple(open_starts)))
            open_text.clear(), open_lines.clear(), open_starts.clear()
            open_length = 0

    margins = _indented_margins(lines)
    for line in lines:
        text = line_text(line).strip()
        if not text or is_page_mark(text):
            continue
        heading = is_heading(text)
        continues = (
            open_lines
            and not line.is_table_row
            and not open_lines[-1].is_table_row
            and not heading
            and (not ends_sentence(open_text[-1]) or _open_aside(open_text[-3:]) or _at_margin(line, margins))
            and not starts_numbered(text)
        )
        if not continues:
            flush()
        open_starts.append(open_length)
        open_length += len(text)
        open_text.append(text)
        open_lines.append(line)
        if heading:
            flush()
    flush()
    return out
