"""Every piece of free text of a Budget with the object it belongs to (for privacy and placeholder rules)."""
from __future__ import annotations

from typing import Iterator

from ...model import Budget, SourceRef, TocEntry


def cached_texts(budget: Budget, ctx) -> list[tuple[str, object, str | None, str | None, SourceRef | None]]:
    """all_texts, collected once per check run (several rules scan the same texts)."""
    key = "all_texts"
    if key not in ctx.cache:
        ctx.cache[key] = [t for t in all_texts(budget) if t[0]]
    return ctx.cache[key]


def all_texts(budget: Budget) -> Iterator[tuple[str, object, str | None, str | None, SourceRef | None]]:
    """(text, object, table id, row label, source) for every text field a reader could have kept; source is
    the field's own cell when the reader kept it (a phone number's line), else None (the object's source)."""
    if budget.title:
        yield budget.title, budget, None, "标题", None
    yield budget.unit.name, budget, None, "单位名称", None
    for e in budget.toc:
        yield e.title, e, None, "目录", None
    for text, at, label in headings(budget):
        if not isinstance(at, TocEntry):  # with its number when it has one: '二、收入预算安排情况'
            yield getattr(at, "label", None) or text, at, None, label, None
    for s in budget.overview:
        yield s.text, s, None, s.title, None
    for t in budget.tables:
        yield t.title, t, t.id, None, None
        if t.empty_note:
            yield t.empty_note, t, t.id, None, None
        for r in t.rows:
            yield r.name, r, t.id, r.label, None
            for _, text in r.texts:
                yield text, r, t.id, r.label, None
    o = budget.overall_performance
    if o is not None:
        for field in ("unit_name", "filler", "phone", "functions", "annual_tasks", "long_term_summary", "annual_summary"):
            if (v := getattr(o, field)):
                yield v, o, "overall_performance", None, dict(o.field_sources).get(field)
        for p in o.projects:
            for v in (p.name, p.direction):
                if v:
                    yield v, p, "overall_performance", p.name, None
        for g in o.goals:
            yield from _goal(g, "overall_performance")
    for p in budget.project_performance:
        for field in ("project_name", "department", "executing_unit", "leader", "phone", "address", "reason",
                      "content", "budget_history_text", "long_term_goal", "annual_goal"):
            if (v := getattr(p, field)):
                yield v, p, "project_performance", p.project_name, dict(p.field_sources).get(field)
        for c in p.costs:
            for v in (c.activity, c.content, c.basis, c.note):
                if v:
                    yield v, c, "project_performance", p.project_name, None
        for g in p.goals:
            yield from _goal(g, "project_performance")
    for s in budget.narrative:
        for para in s.paragraphs:
            yield para.text, para, None, None, None
    for m in budget.other_matters:
        if m.text:
            yield m.text, m, None, m.title, None
    for g in budget.glossary:
        yield f"{g.term}：{g.definition}", g, None, g.term, None


def headings(budget: Budget) -> Iterator[tuple[str, object, str]]:
    """(title, object, label) for every heading the document prints: the contents' lines, the parts'
    headings in the body, the sections of the overview, the narrative and its other matters."""
    for e in budget.toc:
        yield e.title, e, "目录"
    for h in budget.headings:
        yield h.title, h, "标题"
    for s in budget.overview:
        yield s.title, s, "标题"
    for s in budget.narrative:
        yield s.title, s, "标题"
    for m in budget.other_matters:
        yield m.title, m, "标题"


def _goal(goal, table_id):
    if goal.description:
        yield goal.description, goal, table_id, goal.title, None
    for ind in goal.indicators:
        yield ind.name, ind, table_id, ind.name, None
        yield ind.target.text, ind, table_id, ind.name, None
