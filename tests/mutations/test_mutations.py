"""Mutation suite (issue 3): every mutation of the Wuhan sample is caught by a finding at the mutated place.

The table of mutations and expected rules/places is `mutations/table.py`; `bench/mutations.py` prints
the same catch rate from the command line.
"""
from __future__ import annotations

import pytest

from conftest import WUHAN_TXT, sample
from mutations.table import MUTATIONS, baseline, describe, evaluate, key, rates, report_lines

_outcomes: dict[str, object] = {}


@pytest.fixture(scope="module")
def wuhan():
    path = sample(WUHAN_TXT.name)
    return path, path.read_text(encoding="utf-8"), baseline(path)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("mutations")


def _outcome(mutation, wuhan, workdir):
    if mutation.id not in _outcomes:
        _, text, base = wuhan
        _outcomes[mutation.id] = evaluate(mutation, text, base, workdir)
    return _outcomes[mutation.id]


def test_table_is_well_formed():
    ids = [m.id for m in MUTATIONS]
    assert len(ids) == len(set(ids))
    counted = [m for m in MUTATIONS if not m.expect_silent]
    assert len(counted) >= 45
    assert all(m.codes for m in counted)
    # every table of the Wuhan layout present in the sample is mutated at least once
    assert {"表1", "表3", "表4", "表5-1", "表5-2", "表6", "表7", "表8", "表9", "表10", "表11", "表12-1", "表12-2"} <= {
        m.family for m in MUTATIONS}


def test_unmutated_sample_findings(wuhan):
    path, _, _ = wuhan
    from yusuan.api import check_file
    _, report = check_file(path)
    got = sorted((f.code, f.location.table) for f in report.findings)
    assert got == [("C001", "income_summary"), ("T405", "projects"), ("V601", "overall_performance")]
    v601 = next(f for f in report.findings if f.code == "V601")
    assert v601.location.source.line == 336  # the 联系电话 cell, not the table heading


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.id for m in MUTATIONS])
def test_mutation_is_caught_at_its_place(mutation, wuhan, workdir):
    outcome = _outcome(mutation, wuhan, workdir)
    new = "\n".join(describe(f) for f in outcome.new) or "(no new finding)"
    if mutation.expect_silent:
        assert outcome.new == (), f"{mutation.description}: within tolerance, yet reported:\n{new}"
    else:
        assert outcome.caught, (f"{mutation.description}: expected {'/'.join(mutation.codes)} at {mutation.where}, "
                                f"edited line {outcome.edited_line}; new findings:\n{new}")


def test_catch_rate_is_100_percent(wuhan, workdir, capsys):
    outcomes = [_outcome(m, wuhan, workdir) for m in MUTATIONS]
    lines = report_lines(outcomes)
    with capsys.disabled():
        print("\nmutation catch rate\n" + "\n".join(lines))
    _, (caught, total) = rates(outcomes)
    assert caught == total, "\n".join(lines)
    assert all(o.caught for o in outcomes if o.mutation.expect_silent)


def test_key_ignores_line_numbers():
    # a finding that only moved (lines inserted above it) is not "new"
    from yusuan.model import Finding, Location, Severity, SourceRef
    a = Finding(code="S101", name="x", category="c", severity=Severity.ERROR, message="m",
                location=Location(table="t", source=SourceRef(line=1)))
    b = a.model_copy(update={"location": Location(table="t", source=SourceRef(line=9))})
    assert key(a) == key(b)
