"""HTML reader: pages written by the tests themselves, as a site might publish a budget.

The page has a <head> with a script and a style (not read), a cover heading, table 3 with its title
in a <caption>, entities in names and amounts, table 5-1 with a two-line header merged across
(colspan) and down (rowspan), a name wrapped over source lines and a <br>, a row whose 类 name spans
two rows, and narrative paragraphs — the prose is written for the test.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.api import load_budget, read_raw
from yusuan.read.raw import RawDocument, RawLine, UnreadableError

WAN = Decimal(10000)
UNIT = "武汉市工业信息化中心"

PAGE = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>不读的标题</title>
<style>td {{ color: red; }} .x::before {{ content: "不读"; }}</style>
<script>var s = "<td>不读</td>";</script>
</head>
<body>
<h1>{UNIT}2026年单位预算</h1>
<p>目录</p>
<h2>第一部分 {UNIT}概况</h2>
<h2>第二部分 {UNIT}2026年单位预算表</h2>
<h2>第一部分 {UNIT}概况</h2>
<p>本中心承担工业和信息化领域的
   技术服务工作。</p>
<h2>第二部分 {UNIT}2026年单位预算表</h2>
<p>表3</p>
<table>
  <caption>支出总表</caption>
  <tr><td colspan="5">单位：万元</td></tr>
  <tr><th>科目编码</th><th>科目名称</th><th>合计</th><th>基本支出</th><th>项目支出</th></tr>
  <tr><td></td><td>合计</td><td>778.64</td><td>568.64</td><td>210.00</td></tr>
  <tr><td>208</td><td>社会保障和就业支出</td><td>80.63</td><td>80.63</td><td>&nbsp;</td></tr>
  <tr><td>2080505</td><td>机关事业单位基本养老
      保险缴费支出</td><td>1&#44;234.50</td><td>1,234.50</td><td></td></tr>
</table>
<p>表5-1</p>
<p>一般公共预算支出表(分功能科目)</p>
<p>单位：万元</p>
<table>
 <thead>
  <tr><th rowspan="2">科目编码</th><th rowspan="2">科目名称</th><th rowspan="2">合计</th>
      <th colspan="3">基本支出</th><th rowspan="2">项目支出</th></tr>
  <tr><th>小计</th><th>人员经费</th><th>公用经费</th></tr>
 </thead>
 <tbody>
  <tr><td></td><td>合计</td><td>778.64</td><td>568.64</td><td>516.98</td><td>51.66</td><td>210.00</td></tr>
  <tr><td>208</td><td>社会保障和<br>就业支出</td><td>80.63</td><td>80.63</td><td>80.63</td><td></td><td></td></tr>
  <tr><td>215</td><td>资源勘探工业信息等支出</td><td>595.99</td><td>385.99</td><td>334.33</td><td>51.66</td>
      <td>210.00</td></tr>
 </tbody>
</table>
<h2>第三部分 {UNIT}2026年单位预算情况说明</h2>
<h3>一、收支预算总体安排情况</h3>
<p>本年度收入与支出均按照&ldquo;量入为出&rdquo;的原则编列&#65292;A&amp;B 两类事项分列。</p>
</body>
</html>
"""


@pytest.fixture
def budget_html(tmp_path: Path) -> Path:
    path = tmp_path / "unit-budget.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def _texts(raw: RawDocument) -> list[str]:
    return [line.text for line in raw.lines()]


def _line(raw: RawDocument, text: str) -> RawLine:
    return next(line for line in raw.lines() if line.text == text)


def test_body_in_order_without_head_script_or_style(budget_html):
    raw = read_raw(budget_html)
    assert raw.format == "html" and len(raw.pages) == 1
    lines = list(raw.lines())
    assert [line.line_no for line in lines] == list(range(1, len(lines) + 1))
    assert all(line.page is None for line in lines)
    texts = _texts(raw)
    assert texts[0] == f"{UNIT}2026年单位预算" and not lines[0].is_table_row
    assert not any("不读" in t or "color" in t for t in texts)
    assert texts.index("表3") < texts.index("支出总表") < texts.index("表5-1") < texts.index("小计人员经费公用经费")
    # Chinese wrapped over source lines joins without a space; entities are decoded.
    assert "本中心承担工业和信息化领域的技术服务工作。" in texts
    assert texts[-1] == "本年度收入与支出均按照“量入为出”的原则编列，A&B 两类事项分列。"


def test_caption_and_merged_title_row_are_text_lines(budget_html):
    raw = read_raw(budget_html)
    title, unit = _line(raw, "支出总表"), _line(raw, "单位：万元")
    assert (title.is_table_row, title.texts) == (False, ("支出总表",))
    assert (unit.is_table_row, unit.texts) == (False, ("单位：万元",))
    header = _line(raw, "科目编码科目名称合计基本支出项目支出")
    assert header.is_table_row and unit.line_no == title.line_no + 1 == header.line_no - 1


def test_table_rows_keep_columns_blanks_and_entities(budget_html):
    raw = read_raw(budget_html)
    total = next(line for line in raw.lines() if line.texts[:3] == ("", "合计", "778.64"))
    assert [(c.text, c.col) for c in total.cells] == [("", 0), ("合计", 1), ("778.64", 2), ("568.64", 3),
                                                      ("210.00", 4)]
    r208 = next(line for line in raw.lines() if line.texts[:2] == ("208", "社会保障和就业支出"))
    assert r208.texts[4] == ""  # &nbsp; alone is a blank cell
    wrapped = next(line for line in raw.lines() if line.texts[0] == "2080505")
    assert wrapped.texts[1:4] == ("机关事业单位基本养老保险缴费支出", "1,234.50", "1,234.50")


def test_colspan_and_rowspan_on_the_grid(budget_html):
    raw = read_raw(budget_html)
    lines = list(raw.lines())
    first = next(line for line in lines if line.texts[:4] == ("科目编码", "科目名称", "合计", "基本支出")
                 and len(line.cells) == 7)
    second = lines[lines.index(first) + 1]
    assert first.texts == ("科目编码", "科目名称", "合计", "基本支出", "", "", "项目支出")
    assert [c.col for c in first.cells] == list(range(7))
    # rowspan: the cells below are blank, and 小计 lands in column 3 after the three covered columns
    assert second.texts == ("", "", "", "小计", "人员经费", "公用经费", "")
    r208 = next(line for line in lines if line.texts[0] == "208" and len(line.cells) == 7)
    assert r208.texts == ("208", "社会保障和就业支出", "80.63", "80.63", "80.63", "", "")


def test_rowspan_in_the_body_leaves_blanks_below(tmp_path):
    path = tmp_path / "spans.htm"
    path.write_text("<table><tr><td rowspan=3>产出指标</td><td>数量指标</td><td>≥10 次</td></tr>"
                    "<tr><td>质量指标</td><td>100%</td></tr>"
                    "<tr><td>时效指标</td><td>及时</td></tr>"
                    "<tr><td colspan=3>注：指标值为计划数。</td></tr>"
                    "<tr><td>效益指标</td><td>社会效益</td><td>良好</td></tr></table>", encoding="utf-8")
    lines = list(read_raw(path).lines())
    assert [line.texts for line in lines] == [
        ("产出指标", "数量指标", "≥10 次"), ("", "质量指标", "100%"), ("", "时效指标", "及时"),
        ("注：指标值为计划数。",), ("效益指标", "社会效益", "良好")]
    # a lone cell merged across the table is a text line, as in the DOCX and XLSX readers
    assert [line.is_table_row for line in lines] == [True, True, True, False, True]


def test_load_budget_tables(budget_html):
    budget, findings = load_budget(budget_html)
    assert budget.layout == "wuhan_unit" and budget.year == 2026
    t3 = budget.table("expenditure_summary")
    assert t3.number == "3" and t3.title == "支出总表"
    assert t3.total_row().value("total") == Decimal("778.64") * WAN
    assert t3.row(code="208").get("project") is None  # blank, not zero
    r = t3.row(code="2080505")
    assert r.name == "机关事业单位基本养老保险缴费支出" and r.value("basic") == Decimal("1234.50") * WAN
    t5 = budget.table("general_budget_by_function")
    assert t5.row(code="208").name == "社会保障和就业支出"
    assert t5.row(code="208").value("personnel") == Decimal("80.63") * WAN
    assert t5.row(code="208").get("public") is None
    assert t5.row(code="215").value("public") == Decimal("51.66") * WAN
    assert t5.total_row().value("project") == Decimal("210.00") * WAN
    source = t5.row(code="215").cells[0].amount.source
    assert source.page is None and source.column == 2
    assert _line(read_raw(budget_html), "215资源勘探工业信息等支出595.99385.99334.3351.66210.00").line_no == source.line
    assert budget.narrative
    assert not [f for f in findings if f.code in {"P002", "P003"}]


def test_gb18030_page_declared_in_meta(tmp_path):
    path = tmp_path / "gbk.html"
    path.write_bytes(f'<html><head><meta charset="gb2312"></head><body><p>{UNIT}</p></body></html>'.encode("gb18030"))
    assert _texts(read_raw(path)) == [UNIT]


# --- bad input ------------------------------------------------------------------------------------


def _unreadable(path: Path) -> str:
    with pytest.raises(UnreadableError) as info:
        load_budget(path)
    assert str(path) in info.value.message
    return info.value.message


def test_empty_file(tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"  \n")
    assert "文件为空" in _unreadable(path)


def test_binary_file(tmp_path):
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "含有二进制内容" in _unreadable(path)


def test_text_that_is_not_html(tmp_path):
    path = tmp_path / "notes.html"
    path.write_text("今天天气很好。\n明天去开会。\n", encoding="utf-8")
    assert "不是 HTML 文件" in _unreadable(path)


def test_html_without_text(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>空白</title><script>x()</script></head><body><div></div></body></html>",
                    encoding="utf-8")
    assert "没有任何文字内容" in _unreadable(path)


def test_html_without_budget_content(tmp_path):
    path = tmp_path / "news.html"
    path.write_text("<html><body><h1>通知</h1><p>本周五下午召开全体会议。</p>"
                    "<table><tr><td>时间</td><td>地点</td></tr></table></body></html>", encoding="utf-8")
    assert "不像是一份预算公开文件" in _unreadable(path)
