"""Mutation suite of a 决算 (issue 12): every mutation of the rendered example 决算 is caught by a finding
at the mutated place; the table is mutations/final_table.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from cli_util import run
from conftest import EXAMPLES
from mutations.final_table import MUTATIONS
from mutations.table import apply, describe, key, points_at, report_lines

_outcomes: dict[str, object] = {}


@pytest.fixture(scope="module")
def final_html(tmp_path_factory):
    directory = tmp_path_factory.mktemp("final_mutations")
    out = directory / "final.html"
    result = run("render", EXAMPLES / "final-demo-2024.yaml", "--to", "html", "-o", out)
    assert result.code == 0, result.err
    from yusuan.api import check_file
    _, report = check_file(out)
    return directory, out.read_text(encoding="utf-8"), {key(f) for f in report.findings}, report


def _outcome(mutation, final_html):
    if mutation.id not in _outcomes:
        from yusuan.api import check_file
        from mutations.table import Outcome
        directory, text, base, _ = final_html
        mutated, edited = apply(mutation, text)
        path = Path(directory) / f"{mutation.id}.html"
        path.write_text(mutated, encoding="utf-8")
        _, report = check_file(path)
        new = tuple(f for f in report.findings if key(f) not in base)
        caught = not new if mutation.expect_silent else any(points_at(f, mutation, mutated, edited) for f in new)
        _outcomes[mutation.id] = Outcome(mutation, new, caught, edited)
    return _outcomes[mutation.id]


def test_the_rendered_final_checks_clean(final_html):
    _, _, _, report = final_html
    assert [f.message for f in report.findings] == []


def test_table_is_well_formed():
    ids = [m.id for m in MUTATIONS]
    assert len(ids) == len(set(ids)) and len([m for m in MUTATIONS if not m.expect_silent]) >= 40
    assert {"表1", "表2", "表3", "表4", "表5", "表6", "表7", "缺表", "空表", "说明金额", "说明百分比", "说明用词", "年份",
            "单位名称"} <= {m.family for m in MUTATIONS}


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.id for m in MUTATIONS])
def test_mutation_is_caught_at_its_place(mutation, final_html):
    outcome = _outcome(mutation, final_html)
    new = "\n".join(describe(f) for f in outcome.new) or "(no new finding)"
    if mutation.expect_silent:
        assert outcome.new == (), f"{mutation.description}: within tolerance, yet reported:\n{new}"
    else:
        assert outcome.caught, (f"{mutation.description}: expected {'/'.join(mutation.codes)} at {mutation.where}, "
                                f"edited line {outcome.edited_line}; new findings:\n{new}")


def test_catch_rate_is_100_percent(final_html, capsys):
    outcomes = [_outcome(m, final_html) for m in MUTATIONS]
    with capsys.disabled():
        print("\n决算 mutation catch rate\n" + "\n".join(report_lines(outcomes)))
    assert all(o.caught for o in outcomes)
