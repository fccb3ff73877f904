"""Compare models read from different sources: drop provenance (and, on request, prose)."""
from __future__ import annotations

from typing import Any

# Where a value was read from, and how a table was known: differs between a YAML and a text reading of
# the same document.
PROVENANCE_KEYS = frozenset({"source", "source_file", "field_sources", "identified_by"})

# Long free-text cells a preparer may summarise or leave out; the figures around them are facts.
PROSE_KEYS = frozenset({
    "functions", "annual_tasks", "long_term_summary", "annual_summary", "description", "direction",
    "reason", "content", "budget_history_text", "long_term_goal", "annual_goal", "empty_note", "note",
    "filler", "phone", "leader", "text", "basis",
})


def strip_provenance(dump: Any, drop: frozenset[str] = PROVENANCE_KEYS) -> Any:
    """A `model_dump()` without `source`/`source_file` anywhere (or without any key in `drop`)."""
    if isinstance(dump, dict):
        return {k: strip_provenance(v, drop) for k, v in dump.items() if k not in drop}
    if isinstance(dump, (list, tuple)):
        return [strip_provenance(v, drop) for v in dump]
    return dump


def strip_prose(dump: Any) -> Any:
    """Provenance and prose removed; indicator `basis` ('计划数据') is kept, cost-item prose is not."""
    return _strip(dump, parent=None)


def _strip(dump: Any, parent: str | None) -> Any:
    if isinstance(dump, dict):
        out = {}
        for key, value in dump.items():
            if key in PROVENANCE_KEYS:
                continue
            # Indicator.basis is a short category ('计划数据'), CostItem.basis is prose.
            if key in PROSE_KEYS and not (key == "basis" and "target" in dump):
                continue
            out[key] = _strip(value, key)
        return out
    if isinstance(dump, (list, tuple)):
        return [_strip(v, parent) for v in dump]
    return dump


def differences(left: Any, right: Any, path: str = "") -> list[str]:
    """Readable paths where two dumps differ (for assertion messages)."""
    if isinstance(left, dict) and isinstance(right, dict):
        out: list[str] = []
        for key in sorted(set(left) | set(right), key=str):
            if key not in left or key not in right:
                out.append(f"{path}.{key}: only in {'right' if key not in left else 'left'}")
            else:
                out.extend(differences(left[key], right[key], f"{path}.{key}"))
        return out
    if isinstance(left, list) and isinstance(right, list):
        out = [f"{path}: {len(left)} items vs {len(right)}"] if len(left) != len(right) else []
        for i, (a, b) in enumerate(zip(left, right)):
            out.extend(differences(a, b, f"{path}[{i}]"))
        return out
    return [] if left == right else [f"{path}: {left!r} != {right!r}"]
