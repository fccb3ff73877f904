"""The rule catalog: one decorator declares a rule; the catalog is built once and frozen.

A rule is a function `fn(budget, ctx) -> Iterable[Finding]` decorated with `@rule(...)`. The
decorator only attaches the declaration to the function; `catalog.py` collects the declared
functions of the rule modules into a read-only mapping, failing at import on a duplicate code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Iterable, Mapping

from ..model import Finding, Severity

FAMILIES = MappingProxyType({
    "P": "读取",
    "C": "完整性",
    "S": "表内勾稽",
    "X": "表间勾稽",
    "T": "文表一致",
    "K": "科目编码",
    "Y": "跨年度",
    "V": "隐私与公开",
    "Q": "文字质量",
})


@dataclass(frozen=True)
class Example:
    """What a rule catches, shown by `yusuan rules CODE`: a short excerpt and the message it gives."""

    excerpt: str  # a few table cells or a sentence, written for the catalog (not from a real document)
    message: str  # the finding it produces


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str  # symbolic, kebab-case
    severity: Severity
    title: str  # Chinese
    explanation: str  # Chinese
    tables: tuple[str, ...] = ()  # tables the rule needs; absent → skipped
    layouts: tuple[str, ...] = ()  # empty: every layout
    kinds: tuple[str, ...] = ()  # documents it applies to (预算, 决算); empty: every kind
    example: Example | None = None
    # other inputs: "narrative", "codebook", "prior", "overall", "projects_perf", "toc",
    # "whole_document" (the budget itself, not a file holding only an attachment of it)
    needs: tuple[str, ...] = ()
    any_table: bool = False  # runs when at least one of `tables` is present (else: all needed)
    reader: bool = False  # emitted while reading (P family), not run by the engine
    fn: Callable[..., Iterable[Finding]] | None = field(default=None, compare=False, repr=False)

    @property
    def family(self) -> str:
        return self.code[0]

    @property
    def category(self) -> str:
        return FAMILIES[self.family]

    def applies_to(self, layout: str) -> bool:
        return not self.layouts or layout in self.layouts


def rule(*, code: str, name: str, severity: Severity, title: str, explanation: str,
         tables: tuple[str, ...] = (), layouts: tuple[str, ...] = (), needs: tuple[str, ...] = (),
         example: Example | None = None, any_table: bool = False, kinds: tuple[str, ...] = ()):
    """Declare a rule. The function's body says how; the arguments say what."""
    if code[:1] not in FAMILIES or not code[1:].isdigit():
        raise ValueError(f"rule code {code!r}: a family letter {tuple(FAMILIES)} followed by digits")

    def attach(fn):
        fn.__rule__ = RuleSpec(code=code, name=name, severity=severity, title=title,
                               explanation=explanation, tables=tables, layouts=layouts, kinds=kinds,
                               needs=needs, example=example, any_table=any_table, fn=fn)
        return fn

    return attach


def build_catalog(modules: Iterable[object], extra: Iterable[RuleSpec] = ()) -> Mapping[str, RuleSpec]:
    """Collect declared rules (module order, then definition order) into a frozen mapping by code."""
    specs: list[RuleSpec] = list(extra)
    for module in modules:
        specs.extend(obj.__rule__ for obj in vars(module).values() if callable(obj) and hasattr(obj, "__rule__"))
    seen: dict[str, RuleSpec] = {}
    names: dict[str, str] = {}
    for spec in specs:
        if spec.code in seen:
            raise ValueError(f"duplicate rule code {spec.code}: {seen[spec.code].name} and {spec.name}")
        if spec.name in names:
            raise ValueError(f"duplicate rule name {spec.name}: {names[spec.name]} and {spec.code}")
        seen[spec.code] = spec
        names[spec.name] = spec.code
    return MappingProxyType(dict(sorted(seen.items(), key=lambda kv: _sort_key(kv[0]))))


def _sort_key(code: str) -> tuple[int, int]:
    return (list(FAMILIES).index(code[0]), int(code[1:]))
