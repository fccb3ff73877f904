"""Checks shared by the regional samples (Guangzhou, Shenzhen, Jiangsu, Zhejiang, Fujian, Xi'an).

- `row_numbers_not_in_facts`: every numeric cell of every grid line the reader turned into a row of
  a budget table is a fact of that table, on that page, with the row's code and the same value in 元;
  the cells that are not are returned as (table, page, printed header or column) so a test can list
  exactly the columns a layout leaves out (and why).
- `error_keys`: (code, table, row) of the errors `yusuan check` still reports.
"""
from __future__ import annotations

import re
from collections import Counter

from yusuan.api import read_raw
from yusuan.extract.grid import cells_by_col, number_text
from yusuan.extract.numbers import parse_decimal
from yusuan.figures.facts import budget_facts
from yusuan.model import Budget

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


def numeric_cells(budget: Budget) -> int:
    return sum(1 for t in budget.tables for r in t.rows for c in r.cells)


def row_numbers_not_in_facts(budget: Budget, path) -> Counter:
    """Numbers printed on the table rows of the model that are missing from `yusuan facts`."""
    facts = Counter((f.table, f.code, f.page, f.value_yuan) for f in budget_facts(budget))
    raw = read_raw(path)
    by_place = {(line.page, line.bbox): line for line in raw.lines() if line.is_table_row}
    missing: Counter = Counter()
    for table in budget.tables:
        for row in table.rows:
            if row.source is None:
                continue
            line = by_place.get((row.source.page, row.source.bbox))
            if line is None:  # two-sided rows point at their label cell: find the line holding it
                line = next((ln for (page, _), ln in by_place.items() if page == row.source.page
                             and any(c.bbox == row.source.bbox for c in ln.cells)), None)
            if line is None:
                missing[(table.id, row.source.page, "row source not found")] += 1
                continue
            read_cols = {c.amount.source.column for c in row.cells if c.amount.source}
            for cell in row.cells:
                key = (table.id, row.code, cell.amount.source.page if cell.amount.source else None,
                       cell.amount.value)
                if facts[key] <= 0:
                    missing[(table.id, row.source.page, f"fact of {row.label}")] += 1
            if row.side is not None:
                continue  # a line of a two-sided table holds both sides' rows: checked per side above
            for col, text in cells_by_col(line).items():
                if col in read_cols or parse_decimal(number_text(text)) is None:
                    continue
                if (text.strip() in (row.code, row.name) or any(text.strip() == t for _, t in row.texts)
                        or _CODE.match(text.strip())):
                    continue  # a code (the row's, or a second code column) or a label, not an amount
                missing[(table.id, line.page, col)] += 1
    return missing


def error_keys(report) -> Counter:
    return Counter((f.code, f.location.table, f.location.row) for f in report.findings
                   if f.severity.value == "error")
