"""Options of one check run, validated once at the edge (CLI, API) and passed inward."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Severity


@dataclass(frozen=True)
class CheckSettings:
    """
    Rounding tolerance (docs/rules.md, "容差"): an identity between printed amounts
    (total = Σ parts) holds when the difference is at most `sum_units` units of the last
    printed digit of the coarsest amount involved — 1 × 0.01 万元 = 100 元 in a table printed
    in 万元 with two decimals. `tolerance_yuan`, when given, replaces that with a fixed amount in 元.
    """

    sum_units: int = 1
    tolerance_yuan: Decimal | None = None
    select: tuple[str, ...] = ()  # code prefixes to run (empty: all)
    ignore: tuple[str, ...] = ()  # code prefixes to leave out
    fail_on: Severity = Severity.ERROR

    def wants(self, code: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)
