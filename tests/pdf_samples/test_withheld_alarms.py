"""A region read without its layout file accuses the document of nothing its layout would not.

Each sample is checked twice: with the layouts as shipped, and with its own region's layout files
withheld (read on the national template, as a document of a region yusuan has no file for). An error
the second reading gives that the first does not is the reader's miss shown as the document's fault:
a false alarm on every real document of a region without a layout. (bench/generic.py measures the
same over all samples.)
"""
from __future__ import annotations

from collections import Counter

import pytest
from conftest import sample

from yusuan.api import load_budget
from yusuan.check import CheckSettings, check
from yusuan.model import Severity

# sample → the layout files of its region (withheld together)
REGIONS = {
    "gz-tjj-2026-dept-budget.pdf": {"guangzhou_dept"},
    "shenzhen-kab-2026-dept-budget.pdf": {"shenzhen_dept"},
    "shenzhen-rsj-2026-dept-budget.pdf": {"shenzhen_dept"},
    "bj-tjj-2026-dept-budget-tables.pdf": {"beijing_dept"},
    "suzhou-jtj-2026-dept-budget.pdf": {"jiangsu_dept"},
    "suzhou-swj-2026-unit-budget.pdf": {"jiangsu_dept"},
    "hangzhou-qxj-2026-dept-budget.pdf": {"zhejiang_dept"},
    "xian-tjj-2026-dept-budget.pdf": {"xian_dept"},
    "xian-zfb-2026-dept-budget.pdf": {"xian_dept"},
    "sh-czkj-2026-unit-budget.pdf": {"shanghai_dept", "shanghai_unit"},
    "sh-putuo-fuliyuan-2024-unit-budget.pdf": {"shanghai_dept", "shanghai_unit"},
}


def _errors(path, withheld=frozenset()):
    budget, reading = load_budget(path, withheld=frozenset(withheld))
    report = check(budget, reading, CheckSettings())
    return budget, Counter((f.code, f.location.table) for f in report.findings
                           if f.severity in (Severity.ERROR, Severity.WARNING) and not f.code.startswith("P"))


@pytest.mark.parametrize("name", sorted(REGIONS))
def test_no_alarm_without_the_layout_that_the_layout_does_not_raise(name):
    path = sample(name)
    _, known = _errors(path)
    budget, unknown = _errors(path, REGIONS[name])
    assert budget.layout_assumed
    extra = unknown - known
    assert not extra, f"read without its layout, {name} is accused of {dict(extra)}"


def test_an_unnumbered_explanation_and_its_sections_after_the_tables_are_read_without_the_layout():
    # Shanghai: "2026年单位预算编制说明" (no number) before the tables, then "一、2026年“三公”经费预算情况说明"
    # … after them; read on the national template, the same six sections and claims as with the layout.
    path = sample("sh-czkj-2026-unit-budget.pdf")
    known, _ = load_budget(path)
    unknown, _ = load_budget(path, withheld=frozenset(REGIONS["sh-czkj-2026-unit-budget.pdf"]))
    assert [s.title for s in unknown.narrative] == [s.title for s in known.narrative]
    assert [len(s.claims) for s in unknown.narrative] == [len(s.claims) for s in known.narrative] == [10, 6, 1, 4, 1, 4]
    assert unknown.narrative[1].topic == "three_public"
