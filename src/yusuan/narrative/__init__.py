"""Narrative: Part 3 (情况说明) written from the figures, consistent by construction."""
from .generate import generate_narrative
from .prepare import prepare

__all__ = ["generate_narrative", "prepare"]
