"""A file holding a budget's narrative alone (own wording, written as text): its key figures are the
ones the narrative states for the budget year, shown by `summary` with their sentence; the statement
that the tables are an attachment is one reading notice, not a missing-table error per table."""
from __future__ import annotations

import json

from cli_util import run

from yusuan.api import check_file, load_budget
from yusuan.figures.summary import summary

TEXT = """\
某某市数据局2026年部门预算说明
一、部门基本情况
本部门主要职责是统筹推进全市数据资源整合和开发利用。
二、收入预算情况说明
2026年度收入预算1200.50万元，比2025年年初预算数1100.00万元增加100.50万元，增长9.14%。主要原因是人员增加。
（一）本年财政拨款收入1000.00万元
（二）上年结转结余200.50万元
三、支出预算情况说明
2026年支出预算1200.50万元，比2025年年初预算数1100.00万元增加100.50万元，增长9.14%。
（一）基本支出。基本支出预算800.50万元，占本年支出预算66.68%。
（二）项目支出。项目支出预算400.00万元，占本年支出预算33.32%。
其中一般公共预算基本支出700.00万元。
四、“三公”经费预算情况说明
2026年“三公”经费预算12.00万元，比2025年减少1.00万元，下降7.69%。其中：
（一）因公出国（境）费用。2026年预算数2.00万元。
（二）公务接待费。2026年预算数3.00万元。
（三）公务用车购置和运行维护费。2026年预算数7.00万元，包括公务用车购置费预算0万元、公务用车运行维护费预算7.00万元。
2025年“三公”经费预算13.00万元。
五、其他情况说明
（一）机关运行经费说明
2026年本部门机关运行经费财政拨款预算50.00万元。
附件：某某市数据局2026年部门预算公开报表
"""


def _write(tmp_path, text, name="narrative.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_key_figures_stated_by_the_narrative(tmp_path):
    budget, reading = load_budget(_write(tmp_path, TEXT))
    assert not budget.tables and (budget.unit.name, budget.year) == ("某某市数据局", 2026)
    data = summary(budget)
    assert {k: data[k] for k in ("income_total", "expenditure_total", "basic_total", "project_total",
                                 "three_public_total", "three_public_abroad", "three_public_vehicle_purchase",
                                 "three_public_vehicle_operation", "three_public_reception",
                                 "gov_operation_cost")} == {
        "income_total": "12005000", "expenditure_total": "12005000",
        "basic_total": "8005000",  # not '其中一般公共预算基本支出700.00万元' (table 5's scope)
        "project_total": "4000000",
        "three_public_total": "120000",  # not the 2025 figure '2025年“三公”经费预算13.00万元'
        "three_public_abroad": "20000",  # '（一）因公出国（境）费用。2026年预算数2.00万元': the label names it
        "three_public_vehicle_purchase": "0", "three_public_vehicle_operation": "70000",
        "three_public_reception": "30000", "gov_operation_cost": "500000",
    }
    # '本年财政拨款收入' leaves out the fiscal carry-over: not 财政拨款收支总计. Nothing states 人员/公用经费.
    assert (data["fiscal_grant_total"], data["personnel_total"], data["public_total"]) == (None, None, None)
    lines = {f["key"]: (f["line"], f["text"]) for f in data["from_narrative"]}
    assert lines["basic_total"] == (10, "（一）基本支出。基本支出预算800.50万元，占本年支出预算66.68%")
    assert lines["three_public_reception"] == (16, "（二）公务接待费。2026年预算数3.00万元")
    assert [f.code for f in reading if f.code == "P009"] == ["P009"]


def test_the_attachment_sentence_is_one_notice(tmp_path):
    _, report = check_file(_write(tmp_path, TEXT))
    assert {f.code for f in report.findings} <= {"P005", "P009"}
    notice = next(f for f in report.findings if f.code == "P009")
    assert notice.location.source.line == 22 and "第22行“附件：某某市数据局2026年部门预算公开报表”" in notice.message
    skipped = {s.code: s.reason for s in report.rules_skipped}
    assert "另行公开" in skipped["C002"] and "均不对应" in skipped["C003"]


def test_unsure_figures_stay_null(tmp_path):
    # Income and expenditure disagree: one of them is a part (收入总计 = 支出总计 always) — both null.
    # Two different 基本支出 for the year: null. A figure of another year or a change is never taken.
    text = TEXT.replace("2026年支出预算1200.50万元", "2026年支出预算1000.00万元").replace(
        "其中一般公共预算基本支出700.00万元。", "基本支出预算790.50万元。").replace(
        "2026年“三公”经费预算12.00万元，比2025年减少1.00万元", "“三公”经费比2025年减少1.00万元")
    data = summary(load_budget(_write(tmp_path, text))[0])
    assert (data["income_total"], data["expenditure_total"], data["basic_total"]) == (None, None, None)
    assert data["three_public_total"] is None and data["project_total"] == "4000000"


def test_without_the_attachment_sentence_no_notice(tmp_path):
    text = TEXT.replace("附件：某某市数据局2026年部门预算公开报表\n", "")
    budget, reading = load_budget(_write(tmp_path, text))
    assert budget.tables_elsewhere is None and "P009" not in {f.code for f in reading}
    assert summary(budget)["income_total"] == "12005000"


def test_cli_json(tmp_path):
    result = run("summary", "--json", str(_write(tmp_path, TEXT)))
    assert result.code == 0
    data = json.loads(result.out)
    assert [f["key"] for f in data["from_narrative"]][:2] == ["income_total", "expenditure_total"]
    assert data["from_narrative"][0]["line"] == 5


def test_an_attachment_title_followed_by_more_content_is_no_statement(tmp_path):
    # '附件：…报表' with the attachment's own pages after it (a cover page before tables the reader may
    # not have read) does not say the tables are elsewhere.
    text = TEXT + "".join(f"第{i}页附件内容，单位：万元。\n" for i in range(1, 9))
    budget, reading = load_budget(_write(tmp_path, text))
    assert budget.tables_elsewhere is None and "P009" not in {f.code for f in reading}


def test_generic_amount_words_take_the_subject_named_before_them():
    from narrative_budget import narrative_budget

    from yusuan.extract.context import ExtractContext
    from yusuan.extract.narrative import read_narrative
    from yusuan.model import AmountUnit
    from yusuan.read.text import text_to_raw
    from yusuan.reference.layouts import load_layout

    text = ("七、一般公共预算“三公”经费支出安排情况\n"
            "2.公务接待费。2026 年预算数11.56 万元，较2025 年年初预算增加0.00 万元。\n"
            "公务用车购置费2026 年预算数0.00 万元，较2025 年年初预算减少3.00 万元。\n"
            "其他经费2026 年预算数5.00 万元。\n")
    raw = text_to_raw(text, "t.txt")
    ctx = ExtractContext(path="t.txt", layout=load_layout("wuhan_unit"), unit=AmountUnit.WAN)
    sections, _ = read_narrative(tuple(raw.lines()), narrative_budget(), ctx)
    kinds = [(c.subject.kind, c.amount.value) for c in sections[0].claims]
    assert kinds == [("three_public_reception", 115600), ("three_public_vehicle_purchase", 0), ("other", 50000)]
