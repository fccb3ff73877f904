"""One PDF page as an image, upright as the reader read it, with some boxes drawn on it.

The web report opens a finding's page with the cell or line it points at boxed (its SourceRef's
bbox, in the reader's space: a page stored turned (/Rotate) or printed sideways is shown upright,
as `yusuan debug` shows it)."""
from __future__ import annotations

from ..pdflib import pymupdf
from ..read.pdf import reading_turn

BOX_RED = (0.85, 0.05, 0.05)


def upright_page(src: pymupdf.Document, index: int, extra_height: float = 0.0):
    """A new one-page document holding page `index` (0-based) of `src` drawn upright, in the space the
    reader's positions are in, with `extra_height` points of blank paper under it.
    Returns (document, page, the page's box)."""
    turn = reading_turn(src[index])
    rect = src[index].rect if turn is None else turn[1]
    shown, at = src, index
    if turn is not None:
        # show_pdf_page takes a page's content as stored, unturned (and clips it by the shown
        # page's box): a turned page is first made upright on a copy
        shown, at = pymupdf.open(), 0
        shown.insert_pdf(src, from_page=index, to_page=index)
        shown[0].set_rotation(turn[2])
        shown[0].remove_rotation()
    out = pymupdf.open()
    page = out.new_page(width=rect.width, height=rect.height + extra_height)
    page.show_pdf_page(pymupdf.Rect(0, 0, rect.width, rect.height), shown, at)
    if shown is not src:
        shown.close()
    return out, page, rect


def page_count(pdf: bytes) -> int:
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return doc.page_count


def boxed_page_png(pdf: bytes, page_number: int, boxes=(), dpi: int = 100) -> bytes:
    """Page `page_number` (1-based) of the PDF `pdf` as PNG, each of `boxes` (x0, y0, x1, y1 in the
    reader's space) outlined in red with a margin. Raises IndexError for a page the file lacks."""
    src = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        if not 1 <= page_number <= src.page_count:
            raise IndexError(page_number)
        out, page, _ = upright_page(src, page_number - 1)
    finally:
        src.close()
    try:
        for box in boxes:
            rect = pymupdf.Rect(box)
            rect = pymupdf.Rect(rect.x0 - 2.5, rect.y0 - 2.5, rect.x1 + 2.5, rect.y1 + 2.5)
            page.draw_rect(rect, color=BOX_RED, fill=BOX_RED, fill_opacity=0.12, width=1.6)
        return page.get_pixmap(dpi=dpi, alpha=False).tobytes("png")
    finally:
        out.close()
