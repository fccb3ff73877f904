"""Printed numbers → exact Decimals and Amounts."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..model import Amount, AmountUnit, SourceRef

_NUMBER = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_UNIT_LINE = re.compile(r"单位\s*[:：]\s*(万元|元)")


def parse_decimal(text: str) -> Decimal | None:
    """'1,234.50' → Decimal('1234.50'); '' / '-' / '—' / text → None. Keeps the printed scale."""
    parsed = _parsed(text)
    return parsed[0] if parsed is not None else None


def _parsed(text: str) -> tuple[Decimal, int] | None:
    """(number, decimals printed) of a printed number, None for anything else."""
    found = _PARSED.get(text, _MISSING)
    if found is not _MISSING:
        return found
    found = None
    t = text.strip().replace(" ", "").replace("−", "-")
    if t and not t.endswith("%") and _NUMBER.match(t):
        try:
            number = Decimal(t.replace(",", ""))
        except InvalidOperation:
            pass
        else:
            found = (number, places_of(number))
    if len(_PARSED) >= _CACHE_SIZE:
        _PARSED.clear()
    _PARSED[text] = found
    return found


# A document prints a few thousand distinct figures, many several times (totals, repeated rows), and
# every figure is parsed by the shape tests and then read: the text → Decimal is kept (Decimals are
# immutable, so sharing one is safe).
_CACHE_SIZE = 16384
_PARSED: dict[str, tuple[Decimal, int] | None] = {}
_MISSING = object()


def places_of(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def parse_amount(text: str, unit: AmountUnit, source: SourceRef | None = None) -> Amount | None:
    """A printed cell in `unit` → Amount exact in 元, or None for a blank or non-numeric cell."""
    parsed = _parsed(text)
    if parsed is None:
        return None
    number, places = parsed
    return Amount(value=number * _FACTOR[unit], unit=unit, places=places, source=source)


def amount_from_decimal(number: Decimal, unit: AmountUnit, source: SourceRef | None = None) -> Amount:
    return Amount(value=number * _FACTOR[unit], unit=unit, places=places_of(number), source=source)


# AmountUnit.factor builds a new Decimal on every call.
_FACTOR = {unit: unit.factor for unit in AmountUnit}


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
