"""Hypothesis strategies over the non-PDF readers (PDFs: tests/test_fuzz_documents.py): markup and
text drawn from budget words, spans, numbers of every size and control characters, read in-process
by the whole loading path. Each must load or end in UnreadableError (a LimitError among them) —
never another exception, never past the limits."""
from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.api import load_budget
from yusuan.read.raw import UnreadableError

WORDS = st.sampled_from(["收支总表", "表1", "单位：万元", "合计", "一般公共服务支出", "201", "20101", "行政运行",
                         "基本支出", "项目支出", "2026年部门预算", "778.64", "-", "", "\x1b[31m", "\x00", "\u202e",
                         "1" * 40, "1e999999", "NaN", "９９", "&nbsp;", "&#0;", "&#x110000;"])
NUMBERS = st.one_of(st.integers(-10**6, 10**40).map(str), st.sampled_from(["0", "-1", "1e9", "65534", "2147483647",
                                                                          "99999999999", "abc", ""]))


@st.composite
def html_documents(draw):
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        cells = []
        for _ in range(draw(st.integers(0, 6))):
            attrs = ""
            if draw(st.booleans()):
                attrs += f' colspan="{draw(NUMBERS)}"'
            if draw(st.booleans()):
                attrs += f' rowspan="{draw(NUMBERS)}"'
            cells.append(f"<{draw(st.sampled_from(['td', 'th']))}{attrs}>{draw(WORDS)}</td>")
        rows.append("<tr>" + "".join(cells) + draw(st.sampled_from(["</tr>", ""])))
    head = draw(st.sampled_from(["", "<html><body>", "<h1>2026年部门预算</h1>", "<table>"]))
    return head + draw(WORDS) + "<table>" + "".join(rows) + draw(st.sampled_from(["</table>", "", "<table>"]))


@st.composite
def text_documents(draw):
    lines = [draw(st.lists(WORDS, min_size=1, max_size=8)) for _ in range(draw(st.integers(0, 20)))]
    return "\n".join("\t".join(cells) for cells in lines)


@st.composite
def yaml_documents(draw):
    value = st.recursive(st.one_of(WORDS, NUMBERS, st.just("*a"), st.just("&a x")),
                         lambda inner: st.one_of(st.lists(inner, max_size=4).map(lambda v: "[" + ", ".join(v) + "]"),
                                                 st.dictionaries(WORDS.filter(lambda w: w and ":" not in w), inner,
                                                                 max_size=3).map(
                                                     lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}")),
                         max_leaves=12)
    keys = st.sampled_from(["unit", "year", "kind", "level", "amount_unit", "tables", "rows", "amount", "prior"])
    return "\n".join(f"{draw(keys)}: {draw(value)}" for _ in range(draw(st.integers(0, 6))))


@st.composite
def docx_documents(draw):
    from fuzz.shapes import _CT_DOCX, _RELS_DOCX, _W, _tc
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        before = draw(st.one_of(st.none(), NUMBERS))
        pr = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before is not None else ""
        cells = "".join(_tc(draw(WORDS).replace("&", "").replace("<", ""),
                            draw(st.one_of(st.none(), st.integers(-5, 10**9)))) for _ in range(draw(st.integers(1, 5))))
        rows.append(f"<w:tr>{pr}{cells}</w:tr>")
    body = f"<w:tbl>{''.join(rows)}</w:tbl>" if rows else ""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", _CT_DOCX)
        z.writestr("_rels/.rels", _RELS_DOCX)
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {_W}><w:body>'
                                        f"<w:p><w:r><w:t>2026年部门预算</w:t></w:r></w:p>{body}</w:body></w:document>")
    return buffer.getvalue()


def _load(path) -> None:
    try:
        load_budget(path)
    except UnreadableError as err:
        assert err.message


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


@FAST
@given(source=html_documents())
def test_html_reader_loads_or_refuses(tmp_path, source):
    path = tmp_path / "drawn.html"
    path.write_text(source, encoding="utf-8", errors="surrogatepass")
    _load(path)


@FAST
@given(source=text_documents())
def test_text_reader_loads_or_refuses(tmp_path, source):
    path = tmp_path / "drawn.txt"
    path.write_text(source, encoding="utf-8")
    _load(path)


@FAST
@given(source=yaml_documents())
def test_yaml_reader_loads_or_refuses(tmp_path, source):
    path = tmp_path / "drawn.yaml"
    path.write_text(source, encoding="utf-8")
    _load(path)


@pytest.mark.slow
@FAST
@given(data=docx_documents())
def test_docx_reader_loads_or_refuses(tmp_path, data):
    path = tmp_path / "drawn.docx"
    path.write_bytes(data)
    _load(path)


_REFS = st.one_of(st.sampled_from(["A1", "B2", "XFD1", "A1048576", "XFD1048576", "C3", "Z99"]),
                  st.builds(lambda c, r: f"{c}{r}", st.sampled_from(["A", "B", "C", "AA", "XFD"]), st.integers(1, 2000)))


@st.composite
def xlsx_documents(draw):
    from fuzz.shapes import _row, _xlsx
    rows = []
    for r in range(1, draw(st.integers(1, 8)) + 1):
        cells = draw(st.lists(st.tuples(st.sampled_from(["A", "B", "C", "D", "XFD"]),
                                        st.one_of(WORDS, NUMBERS).map(lambda v: v.replace("&", "").replace("<", "")
                                                                      .replace("\x00", "").replace("\x1b", ""))),
                              max_size=5, unique_by=lambda c: c[0]))
        rows.append(_row(r, sorted(cells, key=lambda c: (len(c[0]), c[0]))))
    merges = [f"{a}:{b}" for a, b in draw(st.lists(st.tuples(_REFS, _REFS), max_size=4))]
    return rows, merges


@pytest.mark.slow
@FAST
@given(doc=xlsx_documents())
def test_xlsx_reader_loads_or_refuses(tmp_path, doc):
    from fuzz.shapes import _xlsx
    path = tmp_path / "drawn.xlsx"
    if path.exists():
        path.unlink()
    _xlsx(path, doc[0], merges=doc[1])
    _load(path)
