"""Render → read → compare: what a rendered document must give back, and how it is compared.

Compared exactly: every table (codes, names, items, sides, levels, texts, amounts with their
printed unit and places), the performance forms (fields, funding, costs, purchases, goals and
indicators), overview, glossary, other matters' figures, and Part 3 section by section — its
paragraphs (spacing apart: a line wrapped at a space reads back without it) and every claim's
subject and figures. Not compared: provenance, the contents page (generated from the outline),
the parts' headings (generated like the contents),
the `prior` block, the figures read from the claims (stated_figures) and the reasons (printed inside the Part 3 claims, compared there; a missing reason prints as the visible placeholder), and the
other matters' titles and sentences (written by the generator from their figures).
"""
from __future__ import annotations

import re
from typing import Any

from provenance import differences, strip_provenance
from yusuan.narrative.phrases import EMPTY_REASON
from yusuan.model import Budget, Cell, Column, Row, Table
from yusuan.reference.layouts import load_layout, measures

TWO_SIDED = ("income_expenditure_summary", "fiscal_grant_summary")


def _claim(claim: dict) -> tuple:
    s = claim["subject"]
    return ((s["kind"], s["code"] or s["name"], s["table"], s["measure"]),
            tuple(None if claim[k] is None else claim[k]["value"] for k in ("amount", "change")),
            claim["direction"], claim["percent"], claim["share"], claim["none_stated"], claim["count"],
            claim["compared_year"], None if claim["reason"] in ("", EMPTY_REASON) else claim["reason"])


def comparable(budget: Budget, labels: bool = True, joined: bool = False) -> dict[str, Any]:
    """The model as compared; `labels=False` compares columns by measure only (a budget built in
    code may label its columns otherwise than the layout's printed headers); `joined=True` compares
    a section's text as one string (PDF: a line that wraps right after 。 or ； reads as the end of
    a paragraph, a known limit of joining printed lines)."""
    d = strip_provenance(budget.model_dump())
    if not labels:
        for table in d["tables"]:
            table["columns"] = [c["measure"] for c in table["columns"]]
    # stated_figures are read from the claims (compared below); tables_elsewhere is a reading note.
    for key in ("toc", "headings", "prior", "source", "stated_figures", "tables_elsewhere"):
        d.pop(key, None)
    # The cover prints unit and year on lines of their own: the title's spacing is not kept.
    d["title"] = d["title"] and re.sub(r"\s+", "", d["title"])
    for table in d["tables"]:
        if table["id"] in TWO_SIDED:  # both sides are read row by row, interleaved
            table["rows"] = sorted(table["rows"], key=lambda r: {"income": 0, "expenditure": 1}.get(r["side"], 2))
    d["narrative"] = [
        {"number": s["number"], "title": s["title"], "topic": s["topic"],
         "paragraphs": _texts([re.sub(r"\s+", "", p["text"]) for p in s["paragraphs"]], joined),
         "claims": [_claim(c) for p in s["paragraphs"] for c in p["claims"]]}
        for s in d["narrative"]]
    d["other_matters"] = [{"item": m["item"], "vehicles": m["vehicles"],
                           "amount": m["amount"] and m["amount"]["value"]} for m in d["other_matters"]]
    return d


def _texts(paragraphs: list[str], joined: bool) -> list[str]:
    return ["".join(paragraphs)] if joined else paragraphs


def round_trip_differences(rendered: Budget, read_back: Budget, labels: bool = True,
                           joined: bool = False) -> list[str]:
    a, b = comparable(rendered, labels, joined), comparable(read_back, labels, joined)
    # Other matters' amounts the generator derives (绩效管理: the total) are read back; compare
    # those the preparer gave.
    for ma, mb in zip(a["other_matters"], b["other_matters"]):
        if ma["amount"] is None:
            mb["amount"] = None
    return differences(a, b)


def counts(budget: Budget) -> dict[str, int]:
    """What a round trip compared, for reports."""
    perf = budget.project_performance
    indicators = sum(len(g.indicators) for g in budget.overall_performance.goals) if budget.overall_performance else 0
    indicators += sum(len(g.indicators) for p in perf for g in p.goals)
    return {
        "tables": len(budget.tables), "rows": sum(len(t.rows) for t in budget.tables),
        "amounts": sum(len(r.cells) for t in budget.tables for r in t.rows),
        "project_forms": len(perf), "cost_lines": sum(len(p.costs) for p in perf), "indicators": indicators,
        "sections": len(budget.narrative), "claims": sum(len(s.claims) for s in budget.narrative),
    }


def with_income_summary(budget: Budget) -> Budget:
    """The budget plus 表2 收入总表 derived from 表3 for a unit whose only income is the general
    public budget: each row's 合计 is all 一般公共预算拨款 (the published Wuhan document omits
    this table, which the checker rightly reports; a complete test document has it)."""
    spending = budget.table("expenditure_summary")
    rows = tuple(
        Row(code=r.code, name=r.name, level=r.level,
            cells=tuple(Cell(measure=m, amount=r.get("total")) for m in ("total", "general_budget")
                        if r.get("total") is not None))
        for r in spending.rows)
    spec = load_layout(budget.layout).table("income_summary")
    table = Table(id="income_summary", number=spec.number, title=spec.title, unit=spending.unit,
                  columns=tuple(Column(measure=m, label=measures()[m].zh) for m in spec.columns), rows=rows)
    tables = list(budget.tables)
    tables.insert(next(i for i, t in enumerate(tables) if t.id == "expenditure_summary"), table)
    return budget.model_copy(update={"tables": tuple(tables)})

