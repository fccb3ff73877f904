"""The generated Part 3 never states what the tables contradict and never leaves a heading bare: the
narrative of any consistent budget checks with zero errors and zero warnings in all four formats."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from yusuan.api import load_budget
from yusuan.check import check
from yusuan.extract.yaml_budget import loads
from yusuan.model import Severity
from yusuan.narrative import prepare
from yusuan.render import render
from yusuan.render.derive import derive

from .clerk_budgets import consistent_budgets, typed_once

FORMATS = ("pdf", "html", "docx", "xlsx")
SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）[^。]*情况$")


def _bare_headings(narrative) -> list[str]:
    bare = []
    for section in narrative:
        texts = [p.text for p in section.paragraphs]
        if not texts:
            bare.append(section.label)
        for i, text in enumerate(texts):
            if SUBHEADING.match(text) and (i + 1 == len(texts) or SUBHEADING.match(texts[i + 1])):
                bare.append(text)
    return bare


@pytest.mark.parametrize("fmt", FORMATS)
def test_generated_narrative_of_a_consistent_budget_checks_clean(fmt, tmp_path_factory):
    folder = tmp_path_factory.mktemp(fmt)

    @settings(max_examples=4, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
    @given(consistent_budgets(), st.lists(st.booleans(), min_size=1, max_size=4))
    def clean(budget, drops):
        ready = prepare(derive(typed_once(budget, drops)).budget)
        assert _bare_headings(ready.narrative) == []
        assert [(f.code, f.message) for f in check(ready).findings if f.severity is not Severity.NOTICE] == []
        path = folder / f"doc.{fmt}"
        path.write_bytes(render(ready, fmt))
        again, reading = load_budget(path)
        found = [(f.code, f.message) for f in check(again, reading).findings if f.severity is not Severity.NOTICE]
        assert found == []

    clean()


PARTIAL = """
unit: {name: 测试中心}
year: 2027
layout: wuhan_unit
amount_unit: 万元
tables:
  income_expenditure_summary:
    income:
      - {item: general_budget, name: 一般公共预算拨款收入, amount: 60.00}
      - {item: business_income, name: 事业收入, amount: 40.00}
      - {item: income_total, name: 收入总计}
    expenditure:
      - {code: "215", name: 资源勘探工业信息等支出}
      - {item: expenditure_total, name: 支出总计}
  expenditure_summary:
    rows:
      - {name: 合计, total: 100.00, basic: 0.00, project: 100.00}
      - {code: "215", name: 资源勘探工业信息等支出, total: 100.00, project: 100.00}
      - {code: "21508", name: 支持中小企业发展和管理支出, total: 100.00, project: 100.00}
      - {code: "2150899", name: 其他支持中小企业发展和管理支出, total: 100.00, project: 100.00}
  fiscal_grant_summary:
    income:
      - {item: general_budget, name: 一般公共预算拨款}
      - {item: income_total, name: 收入总计}
    expenditure:
      - {code: "215", name: 资源勘探工业信息等支出}
      - {item: expenditure_total, name: 支出总计}
  projects:
    rows: []
other_matters:
  - {item: gov_operation_cost, title: 机关运行经费}
  - {item: procurement, title: 政府采购, none: true}
"""


def test_a_half_filled_budget_states_no_figure_the_tables_contradict():
    """The issue's case: 表4 and 表10 left blank while 表3 holds 100.00 of 项目支出."""
    budget = loads(PARTIAL, "partial.yaml")
    ready = prepare(derive(budget).budget)
    text = "\n".join(p.text for s in ready.narrative for p in s.paragraphs)
    assert "财政拨款收支总预算 0.00" not in text and "项目支出 0.00" not in text
    assert "2027 年项目支出 100.00 万元。" in text
    assert "表4 财政拨款收支总表尚未填写，本部分（待填写）。" in text
    assert "机关运行经费情况（待填写）。" in text  # never "无", which nobody stated
    assert "2027 年没有使用政府采购预算安排的支出。" in text
    assert _bare_headings(ready.narrative) == []
    # Every figure Part 3 states agrees with the tables: only the unfilled parts are reported.
    report = check(ready)
    text_findings = [f for f in report.findings if f.code.startswith("T")]
    assert text_findings == [], [f.message for f in text_findings]


def test_a_total_left_blank_is_not_stated_as_zero():
    """表1's income side not filled (its expenditure side is derived from 表3): no 收支总预算 0.00."""
    text = PARTIAL.replace("amount: 60.00}", "}").replace("amount: 40.00}", "}")
    ready = prepare(derive(loads(text, "blank.yaml")).budget)
    narrative = "\n".join(p.text for s in ready.narrative for p in s.paragraphs)
    assert "收支总预算 0.00" not in narrative and "收入预算 0.00" not in narrative
    assert narrative.count("表1 收支总表尚未填写，本部分（待填写）。") == 2  # 收支总体 and 收入
    assert "2027 年支出预算 100.00 万元" in narrative
