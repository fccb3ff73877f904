"""`yusuan new --from LAST_YEAR`: what of last year's document the next year's starts from.

- Refused, with the reason, when last year's document was not read well enough to start from: no
  budget table read (a text-only file, tables published apart, a scan), or neither its income nor its
  expenditure total known. A preparer must never get a file that silently lacks last year's figures.
- Last year's key figures (those `yusuan summary` gives) all become `prior:` figures, beside the ones
  the narrative compares (yaml_template.prior_figures): what is unsure (null) is left out, never 0.
- The overview keeps only its fixed parts (duties, organisation, units): a section about the year's
  work or staff, and the sections under it, are left out; the YAML marks what is kept for review.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..figures.summary import summary
from ..model import Amount, Budget, TextSection, PriorFigure, Subject
from ..reference.layouts import load_layout
from .yaml_template import next_year_budget

# summary key → prior subject kind (the kinds narrative/generate.py compares keep their names).
SUMMARY_PRIORS = {
    "income_total": "total", "expenditure_total": "expenditure_total", "fiscal_grant_total": "fiscal_grant_total",
    "basic_total": "basic", "project_total": "project_total", "personnel_total": "personnel", "public_total": "public",
    "three_public_total": "three_public", "three_public_abroad": "three_public_abroad",
    "three_public_vehicle_purchase": "three_public_vehicle_purchase",
    "three_public_vehicle_operation": "three_public_vehicle_operation",
    "three_public_reception": "three_public_reception", "gov_operation_cost": "gov_operation_cost",
}
# Prior subjects by the expenditure_by_class of the summary: the function 类, code of three digits.
CLASS_KIND = "function_class"

# A section about one year's work, or its staff: not carried (and neither the items under it).
_YEARLY = re.compile(r"工作任务|工作目标|主要任务|工作计划|重点工作|工作重点|人员情况|(?:19|20)\d\d")
# A section about what stays: duties, organisation, the units of a department.
_FIXED = re.compile(r"职能|职责|机构|编制|构成|概况")


class NotAStart(Exception):
    """Last year's document cannot be started from; `reason` says why (Chinese)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def refusal(last: Budget, typed: bool = False) -> str | None:
    """Why last year's document is not one to start from, or None. `typed`: a preparer's YAML, whose
    figures are exact as far as they go (a file of one table is still a start)."""
    figures = summary(last)
    if not last.tables:
        if last.tables_elsewhere is not None:
            return (f"文件中没有预算表（文件说明报表另行公开：“{last.tables_elsewhere.text}”），"
                    "无法沿用上年的表格结构和数字；请用 --from 指定含预算表的文件")
        return "没有读到任何预算表（可能是只有文字说明的文件、扫描件或不受支持的版式），无法沿用上年的表格结构和数字"
    if not typed and figures["income_total"] is None and figures["expenditure_total"] is None:
        unread = "、".join(u["title"] for u in figures["unread"][:3])
        more = f"；未能读取的表格：{unread}" if unread else ""
        return f"没有读到上年的收入总计和支出总计（收支总表未能读取）{more}，上年数无法可靠写入 prior"
    return None


def next_year_from(last: Budget, year: int, typed: bool = False) -> tuple[Budget, list[str]]:
    """Next year's budget to fill in, and notes for the preparer. Raises NotAStart."""
    why = refusal(last, typed)
    if why is not None:
        raise NotAStart(why)
    budget = next_year_budget(last, year)
    priors = _with_summary_priors(budget.prior, last)
    kept, dropped = fixed_overview(last.overview)
    notes = []
    if kept:
        notes.append(f"概况沿用上年文件的 {len(kept)} 节（{'、'.join(s.title for s in kept[:3])}"
                     f"{'等' if len(kept) > 3 else ''}），请核对后按本年情况修改")
    if dropped:
        notes.append(f"上年概况中属于当年的 {len(dropped)} 节未沿用（{'、'.join(s.title for s in dropped[:3])}"
                     f"{'等' if len(dropped) > 3 else ''}），请按本年情况填写")
    if last.narrative:
        notes.append("上年的情况说明未沿用：本年的情况说明由 render 按本年数字生成")
    return budget.model_copy(update={"prior": priors, "overview": kept}), notes


def fixed_overview(sections: tuple[TextSection, ...]) -> tuple[tuple[TextSection, ...], list[TextSection]]:
    """(the sections that stay year to year, the ones left out)."""
    kept, dropped, skipping = [], [], False
    for section in sections:
        title = section.title
        if _YEARLY.search(title):
            skipping = True
        elif _FIXED.search(title):
            skipping = False
        (dropped if skipping else kept).append(section)
    return tuple(s.model_copy(update={"source": None}) for s in kept), dropped


def _with_summary_priors(priors: tuple[PriorFigure, ...], last: Budget) -> tuple[PriorFigure, ...]:
    """The summary's figures as priors: a subject already there takes the summary's value (one reading of
    last year), the others are added; a null figure adds nothing."""
    figures = summary(last)
    try:
        places = load_layout(last.layout).places
    except KeyError:
        places = 2

    def amount(text: str) -> Amount:
        return Amount(value=Decimal(text), unit=last.amount_unit, places=places)

    wanted: list[tuple[Subject, Amount]] = []
    for key, kind in SUMMARY_PRIORS.items():
        if figures.get(key) is not None:
            wanted.append((Subject(kind=kind), amount(figures[key])))
    for code, value in figures["expenditure_by_class"].items():
        if value is not None:
            wanted.append((Subject(kind=CLASS_KIND, code=code, name=_class_name(last, code)), amount(value)))
    out = list(priors)
    index = {(p.subject.kind, p.subject.code): i for i, p in enumerate(out)}
    for subject, value in wanted:
        i = index.get((subject.kind, subject.code))
        if i is not None:
            if out[i].amount.value != value.value:
                out[i] = out[i].model_copy(update={"amount": value})
            continue
        index[(subject.kind, subject.code)] = len(out)
        out.append(PriorFigure(subject=subject, amount=value, year=last.year))  # no reason: the text compares none of these
    return tuple(out)


def _class_name(budget: Budget, code: str) -> str | None:
    for table in budget.tables:
        for row in table.rows:
            if row.code == code and row.name:
                return row.name
    return None
