"""Docs generated from the code (JSON schema, facts measures, rule catalog) are committed up to date."""
from __future__ import annotations

from yusuan import docs_gen


def test_generated_docs_are_current():
    stale = docs_gen.stale()
    assert stale == [], f"regenerate with `make docs`: {stale}"


def test_every_generator_is_registered():
    names = set(docs_gen._all_generators())
    assert {"schema/budget.schema.json", "facts.md", "rules.md", "cli.md"} <= names
