"""Docs generated from the code (JSON schema, facts measures, rule catalog) are committed up to date."""
from __future__ import annotations

from yusuan import docs_gen


def test_generated_docs_are_current():
    stale = docs_gen.stale()
    assert stale == [], f"regenerate with `make docs`: {stale}"


def test_every_generator_is_registered():
    names = set(docs_gen._all_generators())
    assert {"schema/budget.schema.json", "facts.md", "rules.md", "cli.md"} <= names


def test_the_module_entry_point_sees_every_generator(tmp_path):
    # `python -m yusuan.docs_gen` runs the file as __main__; the rule catalog and the CLI register
    # their docs with yusuan.docs_gen, so the entry point must work through that module.
    import subprocess
    import sys
    code = ("import sys, runpy; from yusuan import docs_gen; docs_gen.DOCS = __import__('pathlib').Path(sys.argv[1]); "
            "sys.argv = ['docs_gen']; runpy.run_module('yusuan.docs_gen', run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert {line.removeprefix("wrote docs/") for line in done.stdout.splitlines()} >= {"rules.md", "cli.md", "facts.md"}
    assert (tmp_path / "rules.md").read_text(encoding="utf-8") == docs_gen._all_generators()["rules.md"]()
