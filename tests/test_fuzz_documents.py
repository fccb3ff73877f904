"""Bounded fuzzing of the whole reading path on drawn documents.

Byte-level mutation (tests/test_read_pdf.py) mostly exercises MuPDF's repair; here hypothesis draws
budget-like PDFs — known and unknown titles, unit lines, grids of amounts, codes, garbage, blanks and
merged cells — and the whole path (read → extract → check → facts, summary, JSON/HTML report) must
either succeed or end in UnreadableError, never crash.
"""
from __future__ import annotations

import json

import pymupdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_read_pdf import FONT, draw_table

from yusuan.api import check_file
from yusuan.check.report import to_html, to_json
from yusuan.figures.facts import budget_facts
from yusuan.figures.summary import summary
from yusuan.read.raw import UnreadableError

TITLES = ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "一般公共预算基本支出表",
          "“三公”经费支出表", "政府采购预算明细表", "项目支出绩效目标表", "部门整体支出绩效目标表",
          "附表9 不知道是什么表", "目录", "第三部分 2026年部门预算情况说明"]
CELLS = st.one_of(
    st.just(""),
    st.sampled_from(["合计", "总计", "小计", "科目编码", "科目名称", "基本支出", "项目支出", "人员经费",
                     "公用经费", "类", "款", "项", "一般公共服务支出", "行政运行", "预算数", "本年收入",
                     "一、一般公共预算拨款收入", "收入总计", "支出总计", "0", "0.00", "-", "—", "/", "%"]),
    st.from_regex(r"\A[0-9]{3}([0-9]{2}){0,2}\Z"),  # classification codes
    st.from_regex(r"\A-?[0-9]{1,3}(,[0-9]{3}){0,3}(\.[0-9]{1,6})?\Z"),  # amounts
    st.from_regex(r"\A[0-9]{1,3}(\.[0-9]{1,2})?%\Z"),
    st.text(alphabet="预算支出收入合计０１２３４５６７８９（）()、，。—-.: ≥≤年万元", max_size=12),
)


@st.composite
def grids(draw):
    n_cols = draw(st.integers(1, 8))
    rows = draw(st.lists(st.lists(CELLS, min_size=n_cols, max_size=n_cols), min_size=1, max_size=10))
    merges = {}
    if draw(st.booleans()) and n_cols > 1:
        span = draw(st.integers(2, n_cols))
        merges[(0, 0)] = (1, span)
    return n_cols, rows, merges


@st.composite
def documents(draw):
    pages = []
    for _ in range(draw(st.integers(1, 3))):
        pages.append((draw(st.sampled_from(TITLES)), draw(st.sampled_from(["单位：元", "单位：万元", "", "单位：千元"])),
                      draw(st.lists(grids(), min_size=0, max_size=2))))
    return pages


def _draw(pages) -> bytes:
    doc = pymupdf.open()
    cover = doc.new_page(width=842, height=595)
    cover.insert_text((300, 200), "某某单位2026年部门预算", fontname=FONT, fontsize=18)
    for title, unit, tables in pages:
        page = doc.new_page(width=842, height=595)
        page.insert_text((250, 40), title, fontname=FONT, fontsize=12)
        if unit:
            page.insert_text((700, 58), unit, fontname=FONT, fontsize=9)
        y = 70.0
        for n_cols, rows, merges in tables:
            if y + 20 * len(rows) > 560:
                break
            y = draw_table(page, 30, y, [780 / n_cols] * n_cols, rows, row_h=20, merges=merges) + 15
    return doc.tobytes()


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(pages=documents())
def test_drawn_documents_are_read_checked_and_reported_or_refused(tmp_path, pages):
    path = tmp_path / "drawn.pdf"
    path.write_bytes(_draw(pages))
    try:
        budget, report = check_file(path)
    except UnreadableError as err:
        assert "drawn.pdf" in err.message or "版式" in err.message
        return
    for finding in report.findings:
        assert finding.code and finding.message and finding.severity
    list(budget_facts(budget))
    json.dumps(summary(budget), default=str)
    assert json.loads(to_json([(report, budget, "drawn.pdf")]))
    assert "<html" in to_html([(report, budget, "drawn.pdf")])
