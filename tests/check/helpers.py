"""Run the catalog on a budget and pick findings by code."""
from __future__ import annotations

from yusuan.check import CheckSettings, check


def run(budget, codes: str | tuple[str, ...] = (), **settings):
    select = (codes,) if isinstance(codes, str) else tuple(codes)
    return check(budget, (), CheckSettings(select=select, **settings))


def fired(budget, code: str, other=None):
    """Findings of `code`; a cross-document rule (Y802…) is run with `other`, the document beside `budget`."""
    if other is not None:
        from yusuan.check.cross import check_against

        found, skipped = check_against(budget, other, codes=(code,))
        assert code not in {s.code for s in skipped}, [s.reason for s in skipped]
        return list(found)
    report = run(budget, code)
    assert code not in {s.code for s in report.rules_skipped}, [s.reason for s in report.rules_skipped]
    return [f for f in report.findings if f.code == code]


def assert_silent(budget, code: str, *, other=None):
    found = fired(budget, code, other)
    assert found == [], [f.message for f in found]


def assert_fires(budget, code: str, *, row: str | None = None, column: str | None = None, table: str | None = None,
                 contains: str | None = None, other=None):
    found = fired(budget, code, other)
    assert found, f"{code} did not fire"
    f = found[0]
    if row is not None:
        assert f.location.row and row in f.location.row, (f.location.row, f.message)
    if column is not None:
        assert f.location.column == column, (f.location.column, f.message)
    if table is not None:
        assert f.location.table == table, (f.location.table, f.message)
    if contains is not None:
        assert contains in f.message, f.message
    return found
