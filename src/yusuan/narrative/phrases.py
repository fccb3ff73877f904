"""Wording conventions of the genre: 万元 to two decimals, percentages to two decimals,
增加/减少 with the absolute change, 持平 when unchanged, no percentage when the prior was zero."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..model import Amount, AmountUnit, Direction

CENT = Decimal("0.01")
EMPTY_REASON = "（待填写）"  # a reason the preparer has not given: visible, and flagged by the checker


def wan(yuan: Decimal) -> Amount:
    """An amount as the narrative prints it: 万元 with two decimals."""
    printed = (yuan / AmountUnit.WAN.factor).quantize(CENT, rounding=ROUND_HALF_UP)
    return Amount(value=printed * AmountUnit.WAN.factor, unit=AmountUnit.WAN, places=2)


def wan_text(yuan: Decimal) -> str:
    return f"{wan(yuan).printed:.2f} 万元"


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole == 0:
        return None
    return (part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def direction_of(current: Decimal, prior: Decimal) -> Direction:
    if current > prior:
        return Direction.UP
    if current < prior:
        return Direction.DOWN
    return Direction.FLAT


def change_clause(current: Decimal, prior: Decimal, prior_year: int, noun: str = "预算") -> tuple[str, Direction, Decimal | None]:
    """'比 2025 年预算减少 48.12 万元，下降 5.82%' / '与 2025 年预算持平'; also the direction and rate."""
    direction = direction_of(current, prior)
    if direction is Direction.FLAT:
        return f"与 {prior_year} 年{noun}持平", direction, None
    diff = abs(current - prior)
    rate = percent(diff, prior) if prior else None
    text = f"比 {prior_year} 年{noun}{direction.value} {wan_text(diff)}"
    if rate is not None:
        text += f"，{'增长' if direction is Direction.UP else '下降'} {rate:.2f}%"
    return text, direction, rate


def reason_clause(reason: str | None, direction: Direction) -> str:
    if direction is Direction.FLAT:
        return ""
    return f"，主要原因是{reason.strip().rstrip('。') if reason else EMPTY_REASON}"


def join_names(names: list[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return "、".join(names[:-1]) + "及" + names[-1]
