"""Part 3 prose → sections, paragraphs and numeric claims linked to the tables."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import Budget, Claim, NarrativeSection, OtherMatter, Paragraph
from ..read.raw import RawLine
from ..reference.layouts import NarrativeSpec, normalize_label
from ..reference.narrative_topics import topic_of_heading

from .claims import REASON, ClaimReader
from .context import ExtractContext
from .prose import SECTION_NUMBER, SUB_NUMBER, LogicalLine, cn_to_int, join_lines

# 其他重要事项: sub-heading words → (item, claim subject kinds that carry its figures)
OTHER_ITEMS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("机关运行经费", "gov_operation_cost", frozenset({"gov_operation_cost"})),
    ("政府采购", "procurement", frozenset({"procurement"})),
    ("购买服务", "purchase_services", frozenset({"purchase_services"})),
    ("委托业务费", "entrusted_fee", frozenset({"entrusted_fee"})),
    ("资产", "assets", frozenset({"vehicles", "asset_allocation"})),
    ("绩效", "performance", frozenset({"performance_total"})),
)


_READ_SUB_TOPICS = frozenset({"other_matters", "overall", "fiscal_grant", "basic", "three_public", "state_capital"})
_SEE_TABLE = re.compile(r"[（(]\s*(?:详|见)[^）)]*[）)]?\s*$")



@dataclass(frozen=True)
class _Heading:
    number: str
    title: str
    topic: str | None


_YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}\s*年度?")
_UNNUMBERED_HEADING = re.compile(r"(?:编制|情况)说明$")
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
# "第八部分  其他需要说明情况": a part of a narrative that runs over several parts (Shenzhen: 第二…第八部分).
_PART = re.compile(r"^第([一二三四五六七八九十]+)部分\s*(\S.*)$")


def _short_title(title: str) -> bool:
    return bool(title) and "。" not in title and "万元" not in title and len(normalize_label(title)) <= 40


@cache
def _spec_titles(specs: tuple[NarrativeSpec, ...]) -> tuple[tuple[int, NarrativeSpec, str, str], ...]:
    """(position, spec, title normalized, title normalized without its year): every prose line is
    compared with each layout's section titles, which are normalized once."""
    return tuple((i, spec, normalize_label(spec.title), normalize_label(_YEAR_PREFIX.sub("", spec.title)))
                 for i, spec in enumerate(specs))


def _names_unit(title: str, units: frozenset[str]) -> bool:
    """The title names a budget unit of the tables: one name ends the other ("市建筑工务署工程管理中心"
    for "深圳市建筑工务署工程管理中心"), brackets aside."""
    key = normalize_label(title).replace("(", "").replace(")", "")
    for unit in units:
        u = unit.replace("(", "").replace(")", "")
        if len(min(u, key, key=len)) >= 6 and (u.endswith(key) or key.endswith(u)):
            return True
    return False


def section_heading(text: str, specs: tuple[NarrativeSpec, ...], expected: int | None = None,
                    units: frozenset[str] = frozenset(), first: bool = False) -> _Heading | None:
    """'一、收支预算总体安排情况' → heading with the layout's topic; a numbered short line that the
    layout does not know is still a heading when it comes next in order, or when it names a budget
    unit of the tables (a department explaining unit by unit, whose numbering may repeat or skip one:
    Shenzhen 人社局 prints 十六 twice and no 十七), or (`first`) opens the explanation whatever its
    number (Xi'an numbers on from its overview: 六、…“三公”经费等情况说明). A part heading ("第八部分 其他需要说明情况") is a
    section whose numbered sections start again at 一."""
    part = _PART.match(text.strip())
    if part and _short_title(part.group(2).strip()):
        title = part.group(2).strip()
        key = normalize_label(title)
        spec = next((sp for _, sp, t, bare in _spec_titles(specs) if key in (t, bare)), None)
        return _Heading(f"第{part.group(1)}部分", title, spec.topic if spec else None)
    m = SECTION_NUMBER.match(text)
    if not m:
        # An unnumbered heading naming a section of the layout, maybe after the year
        # ("2024年部门预算编制说明", Shanghai).
        key = normalize_label(_YEAR_PREFIX.sub("", text.strip()))
        spec = next((s for _, s, _, bare in _spec_titles(specs) if key and key == bare), None)
        if spec is not None:
            return _Heading("", text.strip(), spec.topic) if _short_title(text.strip()) else None
        # A layout that does not list it: an unnumbered line that says it explains ("…编制说明",
        # "“三公”经费预算情况说明") and names a topic by its words.
        if (_UNNUMBERED_HEADING.search(key) and not SUB_NUMBER.match(text) and _short_title(text.strip())
                and not _has_figures(key)
                and (topic := topic_of_heading(key)) is not None):
            return _Heading("", text.strip(), topic)
        return None
    if not _short_title(m.group(2).strip()):
        return None
    number, title = m.group(1), m.group(2).strip()
    key = normalize_label(title)
    # Exact title first, then the closest containing one: "财政拨款收支预算总体情况说明" contains
    # "收支预算总体情况说明" but is its own section.
    close = [(abs(len(s) - len(key)), i, spec) for i, spec, s, _ in _spec_titles(specs)
             if s == key or (len(key) >= 4 and (s in key or key in s))]
    if close:
        return _Heading(number, title, min(close, key=lambda c: (c[0], c[1]))[2].topic)
    topic = topic_of_heading(title)
    # A year is a figure in a heading, but for the one explaining the budget as a whole, whose sub-sections
    # are read by their own words ("二、2026 年杭州市公安局部门预算安排情况说明").
    # So is a year in a heading whose words name its topic ("一、2026年“三公”经费预算情况说明").
    plain = not _has_figures(title) or (topic is not None and not _has_figures(_ANY_YEAR.sub("", title)))
    if (first or expected is not None and cn_to_int(number) == expected) and plain:
        return _Heading(number, title, topic)  # a heading the layout does not list
    if units and not _has_figures(title) and _names_unit(title, units):
        return _Heading(number, title, None)
    return None


def _has_figures(title: str) -> bool:
    """Any digit, a year's included: "五、2021 年部门预算收支说明" (Xi'an 2021) opens sub-sections on
    single items whose figures the claims reader would take for the tables' totals."""
    return any(ch.isdigit() for ch in title)


def sub_section(text: str) -> _Heading | None:
    """'（七）一般公共预算“三公”经费预算情况说明（详见表7）' → a sub-section on 三公, by its title's words
    (reference/narrative_topics), for a part that explains everything under one numbered heading with
    （一）…（十） sub-sections (Hangzhou: 二、…部门预算安排情况说明)."""
    m = SUB_NUMBER.match(text)
    if not m:
        return None
    title = _SEE_TABLE.sub("", m.group(2).strip()).strip()
    if not _short_title(title) or any(ch.isdigit() for ch in title) or not title.endswith("说明"):
        return None
    topic = topic_of_heading(title)
    return _Heading(f"（{m.group(1)}）", m.group(2).strip(), topic) if topic else None


def _looks_like_heading(text: str) -> bool:
    """A short numbered line without figures (a year aside, in a heading naming its topic): never the
    start or the end of a broken sentence."""
    m = SECTION_NUMBER.match(text)
    if not (m and _short_title(m.group(2).strip())):
        return False
    title = m.group(2)
    return not _has_figures(title) or (topic_of_heading(title) is not None
                                       and not _has_figures(_ANY_YEAR.sub("", title)))


def _sub_heading(text: str) -> str | None:
    m = SUB_NUMBER.match(text)
    if m and _short_title(m.group(2).strip()) and not any(ch.isdigit() for ch in m.group(2)):
        return m.group(2).strip().rstrip("。")
    return None


def read_narrative(
    lines: tuple[RawLine, ...], budget: Budget, ctx: ExtractContext
) -> tuple[tuple[NarrativeSection, ...], tuple[OtherMatter, ...]]:
    """`budget` holds everything but the narrative, so claims can be linked to table lines."""
    specs = ctx.layout.narrative
    units = frozenset(ctx.unit_names)
    logical = join_lines(lines, is_heading=lambda t: _looks_like_heading(t) or _sub_heading(t) is not None
                         or sub_section(t) is not None or section_heading(t, specs) is not None)
    sections: list[NarrativeSection] = []
    heading: _Heading | None = None
    heading_line: RawLine | None = None
    paragraphs: list[Paragraph] = []
    reader: ClaimReader | None = None
    other: list[OtherMatter] = []
    blocks: list[tuple[LogicalLine, Paragraph]] = []

    def close() -> None:
        if heading is None:
            return
        sections.append(NarrativeSection(
            number=heading.number, title=heading.title, topic=heading.topic,
            paragraphs=tuple(paragraphs), source=ctx.source(heading_line),
        ))
        if heading.topic == "other_matters":
            other.extend(other_matters(blocks, ctx))
        elif heading.topic is None and (item := _other_item(heading.title)) is not None:
            # A section of its own about one of these matters ("一、机关运行经费" under 第八部分).
            words, name, kinds = item
            claims = [c for p in paragraphs for c in p.claims if c.subject.kind in kinds]
            if claims:
                other.append(_matter(name, heading.title, "\n".join(p.text for p in paragraphs), claims,
                                     ctx.source(heading_line)))

    expected = 1
    container = False  # the current numbered section explains everything in sub-sections
    quiet = False  # a sub-section whose figures are not read
    for line in logical:
        h = section_heading(line.text, specs, expected, units, first=heading is None)
        if h is not None:
            close()
            heading, heading_line, paragraphs, blocks = h, line.first, [], []
            reader = ClaimReader(budget, ctx, h.topic)
            # After a part heading, or an unnumbered one opening the explanation ("2026年单位预算编制说明"),
            # the numbering starts at 一.
            opening = not h.number and not sections
            expected = 1 if h.number.startswith("第") or opening else (cn_to_int(h.number) or expected) + 1
            container, quiet = h.topic == "overall", False
            continue
        sub = sub_section(line.text) if container else None
        if sub is not None:
            close()
            heading, heading_line, paragraphs, blocks = sub, line.first, [], []
            reader = ClaimReader(budget, ctx, sub.topic)
            # The figures of the sub-sections on totals (收支, 财政拨款, 基本支出, 三公, 其他重要事项) are
            # read; the others' are not yet linked to the right table lines in this form (tried on
            # Hangzhou: 人员经费 of all funds taken for 表5's, names of 项 not found in the tables) and
            # would accuse the document of what the reader missed. Their text is kept.
            quiet = sub.topic not in _READ_SUB_TOPICS
            continue
        if reader is None:
            continue  # prose before the first section heading: nothing to explain yet
        paragraph = Paragraph(text=line.text, claims=() if quiet else reader.read(line), source=ctx.source(line.first))
        if paragraphs and (explained := _reason_carried_over(paragraphs[-1], line.text)) is not None:
            paragraphs[-1] = explained
            blocks[-1] = (blocks[-1][0], explained)
        paragraphs.append(paragraph)
        blocks.append((line, paragraph))
    close()
    return tuple(sections), tuple(other)


_ENDS_WITH_REASON = re.compile(rf"(?:{REASON.pattern}|如下\s*[:：])\s*$")
_FIRST_SENTENCE = re.compile(r"[^。！？!?]*")


def _reason_carried_over(before: Paragraph, text: str) -> Paragraph | None:
    """`before` with its last claim's reason taken from the next paragraph, when `before` ends with the
    reason's opening words ("…增长 18.87%，主要是：" and the reason on the next line); else None."""
    last = before.claims[-1] if before.claims else None
    if last is None or last.reason != "" or not _ENDS_WITH_REASON.search(before.text):
        return None
    reason = _FIRST_SENTENCE.match(text.strip()).group(0).rstrip("。；;，, ").strip()
    if not reason:
        return None
    return before.model_copy(update={"claims": (*before.claims[:-1], last.model_copy(update={"reason": reason}))})


def _other_item(title: str) -> tuple[str, str, frozenset[str]] | None:
    """The matter a section's own title names exactly ("机关运行经费", "政府采购情况")."""
    key = normalize_label(title)
    return next((s for s in OTHER_ITEMS if key.startswith(s[0]) and len(key) <= len(s[0]) + 4), None)


def other_matters(blocks: list[tuple[LogicalLine, Paragraph]], ctx: ExtractContext) -> list[OtherMatter]:
    """Section 其他重要事项 → one OtherMatter per sub-heading; without sub-headings, one per claim kind."""
    groups: list[tuple[str, RawLine, list[Paragraph]]] = []
    for line, paragraph in blocks:
        title = _sub_heading(line.text)
        if title is not None:
            groups.append((title, line.first, []))
        elif groups:
            groups[-1][2].append(paragraph)
    out: list[OtherMatter] = []
    if groups:
        for title, line, paras in groups:
            spec = next((s for s in OTHER_ITEMS if s[0] in title), None)
            if spec is None:
                continue
            claims = [c for p in paras for c in p.claims if c.subject.kind in spec[2]]
            out.append(_matter(spec[1], title, "\n".join(p.text for p in paras), claims, ctx.source(line)))
        return out
    for words, item, kinds in OTHER_ITEMS:
        claims = [c for _, p in blocks for c in p.claims if c.subject.kind in kinds]
        if claims:
            out.append(_matter(item, words, claims[0].text, claims, claims[0].source))
    return out


def _matter(item: str, title: str, text: str, claims: list[Claim], source) -> OtherMatter:
    amount = next((c.amount for c in claims if c.amount is not None), None)
    vehicles = next((c.count for c in claims if c.subject.kind == "vehicles"), None)
    none_stated = bool(claims) and all(c.none_stated for c in claims)
    return OtherMatter(item=item, title=title, text=text, amount=amount, none_stated=none_stated,
                       vehicles=vehicles, source=source)
