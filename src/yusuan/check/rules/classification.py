"""K: classification codes against the codebook of the document's year, and customary mirrors."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ...model import RowLevel, Severity
from ..context import Skip
from ..registry import Example, rule
from .common import BY_CODE_TABLES, ZERO

W, N = Severity.WARNING, Severity.NOTICE
_REGION = {"shanghai_unit": "shanghai", "shanghai_dept": "shanghai"}


def _codebook():
    try:
        from ...reference.codebook import load_codebook
        return load_codebook()
    except Exception as exc:  # a broken user CSV must not stop the other rules
        raise Skip(f"科目编码表不可用：{exc}") from None


def _coded(budget, ctx):
    for table_id in BY_CODE_TABLES:
        table = budget.table(table_id)
        if table is None:
            continue
        spec = ctx.layout.table(table_id) if ctx.layout else None
        kind = spec.codes if spec else ("economic" if table_id == "basic_by_economic" else "function")
        for row in table.rows:
            if row.code and row.level in (RowLevel.CLASS, RowLevel.SECTION, RowLevel.ITEM):
                yield table, row, kind


def _check(book, kind, row, year, region, cache=None):
    if cache is not None:
        key = ("codebook", kind, row.code, row.name)
        if key not in cache:
            cache[key] = _check(book, kind, row, year, region)
        return cache[key]
    if kind == "economic":
        return book.check_economic_name(row.code, row.name, year, region)
    return book.check_function_name(row.code, row.name, year)


def _economic_region(budget, ctx, book) -> str | None:
    """The regional economic codebook the document follows: its layout's region, else (a region read
    without its layout) the region whose names its economic rows match better than the national
    names, by at least three rows — told by the rows themselves."""
    if budget.layout in _REGION:
        return _REGION[budget.layout]
    key = ("codebook-region",)
    if key in ctx.cache:
        return ctx.cache[key]
    rows = [row for _t, row, kind in _coded(budget, ctx) if kind == "economic"]

    def matches(region):
        return sum(1 for r in rows if book.check_economic_name(r.code, r.name, budget.year, region).status == "ok")
    national = matches(None)
    best = max(((matches(r), r) for r in book.regions("economic")), default=(0, None))
    ctx.cache[key] = best[1] if best[0] >= national + 3 else None
    return ctx.cache[key]


@rule(code="K301", name="code-not-in-codebook", severity=N, tables=BY_CODE_TABLES, any_table=True,
      title="科目编码不在当年编码表中",
      explanation="科目编码在文档所属年度的支出功能分类或部门预算支出经济分类科目中找不到。"
                  "编码表可能不完整（地方自设科目），所以只作提示。",
      example=Example("2089901 其他社会保障和就业支出", "表3 支出总表 2089901 其他社会保障和就业支出：编码不在 2026 年支出功能分类科目中"))
def code_not_in_codebook(budget, ctx):
    book = _codebook()
    for table, row, kind in _coded(budget, ctx):
        if _check(book, kind, row, budget.year, _economic_region(budget, ctx, book), ctx.cache).status == "unknown_code":
            zh = "部门预算支出经济分类科目" if kind == "economic" else "支出功能分类科目"
            yield ctx.finding(row, f"{table.label} {row.label}：编码不在 {budget.year} 年{zh}中",
                              expected=f"{budget.year} 年有效编码", actual=row.code)


@rule(code="K302", name="code-name-differs", severity=W,
      title="科目名称与当年编码表不一致",
      explanation="科目名称应使用文档所属年度编码表中的名称；旧名称会注明从哪一年起改名。"
                  "表格中带编码的科目行逐行比对；情况说明的文字和表格中不带编码的行（如财政拨款收支总表的“（七）卫生健康支出”）"
                  "中出现的功能分类科目旧名称（如 2019 年起的“医疗卫生与计划生育支出”→“卫生健康支出”、“文化体育与传媒支出”→"
                  "“文化旅游体育与传媒支出”、“国土海洋气象等支出”→“自然资源海洋气象等支出”）也报告；"
                  "写作“原……”或“……调整为/更名为……”的说明改名的文字不报告。",
      example=Example("2019 年预算 210 医疗卫生与计划生育支出",
                      "表3 支出总表 210 医疗卫生与计划生育支出：名称已过时，2019 年起为“卫生健康支出”"))
def code_name_differs(budget, ctx):
    book = _codebook()
    for table, row, kind in _coded(budget, ctx):
        result = _check(book, kind, row, budget.year, _economic_region(budget, ctx, book), ctx.cache)
        if result.status == "outdated":
            since = f"{result.changed_in} 年起" if result.changed_in else "现"
            yield ctx.finding(row, f"{table.label} {row.label}：名称已过时，{since}为“{result.expected}”",
                              expected=result.expected, actual=row.name)
        elif result.status == "differs":
            yield ctx.finding(row, f"{table.label} {row.label}：名称与 {budget.year} 年编码表“{result.expected}”不一致",
                              expected=result.expected, actual=row.name)
    yield from _former_names_in_text(budget, ctx, book)


# A former name is told of, not used: '原医疗卫生与计划生育支出', '…支出调整为卫生健康支出', '更名为'.
_TOLD_BEFORE = re.compile(r"原$")
_TOLD_AFTER = re.compile(r"^[^，,。；;]{0,4}(?:调整为|更名为|改为|改名为|变更为)")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _former_name_pattern(book, year: int):
    """One regex over the function codes' former names for `year` → (pattern, name → (former, current))."""
    pairs = book.former_function_names(year)
    if not pairs:
        return None, {}
    by_name = {_compact(old.name): (old, now) for old, now in pairs}
    alternatives = []
    for name in by_name:  # longest first (former_function_names' order): '其他文化体育与传媒支出' before its tail
        # A 款 name that is no '…支出' (国土资源事务, 行政事业单位离退休) also begins plain words
        # ('行政事业单位离退休人员'): it must end where the words end.
        tail = "" if name.endswith("支出") else r"(?![\u4e00-\u9fff])"
        alternatives.append(re.escape(name) + tail)
    return re.compile("|".join(alternatives)), by_name


def _texts(budget):
    """(text, object it is on, section label or None, table id or None): the narrative's paragraphs and the
    names of table lines printed without a code (the coded rows are compared with their code above)."""
    for section in budget.narrative:
        for paragraph in section.paragraphs:
            yield paragraph.text, paragraph, section.label, None
    for table in budget.tables:
        for row in table.rows:
            if not row.code and row.name:
                yield row.name, row, None, table.id


def _former_names_in_text(budget, ctx, book):
    if not budget.year:
        return
    pattern, by_name = _former_name_pattern(book, budget.year)
    if pattern is None:
        return
    hits: dict[tuple, list] = {}  # (section, table, name) → [first object it is on, count]
    for text, at, section, table_id in _texts(budget):
        compact = _compact(text)
        for m in pattern.finditer(compact):
            name = m.group()
            if _TOLD_BEFORE.search(compact[:m.start()]) or _TOLD_AFTER.match(compact[m.end():]):
                continue
            hit = hits.setdefault((section, table_id, name), [at, 0])
            hit[1] += 1
    for (section, table_id, name), (at, count) in hits.items():
        old, now = by_name[name]
        where = f"情况说明“{section}”" if section else f"{ctx.table_label(table_id)} {at.name}"
        until = f"，用至 {old.until} 年" if old.until else ""
        times = f"（本部分共 {count} 处）" if count > 1 else ""
        yield ctx.finding(at, f"{where}：“{name}”是科目 {old.code} 的旧名称{until}，{budget.year} 年为“{now.name}”{times}",
                          expected=now.name, actual=name, section=section, table=table_id)


# economic 款 → function 项 codes it customarily mirrors (domain.md)
MIRRORS = (
    ("30108", ("2080505",)), ("30109", ("2080506",)), ("30110", ("2101101", "2101102")),
    ("30111", ("2101103",)), ("30113", ("2210201",)), ("30302", ("2080501", "2080502")),
)


@rule(code="K303", name="economic-function-mirror", severity=Severity.NOTICE,
      tables=("basic_by_economic", "general_budget_by_function"),
      title="经济分类与功能分类对应科目不一致",
      explanation="社会保险缴费等经济分类科目通常与功能分类科目一一对应（如 30108 ↔ 2080505，30109 ↔ 2080506，"
                  "30110 ↔ 2101101/2101102，30111 ↔ 2101103，30113 ↔ 2210201，30302 ↔ 2080501/2080502）。"
                  "比较基本支出表的金额与一般公共预算支出表对应项的基本支出。对应关系是惯例而非规定（2080501 还含离休费和"
                  "离退休人员的公用经费，不少单位把住房公积金列在行政运行，有的单位没有 210 类），在真实文件中不一致的几乎"
                  "都不是错误，所以只作提示。",
      example=Example("表6 30108 31.50 | 表5-1 2080505 基本支出 30.50",
                      "表6 一般公共预算基本支出表 30108 机关事业单位基本养老保险缴费 31.50 ≠ 表5-1 2080505 基本支出 30.50，相差 1.00 万元"))
def economic_function_mirror(budget, ctx):
    t6, t51 = budget.table("basic_by_economic"), budget.table("general_budget_by_function")
    t51_ref = f"表{t51.number}" if t51.number else t51.title
    for econ, funcs in MIRRORS:
        # A code may be printed on several rows (Beijing 预算05表 repeats the 项 lines unit by unit,
        # without naming the units): the code's amount is the sum of its rows.
        econ_rows = [r for r in t6.rows if r.code == econ]
        rows = [r for r in t51.rows if r.code in funcs]
        if not econ_rows and not rows:
            continue
        a = sum((r.value("total") for r in econ_rows), ZERO)
        b = sum((r.value("basic") if r.get("basic") is not None else r.value("total") for r in rows), ZERO)
        if abs(a - b) <= ctx.tolerance(unit=t6.unit):
            continue
        row = econ_rows[0] if econ_rows else None
        label = row.label if row else f"{econ}（未列出）"
        codes = "+".join(dict.fromkeys(r.code for r in rows)) or "/".join(funcs)
        if len(rows) > len(set(r.code for r in rows)):
            codes += f"（{len(rows)} 行合计）"
        yield ctx.finding(row or rows[0], f"{t6.label} {label} {ctx.fmt(a, t6.unit)} ≠ {t51_ref} {codes} 基本支出 "
                                          f"{ctx.fmt(b, t6.unit)}，相差 {ctx.fmt(abs(a - b), t6.unit)} {t6.unit.value}",
                          expected=ctx.fmt(b, t6.unit), actual=ctx.fmt(a, t6.unit), measure="total" if row else "basic")
