"""Performance target tables: overall (table 11) and per project (tables 12-n)."""
from __future__ import annotations

from ..model import OverallPerformance, ProjectPerformance
from ..reference.layouts import TableSpec
from .context import ExtractContext
from .sections import TableBlock


def block_to_overall(block: TableBlock, spec: TableSpec, ctx: ExtractContext) -> OverallPerformance:
    raise NotImplementedError


def block_to_project(block: TableBlock, spec: TableSpec, ctx: ExtractContext) -> ProjectPerformance:
    raise NotImplementedError
