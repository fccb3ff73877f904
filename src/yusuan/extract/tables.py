"""Grid tables (tables 1–10): header lines → measure columns, rows → codes, names, amounts."""
from __future__ import annotations

from ..model import Table
from ..reference.layouts import TableSpec
from .context import ExtractContext
from .sections import TableBlock


def block_to_table(block: TableBlock, spec: TableSpec, ctx: ExtractContext) -> Table:
    raise NotImplementedError
