"""Shared checks for the regional PDF samples: facts completeness and the remaining check errors."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

from yusuan.api import read_raw, read_together
from yusuan.extract.grid import cells_by_col, number_text
from yusuan.extract.numbers import parse_decimal
from yusuan.extract.sections import split_document
from yusuan.figures.facts import budget_facts
from yusuan.model import Budget
from yusuan.reference.layouts import load_layout


def measure_columns(budget: Budget) -> dict[str, set[tuple[str | None, int | None, int | None]]]:
    """Per table: the (file, page, grid column) where the reader found amounts."""
    out: dict[str, set] = {}
    for table in budget.tables:
        out[table.id] = {(c.amount.source.file, c.amount.source.page, c.amount.source.column)
                         for r in table.rows for c in r.cells if c.amount and c.amount.source}
    return out


def unread_numbers(budget: Budget, paths: list) -> list[tuple[str, int | None, str]]:
    """Numbers printed in the amount columns of the budget tables that are not among the facts.

    Every numeric grid cell of a table block, in a column where the reader found amounts on that
    page, must be a fact of that table on that page with the same value in 元.
    """
    raw = read_raw(paths[0]) if len(paths) == 1 else read_together(paths)
    layout = load_layout(budget.layout)
    facts = Counter((f.table, f.page, f.value_yuan) for f in budget_facts(budget))
    columns = measure_columns(budget)
    units = {t.id: t.unit for t in budget.tables}
    missing = []
    for block in split_document(raw, layout).tables:
        spec = layout.match_title(block.title) if block.title else None
        if spec is None or spec.id not in columns:
            continue
        for line in block.lines:
            if not line.is_table_row:
                continue
            for col, text in cells_by_col(line).items():
                number = parse_decimal(number_text(text))
                if number is None or (line.file or raw.path, line.page, col) not in columns[spec.id]:
                    continue
                key = (spec.id, line.page, number * units[spec.id].factor)
                if facts[key] <= 0:
                    missing.append((spec.id, line.page, text))
    return missing


def numeric_cells(budget: Budget) -> int:
    return sum(1 for t in budget.tables for r in t.rows for c in r.cells if c.amount is not None)


def error_keys(report) -> Counter:
    """(code, table, row) of every error the checker reports."""
    return Counter((f.code, f.location.table, f.location.row) for f in report.findings
                   if f.severity.value == "error")


def yuan(text: str) -> Decimal:
    return Decimal(text)
