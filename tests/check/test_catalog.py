"""The catalog: frozen, unique, documented, and every rule tested both ways."""
import re
from pathlib import Path

import pytest

from yusuan.check.catalog import CATALOG
from yusuan.check.docs import DOCS, GENERATED
from yusuan.check.registry import build_catalog, rule
from yusuan.model import Severity

HERE = Path(__file__).parent


def test_catalog_is_read_only():
    with pytest.raises(TypeError):
        CATALOG["Z999"] = None  # type: ignore[index]


def test_duplicate_codes_fail():
    class A:
        @rule(code="S999", name="a-rule", severity=Severity.ERROR, title="甲", explanation="甲")
        def a(budget, ctx):
            return ()

    class B:
        @rule(code="S999", name="b-rule", severity=Severity.ERROR, title="乙", explanation="乙")
        def b(budget, ctx):
            return ()

    with pytest.raises(ValueError, match="duplicate rule code S999"):
        build_catalog([A, B])


def test_codes_start_with_their_family_letter():
    with pytest.raises(ValueError):
        rule(code="Z101", name="x", severity=Severity.ERROR, title="x", explanation="x")


def test_reading_issues_are_listed_but_not_run():
    readers = [s for s in CATALOG.values() if s.reader]
    assert readers and all(s.code.startswith("P") and s.fn is None for s in readers)


def test_every_rule_is_documented_with_an_example():
    for spec in CATALOG.values():
        assert spec.title and spec.explanation
        if not spec.reader:
            assert spec.example is not None, spec.code


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_docs_are_current(name):
    assert (DOCS / name).read_text(encoding="utf-8") == GENERATED[name](), \
        f"docs/{name} is stale: run python -m yusuan.check.docs"


def test_every_engine_rule_has_a_firing_and_a_silent_test():
    text = "\n".join(p.read_text(encoding="utf-8") for p in HERE.glob("test_*.py"))
    fired = set(re.findall(r'assert_fires\([^\n]*?"([A-Z]\d{3})"', text))
    silent = set(re.findall(r'"([A-Z]\d{3})"', " ".join(re.findall(r"CODES = \(([^)]*)\)", text))))
    silent |= set(re.findall(r'assert_silent\([^\n]*?"([A-Z]\d{3})"', text))
    engine = {c for c, s in CATALOG.items() if not s.reader and s.fn is not None}  # D001 is render's (render/derive.py)
    assert engine - fired == set()
    assert engine - silent == set()
