"""`render` checks first: errors block (exit 1, nothing written) unless `--draft`, which marks every
page "草稿" and lists the open findings at the end; warnings are printed and do not block."""
from __future__ import annotations

import io

import pytest

from cli_util import run
from yusuan.pdflib import pymupdf

from .helpers import EXAMPLE, VEHICLE_WARNING, WRONG_GRANT, edited

FORMATS = ("pdf", "html", "docx", "xlsx")
# 表4 本年支出 agrees with 表3 (issue 11): the S107 is reported at the faulty 204 line, as X203 is.
ERRORS = ("wrong.yaml:100: S107 error 表4 财政拨款收支总表 本年支出：预算数 778.64 ≠ 各类支出之和 783.64",
          "wrong.yaml:100: X203 error 表4 财政拨款收支总表 204 公共安全支出")


@pytest.mark.parametrize("fmt", FORMATS)
def test_errors_are_printed_and_nothing_is_written(tmp_path, fmt):
    wrong = edited(tmp_path, "wrong.yaml", WRONG_GRANT)
    out = tmp_path / f"out.{fmt}"
    result = run("render", wrong, "--to", fmt, "-o", out)
    assert result.code == 1
    for line in ERRORS:
        assert line in result.out
    assert "wrong.yaml：错误 2，警告 0" in result.out
    assert f"未生成 {out}：检查发现 2 个错误" in result.err
    assert not out.exists()


def test_the_example_renders_clean_and_says_what_it_derived(tmp_path):
    out = tmp_path / "ok.pdf"
    result = run("render", EXAMPLE, "--to", "pdf", "-o", out)
    assert result.code == 0, result.out + result.err
    assert "error" not in result.out and "warning" not in result.out
    assert "按定义补齐：表2 收入总表：本单位收入只有一般公共预算拨款收入，各行取自表3 支出总表" in result.err
    assert out.exists()
    checked = run("check", out)
    assert checked.code == 0 and "错误 0，警告 0，提示 0" in checked.out, checked.out


def test_warnings_are_printed_and_do_not_block(tmp_path):
    warn = edited(tmp_path, "warn.yaml", VEHICLE_WARNING)
    out = tmp_path / "warn.html"
    result = run("render", warn, "--to", "html", "-o", out)
    assert result.code == 0, result.out + result.err
    assert "X209 warning" in result.out and "错误 0，警告 1" in result.out
    assert out.exists()


def _draft(tmp_path, fmt):
    wrong = edited(tmp_path, "wrong.yaml", WRONG_GRANT)
    out = tmp_path / f"draft.{fmt}"
    result = run("render", wrong, "--to", fmt, "-o", out, "--draft")
    assert result.code == 1, result.err  # written, and still a document with errors
    assert "已生成草稿" in result.out and "2 个尚未解决的问题" in result.out
    return out


def test_draft_pdf_marks_every_page_and_lists_the_findings(tmp_path):
    doc = pymupdf.open(_draft(tmp_path, "pdf"))
    assert doc.page_count > 20
    for page in doc:
        words = [w[4] for w in page.get_text("words")]
        assert words.count("草稿") >= 2, page.number  # the diagonal mark and the one by the running head
    last = doc[-1].get_text()
    assert "草稿：尚未解决的问题" in last
    for line in ERRORS:
        assert line.replace(" ", "")[:40] in last.replace(" ", "").replace("\n", "")


def test_draft_html_docx_xlsx_are_marked(tmp_path):
    html = _draft(tmp_path, "html").read_text(encoding="utf-8")
    assert 'class="yusuan-draft-mark"' in html and "position:fixed" in html  # fixed: repeated on every printed page
    assert html.index("草稿：尚未解决的问题") > html.index("第三部分")
    assert all(line in html for line in ERRORS)

    from docx import Document
    doc = Document(str(_draft(tmp_path, "docx")))
    assert doc.sections and all("草稿" in s.header.paragraphs[-1].text for s in doc.sections)
    first = [p.text for p in doc.sections[0].header.paragraphs]
    assert len(first) == 2 and first[0] == "武汉市工业信息化中心 2026 年单位预算"  # the running head kept, one mark
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("草稿：尚未解决的问题")
    assert any(ERRORS[0] in t for t in texts[at:]) and any(ERRORS[1] in t for t in texts[at:])

    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(_draft(tmp_path, "xlsx").read_bytes()))
    *sheets, listing = book.worksheets
    assert len(sheets) > 10
    for sheet in sheets:
        assert sheet.oddHeader.right.text == "草稿"
        assert "草稿" in [c.value for c in sheet[1]]
    values = [row[0] for row in listing.iter_rows(values_only=True)]
    assert values[0] == "草稿：尚未解决的问题" and any(ERRORS[0] in (v or "") for v in values)


def test_another_layout_is_checked_on_the_budgets_own_figures(tmp_path):
    """--layout: the figures are derived and checked in the budget's own layout (表2 derived, no C002);
    the other layout's sections are written from the same figures, and what it asks that the preparer
    did not give (Beijing's 部门情况说明 from an overview the example lacks) blocks as a placeholder."""
    out = tmp_path / "sh.html"
    result = run("render", EXAMPLE, "--to", "html", "--layout", "shanghai_unit", "-o", out)
    assert result.code == 0, result.out + result.err
    html = out.read_text(encoding="utf-8")
    assert "待填写" not in html and "2026 年本单位无机关运行经费。" in html
    out = tmp_path / "bj.html"
    result = run("render", EXAMPLE, "--to", "html", "--layout", "beijing_dept", "-o", out)
    assert result.code == 1 and not out.exists()
    assert "Q702 error 文档“部门情况说明（待填写）。”" in result.out
    assert "C002" not in result.out
