"""Printed numbers → exact Decimals and Amounts."""
from __future__ import annotations

import re
from functools import lru_cache
from decimal import Decimal, InvalidOperation

from ..model import Amount, AmountUnit, SourceRef
from ..read import limits

# Longest printed number read as one: the digits limit, its thousands separators, sign and point.
MAX_NUMBER_TEXT = limits.Limits().digits * 4 // 3 + 2
_NUMBER = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_UNIT_LINE = re.compile(r"单位\s*[:：]\s*(万元|元)")


def parse_decimal(text: str) -> Decimal | None:
    """'1,234.50' → Decimal('1234.50'); '' / '-' / '—' / text → None. Keeps the printed scale."""
    parsed = _parsed(text)
    return parsed[0] if parsed is not None else None


# A document prints a few thousand distinct figures, many several times (totals, repeated rows), and
# every figure is parsed by the shape tests and then read: the text → Decimal is kept (Decimals are
# immutable, so sharing one is safe).
@lru_cache(maxsize=16384)
def _parsed(text: str) -> tuple[Decimal, int] | None:
    """(number, decimals printed) of a printed number, None for anything else."""
    t = text.strip().replace(" ", "").replace("−", "-")
    if not t or t.endswith("%") or len(t) > MAX_NUMBER_TEXT or not _NUMBER.match(t):
        return None  # a run of digits longer than any amount (read/limits.py `digits`) is not one
    try:
        number = Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None
    return number, places_of(number)


def places_of(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def parse_amount(text: str, unit: AmountUnit, source: SourceRef | None = None) -> Amount | None:
    """A printed cell in `unit` → Amount exact in 元, or None for a blank or non-numeric cell."""
    parsed = _parsed(text)
    if parsed is None:
        return None
    number, places = parsed
    return Amount(value=number * unit.factor, unit=unit, places=places, source=source)


def amount_from_decimal(number: Decimal, unit: AmountUnit, source: SourceRef | None = None) -> Amount:
    return Amount(value=number * unit.factor, unit=unit, places=places_of(number), source=source)


def unit_in_line(text: str) -> AmountUnit | None:
    """The amount unit a '单位：万元' line declares."""
    m = _UNIT_LINE.search(text)
    if not m:
        return None
    return AmountUnit.WAN if m.group(1) == "万元" else AmountUnit.YUAN


def parse_percent(text: str) -> Decimal | None:
    """'66.4%' → Decimal('66.4')."""
    t = text.strip().replace(" ", "")
    if not t.endswith("%"):
        return None
    return parse_decimal(t[:-1])


def parse_rate(text: str, source: SourceRef | None = None) -> Amount | None:
    """A printed rate ('-60.86%', or '-60.86' under a 增减(%) header) → Amount in AmountUnit.PERCENT."""
    t = text.strip().replace(" ", "")
    number = parse_decimal(t[:-1] if t.endswith("%") else t)
    if number is None:
        return None
    return Amount(value=number, unit=AmountUnit.PERCENT, places=places_of(number), source=source)
