"""Cover, contents, overview (part 1) and glossary (part 4)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import DocumentKind, DocumentLevel, GlossaryEntry, PartHeading, SourceRef, TextSection, TocEntry, Unit
from ..read.raw import RawLine, UnreadableError
from ..reference.layouts import normalize_label
from .context import ExtractContext
from .prose import ITEM_NUMBER, SECTION_NUMBER, SUB_NUMBER, cn_to_int, join_lines, line_text
from .sections import DocumentParts


@dataclass(frozen=True)
class Front:
    unit: Unit
    year: int
    kind: DocumentKind
    level: DocumentLevel
    title: str | None
    source: SourceRef | None  # the cover line that states unit and year
    toc: tuple[TocEntry, ...]
    headings: tuple[PartHeading, ...]
    overview: tuple[TextSection, ...]
    glossary: tuple[GlossaryEntry, ...]


# '武汉市工业信息化中心 2026 年单位预算', '某某局2026年度部门决算'
# '西安市发展和改革委员会 2019 年部门综合预算说明' (Xi'an: 综合预算, every fund of the department).
_TITLE = re.compile(r"^(?P<unit>.*?)\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*(?P<level>单位|部门)?\s*(?:综合)?\s*(?P<kind>预算|决算)")
_TITLE_YEAR_FIRST = re.compile(
    r"^(?P<year>(?:19|20)\d{2})\s*年度?\s*(?P<unit>\S.*?)\s*(?P<level>单位|部门)?\s*(?:综合)?\s*(?P<kind>预算|决算)(?:公开)?$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_PART = re.compile(r"^[-•·\s]*第([一二三四五六七八九十]+)部分\s*(.*)$")
_OVERVIEW_UNIT = re.compile(r"^(.+?)(?:基本)?概况$")
# Dot leaders and page numbers after a contents title: '一、收支总表 ……… 3'.
_PAGE_SUFFIX = re.compile(r"(?:[.．…·]{2,}\s*|\s+)\d{1,3}$")
# '一般公共预算支出表(分功能科目，分单位)': one contents line naming several tables.
_SPLIT_TITLE = re.compile(r"^(?P<head>.+?)[(（](?P<inner>[^()（）]+)[)）]$")


def read_front(parts: DocumentParts, ctx: ExtractContext) -> Front:
    unit_name, year, level, kind, title, cover_line = _from_cover(parts.cover)
    heading_years = [int(m.group("year")) for _, t, _ in parts.headings if (m := _TITLE.match(t))]
    if year is not None and len(heading_years) >= 2 and len(set(heading_years)) == 1 and year != heading_years[0]:
        # A misprinted cover: every part heading states another year. Read the document as that
        # year (the checker reports the cover, X301) instead of misreading every comparison.
        year = heading_years[0]
    if unit_name is None or year is None:
        for _, heading_title, _line in parts.headings:
            m = _TITLE.match(heading_title)
            if m:
                unit_name = unit_name or (m.group("unit").strip() or None)
                year = year or int(m.group("year"))
                level = level or m.group("level")
                kind = kind or m.group("kind")
            m = _OVERVIEW_UNIT.match(heading_title.replace(" ", ""))
            if m and unit_name is None and m.group(1) not in ("部门", "单位"):  # '部门概况' names no unit
                unit_name = m.group(1)
    if year is None:
        year = _any_year(parts)
    if year is None:
        raise UnreadableError(f"{ctx.path}：无法确定预算年度（封面、目录、各部分标题和正文中都没有找到年份）")
    return Front(
        unit=Unit(name=unit_name or ""),
        year=year,
        kind=DocumentKind(kind or ctx.layout.kind),
        level=DocumentLevel(level or ctx.layout.level),
        title=title,
        source=ctx.source(cover_line) if cover_line is not None else None,
        toc=read_toc(parts.toc, ctx),
        headings=tuple(PartHeading(part=p, title=t, source=ctx.source(line)) for p, t, line in parts.part_titles),
        overview=read_overview(parts.overview, ctx),
        glossary=read_glossary(parts.glossary, ctx),
    )


def _from_cover(lines: tuple[RawLine, ...]):
    """Unit, year, level, kind and title from the cover, which PDFs often break over 2–3 lines:
    '某局' / '2025 年度部门决算', '2026 年度' / '某局（本级）' / '单位预算', '2026 年某局部门预' / '算'.
    A unit named on a line of its own ('预算单位：某中心', Shanghai) wins over a title naming only a place."""
    kept = [(t, line) for t, line in ((line_text(line).strip(), line) for line in lines if not line.is_table_row) if t]
    named = next((m.group(1).strip() for t, _ in kept if (m := _NAMED_UNIT.match(t))), None)
    found = _cover_title(kept)
    if named:
        unit, *rest = found
        return (named, *rest)
    return found


# '预算单位：上海市财务会计综合管理事务中心（上海市财政科学研究所）'
_NAMED_UNIT = re.compile(r"^(?:预算单位|决算单位|单位名称|部门名称|预算部门|预算主管部门|决算主管部门|主管部门|编制单位)\s*[:：]\s*(\S.{1,60})$")
# '上海市2026年市级单位预算': a place and a year, the unit named elsewhere on the cover.
_PLACE_TITLE = re.compile(r"^(?P<unit>.*?)\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:市级|区级|县级|省级)?\s*(?P<level>单位|部门)\s*(?P<kind>预算|决算)")


def _cover_title(kept):
    texts = [t for t, _ in kept]
    for size in (1, 2, 3):
        for i in range(len(texts) - size + 1):
            text = "".join(texts[i:i + size])
            m = _TITLE.match(text)
            if m and m.group("unit").strip():
                return m.group("unit").strip(), int(m.group("year")), m.group("level"), m.group("kind"), text, kept[i][1]
            m = _TITLE_YEAR_FIRST.match(text)
            if m and m.group("unit").strip() not in ("单位", "部门", "本级"):
                return m.group("unit").strip(), int(m.group("year")), m.group("level"), m.group("kind"), text, kept[i][1]
    for text, line in kept:  # a year and kind without a unit name: '2026 年单位预算', '上海市2026年市级单位预算'
        m = _TITLE.match(text) or _PLACE_TITLE.match(text)
        if m:
            return None, int(m.group("year")), m.group("level"), m.group("kind"), text, line
    return None, None, None, None, None, None


def _any_year(parts: DocumentParts) -> int | None:
    """The first 'YYYY 年' of the document, read in the order a person would look for it."""
    blocks = (*parts.table_index, *parts.tables)
    texts = (
        *(line_text(line) for line in (*parts.cover, *parts.toc)),
        *(title for _, title, _ in parts.headings),
        *(block.title for block in blocks),
        *(line_text(line) for line in (*parts.overview, *parts.narrative)),
        *(line_text(line) for block in blocks for line in block.lines if not line.is_table_row),
    )
    for text in texts:
        m = _YEAR.search(text)
        if m:
            return int(m.group(1))
    return None


# ---------------------------------------------------------------- contents


def read_toc(lines: tuple[RawLine, ...], ctx: ExtractContext) -> tuple[TocEntry, ...]:
    entries: list[TocEntry] = []
    part: int | None = None
    pending: tuple[str, str, RawLine] | None = None  # (number, title, line) of an entry being read

    def emit() -> None:
        nonlocal pending
        if pending is not None:
            entries.extend(_toc_entries(part, *pending, ctx))
            pending = None

    for line in lines:
        text = _PAGE_SUFFIX.sub("", line_text(line).strip())
        if not text:
            continue
        m = _PART.match(text)
        if m:
            emit()
            part = cn_to_int(m.group(1))
            entries.append(TocEntry(part=part, title=m.group(2).strip(), source=ctx.source(line)))
            continue
        m = SECTION_NUMBER.match(text)
        if m and m.group(2):
            emit()
            pending = (m.group(1), m.group(2).strip(), line)
        elif pending is not None and _unbalanced(pending[1]):
            # A long title wrapped onto the next line.
            pending = (pending[0], pending[1] + text, pending[2])
        # Other stray lines (a wrapped word repeated by the PDF) are not entries.
    emit()
    return tuple(entries)


def _unbalanced(title: str) -> bool:
    t = normalize_label(title)
    return t.count("(") > t.count(")")


def _toc_entries(part: int | None, number: str, title: str, line: RawLine, ctx: ExtractContext) -> list[TocEntry]:
    source = ctx.source(line)
    if not normalize_label(re.sub(r"[(（][^()（）]*[)）]$", "", title)).endswith("表"):
        return [TocEntry(part=part, number=number, title=title, source=source)]
    ordinal = cn_to_int(number)
    printed = str(ordinal) if ordinal is not None else number
    m = _SPLIT_TITLE.match(title)
    if m:
        pieces = [p.strip() for p in re.split(r"[,，、/]", m.group("inner")) if p.strip()]
        if len(pieces) > 1:
            specs = [ctx.layout.match_title(f"{m.group('head')}({p})") for p in pieces]
            if all(specs) and len({s.id for s in specs}) == len(specs):
                return [
                    TocEntry(part=part, number=f"{printed}-{i}", title=title, table=spec.id, source=source)
                    for i, spec in enumerate(specs, start=1)
                ]
    spec = ctx.layout.match_title(title)
    return [TocEntry(part=part, number=printed, title=title, table=spec.id if spec else None, source=source)]


# ---------------------------------------------------------------- part 1


def _is_short_heading(text: str) -> bool:
    m = SECTION_NUMBER.match(text) or SUB_NUMBER.match(text)
    return bool(m and m.group(2) and len(m.group(2)) <= 30 and "。" not in m.group(2))


def read_overview(lines: tuple[RawLine, ...], ctx: ExtractContext) -> tuple[TextSection, ...]:
    sections: list[TextSection] = []
    title: str | None = None
    source = None
    paragraphs: list[str] = []

    def emit() -> None:
        if title is not None or paragraphs:
            sections.append(TextSection(title=title or "概况", text="\n".join(paragraphs), source=source))

    for logical in join_lines(lines, is_heading=_is_short_heading):
        if _is_short_heading(logical.text):
            emit()
            m = SECTION_NUMBER.match(logical.text) or SUB_NUMBER.match(logical.text)
            title, source, paragraphs = m.group(2).strip(), ctx.source(logical.first), []
        else:
            if source is None:
                source = ctx.source(logical.first)
            paragraphs.append(logical.text)
    emit()
    return tuple(sections)


# ---------------------------------------------------------------- part 4

_NOTE = re.compile(r"^(?:备注|注)\s*[:：]")
_TERM = re.compile(r"^(?P<term>[^:：。，,]{1,40}?)\s*[:：]\s*(?P<definition>.*)$")


def read_glossary(lines: tuple[RawLine, ...], ctx: ExtractContext) -> tuple[GlossaryEntry, ...]:
    entries: list[tuple[str, list[str], RawLine]] = []
    numbered = False  # the document numbers its entries '（一）'; unnumbered lines then never start one
    for logical in join_lines(lines):
        text = logical.text
        if _NOTE.match(text):
            continue
        m = SUB_NUMBER.match(text) or SECTION_NUMBER.match(text)
        item = ITEM_NUMBER.match(text)
        if m and not item:
            numbered = True
            term, definition = _split_term(m.group(2))
            entries.append((term, [definition] if definition else [], logical.first))
        elif entries and (item or numbered):
            # Numbered sub-lists belong to the entry they follow.
            entries[-1][1].append(text)
        else:
            t = _TERM.match(text)
            if t:
                entries.append((t.group("term").strip(), [t.group("definition").strip()], logical.first))
            elif entries:
                entries[-1][1].append(text)
    return tuple(
        GlossaryEntry(term=term, definition="\n".join(parts), source=ctx.source(line))
        for term, parts, line in entries
    )


def _split_term(text: str) -> tuple[str, str]:
    m = _TERM.match(text)
    if m:
        return m.group("term").strip(), m.group("definition").strip()
    return text.strip(), ""
