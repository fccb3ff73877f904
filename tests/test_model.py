"""The model: exact amounts, immutability, JSON round trip."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from yusuan.model import (
    Amount, AmountUnit, Budget, Cell, Column, Row, RowLevel, SourceRef, Table, Unit, from_yuan, to_yuan,
)


def test_wan_to_yuan_is_exact():
    assert to_yuan(Decimal("778.64"), AmountUnit.WAN) == Decimal("7786400")
    assert from_yuan(Decimal("7786400"), AmountUnit.WAN) == Decimal("778.64")
    # half-up, not banker's rounding
    assert from_yuan(Decimal("125"), AmountUnit.WAN, 2) == Decimal("0.01")
    assert from_yuan(Decimal("50"), AmountUnit.WAN, 2) == Decimal("0.01")
    assert from_yuan(Decimal("49"), AmountUnit.WAN, 2) == Decimal("0.00")


def test_amount_resolution_and_display():
    a = Amount(value=Decimal("519000"), unit=AmountUnit.WAN, places=1)
    assert a.printed == Decimal("51.9")
    assert a.resolution == Decimal("1000")
    assert a.display() == "51.9"
    assert a.display(2) == "51.90"
    assert Amount(value=Decimal("1234.5"), unit=AmountUnit.YUAN, places=2).resolution == Decimal("0.01")


def test_model_is_frozen():
    row = Row(name="合计", level=RowLevel.TOTAL)
    with pytest.raises(ValidationError):
        row.name = "x"  # type: ignore[misc]


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
codes = st.sampled_from(["201", "20101", "2010101", "208", "20805", "2080505", "301", "30101"])


@st.composite
def tables(draw):
    rows = []
    for code in draw(st.lists(codes, max_size=6)):
        cells = tuple(
            Cell(measure=m, amount=Amount(value=draw(amounts) * 10000, unit=AmountUnit.WAN, places=2,
                                          source=SourceRef(file="x.txt", line=draw(st.integers(1, 999)), column=i)))
            for i, m in enumerate(draw(st.lists(st.sampled_from(["total", "basic", "project"]), unique=True)))
        )
        rows.append(Row(name=f"科目{code}", code=code, level=RowLevel.for_code(code), cells=cells))
    return Table(id="expenditure_summary", number="3", title="支出总表",
                 columns=(Column(measure="total", label="合计"),), rows=tuple(rows))


@given(st.lists(tables(), max_size=3), st.integers(2000, 2100))
def test_json_round_trip_is_identity(tabs, year):
    budget = Budget(unit=Unit(name="某单位", code="001"), year=year, tables=tuple(tabs))
    again = Budget.model_validate_json(budget.model_dump_json())
    assert again == budget
