"""A draft (`render --draft`): the rendered document marked "草稿" on every page, with the findings
still open listed at its end, so it can never pass for the publishable one.

Works on the finished bytes of each format, so the renderers stay as they are:
- PDF: a large grey diagonal "草稿" across every page and "草稿" by the running head; the list on
  pages appended at the end;
- HTML: a fixed mark (repeated on every printed page) and a banner; the list as a closing section;
- DOCX: "草稿" in every section's header; the list as the closing paragraphs;
- XLSX: "草稿" in every sheet's printed header and in a cell beside its title; the list on a last sheet.
"""
from __future__ import annotations

import io
from html import escape

MARK = "草稿"
LIST_TITLE = "草稿：尚未解决的问题"
NOTE = "本文件为草稿，检查发现的问题尚未解决，不得公开发布。"


def mark_draft(data: bytes, fmt: str, findings: list[str]) -> bytes:
    """`data` rendered in `fmt`, marked as a draft; `findings`: one line per open finding."""
    lines = findings or ["（检查没有发现问题）"]
    return {"pdf": _pdf, "html": _html, "docx": _docx, "xlsx": _xlsx}[fmt](data, lines)


def _pdf(data: bytes, lines: list[str]) -> bytes:
    from ..pdflib import pymupdf
    doc = pymupdf.open("pdf", data)
    font = pymupdf.Font("cjk")
    # The list of findings: a Story flowed over as many A4 pages as it needs.
    html = (f"<h2>{escape(LIST_TITLE)}</h2><p>{escape(NOTE)}</p><ol>"
            + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ol>")
    story = pymupdf.Story(html, user_css="body{font-family:sans-serif;font-size:10pt;line-height:1.5} "
                                         "h2{font-size:14pt} li{margin-bottom:4pt}")
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    page_rect = pymupdf.paper_rect("a4")
    where = page_rect + (50, 62, -50, -56)
    more = True
    while more:
        device = writer.begin_page(page_rect)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    doc.insert_pdf(pymupdf.open("pdf", buffer.getvalue()))
    for page in doc:
        page.wrap_contents()
        rect = page.rect
        size = min(rect.width, rect.height) / 4
        writer = pymupdf.TextWriter(rect, opacity=0.22, color=(0.75, 0.1, 0.1))
        width = font.text_length(MARK, size)
        centre = pymupdf.Point(rect.width / 2, rect.height / 2)
        writer.append(centre + (-width / 2, size / 3), MARK, font=font, fontsize=size)
        writer.write_text(page, morph=(centre, pymupdf.Matrix(-35)))
        corner = pymupdf.TextWriter(rect, color=(0.75, 0.1, 0.1))
        corner.append((rect.width - 50 - font.text_length(MARK, 14), 34), MARK, font=font, fontsize=14)
        corner.write_text(page)
    doc.subset_fonts()
    return doc.tobytes(garbage=3, deflate=True)


HTML_STYLE = (
    "<style>.yusuan-draft-mark{position:fixed;top:40%;left:0;right:0;text-align:center;font-size:160px;"
    "color:rgba(190,30,30,.18);transform:rotate(-35deg);pointer-events:none;z-index:1000}"
    ".yusuan-draft-banner{background:#b71c1c;color:#fff;padding:6px 12px;font-weight:bold;text-align:center}"
    ".yusuan-draft-list{border-top:3px solid #b71c1c;margin-top:2em}</style>"
)


def _html(data: bytes, lines: list[str]) -> bytes:
    text = data.decode("utf-8")
    mark = (f'<div class="yusuan-draft-mark" aria-hidden="true">{MARK}</div>'
            f'<div class="yusuan-draft-banner">{MARK}：{escape(NOTE)}</div>')
    listing = (f'<section class="yusuan-draft-list" id="draft-findings"><h2>{escape(LIST_TITLE)}</h2><ol>'
               + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ol></section>")
    text = text.replace("</head>", HTML_STYLE + "</head>", 1)
    head_end = text.find(">", text.find("<body")) + 1 if "<body" in text else 0
    text = text[:head_end] + mark + text[head_end:]
    at = text.rfind("</body>")
    text = text[:at] + listing + text[at:] if at >= 0 else text + listing
    return text.encode("utf-8")


def _docx(data: bytes, lines: list[str]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor
    doc = Document(io.BytesIO(data))
    even = doc.settings.odd_and_even_pages_header_footer
    for section in doc.sections:
        headers = [section.header]
        headers += [section.first_page_header] if section.different_first_page_header_footer else []
        headers += [section.even_page_header] if even else []
        for header in headers:
            if header.is_linked_to_previous:
                continue  # shows the previous section's header, which is marked already
            paragraph = header.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(f"{MARK}（{NOTE}）")
            run.bold = True
            run.font.size = Pt(12)
            run.font.color.rgb = RGBColor(0xB7, 0x1C, 0x1C)
    doc.add_page_break()
    doc.add_paragraph(LIST_TITLE, style="Heading 1" if "Heading 1" in [s.name for s in doc.styles] else None)
    doc.add_paragraph(NOTE)
    for i, line in enumerate(lines, 1):
        doc.add_paragraph(f"{i}. {line}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _xlsx(data: bytes, lines: list[str]) -> bytes:
    from openpyxl import load_workbook
    from openpyxl.styles import Font
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for header in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
            header.right.text = MARK
            header.right.color = "B71C1C"
        cell = sheet.cell(row=1, column=sheet.max_column + 2, value=MARK)
        cell.font = Font(bold=True, size=16, color="B71C1C")
        sheet.sheet_properties.tabColor = "B71C1C"
    listing = book.create_sheet(MARK + "-尚未解决的问题")
    listing.append([LIST_TITLE])
    listing["A1"].font = Font(bold=True, size=14, color="B71C1C")
    listing.append([NOTE])
    for i, line in enumerate(lines, 1):
        listing.append([f"{i}. {line}"])
    listing.column_dimensions["A"].width = 120
    listing.oddHeader.right.text = MARK
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
