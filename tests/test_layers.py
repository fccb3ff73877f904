"""Imports point one way: model ← reference ← read ← extract ← check ← narrative/render/figures ← cli.

A package may import itself, anything to its left, and the shared infrastructure modules
(yusuan.pdflib, the generated-docs registry yusuan.docs_gen). The test reads every module's import statements, so a shortcut upward fails here.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "yusuan"

# What each layer may import from yusuan (besides itself).
ALLOWED = {
    "model": set(),
    "reference": {"model"},
    "read": {"model", "reference", "pdflib"},
    "extract": {"model", "reference", "read"},
    "check": {"model", "reference", "read", "extract", "docs_gen"},  # docs_gen: the generated-docs registry
    "figures": {"model", "reference"},
    "narrative": {"model", "reference", "extract", "read"},
    "render": {"model", "reference", "read", "extract", "narrative", "figures", "pdflib"},
    "store": {"model", "reference", "figures"},
    "compare": {"model", "reference", "read", "extract", "check", "figures"},
    "web": {"model", "reference", "read", "extract", "check", "figures", "narrative", "render", "store", "api",
            "compare"},
}


def _imports(path: Path, package_parts: tuple[str, ...]) -> set[str]:
    """Top-level yusuan subpackages a module imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                target = (*base, *(node.module.split(".") if node.module else ()))
                if node.module is None:
                    target = (*target, *(alias.name for alias in node.names[:1]))
            elif node.module and node.module.startswith("yusuan"):
                target = tuple(node.module.split("."))
            else:
                continue
            if len(target) > 1:
                found.add(target[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "yusuan" and len(parts) > 1:
                    found.add(parts[1])
    return found


def test_imports_point_one_way():
    violations = []
    for layer, allowed in ALLOWED.items():
        folder = PACKAGE / layer
        if not folder.exists():
            continue
        for path in folder.rglob("*.py"):
            rel = path.relative_to(PACKAGE.parent).with_suffix("").parts
            for target in _imports(path, rel[:-1]) - {layer} - allowed:
                violations.append(f"{path.relative_to(PACKAGE)} imports yusuan.{target}")
    assert violations == []


def test_the_model_imports_nothing_else_from_yusuan():
    for path in (PACKAGE / "model").rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("").parts
        assert _imports(path, rel[:-1]) <= {"model"}, path
