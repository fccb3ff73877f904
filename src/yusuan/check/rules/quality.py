"""Q: quality of the text — reasons left empty, template placeholders left in."""
from __future__ import annotations

import re

from ...model import Severity
from ..registry import Example, rule
from .texts import cached_texts

E, W = Severity.ERROR, Severity.WARNING

EMPTY_REASON = re.compile(r"(主要原因是|主要原因为|原因是|主要是由于|主要是|主要用于)\s*[:：]?\s*(?=[。；;]|$)")
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
        for para in section.paragraphs:
            for m in EMPTY_REASON.finditer(para.text):
                yield ctx.finding(para, f"情况说明“{label}”：“{m.group(1)}”后没有写出内容", expected="写明内容",
                                  actual=f"{m.group(1)}。", section=label)


@rule(code="Q702", name="placeholder-left", severity=E,
      title="模板占位符未替换",
      explanation="文档中留有模板占位符，如“XX局”“××”“待填写”“待补充”。",
      example=Example("XX局 2026 年部门预算", "文档 标题：留有占位符“XX”"))
def placeholder_left(budget, ctx):
    for text, at, table_id, row, source in cached_texts(budget, ctx):
        m = PLACEHOLDER.search(text) if _MAYBE_PLACEHOLDER.search(text) else None
        if m:
            where = ctx.table_label(table_id) if table_id else "文档"
            yield ctx.finding(at, f"{where}{(' ' + row) if row else ''}：留有占位符“{m.group(0)}”",
                              expected="实际内容", actual=m.group(0), table=table_id, row=row, source=source)
