"""Text from documents and file names made safe to print: control characters are shown, not obeyed.

A document's text or a file's name may hold terminal escape sequences (ESC [ … that recolour, move
the cursor, retitle the window or worse) or bidirectional overrides that reorder what is shown.
Printed as they are, they act on the user's terminal; here each becomes a visible escape (\\x1b,
\\u202e). Line breaks and tabs pass through.
"""
from __future__ import annotations

import re

from rich.console import Console

# C0 controls but tab and newline, DEL, C1 controls, the bidirectional embeddings/overrides/isolates,
# and lone surrogates (no output can encode them).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    return _UNSAFE.sub(_visible, text)


def printable_data(value):
    """`printable` over every string of a JSON-like value (dicts, lists, tuples)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: printable_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(printable_data(v) for v in value)
    return value


class SafeConsole(Console):
    """A rich Console whose printed strings are made `printable` first (rich's own styling is not
    affected: it is added after)."""

    def print(self, *objects, **kwargs) -> None:  # type: ignore[override]
        super().print(*(printable(o) if isinstance(o, str) else o for o in objects), **kwargs)
