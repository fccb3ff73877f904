"""The catalog: every rule of every family, built once at import and frozen.

Reading issues (P family) are emitted by the readers (extract/reading_issues.py); they are listed
here so `yusuan rules` and docs/rules.md show the whole set, but the engine does not run them.
"""
from __future__ import annotations

from typing import Mapping

from ..extract.reading_issues import READING_ISSUES
from .registry import RuleSpec, build_catalog
from .rules import (
    across, classification, completeness, consistency, final, narrative, other_document, performance, privacy,
    qualified, quality, within, years,
)

MODULES = (completeness, within, qualified, performance, across, consistency, narrative, classification, years,
           other_document, privacy, quality, final)

_READER_SPECS = tuple(
    RuleSpec(code=i.code, name=i.name, severity=i.severity, title=i.title, explanation=i.explanation, reader=True)
    for i in READING_ISSUES.values()
)

CATALOG: Mapping[str, RuleSpec] = build_catalog(MODULES, _READER_SPECS)
