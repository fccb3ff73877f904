"""PDF reader: ruled grids, merged headers, blank vs zero, page-split tables, scans and broken files."""
from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from conftest import SAMPLES, sample
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.read.pdf import page_ranges, read
from yusuan.read.raw import RawDocument, UnreadableError

FONT = "china-s"


def draw_table(page: pymupdf.Page, x0: float, y0: float, widths: list[float], rows: list[list[str]],
               row_h: float = 20.0, merges: dict[tuple[int, int], tuple[int, int]] | None = None) -> float:
    """Draw a ruled grid with text; merges[(r, c)] = (rows, cols) spanned by the cell at (r, c).

    Returns the y of the table's bottom rule.
    """
    merges = merges or {}
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [y0 + i * row_h for i in range(len(rows) + 1)]
    covered: dict[tuple[int, int], tuple[int, int]] = {}  # slot → owner
    for (r, c), (nr, nc) in merges.items():
        for rr in range(r, r + nr):
            for cc in range(c, c + nc):
                covered[(rr, cc)] = (r, c)
    shape = page.new_shape()
    for r in range(len(rows)):
        for c in range(len(widths)):
            owner = covered.get((r, c), (r, c))
            # Right rule unless the slot to the right belongs to the same merged cell.
            if c + 1 == len(widths) or covered.get((r, c + 1), (r, c + 1)) != owner:
                shape.draw_line((xs[c + 1], ys[r]), (xs[c + 1], ys[r + 1]))
            if r + 1 == len(rows) or covered.get((r + 1, c), (r + 1, c)) != owner:
                shape.draw_line((xs[c], ys[r + 1]), (xs[c + 1], ys[r + 1]))
    shape.draw_line((xs[0], ys[0]), (xs[-1], ys[0]))
    shape.draw_line((xs[0], ys[0]), (xs[0], ys[-1]))
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if not text:
                continue
            for k, part in enumerate(text.split("\n")):
                page.insert_text((xs[c] + 3, ys[r] + 13 + k * 11), part, fontname=FONT, fontsize=9)
    return ys[-1]


def save(doc: pymupdf.Document, tmp_path: Path, name: str = "t.pdf", **kwargs) -> Path:
    path = tmp_path / name
    doc.save(path, **kwargs)
    return path


def table_rows(raw: RawDocument, page: int | None = None) -> list[tuple[str, ...]]:
    return [line.texts for line in raw.lines() if line.is_table_row and (page is None or line.page == page)]


def prose(raw: RawDocument) -> list[str]:
    return [line.text for line in raw.lines() if not line.is_table_row]


# -- generated documents ---------------------------------------------------------------------------

def test_ruled_table_with_two_line_merged_header(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    page.insert_text((300, 50), "支出总表", fontname=FONT, fontsize=14)
    page.insert_text((700, 75), "单位：万元", fontname=FONT, fontsize=9)
    rows = [
        ["科目编码", "科目名称", "合计", "本年支出", "", ""],
        ["", "", "", "基本支出", "项目支出", "事业单位\n经营支出"],
        ["208", "社会保障和就业支出", "1,080.63", "1,080.63", "", "0.00"],
    ]
    merges = {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (2, 1), (0, 3): (1, 3)}
    draw_table(page, 40, 90, [70, 160, 80, 80, 80, 80], rows, row_h=26, merges=merges)
    raw = read(save(doc, tmp_path))
    assert raw.format == "pdf"
    got = table_rows(raw)
    assert got[0] == ("科目编码", "科目名称", "合计", "本年支出", "", "")
    # The wrapped header cell is one cell; the merged group header sits at its first column only.
    assert got[1] == ("", "", "", "基本支出", "项目支出", "事业单位经营支出")
    # Blank cell and a printed zero stay distinct; thousands separators are kept as printed.
    assert got[2] == ("208", "社会保障和就业支出", "1,080.63", "1,080.63", "", "0.00")
    line = [ln for ln in raw.lines() if ln.is_table_row][2]
    assert [c.col for c in line.cells] == [0, 1, 2, 3, 4, 5]
    assert all(c.bbox is not None for c in line.cells)
    assert line.page == 1
    # Title and unit line are plain lines above the table, in reading order.
    assert prose(raw)[:2] == ["支出总表", "单位：万元"]


def test_split_function_code_columns_and_whole_code(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    split = [
        ["类", "款", "项", "科目名称", "合计"],
        ["201", "", "", "一般公共服务支出", "2,932,700"],
        ["201", "05", "07", "专项普查活动", "257,700"],
    ]
    bottom = draw_table(page, 40, 60, [40, 40, 40, 200, 100], split)
    whole = [["科目编码", "科目名称", "合计"], ["2010507", "专项普查活动", "257,700"]]
    draw_table(page, 40, bottom + 60, [90, 200, 100], whole)
    page.insert_text((40, bottom + 40), "表 2 第二张表", fontname=FONT, fontsize=10)
    raw = read(save(doc, tmp_path))
    got = table_rows(raw)
    assert got[1] == ("201", "", "", "一般公共服务支出", "2,932,700")
    assert got[2] == ("201", "05", "07", "专项普查活动", "257,700")
    # Two tables on one page: each keeps its own grid columns, the heading between them in order.
    assert got[3] == ("科目编码", "科目名称", "合计")
    assert got[4] == ("2010507", "专项普查活动", "257,700")
    texts = [(ln.is_table_row, ln.text) for ln in raw.lines()]
    heading = texts.index((False, "表 2 第二张表"))
    assert texts[heading - 1][0] and texts[heading + 1] == (True, "科目编码科目名称合计")


def test_table_continued_over_pages_with_footer(tmp_path):
    doc = pymupdf.open()
    header = ["科目编码", "科目名称", "金额"]
    first = doc.new_page(width=595, height=842)
    first.insert_text((250, 50), "一般公共预算支出表", fontname=FONT, fontsize=12)
    draw_table(first, 40, 70, [90, 200, 100], [header] + [[f"20101{i:02d}", f"事务{i}", f"{i}.00"] for i in range(1, 4)])
    first.insert_text((280, 800), "第 1 页", fontname=FONT, fontsize=9)
    second = doc.new_page(width=595, height=842)
    draw_table(second, 40, 70, [90, 200, 100], [header, ["2010199", "其他事务", "9.00"], ["", "合计", "15.00"]])
    second.insert_text((290, 800), "- 2 -", fontname=FONT, fontsize=9)
    raw = read(save(doc, tmp_path))
    assert [p.number for p in raw.pages] == [1, 2]
    assert table_rows(raw, 2) == [header_t := tuple(header), ("2010199", "其他事务", "9.00"), ("", "合计", "15.00")]
    assert table_rows(raw, 1)[0] == header_t and len(table_rows(raw, 1)) == 4
    # Page numbers in the margins are dropped, so the rows of both pages follow each other.
    assert "第 1 页" not in prose(raw) and "- 2 -" not in prose(raw)
    assert prose(raw) == ["一般公共预算支出表"]


def test_cells_printed_without_gap_are_split_by_rules(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    draw_table(page, 40, 60, [60, 60], [["甲乙", "丙丁"], ["1.00", "2.00"], ["", ""]])
    # Text placed flush against the rule at x=100: MuPDF sees one word running across it.
    page.insert_text((82, 114), "收入支出", fontname=FONT, fontsize=9)
    raw = read(save(doc, tmp_path))
    rows = table_rows(raw)
    assert rows[-1] == ("收入", "支出")


def png_bytes() -> bytes:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    pix.set_rect(pix.irect, (200, 200, 200))
    return pix.tobytes("png")


def test_image_only_pages_are_noted(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "部门预算说明", fontname=FONT, fontsize=12)
    for _ in range(3):
        doc.new_page().insert_image(pymupdf.Rect(50, 50, 400, 400), stream=png_bytes())
    raw = read(save(doc, tmp_path))
    assert [p.has_text for p in raw.pages] == [True, False, False, False]
    assert raw.notes == ("第 2–4 页为扫描图像，无文本层",)
    assert prose(raw) == ["部门预算说明"]


def test_all_pages_scanned_is_unreadable(tmp_path):
    doc = pymupdf.open()
    for _ in range(2):
        doc.new_page().insert_image(pymupdf.Rect(50, 50, 400, 400), stream=png_bytes())
    with pytest.raises(UnreadableError) as err:
        read(save(doc, tmp_path, "scan.pdf"))
    assert "scan.pdf" in err.value.message and "第 1–2 页为扫描图像" in err.value.message


def test_page_ranges():
    assert page_ranges([3, 4, 5, 6, 7, 8]) == "3–8"
    assert page_ranges([9, 1, 2, 5]) == "1–2、5、9"


def valid_pdf_bytes() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    draw_table(page, 40, 60, [90, 200, 100], [["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "1.00"]])
    page.insert_text((72, 400), "说明文字", fontname=FONT, fontsize=12)
    return doc.tobytes(garbage=3, deflate=True)


@pytest.mark.parametrize(
    "name, make, words",
    [
        ("corrupt.pdf", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40, "损坏"),
        ("notpdf.pdf", lambda: "这不是PDF文件".encode() * 50, "不是 PDF"),
        ("empty.pdf", lambda: b"", "为空"),
        ("truncated.pdf", lambda: (b := valid_pdf_bytes())[: len(b) // 2], "不完整"),
        ("zero.pdf", lambda: b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                             b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                             b"trailer<</Root 1 0 R>>\n%%EOF\n", "没有任何页面"),
    ],
)
def test_bad_files_raise_unreadable_in_chinese(tmp_path, name, make, words):
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(UnreadableError) as err:
        read(path)
    assert name in err.value.message and words in err.value.message


def test_encrypted_pdf_needs_password(tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "机密", fontname=FONT)
    path = save(doc, tmp_path, "locked.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256,
                user_pw="secret", owner_pw="owner")
    with pytest.raises(UnreadableError) as err:
        read(path)
    assert "locked.pdf" in err.value.message and "加密" in err.value.message


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableError) as err:
        read(tmp_path / "nope.pdf")
    assert "nope.pdf" in err.value.message


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_pdf_reads_or_is_unreadable(tmp_path, data):
    original = FUZZ_BASE
    edits = data.draw(st.lists(st.tuples(st.integers(0, len(original) - 1), st.integers(0, 255)),
                               min_size=1, max_size=12))
    cut = data.draw(st.one_of(st.none(), st.integers(1, len(original))))
    mutated = bytearray(original)
    for pos, value in edits:
        mutated[pos] = value
    path = tmp_path / "fuzz.pdf"
    path.write_bytes(bytes(mutated[:cut]))
    try:
        result = read(path)
    except UnreadableError as err:
        assert "fuzz.pdf" in err.message
    else:
        assert isinstance(result, RawDocument) and result.pages


FUZZ_BASE = valid_pdf_bytes()


# -- the real samples (skipped when ../shared/samples is absent) -----------------------------------

def test_wanli_expenditure_summary_rows():
    raw = read(sample("sh-putuo-wanli-2024-dept-budget.pdf"))
    page16 = [ln for ln in raw.pages[15].lines]
    assert page16[0].text == "2024年部门支出预算总表"
    assert [ln.text for ln in page16[1:3]] == ["编制部门：上海市普陀区人民政府万里街道办事处", "单位：元"]
    rows = table_rows(raw, 16)
    assert rows[0] == ("项目", "", "", "", "支出预算", "", "")
    assert rows[1] == ("功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出")
    assert rows[2] == ("类", "款", "项", "", "", "", "")
    assert rows[3] == ("201", "", "", "一般公共服务支出", "2,932,700", "0", "2,932,700")
    assert rows[5] == ("201", "05", "07", "专项普查活动", "257,700", "0", "257,700")


def test_wanli_revenue_and_expenditure_summary():
    raw = read(sample("sh-putuo-wanli-2024-dept-budget.pdf"))
    rows = table_rows(raw, 10)
    assert rows[0] == ("本年收入", "", "本年支出", "")
    assert rows[2] == ("一、财政拨款收入", "156,211,123", "一、一般公共服务支出", "2,932,700")
    assert rows[4] == ("2. 政府性基金", "", "三、教育支出", "250,000")
    assert rows[-1] == ("收入总计", "156,211,123", "支出总计", "156,211,123")


def test_shanghai_three_public_expenses_table():
    raw = read(sample("sh-putuo-fuliyuan-2024-unit-budget.pdf"))
    page = raw.pages[14]
    assert "单位:万元" in [ln.text for ln in page.lines if not ln.is_table_row]
    rows = table_rows(raw, 15)
    assert rows[0][0] == "2024年“三公”经费预算数" and rows[0][6] == "2024年机关运行经费预算数"
    assert rows[1][:4] == ("合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费")
    assert rows[2] == ("", "", "", "小计", "购置费", "运行费", "")
    # 购置费 is printed blank, the others as numbers (0 is a printed zero).
    assert rows[3] == ("6.4", "0", "0", "6.4", "", "6.4", "0")


def test_central_department_tables():
    raw = read(sample("cn-xfj-2026-dept-budget.pdf"))
    rows = table_rows(raw, 16)
    assert rows[-1] == ("112.61", "68.50", "38.60", "", "38.60", "5.51")
    assert ("2014001", "行政运行", "6,286.21", "6,286.21", "", "", "", "") in table_rows(raw, 7)


def _narrative_only() -> set[str]:
    """Samples holding a narrative alone (figures.yaml status narrative_only): no table to find."""
    import yaml
    path = SAMPLES / "figures.yaml"
    if not path.exists():
        return set()
    hand = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {f"{stem}.pdf" for stem, figures in hand.items() if figures.get("status") == "narrative_only"}


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.pdf")) or ["(no samples)"])
def test_every_sample_page_yields_lines(name):
    raw = read(sample(name))
    assert raw.format == "pdf" and raw.pages
    blank = _blank_pages(sample(name))  # real documents hold blank pages (sh-data p11)
    for page in raw.pages:
        assert page.lines or page.number in blank, f"page {page.number} yielded nothing"
        assert all(line.page == page.number for line in page.lines)
    assert any(line.is_table_row for line in raw.lines()) or "text" in name or name in _narrative_only()


def _blank_pages(path) -> set[int]:
    with pymupdf.open(path) as doc:
        return {page.number + 1 for page in doc if not page.get_text("words")}


def test_continuation_page_with_only_a_merged_total_row_keeps_header_columns(tmp_path):
    doc = pymupdf.open()
    widths = [40, 40, 40, 160, 90, 90]
    first = doc.new_page(width=595, height=842)
    draw_table(first, 40, 60, widths, [["类", "款", "项", "科目名称", "合计", "基本支出"],
                                       ["201", "05", "07", "专项普查活动", "257,700", "0"]])
    second = doc.new_page(width=595, height=842)
    # The total row's label spans the four code and name columns: no rule between them.
    draw_table(second, 40, 60, widths, [["合计", "", "", "", "257,700", "0"]], merges={(0, 0): (1, 4)})
    raw = read(save(doc, tmp_path))
    assert table_rows(raw, 2) == [("合计", "", "", "", "257,700", "0")]
