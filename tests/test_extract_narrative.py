"""Part 3: sections, joined paragraphs and every numeric claim, linked to table lines."""
from __future__ import annotations

from decimal import Decimal

import pytest
from narrative_budget import narrative_budget

from yusuan.extract.context import ExtractContext
from yusuan.extract.narrative import read_narrative
from yusuan.extract.sections import split_document
from yusuan.model import AmountUnit, Direction
from yusuan.read.text import read, text_to_raw
from yusuan.reference.layouts import load_layout

UP, DOWN, FLAT = Direction.UP, Direction.DOWN, Direction.FLAT
D = Decimal

# Every claim of the sample's Part 3, counted by hand from the text:
# (section, subject kind, code or else name, amount 万元, direction, change 万元, percent, share)
SAMPLE_CLAIMS = [
    ("一", "total", None, "778.64", DOWN, "48.12", "5.82", None),
    ("二", "income_total", "income_total", "778.64", None, None, None, None),
    ("二", "income_source", "general_budget", "778.64", None, None, None, "100"),
    ("三", "expenditure_total", None, "778.64", None, None, None, None),
    ("三", "basic", None, "568.64", None, None, None, "73.03"),
    ("三", "project_total", None, "210", None, None, None, "26.97"),
    ("四", "fiscal_grant_total", None, "778.64", None, None, None, None),
    ("四", "income_source", "general_budget", "778.64", None, None, None, None),
    ("四", "function", "208", "80.63", None, None, None, None),
    ("四", "function", "210", "51.9", None, None, None, None),
    ("四", "function", "215", "595.99", None, None, None, None),
    ("四", "function", "221", "50.12", None, None, None, None),
    ("五", "general_budget", None, "778.64", None, None, None, None),
    ("五", "general_budget", "本年预算", "778.64", DOWN, "48.12", "5.82", None),
    ("五", "basic", None, "568.64", None, None, None, "73.03"),
    ("五", "personnel", None, "516.98", None, None, None, None),
    ("五", "public", None, "51.66", None, None, None, None),
    ("五", "project_total", None, "210", None, None, None, "26.97"),
    ("五", "function", "2080502", "31.18", UP, "0.01", "0.03", None),
    ("五", "function", "2080505", "31.5", UP, "5", "18.87", None),
    ("五", "function", "2080506", "15.75", UP, "15.75", None, None),
    ("五", "function", "2089999", "2.2", UP, "0.4", "22.22", None),
    ("五", "function", "2101102", "21.1", UP, "4.1", "24.12", None),
    ("五", "function", "2101103", "21.8", UP, "4.3", "24.57", None),
    ("五", "function", "2101199", "9", FLAT, None, None, None),
    ("五", "function", "2150899", "595.99", DOWN, "87.72", "12.83", None),
    ("五", "function", "2210201", "30", UP, "6.75", "29.03", None),
    ("五", "function", "2210202", "5", UP, "0.04", "0.81", None),
    ("五", "function", "2210203", "15.12", UP, "3.25", "27.38", None),
    ("六", "basic", None, "568.64", None, None, None, None),
    ("六", "personnel", None, "516.98", None, None, None, None),
    ("六", "economic", "301", "476.8", None, None, None, None),
    ("六", "economic", "303", "40.18", None, None, None, None),
    ("六", "public", None, "51.66", None, None, None, None),
    ("七", "three_public", None, "3", FLAT, None, None, None),
    ("七", "three_public_abroad", None, "0", FLAT, None, None, None),
    ("七", "three_public_vehicle", None, "3", FLAT, None, None, None),
    ("七", "three_public_reception", None, "0", FLAT, None, None, None),
    ("八", "gov_fund", None, None, None, None, None, None),
    ("九", "state_capital", None, None, None, None, None, None),
    ("十", "project_total", None, "210", None, None, None, None),
    ("十", "project_total", "一般公共预算本年拨款", "210", None, None, None, None),
    ("十", "project", "42010026301T000000114", "138", None, None, None, None),
    ("十", "project", "电子政务系统建设与升级改造", "72", None, None, None, None),
    ("十一", "gov_operation_cost", None, None, None, None, None, None),
    ("十一", "procurement", None, None, None, None, None, None),
    ("十一", "purchase_services", None, None, None, None, None, None),
    ("十一", "entrusted_fee", None, "187.5", None, None, None, None),
    ("十一", "vehicles", None, None, None, None, None, None),
    ("十一", "asset_allocation", None, None, None, None, None, None),
    ("十一", "performance_total", None, "778.64", None, None, None, None),
]


def _row(section: str, claim) -> tuple:
    s = claim.subject
    return (
        section, s.kind, s.code or s.name,
        claim.amount.printed if claim.amount else None, claim.direction,
        claim.change.printed if claim.change else None, claim.percent, claim.share,
    )


def _expected(row: tuple) -> tuple:
    section, kind, key, amount, direction, change, percent, share = row
    dec = lambda v: None if v is None else D(v)  # noqa: E731
    return (section, kind, key, dec(amount), direction, dec(change), dec(percent), dec(share))


def _ctx(path: str = "t.txt") -> ExtractContext:
    return ExtractContext(path=path, layout=load_layout("wuhan_unit"), unit=AmountUnit.WAN)


@pytest.fixture(scope="module")
def sample_narrative():
    from conftest import sample
    path = sample("wuhan-gxzx-2026-unit-budget.txt")
    raw = read(path)
    parts = split_document(raw, load_layout("wuhan_unit"))
    sections, other = read_narrative(parts.narrative, narrative_budget(), _ctx(str(path)))
    return raw, sections, other


def _claims(sections):
    return [(s.number, c) for s in sections for c in s.claims]


def test_sample_sections_follow_the_layout(sample_narrative):
    _, sections, _ = sample_narrative
    layout = load_layout("wuhan_unit")
    assert [(s.number, s.title, s.topic) for s in sections] == [(n.number, n.title, n.topic) for n in layout.narrative]


def test_sample_claims_are_exactly_the_hand_counted_list(sample_narrative):
    _, sections, _ = sample_narrative
    got = [_row(n, c) for n, c in _claims(sections)]
    assert len(got) == 51
    assert got == [_expected(r) for r in SAMPLE_CLAIMS]


def test_sample_total_claim(sample_narrative):
    _, sections, _ = sample_narrative
    total = sections[0].claims[0]
    assert total.subject.table == "income_expenditure_summary" and total.subject.measure == "budget"
    assert total.compared_year == 2025 and total.percent_word == "下降"
    assert total.implied_prior == D("8267600")  # 826.76 万元 in 元
    _assert_reason_as_written(total)


def _assert_reason_as_written(claim) -> None:
    """The reason is the words after the marker, to the end of the sentence, without the marker."""
    assert claim.reason and "主要" not in claim.reason and not claim.reason.endswith("。")
    assert claim.text.rstrip("。").endswith(claim.reason)
    marker = claim.text[: claim.text.rindex(claim.reason)]
    assert marker.rstrip("：: ").endswith(("主要是由于", "主要是", "主要原因是"))


def test_sample_reasons_and_compared_years(sample_narrative):
    _, sections, _ = sample_narrative
    by_code = {c.subject.code: c for _, c in _claims(sections) if c.subject.kind == "function"}
    with_reason = [code for code, c in by_code.items() if c.reason is not None]
    # every 项 paragraph that changed by a stated amount gives a reason, except 2080502 ('…基本持平')
    assert sorted(with_reason) == ["2080505", "2080506", "2089999", "2101102", "2101103", "2150899",
                                   "2210201", "2210202", "2210203"]
    for code in with_reason:
        _assert_reason_as_written(by_code[code])
    assert by_code["2101199"].reason is None and by_code["2101199"].compared_year == 2025
    assert by_code["2080506"].percent is None  # the prior was 0: no rate printed
    assert by_code["2080506"].implied_prior == 0
    abroad = next(c for _, c in _claims(sections) if c.subject.kind == "three_public_abroad")
    assert abroad.compared_year == 2025  # '与上年持平' in a 2026 document


def test_sample_links_and_precision(sample_narrative):
    _, sections, _ = sample_narrative
    claims = [c for _, c in _claims(sections)]
    health = next(c for c in claims if c.subject.code == "210")
    assert health.amount.places == 1 and health.amount.value == D("519000")
    assert health.subject.table == "fiscal_grant_summary"
    item = next(c for c in claims if c.subject.code == "2080502")
    assert (item.subject.table, item.subject.measure, item.subject.name) == (
        "general_budget_by_function", "total", "事业单位离退休")
    wages = next(c for c in claims if c.subject.code == "301")
    assert (wages.subject.table, wages.subject.name) == ("basic_by_economic", "工资福利支出")
    basic3, basic5 = [c for c in claims if c.subject.kind == "basic" and c.share is not None]
    assert basic3.share_of == "expenditure_total" and basic3.subject.measure == "basic"
    assert basic5.share_of == "general_budget" and basic5.subject.table == "general_budget_by_function"
    vehicle = next(c for c in claims if c.subject.kind == "three_public_vehicle")
    assert vehicle.subject.measure == "vehicle_total"


def test_sample_project_name_mismatch_is_kept_as_written(sample_narrative):
    _, sections, _ = sample_narrative
    projects = [c for c in sections[9].claims if c.subject.kind == "project"]
    assert [(c.subject.name, c.subject.code) for c in projects] == [
        ("信息化应用与产业研究", "42010026301T000000114"),
        ("电子政务系统建设与升级改造", None),
    ]


def test_sample_every_claim_points_at_the_line_holding_its_figure(sample_narrative):
    raw, sections, _ = sample_narrative
    text_of = {line.line_no: line.text for line in raw.lines()}
    for _, claim in _claims(sections):
        assert claim.source is not None and claim.source.line in text_of
        assert claim.text
        if claim.amount is not None:
            assert format(claim.amount.printed, "f") in text_of[claim.amount.source.line].replace(" ", "")
            assert claim.amount.source.line == claim.source.line


def test_sample_broken_lines_are_joined(sample_narrative):
    raw, sections, _ = sample_narrative
    section5 = sections[4]
    joined = next(p for p in section5.paragraphs if any(c.subject.code == "2101102" for c in p.claims))
    assert "事业单位医疗(项)" in joined.text  # the '(项)' came on the next line
    claim = joined.claims[0]
    assert claim.source.line == joined.source.line + 2  # the figure sits on the second raw line
    section10 = sections[9]
    assert any("本年拨款210 万元" in p.text for p in section10.paragraphs)
    # Sub-headings are paragraphs of their own, without claims: (一) (二) (三) in section 五.
    subs = [p for p in section5.paragraphs if p.text.lstrip("(（")[:2] in ("一)", "二)", "三)", "一）", "二）", "三）")]
    assert len(subs) == 3 and all(not p.claims and len(p.text) < 20 for p in subs)
    assert len(section5.paragraphs) == 3 + 2 + 11


def test_sample_other_matters(sample_narrative):
    _, _, other = sample_narrative
    got = {m.item: (m.amount.printed if m.amount else None, m.none_stated, m.vehicles) for m in other}
    assert got == {
        "gov_operation_cost": (None, True, None),
        "procurement": (None, True, None),
        "purchase_services": (None, True, None),
        "entrusted_fee": (D("187.5"), False, None),
        "assets": (None, False, 2),
        "performance": (D("778.64"), False, None),
    }


def test_sample_performance_count(sample_narrative):
    _, sections, _ = sample_narrative
    perf = next(c for c in sections[10].claims if c.subject.kind == "performance_total")
    assert perf.count == 2 and perf.amount.printed == D("778.64")
    vehicles = next(c for c in sections[10].claims if c.subject.kind == "vehicles")
    assert vehicles.count == 2 and vehicles.reason is None


# ------------------------------------------------------------- synthetic paragraphs (own wording)

SYNTHETIC = """\
一、收支预算总体安排情况
2026 年收支总预算 1,200.5 万元，较上年增长 100.5 万元，增幅 9.14%，主要原因是。
二、收入预算安排情况
2026 年收入预算 1200.5 万元，其中：一般公共预算拨款收入 1000 万元，占收入总额的 83.3％；事业收入 200.5 万元,占 16.7%。
五、一般公共预算支出安排情况
社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)预算数为 40 万元,比2025年预算减少
2.5 万元，下降 5.88%，主要原因是退休
人员增加。
卫生健康支出（类）行政事业单位医疗（款）不存在的科目（项）2026 年预算数 12 万元，与上年持平。
住房保障支出（类）住房改革支出（款）住房公积金（项）2026 年预算数 8 万元，较上年下降 3.5%。
七、一般公共预算“三公”经费支出安排情况
2026 年“三公”经费预算 12,345 元，同比减少 655 元。其中公务用车运行费 12,345 元，与去年持平；公务接待费 0 元。
十、项目支出安排情况
2026 年项目支出 300 万元。
甲项目 200 万元，主要用于：设备维护；系统升级。
2026年信息化应用与产业研究 100 万元。
十一、其他事项
某单位2026 年收入预算合计 50 万元。
行政事业单位医疗（款）公务员医疗补助（项）支出 21.8 万元。
"""


@pytest.fixture(scope="module")
def synthetic():
    raw = text_to_raw(SYNTHETIC, "synthetic.txt")
    lines = tuple(raw.lines())
    budget = narrative_budget()
    sections, _ = read_narrative(lines, budget, _ctx("synthetic.txt"))
    return {s.number: s for s in sections}


def test_synthetic_empty_reason_and_thousands(synthetic):
    total = synthetic["一"].claims[0]
    assert total.subject.kind == "total"
    assert total.amount.value == D("12005000") and total.amount.places == 1
    assert (total.direction, total.change.printed, total.percent, total.percent_word) == (UP, D("100.5"), D("9.14"), "增幅")
    assert total.compared_year == 2025  # '较上年'
    assert total.reason == ""  # '主要原因是。' left empty: the checker flags it


def test_synthetic_shares_with_named_whole_and_full_width_percent(synthetic):
    claims = synthetic["二"].claims
    assert [(c.subject.kind, c.subject.code, c.share, c.share_of) for c in claims] == [
        ("income_total", "income_total", None, None),
        ("income_source", "general_budget", D("83.3"), "income_total"),
        ("income_source", "business_income", D("16.7"), "income_total"),
    ]


def test_synthetic_line_broken_change_and_reason(synthetic):
    section = synthetic["五"]
    first = section.claims[0]
    assert first.subject.code == "2080505" and first.amount.printed == 40
    assert (first.direction, first.change.printed, first.percent) == (DOWN, D("2.5"), D("5.88"))
    assert first.reason == "退休人员增加"  # the reason was broken over two lines
    assert first.change.source.line == 7 and first.source.line == 6  # the change figure sits on the next line
    assert len(section.paragraphs) == 3


def test_synthetic_unmatched_path_keeps_the_written_name(synthetic):
    unknown, rate_only = synthetic["五"].claims[1:]
    assert (unknown.subject.kind, unknown.subject.code, unknown.subject.name) == ("function", None, "不存在的科目")
    assert unknown.direction is FLAT and unknown.compared_year == 2025 and unknown.change is None
    assert rate_only.subject.code == "2210201"
    assert (rate_only.direction, rate_only.change, rate_only.percent) == (DOWN, None, D("3.5"))
    assert rate_only.implied_prior is None  # a rate alone does not give the prior


def test_synthetic_yuan_amounts_and_flat(synthetic):
    claims = synthetic["七"].claims
    assert [(c.subject.kind, c.amount.unit, c.amount.printed, c.direction) for c in claims] == [
        ("three_public", AmountUnit.YUAN, D("12345"), DOWN),
        ("three_public_vehicle_operation", AmountUnit.YUAN, D("12345"), FLAT),
        ("three_public_reception", AmountUnit.YUAN, D("0"), None),
    ]
    assert claims[0].change.value == D("655") and claims[0].implied_prior == D("13000")
    assert claims[1].compared_year == 2025  # '与去年持平'


def test_synthetic_projects_without_table_keep_name(synthetic):
    claims = synthetic["十"].claims
    assert [(c.subject.kind, c.subject.name, c.subject.code) for c in claims] == [
        ("project_total", None, None), ("project", "甲项目", None),
        ("project", "信息化应用与产业研究", "42010026301T000000114")]


def test_synthetic_unit_and_year_prefix_and_path_from_the_section(synthetic):
    section = synthetic["十一"]
    # Numbered next and unknown to the layout: its topic is what its words say (reference/narrative_topics).
    assert section.topic == "other_matters" and section.title == "其他事项"
    income, item = section.claims
    assert (income.subject.kind, income.amount.printed) == ("income_total", D("50"))
    assert (item.subject.kind, item.subject.code, item.subject.name) == ("function", "2101103", "公务员医疗补助")


def test_no_section_heading_gives_no_sections():
    raw = text_to_raw("这里只是一段说明，没有标题，也没有金额。\n", "x.txt")
    assert read_narrative(tuple(raw.lines()), narrative_budget(), _ctx()) == ((), ())


def test_sample_claims_agree_with_the_tables_read_by_extract():
    """End to end: each claim linked to a table line names a line that exists and holds its figure."""
    from conftest import sample

    from yusuan.extract import extract
    budget, _ = extract(read(sample("wuhan-gxzx-2026-unit-budget.txt")))
    assert len(budget.claims) == len(SAMPLE_CLAIMS)
    matched = 0
    for claim in budget.claims:
        s = claim.subject
        table = budget.table(s.table) if s.table else None
        if table is None or claim.amount is None:
            continue
        row = table.total_row() if s.code is None else (table.row(code=s.code) or table.row(item=s.code))
        if row is None:
            continue
        assert row.get(s.measure) is not None, (s, row.label)
        assert row.get(s.measure).value == claim.amount.value, (s, row.label)
        matched += 1
    # 34 table lines of sections 一–六 plus the project whose name matches table 10
    assert matched >= 35


def test_first_section_numbered_other_than_one():
    # Xi'an: part 3 goes on with 十、… after the sections of part 2; 机关运行经费 is said only in the prose.
    text = ("十、“三公”经费及会议费、培训费情况说明\n本部门当年一般公共预算“三公”经费预算支出3.00万元。\n"
            "十一、机关运行经费安排情况说明\n本部门当年机关运行经费预算安排438.98万元，较上年增加26.75万元。\n")
    raw = text_to_raw(text, "x.txt")
    sections, _ = read_narrative(tuple(raw.lines()), narrative_budget(), _ctx())
    assert [(s.number, s.title) for s in sections] == [("十", "“三公”经费及会议费、培训费情况说明"),
                                                       ("十一", "机关运行经费安排情况说明")]
    gov_op = [c for c in sections[1].claims if c.subject.kind == "gov_operation_cost"]
    assert [c.amount.printed for c in gov_op] == [D("438.98")]


def test_none_stated_about_carried_over_funds_names_no_table():
    # "本部门无2020 年结转的“三公”经费支出": the year's 三公 table (不含上年结转) says nothing about it.
    from yusuan.extract.subjects import none_subject
    b = narrative_budget()
    assert none_subject("2020 年结转的“三公”经费支出", "three_public", b) is None
    assert none_subject("政府性基金预算拨款安排的支出", None, b).table == "gov_fund_by_function"
def test_a_parenthesised_aside_does_not_take_the_comparison_after_it():
    # A line broken after a '；' inside （…） is the same sentence; the change after the closing
    # parenthesis compares the figure before it, not the aside's last one. Own wording and figures.
    text = ("七、一般公共预算“三公”经费支出安排情况\n"
            "公务用车购置及运行维护费70.00万元（公务用车购置费30万元，比上年增加10.00万元；\n"
            "公务用车运行维护费40.00万元，比上年减少5.00万元。）比上年增加5.00万元，增长7.7%。\n")
    raw = text_to_raw(text, "aside.txt")
    sections, _ = read_narrative(tuple(raw.lines()), narrative_budget(), _ctx("aside.txt"))
    assert len(sections[0].paragraphs) == 1
    claims = {c.subject.kind: c for c in sections[0].claims}
    total, operation = claims["three_public_vehicle"], claims["three_public_vehicle_operation"]
    assert (total.amount.printed, total.direction, total.change.printed, total.percent) == (70, UP, 5, D("7.7"))
    assert (operation.amount.printed, operation.direction, operation.change.printed, operation.percent) == (
        40, DOWN, 5, None)


def _read(text: str, name: str = "t.txt"):
    raw = text_to_raw(text, name)
    sections, _ = read_narrative(tuple(raw.lines()), narrative_budget(), _ctx(name))
    return sections


def test_a_change_after_the_parts_of_a_whole_is_the_wholes():
    # "支出预算 X 万元，其中：基本…；项目…。比上年减少…" compares the whole, not its last part (own wording).
    (section,) = _read("三、支出预算安排情况\n2026 年支出预算 500 万元，其中：基本支出 400 万元，占 80%；"
                       "项目支出 100 万元，占 20%。比上年减少 50 万元，下降 9.09%。\n")
    claims = {c.subject.kind: c for c in section.claims}
    whole, project = claims["expenditure_total"], claims["project_total"]
    assert (whole.amount.printed, whole.direction, whole.change.printed, whole.percent) == (500, DOWN, 50, D("9.09"))
    assert (project.direction, project.change, project.percent) == (None, None, None)


def test_a_reason_on_the_line_after_its_opening_words_is_read():
    # "…增长 25%，主要是：" ends its paragraph; the reason is the next one (own wording).
    (section,) = _read("五、一般公共预算支出安排情况\n住房保障支出（类）住房改革支出（款）住房公积金（项）2026 年预算数 10 万元，"
                       "比 2025 年预算增加 2 万元，增长 25%，主要是：\n\n新增人员 2 人。\n")
    (claim,) = section.claims
    assert claim.subject.code == "2210201" and claim.reason == "新增人员 2 人"


def test_an_empty_reason_is_still_empty():
    (section,) = _read("五、一般公共预算支出安排情况\n住房保障支出（类）住房改革支出（款）住房公积金（项）2026 年预算数 10 万元，"
                       "比 2025 年预算增加 2 万元，增长 25%，主要是。\n")
    assert section.claims[0].reason == ""
