"""`summary` names the tables it could not read, and shows no figure of theirs (issue 10)."""
from __future__ import annotations

import json

from cli_util import run
from conftest import sample

from yusuan.figures.summary import summary
from yusuan.model import Budget, SourceRef, Unit, UnreadTable


def test_unread_tables_are_listed_and_their_figures_null():
    budget = Budget(unit=Unit(name="某单位"), year=2026, unread_tables=(
        UnreadTable(title="一般公共预算“三公”经费支出情况表", number="7", kind="three_public",
                    source=SourceRef(file="x.pdf", page=12)),))
    data = summary(budget)
    assert data["unread"] == [{"title": "一般公共预算“三公”经费支出情况表", "number": "7", "kind": "three_public",
                               "page": 12}]
    assert data["three_public_total"] is None and data["three_public_abroad"] is None


def test_cli_summary_of_a_final_accounts_with_titles_above_their_numbers():
    # 国家信访局 2024 决算: each title printed above its "公开0N 表" (pp7–15) — read, none left unread.
    path = str(sample("cn-xfj-2024-dept-final.pdf"))
    result = run("summary", "--json", path)
    data = json.loads(result.out)
    assert data["unread"] == [] and data["income_total"] == "220665900" and data["kind"] == "决算"
    assert "未能读取" not in run("summary", path).out
