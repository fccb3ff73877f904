"""Bad PDFs at the command line: every case ends with a Chinese message and exit code 2, no traceback.

The PDFs are generated here: corrupt, truncated, encrypted, zero-page, 1000-page, image-only and
non-budget. `summary` and `check` are both run on each, in-process; a real subprocess covers the
encrypted and the 1000-page cases (the latter is the slowest input and must stay well inside CI's budget).
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pymupdf
import pytest
from cli_util import run

FONT = "china-s"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _text_page(doc: pymupdf.Document, lines: list[str]) -> pymupdf.Page:
    page = doc.new_page(width=595, height=842)
    for k, text in enumerate(lines):
        page.insert_text((72, 100 + 18 * k), text, fontname=FONT, fontsize=11)
    return page


def _budget_like(path: Path) -> Path:
    """A small document with a budget title and a ruled table, large enough to be worth cutting."""
    doc = pymupdf.open()
    for n in range(1, 4):
        page = _text_page(doc, [f"表{n} 某单位 2026 年收支预算总表", "单位：万元"])
        shape = page.new_shape()
        for r in range(16):
            shape.draw_line((72, 150 + 20 * r), (520, 150 + 20 * r))
        for x in (72, 200, 360, 520):
            shape.draw_line((x, 150), (x, 450))
        shape.finish(color=(0, 0, 0), width=0.5)
        shape.commit()
        for r in range(15):
            page.insert_text((76, 164 + 20 * r), f"20{r:02d}01", fontname=FONT, fontsize=9)
            page.insert_text((364, 164 + 20 * r), f"{r * 13.5:,.2f}", fontname=FONT, fontsize=9)
    doc.save(path)
    return path


def _zero_page(path: Path) -> Path:
    # MuPDF refuses to save a document without pages; write the smallest valid file by hand.
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _many_pages(path: Path, pages: int) -> Path:
    """A long non-budget PDF: one CJK page copied (embedding the CJK font page by page is slow)."""
    doc = pymupdf.open()
    _text_page(doc, ["园艺与天气随笔", "今天适合在院子里种花。"])
    for _ in range(pages - 1):
        doc.fullcopy_page(0)
    doc.save(path, garbage=1)
    return path


def _image_only(path: Path) -> Path:
    doc = pymupdf.open()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 120, 160), False)
    pix.set_rect(pix.irect, (235, 235, 235))
    pix.set_rect(pymupdf.IRect(10, 10, 110, 30), (20, 20, 20))
    for _ in range(3):
        doc.new_page(width=595, height=842).insert_image(pymupdf.Rect(50, 50, 545, 792), pixmap=pix)
    doc.save(path)
    return path


def make(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{kind}.pdf"
    if kind == "corrupt":
        path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    elif kind == "truncated":
        data = _budget_like(tmp_path / "whole.pdf").read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "encrypted":
        doc = pymupdf.open()
        _text_page(doc, ["表1 收支预算总表"])
        doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="secret")
    elif kind == "zero_page":
        _zero_page(path)
    elif kind == "image_only":
        _image_only(path)
    elif kind == "non_budget":
        doc = pymupdf.open()
        _text_page(doc, ["园艺与天气随笔", "春天的雨水比往年多一些。"])
        doc.save(path)
    elif kind == "not_pdf":
        path.write_text("这不是 PDF 文件", encoding="utf-8")
    elif kind == "empty":
        path.write_bytes(b"")
    else:  # pragma: no cover
        raise ValueError(kind)
    return path


# The reason each file is unreadable, as the message must say it.
EXPECTED = {
    "corrupt": "已损坏",
    "truncated": "不完整",
    "encrypted": "已加密",
    "zero_page": "没有任何页面",
    "image_only": "扫描图像",
    "non_budget": "不像是一份预算公开文件",
    "not_pdf": "不是 PDF 文件",
    "empty": "文件为空",
}


def assert_unreadable(code: int, out: str, err: str, path: Path, reason: str) -> None:
    assert code == 2, (code, out, err)
    assert "Traceback" not in err and "Traceback" not in out
    message = err.strip()
    assert message.startswith("错误："), message
    assert str(path) in message  # names the file
    assert reason in message
    assert CJK.search(message.replace(str(path), ""))
    assert "内部错误" not in message


@pytest.mark.parametrize("verb", ["summary", "check"])
@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_bad_pdf_ends_with_chinese_message_and_exit_2(kind, verb, tmp_path):
    path = make(kind, tmp_path)
    result = run(verb, path)
    assert_unreadable(result.code, result.out, result.err, path, EXPECTED[kind])
    assert result.out.strip() == ""  # nothing half-printed on stdout


def test_image_only_message_names_the_scanned_pages(tmp_path):
    path = make("image_only", tmp_path)
    result = run("summary", path)
    assert "第 1–3 页为扫描图像，无文本层" in result.err


def test_truncated_budget_is_not_read_as_a_shorter_document(tmp_path):
    whole = _budget_like(tmp_path / "whole.pdf")
    # The intact file is readable (so the truncation, not the content, is what fails).
    assert len(pymupdf.open(whole)) == 3
    data = whole.read_bytes()
    for keep in (0.3, 0.6, 0.9):
        cut = tmp_path / f"cut{int(keep * 100)}.pdf"
        cut.write_bytes(data[: int(len(data) * keep)])
        result = run("check", cut)
        assert_unreadable(result.code, result.out, result.err, cut, "不完整")


def test_check_of_good_and_bad_files_reports_each_and_exits_2(tmp_path, wuhan_txt):
    bad = make("encrypted", tmp_path)
    result = run("check", wuhan_txt, bad)
    assert result.code == 2
    assert wuhan_txt.name in result.out  # the readable file is still checked and reported
    assert "已加密" in result.err and "Traceback" not in result.err


def _subprocess(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yusuan", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def test_encrypted_pdf_in_a_real_process(tmp_path):
    path = make("encrypted", tmp_path)
    proc = _subprocess("check", str(path))
    assert_unreadable(proc.returncode, proc.stdout, proc.stderr, path, "已加密")


def test_thousand_page_non_budget_pdf(tmp_path):
    # Measured on an idle 2-core machine: 1 s to generate, about 3 s per command (every page is
    # read before the document is judged), so it runs in the default (CI) suite, not behind `slow`.
    path = _many_pages(tmp_path / "long.pdf", 1000)
    assert pymupdf.open(path).page_count == 1000
    start = time.perf_counter()
    proc = _subprocess("check", str(path))
    assert_unreadable(proc.returncode, proc.stdout, proc.stderr, path, "不像是一份预算公开文件")
    result = run("summary", path)
    assert_unreadable(result.code, result.out, result.err, path, "不像是一份预算公开文件")
    # Reading stays linear: two passes over 1000 pages well inside a minute even on a loaded runner.
    assert time.perf_counter() - start < 60
