"""Pick the layout profile a document follows, from the signals each layout lists."""
from __future__ import annotations

from dataclasses import replace
from functools import cache
from types import MappingProxyType

from ..read.raw import RawDocument
from ..reference.layouts import Layout, TableSpec, layout_ids, load_layout, normalize_label
from ..reference.summary_lines import national_lines
from ..reference.table_kinds import table_kinds

DEFAULT_LAYOUT = "wuhan_unit"
# The national template of final accounts (决算): the base of a 决算 of any region.
DEFAULT_FINAL_LAYOUT = "national_final"
# A region's own documents show 4 to 7 of its layout's signals (yusuan's own rendering of a layout at
# least 3); another region's show at most 2, wordings two regions share. Below 3 the layout is
# assumed, not known (bench/generic.py reads every sample so).
SURE_SCORE = 3


def detect_layout(raw: RawDocument, withheld: frozenset[str] = frozenset(), kind: str = "预算") -> tuple[Layout, bool]:
    """(layout, sure). When no layout scores SURE_SCORE signals, the best one (else the default) is
    assumed, extended with every known layout's table titles (see `with_all_titles`), and `sure` is
    False so the reader reports which layout was assumed. `withheld` layouts are not candidates (a
    region read as if it had no layout file: bench/generic.py). `kind`: only layouts of that kind of
    document (预算 or 决算: a 决算's tables are never read as a budget's, nor the reverse)."""
    text = normalize_label("".join(line.text for line in raw.lines()))
    best: tuple[int, str] | None = None
    for layout_id in layout_ids():
        if layout_id in withheld:
            continue
        layout = load_layout(layout_id)
        if layout.kind != kind:
            continue
        score = sum(1 for s in layout.signals if normalize_label(s) in text)
        if score and (best is None or score > best[0]):
            best = (score, layout_id)
    if best is None or best[0] < SURE_SCORE:
        # Not known: the national template (the Wuhan layout is its plain form) with what every known
        # layout says of each table — not the best-scoring region, whose quirks are another region's.
        if kind != "预算":
            return load_layout(DEFAULT_FINAL_LAYOUT), bool(best)  # one national template of 决算 so far
        fallback = next(i for i in (DEFAULT_LAYOUT, *(b[1] for b in [best] if b), *layout_ids()) if i not in withheld)
        return with_all_titles(fallback, withheld), False
    return load_layout(best[1]), True


@cache
def with_all_titles(layout_id: str, withheld: frozenset[str] = frozenset()) -> Layout:
    """The layout with what every known layout says of each kind of table: its titles, the measures
    its columns print and their printed header paths, and the line names of its two sides; and the
    tables of other layouts it lacks. An unknown variant of the national template is read table by
    table, by what each table's title and headers say ("…支出预算总表" → expenditure_summary)."""
    base = load_layout(layout_id)
    specs = {t.id: t for t in base.tables}
    names: dict[str, list[str]] = {t.id: list(t.names) for t in base.tables}
    columns: dict[str, list[str]] = {t.id: list(t.columns) for t in base.tables}
    hints: dict[str, list[tuple[str, str]]] = {t.id: list(t.headers.items()) for t in base.tables}
    lines: dict[str, dict[str, dict[str, str]]] = {t.id: {k: dict(v) for k, v in t.lines.items()} for t in base.tables}
    sublines: dict[str, dict[str, dict[str, str]]] = {t.id: {k: dict(v) for k, v in t.sublines_after.items()}
                                                      for t in base.tables}
    for other_id in layout_ids():
        if other_id in withheld or other_id == layout_id or load_layout(other_id).kind != base.kind:
            continue
        for spec in load_layout(other_id).tables:
            specs.setdefault(spec.id, spec)
            names.setdefault(spec.id, []).extend(spec.names)
            columns.setdefault(spec.id, []).extend(spec.columns)  # any measure a variant prints
            hints.setdefault(spec.id, []).extend(spec.headers.items())
            for parent, renames in spec.sublines_after.items():  # 表4 上年结转's own fund lines
                sub = sublines.setdefault(spec.id, {}).setdefault(parent, {})
                for item, renamed in renames.items():
                    sub.setdefault(item, renamed)
            merged = lines.setdefault(spec.id, {})
            for key, named in spec.lines.items():
                for label, item in named.items():
                    merged.setdefault(key, {}).setdefault(label, item)  # the first layout naming a line wins
    for tid, merged in lines.items():  # the national line names under every layout's
        for key, named in national_lines(tid).items():
            for label, item in named.items():
                merged.setdefault(key, {}).setdefault(label, item)
    own = {t.id for t in base.tables}
    tables = tuple(
        replace(spec, aliases=tuple(n for n in dict.fromkeys(names[tid]) if n != spec.title),
                columns=tuple(dict.fromkeys(columns[tid])), required=spec.required and tid in own,
                header_variants=tuple(pair for pair in dict.fromkeys(hints[tid]) if pair not in spec.headers.items()),
                lines=MappingProxyType({k: MappingProxyType(v) for k, v in lines[tid].items()}),
                sublines_after=MappingProxyType({k: MappingProxyType(v) for k, v in sublines.get(tid, {}).items()}))
        for tid, spec in specs.items())
    # Kinds the vocabulary knows how to read that no remaining layout describes.
    tables += tuple(TableSpec(id=kind.id, number="", title=kind.name or kind.id, shape=str(kind.spec["shape"]),
                              codes=str(kind.spec.get("codes", "function")), required=False,
                              columns=tuple(kind.spec.get("columns", ())),
                              headers=MappingProxyType(dict(kind.spec.get("headers", {}))))
                    for kind in table_kinds() if kind.spec and kind.id not in specs)
    return replace(base, tables=tables, assumed=True)
