"""Prior-year figures the text implies ('比 2025 年预算减少 48.12 万元' → 2025 was 826.76).

Exposed as data (JSON report key `implied_priors`) for a cross-year check against last year's document.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Budget, Claim, Subject


@dataclass(frozen=True)
class ImpliedPrior:
    subject: Subject
    year: int
    value: Decimal  # 元
    claim: Claim

    def as_dict(self, unit) -> dict:
        return {"subject": self.subject.model_dump(exclude_none=True), "year": self.year,
                "value_yuan": str(self.value), "value": f"{self.value / unit.factor:.2f}", "unit": unit.value,
                "text": self.claim.text,
                "line": self.claim.source.line if self.claim.source else None}


def implied_priors(budget: Budget) -> tuple[ImpliedPrior, ...]:
    out = []
    for claim in budget.claims:
        prior = claim.implied_prior
        if prior is not None:
            out.append(ImpliedPrior(claim.subject, claim.compared_year or budget.year - 1, prior, claim))
    return tuple(out)
