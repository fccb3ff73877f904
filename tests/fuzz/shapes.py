"""Hostile documents of issue 16, generated (nothing stored): each shape a function writing one file.

Shared by tests/fuzz (the minute-long suite) and bench/fuzz.py (the long campaign). Every shape is
small on disk and asks a reader for far more than a budget ever holds: a span of a hundred million
columns, a zip member expanding a thousandfold, an alias repeated a million times. `SHAPES` lists
them with the reason the refusal must name (a limit's name, or words of the message).
"""
from __future__ import annotations

import io
import os
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# --- office packages ------------------------------------------------------------------------------

_CT_DOCX = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '</Types>')
_RELS_DOCX = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
              'Target="word/document.xml"/></Relationships>')
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(path: Path, body_chunks) -> None:
    """A minimal .docx whose document.xml is streamed from `body_chunks` (str pieces of <w:body>)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CT_DOCX)
        z.writestr("_rels/.rels", _RELS_DOCX)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'.encode())
            for chunk in body_chunks:
                f.write(chunk.encode())
            f.write(b"</w:body></w:document>")


def _tc(text: str, span: int | None = None) -> str:
    pr = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span else ""
    return f"<w:tc>{pr}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def docx_grid_span(path: Path, span: int = 100_000_000) -> None:
    _docx(path, [f'<w:p><w:r><w:t>收支总表</w:t></w:r></w:p><w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>'
                 f'<w:tr>{_tc("科目", span)}{_tc("金额")}</w:tr><w:tr>{_tc("合计")}{_tc("100")}</w:tr></w:tbl>'])


def docx_grid_before(path: Path, before: int = 2**31 - 1) -> None:
    _docx(path, [f'<w:tbl><w:tr><w:trPr><w:gridBefore w:val="{before}"/></w:trPr>{_tc("合计")}{_tc("1")}</w:tr>'
                 f'<w:tr>{_tc("a")}{_tc("2")}</w:tr></w:tbl>'])


def docx_bomb(path: Path, mb: int = 120) -> None:
    """document.xml expanding to `mb` MB of paragraphs from a file of a few hundred KB."""
    para = "<w:p><w:r><w:t>一般公共服务支出</w:t></w:r></w:p>" * 1000
    _docx(path, (para for _ in range(mb * 1024 * 1024 // len(para.encode()) + 1)))


_CT_XLSX = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '</Types>')
_RELS_XLSX = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
              'Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
       '<sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>')
_SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _xlsx(path: Path, rows, merges: list[str] = (), strings=None) -> None:
    """A minimal .xlsx: `rows` yields <row> XML strings, streamed into sheet1.xml."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CT_XLSX)
        z.writestr("_rels/.rels", _RELS_XLSX)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><sst {_SHEET_NS}>'.encode())
            for chunk in (strings or ["<si><t>合计</t></si>"]):
                f.write(chunk.encode())
            f.write(b"</sst>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_SHEET_NS}><sheetData>'.encode())
            for chunk in rows:
                f.write(chunk.encode())
            f.write(b"</sheetData>")
            if merges:
                f.write(f'<mergeCells count="{len(merges)}">'.encode())
                f.write("".join(f'<mergeCell ref="{m}"/>' for m in merges).encode())
                f.write(b"</mergeCells>")
            f.write(b"</worksheet>")


def _row(r: int, cells: list[tuple[str, str]]) -> str:
    return f'<row r="{r}">' + "".join(f'<c r="{ref}{r}" t="inlineStr"><is><t>{v}</t></is></c>' if not v.isdigit()
                                      else f'<c r="{ref}{r}"><v>{v}</v></c>' for ref, v in cells) + "</row>"


_SMALL = [_row(1, [("A", "收支总表")]), _row(2, [("A", "项目"), ("B", "预算数")]), _row(3, [("A", "合计"), ("B", "100")])]


def xlsx_merge_everything(path: Path) -> None:
    _xlsx(path, _SMALL, merges=["A1:XFD1048576"])


def xlsx_merge_tall(path: Path) -> None:
    _xlsx(path, _SMALL, merges=["A10:J1000009", "B2:B1048576"])


def xlsx_column_xfd(path: Path, rows: int = 20_000) -> None:
    _xlsx(path, (_row(r, [("A", "合计"), ("XFD", str(r))]) for r in range(1, rows + 1)))


def xlsx_many_rows(path: Path, rows: int = 400_000) -> None:
    _xlsx(path, (_row(r, [("A", str(r)), ("B", str(r))]) for r in range(1, rows + 1)))


def xlsx_sheet_bomb(path: Path, mb: int = 120) -> None:
    """sheet1.xml expanding to `mb` MB: one row repeated with the same (invalid, harmless) number."""
    row = '<row r="1"><c r="A1"><v>1</v></c></row>' * 2000
    _xlsx(path, (row for _ in range(mb * 1024 * 1024 // len(row) + 1)))


def xlsx_strings_bomb(path: Path, mb: int = 120) -> None:
    si = "<si><t>一般公共服务支出一般公共服务支出</t></si>" * 1000
    _xlsx(path, _SMALL, strings=(si for _ in range(mb * 1024 * 1024 // len(si.encode()) + 1)))


# --- HTML, text, YAML ------------------------------------------------------------------------------


def html_span_bomb(path: Path) -> None:
    path.write_text('<html><body><table><tr><td colspan="1000" rowspan="65534">合计</td></tr>'
                    '<tr><td>1</td></tr></table></body></html>', encoding="utf-8")


def html_wide(path: Path) -> None:
    path.write_text("<table><tr>" + '<td colspan="1000">1</td>' * 3000 + "</tr></table>", encoding="utf-8")


def html_rows(path: Path, rows: int = 200_000) -> None:
    path.write_text("<table>" + '<tr><td colspan="900">合计</td><td>1</td></tr>' * rows + "</table>", encoding="utf-8")


def html_many_paragraphs(path: Path, paragraphs: int = 600_000) -> None:
    path.write_text("<p>一般公共服务支出</p>" * paragraphs, encoding="utf-8")


def html_tall_grid(path: Path, rows: int = 2_000) -> None:
    """Rows within the row limit but each laid out 1000 columns wide: the cell limit."""
    path.write_text("<table>" + '<tr><td colspan="999">合计</td><td>1</td></tr>' * rows + "</table>", encoding="utf-8")


def text_big(path: Path, mb: int = 200) -> None:
    """A sparse file of `mb` MB: refused by its size before a byte is read."""
    with path.open("wb") as f:
        f.truncate(mb * 1024 * 1024)


def text_many_lines(path: Path, mb: int = 15) -> None:
    line = "一般公共服务支出\t1\n".encode()
    path.write_bytes(line * (mb * 1024 * 1024 // len(line)))


def text_one_line(path: Path, repeats: int = 300_000) -> None:
    """17 MB of prose on one line: every title and name of the vocabulary would be looked for in it."""
    path.write_text("一般公共服务支出2026年预算数为778.64万元，" * repeats, encoding="utf-8")


def html_one_paragraph(path: Path, repeats: int = 300_000) -> None:
    path.write_text("<p>" + "一般公共服务支出2026年预算数为778.64万元，" * repeats + "</p>", encoding="utf-8")


def text_tabs(path: Path, mb: int = 15) -> None:
    path.write_bytes(b"1" + b"\t1" * (mb * 1024 * 1024 // 2))


def yaml_alias_bomb(path: Path, refs: int = 1_000_000) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("unit: &row {name: 某单位, code: '101001', level: 单位, a: [1, 2, 3, 4, 5, 6, 7, 8]}\nyear: 2026\nrows:\n")
        f.write("- *row\n" * refs)


def yaml_laughs(path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def yaml_deep_block(path: Path, depth: int = 5000) -> None:
    path.write_text("".join(" " * i + f"k{i}:\n" for i in range(depth)), encoding="utf-8")


def yaml_deep_flow(path: Path, depth: int = 100_000) -> None:
    path.write_text("unit: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")


def _example(path: Path, old: str, new: str, count: int = 1) -> None:
    source = Path(__file__).resolve().parents[2] / "examples" / "wuhan-gxzx-2026.yaml"
    text = source.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def yaml_digits(path: Path) -> None:
    _example(path, "amount: 778.64", "amount: " + "1" * 1_000_000)


def yaml_exponent_small(path: Path) -> None:
    _example(path, "amount: 778.64", "amount: 1.0e-999999")


def yaml_exponent_large(path: Path) -> None:
    _example(path, "amount: 778.64", "amount: 1.0e+999999")


def yaml_year(path: Path) -> None:
    _example(path, "year: 2026", "year: " + "9" * 1_000_000)


def yaml_nul(path: Path) -> None:
    _example(path, "year: 2026", "year: 20\x0026")


def yaml_self_alias(path: Path) -> None:
    path.write_text("unit: &u [1, *u]\nyear: 2026\n", encoding="utf-8")


# --- special files ----------------------------------------------------------------------------------


def symlink_zero(path: Path) -> None:
    os.symlink("/dev/zero", path)


def symlink_urandom(path: Path) -> None:
    os.symlink("/dev/urandom", path)


def fifo(path: Path) -> None:
    os.mkfifo(path)


def symlink_loop(path: Path) -> None:
    other = path.with_name(path.name + ".loop")
    os.symlink(other, path)
    os.symlink(path, other)


@dataclass(frozen=True)
class Shape:
    name: str
    suffix: str
    make: Callable[[Path], None]
    reason: tuple[str, ...]  # any of these in stderr names the reason
    heavy: bool = False  # generating it takes seconds: the long campaign only, or marked slow


SHAPES: tuple[Shape, ...] = (
    Shape("html_span_bomb", ".html", html_span_bomb, ("上限 columns",)),
    Shape("html_wide", ".html", html_wide, ("上限 columns",)),
    Shape("html_rows", ".html", html_rows, ("上限 rows",)),
    Shape("html_tall_grid", ".html", html_tall_grid, ("上限 cells",)),
    Shape("html_many_paragraphs", ".html", html_many_paragraphs, ("上限 rows",)),
    Shape("docx_grid_span", ".docx", docx_grid_span, ("合并单元格跨 100000000 列", "上限 columns")),
    Shape("docx_grid_before", ".docx", docx_grid_before, ("gridBefore", "上限 columns")),
    Shape("docx_bomb", ".docx", docx_bomb, ("上限 xml_mb", "上限 zip_ratio")),
    Shape("xlsx_merge_everything", ".xlsx", xlsx_merge_everything, ("没有", "不是", "无法", "未")),
    Shape("xlsx_merge_tall", ".xlsx", xlsx_merge_tall, ("没有", "不是", "无法", "未")),
    Shape("xlsx_column_xfd", ".xlsx", xlsx_column_xfd, ("上限 columns",)),
    Shape("xlsx_many_rows", ".xlsx", xlsx_many_rows, ("上限 cells", "上限 rows"), heavy=True),
    Shape("xlsx_sheet_bomb", ".xlsx", xlsx_sheet_bomb, ("上限 xml_mb", "上限 zip_ratio")),
    Shape("xlsx_strings_bomb", ".xlsx", xlsx_strings_bomb, ("上限 xml_mb", "上限 zip_ratio")),
    Shape("text_big", ".txt", text_big, ("上限 text_mb",)),
    Shape("text_many_lines", ".txt", text_many_lines, ("上限 rows",)),
    Shape("text_tabs", ".txt", text_tabs, ("上限 cells",)),
    Shape("text_one_line", ".txt", text_one_line, ("上限 chars",)),
    Shape("html_one_paragraph", ".html", html_one_paragraph, ("上限 chars",)),
    Shape("pdf_big", ".pdf", lambda path: text_big(path, 300), ("上限 file_mb",)),
    Shape("yaml_alias_bomb", ".yaml", yaml_alias_bomb, ("上限 yaml_nodes",)),
    Shape("yaml_laughs", ".yaml", yaml_laughs, ("上限 yaml_nodes",)),
    Shape("yaml_deep_block", ".yaml", yaml_deep_block, ("上限 depth",)),
    Shape("yaml_deep_flow", ".yaml", yaml_deep_flow, ("上限 depth",)),
    Shape("yaml_digits", ".yaml", yaml_digits, ("上限 digits",)),
    Shape("yaml_exponent_small", ".yaml", yaml_exponent_small, ("上限 exponent",)),
    Shape("yaml_exponent_large", ".yaml", yaml_exponent_large, ("上限 exponent",)),
    Shape("yaml_year", ".yaml", yaml_year, ("上限 digits",)),
    Shape("yaml_nul", ".yaml", yaml_nul, ("U+0000",)),
    Shape("yaml_self_alias", ".yaml", yaml_self_alias, ("循环引用",)),
    Shape("symlink_zero_txt", ".txt", symlink_zero, ("设备文件",)),
    Shape("symlink_zero_pdf", ".pdf", symlink_zero, ("设备文件",)),
    Shape("symlink_urandom_yaml", ".yaml", symlink_urandom, ("设备文件",)),
    Shape("fifo_pdf", ".pdf", fifo, ("命名管道",)),
    Shape("fifo_yaml", ".yaml", fifo, ("命名管道",)),
    Shape("symlink_loop", ".docx", symlink_loop, ("符号链接循环",)),
)


# --- mutants of real documents (bench/fuzz.py) ------------------------------------------------------


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One of: flipped bytes, a truncation, a cut-out block, a duplicated block, a zeroed block."""
    data = bytearray(data)
    kind = rng.randrange(5)
    n = len(data)
    if kind == 0:
        for _ in range(rng.randint(1, 64)):
            i = rng.randrange(n)
            data[i] = rng.randrange(256)
    elif kind == 1:
        del data[rng.randrange(n // 4, n):]
    elif kind == 2:
        i = rng.randrange(n)
        del data[i:i + rng.randint(1, 4096)]
    elif kind == 3:
        i = rng.randrange(n)
        block = data[i:i + rng.randint(1, 4096)]
        j = rng.randrange(n)
        data[j:j] = block * rng.randint(1, 8)
    else:
        i = rng.randrange(n)
        data[i:i + rng.randint(1, 4096)] = bytes(min(4096, n - i))
    return bytes(data)


def mutate_xml_package(data: bytes, rng: random.Random) -> bytes:
    """An office package with one XML member's text mutated (attributes and numbers made huge)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    names = [i.filename for i in src.infolist()]
    target = rng.choice([n for n in names if n.endswith(".xml")] or names)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            body = src.read(name)
            if name == target:
                body = _mutate_markup(body.decode("utf-8", "replace"), rng).encode("utf-8")
            z.writestr(name, body)
    return out.getvalue()


_HUGE = ["100000000", "2147483647", "-1", "0", "99999999999999999999", "1e999999", "NaN", "XFD1048576", "A1:XFD1048576"]


def _mutate_markup(text: str, rng: random.Random) -> str:
    import re
    numbers = list(re.finditer(r'"(\d+|[A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)"', text))
    for m in rng.sample(numbers, min(len(numbers), rng.randint(1, 6))):
        text = text[:m.start()] + f'"{rng.choice(_HUGE)}"' + text[m.end():]
        break  # positions move after a replacement: one per pass
    if rng.random() < 0.5 and len(text) > 10:
        i = rng.randrange(len(text))
        text = text[:i] + text[i:i + rng.randint(1, 200)] * rng.randint(2, 50) + text[i:]
    return text
