"""Q: quality of the text — reasons left empty, template placeholders and remarks left in, headings of another year."""
from __future__ import annotations

import re

from ...model import NarrativeSection, Severity, SourceRef
from ..registry import Example, rule
from .common import snapshot_dates
from .consistency import main_year
from .texts import cached_texts, headings

E, W = Severity.ERROR, Severity.WARNING

EMPTY_REASON = re.compile(r"(主要原因是|主要原因为|原因是|主要是由于|主要是|主要用于)\s*[:：]?\s*(?=[。；;]|$)")
_ITEM_START = re.compile(r"\s*(?:\d{1,2}\s*[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")
_MAYBE_PLACEHOLDER = re.compile(r"[XxＸ×＊*]{2}|待填写|待补充|此处填写|请填写")
PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[XxＸ×]{2,}|[＊*]{2,})(?![A-Za-z])|待填写|待补充|此处填写|请填写")


@rule(code="Q701", name="empty-reason", severity=W, needs=("narrative",),
      title="原因或用途说明为空",
      explanation="“主要原因是。”“主要用于：。”之类的句子没有写出内容。",
      example=Example("比上年增加 5 万元，主要原因是。", "情况说明“五、一般公共预算支出安排情况”：“主要原因是”后没有写出原因"))
def empty_reason(budget, ctx):
    for section in budget.narrative:
        label = section.label
        flagged = set()
        for claim in section.claims:
            if claim.reason is not None and not claim.reason.strip():
                flagged.add(id(claim))
                yield ctx.finding(claim, f"情况说明“{label}” {claim.subject.describe()}：原因说明为空",
                                  expected="写明原因", actual="空", section=label)
        if flagged:
            continue
        for index, para in enumerate(section.paragraphs):
            following = section.paragraphs[index + 1].text if index + 1 < len(section.paragraphs) else ""
            for m in EMPTY_REASON.finditer(para.text):
                if m.end() >= len(para.text.rstrip()) and following and not _ITEM_START.match(following):
                    continue  # "主要用于：" ending a paragraph the next one continues (a line break read as one)
                yield ctx.finding(para, f"情况说明“{label}”：“{m.group(1)}”后没有写出内容", expected="写明内容",
                                  actual=f"{m.group(1)}。", section=label)


@rule(code="Q702", name="placeholder-left", severity=E,
      title="模板占位符未替换",
      explanation="文档中（含各部分、各节标题）留有模板占位符，如“XX局”“××”“待填写”“待补充”。消息引出原文并给出页码。",
      example=Example("XX局 2026 年部门预算", "文档 标题“XX局 2026 年部门预算”（第 1 页）：留有占位符“XX”"))
def placeholder_left(budget, ctx):
    for text, at, table_id, row, source in cached_texts(budget, ctx):
        m = PLACEHOLDER.search(text) if _MAYBE_PLACEHOLDER.search(text) else None
        if m:
            where = ctx.table_label(table_id) if table_id else "文档"
            page = _at(source or at)
            yield ctx.finding(at, f"{where}{(' ' + row) if row else ''}“{_quote(text, m.start(), m.end())}”"
                                  f"{f'（{page}）' if page else ''}：留有占位符“{m.group(0)}”",
                              expected="实际内容", actual=m.group(0), table=table_id, row=row, source=source)


def _at(obj) -> str:
    """'第 16 页' (a PDF) or '第 505 行' (a text file): where a reader finds the quoted text."""
    src = obj if isinstance(obj, SourceRef) else getattr(obj, "source", None)
    if src is None:
        return ""
    if src.page is not None:
        return f"第 {src.page} 页"
    return f"第 {src.line} 行" if src.line is not None else ""


def _quote(text: str, start: int, end: int, room: int = 12) -> str:
    """A short text whole (a heading); else the matched words with a few characters either side, on one line."""
    if len(text) <= 40:
        return re.sub(r"\s+", " ", text).strip()
    a, b = max(0, start - room), min(len(text), end + room)
    out = re.sub(r"\s+", " ", text[a:b]).strip()
    return ("…" if a else "") + out + ("…" if b < len(text) else "")


def _texts_and_headings(budget, ctx):
    """(text, object, place, section) for every heading and every other text of the document, each once."""
    seen = set()
    for text, at, label in headings(budget):
        seen.add(id(at))
        if label == "目录":
            yield text, at, "目录", None
        else:  # the heading as printed, with its number: '五、国有资产占有使用情况（增加内容）'
            yield getattr(at, "label", None) or text, at, "标题", at.label if isinstance(at, NarrativeSection) else None
    sections = {id(p): s.label for s in budget.narrative for p in s.paragraphs}
    for text, at, table_id, row, source in cached_texts(budget, ctx):
        if id(at) in seen:
            continue
        yield text, (source or at), ctx.table_label(table_id) if table_id else "正文", sections.get(id(at))


# '（增加内容）', '（此处填写单位职能）', '（请填写…）', '（如无此项请删除）': a note to the compiler in brackets.
TEMPLATE_REMARK = re.compile(
    r"[（(]\s*(?:此处[^（）()]{0,30}|(?:请|待)?(?:增加|新增|补充|填写|填列|添加)内容[^（）()]{0,10}"
    r"|[^（）()。；]{0,15}(?:请填写|请据实|据实填写|自行填写|如无[^（）()]{0,10}删除|请删除|可删除|删除本)[^（）()]{0,15})\s*[）)]")


@rule(code="Q703", name="template-remark-left", severity=W,
      title="模板批注未删除",
      explanation="标题或正文中留有写给编制人员的模板批注，如“（增加内容）”“（此处填写……）”“（如无此项请删除）”。"
                  "消息引出原文并给出页码。",
      example=Example("五、国有资产占有使用情况（增加内容）", "标题“五、国有资产占有使用情况（增加内容）”（第 16 页）：留有模板批注“（增加内容）”"))
def template_remark_left(budget, ctx):
    for m, at, quoted, section in _bracketed(budget, ctx, TEMPLATE_REMARK):
        yield ctx.finding(at, f"{quoted}：留有模板批注“{m.group(0)}”", expected="删除批注，写明内容",
                          actual=m.group(0), section=section)


def _bracketed(budget, ctx, pattern: re.Pattern[str]):
    """(match, where, '正文“…”（第 N 页）', section) of each bracketed template text `pattern` finds in
    the document's headings and prose."""
    for text, at, place, section in _texts_and_headings(budget, ctx):
        if "（" not in text and "(" not in text:
            continue
        for m in pattern.finditer(text):
            where = _at(at)
            yield m, at, f"{place}“{_quote(text, m.start(), m.end())}”{f'（{where}）' if where else ''}", section


_UP, _DOWN = "增加|增长|上升|提高|升高", "减少|下降|降低|减小"
# '下降（增长）', '增加(减少)': both directions of a template left side by side, one in brackets.
DIRECTION_UNRESOLVED = re.compile(
    rf"(?:(?:{_UP})\s*[（(]\s*(?:{_DOWN})\s*[）)]|(?:{_DOWN})\s*[（(]\s*(?:{_UP})\s*[）)])")


@rule(code="Q704", name="direction-unresolved", severity=E,
      title="增减方向未确定",
      explanation="模板中的“增加（减少）”“下降（增长）”没有改成实际的一个方向：两个方向并列，读者无法知道是增是减。"
                  "消息引出原文并给出页码。",
      example=Example("比上年下降（增长）5.82%", "正文“比上年下降（增长）5.82%”（第 12 页）：“下降（增长）”两个方向并列，未写明是增是减"))
def direction_unresolved(budget, ctx):
    for m, at, quoted, section in _bracketed(budget, ctx, DIRECTION_UNRESOLVED):
        yield ctx.finding(at, f"{quoted}：“{m.group(0)}”两个方向并列，未写明是增是减", expected="增或减之一",
                          actual=m.group(0), section=section)


_HEADING_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-—–~～至到]\s*(?:19|20)\d{2}")
# A heading about another year on purpose: a comparison, the execution or accounts of a past year,
# assets held at a year's end ('2025 年预算执行情况', '与 2025 年对比', '2025 年度国有资产占有使用情况').
_OTHER_YEAR_TOPIC = re.compile(r"比|较|相比|对比|同比|增减|变动|变化|执行|完成|回顾|总结|评价|上年|上一年|以前年度|历年|截至|截止|资产|"
                               r"结转|结余|规划|计划|中长期|展望")


@rule(code="Q705", name="heading-year-wrong", severity=E,
      title="部分或章节标题年份错误",
      explanation="文档各部分标题（正文中的“第N部分……”）和情况说明各节标题中写的年份应为本文档的预算年度"
                  "（以封面与目录等多数位置为准）。标题本身讲另一年（上年预算执行、决算、比较、年末资产）或写年份区间时不检查；"
                  "目录中的年份由 X301 检查。",
      example=Example("封面 2026 年单位预算 | 第三部分 某中心 2025 年单位预算情况说明",
                      "标题“第三部分 某中心 2025 年单位预算情况说明”（第 20 页）：写作 2025 年，本文档为 2026 年"))
def heading_year_wrong(budget, ctx):
    year = main_year(budget)
    places = [(h.label, h, None) for h in budget.headings]
    places += [(s.label, s, s.label) for s in budget.narrative]
    for label, at, section in places:
        title = at.title
        years = [int(m.group(1)) for m in _HEADING_YEAR.finditer(title)]
        if not years or year in years or _YEAR_RANGE.search(title) or _OTHER_YEAR_TOPIC.search(title):
            continue
        if budget.kind.value == "预算" and "决算" in title:
            continue
        where = _at(at)
        yield ctx.finding(at, f"标题“{label}”{f'（{where}）' if where else ''}：写作 {years[0]} 年，本文档为 {year} 年",
                          expected=str(year), actual=str(years[0]), section=section)



@rule(code="Q706", name="snapshot-date-year-wrong", severity=W, needs=("narrative",),
      title="截至日期的年份错误",
      explanation="预算情况说明中“截至某年某月某日”（国有资产、车辆、人员等的时点数）应在预算年度的上一年或预算年度之内"
                  "（2026 年预算写“截至 2025 年 12 月 31 日”或“截至 2026 年 1 月 31 日”）；更早或更晚的年份多是沿用往年文本未改。"
                  "决算的时点由决算规则检查。",
      example=Example("2026 年预算：截至 2024 年 12 月 31 日，共有车辆 2 辆",
                      "情况说明“十一、其他重要事项的情况说明”“截至 2024 年 12 月 31 日”（第 619 行）：2026 年预算的时点应在 2025 年或 2026 年"))
def snapshot_date_year_wrong(budget, ctx):
    year = main_year(budget) if budget.kind.value == "预算" else None
    if not year:
        return
    for section, para, m, found, _month, _day in snapshot_dates(budget):
        if found in (year - 1, year):
            continue
        where = _at(para)
        yield ctx.finding(para, f"情况说明“{section.label}”“{m.group(0)}”{f'（{where}）' if where else ''}："
                                f"{year} 年预算的时点应在 {year - 1} 年或 {year} 年",
                          expected=f"{year - 1} 年或 {year} 年", actual=f"{found} 年", section=section.label)
