"""An untitled key-project list inside the narrative (Shenzhen's 第七部分): known by its printed column
labels, its long text cell carried over a page joined back into the row it belongs to."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pymupdf
from test_inset_tables import opening_pages
from test_read_pdf import FONT, draw_table, save

from yusuan.extract import extract
from yusuan.model import RowLevel
from yusuan.read.pdf import read
from yusuan.reference.layouts import TableSpec, load_layout

HEADER = ["二级预算单位名称", "一级项目名称", "预算数（万元）", "绩效目标"]
WIDTHS = [110, 110, 90, 200]
KEY_PROJECTS = TableSpec(id="key_projects", number="", title="重点项目预算绩效目标情况", shape="label_tree",
                         required=False, in_narrative=True, unit="万元", columns=("total",),
                         name_columns=("一级项目名称",), headers={"total": "预算数（万元）"})


def _document(tmp_path, first_page: list[list[str]], second_page: list[list[str]]):
    """表1 in part 2, then part 3 prose with the list under a heading that does not name it, its last
    row's text going on at the top of the next page."""
    doc = pymupdf.open()
    page, y = opening_pages(doc, "30.00", ("九、项目绩效说明", "本单位各项目的目标如下："))
    draw_table(page, 40, y, WIDTHS, first_page)
    page = doc.new_page(width=595, height=842)
    y = draw_table(page, 40, 50, WIDTHS, second_page) + 25
    page.insert_text((40, y), "以上项目均按计划实施。", fontname=FONT, fontsize=11)
    return read(save(doc, tmp_path))


def test_untitled_list_known_by_its_columns_and_a_row_carried_over_the_page(tmp_path):
    raw = _document(tmp_path, [HEADER, ["某某局本级", "数据采集", "12.50", "完成采集任务"],
                               ["某某局本级", "年度调查", "17.50", "调查覆盖"]],
                    [["", "", "", "全部区县"]])
    layout = load_layout("central_dept")
    budget, findings = extract(raw, replace(layout, tables=(*layout.tables, KEY_PROJECTS)))
    assert not [f for f in findings if f.code in ("P001", "P003")]
    table = budget.table("key_projects")
    assert [(r.name, r.level, r.value("total"), r.source.page) for r in table.rows] == [
        ("数据采集", RowLevel.LINE, Decimal("125000"), 2), ("年度调查", RowLevel.LINE, Decimal("175000"), 2)]
    assert [dict(r.texts)["绩效目标"] for r in table.rows] == ["完成采集任务", "调查覆盖全部区县"]
    # Its rows left the prose.
    assert not [p for s in budget.narrative for p in s.paragraphs if "全部区县" in p.text]


def test_without_the_layouts_table_the_list_is_reported(tmp_path):
    raw = _document(tmp_path, [HEADER, ["某某局本级", "数据采集", "12.50", "完成采集任务"]],
                    [["", "", "", "全部区县"]])
    _, findings = extract(raw, load_layout("central_dept"))
    (unread,) = [f for f in findings if f.code == "P001"]
    assert "第2–3页的表格（二级预算单位名称、一级项目名称、预算数（万元）、绩效目标…）" in unread.message
    assert "未读取（3 行）" in unread.message
