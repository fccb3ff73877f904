"""Key figures the narrative states in words → StatedFigure (the summary shows them when the table a
figure comes from is not in the file: Beijing publishes part one alone, its tables as an attachment;
Xi'an 2019 the 部门综合预算说明 alone).

Read from the claims the narrative reader made (extract/claims.py), never from the text again. A claim
gives a key figure only when its words name that subject for this budget year and for all funds:
no other year ('2025 年…', '上年…'), no fund scope ('一般公共预算基本支出' is table 5's), no current-year
part of a total ('本年财政拨款收入' leaves the carry-over out). Two different amounts for one key: none.
"""
from __future__ import annotations

import re

from ..model import Budget, Claim, Paragraph, StatedFigure
from .claims import ITEM_LABEL, REASON

# Claim subject kind → the summary keys its amount states.
_KEYS: dict[str, tuple[str, ...]] = {
    "total": ("income_total", "expenditure_total"),  # '收支总预算 X 万元'
    "income_total": ("income_total",),
    "expenditure_total": ("expenditure_total",),
    "fiscal_grant_total": ("fiscal_grant_total",),
    "fiscal_grant_income": ("fiscal_grant_total",),
    "basic": ("basic_total",),
    "project_total": ("project_total",),
    "three_public": ("three_public_total",),
    "three_public_abroad": ("three_public_abroad",),
    "three_public_vehicle_purchase": ("three_public_vehicle_purchase",),
    "three_public_vehicle_operation": ("three_public_vehicle_operation",),
    "three_public_reception": ("three_public_reception",),
    "gov_operation_cost": ("gov_operation_cost",),
}
# The all-fund homes of the structural subjects: a claim linked elsewhere speaks of one fund's share
# (table 4, 5, 6 or the projects list).
_ALL_FUNDS = {
    "total": {"income_expenditure_summary"}, "income_total": {"income_expenditure_summary"},
    "expenditure_total": {"income_expenditure_summary", "expenditure_summary"},
    "basic": {"expenditure_summary"}, "project_total": {"expenditure_summary"},
    "fiscal_grant_total": {"fiscal_grant_summary"},
}
# Figures that are wholes: never stated after '其中：' (Shanghai: '收入预算2,144万元，其中：财政拨款收入2,114万元').
_WHOLES = frozenset({"income_total", "expenditure_total", "fiscal_grant_total", "three_public_total"})
_FUND_WORDS = ("一般公共预算", "政府性基金", "国有资本", "财政专户", "财政拨款", "事业收入", "其他资金")
# A part of the total, or the figure of another year.
_PART_WORDS = ("本年", "当年", "其中", "结转", "上年", "上一年", "去年", "以前年度", "调整", "执行", "决算")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|元)")
_ORDER = tuple(dict.fromkeys(k for keys in _KEYS.values() for k in keys))
_PART_OPENING = re.compile(r"(?:其中|包括|含)\s*[:：]?\s*$")


def _phrase(claim: Claim) -> str:
    """The words before the claim's amount: '2026 年度收入预算'."""
    m = _AMOUNT.search(claim.text)
    return claim.text[:m.start()] if m else claim.text


def _this_year(phrase: str, year: int) -> bool:
    return all(int(y) == year for y in _YEAR.findall(phrase)) and not any(
        w in phrase for w in ("上年", "上一年", "去年", "以前年度"))


def _scoped(claim: Claim, key: str, phrase: str) -> bool:
    """The claim states `key` itself, not one fund's or one part's share of it."""
    kind = claim.subject.kind
    homes = _ALL_FUNDS.get(kind)
    if homes is not None and claim.subject.table not in homes:
        return False
    words = re.sub(_YEAR, "", phrase)
    if key in ("income_total", "expenditure_total", "basic_total", "project_total"):
        if any(w in words for w in _FUND_WORDS + _PART_WORDS):
            return False
    if key == "fiscal_grant_total" and any(w in words for w in _PART_WORDS):
        return False
    return True


def _text(claim: Claim, paragraph: Paragraph) -> str:
    """The clause without the reason that may follow it, with the item's label when the label named the
    subject ('（一）因公出国（境）费用。2026 年预算数127.74 万元')."""
    text = claim.text.split("。")[0]
    reason = REASON.search(text)
    if reason:
        text = text[:reason.start()].rstrip("，,；; ")
    at = paragraph.text.find(text)
    label = ITEM_LABEL.match(paragraph.text)
    if label and 0 < at <= label.end() + 1:
        return paragraph.text[:at + len(text)].strip()
    return text


def _a_part(claim: Claim, paragraph: Paragraph) -> bool:
    """'…收入预算2,144万元，其中：财政拨款收入2,114万元': the clause names a part of the figure before it."""
    at = paragraph.text.find(claim.text)
    return at > 0 and bool(_PART_OPENING.search(paragraph.text[max(0, at - 6):at]))


def stated_figures(budget: Budget) -> tuple[StatedFigure, ...]:
    found: dict[str, list[StatedFigure]] = {}
    for section in budget.narrative:
        if section.topic == "glossary":
            continue
        for paragraph in section.paragraphs:
            for claim in paragraph.claims:
                keys = _KEYS.get(claim.subject.kind, ())
                if not keys:
                    continue
                # '本单位无机关运行经费' is no figure: a unit the item does not apply to (null, not 0).
                if claim.amount is None:
                    continue
                phrase = _phrase(claim)
                if not _this_year(phrase, budget.year):
                    continue
                part = _a_part(claim, paragraph)
                for key in keys:
                    if _scoped(claim, key, phrase) and not (part and key in _WHOLES):
                        found.setdefault(key, []).append(
                            StatedFigure(key=key, amount=claim.amount, text=_text(claim, paragraph)))
    out: dict[str, StatedFigure] = {}
    for key, figures in found.items():
        if len({f.amount.value for f in figures}) == 1:  # two different amounts: which is it? none
            out[key] = figures[0]
    income, spending = out.get("income_total"), out.get("expenditure_total")
    if income and spending and income.amount.value != spending.amount.value:
        # 收入总计 = 支出总计 always: one of the two is a part ('支出预算' without the 年终结转结余).
        del out["income_total"], out["expenditure_total"]
    return tuple(out[k] for k in _ORDER if k in out)
