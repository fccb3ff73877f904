"""Pick the layout profile a document follows, from the signals each layout lists."""
from __future__ import annotations

from ..read.raw import RawDocument
from ..reference.layouts import Layout, layout_ids, load_layout, normalize_label

DEFAULT_LAYOUT = "wuhan_unit"


def detect_layout(raw: RawDocument) -> tuple[Layout, bool]:
    """(layout, sure). `sure` is False when no layout scored any signal and the default was assumed."""
    text = normalize_label("".join(line.text for line in raw.lines()))
    best: tuple[int, str] | None = None
    for layout_id in layout_ids():
        layout = load_layout(layout_id)
        score = sum(1 for s in layout.signals if normalize_label(s) in text)
        if score and (best is None or score > best[0]):
            best = (score, layout_id)
    if best is None:
        return load_layout(DEFAULT_LAYOUT), False
    return load_layout(best[1]), True
