"""A 决算's narrative: what its amounts name, and its statements of execution against the budget.

- `final_subject`: the words a 决算 uses for its totals ("收入支出总计", "财政拨款收入支出总计", "本年收入合计",
  "年初结转和结余"), and the 年初预算数 an execution sentence states, which no table of the 决算 prints
  (linked to nothing here: `execution_claims` carries it).
- `execution_claims`: per line, "年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的 Z%。决算数小于预算数的主要
  原因：…" → ExecutionClaim (model/execution.py); the “三公” items stated under their total ("其中：因公出国
  （境）费支出决算为 4.69 万元，完成预算的 15.63%") too.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..model import Amount, AmountUnit, Budget, ExecutionClaim, NarrativeSection, Paragraph, Subject
from .numbers import amount_from_decimal, parse_decimal
from ..reference.layouts import normalize_label

_PLANNED_PHRASE = re.compile(r"(?:年初预算|全年预算|调整预算|(?<!公共)预算)(?:数)?$")
_FISCAL_TOTAL = re.compile(r"财政拨款(?:收入支出|收、?支|收支)(?:总计|总决算|决算总计|总额)")
_TOTAL = re.compile(r"(?:收入支出|收、?支|收支)(?:总计|总决算|决算总计|总额)")
_LINES = (
    ("本年收入合计", "income_current_total", "income_current_total"),
    ("本年支出合计", "expenditure_current_total", "expenditure_current_total"),
    ("年初结转和结余", "year_begin_balance", "year_begin_balance"),
    ("年末结转和结余", "year_end_balance", "year_end_balance"),
)


def final_subject(phrase: str, topic: str | None) -> Subject | None:
    """The subject of an amount in a 决算's narrative where its words differ from a budget's, else None."""
    from .subjects import clean_phrase
    raw = re.sub(r"(?:为|是|达|共计)$", "", normalize_label(phrase))
    p = normalize_label(clean_phrase(phrase))
    if not raw:
        return None
    if _PLANNED_PHRASE.search(p):
        # '…年初预算为 1560.05 万元': the year's budget, printed in no table of the 决算.
        return Subject(kind="other", name="年初预算数")
    if _FISCAL_TOTAL.search(raw):
        return Subject(kind="fiscal_grant_total", code="income_total", name="财政拨款收入支出总计",
                       table="fiscal_grant_summary", measure="budget")
    if _TOTAL.search(raw) or (topic == "overall" and raw.startswith("支总计")):  # "收、支总计" cut at its 、
        return Subject(kind="income_total", code="income_total", name="收入支出总计", table="income_expenditure_summary",
                       measure="budget")
    for words, kind, item in _LINES:
        if raw.endswith(words):
            table = "fiscal_grant_summary" if topic == "fiscal_grant" else "income_expenditure_summary"
            return Subject(kind=kind, code=item, name=words, table=table, measure="budget")
    if p in ("总支出", "支出总额", "本年支出", "全部支出"):
        return Subject(kind="total", table="expenditure_summary", measure="total")
    return None


# One line's execution sentence, after its subject words.
_NUMBER = r"(\d[\d,，]*(?:\.\d+)?)"
_PLANNED = re.compile(rf"(?:年初预算|全年预算|调整预算|预算)(?:数)?(?:为|是)?\s*{_NUMBER}\s*(万元|元)")
_ACTUAL = re.compile(rf"决算(?:数)?(?:为|是)?\s*{_NUMBER}\s*(万元|元)")
_RATE = re.compile(rf"完成(?:年初|全年|调整)?预算(?:数)?的\s*{_NUMBER}\s*[%％]")
_WORD = re.compile(r"决算数?(?:与预算数?)?(?:基本)?(大于|小于|等于|高于|低于|基本持平|持平)(?:预算数?)?")
_REASON = re.compile(r"主要原因(?:是|为|：|:)?\s*(?P<r>[^。]*)")
# Where the items of a paragraph begin: "1、", "2.", "（3）" at the start or after a full stop.
_ITEM = re.compile(r"(?:^|(?<=[。；;：:]))\s*(?:\d{1,2}\s*[、.．](?!\d)|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）])")
_THREE_PARTS = (("因公出国", "abroad", "three_public_abroad"),
                ("公务用车购置及运行", "vehicle_total", "three_public_vehicle"),
                ("公务用车购置费", "vehicle_purchase", "three_public_vehicle_purchase"),
                ("公务用车运行", "vehicle_operation", "three_public_vehicle_operation"),
                ("公务接待", "reception", "three_public_reception"))
_WORDS = {"大于": "大于", "高于": "大于", "小于": "小于", "低于": "小于", "等于": "等于", "持平": "等于", "基本持平": "等于"}


def execution_claims(sections: tuple[NarrativeSection, ...], budget: Budget) -> tuple[ExecutionClaim, ...]:
    from .subjects import function_path, function_subject  # the budget's subject linking
    out: list[ExecutionClaim] = []
    for section in sections:
        if section.topic not in ("general_budget", "three_public", "fiscal_grant", "expenditure"):
            continue
        # One text per section: a paragraph may break inside an item ("主要用于：" ending a line).
        paragraph = Paragraph(text="".join(p.text for p in section.paragraphs), claims=section.claims,
                              source=section.paragraphs[0].source if section.paragraphs else section.source)
        if True:
            for item in _items(paragraph.text):
                if not (_PLANNED.search(item) or _RATE.search(item)):
                    continue
                if section.topic == "three_public" or "三公" in item:
                    out.extend(c.model_copy(update={"section": section.label}) for c in _three_public(item, paragraph))
                    continue
                planned, actual = _amount(_PLANNED, item), _amount(_ACTUAL, item)
                if planned is None or actual is None or planned.unit is not actual.unit:
                    continue  # not both read, or read in two units (a line's glyphs out of order): unsure
                head = item[:_PLANNED.search(item).start()]
                if len(re.findall(r"[（(]类[)）]", item)) > 1:
                    continue  # two lines' sentences read as one: unsure which is whose
                path = function_path(head)
                if path is not None:
                    subject = function_subject(budget, "general_budget", *path)
                elif "财政拨款" in head or "一般公共预算" in head:
                    subject = Subject(kind="general_budget", table="general_budget_by_function", measure="total")
                else:
                    continue
                out.append(_claim(subject, item, planned, actual, paragraph).model_copy(update={"section": section.label}))
    return tuple(out)


def _items(text: str) -> list[str]:
    starts = [m.end() for m in _ITEM.finditer(text)]
    cuts = [0, *(m.start() for m in _ITEM.finditer(text)), len(text)]
    del starts
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


_FIRST = {id(_PLANNED): re.compile(r"(?:年初预算|全年预算|调整预算|预算)(?:数)?(?:为|是)?\s*\d"),
          id(_ACTUAL): re.compile(r"决算(?:数)?(?:为|是)?\s*\d")}


def _amount(pattern: re.Pattern, text: str, at: int = 0) -> Amount | None:
    """The amount the first such words state; None when those words are not followed by a clean amount
    (a line's glyphs read out of order: "年初预算为0.940.94万元"), never a later sentence's."""
    first = _FIRST[id(pattern)].search(text, at)
    m = pattern.search(text, at)
    if m is None or first is None or m.start() != first.start():
        return None
    value = parse_decimal(m.group(1).replace("，", ","))
    if value is None:
        return None
    return amount_from_decimal(value, AmountUnit.WAN if m.group(2) == "万元" else AmountUnit.YUAN, None)


def _rate(text: str) -> Decimal | None:
    m = _RATE.search(text)
    return parse_decimal(m.group(1)) if m else None


def _claim(subject: Subject, text: str, planned: Amount | None, actual: Amount | None, paragraph,
           rate_text: str | None = None) -> ExecutionClaim:
    word = _WORD.search(text)
    reason = _REASON.search(text)
    source = next((c.source for c in paragraph.claims if c.text and c.text in text and c.source is not None),
                  paragraph.source)
    return ExecutionClaim(subject=subject, text=text, planned=planned, actual=actual,
                          rate=_rate(rate_text if rate_text is not None else text),
                          comparison=_WORDS[word.group(1)] if word else None,
                          comparison_text=word.group(1) if word else None,
                          reason=reason.group("r").strip() if reason else None, source=source)


def _three_public(item: str, paragraph) -> list[ExecutionClaim]:
    """The “三公” total's sentence, then each item stated under it ('其中：…；…；…')."""
    head, _, parts = item.partition("其中")
    out: list[ExecutionClaim] = []
    planned, actual = _amount(_PLANNED, head), _amount(_ACTUAL, head)
    if actual is not None and (planned is not None or _RATE.search(head)):
        # The comparison word and its reason close the paragraph ("“三公”经费支出决算数小于预算数的主要原因…").
        tail = parts.split("。", 1)[1] if "。" in parts else ""
        out.append(_claim(Subject(kind="three_public", table="three_public", measure="three_public_total"),
                          head + tail, planned, actual, paragraph, rate_text=head))
    for clause in re.split(r"[；;]", parts.split("。", 1)[0]):
        key = normalize_label(clause)
        found = next(((m, k) for words, m, k in _THREE_PARTS if words in key), None)
        actual = _amount(_ACTUAL, clause)
        if found is None or actual is None or not _RATE.search(clause):
            continue
        measure, kind = found
        out.append(ExecutionClaim(subject=Subject(kind=kind, table="three_public", measure=measure), text=clause.strip(),
                                  planned=_amount(_PLANNED, clause), actual=actual, rate=_rate(clause),
                                  source=next((c.source for c in paragraph.claims if c.text and c.text in clause
                                               and c.source is not None), paragraph.source)))
    return out


_VS_YEAR = re.compile(r"与\s*((?:19|20)\d{2})\s*年度?(?:决算数?)?\s*相比")


def with_compared_years(sections: tuple[NarrativeSection, ...]) -> tuple[NarrativeSection, ...]:
    """A 决算 compares with last year's 决算 as "与2023年度相比，…减少56.95万元": the change is read (a change
    without 比), and the year it names is the claim's compared year (X301 asks it to be the year before)."""
    out = []
    for section in sections:
        paragraphs = []
        for paragraph in section.paragraphs:
            claims = []
            for claim in paragraph.claims:
                m = _VS_YEAR.search(claim.text) if claim.direction is not None and claim.compared_year is None else None
                claims.append(claim.model_copy(update={"compared_year": int(m.group(1))}) if m else claim)
            paragraphs.append(paragraph.model_copy(update={"claims": tuple(claims)}))
        out.append(section.model_copy(update={"paragraphs": tuple(paragraphs)}))
    return tuple(out)
