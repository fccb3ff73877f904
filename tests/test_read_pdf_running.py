"""PDF reader: a running head or foot repeated on most pages is not content."""
from __future__ import annotations

import pymupdf

from yusuan.read.pdf import read


def _pdf(path, pages: int, head: str | None, foot: str | None, body: list[str]) -> None:
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page(width=595, height=842)
        if head:
            page.insert_text((60, 40), head, fontname="china-s", fontsize=9)
        if foot:
            page.insert_text((60, 820), foot, fontname="china-s", fontsize=9)
        page.insert_text((60, 120), body[n], fontname="china-s", fontsize=12)
    doc.save(path)


def _texts(raw):
    return [line.text for line in raw.lines()]


def test_running_head_and_foot_are_dropped(tmp_path):
    body = ["正文第一页", "正文第二页", "正文第三页", "正文第四页"]
    path = tmp_path / "running.pdf"
    _pdf(path, 4, "测试单位2026年单位预算", "测试单位 编印", body)
    assert _texts(read(path)) == body


def test_a_line_on_too_few_pages_stays(tmp_path):
    # Two pages with the same first line are not "most pages" of a two-page file (3 at least).
    path = tmp_path / "two.pdf"
    _pdf(path, 2, "测试单位2026年单位预算", None, ["正文一", "正文二"])
    assert _texts(read(path)) == ["测试单位2026年单位预算", "正文一", "测试单位2026年单位预算", "正文二"]


def test_same_text_at_another_height_stays(tmp_path):
    # A heading repeated lower on the page is body text, not a running head.
    path = tmp_path / "body.pdf"
    doc = pymupdf.open()
    for n in range(4):
        page = doc.new_page(width=595, height=842)
        page.insert_text((60, 200), "单位：万元", fontname="china-s", fontsize=12)
        page.insert_text((60, 240), f"第{n + 1}段", fontname="china-s", fontsize=12)
    doc.save(path)
    assert _texts(read(path)).count("单位：万元") == 4
