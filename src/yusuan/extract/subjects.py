"""What a Part 3 amount talks about: subject phrase → Subject linked to the table line holding its figure.

Linking conventions (read by the text-against-tables checks):
- `table` is the canonical table id; `measure` the column (two-sided tables use `budget`).
- `code` is the row: a function/economic class code, a project code, or, for labelled lines of
  two-sided tables, the line's item id (`income_total`, `general_budget`). `code=None` with a
  table means the table's total row (合计).
- `income_source`: `code` is the source id (`general_budget`, `gov_fund`, …).
- A name that matches no row keeps `code=None` and the name as written: the checker reports it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..model import Budget, DocumentKind, Row, RowLevel, Subject, Table
from ..reference.layouts import normalize_label
from .prose import CN_NUMERAL

TWO_SIDED = frozenset({"income_expenditure_summary", "fiscal_grant_summary"})

# Income sources as the text names them, most specific first.
SOURCES: tuple[tuple[str, str], ...] = (
    ("一般公共预算", "general_budget"),
    ("政府性基金", "gov_fund"),
    ("国有资本经营", "state_capital"),
    ("财政专户", "special_account"),
    ("事业单位经营收入", "operating_income"),
    ("经营收入", "operating_income"),
    ("事业收入", "business_income"),
    ("上级补助", "upper_subsidy"),
    ("附属单位上缴", "subordinate_remit"),
    ("上年结转", "carryover"),
    ("其他收入", "other_income"),
)

# '社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）'
_PATH = re.compile(r"(?P<cls>[^()（）]+?)\s*[(（]类[)）]\s*(?:(?P<sec>[^()（）]+?)\s*[(（]款[)）])?\s*(?:(?P<item>[^()（）]+?)\s*[(（]项[)）])?")
# Some documents start at the 款: '审计事务（款）行政运行（项）'
_SECTION_PATH = re.compile(r"(?P<sec>[^()（）]+?)\s*[(（]款[)）]\s*(?:(?P<item>[^()（）]+?)\s*[(（]项[)）])?")
_LEADING_NUMBER = re.compile(rf"^(?:[(（]\s*(?:{CN_NUMERAL}|\d{{1,2}})\s*[)）]|{CN_NUMERAL}\s*[、.．]|\d{{1,2}}\s*[.．、](?!\d))\s*")
_NOISE = re.compile(
    r"^(?:其中|包括|另外|此外|具体包括|分别为|分别是|即)\s*[:：]?\s*"
    r"|^截至[^，,]*日\s*"
    r"|^[^，,：:]{0,30}?(?:19|20)\d{2}\s*年度?\s*(?=\S)"
    r"|^(?:本单位|本部门|单位|部门)(?=\S)"
)
_TRAILING = re.compile(r"(?:为|是|共计|合计|总计|共|达|约)$")


def clean_phrase(phrase: str) -> str:
    """Subject words without numbering, '其中：', the year or a trailing verb: '(一)人员经费' → '人员经费'."""
    p = phrase.strip(" \t，,、；;：:")
    for _ in range(4):
        before = p
        p = _LEADING_NUMBER.sub("", p).strip()
        p = _NOISE.sub("", p).strip()
        if p == before:
            break
    return _TRAILING.sub("", p).strip()


# Called for every phrase and every coded row (indexed once per budget) with a few hundred
# distinct names.
@lru_cache(maxsize=16384)
def row_key(name: str) -> str:
    """Row names compared without leading numbering ('（六）社会保障和就业支出'), spaces or bracket width."""
    return normalize_label(_LEADING_NUMBER.sub("", name.strip()))


def find_row(budget: Budget, table_ids: Iterable[str], name: str, code_length: int | None = None,
             parent_code: str | None = None) -> tuple[Table, Row] | None:
    key = row_key(name)
    index = _coded_rows_by_key(budget)
    for table_id in table_ids:
        table, by_key = index.get(table_id, (None, None))
        if table is None:
            continue
        for row in by_key.get(key, ()):
            if code_length is not None and len(row.code) != code_length:
                continue
            if parent_code is not None and not row.code.startswith(parent_code):
                continue
            return table, row
    return None


def _coded_rows_by_key(budget: Budget) -> dict[str, tuple[Table, dict[str, list[Row]]]]:
    """{table id: (the table budget.table() gives, {row_key: its coded rows in order})}, built once per
    budget: the Part 3 phrases of a document look up rows ~600 times (each scanned every row)."""
    cached = _ROW_INDEX.get(id(budget))
    if cached is not None and cached[0] is budget:
        return cached[1]
    index: dict[str, tuple[Table, dict[str, list[Row]]]] = {}
    for table in budget.tables:
        if table.id in index:
            continue  # budget.table() gives the first table of an id
        by_key: dict[str, list[Row]] = {}
        for row in table.rows:
            if row.code is not None:
                by_key.setdefault(row_key(row.name), []).append(row)
        index[table.id] = (table, by_key)
    _ROW_INDEX.clear()  # one budget at a time: the narrative of the document being read
    _ROW_INDEX[id(budget)] = (budget, index)
    return index


_ROW_INDEX: dict[int, tuple[Budget, dict[str, tuple[Table, dict[str, list[Row]]]]]] = {}


def function_tables(topic: str | None) -> tuple[str, ...]:
    if topic == "fiscal_grant":
        return ("fiscal_grant_summary", "expenditure_summary", "general_budget_by_function", "income_expenditure_summary")
    if topic == "general_budget":
        return ("general_budget_by_function", "expenditure_summary")
    if topic == "gov_fund":
        return ("gov_fund_by_function",)
    if topic == "state_capital":
        return ("state_capital_by_function",)
    return ("expenditure_summary", "general_budget_by_function", "income_expenditure_summary", "fiscal_grant_summary")


def _measure_for(table_id: str) -> str:
    return "budget" if table_id in TWO_SIDED else "total"


def function_path(phrase: str) -> tuple[str | None, str | None, str | None] | None:
    m = _PATH.search(phrase)
    if m:
        # Shanghai quotes the path: “社会保障和就业支出（类）…（项）”.
        return clean_phrase(m.group("cls")).lstrip("“\"'「"), m.group("sec"), m.group("item")
    m = _SECTION_PATH.search(phrase)
    if m:
        return None, clean_phrase(m.group("sec")), m.group("item")
    return None


def function_subject(budget: Budget, topic: str | None, cls: str | None, sec: str | None, item: str | None) -> Subject:
    """Resolve 类/款/项 names to a code through the rows of the tables the section explains."""
    tables = function_tables(topic)
    written = (item or sec or cls or "").strip()
    for table_id in tables:
        found = find_row(budget, (table_id,), cls, 3) if cls else find_row(budget, (table_id,), sec or "", 5)
        if found is None and cls and not cls.endswith("支出"):
            found = find_row(budget, (table_id,), cls + "支出", 3)  # "一般公共服务（类）" (central departments)
        by_section = False
        if found is None and cls and sec:
            # The class named as in another year (医疗卫生与计划生育支出 for 卫生健康支出): its 款 still names the row.
            found, by_section = find_row(budget, (table_id,), sec, 5), True
        if found is None:
            continue
        table, row = found
        if sec and cls and not by_section:
            found = find_row(budget, (table_id,), sec, 5, row.code)
            if found is None:
                continue
            row = found[1]
        if sec and item:
            found = find_row(budget, (table_id,), item, 7, row.code)
            if found is None:
                continue
            row = found[1]
        return Subject(kind="function", code=row.code, name=written, table=table.id, measure=_measure_for(table.id))
    table_id = next((t for t in tables if budget.table(t) is not None), tables[0])
    return Subject(kind="function", name=written, table=table_id, measure=_measure_for(table_id))


def _name_subject(budget: Budget, topic: str | None, name: str) -> Subject | None:
    """A bare class/section/item name ('社会保障和就业支出') or an economic class ('工资福利支出')."""
    economic_first = topic == "basic"
    searches = [("economic", ("basic_by_economic",)), ("function", function_tables(topic))]
    if not economic_first:
        searches.reverse()
    for kind, tables in searches:
        found = find_row(budget, tables, name)
        if found:
            table, row = found
            return Subject(kind=kind, code=row.code, name=name, table=table.id, measure=_measure_for(table.id))
    return None


# Sections explaining spending by function: there a name that is both a function item and a listed
# project ('统计管理') is the function item; elsewhere it is the project.
_FUNCTION_TOPICS = frozenset({"expenditure", "general_budget", "fiscal_grant", "gov_fund", "state_capital"})


def _listed_project(budget: Budget, name: str) -> Subject | None:
    """The project of the projects table printed under this name, if any."""
    table = budget.table("projects")
    if table is None:
        return None
    key = row_key(name)
    row = next((r for r in table.rows if r.level in (RowLevel.PROJECT, RowLevel.SUBPROJECT) and row_key(r.name) == key),
               None)
    if row is None:
        return None
    return Subject(kind="project", code=row.code, name=name, table="projects", measure="total")


def _project_subject(budget: Budget, name: str, measure: str = "total") -> Subject:
    table = budget.table("projects")
    code = None
    if table is not None:
        key = normalize_label(name)
        code = next((r.code for r in table.rows if normalize_label(r.name) == key), None)
    return Subject(kind="project", code=code, name=name, table="projects", measure=measure)


_THREE_PUBLIC = {
    "three_public": "three_public_total", "three_public_abroad": "abroad", "three_public_vehicle": "vehicle_total",
    "three_public_vehicle_purchase": "vehicle_purchase", "three_public_vehicle_operation": "vehicle_operation",
    "three_public_reception": "reception",
}

# Topic-dependent homes of the structural subjects: (table, measure).
_BY_TOPIC: dict[str, dict[str | None, tuple[str, str]]] = {
    "basic": {
        "expenditure": ("expenditure_summary", "basic"),
        "general_budget": ("general_budget_by_function", "basic"),
        "basic": ("basic_by_economic", "total"),
        None: ("expenditure_summary", "basic"),
    },
    "project_total": {
        "expenditure": ("expenditure_summary", "project"),
        "general_budget": ("general_budget_by_function", "project"),
        "projects": ("projects", "total"),
        None: ("expenditure_summary", "project"),
    },
    "personnel": {"basic": ("basic_by_economic", "personnel"), None: ("general_budget_by_function", "personnel")},
    "public": {"basic": ("basic_by_economic", "public"), None: ("general_budget_by_function", "public")},
    "expenditure_total": {"fiscal_grant": ("fiscal_grant_summary", "budget"), None: ("expenditure_summary", "total")},
}


def _carries_forward(budget: Budget) -> bool:
    """Table 1 prints a non-zero 年终结转结余 (结转下年): its 支出总计 differs from 本年支出."""
    t1 = budget.table("income_expenditure_summary")
    if t1 is None:
        return False
    line = next((r for r in t1.rows if r.item == "year_end_balance"), None)
    amount = line and (line.get("budget") or line.get("total"))
    return bool(amount and amount.value)


def structural(kind: str, topic: str | None, name: str | None = None) -> Subject:
    homes = _BY_TOPIC[kind]
    table, measure = homes.get(topic, homes[None])
    code = "expenditure_total" if table in TWO_SIDED and kind == "expenditure_total" else None
    return Subject(kind=kind, code=code, name=name, table=table, measure=measure)


def _income_source(phrase: str) -> str | None:
    return next((source for words, source in SOURCES if words in phrase), None)


def classify(phrase: str, trail: str, topic: str | None, budget: Budget) -> Subject:
    """The subject of an amount from the words before it (`phrase`) and after it (`trail`)."""
    if budget.kind is DocumentKind.FINAL_ACCOUNTS:
        from .final_narrative import final_subject  # a 决算's words for its totals and its 年初预算数
        found = final_subject(phrase, topic)
        if found is not None:
            return found
    path = function_path(phrase)
    if path is not None:
        return function_subject(budget, topic, *path)
    written = clean_phrase(phrase)
    p = normalize_label(written)
    if topic == "basic":
        found = _name_subject(budget, topic, written) if written else None
        if found is not None:
            return found
    if "三公" in p:
        return Subject(kind="three_public", table="three_public", measure="three_public_total")
    if "因公出国" in p:
        return _three("three_public_abroad")
    if "公务用车" in p:
        if "购置" in p and "运行" not in p:
            return _three("three_public_vehicle_purchase")
        if "运行" in p and "购置" not in p:
            return _three("three_public_vehicle_operation")
        return _three("three_public_vehicle")
    if "公务接待" in p:
        return _three("three_public_reception")
    if topic == "three_public" and ("会议费" in p or "培训费" in p):
        # '一般公共预算拨款安排的会议费预算支出 10 万元': the fee's column of the "三公" table (where the
        # layout prints one); both fees together are no single cell.
        for word, measure in (("会议费", "meeting_fee"), ("培训费", "training_fee")):
            if word in p and ({"会议费", "培训费"} - {word}).pop() not in p:
                return Subject(kind=measure, name=written, table="three_public", measure=measure)
        return Subject(kind="other", name=written or None)
    if "机关运行经费" in p:
        return Subject(kind="gov_operation_cost")
    if "政府采购" in p:
        return Subject(kind="procurement")
    if "购买服务" in p:
        return Subject(kind="purchase_services")
    if "委托业务费" in p:
        return Subject(kind="entrusted_fee")
    if "资产配置" in p:
        return Subject(kind="asset_allocation")
    if "绩效" in p + normalize_label(trail):
        return Subject(kind="performance_total")
    if topic == "gov_fund" or (p.startswith("政府性基金") and "收入" not in p):
        if "收入" not in p:
            return Subject(kind="gov_fund", table="gov_fund_by_function", measure="total")
    if topic == "state_capital" or (p.startswith("国有资本经营") and "收入" not in p):
        if "收入" not in p:
            return Subject(kind="state_capital", table="state_capital_by_function", measure="total")
    if re.search(r"收支(?:总预算|预算总额|预算总计|总额|预算)", p):
        if "财政拨款" in p:
            return Subject(kind="fiscal_grant_total", table="fiscal_grant_summary", measure="budget")
        return Subject(kind="total", table="income_expenditure_summary", measure="budget")
    if "收入" in p:
        source = _income_source(p)
        table = "fiscal_grant_summary" if topic == "fiscal_grant" else "income_expenditure_summary"
        if source not in (None, "carryover") and ("上年结转" in p or "结转结余" in p):
            # '上年结转结余的一般公共预算收入': a fund's share of the carry-over, linked only where table 1
            # prints that line (carryover_general_budget), never to the fund's current-year income.
            return _carryover_share(budget, table, source, written)
        if source is not None:
            return Subject(kind="income_source", code=source, name=written, table=table, measure="budget")
        if re.fullmatch(r"(?:本年)?收入(?:总预算|预算)?(?:合计|总计|总额)?(?:数)?|预算收入(?:合计|总计|总额)?", p):
            # '2019 年部门预算收入 203091.65 万元' (Xi'an) names the same line as '收入预算'.
            return Subject(kind="income_total", code="income_total", table=table, measure="budget")
        if re.fullmatch(r"(?:本年|当年)?财政拨款收入(?:预算)?(?:合计|总计|总额)?(?:数)?", p):
            # '财政拨款收入 203091.65 万元': fiscal grants received — with or without their carry-over
            # ('本年财政拨款收入', Beijing, leaves it out; table 4's 收入总计 holds it), so linked to no cell.
            return Subject(kind="fiscal_grant_income", name=written)
    if re.fullmatch(r"(?:本年)?支出(?:总预算|预算)?(?:合计|总计|总额)?(?:数)?", p) and p not in ("支出",):
        if not p.startswith("本年") and topic in (None, "overall", "expenditure") and _carries_forward(budget):
            # '支出预算 51036.22' balances the income total: with a 年终结转结余 it is the 支出总计 of
            # table 1, not the 本年支出 of table 3 (Beijing prints both; '本年支出预算' is the latter).
            return Subject(kind="expenditure_total", code="expenditure_total", table="income_expenditure_summary",
                           measure="budget")
        return structural("expenditure_total", topic)
    q = re.sub(r"(?:预算数|预算|总额|合计)$", "", p)  # '基本支出预算' names the same line as '基本支出'
    if q.endswith("基本支出"):
        return structural("basic", topic)
    if q.endswith("项目支出"):
        return structural("project_total", topic)
    if q.endswith("人员经费") or q.endswith("人员支出"):
        return structural("personnel", topic)
    if q.endswith("公用经费") or q.endswith("公用支出"):
        return structural("public", topic)
    if topic == "projects" and ("本年拨款" in p or p.startswith("一般公共预算")):
        # '项目支出 N 万元，其中：一般公共预算本年拨款 N 万元': the projects' general-budget column.
        return Subject(kind="project_total", name=written, table="projects", measure="general_budget")
    if p.startswith("一般公共预算") and ("拨款" in p or "支出" in p):
        return Subject(kind="general_budget", table="general_budget_by_function", measure="total")
    if topic == "general_budget" and p in ("本年预算", "本年拨款", "本年预算拨款"):
        return Subject(kind="general_budget", name=written, table="general_budget_by_function", measure="total")
    if written and topic not in _FUNCTION_TOPICS:
        project = _listed_project(budget, written)
        if project is not None:
            return project
    if written:
        found = _name_subject(budget, topic, written)
        if found is not None:
            return found
    if topic == "projects" and written:
        # A project may be named with its year ('2026年…项目'): try the name before the year is cut.
        plain = _LEADING_NUMBER.sub("", phrase.strip(" \t，,、；;：:")).strip()
        plain = re.sub(r"^(?:其中|包括)\s*[:：]?\s*", "", plain)
        full = _project_subject(budget, plain)
        return full if full.code is not None else _project_subject(budget, written)
    return Subject(kind="other", name=written or None)


def _carryover_share(budget: Budget, table_id: str, source: str, written: str) -> Subject:
    item = f"carryover_{source}"
    table = budget.table(table_id)
    if table is not None and any(r.item == item for r in table.rows):
        return Subject(kind="income_source", code=item, name=written, table=table_id, measure="budget")
    return Subject(kind="other", name=written or None)


def _three(kind: str) -> Subject:
    return Subject(kind=kind, table="three_public", measure=_THREE_PUBLIC[kind])


# Kinds a '没有使用…安排的支出' / '无…' sentence may declare empty.
NONE_KINDS = frozenset({
    "gov_fund", "state_capital", "gov_operation_cost", "procurement", "purchase_services", "entrusted_fee",
    "asset_allocation", "three_public", "three_public_abroad", "three_public_vehicle",
    "three_public_vehicle_purchase", "three_public_vehicle_operation", "three_public_reception", "project_total",
})


def none_subject(words: str, topic: str | None, budget: Budget) -> Subject | None:
    """Subject of a sentence saying there is none: '政府性基金预算拨款' → gov_fund."""
    p = normalize_label(words)
    if re.search(r"\d{4}年?结转|上年结转|结转的", p):
        return None  # "无2020 年结转的“三公”经费支出": nothing carried over, not no spending at all
    if re.search(r"国\(境\)外公务接待|境外公务接待|外宾接待", p):
        return None  # "没有发生国（境）外公务接待支出": a part of 公务接待费, not the item at none
    if "政府性基金" in p:
        return Subject(kind="gov_fund", table="gov_fund_by_function", measure="total")
    if "国有资本经营" in p:
        return Subject(kind="state_capital", table="state_capital_by_function", measure="total")
    subject = classify(words, "", topic, budget)
    return subject if subject.kind in NONE_KINDS else None
