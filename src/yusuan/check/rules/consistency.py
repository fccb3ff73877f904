"""X3xx: the same fact stated alike everywhere — budget year, unit name."""
from __future__ import annotations

import re
from collections import Counter

from ...model import DocumentLevel, Severity
from ..registry import Example, rule
from .common import norm_name

E, W = Severity.ERROR, Severity.WARNING
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
# '2026 年单位预算', '2026年部门预算表', '2026 年收入预算', '2026 年一般公共预算…支出': a budget-year statement
_BUDGET_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?:度)?\s*(?:单位|部门)?(?:预算|决算|收支|收入|支出|一般公共|财政拨款|项目支出|没有使用|本单位|预算支出)")


def _year_statements(budget):
    """(year, object, label) for places that state the budget year."""
    if budget.title and (m := _YEAR.search(budget.title)):
        yield int(m.group(1)), budget, "封面标题"
    for e in budget.toc:
        if e.part and (m := _YEAR.search(e.title)):
            yield int(m.group(1)), e, f"目录 {e.title}"
    for t in budget.tables:
        for text in (t.title, t.empty_note or ""):
            if (m := _BUDGET_YEAR.search(text)):
                yield int(m.group(1)), t, t.label
    for s in budget.narrative:
        for p in s.paragraphs:
            for m in _BUDGET_YEAR.finditer(p.text):
                # '比 2025 年预算…', '与 2025 年相比', '截至 2025 年': a comparison, not this year's statement
                if not re.search(r"(比|与|较|截至|截止|相比)\s*$", p.text[max(0, m.start() - 4):m.start()]):
                    yield int(m.group(1)), p, f"情况说明“{s.label}”"
    for p in budget.project_performance:
        if p.start_year and p.end_year and not (p.start_year <= budget.year <= p.end_year):
            yield None, p, f"表{p.number or '12'} {p.project_name} 起止年度 {p.start_year}–{p.end_year}"


def _main_year(budget, statements) -> int:
    years = Counter(y for y, _, _ in statements if y is not None)
    years[budget.year] += 1  # the cover's reading counts once more: it breaks ties
    return years.most_common(1)[0][0]


def main_year(budget) -> int:
    """The budget year most places of the document state (the cover breaking ties)."""
    return _main_year(budget, list(_year_statements(budget)))


@rule(code="X301", name="budget-year-consistent", severity=E,
      title="预算年度前后不一致",
      explanation="封面、目录、各部分标题、空表说明和情况说明中表述本年预算的年份应一致（以多数为准，指出与之不同的位置）；"
                  "情况说明中“比 xxxx 年”应为上一年；项目起止年度应覆盖预算年度。",
      example=Example("封面 2026 年单位预算 | 情况说明 2025 年收入预算 778.64 万元",
                      "情况说明“二、收入预算安排情况”：写作 2025 年，但文档其他各处为 2026 年"))
def budget_year_consistent(budget, ctx):
    statements = list(_year_statements(budget))
    main = _main_year(budget, statements)
    for year, at, label in statements:
        if year is None:
            yield ctx.finding(at, f"{label} 不包含预算年度 {main}", expected=str(main), actual=label,
                              source=at.source_of("end_year" if at.end_year < main else "start_year"))
        elif year != main:
            yield ctx.finding(at, f"{label}：写作 {year} 年，但文档其他各处为 {main} 年", expected=str(main), actual=str(year))
    for claim in ctx.claims:
        if claim.compared_year is not None and claim.compared_year != main - 1:
            yield ctx.finding(claim, f"情况说明 {claim.subject.describe()}：与 {claim.compared_year} 年比较，应与上一年 {main - 1} 年比较",
                              expected=str(main - 1), actual=str(claim.compared_year))


@rule(code="X302", name="unit-name-consistent", severity=W,
      title="单位名称前后不一致",
      explanation="单位预算中，封面的单位名称应与整体支出绩效目标表的单位名称、分单位表的单位、项目支出表的项目单位、项目执行单位和目录各部分标题一致。",
      example=Example("封面 武汉市工业信息化中心 | 表11 单位名称 武汉市工业信息中心",
                      "表11 整体支出绩效目标表 单位名称“武汉市工业信息中心”与封面“武汉市工业信息化中心”不一致"))
def unit_name_consistent(budget, ctx):
    name = budget.unit.name
    if not name or budget.level is not DocumentLevel.UNIT:
        return
    want = norm_name(name)
    o = budget.overall_performance
    if o is not None and o.unit_name and norm_name(o.unit_name) != want:
        yield ctx.finding(o, f"{ctx.table_label('overall_performance')} 单位名称“{o.unit_name}”与封面“{name}”不一致",
                          expected=name, actual=o.unit_name, source=o.source_of("unit_name"))
    t52 = budget.table("general_budget_by_unit")
    if t52 is not None:
        units = [r for r in t52.rows if r.code and r.cells]
        if len(units) == 1 and norm_name(units[0].name) != want:
            yield ctx.finding(units[0], f"{t52.label} 单位“{units[0].name}”与封面“{name}”不一致",
                              expected=name, actual=units[0].name)
    t10 = budget.table("projects")
    for r in t10.rows if t10 is not None else ():
        unit = dict(r.texts).get("unit")
        if unit and norm_name(unit) != want:
            yield ctx.finding(r, f"{t10.label} {r.label} 项目单位“{unit}”与封面“{name}”不一致", expected=name, actual=unit)
    for p in budget.project_performance:
        if p.executing_unit and norm_name(p.executing_unit) != want:
            yield ctx.finding(p, f"表{p.number or '12'} {p.project_name} 项目执行单位“{p.executing_unit}”与封面“{name}”不一致",
                              expected=name, actual=p.executing_unit, source=p.source_of("executing_unit"))
    # A section of Part 3 the layout names ('“三公”经费预算情况说明' in Shanghai) names no unit.
    sections = {norm_name(n.title) for n in ctx.layout.narrative} if ctx.layout else set()
    for e in budget.toc:
        if e.part and e.part in (1, 2, 3) and name not in e.title and _looks_named(e.title) and \
                norm_name(e.title) not in sections:
            yield ctx.finding(e, f"目录“{e.title}”中的单位名称与封面“{name}”不一致", expected=name, actual=e.title)


_UNIT_SUFFIX = re.compile(r"(局|中心|委员会|委|院|所|厅|办公室|办|站|馆|队|处|会|部|署|学校|校|医院|公司|集团|政府|街道|镇|乡)$")


def _looks_named(title: str) -> bool:
    """'第一部分 某某中心概况' names a unit; '第四部分 名词解释', '2026 年度单位预算表' and
    '一般公共预算拨款支出预算表' do not: the words before the year (or before 概况) must end like
    the name of an organisation."""
    body = re.sub(r"^第[一二三四五六七八九十]+部分\s*", "", title.strip())
    m = re.match(r"^(.*?)\s*(?:\d{4}\s*年|概况|部门预算|单位预算)", body)
    if not m or not re.search(r"(概况|预算表|预算情况说明|决算表)$", body):
        return False
    return bool(_UNIT_SUFFIX.search(m.group(1).strip()))
