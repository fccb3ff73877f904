"""A Budget holding just the table lines Part 3 claims link to (codes, names and figures of the Wuhan
2026 sample's tables), built from model objects so narrative tests do not wait on the table reader."""
from __future__ import annotations

from decimal import Decimal

from yusuan.model import Amount, Budget, Cell, Row, RowLevel, Side, Table, Unit

FUNCTION_ROWS = (
    ("208", "社会保障和就业支出", "80.63"),
    ("20805", "行政事业单位养老支出", "78.43"),
    ("2080502", "事业单位离退休", "31.18"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "31.50"),
    ("2080506", "机关事业单位职业年金缴费支出", "15.75"),
    ("20899", "其他社会保障和就业支出", "2.20"),
    ("2089999", "其他社会保障和就业支出", "2.20"),
    ("210", "卫生健康支出", "51.90"),
    ("21011", "行政事业单位医疗", "51.90"),
    ("2101102", "事业单位医疗", "21.10"),
    ("2101103", "公务员医疗补助", "21.80"),
    ("2101199", "其他行政事业单位医疗支出", "9.00"),
    ("215", "资源勘探工业信息等支出", "595.99"),
    ("21508", "支持中小企业发展和管理支出", "595.99"),
    ("2150899", "其他支持中小企业发展和管理支出", "595.99"),
    ("221", "住房保障支出", "50.12"),
    ("22102", "住房改革支出", "50.12"),
    ("2210201", "住房公积金", "30.00"),
    ("2210202", "提租补贴", "5.00"),
    ("2210203", "购房补贴", "15.12"),
)
ECONOMIC_ROWS = (
    ("301", "工资福利支出", "476.80"),
    ("30101", "基本工资", "67.22"),
    ("302", "商品和服务支出", "51.66"),
    ("30227", "委托业务费", "1.50"),
    ("303", "对个人和家庭的补助", "40.18"),
    ("30302", "退休费", "31.18"),
)
PROJECT_ROWS = (
    ("420100260000220000101", "信息系统运行维护项目", RowLevel.PROJECT, None, "72.00"),
    ("42010026301Y000000103", "电子政务系统运行维护", RowLevel.SUBPROJECT, "420100260000220000101", "72.00"),
    ("420100263010030000100", "工业经济保障经费", RowLevel.PROJECT, None, "138.00"),
    ("42010026301T000000114", "信息化应用与产业研究", RowLevel.SUBPROJECT, "420100263010030000100", "138.00"),
)


def wan(text: str) -> Amount:
    number = Decimal(text)
    places = max(0, -number.as_tuple().exponent)
    return Amount(value=number * 10000, places=places)


def _coded(measure: str, rows) -> tuple[Row, ...]:
    return tuple(
        Row(name=name, code=code, level=RowLevel.for_code(code), cells=(Cell(measure=measure, amount=wan(v)),))
        for code, name, v in rows
    )


def narrative_budget(year: int = 2026) -> Budget:
    classes = [r for r in FUNCTION_ROWS if len(r[0]) == 3]
    tables = (
        Table(id="expenditure_summary", number="3", title="支出总表", rows=(
            Row(name="合计", level=RowLevel.TOTAL, cells=(Cell(measure="total", amount=wan("778.64")),)),
            *_coded("total", FUNCTION_ROWS))),
        Table(id="fiscal_grant_summary", number="4", title="财政拨款收支总表", rows=(
            Row(name="一般公共预算拨款", item="general_budget", side=Side.INCOME,
                cells=(Cell(measure="budget", amount=wan("778.64")),)),
            *(r.model_copy(update={"side": Side.EXPENDITURE}) for r in _coded("budget", classes)))),
        Table(id="general_budget_by_function", number="5-1", title="一般公共预算支出表(分功能科目)",
              rows=_coded("total", FUNCTION_ROWS)),
        Table(id="basic_by_economic", number="6", title="一般公共预算基本支出表", rows=_coded("total", ECONOMIC_ROWS)),
        Table(id="projects", number="10", title="项目支出表", rows=tuple(
            Row(name=name, code=code, level=level, parent=parent, cells=(Cell(measure="total", amount=wan(v)),))
            for code, name, level, parent, v in PROJECT_ROWS)),
    )
    return Budget(unit=Unit(name="武汉市工业信息化中心"), year=year, tables=tables)
