"""A document made ready for the store: plain, picklable data (what a Dask worker sends back).

`make_record` turns (Budget, findings, original bytes) into a Record; the store writes a Record in one
transaction. Reading and checking a file (yusuan.ingest) happen before, possibly on another machine."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..figures.facts import budget_facts
from ..figures.summary import summary as budget_summary
from ..model import Budget, Finding, Severity
from .schema import TOTALS


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


_PLACE = re.compile(r"^(.{2,7}?(?:自治区|省|市))")


def region_of(budget: Budget) -> str | None:
    """The region of a document: the place its unit's name begins with ('广州市生态环境局' → '广州市'),
    else its layout's region ('上海市', '中央') when a layout file matched; None when neither says."""
    place = _PLACE.match((budget.unit.name or "").strip())
    if place:
        return place.group(1)
    if budget.layout_assumed:
        return None
    from ..reference.layouts import load_layout
    try:
        name = load_layout(budget.layout).name
    except (KeyError, FileNotFoundError):
        return None
    for marker in ("部门", "单位"):
        if marker in name:
            name = name.split(marker)[0]
    return name.strip() or None


@dataclass
class Record:
    """Everything the store writes for one document. Amounts are exact decimal strings."""

    path: str
    sha256: str
    original: bytes
    meta: dict  # unit_name, unit_code, region, year, kind, level, layout, layout_assumed, amount_unit, title
    totals: dict  # TOTALS key → exact 元 string or None
    counts: dict  # errors, warnings, notices
    summary_json: str
    model_json: str
    facts: list = field(default_factory=list)  # dicts: table, code, item, measure, value_yuan, value, unit, page, line
    findings: list = field(default_factory=list)  # dicts (finding_row)


def finding_row(f: Finding) -> dict:
    loc, src = f.location, f.location.source
    return {"code": f.code, "severity": f.severity.value, "name": f.name, "category": f.category,
            "message": f.message, "table_id": loc.table, "table_title": loc.table_title,
            "row_label": loc.row, "column_label": loc.column, "section": loc.section,
            "page": src.page if src else None, "line": src.line if src else None,
            "expected": f.expected, "actual": f.actual}


def make_record(path: str | Path, original: bytes, budget: Budget, findings: Sequence[Finding]) -> Record:
    data = budget_summary(budget)
    facts = []
    for fact in budget_facts(budget):
        facts.append({"table": fact.table, "code": fact.code, "item": fact.item, "measure": fact.measure,
                      "value_yuan": None if fact.value_yuan is None else format(fact.value_yuan, "f"),
                      "value": format(fact.value, "f"), "unit": fact.unit, "page": fact.page, "line": fact.line})
    return Record(
        path=str(path), sha256=sha256_of(original), original=original,
        meta={"unit_name": budget.unit.name, "unit_code": budget.unit.code, "region": region_of(budget),
              "year": budget.year, "kind": budget.kind.value, "level": budget.level.value,
              "layout": budget.layout, "layout_assumed": budget.layout_assumed,
              "amount_unit": budget.amount_unit.value, "title": budget.title},
        totals={key: data.get(key) for key in TOTALS},
        counts={"errors": sum(1 for f in findings if f.severity is Severity.ERROR),
                "warnings": sum(1 for f in findings if f.severity is Severity.WARNING),
                "notices": sum(1 for f in findings if f.severity is Severity.NOTICE)},
        summary_json=json.dumps(data, ensure_ascii=False),
        model_json=budget.model_dump_json(),
        facts=facts,
        findings=[finding_row(f) for f in findings],
    )
