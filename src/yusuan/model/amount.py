"""Money: exact Decimal in 元, with the unit and precision the document printed.

Rounding rules (documented in docs/rounding.md):
- `value` is always exact 元. A printed "778.64" in a 万元 table is 7,786,400 元.
- `places` is the number of decimals printed in the document's unit; the printed
  resolution is 10**-places of that unit (0.01 万元 = 100 元).
- Display converts back with ROUND_HALF_UP to `places` decimals.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from .source import Frozen, SourceRef


# Decimals are immutable: one of each serves every conversion (a unit's factor is asked per amount read).
_ONE, _WAN = Decimal(1), Decimal(10000)


class AmountUnit(str, Enum):
    YUAN = "元"
    WAN = "万元"
    # A printed rate (增减%): `value` is the percentage as printed (-60.86), never 元; not summed.
    PERCENT = "%"

    @property
    def factor(self) -> Decimal:
        """元 per one of this unit (1 for a percentage: its value is kept as printed)."""
        return _WAN if self is AmountUnit.WAN else _ONE

    @property
    def is_money(self) -> bool:
        return self is not AmountUnit.PERCENT


def to_yuan(printed: Decimal, unit: AmountUnit) -> Decimal:
    """Exact conversion from the printed unit to 元."""
    return printed * unit.factor


def from_yuan(yuan: Decimal, unit: AmountUnit, places: int | None = 2) -> Decimal:
    """元 → display unit, rounded half-up to `places` decimals (None: exact)."""
    value = yuan / unit.factor
    if places is None:
        return value
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class Amount(Frozen):
    """One printed amount. Blank cells are not Amounts (they are absent)."""

    value: Decimal  # exact, in 元
    unit: AmountUnit = AmountUnit.WAN  # unit the document printed it in
    places: int = 2  # decimals printed in that unit
    source: SourceRef | None = None

    @property
    def printed(self) -> Decimal:
        """The value in the document's unit, exact."""
        return self.value / self.unit.factor

    @property
    def resolution(self) -> Decimal:
        """One unit of the last printed digit, in 元 (the rounding tolerance of one value)."""
        return Decimal(1).scaleb(-self.places) * self.unit.factor

    def display(self, places: int | None = None) -> str:
        """Formatted in the document's unit: '778.64'."""
        p = self.places if places is None else places
        return f"{from_yuan(self.value, self.unit, p):.{p}f}"

    def __str__(self) -> str:
        return f"{self.display()} {self.unit.value}"
