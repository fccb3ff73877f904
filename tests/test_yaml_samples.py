"""Every sample document survives the preparer's YAML: load_budget → budget_to_yaml → yaml_budget.loads
gives the same Budget.

What is by design not compared:
- provenance (`source`, `source_file`, `field_sources`): the YAML reading points at YAML lines, not at
  the PDF's pages;
- `toc` (the contents page), `headings` (the parts' headings) and `narrative` (Part 3): the YAML form has none — Part 3 is generated
  from the tables and the `prior:` block, the contents from the layout (docs/yaml-format.md) — and so
  neither the key figures read from Part 3's words (`stated_figures`, a 决算's `execution_claims`: the
  YAML keeps only their 年初预算数 and reasons) nor the sentence saying the tables are published apart
  (`tables_elsewhere`);
- what the reading says of itself (`layout_assumed`, `unread_tables`): facts of reading a PDF, not
  figures of the budget;
- the order of the tables: the YAML form lists them in the layout's order (a 决算 prints its “三公” table
  7th or 9th: both are read on the national template of nine);
- the interleaving of the two sides of a two-sided table (表1/表4): the document prints an income line
  and an expenditure line side by side, the YAML lists `income:` then `expenditure:`; the order of the
  rows within each side is compared.
Everything else — every row, label column, level, cell (qualified measures and printed rates
included), its unit and printed places, table numbers as printed (or their absence), performance
weights, funding lines and target values — must come back equal.
"""
from __future__ import annotations


import pytest

from conftest import SAMPLES, sample
from provenance import differences, strip_provenance
from yusuan.api import load_budget, load_budget_together
from yusuan.extract.yaml_budget import loads
from yusuan.model import Budget
from yusuan.render.yaml_out import budget_to_yaml

WUHAN = "wuhan-gxzx-2026-unit-budget.txt"
BEIJING = ("bj-tjj-2026-dept-budget-tables.pdf", "bj-tjj-2026-dept-budget-text.pdf")
NAMES = sorted(p.name for p in SAMPLES.glob("*.pdf")) + [WUHAN] if SAMPLES.exists() else [WUHAN]


def comparable(budget: Budget) -> dict:
    dump = strip_provenance(budget.model_dump())
    for key in ("toc", "headings", "narrative", "stated_figures", "execution_claims", "tables_elsewhere", "layout_assumed",
                "unread_tables"):
        dump.pop(key)
    dump["tables"] = sorted(dump["tables"], key=lambda t: t["id"])
    side_order = {"income": 0, "expenditure": 1}
    for table in dump["tables"]:
        # Stable: rows keep their order within a side (and all of it in one-sided tables).
        table["rows"] = sorted(table["rows"], key=lambda r: side_order.get(r["side"], 2))
    return dump


def yaml_differences(budget: Budget) -> list[str]:
    back = loads(budget_to_yaml(budget), "roundtrip.yaml")
    return differences(comparable(budget), comparable(back))


@pytest.mark.parametrize("name", NAMES)
def test_sample_survives_the_yaml_form(name):
    budget, _ = load_budget(sample(name))
    assert yaml_differences(budget) == []


def test_beijing_read_together_survives_the_yaml_form():
    paths = [sample(n) for n in BEIJING]
    budget, _ = load_budget_together(paths)
    assert budget.other_matters and budget.tables  # the narrative PDF adds the other matters
    assert yaml_differences(budget) == []


def test_the_comparison_sees_a_changed_amount():
    """Sorting and stripping leave the figures in: one amount changed after reading is a difference."""
    budget, _ = load_budget(sample(WUHAN))
    table = budget.tables[0]
    row = table.rows[0]
    cell = row.cells[0]
    changed = cell.amount.model_copy(update={"value": cell.amount.value + 1})
    row2 = row.model_copy(update={"cells": (cell.model_copy(update={"amount": changed}), *row.cells[1:])})
    other = budget.model_copy(update={"tables": (table.model_copy(update={"rows": (row2, *table.rows[1:])}),
                                                 *budget.tables[1:])})
    assert differences(comparable(budget), comparable(other)) != []
