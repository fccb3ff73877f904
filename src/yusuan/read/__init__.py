"""Readers: file → RawDocument (pages, lines, cells with positions). No budget meaning here."""
from .raw import RawCell, RawDocument, RawLine, RawPage, UnreadableError

__all__ = ["RawCell", "RawDocument", "RawLine", "RawPage", "UnreadableError"]
