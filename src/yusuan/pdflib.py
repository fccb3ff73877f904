"""PyMuPDF for the whole package, imported without its optional layout model.

PyMuPDF imports the optional pymupdf_layout package whenever it is installed (PyMuPDF 2 installs
it with pymupdf4llm): its ONNX layout model loads at import, about 1.2 s per process, and yusuan
never asks a page for that analysis. Every module that needs PyMuPDF imports it from here, so the
first import decides. (If something imported PyMuPDF with the model before us, it stays loaded.)
"""
from __future__ import annotations

import sys

sys.modules.setdefault("pymupdf.layout", None)  # type: ignore[arg-type]
import pymupdf  # noqa: E402

__all__ = ["pymupdf"]
