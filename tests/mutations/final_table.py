"""Mutations of a 决算 (examples/final-demo-2024.yaml rendered to HTML by yusuan): each one a mistake a
compiler of a 决算 could make — a cell, a word, a year, a unit's name, a table removed or emptied. The
rendered document checks clean; each mutation must bring a new finding of an expected code at the
mutated place (a table's row, or the narrative section; `Where` as in mutations/table.py).

The HTML prints one table row per line and the whole 情况说明 on one line: narrative mutations are placed
by their section (and line), table mutations by table and row."""
from __future__ import annotations

from mutations.table import Edit as E
from mutations.table import Mutation
from mutations.table import Where as _Where

T1, T2, T3, T4 = "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_grant_summary"
T5, T6, T7, T8, T9 = ("general_budget_by_function", "basic_by_economic", "three_public", "gov_fund_by_function",
                      "state_capital_by_function")
NARRATIVE = '<h1 class="part-title">第三部分 某某区示例局2024年部门决算情况说明'


def _delete_table(title: str, next_title: str):
    """Delete a table: its title line up to the next table's title line (the section tags stay)."""
    def how(lines: list[str]) -> tuple[list[str], None]:
        i = next(k for k, t in enumerate(lines) if title in t)
        j = next(k for k in range(i + 1, len(lines)) if next_title in lines[k])
        return lines[:i] + lines[j - 0:], None
    return how


def Where(**kw) -> _Where:
    """A place by table/row/section: the HTML reader numbers its own lines (not the file's)."""
    return _Where(line=None, **kw)


def N(old: str, new: str) -> tuple[E, ...]:
    """An edit of the narrative (one line)."""
    return (E(NARRATIVE, old, new),)


MUTATIONS: tuple[Mutation, ...] = (
    # --- 表1 收入支出决算总表 ------------------------------------------------------------------------
    Mutation("t1-begin-balance", "表1", "表1 年初结转和结余 30.00→35.00（左右两方不再相等）",
             (E("<td>年初结转和结余</td>", "30.00", "35.00"),), ("S106", "S160", "S108"), Where(table=T1)),
    Mutation("t1-end-balance", "表1", "表1 年末结转和结余 40.00→45.00",
             (E("<td>年末结转和结余</td>", "40.00", "45.00"),), ("S107", "S160", "S108"), Where(table=T1)),
    Mutation("t1-class", "表1", "表1 社会保障和就业支出 120.00→125.00",
             (E("二、政府性基金预算财政拨款收入", "120.00", "125.00"),), ("X201",), Where(table=T1, row="208")),
    Mutation("t1-other-income", "表1", "表1 其他收入 20.00→25.00",
             (E("八、其他收入", "20.00", "25.00"),), ("S106",), Where(table=T1)),
    # --- 表2 收入决算表 -----------------------------------------------------------------------------------
    Mutation("t2-item", "表2", "表2 2010601 行政运行 本年收入合计 610.00→620.00",
             (E("2010601", "610.00", "620.00", after='<h2 class="table-title">表2 收入决算表'),), ("S104",), Where(table=T2, row="2010601")),
    Mutation("t2-total", "表2", "表2 合计 1020.00→1030.00",
             (E('<td class="center bold">合计</td>', "1020.00", "1030.00", after='<h2 class="table-title">表2 收入决算表'),), ("S101", "S104", "X231"), Where(table=T2)),
    # --- 表3 支出决算表 -----------------------------------------------------------------------------------
    Mutation("t3-basic", "表3", "表3 2010601 基本支出 600.00→610.00（合计仍 600.00）",
             (E("2010601", "600.00</td><td class=\"amount\">600.00", "600.00</td><td class=\"amount\">610.00",
                after='<h2 class="table-title">表3 支出决算表'),), ("S104",), Where(table=T3, row="2010601")),
    Mutation("t3-total", "表3", "表3 合计 1010.00→1000.00",
             (E('<td class="center bold">合计</td>', "1010.00", "1000.00", after='<h2 class="table-title">表3 支出决算表'),), ("S101", "S104", "X231"), Where(table=T3)),
    # --- 表4 财政拨款收入支出决算总表 -------------------------------------------------------------------
    Mutation("t4-current", "表4", "表4 本年收入合计 1000.00→1010.00",
             (E("<td>本年收入合计</td><td class=\"amount\">1000.00", "1000.00", "1010.00"),),
             ("S106", "S160", "X231", "X205"), Where(table=T4)),
    Mutation("t4-end", "表4", "表4 年末财政拨款结转和结余 30.00→35.00",
             (E("年末财政拨款结转和结余", "30.00", "35.00"),), ("S107", "S160", "S108"), Where(table=T4)),
    Mutation("t4-class", "表4", "表4 一般公共服务支出 780.00→790.00",
             (E("一、一般公共预算财政拨款</td>", "780.00", "790.00"),), ("X203",), Where(table=T4, row="201")),
    # --- 表5 一般公共预算财政拨款支出决算表 ---------------------------------------------------------------
    Mutation("t5-item", "表5", "表5 2080505 80.00→85.00",
             (E("2080505", "80.00", "85.00", after='<h2 class="table-title">表5 一般公共预算'),), ("S104", "T430"), Where(table=T5, row="2080505")),
    Mutation("t5-basic", "表5", "表5 合计 基本支出 790.00→795.00",
             (E('<td class="center bold">合计</td>', "790.00", "795.00", after='<h2 class="table-title">表5 一般公共预算'),), ("S101", "S104", "X230"), Where(table=T5)),
    # --- 表6 一般公共预算财政拨款基本支出决算表 -------------------------------------------------------------
    Mutation("t6-section", "表6", "表6 30101 基本工资 300.00→310.00",
             (E("30101", "300.00", "310.00"),), ("S102",), Where(table=T6, row="301")),
    Mutation("t6-personnel", "表6", "表6 人员经费合计 720.00→730.00",
             (E("人员经费合计</td>", "720.00", "730.00"),), ("S161",), Where(table=T6, row="人员经费合计")),
    # --- 表7 “三公” ---------------------------------------------------------------------------------------
    Mutation("t7-actual", "表7", "表7 “三公”经费合计（决算数）25.00→26.00",
             (E("<td class=\"amount\">25.00</td><td class=\"amount\">2.00", "25.00", "26.00"),), ("S109",),
             Where(table=T7)),
    Mutation("t7-planned", "表7", "表7 因公出国（境）费（预算数）10.00→12.00",
             (E("<td class=\"amount\">25.00</td><td class=\"amount\">2.00", "30.00</td><td class=\"amount\">10.00",
                "30.00</td><td class=\"amount\">12.00"),), ("S153",), Where(table=T7)),
    # --- tables removed or emptied -----------------------------------------------------------------------
    Mutation("t7-removed", "缺表", "删去表7 “三公”经费支出决算表",
             _delete_table('<h2 class="table-title">表7 财政拨款“三公”经费支出决算表', '<h2 class="table-title">表8 政府性基金预算'), ("C002",),
             Where(table=T7)),
    Mutation("t8-removed", "缺表", "删去表8 政府性基金预算财政拨款收入支出决算表",
             _delete_table('<h2 class="table-title">表8 政府性基金预算财政拨款收入支出决算表', '<h2 class="table-title">表9 国有资本经营预算'), ("C002",),
             Where(table=T8)),
    Mutation("t8-values", "空表", "表8 注明“本表无数据”却有数（合计 本年支出 5.00）",
             (E("<td class=\"center bold\">合计</td>",
                "<td class=\"amount bold\"></td><td class=\"amount bold\"></td><td class=\"amount bold\"></td>",
                "<td class=\"amount bold\"></td><td class=\"amount bold\"></td><td class=\"amount bold\">5.00</td>",
                after='<h2 class="table-title">表8 政府性基金预算'),), ("C005",), Where(table=T8)),
    Mutation("t9-unexplained", "空表", "表9 为空表，删去表下和说明中的原因",
             (E("故本表无数据。</p>", "注：某某区示例局2024年度无国有资本经营预算财政拨款收入和支出，故本表无数据。", "",
                after='<h2 class="table-title">表9 国有资本经营预算'),
              E(NARRATIVE, "某某区示例局2024年度无国有资本经营预算财政拨款收入和支出。", "")),
             ("C004",), Where(table=T9)),
    # --- 情况说明: amounts, percentages, words, years, names ---------------------------------------------
    Mutation("n1-amount", "说明金额", "一、收入支出总计 1050.00→1060.00", N("收入支出总计1050.00", "收入支出总计1060.00"),
             ("T401",), Where(section="一、")),
    Mutation("n4-fiscal-total", "说明金额", "四、财政拨款收入支出总计 1020.00→0.30（持平）",
             N("财政拨款收入支出总计1020.00", "财政拨款收入支出总计0.30"), ("T401",), Where(section="四、")),
    Mutation("n5-class", "说明金额", "五、一般公共服务支出（类）780.00→790.00",
             N("一般公共服务支出（类）780.00", "一般公共服务支出（类）790.00"), ("T401",), Where(section="五、")),
    Mutation("n5-actual", "说明金额", "五、行政运行（项）支出决算 580.00→590.00",
             N("支出决算为580.00", "支出决算为590.00"), ("T430", "T431"), Where(section="五、")),
    Mutation("n6-personnel", "说明金额", "六、人员经费 720.00→730.00", N("人员经费720.00", "人员经费730.00"),
             ("T401",), Where(section="六、")),
    Mutation("n7-reception", "说明金额", "七、公务接待费决算 3.00→4.00",
             N("公务接待费支出决算为3.00", "公务接待费支出决算为4.00"), ("T430", "T401", "T431"), Where(section="七、")),
    Mutation("n7-planned", "说明金额", "七、“三公”经费年初预算 30.00→32.00",
             N("年初预算为30.00", "年初预算为32.00"), ("T434", "T431"), Where(section="七、")),
    Mutation("n1-percent", "说明百分比", "一、增长 5.00%→6.00%", N("增长5.00%", "增长6.00%"), ("T403",),
             Where(section="一、")),
    Mutation("n2-share", "说明百分比", "二、财政拨款收入占 98.04%→97.04%", N("占98.04%", "占97.04%"), ("T402",),
             Where(section="二、")),
    Mutation("n5-share", "说明百分比", "五、一般公共服务支出占 78.79%→71.73%", N("占78.79%", "占71.73%"), ("T402",),
             Where(section="五、")),
    Mutation("n5-rate", "说明百分比", "五、行政运行完成率 96.67%→97.67%", N("96.67%", "97.67%"), ("T431",),
             Where(section="五、")),
    Mutation("n5-total-rate", "说明百分比", "五、一般公共预算完成率 99.00%→98.00%", N("99.00%", "98.00%"), ("T431",),
             Where(section="五、")),
    Mutation("n5-zero-budget", "说明百分比", "五、行政单位医疗年初预算写 0 却仍写完成率 114.29%",
             N("年初预算为35.00", "年初预算为0.00"), ("T432",), Where(section="五、")),
    Mutation("n7-rate", "说明百分比", "七、因公出国（境）费完成预算的 20.00%→25.00%", N("完成预算的20.00%", "完成预算的25.00%"),
             ("T431",), Where(section="七、")),
    Mutation("n7-change", "说明百分比", "七、“三公”经费下降 10.71%→11.71%", N("下降10.71%", "下降11.71%"), ("T403",),
             Where(section="七、")),
    Mutation("n5-word", "说明用词", "五、行政运行 决算数小于预算数→大于",
             N("决算数小于预算数的主要原因是人员变动", "决算数大于预算数的主要原因是人员变动"), ("T433",), Where(section="五、")),
    Mutation("n5-equal-word", "说明用词", "五、养老保险缴费 决算数等于预算数→小于", N("决算数等于预算数", "决算数小于预算数"),
             ("T433",), Where(section="五、")),
    Mutation("n4-direction", "说明用词", "四、持平→增加 0.00 万元", N("与2023年度相比持平", "与2023年度相比，增加0.00 万元"),
             ("T404",), Where(section="四、")),
    Mutation("n7-direction", "说明用词", "七、减少 3.00 万元，下降→增长", N("下降10.71%", "增长10.71%"), ("T404",),
             Where(section="七、")),
    Mutation("n-snapshot-year", "年份", "十、截至 2024 年 12 月 31 日→2023 年", N("截至2024年12月31日", "截至2023年12月31日"),
             ("X303",), Where(section="十、")),
    Mutation("n-year", "年份", "一、“2024年度收入支出总计”→“2023年度”", N("示例局2024年度收入支出总计", "示例局2023年度收入支出总计"),
             ("X301",), Where()),
    Mutation("n-compared-year", "年份", "一、“与2023年度相比”→“与2022年度相比”",
             N("。与2023年度相比，增加50.00", "。与2022年度相比，增加50.00"), ("X301",), Where()),
    Mutation("h-unit-name", "单位名称", "第三部分标题的单位名称 某某区示例局→某某县示例局",
             N("第三部分 某某区示例局", "第三部分 某某县示例局"), ("X304",), Where()),
    Mutation("tolerance-one-unit", "容差", "表5 一个项的合计改动 0.01 万元（一个末位单位）：不报告",
             (E("2210201", "<td class=\"amount\">50.00</td><td class=\"amount\">50.00",
                "<td class=\"amount\">50.01</td><td class=\"amount\">50.00", after='<h2 class="table-title">表5 一般公共预算'),),
             (), Where(), expect_silent=True),
)
