"""Renderers: Budget (+ layout) → a publishable document in HTML, PDF, DOCX or XLSX.

`document.py` builds the outline (cover, contents, parts) and `grid.py`/`forms.py` turn tables into
printed grids once; each format module only prints them.
"""
from __future__ import annotations

from typing import Callable

from ..model import Budget
from ..reference.layouts import Layout

FORMATS = ("html", "pdf", "docx", "xlsx")
SUFFIX = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx"}


def renderer(fmt: str) -> Callable[..., bytes]:
    if fmt == "html":
        from .html import render
    elif fmt == "pdf":
        from .pdf import render
    elif fmt == "docx":
        from .docx import render
    elif fmt == "xlsx":
        from .xlsx import render
    else:
        raise ValueError(fmt)
    return render


def render(budget: Budget, fmt: str, layout: str | Layout | None = None) -> bytes:
    """The document as bytes in `fmt` (html | pdf | docx | xlsx)."""
    return renderer(fmt)(budget, layout)
