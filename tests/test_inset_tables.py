"""Tables printed inside the narrative (part 3): read when the layout expects them there, else a P001."""
from __future__ import annotations

from decimal import Decimal

import pymupdf
from test_read_pdf import FONT, draw_table, save

from yusuan.extract import extract
from yusuan.read.pdf import read
from yusuan.reference.layouts import load_layout


def opening_pages(doc: pymupdf.Document, total: str, part_three: tuple[str, ...]) -> tuple[pymupdf.Page, float]:
    """A small department budget's first page (表1 in part 2, both sides `total`) and the first page
    of part 3 opening with the lines `part_three`: that page, and the height below its lines."""
    page = doc.new_page(width=595, height=842)
    y = 50
    for text in ("某某局2026年部门预算", "第一部分 部门概况", "本部门负责全市的某项工作。",
                 "第二部分 2026年部门预算表", "部门公开表1", "部门收支总表"):
        page.insert_text((40, y), text, fontname=FONT, fontsize=11)
        y += 20
    draw_table(page, 40, y, [150, 90, 150, 90], [
        ["收入", "预算数", "支出", "预算数"], ["一般公共预算拨款收入", total, "一般公共服务支出", total],
        ["收入总计", total, "支出总计", total]])
    page = doc.new_page(width=595, height=842)
    y = 50
    for text in ("第三部分 2026年部门预算情况说明", *part_three):
        page.insert_text((40, y), text, fontname=FONT, fontsize=11)
        y += 20
    return page, y


def _document(tmp_path, narrative_table: list[list[str]], title: str, widths: list[float]):
    """A small department budget: 表1 in part 2, then part 3 prose with a ruled table inside it."""
    doc = pymupdf.open()
    page, y = opening_pages(doc, "100.00", ("八、其他事项说明", "本年安排会议费和培训费，明细如下。", title, "（2026 年度）"))
    y = draw_table(page, 40, y, widths, narrative_table) + 25
    page.insert_text((40, y), "以上经费均按标准执行。", fontname=FONT, fontsize=11)
    return read(save(doc, tmp_path))


def test_a_table_with_figures_inside_the_narrative_is_reported(tmp_path):
    raw = _document(tmp_path, [["序号", "会议名称", "人数", "金额"], ["1", "年度工作会", "80", "1.20"],
                               ["2", "业务推进会", "40", "0.60"]], "会议费明细表", [50, 150, 60, 80])
    budget, findings = extract(raw, load_layout("central_dept"))
    unread = [f for f in findings if f.code == "P001"]
    assert len(unread) == 1
    assert "第2页的表格“会议费明细表”" in unread[0].message and "未读取（3 行）" in unread[0].message
    assert unread[0].location.source.page == 2
    # The prose around it is still read, the rows stay paragraph text.
    assert [s.title for s in budget.narrative] == ["其他事项说明"]


def test_a_roster_without_figures_is_prose(tmp_path):
    raw = _document(tmp_path, [["序号", "单位名称"], ["1", "某某局本级"], ["2", "某某局信息中心"]],
                    "部门预算单位构成表", [50, 200])
    _, findings = extract(raw, load_layout("central_dept"))
    assert not [f for f in findings if f.code == "P001"]


def test_a_performance_form_the_layout_expects_in_the_narrative_is_read(tmp_path):
    form = [
        ["项目名称", "", "数据平台运维", "", "", "", ""],
        ["主管部门及代码", "", "[100]某某局", "", "实施单位", "某某局本级", ""],
        ["项目资金（万元）", "", "年度资金总额：", "", "300.00", "", "执行率分值（10）"],
        ["", "", "其中：财政拨款", "", "200.00", "", ""],
        ["", "", "上年结转", "", "100.00", "", ""],
        ["", "", "其他资金", "", "-", "", ""],
        ["年度总体目标", "稳定运行。", "", "", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "", "指标值", "分值（90）"],
        ["", "成本指标", "经济成本指标", "项目总成本", "", "≤300 万元", "30"],
        ["", "产出指标", "数量指标", "维护设备数", "", "≥120 台", "30"],
        ["", "满意度指标", "服务对象满意度指标", "使用满意率", "", "≥90%", "30"],
    ]
    raw = _document(tmp_path, form, "数据平台运维绩效目标表", [80, 60, 80, 80, 50, 70, 70])
    budget, findings = extract(raw, load_layout("central_dept"))
    assert not [f for f in findings if f.code in ("P001", "P006")]
    (project,) = budget.project_performance
    assert (project.project_name, project.department, project.executing_unit) == (
        "数据平台运维", "[100]某某局", "某某局本级")
    assert project.annual_budget.value == Decimal("3000000")
    assert [(f.item, f.amount.value if f.amount else None) for f in project.funding] == [
        ("fiscal_grant", Decimal("2000000")), ("carryover", Decimal("1000000")), ("other_funds", None)]
    (goal,) = project.goals
    assert goal.kind == "annual" and project.annual_goal == "稳定运行。"
    devices = goal.indicators[1]
    assert (devices.level1, devices.level2, devices.name) == ("产出指标", "数量指标", "维护设备数")
    assert (devices.target.op, devices.target.number, devices.target.unit, devices.weight) == (
        "≥", Decimal(120), "台", Decimal(30))
    # The form's rows left the prose: no paragraph repeats them.
    assert not [p for s in budget.narrative for p in s.paragraphs if "维护设备数" in p.text]
