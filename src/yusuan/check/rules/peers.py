"""The same expenditure-by-class figures printed in other tables: which row of a table that does not
add up to its own 合计 is the one at fault.

A table whose class rows do not add up to its printed 合计 is wrong in one place or the other. When
another table prints the same 合计 (to the cent) and its own classes add up to it, the 合计 is
confirmed and the fault is a row: the one class that differs from the other table by exactly the
discrepancy. Told by content: two tables that print the same total spend the same money.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...model import Amount, Budget, Row, RowLevel, Side, Table
from .common import BY_CODE_TABLES, TWO_SIDED_TABLES, class_lines, line_amount, side_line, total


@dataclass(frozen=True)
class ClassFigures:
    table: Table
    total: Amount
    classes: dict[str, tuple[Row, Amount | None]]  # class code → (row, amount)


def class_figures(table: Table) -> ClassFigures | None:
    """A table's 合计 of expenditure and its class rows (3-digit function codes), or None."""
    if table.id in TWO_SIDED_TABLES:
        current = line_amount(side_line(table, "expenditure_current_total", Side.EXPENDITURE))
        rows = class_lines(table)
        classes = {r.code: (r, line_amount(r)) for r in rows}
    elif table.id in BY_CODE_TABLES and table.id != "income_summary" and not table.unit_groups():
        head = table.total_row()
        current = head.get("total") if head is not None else None
        classes = {r.code: (r, r.get("total")) for r in table.rows if r.level is RowLevel.CLASS and r.code}
    else:
        return None
    if current is None or not classes:
        return None
    return ClassFigures(table, current, classes)


@dataclass(frozen=True)
class Culprit:
    row: Row
    mine: Amount | None
    peer: ClassFigures
    theirs: Amount | None


def culprit_row(budget: Budget, table: Table, tolerance: Decimal) -> Culprit | None:
    """The class row of `table` at fault when its classes miss its 合计, as confirmed by another table
    printing the same 合计 whose classes add up; None when no single row explains the difference."""
    mine = class_figures(table)
    if mine is None:
        return None
    discrepancy = mine.total.value - total(a for _, a in mine.classes.values())
    if discrepancy == 0:
        return None
    # All-funds tables first: they name the peer a reader compares first.
    for tid in dict.fromkeys(("expenditure_summary", "income_expenditure_summary", *TWO_SIDED_TABLES, *BY_CODE_TABLES)):
        other = budget.table(tid)
        if other is None or other is table or (peer := class_figures(other)) is None:
            continue
        if peer.total.value != mine.total.value:
            continue  # another scope (fiscal grant only, general budget only)
        if abs(peer.total.value - total(a for _, a in peer.classes.values())) > tolerance:
            continue  # the other table does not add up either: nothing is confirmed
        found = []
        for code, (row, amount) in mine.classes.items():
            theirs = peer.classes.get(code, (None, None))[1]
            printed = amount.value if amount is not None else Decimal(0)
            expected = theirs.value if theirs is not None else Decimal(0)
            if printed != expected and abs((expected - printed) - discrepancy) <= tolerance:
                found.append(Culprit(row, amount, peer, theirs))
        if len(found) == 1:
            return found[0]
    return None
