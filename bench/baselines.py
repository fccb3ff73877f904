"""The reference timings yusuan is measured against: PyMuPDF's plain text and pdfplumber's tables."""
from __future__ import annotations

from pathlib import Path

from yusuan.pdflib import pymupdf


def plain_text(path: Path) -> None:
    with pymupdf.open(path) as doc:
        for page in doc:
            page.get_text()


def plumber_tables(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.flush_cache()
