"""A table continued on a page that prints its header again on a grid of other columns (the page's
ruling splits cells differently, spare sliver columns between): the page's cells are read under
the first page's columns, matched by header label. Own labels and figures."""
from __future__ import annotations

from yusuan.extract.grid import cells_by_col
from yusuan.extract.headers import build_header, realign_pages
from yusuan.read.raw import RawCell, RawLine


def _line(page: int, texts: dict[int, str], width: int) -> RawLine:
    return RawLine(cells=tuple(RawCell(texts.get(c, ""), col=c) for c in range(width)), page=page, is_table_row=True)


ALLOWED = ("total", "general_budget", "business_income")


def test_a_page_with_its_own_grid_is_read_under_the_first_header():
    header = build_header([
        _line(1, {0: "单位名称", 1: "合计", 2: "财政拨款收入", 4: "其他资金收入"}, 5),
        _line(1, {2: "一般公共预算", 4: "事业收入"}, 5),
    ], ALLOWED)
    assert {c.measure: c.col for c in header.measure_columns} == {"total": 1, "general_budget": 2, "business_income": 4}
    body = [
        _line(1, {0: "甲医院", 1: "30.00", 2: "10.00", 4: "20.00"}, 5),
        # page 2: the same header on a grid with sliver columns 1, 3, 5
        _line(2, {0: "单位名称", 2: "合计", 4: "财政拨款收入", 7: "其他资金收入"}, 8),
        _line(2, {4: "一般公共预算", 7: "事业收入"}, 8),
        _line(2, {0: "乙医院", 2: "9.00", 4: "4.00", 6: "7.77", 7: "5.00"}, 8),
    ]
    out = realign_pages(header, body)
    assert len(out) == 2  # the repeated header is left out
    assert cells_by_col(out[0]) == {0: "甲医院", 1: "30.00", 2: "10.00", 4: "20.00"}
    moved = cells_by_col(out[1])
    assert {c: moved[c] for c in (0, 1, 2, 4)} == {0: "乙医院", 1: "9.00", 2: "4.00", 4: "5.00"}
    # a figure under no column of the first header keeps a column of its own (reported, never read)
    assert [t for c, t in moved.items() if c not in (0, 1, 2, 4)] == ["7.77"]


def test_a_page_header_that_misses_a_measure_changes_nothing():
    header = build_header([_line(1, {0: "单位名称", 1: "合计", 2: "一般公共预算"}, 3)], ALLOWED)
    body = [
        _line(2, {0: "单位名称", 2: "合计"}, 4),
        _line(2, {0: "乙医院", 2: "9.00", 3: "4.00"}, 4),
    ]
    assert realign_pages(header, body) == body


def _placed(page: int, cells: list[tuple[int, str, float, float]]) -> RawLine:
    return RawLine(cells=tuple(RawCell(t, col=c, bbox=(x0, 0.0, x1, 10.0)) for c, t, x0, x1 in cells),
                   page=page, is_table_row=True)


def test_a_figure_in_an_unnamed_half_column_is_read_under_the_column_at_its_place():
    from yusuan.extract.headers import place_stray_cells
    header = build_header([_line(1, {0: "科目名称", 1: "合计", 3: "项目支出"}, 4)], ("total", "project"))
    body = [
        _placed(1, [(0, "行政运行", 40, 100), (1, "43,003.71", 275, 319), (2, "", 270, 329), (3, "", 506, 557)]),
        # next page: the ruling splits 合计 into 266-270 | 270-329 and the figure falls in the second half
        _placed(2, [(0, "一般行政管理事务", 65, 144), (1, "", 266, 270), (2, "927.20", 295, 324), (3, "927.20", 525, 555)]),
    ]
    out = place_stray_cells(header, body)
    assert out[0] is body[0]
    assert cells_by_col(out[1]) == {0: "一般行政管理事务", 1: "927.20", 3: "927.20"}


def test_an_item_indented_under_an_unknown_section_is_not_the_section_of_its_name():
    from yusuan.extract.name_codes import link_codes
    from yusuan.model import RowLevel
    C, S, I = RowLevel.CLASS, RowLevel.SECTION, RowLevel.ITEM
    names = ["交通运输支出", "公路水路运输", "行政运行", "不在科目表中的款", "公路水路运输"]
    assert link_codes(names, [C, S, I, S, I], "function") == ["214", "21401", "2140101", None, None]
    # printed without its indentation (taken for a 类): the 款 of that name under the class above
    assert link_codes(["交通运输支出", "公路水路运输"], [C, C], "function") == ["214", "21401"]


def test_a_row_broken_by_the_page_end_is_joined():
    from yusuan.extract.headers import join_page_split_rows
    labels = frozenset({0})
    above = _line(21, {0: "某市机动", 1: "14,549.64", 2: "12,437.3", 3: "2,112.28"}, 4)
    tail = _line(22, {0: "车考试服务中心", 2: "6"}, 4)
    out = join_page_split_rows([above, tail], labels)
    assert len(out) == 1 and cells_by_col(out[0]) == {0: "某市机动车考试服务中心", 1: "14,549.64", 2: "12,437.36",
                                                       3: "2,112.28"}
    # a name tail closing the parenthesis its row left open
    named = _line(32, {0: "某分局（水上", 1: "356.88"}, 2)
    out = join_page_split_rows([named, _line(33, {0: "治安分局）"}, 2)], labels)
    assert len(out) == 1 and cells_by_col(out[0])[0] == "某分局（水上治安分局）"


def test_a_sentence_cut_by_the_page_end_is_joined():
    from yusuan.extract.headers import join_page_split_rows
    labels = frozenset({0, 1})
    above = _line(35, {0: "某支队", 1: "保障与支撑", 2: "16.29", 3: "对不满足杭"}, 4)
    out = join_page_split_rows([above, _line(36, {3: "州市规范的设施进行修护。"}, 4)], labels)
    assert len(out) == 1 and cells_by_col(out[0])[3] == "对不满足杭州市规范的设施进行修护。"
    ended = _line(35, {0: "某支队", 1: "保障与支撑", 2: "16.29", 3: "进行修护。"}, 4)
    body = [ended, _line(36, {3: "另一段文字"}, 4)]
    assert join_page_split_rows(body, labels) == body


def test_a_new_row_at_the_top_of_a_page_is_kept():
    from yusuan.extract.headers import join_page_split_rows
    labels = frozenset({0})
    above = _line(21, {0: "甲单位", 1: "14,549.64", 2: "12,437.36"}, 3)
    for first in ({0: "乙单位", 1: "6.00", 2: "6.00"},   # a complete row
                  {0: "乙单位", 2: "6"},                 # the figure above is whole: not its tail
                  {0: "乙单位"}):                         # a unit heading: no parenthesis left open
        body = [above, _line(22, first, 3)]
        assert join_page_split_rows(body, labels) == body
    # the same lines on one page are two rows
    body = [_line(21, {0: "甲（单位", 1: "1.5"}, 2), _line(21, {0: "乙）"}, 2)]
    assert join_page_split_rows(body, labels) == body
