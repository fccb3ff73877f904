"""Split a RawDocument into its parts: cover, contents, overview, table blocks, narrative, glossary."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..read.raw import RawDocument, RawLine
from ..reference.layouts import Layout, NarrativeSpec, normalize_label
from ..reference.narrative_topics import topic_of_heading

_TABLE_HEADING = re.compile(r"^表\s*(\d+(?:\s*-\s*\d+)?)\s*[.．、:：]?\s*(.*)$")
# Numbers printed in other places of the national template: "预算01表 收支总表" (Beijing),
# "部门公开表1" (central departments), "预算表12 …".
_TABLE_HEADING_VARIANTS = (
    re.compile(r"^(?:预算|部门公开|单位公开|公开)表\s*(\d+(?:\s*-\s*\d+)?)\s*[.．、：:]?\s*(.*)$"),
    re.compile(r"^预算\s*(\d+(?:\s*-\s*\d+)?)\s*表\s*[.．、：:]?\s*(.*)$"),
    re.compile(r"^公开\s*(\d+)\s*表\s*[.．、：:]?\s*(.*)$"),  # Jiangsu: "公开03 表", title below
)
# A line stating the unit or the preparer is not a table's title.
_META_LINE = re.compile(r"^(?:单位|金额单位|部门名称|单位名称|部门|编制单位)\s*[:：]")
_GRID_SHAPES = frozenset({"two_sided", "by_code", "by_unit", "single_row", "projects", "label_tree"})
# Narrative section titles of partless documents may carry the year: "2024年单位预算编制说明".
_YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}\s*年度?")
_SECTION_NUMBER = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*")
_PART = re.compile(r"^第([一二三四五六七八九十]+)部分\s*(.*)$")
_PART_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_TOC_TITLE = re.compile(r"^目\s*录$")


@dataclass(frozen=True)
class TableBlock:
    """The lines of one table, from its heading to the next heading or part."""

    number: str | None  # '3', '5-1', '12-2' (None when the document prints no number)
    title: str  # as printed ('' when the title was not found)
    heading: RawLine
    lines: tuple[RawLine, ...]  # lines after the heading and title

    @property
    def has_rows(self) -> bool:
        return any(line.is_table_row for line in self.lines)


@dataclass(frozen=True)
class DocumentParts:
    cover: tuple[RawLine, ...]  # lines before the contents
    toc: tuple[RawLine, ...]  # the table of contents
    overview: tuple[RawLine, ...]  # part 1 body
    table_index: tuple[TableBlock, ...]  # 'part 2' list of table titles without bodies
    tables: tuple[TableBlock, ...]  # table blocks with a body
    narrative: tuple[RawLine, ...]  # part 3 body
    glossary: tuple[RawLine, ...]  # part 4 body
    headings: tuple[tuple[int, str, RawLine], ...]  # part headings found in the body: (part, title, line)
    # The same headings with a title printed on the next line read in ('第二部分' / '某局2026年部门预算表').
    part_titles: tuple[tuple[int, str, RawLine], ...] = ()


def _heading(line: RawLine, text: str) -> tuple[str, str] | None:
    if "表" not in text:  # every heading pattern names 表: most lines are ruled out without a regex
        return None
    if line.is_table_row and len([t for t in line.texts if t]) > 1:
        return None
    text = text.replace("\u3000", " ")
    m = _TABLE_HEADING.match(text) or next((v.match(text) for v in _TABLE_HEADING_VARIANTS if v.match(text)), None)
    if not m:
        return None
    number = re.sub(r"\s+", "", m.group(1))
    number = "-".join(part.lstrip("0") or "0" for part in number.split("-"))  # "01" → "1"
    return number, m.group(2).strip()


def _is_title_of(line: RawLine, text: str, layout: Layout | None) -> bool:
    if layout is None or line.is_table_row:
        return False
    if text.rstrip().endswith(("。", "；", ";")):
        return False  # a sentence naming a table ("…并在财政拨款收支总体情况表中列示。"), not its title
    return layout.match_title(text) is not None and len(normalize_label(text)) <= 40


def split_document(raw: RawDocument, layout: Layout | None = None) -> DocumentParts:
    lines = list(raw.lines())
    texts = [line.text for line in lines]  # read by each of the passes below
    # Parts: the body starts at the second occurrence of 第一部分 when the contents repeat the headings.
    part_positions: list[tuple[int, int, str]] = []
    toc_start = next((i for i, text in enumerate(texts) if _TOC_TITLE.match(text.replace(" ", " "))), None)
    for i, line in enumerate(lines):
        m = _PART.match(texts[i])
        if m and m.group(1) in _PART_NUMBERS and not line.is_table_row:
            part_positions.append((i, _PART_NUMBERS[m.group(1)], m.group(2).strip()))
    # With a contents page, its part headings come first (1, 2, 3, 4); the body begins where the
    # numbering starts again. Only body headings delimit parts, so a file cut off after the
    # contents does not mistake the contents' lines for a narrative.
    body_from = 0
    if toc_start is not None:
        last = 0
        for index, part, _ in part_positions:
            if index < toc_start:
                continue
            if part <= last:
                body_from = index
                break
            last = part
        else:
            body_from = toc_start  # the numbering never restarts: the contents list no parts
    body_parts: dict[int, int] = {}
    for index, part, _ in part_positions:
        if index >= body_from and part not in body_parts:
            body_parts[part] = index
    first_body = min(body_parts.values()) if body_parts else len(lines)
    # The contents: from 目录 to the first body heading (or the lines with part headings repeated).
    if toc_start is not None:
        cover = tuple(lines[:toc_start])
        toc = tuple(lines[toc_start + 1 : first_body])
    else:
        cover = tuple(lines[: first_body if body_parts else 1])
        toc = ()
    partless = not body_parts and layout is not None and bool(layout.narrative)
    if not body_parts:
        cover = tuple(lines[:1])
    if partless and toc_start is not None:
        # No 第N部分 headings (Shanghai): the contents are the lines of the 目录 page, the cover
        # what comes before it; sections are then found by the layout's titles.
        toc_end = toc_start + 1
        toc_page = lines[toc_start].page
        while toc_page is not None and toc_end < len(lines) and lines[toc_end].page == toc_page:
            toc_end += 1
        cover = tuple(lines[:toc_start]) or tuple(lines[:1])
        toc = tuple(lines[toc_start + 1 : toc_end])

    def part_range(part: int) -> tuple[int, int]:
        start = body_parts.get(part)
        if start is None:
            return (0, 0)
        later = [i for p, i in body_parts.items() if i > start]
        return start + 1, min(later) if later else len(lines)

    # Table blocks: every heading inside the part of tables — part 2, or the part whose title
    # names tables when part 2 is prose (Xi'an: 第五部分 部门预算公开报表) — or the whole body.
    titles = {p: title for i, p, title in part_positions if body_parts.get(p) == i}
    table_part = 2
    if "说明" in titles.get(2, "") and "表" not in titles.get(2, ""):
        table_part = next((p for p in sorted(titles) if p > 2 and "表" in titles[p]), 2)
    tables_after_parts = False
    if table_part in body_parts:
        t_start, t_end = part_range(table_part)
        if not any(line.is_table_row for line in lines[t_start:t_end]):
            # Tables printed after all numbered parts (Shenzhen: 第一…第九部分, then 二、表格部分).
            t_start, t_end = first_body, len(lines)
            tables_after_parts = True
    else:
        # Without parts the first line is taken for the cover, unless it is a table's own title (a
        # file of tables alone: its first page's title taken for the cover would lose that table).
        if body_parts:
            t_start = first_body
        else:
            t_start = 0 if lines and _is_title_of(lines[0], texts[0], layout) else len(cover)
        t_end = body_parts.get(3, len(lines))
    if partless:
        # Without contents, a heading may be the very first line (a tables-only file).
        t_start = len(cover) + len(toc) + 1 if toc_start is not None else 0
    free: dict[str, list[RawLine]] = {"overview": [], "narrative": [], "glossary": []}
    mode = "overview"
    blocks: list[TableBlock] = []
    index_blocks: list[TableBlock] = []
    i = t_start
    current: tuple[str | None, str, RawLine] | None = None
    buffer: list[RawLine] = []

    def close() -> None:
        if current is None:
            return
        number, title, heading = current
        body = list(buffer)
        if not title:
            # The title is the first plain line after the heading.
            for k, line in enumerate(body):
                if line.is_table_row:
                    break
                if line.text and not _META_LINE.match(line.text):
                    title = line.text
                    del body[k]
                    break
        block = TableBlock(number, title, heading, tuple(body))
        previous = blocks[-1] if blocks else None
        spec = _spec_of(layout, number, title)
        if (previous is not None and number is not None and previous.number == number
                and normalize_label(previous.title) == normalize_label(title)
                and spec is not None and spec.shape in _GRID_SHAPES):
            # The numbered heading printed again on each page of a long table (Shenzhen): one table.
            blocks[-1] = TableBlock(number, previous.title, previous.heading, previous.lines + block.lines)
            return
        if (previous is not None and number is not None and previous.number == number and not title
                and previous.title and block.has_rows):
            # Only the number printed again over the rest of a table or form (Xi'an 2021 表14–表16: "表16"
            # then the form's remaining indicator rows, no title): its continuation, not another table.
            blocks[-1] = TableBlock(number, previous.title, previous.heading, previous.lines + block.lines)
            return
        (blocks if block.has_rows or _has_prose(body) else index_blocks).append(block)

    while i < t_end:
        line, text = lines[i], texts[i]
        h = _heading(line, text)
        if h is not None and not h[1] and current is not None and current[0] is None and current[1] \
                and not any(b.is_table_row for b in buffer):
            # The title printed above the number (central 决算: "收入支出决算总表" then "公开01 表"): one heading.
            current = (h[0], current[1], current[2])
        elif h is not None:
            close()
            current, buffer = (h[0], h[1], line), []
        elif _is_title_of(line, text, layout) and _starts_block(line, current, buffer, layout):
            close()
            current, buffer = (None, text, line), []
        elif current is not None and _continues(line, current, buffer, layout):
            pass  # the title printed again on a continuation page
        elif partless and _is_narrative_start(line, layout):
            close()
            current, buffer, mode = None, [], "narrative"
            free[mode].append(line)
        elif partless and normalize_label(_SECTION_NUMBER.sub("", text.strip())) == "名词解释":
            close()
            current, buffer, mode = None, [], "glossary"
        elif current is not None:
            buffer.append(line)
        elif partless:
            free[mode].append(line)
        i += 1
    close()
    narrative_part = 3
    if 3 not in body_parts:
        # Beijing: 第一部分 情况说明 then 第二部分 报表 — the part whose title says 说明 is the narrative.
        named = {p: t for i, p, t in part_positions if body_parts.get(p) == i}
        narrative_part = next((p for p in sorted(named) if "说明" in named[p] and "表" not in named[p]), 3)
    # The glossary is the part so titled (Shenzhen's ninth); else the fourth, as the national template.
    glossary_part = next((p for i, p, t in part_positions if body_parts.get(p) == i and "名词解释" in t), 4)
    n_start, n_end = part_range(narrative_part)
    g_start, g_end = part_range(glossary_part)
    if tables_after_parts and narrative_part == 3 and 2 in body_parts:
        # Every part between the overview and the glossary is explanation (Shenzhen: 第二…第八部分),
        # and the last part ends where the tables begin.
        tables_from = min((lines.index(b.heading) for b in blocks + index_blocks if b.heading in lines), default=len(lines))
        n_start = body_parts[2] + 1
        n_end = min(body_parts.get(glossary_part, tables_from), tables_from)
        g_end = min(g_end, tables_from)
    o_start, o_end = part_range(1) if narrative_part != 1 else (0, 0)
    if partless:
        return DocumentParts(
            cover=cover, toc=toc, overview=tuple(free["overview"]), table_index=tuple(index_blocks),
            tables=tuple(blocks), narrative=tuple(free["narrative"]), glossary=tuple(free["glossary"]),
            headings=(),
        )
    headings = tuple((p, title, lines[i]) for i, p, title in part_positions if body_parts.get(p) == i)
    part_titles = tuple((p, title or _title_below(lines, i), lines[i])
                        for i, p, title in part_positions if body_parts.get(p) == i)
    return DocumentParts(
        cover=cover,
        toc=toc,
        overview=tuple(lines[o_start:o_end]),
        table_index=tuple(index_blocks),
        tables=tuple(blocks),
        narrative=tuple(lines[n_start:n_end]),
        glossary=tuple(lines[g_start:g_end]),
        headings=headings,
        part_titles=part_titles,
    )


def _title_below(lines: list[RawLine], i: int) -> str:
    """The title of a part printed on the line below its '第N部分' (a short line, not a table's or part's heading)."""
    if i + 1 >= len(lines):
        return ""
    line = lines[i + 1]
    text = line.text.strip()
    if not text or line.is_table_row or len(text) > 40 or _PART.match(text) or _heading(line, text):
        return ""
    return text


def _spec_of(layout: Layout | None, number: str | None, title: str):
    """The layout's table of this title, else of this number (Xi'an 2021 words 表5 "一般公共预算支出
    明细表", a title no layout lists: its number says which table it is, as extract reads it)."""
    if layout is None:
        return None
    spec = layout.match_title(title) if title else None
    if spec is None and number:
        spec = next((t for t in layout.tables if t.number in (number, number.split("-")[0])), None)
    return spec


def _starts_block(line: RawLine, current, buffer: list[RawLine], layout: Layout | None) -> bool:
    """A title line opens a table unless it is the title under a numbered heading ("表3" / "部门公开表3")."""
    if current is None or any(b.is_table_row for b in buffer):
        return not _continues(line, current, buffer, layout)
    return current[0] is None  # a contents entry followed by the next one


def _continues(line: RawLine, current, buffer: list[RawLine], layout: Layout | None) -> bool:
    """The current table's own title printed again above its continued rows."""
    if current is None or layout is None or line.is_table_row or not any(b.is_table_row for b in buffer):
        return False
    number, title, heading = current
    own = layout.match_title(title) if title else None
    return own is not None and normalize_label(line.text) == normalize_label(title or heading.text)


def _is_narrative_start(line: RawLine, layout: Layout | None) -> bool:
    """A heading line naming one of the layout's narrative sections ("2024年单位预算编制说明")."""
    if layout is None or line.is_table_row:
        return False
    numbered = _SECTION_NUMBER.match(line.text.strip()) is not None
    text = _SECTION_NUMBER.sub("", line.text.strip())
    key = normalize_label(_YEAR_PREFIX.sub("", text))
    if not key or len(key) > 40:
        return False
    titles = _narrative_titles(layout.narrative)
    # A numbered heading may name the unit before the title ("二、2026 年杭州市公安局部门预算安排情况说明").
    if key in titles or (numbered and any(len(t) >= 6 and key.endswith(t) for t in titles)):
        return True
    # Of an assumed layout, whose titles are another region's: a numbered heading explaining the
    # budget as a whole, by its words (reference/narrative_topics: 部门预算安排情况说明, 收支总体情况).
    return (layout.assumed and numbered and key.endswith(("说明", "情况"))
            and topic_of_heading(key) == "overall")


@cache
def _narrative_titles(specs: tuple[NarrativeSpec, ...]) -> frozenset[str]:
    """The layout's narrative section titles as compared with each line (normalized, year left out)."""
    return frozenset(normalize_label(_YEAR_PREFIX.sub("", spec.title)) for spec in specs)


def _has_prose(body: list[RawLine]) -> bool:
    """A block whose only content is a sentence (an empty table saying why it is empty)."""
    return any(not line.is_table_row and len(line.text) > 12 for line in body)


# A sentence stating a budget figure: '2019 年部门预算收入203091.65 万元'.
_STATES_FIGURE = re.compile(r"预算[^。]{0,40}?\d[\d,]*(?:\.\d+)?\s*万?元")


def as_narrative(raw: RawDocument, parts: DocumentParts) -> DocumentParts | None:
    """A file holding no table and no part heading the layouts know, whose prose states budget
    figures, is a budget's narrative alone (Xi'an 2019: 28 pages of 部门综合预算说明, the tables an
    attachment): its body is read as the narrative, its lines before the first numbered heading as the
    cover. None when the prose states no budget figure (not a budget document)."""
    if parts.tables or parts.narrative:
        return None
    lines = list(raw.lines())
    stating = sum(1 for line in lines if not line.is_table_row and _STATES_FIGURE.search(line.text))
    if stating < 2:
        return None
    first = next((i for i, line in enumerate(lines[:12]) if _SECTION_NUMBER.match(line.text.strip())), None)
    if first is None:
        first = 1
    return replace(parts, cover=tuple(lines[:first]), toc=(), overview=(), narrative=tuple(lines[first:]),
                   glossary=())


# The sentence saying the tables are published apart: '附件：北京市财政局2026 年度部门预算报表',
# '附件：2019 年部门综合预算公开报表' (the file's closing lines), '部门预算报表另行公开', '预算表详见附件'.
_TABLES_WORD = r"(?:报表|预算表|公开表|表格)"
_ATTACHMENT = re.compile(rf"^附件\s*\d*\s*[:：]\s*\S{{0,40}}{_TABLES_WORD}$")
_APART = (
    re.compile(rf"{_TABLES_WORD}[^。；;]{{0,20}}(?:另行公开|单独公开|另行发布|另附|见附件|详见附件|作为附件|附后)"),
    re.compile(rf"(?:另行公开|单独公开|见附件|详见附件)[^。；;]{{0,20}}{_TABLES_WORD}"),
)
# An attachment's title closes the file: after it, a signature and a date at most.
_CLOSING_LINES = 6


def tables_apart(raw: RawDocument) -> RawLine | None:
    """The line saying the document's tables are published apart from this file, if any. An
    '附件：…报表' title counts only among the file's last lines (else the attachment follows in the
    file, as a cover page before the tables); nothing counts when pages are scanned images."""
    if raw.notes:
        return None
    lines = [line for line in raw.lines() if line.text.strip()]
    for i, line in enumerate(lines):
        if line.is_table_row:
            continue
        text = re.sub(r"\s+", "", line.text)
        if len(text) > 60:
            continue
        after = lines[i + 1:]
        if _ATTACHMENT.search(text) and len(after) <= _CLOSING_LINES and not any(a.is_table_row for a in after):
            return line
        if any(p.search(text) for p in _APART):
            return line
    return None
