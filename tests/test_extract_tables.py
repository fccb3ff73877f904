"""Grid tables 1–10 → Table: values by position, codes, levels, sides, projects, reading issues."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.extract.context import ExtractContext
from yusuan.extract.sections import TableBlock, split_document
from yusuan.extract.tables import block_to_table
from yusuan.extract.two_sided import strip_numbering
from yusuan.model import AmountUnit, RowLevel, Side, Table
from yusuan.read.text import read, text_to_raw
from yusuan.reference.layouts import load_layout

LAYOUT = load_layout("wuhan_unit")
GRID_SHAPES = {"two_sided", "by_code", "by_unit", "single_row", "projects"}
WAN = Decimal(10000)


def _ctx(path: str = "t.txt") -> ExtractContext:
    return ExtractContext(path=path, layout=LAYOUT, unit=AmountUnit.WAN)


def _table(text: str, table_id: str, number: str = "3", title: str = "支出总表",
           layout=LAYOUT) -> tuple[Table, ExtractContext]:
    """A table block written in the test: first line the heading, then the body (tabs separate cells)."""
    raw = text_to_raw(text, "t.txt")
    lines = list(raw.lines())
    ctx = ExtractContext(path="t.txt", layout=layout, unit=AmountUnit(layout.unit))
    block = TableBlock(number=number, title=title, heading=lines[0], lines=tuple(lines[1:]))
    return block_to_table(block, layout.table(table_id), ctx), ctx


def _codes(ctx: ExtractContext) -> list[str]:
    return [f.code for f in ctx.issues]


# ---------------------------------------------------------------------------------------------
# The Wuhan sample
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def wuhan(wuhan_txt):
    raw = read(wuhan_txt)
    parts = split_document(raw, LAYOUT)
    ctx = _ctx(raw.path)
    tables: dict[str, Table] = {}
    blocks: dict[str, TableBlock] = {}
    for block in parts.tables:
        spec = LAYOUT.match_title(block.title)
        if spec is not None and spec.shape in GRID_SHAPES:
            tables[spec.id] = block_to_table(block, spec, ctx)
            blocks[spec.id] = block
    return tables, blocks, ctx


def test_sample_expenditure_summary(wuhan):
    tables, _, ctx = wuhan
    t = tables["expenditure_summary"]
    assert (t.number, t.title, t.unit) == ("3", "支出总表", AmountUnit.WAN)
    assert [c.measure for c in t.columns] == ["total", "basic", "project", "operating", "remit_upper",
                                              "subsidy_subordinate"]
    total = t.total_row()
    assert total.code is None and total.name == "合计"
    assert total.value("total") == 7786400 and total.value("basic") == 5686400 and total.value("project") == 2100000
    assert total.get("operating") is None  # printed blank: absent, not zero
    r208 = t.row(code="208")
    assert r208.level is RowLevel.CLASS and r208.name == "社会保障和就业支出" and r208.value("total") == 806300
    assert r208.get("project") is None
    r = t.row(code="2080505")
    assert r.level is RowLevel.ITEM and r.value("basic") == 315000
    assert t.row(code="20805").level is RowLevel.SECTION
    assert t.source.line is not None and r.cells[0].amount.source.column == 2
    assert ctx.issues == []


def test_sample_by_function_and_by_unit(wuhan):
    tables, _, _ = wuhan
    t = tables["general_budget_by_function"]
    assert [(c.measure, c.label) for c in t.columns] == [
        ("total", "合计"), ("basic", "基本支出/小计"), ("personnel", "基本支出/人员经费"),
        ("public", "基本支出/公用经费"), ("project", "项目支出")]
    r215 = t.row(code="215")
    assert (r215.value("personnel"), r215.value("public"), r215.value("project")) == (3343300, 516600, 2100000)
    r208 = t.row(code="208")
    assert r208.get("public") is None and r208.value("personnel") == 806300
    u = tables["general_budget_by_unit"]
    (row,) = u.rows
    assert row.level is RowLevel.UNIT and row.code == "301014" and row.value("personnel") == 5169800


def test_sample_basic_by_economic(wuhan):
    tables, _, _ = wuhan
    t = tables["basic_by_economic"]
    assert [c.measure for c in t.columns] == ["total", "personnel", "public"]
    r = t.row(code="30231")
    assert r.value("public") == 30000 and r.get("personnel") is None
    assert t.row(code="302").level is RowLevel.CLASS and t.row(code="30101").level is RowLevel.SECTION
    labour = t.row(code="30226")  # printed with every amount blank: the row exists, without cells
    assert labour is not None and labour.cells == ()
    assert t.total_row().value("total") == 5686400


def test_sample_three_public(wuhan):
    tables, _, _ = wuhan
    t = tables["three_public"]
    assert [c.measure for c in t.columns] == ["three_public_total", "abroad", "vehicle_total", "vehicle_purchase",
                                              "vehicle_operation", "reception"]
    (row,) = t.rows
    assert row.name == "“三公”经费" and row.level is RowLevel.LINE
    assert row.value("three_public_total") == 30000
    assert row.value("vehicle_total") == 30000 and row.value("vehicle_operation") == 30000
    assert row.get("abroad") is None and row.get("vehicle_purchase") is None and row.get("reception") is None


def test_sample_two_sided(wuhan):
    tables, _, _ = wuhan
    t = tables["income_expenditure_summary"]
    assert [(c.measure, c.label) for c in t.columns] == [("budget", "预算数")]
    assert t.row(item="general_budget", side=Side.INCOME).value("budget") == 7786400
    c215 = t.row(code="215", side=Side.EXPENDITURE)
    assert c215.level is RowLevel.CLASS and c215.name == "资源勘探工业信息等支出" and c215.value("budget") == 5959900
    total = t.total_row(Side.INCOME)
    assert total.item == "income_total" and total.name == "收入总计" and total.value("budget") == 7786400
    assert t.total_row(Side.EXPENDITURE).item == "expenditure_total"
    blank = t.row(item="gov_fund", side=Side.INCOME)  # a line printed without an amount is kept
    assert blank is not None and blank.cells == ()
    assert t.row(code="201").cells == () and t.row(code="233") is not None  # 廿四、债务发行费用支出
    classes = [r.code for r in t.rows if r.level is RowLevel.CLASS]
    assert len(classes) == 24 == len(set(classes))

    f = tables["fiscal_grant_summary"]
    assert f.row(item="income_current_total").value("budget") == 7786400
    assert f.row(item="general_budget").value("budget") == 7786400
    carried = [r.item for r in f.rows if r.item and r.item.startswith("carryover")]
    assert carried == ["carryover", "carryover_general_budget", "carryover_gov_fund", "carryover_state_capital"]
    assert f.row(item="expenditure_current_total").value("budget") == 7786400
    assert f.row(code="208", side=Side.EXPENDITURE).value("budget") == 806300


def test_sample_projects(wuhan):
    tables, _, _ = wuhan
    t = tables["projects"]
    assert [c.measure for c in t.columns] == ["total", "general_budget", "gov_fund", "state_capital",
                                              "carryover_general_budget", "carryover_gov_fund",
                                              "carryover_state_capital", "special_account", "unit_funds"]
    levels = [(r.level, r.code, r.parent) for r in t.rows]
    assert levels == [
        (RowLevel.PROJECT, "420100260000220000101", None),
        (RowLevel.SUBPROJECT, "42010026301Y000000103", "420100260000220000101"),
        (RowLevel.PROJECT, "420100263010030000100", None),
        (RowLevel.SUBPROJECT, "42010026301T000000114", "420100263010030000100"),
    ]
    sub = t.rows[3]
    assert sub.text("unit") == "武汉市工业信息化中心" and t.rows[2].texts == ()
    assert sub.value("total") == 1380000 and sub.value("general_budget") == 1380000
    assert sub.get("carryover_general_budget") is None


def test_sample_empty_tables(wuhan):
    tables, _, _ = wuhan
    for table_id in ("gov_fund_by_function", "state_capital_by_function"):
        t = tables[table_id]
        assert t.is_empty and t.rows == ()
        assert t.empty_note and "没有" in t.empty_note
        assert [c.measure for c in t.columns] == ["total", "basic", "project"]
    assert tables["expenditure_summary"].empty_note is None


_PRINTED_AMOUNT = re.compile(r"^\d[\d,]*\.\d+$")  # amounts carry decimals; codes never do


def test_sample_every_printed_amount_is_one_cell(wuhan):
    """Every number printed in tables 1–10 is exactly one Cell at its (line, column); none invented."""
    tables, blocks, _ = wuhan
    # 表2 is listed in the contents but absent from the sample's body
    assert sorted(t.number for t in tables.values()) == ["1", "10", "3", "4", "5-1", "5-2", "6", "7", "8", "9"]
    printed: dict[tuple[int, int], Decimal] = {}
    for block in blocks.values():
        for line in block.lines:
            if line.is_table_row:
                for cell in line.cells:
                    if _PRINTED_AMOUNT.match(cell.text.strip()):
                        printed[(line.line_no, cell.col)] = Decimal(cell.text.strip()) * WAN
    produced: list[tuple[tuple[int, int], Decimal]] = [
        ((c.amount.source.line, c.amount.source.column), c.amount.value)
        for t in tables.values() for r in t.rows for c in r.cells]
    assert len(produced) == len(set(k for k, _ in produced))  # no cell read twice
    assert dict(produced) == printed
    assert len(printed) > 200  # guards against a vacuous comparison (the sample prints 206)


# ---------------------------------------------------------------------------------------------
# Synthetic tables
# ---------------------------------------------------------------------------------------------
def test_blank_is_absent_and_zero_is_a_cell():
    text = ("表3\n单位：万元\n"
            "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
            "\t合计\t10.00\t10.00\t0.00\n"
            "201\t一般公共服务支出\t10.00\t\t0.00\n")
    t, ctx = _table(text, "expenditure_summary")
    r = t.row(code="201")
    assert r.get("basic") is None
    assert r.get("project") is not None and r.get("project").value == 0
    assert r.value("total") == 100000 and r.get("total").places == 2
    assert ctx.issues == []


def test_split_code_columns_thousands_separators_and_yuan():
    text = ("表3\n单位：元\n"
            "功能分类科目编码\t\t\t功能分类科目名称\t合 计\t基本支出\t项目支出\n"
            "类\t款\t项\t\t\t\t\n"
            "\t\t\t合计\t1,234,567.89\t1,000,000.00\t234,567.89\n"
            "208\t\t\t社会保障和就业支出\t1,234,567.89\t1,000,000.00\t234,567.89\n"
            "208\t05\t\t行政事业单位养老支出\t1,000,000.00\t1,000,000.00\t\n"
            "208\t05\t05\t机关事业单位基本养老保险缴费支出\t600,000.00\t600,000.00\t\n"
            "\t\t06\t机关事业单位职业年金缴费支出\t400,000.00\t400,000.00\t\n"
            "208\t99\t99\t其他社会保障和就业支出\t234,567.89\t\t234,567.89\n")
    t, ctx = _table(text, "expenditure_summary", title="支出预算总表")
    assert t.unit is AmountUnit.YUAN
    assert [r.code for r in t.rows] == [None, "208", "20805", "2080505", "2080506", "2089999"]
    assert t.row(code="208").value("total") == Decimal("1234567.89")
    assert t.row(code="2080505").level is RowLevel.ITEM and t.row(code="2080505").value("basic") == 600000
    assert t.row(code="2080506").value("total") == 400000
    assert t.row(code="2089999").get("basic") is None and t.row(code="2089999").value("project") == Decimal("234567.89")
    assert t.total_row().get("project").unit is AmountUnit.YUAN
    assert ctx.issues == []


def test_repeated_header_footer_notes_and_spaced_labels():
    text = ("表5-1\n单位：万元\n"
            "科目编码\t科目名称\t合 计\t基 本 支 出\t\t\t项 目 支 出\n"
            "\t\t\t小计\t人员 经费\t公用 经费\t\n"
            "208\t社会保障和就业支出\t3.00\t2.00\t1.50\t0.50\t1.00\n"
            "第 3 页\n"
            "\t第 3 页\t\t\t\t\t\n"
            "- 4 -\n"
            "科目编码\t科目名称\t合 计\t基 本 支 出\t\t\t项 目 支 出\n"
            "\t\t\t小计\t人员 经费\t公用 经费\t\n"
            "210\t卫生健康支出\t1.00\t\t\t\t1.00\n"
            "7\n"
            "备注：本表的数字为测试数据。\n")
    t, ctx = _table(text, "general_budget_by_function", number="5-1", title="一般公共预算支出表(分功能科目)")
    assert [c.measure for c in t.columns] == ["total", "basic", "personnel", "public", "project"]
    assert [r.code for r in t.rows] == ["208", "210"]
    assert t.row(code="208").value("public") == 5000
    r210 = t.row(code="210")
    assert [c.measure for c in r210.cells] == ["total", "project"]
    assert ctx.issues == []


def test_code_and_name_in_one_cell_and_spaced_total():
    text = ("表6\n单位：万元\n"
            "科目\t合计\t人员经费\t公用经费\n"
            "合 计\t5.00\t4.00\t1.00\n"
            "301 工资福利支出\t4.00\t4.00\t\n"
            "30201 办公费\t1.00\t\t1.00\n")
    t, ctx = _table(text, "basic_by_economic", number="6", title="一般公共预算基本支出表")
    assert [(r.code, r.name, r.level) for r in t.rows] == [
        (None, "合 计", RowLevel.TOTAL), ("301", "工资福利支出", RowLevel.CLASS), ("30201", "办公费", RowLevel.SECTION)]
    assert t.row(code="30201").value("public") == 10000 and t.row(code="30201").get("personnel") is None
    assert ctx.issues == []


def test_three_public_maps_by_position():
    text = ("表7\n单位：万元\n"
            "“三公”经费合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n"
            "\t\t小计\t公务用车购置费\t公务用车运行费\t\n"
            "5.00\t2.00\t\t\t\t3.00\n")
    t, _ = _table(text, "three_public", number="7", title="一般公共预算“三公”经费支出表")
    (row,) = t.rows
    assert row.value("abroad") == 20000 and row.value("reception") == 30000
    assert row.get("vehicle_total") is None and row.get("vehicle_operation") is None


def test_reading_issues():
    text = ("表3\n单位：万元\n"
            "科目编码\t科目名称\t合计\t基本支出\t项目支出\t自定义栏\n"
            "201\t一般公共服务支出\t1.00\tabc\t\t9.00\n"
            "\t某个没有编码的行\t2.00\t2.00\t\t\n")
    t, ctx = _table(text, "expenditure_summary")
    assert [r.code for r in t.rows] == ["201"]
    assert t.row(code="201").get("basic") is None and [c.measure for c in t.row(code="201").cells] == ["total"]
    assert sorted(_codes(ctx)) == ["P002", "P003", "P006"]
    p002 = next(f for f in ctx.issues if f.code == "P002")
    assert p002.actual == "abc" and p002.location.source.column == 3 and p002.location.table == "expenditure_summary"


def test_two_sided_numbering_and_sublines():
    assert strip_numbering("廿一、其他支出").name == "其他支出"
    assert strip_numbering("(十二)资源勘探工业信息等支出") == strip_numbering("（十二）资源勘探工业信息等支出")
    assert strip_numbering("收 入 总 计").name == "收入总计" and strip_numbering("一般公共预算拨款").depth == 0
    text = ("表4\n单位：万元\n"
            "收 入\t\t支 出\t\n"
            "项目\t预算数\t项目\t预算数\n"
            "一、本年收入\t100.00\t一、本年支出\t120.00\n"
            "（一）一般公共预算拨款\t100.00\t(一)一般公共服务支出\t120.00\n"
            "二、上年结转\t20.00\t（二）医疗卫生与计划生育支出\t\n"
            "(一)一般公共预算拨款\t20.00\t\t\n"
            "第 2 页\n"
            "收 入\t\t支 出\t\n"
            "（二）政府性基金预算拨款\t\t（廿二）债务还本支出\t\n"
            "\t\t二、年终结转结余\t\n"
            "收 入 总 计\t120.00\t支 出 总 计\t120.00\n")
    t, ctx = _table(text, "fiscal_grant_summary", number="4", title="财政拨款收支总表")
    income = [(r.item, r.value("budget")) for r in t.rows if r.side is Side.INCOME]
    assert income == [("income_current_total", 1000000), ("general_budget", 1000000), ("carryover", 200000),
                      ("carryover_general_budget", 200000), ("carryover_gov_fund", 0), ("income_total", 1200000)]
    assert t.row(item="carryover_gov_fund").cells == ()
    expenditure = [(r.code or r.item, r.level) for r in t.rows if r.side is Side.EXPENDITURE]
    assert expenditure == [("expenditure_current_total", RowLevel.LINE), ("201", RowLevel.CLASS),
                           ("210", RowLevel.CLASS), ("231", RowLevel.CLASS),
                           ("year_end_balance", RowLevel.LINE), ("expenditure_total", RowLevel.TOTAL)]
    assert t.row(code="210").name == "医疗卫生与计划生育支出"  # an outdated name still names its class
    assert ctx.issues == []


def test_two_sided_with_several_expenditure_columns():
    """Shanghai 财务收支预算总表: the expenditure side carries 合计, 人员经费, 公用经费, 项目支出."""
    text = ("表1\n单位：元\n"
            "本年收入\t\t本年支出\t\t\t\t\n"
            "项目\t预算数\t项目\t预算数\t\t\t\n"
            "\t\t\t合计\t基本支出\t\t项目支出\n"
            "\t\t\t\t人员经费\t公用经费\t\n"
            "财政拨款收入\t1,500,000\t一般公共服务支出\t1,200,000\t900,000\t\t300,000\n"
            "事业收入\t\t住房保障支出\t300,000\t\t100,000\t200,000\n"
            "收入总计\t1,500,000\t支出总计\t1,500,000\t900,000\t100,000\t500,000\n")
    t, ctx = _table(text, "income_expenditure_summary", number="1", title="财务收支预算总表",
                    layout=load_layout("shanghai_unit"))
    assert [c.measure for c in t.columns] == ["budget", "total", "personnel", "public", "project"]
    assert [c.label for c in t.columns][1:3] == ["预算数/合计", "预算数/基本支出/人员经费"]
    assert t.row(item="fiscal_grant").value("budget") == 1500000
    r201 = t.row(code="201")
    assert {c.measure: c.amount.value for c in r201.cells} == {"total": 1200000, "personnel": 900000,
                                                                "project": 300000}
    assert t.row(code="221").get("personnel") is None and t.row(code="221").value("public") == 100000
    assert t.total_row(Side.EXPENDITURE).value("project") == 500000
    assert ctx.issues == []


def test_layout_header_hints_name_columns():
    """Shanghai 三公 table: headers named by the layout's printed paths ({year} is any year), 万元."""
    text = ("表9\n单位：万元\n"
            "2024年“三公”经费预算数\t\t\t\t\t\t2024年机关运行经费预算数\n"
            "合计\t因公出国(境)费\t公务接待费\t公务用车购置及运行费\t\t\t\n"
            "\t\t\t小计\t购置费\t运行费\t\n"
            "3.50\t\t0.50\t3.00\t\t3.00\t12.00\n")
    t, ctx = _table(text, "three_public", number="9", title="“三公”经费和机关运行经费预算表",
                    layout=load_layout("shanghai_unit"))
    assert [c.measure for c in t.columns] == ["three_public_total", "abroad", "reception", "vehicle_total",
                                              "vehicle_purchase", "vehicle_operation", "gov_operation_cost"]
    (row,) = t.rows
    assert row.value("three_public_total") == 35000 and row.value("vehicle_operation") == 30000
    assert row.get("vehicle_purchase") is None and row.value("gov_operation_cost") == 120000
    assert ctx.issues == []


@pytest.mark.parametrize("level_form", ["column", "indent"])
def test_project_levels_other_forms(level_form):
    if level_form == "column":
        header = "项目编码\t项目名称\t项目级次\t合计\t单位资金\n"
        lines = ("P01\t甲项目\t一级项目\t5.00\t\n"
                 "P0101\t甲的子项目\t二级项目\t5.00\t\n"
                 "P02\t乙项目\t一级项目\t1.00\t1.00\n")
    else:
        header = "项目编码\t项目名称\t合计\t单位资金\n"
        lines = ("P01\t甲项目\t5.00\t\n"
                 "P0101\t  甲的子项目\t5.00\t\n"
                 "P02\t乙项目\t1.00\t1.00\n")
    t, ctx = _table("表10\n单位：万元\n" + header + lines + "合计\t\t" + ("\t" if level_form == "column" else "")
                    + "6.00\t1.00\n", "projects", number="10", title="项目支出表")
    assert [(r.level, r.code, r.parent) for r in t.rows] == [
        (RowLevel.PROJECT, "P01", None), (RowLevel.SUBPROJECT, "P0101", "P01"), (RowLevel.PROJECT, "P02", None),
        (RowLevel.TOTAL, None, None)]
    assert t.row(code="P02").value("unit_funds") == 10000 and t.row(code="P01").get("unit_funds") is None
    assert t.total_row().value("total") == 60000
    assert ctx.issues == []


# ---------------------------------------------------------------------------------------------
# Property: a random by_code table, rendered and read back, keeps every amount in its place
# ---------------------------------------------------------------------------------------------
MEASURES = ("total", "basic", "project", "operating")
HEADER = ("科目编码", "科目名称", "合计", "基本支出", "项目支出", "事业单位 经营支出")
NAMES = ("一般公共服务支出", "行政运行", "事业运行", "其他支出", "住房公积金", "机关事业单位基本养老保险缴费支出")

codes = st.one_of(
    st.from_regex(r"2[0-3][0-9]", fullmatch=True),
    st.from_regex(r"2[0-3][0-9][0-9]{2}", fullmatch=True),
    st.from_regex(r"2[0-3][0-9][0-9]{4}", fullmatch=True),
)
amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**11).map(lambda c: Decimal(c).scaleb(-2)))
rows_strategy = st.lists(
    st.tuples(codes, st.sampled_from(NAMES), st.tuples(*(amounts for _ in MEASURES))),
    min_size=1, max_size=12, unique_by=lambda r: r[0])
pads = st.sampled_from(["", " ", "  ", "\u3000"])


def _render(value: Decimal | None, thousands: bool) -> str:
    if value is None:
        return ""
    return f"{value:,.2f}" if thousands else f"{value:.2f}"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows_strategy, unit=st.sampled_from(["万元", "元"]), thousands=st.booleans(),
       pad=st.data())
def test_property_by_code_roundtrip(rows, unit, thousands, pad):
    lines = ["表3", f"单位：{unit}", "\t".join(pad.draw(pads) + h + pad.draw(pads) for h in HEADER)]
    for code, name, values in rows:
        cells = [code, name, *(_render(v, thousands) for v in values)]
        lines.append("\t".join(pad.draw(pads) + c + pad.draw(pads) for c in cells))
    t, ctx = _table("\n".join(lines) + "\n", "expenditure_summary")
    factor = WAN if unit == "万元" else Decimal(1)
    assert ctx.issues == []
    assert [r.code for r in t.rows] == [code for code, _, _ in rows]
    for code, name, values in rows:
        row = t.row(code=code)
        assert row.name == name and row.level is RowLevel.for_code(code)
        expected = {m: v * factor for m, v in zip(MEASURES, values) if v is not None}
        assert {c.measure: c.amount.value for c in row.cells} == expected


def test_basic_printed_as_its_two_parts_is_read_in_a_layout_without_them():
    # 基本支出 over 人员支出 | 日常公用支出 (Hangzhou's 支出总表), read with a layout whose 支出总表 lists
    # only 基本支出: the two parts are still 人员经费 and 公用经费, and 基本支出 is their sum in summary.
    text = ("表3\n单位：万元\n"
            "功能分类科目编码\t功能分类科目名称\t总计\t基本支出\t\t项目支出\n"
            "\t\t\t人员支出\t日常公用支出\t\n"
            "\t合计\t100.00\t60.00\t10.00\t30.00\n"
            "208\t社会保障和就业支出\t100.00\t60.00\t10.00\t30.00\n")
    t, ctx = _table(text, "expenditure_summary", title="支出预算总表")
    assert [c.measure for c in t.columns] == ["total", "personnel", "public", "project"]
    assert t.total_row().value("public") == 10 * WAN and "P003" not in _codes(ctx)


# ---------------------------------------------------------------------------------------------
# Tables grouped by unit (Shenzhen: a 预算单位 column, the department's line over the units' lines)
# ---------------------------------------------------------------------------------------------
SHENZHEN = load_layout("shenzhen_dept")
_GROUPED_HEAD = ("表3\n部门名称：测试局\n单位：万元\n"
                 "预算单位\t科目编码\t科目名称\t支出总计\t基本支出\t项目支出\n")
_UNIT_A = ("测试局（本级）\t\t\t18.00\t12.00\t6.00\n"
           "\t208\t社会保障和就业支出\t18.00\t12.00\t6.00\n"
           "\t20805\t行政事业单位养老支出\t18.00\t12.00\t6.00\n"
           "\t2080505\t机关事业单位基本养老保险缴费支出\t18.00\t12.00\t6.00\n")
_UNIT_B = ("测试中心\t\t\t12.00\t8.00\t4.00\n"
           "\t208\t社会保障和就业支出\t12.00\t8.00\t4.00\n"
           "\t20805\t行政事业单位养老支出\t12.00\t8.00\t4.00\n"
           "\t2080505\t机关事业单位基本养老保险缴费支出\t12.00\t8.00\t4.00\n")


def test_department_line_over_units_is_the_total():
    text = _GROUPED_HEAD + "测试局\t\t\t30.00\t20.00\t10.00\n" + _UNIT_A + _UNIT_B
    t, ctx = _table(text, "expenditure_summary", layout=SHENZHEN)
    total = t.total_row()
    assert total.name == "测试局" and total.value("total") == 300000 and total.value("basic") == 200000
    groups = t.unit_groups()
    assert [(head.name, head.value("total"), [r.code for r in rows]) for head, rows in groups] == [
        ("测试局（本级）", 180000, ["208", "20805", "2080505"]), ("测试中心", 120000, ["208", "20805", "2080505"])]
    assert ctx.issues == []


def test_department_line_named_but_not_summing_is_still_the_total():
    # The department's line prints 30.01 (a document's rounding): the 部门名称 line names it.
    text = _GROUPED_HEAD + "测试局\t\t\t30.01\t20.00\t10.01\n" + _UNIT_A + _UNIT_B
    t, _ = _table(text, "expenditure_summary", layout=SHENZHEN)
    assert t.total_row().name == "测试局" and t.total_row().value("total") == 300100


def test_units_without_a_department_line_have_no_total():
    # Each unit's line heads its codes: no line over the units, no total (never one unit's figures).
    t, _ = _table(_GROUPED_HEAD + _UNIT_A + _UNIT_B, "expenditure_summary", layout=SHENZHEN)
    assert t.total_row() is None and len(t.unit_groups()) == 2
    # A first unit line directly over another one that neither sums the others nor names the department.
    text = _GROUPED_HEAD + "测试站\t\t\t5.00\t5.00\t0.00\n" + _UNIT_A + _UNIT_B
    t, _ = _table(text, "expenditure_summary", layout=SHENZHEN)
    assert t.total_row() is None


def test_income_by_unit_first_line_summing_the_others_is_the_total():
    text = ("表2\n部门名称：测试局\n单位：万元\n"
            "预算单位\t收入总计\t一般公共预算拨款\n"
            "测试局\t30.00\t30.00\n"
            "测试局（本级）\t18.00\t18.00\n"
            "测试中心\t12.00\t12.00\n")
    t, _ = _table(text, "income_summary", number="2", title="收入总表", layout=SHENZHEN)
    assert [(r.name, r.level) for r in t.rows] == [
        ("测试局", RowLevel.TOTAL), ("测试局（本级）", RowLevel.UNIT), ("测试中心", RowLevel.UNIT)]
    # Three units, the first not their sum: none is the total.
    t, _ = _table(text.replace("测试局\t30.00\t30.00", "测试站\t5.00\t5.00"), "income_summary", number="2",
                  title="收入总表", layout=SHENZHEN)
    assert all(r.level is RowLevel.UNIT for r in t.rows)


def test_three_public_blocks_of_year_lines_per_unit():
    text = ("表9\n部门名称：测试局\n单位：万元\n"
            "预算单位\t年度\t“三公”经费合计\t因公出国（境）费\t公务接待费\t公务用车购置及运行费\t\t\n"
            "\t\t\t\t\t小计\t公务用车购置费\t公务用车运行费\n"
            "测试局\t2025 年\t5.00\t2.00\t1.00\t2.00\t0.00\t2.00\n"
            "\t2026 年\t6.00\t3.00\t1.00\t2.00\t0.00\t2.00\n"
            "\t增减变化金额\t1.00\t1.00\t0.00\t0.00\t0.00\t0.00\n"
            "测试局（本级）\t2025 年\t5.00\t2.00\t1.00\t2.00\t0.00\t2.00\n"
            "\t2026 年\t6.00\t3.00\t1.00\t2.00\t0.00\t2.00\n"
            "\t增减变化金额\t1.00\t1.00\t0.00\t0.00\t0.00\t0.00\n")
    # The department's block, then each unit's (Shenzhen 表9), read here with another region's layout.
    t, ctx = _table(text, "three_public", number="9", title="一般公共预算“三公”经费支出表")
    assert [(r.name, r.level, r.value("three_public_total"), r.value("three_public_total@prior")) for r in t.rows] == [
        ("“三公”经费", RowLevel.LINE, 60000, 50000), ("测试局（本级）", RowLevel.UNIT, 60000, 50000)]
    assert "P006" not in _codes(ctx)


def test_three_public_by_fund_only_gives_the_measures_from_the_general_budget_block():
    # Shenzhen 表9 read without its layout: each measure over 一般公共预算 | 政府性基金预算 | 国有资本经营预算;
    # the other funds' blocks are zero, so the general budget's block is the measure.
    text = ("表9\n单位：万元\n"
            "年度\t“三公”经费合计\t\t\t因公出国（境）费\t\t\t公务接待费\t\t\n"
            "\t一般公共预算\t政府性基金预算\t国有资本经营预算\t一般公共预算\t政府性基金预算\t国有资本经营预算\t"
            "一般公共预算\t政府性基金预算\t国有资本经营预算\n"
            "2026 年\t3.00\t0.00\t0.00\t2.00\t0.00\t0.00\t1.00\t0.00\t0.00\n")
    t, _ = _table(text, "three_public", number="9", title="一般公共预算“三公”经费支出表")
    (row,) = t.rows
    assert [row.value(m) for m in ("three_public_total", "abroad", "reception")] == [30000, 20000, 10000]
    assert row.get("abroad@gov_fund").value == 0
    # A fund block that is not zero: no measure is taken for the fiscal grant's (it is the sum).
    t, _ = _table(text.replace("2.00\t0.00\t0.00\t1.00", "2.00\t0.50\t0.00\t1.00"), "three_public", number="9",
                  title="一般公共预算“三公”经费支出表")
    assert t.rows[0].get("abroad") is None and t.rows[0].get("reception").value == 10000
