"""Options of one check run, validated once at the edge (CLI, API) and passed inward."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Severity


@dataclass(frozen=True)
class CheckSettings:
    """
    Rounding tolerance (docs/rules.md, "容差"), from the printed precision: a figure printed twice
    at the same precision must match exactly (one unit of the last digit off is a rounding-level
    warning); a total of n printed parts may differ from their sum by n × half a unit of the last
    digit, times `sum_units`. `tolerance_yuan`, when given, replaces both with a fixed amount in 元.
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
