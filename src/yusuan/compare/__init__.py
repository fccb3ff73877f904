"""Comparison of documents: two side by side (`compare`), and one unit over its stored years (`series`).

No CLI here: `cli/compare_cmds.py` and the web app call these functions and the formats of `output`."""
from .core import Comparison, Line, Side, compare, mode_of, same_unit

__all__ = ["Comparison", "Line", "Side", "compare", "mode_of", "same_unit"]
